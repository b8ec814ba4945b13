"""Places of detention: "MR-B/15 prison hospital", "Ovadan Depe prison", "penal colony No. 47",
"pre-trial detention facility in Aktobe", "hospital of the penal colony No. 47"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.util import filter_spans

from habeas.nlp.alternation import skimming, trie_alternation
from habeas.nlp.citations import country_of
from habeas.nlp.fold import fold
from habeas.nlp.dates import MONTHS
from habeas.nlp.resources import load


@dataclass(frozen=True)
class FoundFacility:
    start: int
    end: int
    name: str

# Before the head: a name in capitals (possibly quoted or hyphenated), a prison code, or an
# adjective that says what kind ("maximum-security", "regional").
# "al-Natrun", "el-Kanater": Arabic articles joined to a capitalised name.
_NAME_WORD = (r"(?:[“\"«]?(?:(?:al|el|ad|ash|as|at|ul)-)?[A-ZА-ЯЁ][\w’'\-]*[”\"»]?|"
              + load("facilities")["code_pattern"] + r"|\d{1,3})")
_KIND_WORD = (r"(?:maximum|medium|minimum|high|strict|general|special|high-|strict-)[- ]?(?:security|regime)|"
              + "|".join(re.escape(k) for k in sorted(load("facilities")["kinds"] + load("facilities")["descriptive"],
                                                     key=len, reverse=True)))
_LEFT = re.compile(r"(?:(?:" + _NAME_WORD + r"|No\.?\s?\d+|" + _KIND_WORD + r")[ \t]+){1,4}$")
# After the head: "of the Osh city police", "of the State Committee for National Security":
# the authority that runs it (a head word from data/authorities.yml closes the name).
_OF_AUTHORITY = re.compile(r"^[ \t]+of[ \t]+the[ \t]+(?P<body>(?:[A-Za-z][\w’'\-]*[ \t]+){0,6}?(?:"
                           + "|".join(re.escape(h) for h in sorted(load("authorities")["heads"], key=len, reverse=True))
                           + r"))\b", re.IGNORECASE)
# After the head: a number ("No. 47", "N47", "#1", "No.2", "209") and/or a place ("in Dushanbe",
# "in Petropavl region").
_RIGHT = re.compile(
    r"^(?:[ \t]+(?:No\.?\s?\d+|N\s?\d+|№\s?\d+|#\s?\d+|\d{1,3})(?![\d\-]))?"
    r"(?:[ \t]+(?:[A-Z][a-z]+)(?=[\s,.;]))?"
    r"(?:[ \t]+(?:in|near|of)[ \t]+(?:the[ \t]+)?(?:city[ \t]+of[ \t]+)?(?P<place>[A-Z][\w\-]+)"
    r"(?:[ \t]+(?:region|province|oblast|district))?)?")
# "hospital of the penal colony No. 47", "medical division of detention centre #1".
_OF_PREFIX = re.compile(r"(?:the\s+)?(?:prison\s+)?(?:hospital|medical (?:division|unit|ward)|section \d+|"
                        r"infirmary|ward)\s+(?:of|under|at)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _heads() -> re.Pattern[str]:
    # in one case for the trie, which matches what `a|b|…` longest first does
    return skimming(r"\b" + trie_alternation(h.lower() for h in load("facilities")["heads"]) + r"s?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _codes() -> re.Pattern[str]:
    """A facility's code on its own: "IK-2", "SIZO-1", "LB-K/12" (known prefixes only)."""
    prefixes = "|".join(re.escape(p) for p in load("facilities")["code_prefixes"])
    return re.compile(r"(?<![\w\-/])(?:" + prefixes + r")(?:-[A-Z]{1,3})?[/\-]\d{1,3}(?:/\d{1,3})?(?![\w\-/])")


