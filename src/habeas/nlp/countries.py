"""The country a report is about: the one its text names most often, by name, adjective or
one of its places (data/places.yml)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from habeas.model import Document
from habeas.nlp.alternation import trie_alternation
from habeas.nlp.citations import _countries
from habeas.nlp.fold import fold
from habeas.nlp.resources import load
from habeas.nlp.ru.citations import main_country as ru_main_country
from habeas.nlp.ru.language import is_russian


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """Case-folded country name, adjective or place -> country."""
    return {**{fold(place): country for place, country in load("places").items()}, **_countries()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Places are proper names: matched as written (main_country checks); country words in any case.
    return re.compile(r"\b" + trie_alternation(_forms()) + r"\b", re.IGNORECASE)


def main_country(text: str) -> str | None:
    """The most often named country; the first named on a tie; None when none is named."""
    counts = Counter(_forms()[fold(m.group(0))] for m in _pattern().finditer(text)
                     if m.group(0)[0].isupper() or fold(m.group(0)) in _countries())
    return counts.most_common(1)[0][0] if counts else None


def report_country(document: Document) -> str | None:
    """The country of a report in its own language: a Russian report names it in Russian
    («в России», «УК РФ»)."""
    return (ru_main_country if is_russian(document) else main_country)(document.text)
