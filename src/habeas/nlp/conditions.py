"""Medical conditions: a gazetteer (data/conditions.yml) plus the phrases reports use
("diagnosed with X", "suffers from X", "lost 20 kilograms")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from habeas.nlp.resources import load


@dataclass(frozen=True)
class FoundCondition:
    start: int
    end: int
    name: str

WEIGHT = re.compile(r"\blost\s+(?:about\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+)?"
                    r"(?:(?:\d+|a\s+lot\s+of|much|significant|a\s+significant\s+amount\s+of)\s*)?"
                    r"(?:kilograms?|kilos?|kg|pounds|weight)\b",
                    re.IGNORECASE)
CUE = re.compile(r"\b(?:diagnosed\s+with|contracted|infected\s+with|tested\s+positive\s+for|suffers?\s+from|suffering\s+from|suffered\s+from|"
                 r"complains?\s+of|complained\s+of|diagnosis\s+(?:of|was)|signs\s+of|symptoms\s+of)\s+"
                 r"(?:a\s+|an\s+|the\s+)?(?:severe\s+form\s+of\s+)?", re.IGNORECASE)
CUE_STOP = re.compile(r"[.;:,()\n–—]|\s(?:and\s+(?:was|is|has|had|noted|needs)|in\s+prison|since|"
                      r"while|after|because|but|which|that|(?:in|on|by|last|this)\s+(?:(?:19|20)\d\d|"
                      r"January|February|March|April|May|June|July|August|September|October|"
                      r"November|December|the\s+(?:summer|spring|autumn|fall|winter)))\b")


@lru_cache(maxsize=1)
def _known() -> re.Pattern[str]:
    names = sorted(load("conditions"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


def find_conditions(text: str) -> list[FoundCondition]:
    out: list[FoundCondition] = []
    for m in CUE.finditer(text):
        stop = CUE_STOP.search(text, m.end())
        end = stop.start() if stop else min(len(text), m.end() + 80)
        phrase = text[m.end():end].strip()
        if 0 < len(phrase.split()) <= 8 and not re.match(r"(?:him|her|it|this|that|the same|being|having)\b", phrase, re.I):
            out.append(FoundCondition(m.end(), m.end() + len(phrase), phrase))
    for m in list(_known().finditer(text)) + list(WEIGHT.finditer(text)):
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(FoundCondition(m.start(), m.end(), m.group(0)))
    out.sort(key=lambda c: c.start)
    return out
