"""A cheap test run before the full pipeline: does a report show any sign of detention?

Most reports in a news archive are about something else; running spaCy over them only to
find nobody held is the dominant cost of a large ingest. The words and phrases live in
`data/prefilter.yml`."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from habeas.model import Document
from habeas.nlp.alternation import trie_alternation
from habeas.nlp.fold import fold

# A phrase's words may be joined by spaces, line breaks or hyphens ("hunger-strike").
_GAP = r"[\s\-]+"


def _pattern(entries: list[str], *, whole_word: bool) -> str:
    # A stem matches at the start of a word; a phrase must also end where a word ends.
    group = trie_alternation((" ".join(fold(e).split()) for e in entries), gap=_GAP)
    return r"\b" + group + (r"\b" if whole_word else "")


@lru_cache(maxsize=1)
def signs() -> re.Pattern[str]:
    """One compiled pattern for every stem and phrase of the data file, case-folded
    (habeas.nlp.fold): it reads case-folded text (faster than a case-blind search)."""
    data = yaml.safe_load(resources.files("habeas.batch").joinpath("data", "prefilter.yml").read_text("utf-8"))
    stems = [stem for language in data["stems"].values() for stem in language]
    return re.compile(_pattern(stems, whole_word=False) + "|" + _pattern(data["phrases"], whole_word=True))


def shows_detention(text: str) -> bool:
    return signs().search(fold(text)) is not None


def worth_extracting(document: Document) -> bool:
    """True when the title or the text holds any sign of detention."""
    return shows_detention(document.text) or shows_detention(document.title or "")
