"""Attributions: the outlets and organisations a report cites ("according to turkmen.news",
"X told RFE/RL", "Human Rights Watch reported", "reported by #LetMyPeopleGo activists")."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import LEMMA
from spacy.tokens import Doc

from habeas.model import Document, Evidence, Source
from habeas.nlp.doccache import text_of
from habeas.nlp.resources import load

# A web outlet written as its domain: turkmen.news, 24.kg, Hromadske.ua.
DOMAIN = re.compile(r"\b[\w\-]+\.(?:news|com|org|net|kg|kz|uz|ru|info|az|tj|by|ua|am|ge|eu|io|tm)\b",
                    re.IGNORECASE)
# A name as outlets and organisations write theirs: capitalised words, "#LetMyPeopleGo",
# "RFE/RL", joined by of/for/on/and ("Lawyers for Lawyers", "Index on Censorship").
_WORD = r"(?:[A-Z#][\w/&’'\-]*(?:\.[\w/&\-]+)*|\d+\.\w+)"
# Names stay on one line: words are joined by spaces, never by a line break.
NAME = (r"[“\"«]?(?P<name>" + _WORD + r"(?:[ \t]+(?:(?:of|for|on|and|the|y|de|del|la|da|do|du|des|el|al)[ \t]+)?"
        r"(?:" + _WORD + r"|\d{1,4}(?![\d.,]))){0,6}"
        r"(?:[ \t]+(?:channel|service|account|page))?)[”\"»]?")
CUES = [
    re.compile(r"\baccording\s+to\s+(?:the\s+)?" + NAME),
    re.compile(r"\btold\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?:interview|statement|comment)s?\s+(?:to|with|for)\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?:reported|announced|stated|published|documented|noted)\s+by\s+(?:the\s+)?" + NAME),
    re.compile(r"\bspeaking\s+to\s+(?:the\s+)?" + NAME),
    # "said to an ACCA journalist", "told a RFE/RL correspondent"
    re.compile(r"\b(?:told|said\s+to|speaking\s+to)\s+(?:an?|the)\s+" + NAME
               + r"\s+(?:journalist|correspondent|reporter)s?\b"),
    re.compile(r"\b(?:posted|published|appeared)\s+on\s+(?:the\s+)?" + NAME + r"\s+(?:website|site)\b"),
    # "…, said Mihra Rittmann, senior Central Asia researcher at Human Rights Watch"
    re.compile(r"\bsaid\s+(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+,\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,5}?"
               r"(?:at|with|of|from)\s+(?:the\s+)?" + NAME),
    re.compile(r"[,”\"]\s+(?:reported|reports|said|says|wrote|writes)\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?:sources?\s+of|data\s+(?:of|from))\s+(?:the\s+)?" + NAME),
]


@lru_cache(maxsize=1)
def _data() -> dict:
    return load("sources")


@lru_cache(maxsize=1)
def _described() -> list[re.Pattern[str]]:
    """Cues with a kind word before the name: "according to the rights group Provea",
    ", the outlet Zerkalo said", "told the news site Kloop", "confirmed to Radio Free Asia"."""
    kinds = "|".join(re.escape(d) for d in _data()["descriptors"])
    closing = "|".join(re.escape(v) for v in _data()["closing_verbs"])
    described = r"(?:the\s+|an?\s+)(?:[a-z][\w’'\-]*\s+){0,3}?(?i:" + kinds + r")\s+"
    return [
        re.compile(r"\b(?:according\s+to|told|said\s+to|speaking\s+to|confirmed\s+to|reported\s+by)\s+"
                   + described + NAME),
        re.compile(r"[,;]\s+" + described + NAME + r"\s+(?:" + closing + r")\b"),
        re.compile(r"\b(?:confirmed|explained|described|denied)\s+to\s+(?:the\s+)?" + NAME),
    ]


# ", Crimean Solidarity reported." ending a sentence: a name before a verb of reporting.
CLOSING = re.compile(r"[,;]\s+(?:the\s+)?" + NAME + r"\s+(?:reported|reports|writes|wrote|has\s+reported)"
                     r"(?:\s+on\s+\w+)?\s*[.;\n]")
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
    # "opposition movement Group 24": the kind words before a name are no part of it.
    text = re.sub(r"^(?:[a-z][\w’'\-]*\s+)+(?=[A-Z#\d])", "", text)
    return text.replace("’", "'").removesuffix("'s").strip()


def _subject_span(doc: Doc, head) -> object:
    """The words of a subject's name: what precedes its head, and a following "of/for/on …"
    ("Voice of America", "Lawyers for Lawyers"), never a joined second subject."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "on") and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ in ("cc", "conj", "punct", "relcl", "acl", "appos"):
            break
    return doc[head.left_edge.i if head.dep_ != "conj" else min(t.i for t in head.subtree):end]


