"""Who refused a request: a court, a prosecutor or the administration (a prison, a ministry).

What follows a refusal depends on it: a court's decision is appealed, a prosecutor's refusal
goes to a court, an administration's to a prosecutor or a court. The words of each kind are
data (refusers.yml); the procedures say in their `after_refusal` what each kind opens."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from habeas.remedies.procedures import REFUSERS


@lru_cache(maxsize=1)
def refuser_words() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(resources.files("habeas.remedies").joinpath("refusers.yml").read_text("utf-8"))
    return {kind: tuple(w.lower() for w in data[kind]) for kind in REFUSERS}


def kinds_named(text: str | None) -> list[str]:
    """The kinds of authority `text` names, in the order of REFUSERS."""
    low = (text or "").lower()
    return [kind for kind, words in refuser_words().items()
            if any(re.search(rf"(?<!\w){re.escape(w)}", low) for w in words)]


def refuser_of(author: str | None, sentences: list[str], ruling: bool = False) -> str | None:
    """Who refused: a court for a ruling on appeal; else the first kind the answer's author
    names; else the one kind the sentences telling the answer name ("the prosecutor refused
    to forward it to the court" names two, and is left unknown); else None (unknown)."""
    if ruling:
        return "court"
    named = kinds_named(author)
    if named:
        return named[0]
    told = kinds_named(" ".join(sentences))
    return told[0] if len(told) == 1 else None
