"""A document's text with every extracted span marked by type, in the spirit of spaCy's
displaCy: persons, facilities and other facts, citations, event triggers — each linked to
what it produced. Built from the stored extract-v1 offsets; every piece of text is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from habeas.web.i18n import N_, day, word

# What each kind of mark is called on the page (the legend's words, translated where shown).
KIND_WORDS = {"person": N_("person"), "facility": N_("facility"), "charge": N_("charge"),
              "condition": N_("condition"), "fact": N_("fact"), "citation": N_("citation"), "trigger": N_("event")}

SLOT_TYPES = {"facilities": "facility", "age": "fact", "sentence": "fact", "charges": "charge",
              "conditions": "condition", "status": "fact"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str        # person, facility, charge, condition, fact, citation, trigger
    label: str       # what it produced: "P1 Mansur Mingelov", "petition", "Criminal Code art. 76"
    href: str | None


def marks(document: dict) -> list[Mark]:
    """Every span the extraction kept, without overlaps (the earlier, then the longer wins)."""
    extract, text = document["extract"], document["text"]
    people = document.get("persons", {})
    found: list[Mark] = []
    for p in extract.get("persons", []):
        href = f"/persons/{people[p['id']]}" if p["id"] in people else None
        for ev in p.get("evidence", []):
            found.append(Mark(ev["start"], ev["end"], "person", f"{p['id']} {p['name']}", href))
        for slot, values in p.get("slot_evidence", {}).items():
            for value, ev in values.items():
                found.append(Mark(ev["start"], ev["end"], SLOT_TYPES.get(slot, "fact"), f"{word(slot)}: {value}", href))
    for c in extract.get("citations", []):
        ev = c["evidence"]
        label = " ".join(x for x in (c["instrument"], c.get("article") and f"art. {c['article']}") if x)
        found.append(Mark(ev["start"], ev["end"], "citation", label, None))
    for e in extract.get("events", []):
        ev, trigger = e["evidence"], e.get("trigger") or ""
        at = text.find(trigger, ev["start"], ev["end"]) if trigger else -1
        if at >= 0:
            found.append(Mark(at, at + len(trigger), "trigger", f"{word(e['type'])} {day(e.get('date'))}".strip(),
                                  None))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mark] = []
    for m in found:
        if 0 <= m.start < m.end <= len(text) and (not kept or m.start >= kept[-1].end):
            kept.append(m)
    return kept


def highlighted(document: dict) -> Markup:
    text, out, at = document["text"], [], 0
    for m in marks(document):
        out.append(escape(text[at:m.start]))
        inner = Markup('<mark class="{kind}" title="{label}">{text}<span class="tag">{tag}</span></mark>').format(
            kind=m.kind, label=m.label, text=text[m.start:m.end], tag=word(KIND_WORDS.get(m.kind, m.kind)))
        out.append(Markup('<a href="{href}">{inner}</a>').format(href=m.href, inner=inner) if m.href else inner)
        at = m.end
    out.append(escape(text[at:]))
    return Markup("").join(out)
