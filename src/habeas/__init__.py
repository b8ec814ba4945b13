"""Habeas: sourced, structured case files of detained people, extracted from reports."""

from __future__ import annotations

from habeas.model import CaseFile, Citation, Document, Event, Evidence, Person, Term

__version__ = "0.1.0"
__all__ = ["extract", "CaseFile", "Citation", "Document", "Event", "Evidence", "Person",
           "Term", "__version__"]


def extract(text: str, *, published: str | None = None, title: str | None = None,
            url: str | None = None, language: str | None = None) -> CaseFile:
    """Extract the case file of one report.

    `published` (YYYY, YYYY-MM or YYYY-MM-DD) anchors relative dates ("In September").
    `language` ("en" or "ru") chooses the pipeline; without it, a text mostly in Cyrillic
    is read as Russian. Each pipeline is loaded once per process, on first use.
    """
    from habeas.nlp.pipeline import default_extractor

    doc = Document(text=text, published=published, title=title, url=url, language=language or "en")
    return default_extractor().extract(doc)
