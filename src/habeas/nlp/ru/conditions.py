"""Medical conditions in Russian: diagnoses from data/conditions.yml in any case form, with
the adjectives before them and the genitive words after them («тяжелой формой артроза»,
«гиперплазией предстательной железы»), and what follows «диагноз» or «страдает»."""

from __future__ import annotations

import re
from functools import lru_cache

from habeas.nlp.conditions import FoundCondition
from habeas.nlp.ru.analysis import Analysis, Token
from habeas.nlp.ru.resources import fold, load

# «форма», «стадия»: words that lead a diagnosis named after them in the genitive.
LEADS = {"форма", "стадия", "обострение", "приступ", "подозрение", "признак", "проблема"}
WEIGHT = re.compile(r"\b(?:похудел\w*|потерял\w*|сбросил\w*)\s+(?:на\s+)?(?:около\s+|более\s+|почти\s+)?\d+\s*(?:кг|килограмм\w*)",
                    re.IGNORECASE)
CUE = re.compile(r"\b(?:диагноз\w*|диагностировал\w*)\s*(?:[—–:-]\s*|\s)[«\"„]?(?P<x>[^.,;:»\"“()\n]{3,60})",
                 re.IGNORECASE)


@lru_cache(maxsize=1)
def _lemmas() -> frozenset[str]:
    data = load("conditions")
    return frozenset(data["diagnoses"]) | frozenset(data["vague"])


@lru_cache(maxsize=1)
def _vague() -> frozenset[str]:
    return frozenset(load("conditions")["vague"])


def _extend(a: Analysis, k: int) -> tuple[int, int]:
    """Token range of a diagnosis around its head token k."""
    toks = a.tokens
    lo, hi = k, k + 1
    while lo > 0 and _adjective(toks[lo - 1]) and toks[lo].start - toks[lo - 1].stop <= 1:
        lo -= 1
    if lo > 0 and toks[lo - 1].lemma in LEADS:
        lo -= 1
        while lo > 0 and toks[lo - 1].pos == "ADJ":
            lo -= 1
    while hi < len(toks) and hi - k < 4 and toks[hi].pos in ("ADJ", "NOUN", "PROPN") and \
            toks[hi].feats.get("Case") == "Gen" and toks[hi].start - toks[hi - 1].stop <= 1:
        hi += 1
    if hi > k + 1 and toks[hi - 1].pos == "ADJ":   # a genitive run ends on a noun; the head stays
        hi -= 1
    return lo, hi


def _adjective(t: Token) -> bool:
    """An adjective, or a word the tagger takes for a participle («злокачественную»)."""
    return t.pos == "ADJ" or (t.pos == "VERB" and bool(re.search(r"(?:ая|ую|ой|ый|ий|ое|ые|ых|ым|ом|ей)$", t.text)))


def find_conditions(a: Analysis) -> list[FoundCondition]:
    out: list[FoundCondition] = []
    lemmas = _lemmas()
    for k, t in enumerate(a.tokens):
        if t.lemma in lemmas or fold(t.text) in lemmas:
            lo, hi = _extend(a, k)
            if (t.lemma in _vague() or t.text.lower() in _vague()) and hi - k < 2:
                continue  # «из-за болезни»: no illness named
            start, end = a.tokens[lo].start, a.tokens[hi - 1].stop
            out.append(FoundCondition(start, end, _name(a, a.tokens[lo:hi])))
    out += _qualified(a)
    for m in CUE.finditer(a.text):
        if not any(c.start <= m.start("x") < c.end for c in out):
            x = m.group("x").strip()
            out.append(FoundCondition(m.start("x"), m.start("x") + len(x), a.nominative(m.start("x"), m.start("x") + len(x))))
    for m in WEIGHT.finditer(a.text):
        out.append(FoundCondition(m.start(), m.end(), m.group(0)))
    out.sort(key=lambda c: c.start)
    return [c for i, c in enumerate(out) if not any(o.start <= c.start < o.end for o in out[:i])]


def _qualified(a: Analysis) -> list[FoundCondition]:
    """Conditions named by a vague word with what makes it medical (data/conditions.yml
    `qualified`): «проблемы с печенью», «повышенное давление»."""
    out: list[FoundCondition] = []
    toks = a.tokens
    for spec in load("conditions").get("qualified") or []:
        for k, t in enumerate(toks):
            if t.lemma not in spec["heads"]:
                continue
            if spec.get("after"):   # «проблемы с сердцем»
                if k + 2 < len(toks) and toks[k + 1].lemma in spec["after"]["prep"] and \
                        toks[k + 2].lemma in spec["after"]["words"]:
                    # the head in its own number («проблемы с печенью»), the rest as written
                    head = t.text.lower() if t.text.lower().endswith(("ы", "и")) or \
                        t.feats.get("Case") in ("Nom", "Acc") else _name(a, [t])
                    out.append(FoundCondition(t.start, toks[k + 2].stop,
                                              head + a.text[t.stop:toks[k + 2].stop]))
            elif spec.get("before"):   # «высокое давление»: adjectives by their stems
                lo = k
                while lo > 0 and any(toks[lo - 1].text.lower().startswith(x) for x in spec["before"]):
                    lo -= 1
                if lo < k:
                    out.append(FoundCondition(toks[lo].start, t.stop, _name(a, toks[lo:k + 1])))
    return out


def _name(a: Analysis, toks: list[Token]) -> str:
    return a.nominative(toks[0].start, toks[-1].stop)
