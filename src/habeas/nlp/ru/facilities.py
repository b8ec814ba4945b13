"""Places of detention in Russian: «ИК-2», «СИЗО-1», «колония строгого режима»,
«тюремная больница», «ЛИУ-3», «колония Новосибирска», «исправительная колония № 5»."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from habeas.nlp.facilities import FoundFacility
from habeas.nlp.facilities import _no_overlaps as no_overlaps
from habeas.nlp.ru.analysis import Analysis
from habeas.nlp.ru.resources import load

# Adjectives before the head: «исправительной», «женской», «Владимирский»; at most this many.
_MAX_ADJECTIVES = 3
_ADJECTIVES = r"(?:[А-ЯЁа-яё\-]+(?:ая|ой|ую|ий|ый|ого|ом|ое|ых|ым|ей|ые|ский|ская|ской|скую|ском)\s+)" \
    r"{0,%d}" % _MAX_ADJECTIVES
# After the head: a regime, a number, a place: «строгого режима», «№ 5», «в Мордовии»,
# «Новосибирска», «г. Омска». The last letters allow a Latin look-alike («Новосибирскa»).
_RIGHT = re.compile(
    r"^(?:[ \t]+(?:строгого|общего|особого|усиленного|специального)[ \t]+режима)?"
    r"(?:[ \t]*(?:№|N|номер)[ \t]?\d{1,3}|[-–]\d{1,3}(?![\d.])|[ \t]+[А-ЯЁ]{2}-\d{1,3}(?:/\d{1,3})?)?"
    r"(?:[ \t]+«[^«»\n]{2,40}»)?"
    r"(?:[ \t]+(?:(?:в|под)[ \t]+(?:г\.[ \t]*|городе[ \t]+)?|г\.[ \t]*)?[А-ЯЁ][а-яёa-z\-]+(?:[ \t]+(?:области|края|крае|республики))?"
    r"(?=[\s,.;:)]|$))?")
PLURAL = re.compile(r"колониях|колоний|колониям|тюрьмах|тюрем|лагерях|лагерей", re.IGNORECASE)
_PLACE_WORD = re.compile(r"^(?:в|под)\s|^г\.|^[А-ЯЁ]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The codes; the heads with their adjectives; the heads alone; the standalone heads."""
    data = load("facilities")
    codes = re.compile(r"\b(?:" + "|".join(data["codes"]) + r")[-–\s]?(?:№\s?)?\d{1,3}(?:/\d{1,3})?\b"
                       r"|\b(?:" + "|".join(data["bare_codes"]) + r")\b")
    head = r"\b(?:" + "|".join(data["heads"]) + r")"
    heads = re.compile(_ADJECTIVES + head, re.IGNORECASE)
    standalone = re.compile(r"(?:" + "|".join(data["standalone"]) + r")", re.IGNORECASE)
    return codes, heads, re.compile(head, re.IGNORECASE), standalone


def _head_matches(text: str) -> Iterator[re.Match[str]]:
    """`heads.finditer(text)`, with the adjectives tried only just before a head word.

    Tried at every character, the adjectives cost ten times the rest of the finder. A match
    is up to _MAX_ADJECTIVES words, each followed by whitespace, then a head; so the next
    match from `pos` on starts at or before the first head from there (with no adjective it
    matches there), and no earlier than _MAX_ADJECTIVES runs of non-space before that head:
    searching from there finds the very match finditer finds."""
    _, heads, head, _ = _patterns()
    pos = 0
    while (found := head.search(text, pos)) is not None:
        start = found.start()
        for _ in range(_MAX_ADJECTIVES):
            while start > pos and text[start - 1].isspace():
                start -= 1
            while start > pos and not text[start - 1].isspace():
                start -= 1
        m = heads.search(text, start)
        assert m is not None and m.start() <= found.start()
        yield m
        pos = m.end()


def find_facilities(a: Analysis) -> list[FoundFacility]:
    text = a.text
    codes, _, _, standalone = _patterns()
    out: list[FoundFacility] = []
    for m in codes.finditer(text):
        start, end = m.start(), m.end()
        right = _RIGHT.match(text[end:end + 60])
        if right and right.group(0) and _PLACE_WORD.match(right.group(0).strip()):
            end += len(right.group(0))
        out.append(FoundFacility(start, end, text[start:end]))
    for m in _head_matches(text):
        start, head_end = m.start(), m.end()
        right = _RIGHT.match(text[head_end:head_end + 80])
        tail = right.group(0) if right else ""
        if PLURAL.fullmatch(m.group(0).split()[-1]) and not re.search(r"\d", tail):
            continue  # «в российских колониях»: places in general
        end = head_end + len(tail)
        # «колонию Горинову», «колония № 11 Виноградова»: a person after the head names no place.
        person = next((e for e in a.entities if e.type == "PER" and head_end <= e.start < end), None)
        if person is not None:
            end = head_end + len(a.text[head_end:person.start].rstrip())
            tail = a.text[head_end:end]
        # A capital at the start of a sentence names nothing («Колония находится…»).
        # A regime alone («колония строгого режима») says what kind, not which.
        named = bool(re.search(r"\d|[А-ЯЁ]", tail)) or bool(re.search(r"[А-ЯЁ]", m.group(0)[1:])) \
            or bool(standalone.search(m.group(0)))
        if not named:
            continue
        out.append(FoundFacility(start, end, _name(a, start, head_end, end)))
    return no_overlaps(out)


def _name(a: Analysis, start: int, head_end: int, end: int) -> str:
    """The head phrase in the nominative, the rest as written: «колонии строгого режима» ->
    «колония строгого режима»."""
    return (a.nominative(start, head_end) + a.text[head_end:end]).strip(" ,.")
