"""A long report in pieces: split at paragraph boundaries, extracted piece by piece, and the
pieces' case files merged back into the one case file of the whole report.

Why not one Doc: spaCy refuses a text over `nlp.max_length` (1,000,000 characters), and the
resolvers compare mentions with one another, so their time grows faster than a report's
length (200,000 characters of the dev reports: 48 s in pieces of 100,000, 30 s in pieces of
25,000). A piece is many times the longest real report, so an ordinary report is never split; in a
long one, what a piece finds stays with the sentence it was found in, its offsets moved to
where the piece starts in the whole text, and persons two pieces name alike (as the resolvers
compare names: "Nasirov" is "Farid Nasirov") are one person.
"""

from __future__ import annotations

import re
from dataclasses import replace

from habeas.model import CaseFile, Citation, Document, Event, Evidence, Person, Source
from habeas.nlp.fold import fold
from habeas.names import same_name

# Characters per piece: over fifteen times the longest report of the dev and challenge sets
# (3,005), a twentieth of spaCy's max_length.
PIECE_CHARS = 50_000
# Pieces parsed together: a few, so memory holds a few pieces' parses, not the whole report's
# (1.18 million characters of dev reports: 282 s and 530 MB at most, where pieces of 100,000
# parsed sixteen at a time took 3.7 GB).
PIECE_BATCH = 2
# Where a piece may end, best first: after a blank line (a paragraph), a line, a sentence,
# a space; a text with none of them is cut where the piece is full.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…。؟]\s"), re.compile(r"\s"))


def split(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs that concatenate to `text`, each at most `size` characters,
    ending at the best boundary in the second half of the piece."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        end = _break_before(text, start + size // 2, start + size)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _break_before(text: str, lo: int, hi: int) -> int:
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, lo, hi):
            pass
        if last is not None:
            return last.end()
    return hi


def piece_documents(document: Document, size: int = PIECE_CHARS) -> list[tuple[int, Document]]:
    """The pieces of a document as documents of their own (same header, part of the text)."""
    return [(offset, replace(document, text=text)) for offset, text in split(document.text, size)]


def merge(document: Document, parts: list[tuple[int, CaseFile]]) -> CaseFile:
    """One case file of `document` from the case files of its pieces (offset, case file)."""
    persons: list[Person] = []
    events: list[Event] = []
    citations: list[Citation] = []
    sources: dict[str, Source] = {}
    for offset, case in parts:
        renamed: dict[str, str] = {}    # a name in this piece -> the name of the merged person
        for person in case.persons:
            person = _shift_person(person, offset)
            same = _same_person(persons, person)
            if same is None:
                persons.append(person)
            else:
                _absorb(same, person)
                renamed[person.name] = same.name
        for event in case.events:
            events.append(replace(event, evidence=_shift(event.evidence, offset),
                                  persons=[renamed.get(n, n) for n in event.persons]))
        citations += [replace(c, evidence=_shift(c.evidence, offset)) for c in case.citations]
        for s in case.sources:
            sources.setdefault(fold(s.name), Source(s.name, _shift(s.evidence, offset)))
    for n, person in enumerate(persons, start=1):
        person.id = f"P{n}"
    if parts:
        document.language = parts[0][1].document.language
    return CaseFile(document=document, persons=persons, events=events, citations=citations,
                    sources=list(sources.values()))


def _same_person(persons: list[Person], person: Person) -> Person | None:
    """The one person of earlier pieces `person` is, by any of their names as the resolvers
    compare names ("Nasirov" is "Farid Nasirov"); None when none is, or more than one may be."""
    forms = [person.name, *person.aliases]
    found = [p for p in persons if any(same_name(a, b) for a in [p.name, *p.aliases] for b in forms)]
    return found[0] if len(found) == 1 else None


def _shift(evidence: Evidence, offset: int) -> Evidence:
    if offset == 0 or (evidence.start == evidence.end == 0):   # (0, 0): the header, not the text
        return evidence
    return Evidence(evidence.start + offset, evidence.end + offset, evidence.text)


def _shift_person(person: Person, offset: int) -> Person:
    return replace(person, evidence=[_shift(e, offset) for e in person.evidence],
                   slot_evidence={slot: {value: _shift(e, offset) for value, e in values.items()}
                                  for slot, values in person.slot_evidence.items()},
                   aliases=list(person.aliases), facilities=list(person.facilities),
                   charges=list(person.charges), conditions=list(person.conditions),
                   roles=list(person.roles))


def _absorb(into: Person, other: Person) -> None:
    """What a later piece says of a person already met: lists gain new values, a slot
    still empty takes the later value, and being detained anywhere makes one detained."""
    for name in [other.name, *other.aliases]:
        if fold(name) != fold(into.name) and fold(name) not in {fold(a) for a in into.aliases}:
            into.aliases.append(name)
    for field in ("facilities", "charges", "conditions", "roles"):
        mine = getattr(into, field)
        mine += [v for v in getattr(other, field) if fold(v) not in {fold(m) for m in mine}]
    into.detained = into.detained or other.detained
    into.age = into.age if into.age is not None else other.age
    into.sentence = into.sentence or other.sentence
    if into.status == "unknown":
        into.status = other.status
    into.evidence += other.evidence
    for slot, values in other.slot_evidence.items():
        for value, evidence in values.items():
            into.slot_evidence.setdefault(slot, {}).setdefault(value, evidence)

