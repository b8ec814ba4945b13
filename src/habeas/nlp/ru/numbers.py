"""Russian number words in any case form: «семи», «двум», «полутора», «двадцати пяти»."""

from __future__ import annotations

import re
from functools import lru_cache

from habeas.nlp.ru.resources import fold, load

# One number: digits ("7", "7,5") or up to two number words ("двадцати пяти").
NUMBER = r"(?:\d{1,3}(?:[.,]5)?|[а-яё]+(?:\s+[а-яё]+)?)"


@lru_cache(maxsize=1)
def _prefixes() -> list[tuple[str, float]]:
    return sorted(load("lexicon")["numbers"].items(), key=lambda kv: -len(kv[0]))


# A number word in any case form: its stem and up to five letters of ending.
_WORD = r"(?:" + "|".join(p for p, _ in _prefixes()) + r")[а-яё]{0,5}"
# Only number words ("семи", "двадцати пяти") or digits: a term's amount never starts at a
# verb or preposition («получил шесть», «к пяти»).
AMOUNT = r"(?:\d{1,3}(?:[.,]5)?|" + _WORD + r"(?:\s+" + _WORD + r")?)(?![а-яё])"


def word_value(word: str) -> float | None:
    """«семи» -> 7; «неделю» -> None. Words longer than a number word are not numbers."""
    w = fold(word)
    if len(w) > 14:
        return None
    for prefix, value in _prefixes():
        if w.startswith(prefix) and len(w) - len(prefix) <= 5:
            return float(value)
    return None


def value(text: str) -> float | None:
    """The value of a number written in digits or words; None if it is no number."""
    text = text.strip().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    words = text.split()
    values = [word_value(w) for w in words]
    if not values or any(v is None for v in values):
        return None
    if len(values) == 2 and not (values[0] >= 20 and values[1] < 10):
        return None  # «двадцати пяти» is 25; «семи двух» is no number
    return sum(values)
