"""The vocabulary of a case file: typed records, serialised as extract-v1.

Every record that states a fact carries the evidence it came from: a character span of
the document text and the sentence around it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "habeas/extract-v1"

EVENT_TYPES = (
    "arrest", "charge", "sentence", "appeal", "petition", "response", "release", "transfer",
    "health", "hunger_strike", "ill_treatment", "denial", "death", "disappearance",
)
STATUSES = (
    "imprisoned", "pretrial", "released", "deceased", "disappeared", "psychiatric",
    "house_arrest", "exiled", "unknown",
)


@dataclass(frozen=True)
class Evidence:
    """A span of the document text (character offsets) and the sentence holding it."""

    start: int
    end: int
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Term:
    """A prison term: years/months/days, or life."""

    years: int = 0
    months: int = 0
    days: int = 0
    life: bool = False

    def to_json(self) -> dict[str, Any]:
        if self.life:
            return {"life": True}
        out = {"years": self.years, "months": self.months, "days": self.days}
        return {k: v for k, v in out.items() if v}

    def __str__(self) -> str:
        if self.life:
            return "life"
        parts = [f"{v} {unit}" for v, unit in
                 ((self.years, "years"), (self.months, "months"), (self.days, "days")) if v]
        return ", ".join(parts) or "0 days"


@dataclass
class Document:
    """A source text with its metadata, as read from a file, a page or standard input."""

    text: str
    path: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "en"
    sha256: str | None = None

    @property
    def label(self) -> str:
        """What messages and failures name the report by: its path, else its URL, else its title."""
        return self.path or self.url or self.title or "-"

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "published": self.published,
                "language": self.language, "outlet": self.outlet, "path": self.path,
                "sha256": self.sha256}


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    detained: bool = False
    age: int | None = None
    facilities: list[str] = field(default_factory=list)
    sentence: Term | None = None
    charges: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    status: str = "unknown"
    roles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # Where each slot value was found: slot name -> value text -> evidence.
    slot_evidence: dict[str, dict[str, Evidence]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "aliases": self.aliases,
            "detained": self.detained, "age": self.age, "facilities": self.facilities,
            "sentence": self.sentence.to_json() if self.sentence else None,
            "charges": self.charges, "conditions": self.conditions, "status": self.status,
            "roles": self.roles, "evidence": [e.to_json() for e in self.evidence],
            "slot_evidence": {slot: {value: ev.to_json() for value, ev in values.items()}
                              for slot, values in self.slot_evidence.items()},
        }


@dataclass
class Event:
    type: str
    persons: list[str]
    date: str | None
    evidence: Evidence
    attrs: dict[str, Any] = field(default_factory=dict)
    trigger: str = ""
    # The id of the pattern that found the trigger ("petition.remedy.light_verb",
    # "arrest.verb:detain"): for `make eval`'s per-pattern counts, not part of extract-v1.
    pattern: str = ""

    def to_json(self) -> dict[str, Any]:
        attrs = {k: (v.to_json() if isinstance(v, Term) else v) for k, v in self.attrs.items()}
        return {"type": self.type, "persons": self.persons, "date": self.date,
                "attrs": attrs, "trigger": self.trigger, "evidence": self.evidence.to_json()}


@dataclass
class Citation:
    instrument: str
    article: str | None
    evidence: Evidence
    part: str | None = None
    jurisdiction: str | None = None
    title: str | None = None
    date: str | None = None

    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.instrument.casefold(), self.article, self.part, self.date)

    def label(self) -> str:
        """How a petition's `basis` names it: "Criminal Code art. 76"."""
        if self.date and not self.article:
            return f"{self.instrument} of {self.date}"
        bits = [self.instrument]
        if self.article:
            bits.append(f"art. {self.article}")
        if self.part:
            bits.append(f"part {self.part}")
        return " ".join(bits)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"instrument": self.instrument, "article": self.article,
                               "part": self.part, "jurisdiction": self.jurisdiction,
                               "title": self.title}
        if self.date:
            out["date"] = self.date
        out["evidence"] = self.evidence.to_json()
        return out


@dataclass
class Source:
    name: str
    evidence: Evidence


@dataclass
class CaseFile:
    document: Document
    persons: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # The country the report is mostly about (habeas.nlp.countries), which the archive gives
    # the persons it names; not part of extract-v1.
    country: str | None = None

    @property
    def detainees(self) -> list[Person]:
        return [p for p in self.persons if p.detained]

    def to_json(self) -> dict[str, Any]:
        doc = self.document
        return {
            "schema": SCHEMA,
            "file": doc.path.rsplit("/", 1)[-1] if doc.path else None,
            "published": doc.published,
            "language": doc.language,
            "document": doc.to_json(),
            "persons": [p.to_json() for p in self.persons],
            "events": [e.to_json() for e in self.events],
            "citations": [c.to_json() for c in self.citations],
            "sources": [s.name for s in self.sources],
            "source_evidence": [{"name": s.name, "evidence": s.evidence.to_json()}
                                for s in self.sources],
        }

    def dumps(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)
