"""How archived rows are shown: the JSON shapes every front end (CLI, web, exports) prints."""

from __future__ import annotations

import re

from habeas.store.tables import DocumentRow, EventRow, FactReviewRow, PersonRow
from habeas.store.visibility import EVERYTHING, Visibility


def events_of(query, event_type: str | None, since: str | None, until: str | None):
    """`query` narrowed to events of a type and within dates (`until` takes the whole of a
    partial date: "2024" reaches 2024-12-31)."""
    if event_type:
        query = query.where(EventRow.type == event_type)
    if since:
        query = query.where(EventRow.date >= since)
    if until:
        query = query.where(EventRow.date <= until + "\uffff")
    return query

# Slots where two documents giving different values is a conflict worth showing side by side.
SINGLE_VALUED = ("age", "sentence", "status")


def document_json(doc: DocumentRow) -> dict:
    return {"id": doc.id, "path": doc.path, "url": doc.url, "version": doc.version, "title": doc.title,
            "outlet": doc.outlet, "published": doc.published, "language": doc.language,
            "sha256": doc.sha256, "confidential": doc.confidential}


def person_json(p: PersonRow, seen: Visibility = EVERYTHING) -> dict:
    """A person with the documents `seen` shows that name them, and the names those give."""
    docs = {}
    aliases: list[str] = []
    for m in p.mentions:
        if not seen.shows(m.document):
            continue
        docs[m.document.id] = {k: v for k, v in document_json(m.document).items() if k in PERSON_DOCUMENT_KEYS}
        aliases += [n for n in [m.name, *m.aliases] if n != p.name and n not in aliases]
    return {"id": p.id, "name": p.name, "aliases": aliases, "detained": p.detained,
            "status": p.status, "country": p.country, "confidential": p.confidential,
            "documents": list(docs.values())}


# A document's columns a person's record lists (person_json, person_record).
PERSON_DOCUMENT_KEYS = ("id", "path", "url", "version", "title", "outlet", "sha256", "published", "confidential")


def person_record(person, mentions) -> dict:
    """person_json from plain rows (no ORM objects built): `person` with id, name, detained,
    status, country, confidential; `mentions` the shown ones, each with name, aliases and the
    document's PERSON_DOCUMENT_KEYS columns, in that order."""
    docs = {}
    aliases: list[str] = []
    for name, other_names, *document in mentions:
        docs[document[0]] = dict(zip(PERSON_DOCUMENT_KEYS, document))
        aliases += [n for n in [name, *other_names] if n != person.name and n not in aliases]
    return {"id": person.id, "name": person.name, "aliases": aliases, "detained": person.detained,
            "status": person.status, "country": person.country, "confidential": person.confidential,
            "documents": list(docs.values())}


def extract_json(extract: dict, hidden: set[str], seen: Visibility) -> dict:
    """A stored case file as shown: without the persons of local ids `hidden` and the events
    only about them, and without the sources it names unless `seen` shows those."""
    names = {p["name"] for p in extract.get("persons", []) if p["id"] in hidden}
    events = []
    for e in extract.get("events", []):
        persons = [n for n in e.get("persons", []) if n not in names]
        if persons or not e.get("persons"):
            events.append({**e, "persons": persons})
    out = {**extract, "persons": [p for p in extract.get("persons", []) if p["id"] not in hidden],
           "events": events}
    if not seen.sources:
        out["sources"], out["source_evidence"] = [], []
    return out


def matching_sentence(text_: str, words: list[str]) -> str:
    """The sentence holding the most query words (the first of them on a tie)."""
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text_)
    lowered = [w.lower() for w in words]
    best = max(sentences, key=lambda s: sum(w in s.lower() for w in lowered))
    return best.strip()


def ranked(values: dict[str, list[dict]]) -> list[dict]:
    """Values of one slot, the best supported first, then the most recently published."""
    facts = [{"value": v, "sources": sources} for v, sources in values.items()]
    facts.sort(key=lambda f: max((s["published"] or "" for s in f["sources"]), default=""), reverse=True)
    facts.sort(key=lambda f: len(f["sources"]), reverse=True)  # stable: recency breaks ties
    return facts


def fact_text(value) -> str:
    if isinstance(value, dict):
        return "life" if value.get("life") else ", ".join(f"{v} {k}" for k, v in value.items())
    return str(value)


def review_json(r: FactReviewRow) -> dict:
    return {"id": r.id, "slot": r.slot, "value": r.value, "action": r.action, "corrected": r.corrected,
            "note": r.note, "actor": r.actor, "at": r.at.isoformat(timespec="seconds")}


Facts = dict[str, dict[str, list[dict]]]   # slot -> value -> sources


def apply_reviews(facts: Facts, reviews: list[FactReviewRow]) -> tuple[Facts, list[dict], dict]:
    """Human verdicts over extracted facts; the latest verdict on a value wins. A rejected
    value leaves the case file (listed apart), a corrected one is replaced by the correction
    and keeps its sources, an accepted one is marked. Returns (facts, rejected values,
    {(slot, value): the review that decided it})."""
    latest: dict[tuple[str, str | None], FactReviewRow] = {}
    for r in sorted(reviews, key=lambda r: r.id):
        latest[(r.slot, r.value if r.value is not None else f"+{r.corrected}")] = r
    verdicts: dict[tuple[str, str], dict] = {}
    rejected = []
    for (slot, value), r in latest.items():
        values = facts.setdefault(slot, {})
        if r.value is None:                     # a fact a person added
            values.setdefault(r.corrected, [])
            verdicts[(slot, r.corrected)] = review_json(r)
            continue
        if r.value not in values and r.action != "correct":
            continue                            # the value is no longer extracted
        sources = values.pop(r.value, [])
        if r.action == "reject":
            rejected.append({"slot": slot, "value": r.value, "sources": sources, "review": review_json(r)})
            continue
        target = r.corrected if r.action == "correct" else r.value
        values.setdefault(target, []).extend(sources)
        verdicts[(slot, target)] = review_json(r)
    for slot in [s for s, v in facts.items() if not v]:
        del facts[slot]
    return facts, rejected, verdicts
