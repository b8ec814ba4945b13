"""The country a report is about: the one its text names most often (by name or adjective)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from habeas.nlp.citations import _countries


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    forms = sorted(_countries(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


def main_country(text: str) -> str | None:
    """The most often named country; the first named on a tie; None when none is named."""
    counts = Counter(_countries()[m.group(0).lower()] for m in _pattern().finditer(text))
    return counts.most_common(1)[0][0] if counts else None
