"""Attributions: the outlets and organisations a report cites ("according to turkmen.news",
"X told RFE/RL", "Human Rights Watch reported")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from habeas.nlp.doccache import text_of

# A web outlet written as its domain: turkmen.news, 24.kg, Hromadske.ua.
DOMAIN = re.compile(r"\b[\w\-]+\.(?:news|com|org|net|kg|kz|uz|ru|info|az|tj|by|ua|am|ge|eu|io|tm)\b",
                    re.IGNORECASE)
ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?", re.IGNORECASE)
SAY_VERBS = {"report", "say", "tell", "state", "write", "announce", "confirm", "note", "publish",
             "learn", "inform", "claim", "document"}
ORG_LABELS = {"ORG", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "GPE"}
# Parties to a case, not sources of news about it.
NOT_A_SOURCE = re.compile(r"\b(?:court|prosecutor|ministry|police|government|department|judge|"
                          r"authorities|commission)\b", re.IGNORECASE)


def _name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" “”\"'.,"), flags=re.IGNORECASE)
    return re.sub(r"(?:’s|'s)$", "", text).strip()


def find_sources(doc: Doc, person_names: set[str]) -> list[tuple[str, int, int]]:
    """(name, start, end) of each distinct source, in order of first mention."""
    found: list[tuple[str, int, int]] = []
    text = text_of(doc)
    for m in ACCORDING.finditer(text):
        rest = text[m.end():m.end() + 80]
        d = DOMAIN.match(rest)
        if d:
            found.append((d.group(0), m.end(), m.end() + d.end()))
            continue
        ent = next((e for e in doc.ents if e.start_char == m.end() and e.label_ in ORG_LABELS), None)
        if ent is not None:
            found.append((_name(ent.text), ent.start_char, ent.end_char))
    for ent in doc.ents:
        if ent.label_ not in ORG_LABELS or ent.text in person_names:
            continue
        head = ent.root.head
        as_subject = ent.root.dep_ in ("nsubj",) and head.lemma_.lower() in SAY_VERBS
        as_listener = ent.root.dep_ in ("dobj", "pobj", "dative") and (
            head.lemma_.lower() in ("tell", "to") and head.head.lemma_.lower() in SAY_VERBS | {"tell"}
            or head.lemma_.lower() in ("tell",))
        if (as_subject or as_listener) and not NOT_A_SOURCE.search(ent.text):
            found.append((_name(ent.text), ent.start_char, ent.end_char))
    for m in DOMAIN.finditer(text):
        window = text[max(0, m.start() - 60):m.end() + 40].lower()
        if re.search(r"report|according|told|said|sources? of|informed|write|wrote", window):
            found.append((m.group(0), m.start(), m.end()))
    out: dict[str, tuple[str, int, int]] = {}
    for name, s, e in sorted(found, key=lambda f: f[1]):
        if len(name) < 2 or name.lower() in (n.lower() for n in person_names):
            continue
        out.setdefault(name.lower(), (name, s, e))
    return list(out.values())
