"""The Russian extractor: the spaCy Doc natasha fills (habeas.nlp.ru.component), then our
finders and resolvers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from habeas.model import CaseFile, Document
from habeas.nlp.ru.analysis import from_doc
from habeas.nlp.ru.casefile import build
from habeas.nlp.ru.component import russian_nlp


class RussianExtractor:
    """Turns Russian Documents into CaseFiles; natasha's models load on first use. `syntax`
    runs natasha's parser too: the Doc gets heads and labels, which the finders read for who an
    event is done to and who does it (habeas.nlp.ru.syntax); without it they fall back to case
    and word order."""

    def __init__(self, syntax: bool = True):
        self.syntax = syntax

    def extract(self, document: Document) -> CaseFile:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document]) -> Iterator[CaseFile]:
        nlp = russian_nlp(self.syntax)
        for document in documents:
            document.language = "ru"
            yield build(from_doc(nlp(document.text)), document)


@lru_cache(maxsize=1)
def russian_extractor() -> RussianExtractor:
    return RussianExtractor()