def find_facilities(text: str) -> list[FoundFacility]:
    data = load("facilities")
    standalone = {fold(h) for h in data["standalone"]}
    not_names = set(data["not_names"])
    not_after = set(data["not_after"])
    heads = {fold(h) for h in data["heads"]}
    descriptive = "|".join(re.escape(d) for d in data["descriptive"])
    out: list[FoundFacility] = []
    for m in _heads().finditer(text):
        if _in_headline(text, m.start()):
            continue
        head = fold(m.group(0))
        start, end = m.start(), m.end()
        follower = re.match(r"[ \t]+([A-Za-z]+)", text[end:end + 30])
        if follower and follower.group(1).lower() in not_after:
            continue  # "the Regional Prison Board": an authority
        if head.endswith("s") and head.rstrip("s") in heads and not re.match(r"[ \t]+(?:No\.?|N|№|#)\s?\d", text[end:end + 12]):
            continue  # "Egyptian prisons", "detention centers in Almaty": places in general
        left = _LEFT.search(text[max(0, start - 80):start])
        named = False
        if left and left.group(0).split()[-1] in not_names:
            left = None  # "a COVID-19 hospital"
        if left:
            words = left.group(0)
            # Only the words after a capitalised word that names nothing ("The", "COVID-19").
            kept = words.split()
            while kept and kept[0] in not_names:
                kept = kept[1:]
            if not kept:
                left = None
            else:
                words = words[words.index(kept[0]):]
        if left:
            # A sentence-initial capital ("The prison") names nothing.
            if not re.fullmatch(r"(?:The|A|An|This|That|In|At|His|Her|Their)\s+", words):
                start -= len(words)
                named = bool(re.search(r"[A-ZА-Я\d]", words))
        authority = _OF_AUTHORITY.match(text[end:end + 120])
        right = None if authority else _RIGHT.match(text[end:end + 80])
        if right and right.group(0):
            tail = right.group(0)
            end += len(tail)
            place = right.group("place")
            if place and (country_of(place) or place.lower() in MONTHS) and not re.search(r"\d", tail):
                end -= len(tail)  # "a prison in Iran" names no prison
            else:
                named = named or bool(re.search(r"\d|\bin\s+[A-Z]", tail))
        if authority and re.search(r"[A-Z]", authority.group("body")):
            end += authority.end()
            named = True
            place = re.match(r"[ \t]+in[ \t]+(?P<place>[A-Z][\w\-]+)", text[end:end + 40])
            if place:
                end += place.end()
        if not named and head not in standalone:
            continue
        prefix = _OF_PREFIX.search(text[max(0, start - 60):start])
        if prefix:
            start -= len(prefix.group(0))
        name = text[start:end]
        name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
        name = re.sub(r"[“”\"«»]", "", name).strip(" ,.")
        # Drop a leading sentence word that only happened to be capitalised, a country's
        # possessive and words that only describe: "Turkmenistan's notorious Ovadan Depe prison".
        name = re.sub(r"^(?:The|In|At|From|To|His|Her|Their|This|That)\s+", "", name)
        owner = re.match(r"([A-Z][\w\-]+)[’']s\s+", name)
        if owner and country_of(owner.group(1)):
            name = name[owner.end():]
        name = re.sub(r"^(?:" + descriptive + r")\s+", "", name, flags=re.IGNORECASE)
        if len(name) < 4:
            continue
        out.append(FoundFacility(start, end, name))
    for m in _codes().finditer(text):
        if any(f.start <= m.start() < f.end for f in out) or _in_headline(text, m.start()):
            continue
        end = m.end()
        right = _RIGHT.match(text[end:end + 80])
        place = right.group("place") if right else None
        if place and not country_of(place) and place.lower() not in MONTHS and " in " in right.group(0):
            end += len(right.group(0))
        out.append(FoundFacility(m.start(), end, text[m.start():end].strip(" ,.")))
    return _no_overlaps(out)


def _in_headline(text: str, offset: int) -> bool:
    """A Title Case line ("Man Gets Four-Year Prison Term") capitalises every word."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    words = re.findall(r"[A-Za-z][\w’'\-]*", text[line_start:line_end if line_end >= 0 else len(text)])
    small = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "at", "by", "with", "from"}
    big = [w for w in words if w.lower() not in small]
    return len(big) >= 4 and sum(w[0].isupper() for w in big) >= 0.8 * len(big)


def _no_overlaps(found: list[FoundFacility]) -> list[FoundFacility]:
    """The longest of overlapping facilities (the first of equal ones), in text order."""
    return filter_spans(found)
