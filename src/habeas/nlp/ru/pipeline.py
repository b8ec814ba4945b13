"""The Russian extractor: the spaCy Doc natasha fills (habeas.nlp.ru.component), then our
finders and resolvers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from habeas.model import CaseFile, Document
from habeas.nlp.ru.analysis import analyse, load_models
from habeas.nlp.ru.casefile import build


class RussianExtractor:
    """Turns Russian Documents into CaseFiles; natasha's models load on first use."""

    def extract(self, document: Document) -> CaseFile:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document]) -> Iterator[CaseFile]:
        load_models()
        for document in documents:
            document.language = "ru"
            yield build(analyse(document.text), document)


@lru_cache(maxsize=1)
def russian_extractor() -> RussianExtractor:
    return RussianExtractor()