def _organisation(span, head) -> bool:
    """NER calls it an organisation, or it is a capitalised name with an organisation word;
    an organisation may carry a person's name ("the Free Narges Coalition")."""
    if any(t.ent_type_ == "PERSON" for t in span) and head.ent_type_ != "ORG":
        return False
    if any(t.ent_type_ == "ORG" for t in span):
        return True
    words = [t for t in span if t.lower_ not in ("the", "of", "for", "on", "and")]
    return all(t.text[:1].isupper() for t in words) and any(t.text in _org_words() for t in words)


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    return frozenset(load("lexicon")["organisation_words"])


def _key(name: str) -> str:
    """One key for a name and its acronym: "Voice of America" and "VOA", "United Nations
    experts" and "UN experts"."""
    words, out, run = name.replace("’", "'").split(), [], ""
    for w in words + [""]:
        if w[:1].isupper() and not w.isupper() or (run and w in ("of", "for", "on", "and")):
            run += w[0].upper()
            continue
        if run:
            out.append(run)
            run = ""
        if w:
            out.append(w.upper() if w.isupper() else w.lower())
    return " ".join(out)


def find_sources(doc: Doc, person_names: set[str], outlet: str | None = None) -> list[tuple[str, int, int]]:
    """(name, start, end) of each distinct source, in order of first mention. A name that is
    the report's own outlet is a source even when it was taken for a person."""
    text = text_of(doc)
    found: list[tuple[str, int, int]] = []
    for cue in CUES:
        for m in cue.finditer(text):
            found.append((_name(m.group("name")), m.start("name"), m.end("name")))
    # Names a kind word vouches for are organisations even where NER saw a person.
    vouched: set[str] = set()
    for cue in _described() + [CLOSING]:
        for m in cue.finditer(text):
            found.append((_name(m.group("name")), m.start("name"), m.end("name")))
            if cue is not CLOSING:
                vouched.add(_name(m.group("name")).lower())
    say_verbs, stances = _data()["say_verbs"], _data()["stances"]
    strings = doc.vocab.strings
    for i, lemma_id in enumerate(doc.to_array(LEMMA).tolist()):
        # "Human Rights Watch reported", "UN experts said": the subject of a verb of saying
        # that names an organisation.
        lemma = strings[lemma_id].lower()
        if lemma not in say_verbs and lemma not in ("be", "remain"):
            continue    # most words are neither (read from the LEMMA column, no Token made)
        tok = doc[i]
        saying = lemma in say_verbs and tok.pos_ == "VERB"
        stance = lemma in ("be", "remain") and any(
            c.dep_ == "acomp" and c.lower_ in stances for c in tok.children)
        if not (saying or stance):
            continue
        for subj in tok.children:
            if subj.dep_ != "nsubj" or subj.pos_ == "PRON":
                continue
            # "Freedom Now and Lawyers for Lawyers condemn…": each of the joined subjects.
            for head in [subj, *(c for c in subj.children if c.dep_ == "conj")]:
                span = _subject_span(doc, head)
                if len(span) <= 6 and _organisation(span, head):
                    found.append((_name(span.text), span.start_char, span.end_char))
    for m in DOMAIN.finditer(text):
        window = text[max(0, m.start() - 60):m.end() + 40].lower()
        if re.search(r"report|according|told|said|sources? of|informed|write|wrote", window):
            found.append((m.group(0), m.start(), m.end()))
    own = re.split(r"\s*\(", outlet or "")[0].strip().lower()
    people = {n.lower() for n in person_names if n.lower() != own and n.lower() not in vouched}
    # "Group" (from the parse) inside "Group 24" (from a cue) at the same place: the longer.
    found = [f for f in found if not any(g[1] < f[2] and f[1] < g[2] and len(g[0]) > len(f[0]) and f[0] in g[0]
                                         for g in found)]
    out: dict[str, tuple[str, int, int]] = {}
    for name, s, e in sorted(found, key=lambda f: f[1]):
        if len(name) < 2 or name.lower() in people or NOT_A_SOURCE.search(name) or \
                name.split()[0].lower() in ("he", "she", "they", "i", "we", "his", "her", "it", "this"):
            continue
        if any(name.lower() in p or p in name.lower() for p in people) and \
                not re.search(r"(?:channel|service|account|page)$", name, re.I):
            continue  # a person quoted is a witness; a person's channel is an outlet
        out.setdefault(_key(name), (name, s, e))
    return list(out.values())


# "OUTLET: Caspian Post (republishing RFE/RL)": the report comes from another outlet.
REPUBLISHED = re.compile(r"\((?:republishing|republished\s+from|via|originally\s+(?:published\s+)?by)\s+"
                         r"(?P<name>[^()]+?)\)", re.IGNORECASE)


def republished(document: Document, known: list[Source]) -> list[Source]:
    """The outlet a republished report names as its origin, from the header, unless the text
    already cites it ("VOA" for "Voice of America"); its evidence is the header line."""
    m = REPUBLISHED.search(document.outlet or "")
    if not m or _key(m.group("name")) in {_key(s.name) for s in known}:
        return []
    return [Source(m.group("name").strip(), Evidence(0, 0, f"OUTLET: {document.outlet}"))]
