"""Case files written by hand, as the pipeline would make them, for tests of what the archive
does with them: no spaCy runs, and each test states the facts it stores. `Reports` stands in
for the pipeline: it answers each document (by its TITLE) with the case file given for it."""

from __future__ import annotations

import re

from habeas.model import CaseFile, Document, Event, Evidence, Person, Term


def said(text: str, words: str) -> Evidence:
    """Where `words` first occur in `text`, with the sentence holding them."""
    start = text.index(words)
    first = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    last = text.find(". ", start)
    return Evidence(start, start + len(words), text[first:last + 1 if last >= 0 else len(text)].strip())


def detainee(text: str, name: str, *, pid: str = "P1", aliases: tuple[str, ...] = (), age: int | None = None,
             facilities: tuple[str, ...] = (), sentence: Term | None = None, charges: tuple[str, ...] = (),
             status: str = "unknown", detained: bool = True) -> Person:
    """A person as the pipeline reports them, each fact with the sentence stating it."""
    person = Person(id=pid, name=name, aliases=list(aliases), detained=detained, age=age,
                    facilities=list(facilities), sentence=sentence, charges=list(charges), status=status,
                    evidence=[said(text, name)])
    for slot, values in (("age", [str(age)] if age is not None else []), ("facilities", facilities),
                         ("charges", charges)):
        for value in values:
            person.slot_evidence.setdefault(slot, {})[value] = said(text, value)
    return person


def event(text: str, type: str, persons: list[str], date: str | None, trigger: str) -> Event:
    return Event(type=type, persons=persons, date=date, evidence=said(text, trigger), trigger=trigger)


class Reports:
    """The pipeline of a test: `add(title, lambda text: (persons, events), country=…)` says
    what a report holds; calling it with documents answers with their case files."""

    def __init__(self):
        self.cases: dict[str, tuple] = {}

    def add(self, title: str, build, country: str | None = None) -> Reports:
        self.cases[title] = (build, country)
        return self

    def __call__(self, documents: list[Document]) -> list[CaseFile]:
        out = []
        for document in documents:
            build, country = self.cases[document.title]
            persons, events = build(document.text)
            out.append(CaseFile(document=document, persons=persons, events=events, country=country))
        return out


def header(title: str, body: str, published: str | None = None) -> str:
    """A report file's text: its Key: Value header block, then the body."""
    return f"TITLE: {title}\n" + (f"PUBLISHED: {published}\n" if published else "") + "\n" + re.sub(r"\s+", " ", body)
