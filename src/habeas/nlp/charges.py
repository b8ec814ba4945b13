"""Charges: the offences a report names ("on charges of smuggling and distributing
pornography", "charged with fraud", "convicted of inciting ethnic hatred")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from habeas.nlp.resources import load


@dataclass(frozen=True)
class FoundCharge:
    start: int
    end: int
    name: str

# Phrases after which a list of offences follows.
CUE = re.compile(
    r"\b(?:on\s+(?:\w+\s+){0,2}charges?\s+(?:of|including|that\s+included|related\s+to|involving)|"
    r"on\s+(?:a\s+|the\s+)?charges?\s+of|charged\s+(?:\w+\s+|under\s+[^.;]{3,60}?\s+)?with|accused\s+(?:\w+\s+)?of|"
    r"convicted\s+(?:\w+\s+)?of|found\s+(?:\w+\s+)?guilty\s+of|guilty\s+of|indicted\s+(?:\w+\s+)?(?:for|on)|"
    r"(?:arrested|detained|sentenced|jailed|imprisoned|convicted|prosecuted|punished|fined)\s+(?:\w+\s+){0,3}?for|"
    r"charges?\s+(?:of|under)|responsibility\s+for)\s+",
    re.IGNORECASE)
# Where a list of offences ends.
STOP = re.compile(
    r"[.;:()\[\]\n–—]|\s-\s|,\s+(?:which|who|where|while|but|as|after|before|and\s+(?:was|were|sentenced|he|she))\b"
    r"|\s(?:and\s+)?(?:but|sentenced|was|were|is|are|has|had|during|after|before|because|since|under|"
    r"while|to\s+protest|in\s+connection|who|which|that\s+(?:he|she|they)|"
    r"in\s+(?:19|20)\d\d|in\s+(?:a|an|the|his|her|their)\s|in\s+[A-Z]|by\s+(?:the\s+)?[A-Z]|by\s+the)\b")
SPLIT = re.compile(r",\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+|\s+or\s+(?=[a-z]+ing\b)")
FILLER = re.compile(r"^(?:including\s+|the\s+|a\s+|an\s+|alleged(?:ly)?\s+|allegedly\s+|so-called\s+|other\s+related\s+charges|"
                    r"other\s+charges|several\s+|a\s+number\s+of\s+charges|charges?\s+of\s+|"
                    r"involvement\s+in\s+)+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known() -> re.Pattern[str]:
    names = sorted(load("charges")["offences"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(x.lower() for x in load("charges")["not_offences"])


def _clean(item: str) -> str:
    item = re.sub(r"[“”\"«»]", "", item).strip(" ,")
    item = FILLER.sub("", item).strip(" ,")
    return item


def _items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split a list of offences; a lone word that is no offence by itself leans on the next
    item: "producing, acquiring or selling counterfeit money" is one charge."""
    items: list[tuple[int, int, str]] = []
    pos = start
    pending: int | None = None
    for part in SPLIT.split(text[start:end]):
        offset = text.find(part, pos)
        if offset < 0:
            continue
        pos = offset + len(part)
        name = _clean(part)
        if len(name.split()) == 1 and not _known().fullmatch(name) and name.endswith("ing"):
            pending = offset if pending is None else pending
            continue
        first = pending if pending is not None else offset
        pending = None
        items.append((first, pos, _clean(text[first:pos])))
    return items


def find_charges(text: str) -> list[FoundCharge]:
    out: list[FoundCharge] = []
    for cue in CUE.finditer(text):
        start = cue.end()
        stop = STOP.search(text, start)
        end = stop.start() if stop else min(len(text), start + 200)
        if end - start > 250:
            continue
        for offset, item_end, name in _items(text, start, end):
            words = name.split()
            if not words or len(words) > 14 or not re.match(r"[a-zA-Z«“\"]", name):
                continue
            if re.match(r"(?:him|her|them|his|their|it|this|that|what|no|being|having)\b", name, re.I):
                continue
            if name.lower() in _generic():
                continue
            if not (re.search(r"(?:ing|ion|ism|ery|ity|ure|ud|der|ge|ice|ling|ry|ment|sion|ance|ence)\b", name)
                    or _known().search(name)):
                continue
            out.append(FoundCharge(offset, item_end, name))
    for m in _known().finditer(text):
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(FoundCharge(m.start(), m.end(), m.group(0)))
    out.sort(key=lambda c: c.start)
    return out
