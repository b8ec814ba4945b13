"""Charges in Russian: the offences after «обвиняется в», «по обвинению в», «осуждён за»,
«по делу о», and the titles of cited articles («Массовые беспорядки»). Each is given with
its head in the nominative: «за организацию деятельности…» -> «организация деятельности…»."""

from __future__ import annotations

import re

from habeas.nlp.charges import FoundCharge
from habeas.nlp.citations import FoundCitation
from habeas.nlp.ru.analysis import Analysis

CUE = re.compile(
    r"\b(?:обвинени\w*\s+(?:\w+\s+){0,2}?в|обвиня\w+\s+(?:\w+\s+){0,2}?в|обвин[её]н\w*\s+(?:\w+\s+){0,2}?в|"
    r"подозрени\w*\s+в|подозрева\w+\s+(?:\w+\s+)?в|по\s+делу\s+о|по\s+статье\s+о|дел\w*\s+о|"
    r"(?:осужд|осуд|приговор|задерж|арестова|наказа|судим|преследу|оштрафова)\w*\s+(?:[^.;]|\.(?=\s?\d)){0,120}?\bза)\s+",
    re.IGNORECASE)
# Where a list of offences ends.
STOP = re.compile(r"[.;:()\[\]\n—–?!]|\s-\s|,\s+(?:а|но|который|которая|которые|где|когда|что|после|и\s+(?:его|ее|её|их))\b"
                  r"|\s(?:по\s+(?:части|статье|ч\.|ст\.)|в\s+(?:19|20)\d\d|к\s+\w+\s+(?:годам|лет)|на\s+\S+\s+(?:лет|года?)\b|"
                  r"был\w*|и\s+приговор\w*|против|после|во\s+время|в\s+отношении)\b", re.IGNORECASE)
SPLIT = re.compile(r",\s*(?:а\s+также\s+)?|\s+и\s+(?=[«\"„]|[а-яё]+(?:ии|ие|ию|ии|ве|ке|де|те|ле|не|ре|ем|ом|ах|ах)\b)|\s+а\s+также\s+")
NOT_AN_OFFENCE = re.compile(r"^(?:что|это|то|него|нее|неё|них|него|свои|свою|своё|всё|все|его|ее|её|их|"
                            r"якобы|так\s+называем\w+)\b", re.IGNORECASE)


def find_charges(a: Analysis, citations: list[FoundCitation]) -> list[FoundCharge]:
    text = a.text
    out: list[FoundCharge] = []
    for cue in CUE.finditer(text):
        start = cue.end()
        stop = STOP.search(text, start)
        end = stop.start() if stop else min(len(text), start + 160)
        # A long run with no stop («по делу о госизмене, обратился в суд … »): only its first item.
        long_run = end - start > 160
        end = min(end, start + 160)
        pos = start
        parts = SPLIT.split(text[start:end])
        for part in parts[:1] if long_run else parts:
            offset = text.find(part, pos)
            if offset < 0:
                continue
            pos = offset + len(part)
            item = part.strip(" ,")
            lead = len(part) - len(part.lstrip(" ,"))
            toks = a.tokens_between(offset + lead, offset + lead + len(item)) if item else []
            if toks and toks[0].pos in ("VERB", "AUX"):
                break  # «…, обратился в суд с ходатайством …»: another clause, no more offences
            if not item or len(item.split()) > 10 or NOT_AN_OFFENCE.match(item.strip("«»\"„“")):
                continue
            # «госизмене»: a word the tagger does not know may still name the offence.
            if not toks or not any(t.pos in ("NOUN", "PROPN", "X") for t in toks[:3]) or toks[0].pos in ("PRON", "DET", "ADV"):
                continue
            out.append(FoundCharge(offset + lead, offset + lead + len(item), _name(a, offset + lead, item)))
    for c in citations:
        if c.title and not any(o.start <= c.start < o.end for o in out):
            out.append(FoundCharge(c.start, c.end, c.title))
    out.sort(key=lambda c: c.start)
    return out


def _name(a: Analysis, start: int, item: str) -> str:
    """««подрыве конституционного строя»» -> «подрыв конституционного строя»."""
    # Only quotes around the whole item go: «фейки» об армии keeps its own.
    wrapped = item[:1] in "«\"„“" and item[-1:] in "»\"“”" and sum(item.count(q) for q in "»\"“”") <= 2
    inner = item[1:-1] if wrapped else item
    at = start + item.find(inner)
    return a.nominative(at, at + len(inner)).strip()
