"""The country a report is about: the one its text names most often, by name, adjective or
one of its places (data/places.yml)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from habeas.nlp.alternation import trie_alternation
from habeas.nlp.citations import _countries
from habeas.nlp.resources import load


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """Lower-case country name, adjective or place -> country."""
    return {**{place.lower(): country for place, country in load("places").items()}, **_countries()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Places are proper names: matched as written (main_country checks); country words in any case.
    return re.compile(r"\b" + trie_alternation(_forms()) + r"\b", re.IGNORECASE)


def main_country(text: str) -> str | None:
    """The most often named country; the first named on a tie; None when none is named."""
    # "İstanbul".lower() keeps a combining dot (U+0307) that the forms do not have.
    words = (m.group(0) for m in _pattern().finditer(text))
    counts = Counter(_forms()[w.lower().replace("\u0307", "")] for w in words
                     if w[0].isupper() or w.lower() in _countries())
    return counts.most_common(1)[0][0] if counts else None
