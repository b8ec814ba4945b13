"""Attributions: the outlets and organisations a report cites ("according to turkmen.news",
"X told RFE/RL", "Human Rights Watch reported", "reported by #LetMyPeopleGo activists")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from habeas.nlp.doccache import text_of

# A web outlet written as its domain: turkmen.news, 24.kg, Hromadske.ua.
DOMAIN = re.compile(r"\b[\w\-]+\.(?:news|com|org|net|kg|kz|uz|ru|info|az|tj|by|ua|am|ge|eu|io|tm)\b",
                    re.IGNORECASE)
# A name as outlets and organisations write theirs: capitalised words, "#LetMyPeopleGo",
# "RFE/RL", joined by of/for/on/and ("Lawyers for Lawyers", "Index on Censorship").
_WORD = r"(?:[A-Z#][\w/&’'\-]*(?:\.[\w/&\-]+)*|\d+\.\w+)"
# Names stay on one line: words are joined by spaces, never by a line break.
NAME = (r"[“\"«]?(?P<name>" + _WORD + r"(?:[ \t]+(?:(?:of|for|on|and|the)[ \t]+)?" + _WORD + r"){0,6}"
        r"(?:[ \t]+(?:channel|service|account|page))?)[”\"»]?")
CUES = [
    re.compile(r"\baccording\s+to\s+(?:the\s+)?" + NAME),
    re.compile(r"\btold\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?:interview|statement|comment)s?\s+(?:to|with|for)\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?:reported|announced|stated|published|documented)\s+by\s+(?:the\s+)?" + NAME),
    re.compile(r"[,”\"]\s+(?:reported|reports|said|says|wrote|writes)\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?:sources?\s+of|data\s+(?:of|from))\s+(?:the\s+)?" + NAME),
]
SAY_VERBS = {"report", "say", "tell", "state", "write", "announce", "confirm", "note", "publish",
             "learn", "inform", "claim", "document"}
# Parties to a case, not sources of news about it.
NOT_A_SOURCE = re.compile(r"\b(?:court|prosecutor|ministry|police|government|department|judge|"
                          r"authorities|commission|principles|code|article|law|constitution|division|"
                          r"chamber|prison|colony)\b", re.IGNORECASE)
# Words a captured name may not end with.
TRAILING = re.compile(r"(?:\s+(?:of|for|on|and|the))+$")


def _name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" “”\"'.,«»"), flags=re.IGNORECASE)
    text = re.split(r"\s+(?:on|in|at)\s+(?:January|February|March|April|May|June|July|August|"
                    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
                    r"Friday|Saturday|Sunday|\d)", text)[0]
    text = TRAILING.sub("", text)
    return text.replace("’", "'").removesuffix("'s").strip()


def find_sources(doc: Doc, person_names: set[str]) -> list[tuple[str, int, int]]:
    """(name, start, end) of each distinct source, in order of first mention."""
    text = text_of(doc)
    found: list[tuple[str, int, int]] = []
    for cue in CUES:
        for m in cue.finditer(text):
            found.append((_name(m.group("name")), m.start("name"), m.end("name")))
    for tok in doc:
        # "Human Rights Watch reported", "UN experts said": the subject of a verb of saying
        # that names an organisation.
        if tok.lemma_.lower() not in SAY_VERBS or tok.pos_ != "VERB":
            continue
        for subj in tok.children:
            if subj.dep_ != "nsubj" or subj.pos_ == "PRON":
                continue
            span = doc[subj.left_edge.i:subj.i + 1]
            if len(span) <= 6 and any(t.ent_type_ == "ORG" for t in span) and \
                    not any(t.ent_type_ == "PERSON" for t in span):
                found.append((_name(span.text), span.start_char, span.end_char))
    for m in DOMAIN.finditer(text):
        window = text[max(0, m.start() - 60):m.end() + 40].lower()
        if re.search(r"report|according|told|said|sources? of|informed|write|wrote", window):
            found.append((m.group(0), m.start(), m.end()))
    people = {n.lower() for n in person_names}
    out: dict[str, tuple[str, int, int]] = {}
    for name, s, e in sorted(found, key=lambda f: f[1]):
        if len(name) < 2 or name.lower() in people or NOT_A_SOURCE.search(name) or \
                name.split()[0].lower() in ("he", "she", "they", "i", "we", "his", "her", "it", "this"):
            continue
        if any(name.lower() in p or p in name.lower() for p in people) and \
                not re.search(r"(?:channel|service|account|page)$", name, re.I):
            continue  # a person quoted is a witness; a person's channel is an outlet
        out.setdefault(name.lower(), (name, s, e))
    return list(out.values())
