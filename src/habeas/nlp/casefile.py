"""Resolving what the finders found into one case file: who each fact is about, when each
event happened, who is detained, and what their status is."""

from __future__ import annotations

import re
from collections import Counter
from functools import cmp_to_key, lru_cache

from spacy.tokens import Doc, Span, Token

from habeas.model import CaseFile, Citation, Document, Event, Evidence, Person, Source, Term
from habeas.nlp import events as ev
from habeas.nlp.charges import find_charges
from habeas.nlp.citations import country_of, find_citations
from habeas.nlp.conditions import find_conditions
from habeas.nlp.dates import PartialDate, find_dates, parse_iso, resolve
from habeas.nlp.facilities import find_facilities
from habeas.nlp.persons import PersonCluster, find_persons, resolve_pronouns
from habeas.nlp.doccache import sent_of, sentences, text_of
from habeas.nlp.resources import load
from habeas.nlp.sources import find_sources
from habeas.nlp.terms import find_terms

# Types that put the person they are about in custody (or show they were).
CUSTODY_TYPES = {"arrest", "charge", "sentence", "appeal", "release", "transfer", "hunger_strike",
                 "death", "disappearance", "denial", "ill_treatment"}
# Types a relative, lawyer or NGO takes part in on a detainee's behalf.
ON_BEHALF_TYPES = {"petition", "response", "denial", "health"}
CHARGED_ON_ARREST = re.compile(r"\bon\s+(?:\w+\s+){0,2}charges?\s+of\b|\bcharged\s+with\b", re.I)
CUSTODY_VERBS = {"hold", "keep", "serve", "remain", "languish", "spend", "jail", "incarcerate", "imprison"}
CUSTODY_PLACES = (r"\b(?:prison|colony|jail|custody|detention|cell|centre|center|station|"
                  r"sentence|behind bars|facility|camp|years|months)\b")
AGE = re.compile(r"^\s*(?:\(|,)\s*(?:aged\s+)?(?P<a>\d{2})\s*(?:\)|,|\.|\s+years?\s+old)")
AGE_BEFORE = re.compile(r"(?P<a>\d{2})[- ]year[- ]old\s+(?:[\w’'\-]+\s+){0,4}$")
AGE_AFTER = re.compile(r"^[^.;]{0,90}?\b(?:aged|at (?:the )?age(?: of)?|who is|is now)\s+(?P<a>\d{2})\b(?![ -]year)")


def build(doc: Doc, document: Document) -> CaseFile:
    text = text_of(doc)
    published = parse_iso(document.published)
    sents = sentences(doc)
    sent_at = _sentence_lookup(doc, sents)
    country = _main_country(doc)
    facilities = find_facilities(text)
    citations = find_citations(text, lambda off: sents[sent_at(off)].text, country)
    blocked = [(f.start, f.end) for f in facilities] + [(c.start, c.end) for c in citations]
    clusters = find_persons(doc, blocked)
    focus = _focus(clusters)
    narrator = _narrator(doc, clusters, document)
    if narrator is not None:
        focus = narrator
    pronouns = resolve_pronouns(doc, clusters, narrator, focus)
    token_person = _token_person(doc, clusters, pronouns, focus)
    # A decree's date ("the decree of May 11, 2017") dates the decree, not an event.
    times = [t for t in find_dates(doc) if not any(c.start <= t.start < c.end for c in citations)]

    terms = find_terms(text)
    charges = find_charges(text)
    conditions = find_conditions(text)
    raw = _events(doc, sents, token_person, focus, conditions)
    _assign_dates(raw, times, published)
    _event_attrs(raw, terms, charges, conditions, facilities, citations, doc)
    raw = _dedupe(raw)

    detained = _detained(doc, clusters, raw, token_person, facilities, terms)
    _reassign_on_behalf(raw, detained, focus, doc)
    raw = _dedupe(raw)

    persons: list[Person] = []
    for i, c in enumerate(sorted(clusters, key=lambda c: c.mentions[0].start), start=1):
        persons.append(_person(doc, i, c, c in detained, raw, token_person, sents, sent_at,
                               facilities, terms, charges, conditions))
    events = [_event(e) for e in raw if e.persons]
    cites = [Citation(instrument=c.instrument, article=c.article, part=c.part,
                      jurisdiction=c.jurisdiction, title=c.title, date=c.date,
                      evidence=_evidence(doc, sents, sent_at, c.start, c.end)) for c in citations]
    sources = [Source(name, _evidence(doc, sents, sent_at, s, e))
               for name, s, e in find_sources(doc, {m.text for c in clusters for m in c.mentions})]
    return CaseFile(document=document, persons=persons, events=events, citations=cites,
                    sources=sources)


# ---------------------------------------------------------------- who the report is about

def _focus(clusters: list[PersonCluster]) -> PersonCluster | None:
    if not clusters:
        return None
    return max(clusters, key=lambda c: (len(c.mentions), len(c.name.split()), -c.mentions[0].start))


def _narrator(doc: Doc, clusters: list[PersonCluster], document: Document) -> PersonCluster | None:
    """A first-person testimony ("I was arrested…") is told by the person its title names."""
    firsts = sum(1 for t in doc if t.lower_ in ("i", "my", "me") and t.pos_ == "PRON")
    if firsts < 4:
        return None
    title = (document.title or "") + " " + text_of(doc)[:120]
    for c in clusters:
        if c.name in title:
            return c
    return None


def _main_country(doc: Doc) -> str | None:
    counts = Counter(country_of(e.text) for e in doc.ents if e.label_ in ("GPE", "NORP"))
    counts.pop(None, None)
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    lex = load("lexicon")
    return frozenset(w for w in lex["roles"] + lex["detainee_nouns"] if " " not in w)


def _token_person(doc: Doc, clusters, pronouns, focus) -> dict[int, PersonCluster]:
    """Token index -> person, for names, pronouns and "the activist"-style references."""
    out: dict[int, PersonCluster] = {}
    for c in clusters:
        for m in c.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or []:
                out[t.i] = c
    out.update(pronouns)
    if focus is not None:
        roles = _role_nouns()
        for t in doc:
            if t.i not in out and t.lower_ in roles and t.i > 0 and doc[t.i - 1].lower_ in ("the", "this"):
                out[t.i] = focus
    return out


def _sentence_lookup(doc: Doc, sents: list[Span]):
    starts = [s.start_char for s in sents]

    def at(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo
    return at


def _evidence(doc: Doc, sents: list[Span], sent_at, start: int, end: int) -> Evidence:
    s = sents[sent_at(start)] if sents else None
    return Evidence(start, end, s.text.strip() if s is not None else text_of(doc)[start:end])


# ---------------------------------------------------------------- events

def _persons_of(tok: Token, sent: Span, token_person, focus, etype: str,
                nearest: bool = True) -> list[PersonCluster]:
    """The persons an event trigger is about, read off the parse; with `nearest`, else the
    person named nearest to it in the sentence, else the report's focus person."""

    def people(t: Token) -> list[PersonCluster]:
        found = []
        group = [t, *t.conjuncts]
        for x in list(group):
            group += [a for a in x.children if a.dep_ == "appos"]
            for a in x.children:
                if a.dep_ == "appos":
                    group += list(a.conjuncts)
        for x in group:
            c = token_person.get(x.i)
            if c is None:
                # "Mingelov’s family", "the family of X": the person owning the noun.
                for child in x.children:
                    if child.dep_ == "compound" and child.i in token_person:
                        c = token_person[child.i]
                    elif child.dep_ == "poss" and child.i in token_person and (
                            x.lower_ in _relation_nouns() or x.i == tok.i):
                        c = token_person[child.i]
            if c is not None and c not in found:
                found.append(c)
        for c in list(found):
            for other in _listed_with(t, c, token_person):
                if other not in found:
                    found.append(other)
        return found

    order = ("nsubjpass", "dobj", "nsubj", "poss", "attr", "appos") if etype in (
        "arrest", "sentence", "release", "transfer", "charge") else ("nsubj", "nsubjpass", "poss", "dobj", "attr")
    node = tok
    for _ in range(3):
        children = list(node.children)
        for dep in order:
            for child in children:
                if child.dep_ == dep:
                    found = people(child)
                    if found:
                        return found
        for child in children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("of", "against", "for", "on", "to"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = people(pobj)
                        if found and not (etype == "petition" and child.lower_ == "to"):
                            return found
        if node.dep_ in ("ROOT",) or node.head.i == node.i:
            break
        node = node.head
    if not nearest:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in token_person and c.pos_ == "NUM"
           and any(p.lower_ == "of" for p in c.children) for c in tok.children):
        return []  # "two of his co-defendants died": others than the one named
    # Nearest person mentioned in the sentence, before the trigger first; one named after
    # it must be an argument (subject, object, apposition), not any name in a phrase.
    doc = sent.doc
    before = [(tok.i - i, i) for i in token_person if sent.start <= i < tok.i
              and not _owner_of_other(_name_head(doc[i], token_person), tok)]
    after = [(i - tok.i, i) for i in token_person if tok.i < i < sent.end
             and _is_argument(_name_head(doc[i], token_person))]
    pick = min(before)[1] if before else (min(after)[1] if after else None)
    if pick is not None:
        return people(doc[pick]) or [token_person[pick]]
    if focus is not None and etype in ON_BEHALF_TYPES | {"ill_treatment", "hunger_strike"}:
        return [focus]
    return []


@lru_cache(maxsize=1)
def _relation_nouns() -> frozenset[str]:
    lex = load("lexicon")
    words = lex["relatives"] + lex["advocates"] + ["defense", "defence", "supporters", "health",
                                                   "condition", "case"]
    return frozenset(w for w in words if " " not in w)


def _owner_of_other(t: Token, trigger: Token) -> bool:
    """ "Two of X's co-defendants died": X owns the ones the event is about."""
    return t.dep_ == "poss" and t.head.i != trigger.i and t.head.lower_ not in _relation_nouns()


def _is_argument(t: Token) -> bool:
    """A name after a trigger that the trigger may be about: a subject or object, an
    apposition, or the object of "of"/"including"/"against" ("the release of X")."""
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "conj"):
        return True
    return t.dep_ == "pobj" and t.head.lower_ in ("of", "including", "against")


def _name_head(t: Token, token_person) -> Token:
    """The token a multi-word name hangs on: "Mansur" -> "Mingelov"."""
    for _ in range(4):
        if t.dep_ in ("compound", "flat") and token_person.get(t.head.i) is token_person.get(t.i):
            t = t.head
        else:
            break
    return t


def _listed_with(tok: Token, c: PersonCluster, token_person) -> list[PersonCluster]:
    """Persons named in one list with `c`: "including A, B, C and D"."""
    doc = tok.doc
    out: list[PersonCluster] = []
    idx = [i for i, p in token_person.items() if p is c and sent_of(tok).start <= i < sent_of(tok).end]
    if not idx:
        return out
    for step in (1, -1):
        i = max(idx) if step == 1 else min(idx)
        current = c
        while True:
            j = i + step
            # skip the rest of the current name
            while sent_of(tok).start <= j < sent_of(tok).end and token_person.get(j) is current:
                j += step
            seps = 0
            while sent_of(tok).start <= j < sent_of(tok).end and doc[j].lower_ in (",", "and", "as", "well"):
                j += step
                seps += 1
            nxt = token_person.get(j) if sent_of(tok).start <= j < sent_of(tok).end else None
            if not seps or nxt is None or nxt is current or doc[j].pos_ == "PRON":
                break
            out.append(nxt)
            current, i = nxt, j
    return out


def _events(doc: Doc, sents: list[Span], token_person, focus, conditions) -> list[ev.RawEvent]:
    out: list[ev.RawEvent] = []
    for sent in sents:
        seen_types: set[tuple[str, int]] = set()
        triggers = ev.find_triggers(sent)
        for trig in triggers:
            etype = ev.classify(trig, sent)
            if etype is None:
                continue
            if etype in ("arrest", "release", "sentence", "transfer", "death", "charge",
                         "appeal", "hunger_strike") and ev.is_irrealis(trig.token):
                continue
            if etype == "petition" and any(c.lower_ in ("will", "would", "'ll") for c in trig.token.children):
                continue
            if etype == "health" and ev.is_negated(trig.token):
                continue
            if etype == "health" and (trig.noun or trig.token.lemma_ in ("suffer", "complain")) and \
                    not _in_sentence(conditions, sent):
                continue  # "acknowledged his diagnosis": a health event names what is wrong
            if etype == "health" and trig.noun and any(
                    t.type not in ("health",) and ev.classify(t, sent) not in (None, "health")
                    for t in triggers if t is not trig):
                continue  # "in light of his diagnosis": the ground of another event
            # "Torture is widespread": a bare noun names a person's event only through the parse.
            nearest = not trig.noun or etype not in ("ill_treatment", "death") or \
                trig.end - trig.start > len(trig.token.text)
            persons = _persons_of(trig.token, sent, token_person, focus, etype, nearest)
            if not persons:
                continue
            key = (etype, id(persons[0]))
            if key in seen_types:
                continue
            seen_types.add(key)
            again = etype == "arrest" and bool(re.search(
                r"\bagain\b|\bre-?arrest|\ba\s+(?:second|third|new)\s+time\b|\bonce\s+more\b|\banew\b",
                sent.text, re.I))
            out.append(ev.RawEvent(etype, trig, sent, persons, again=again))
            if etype == "arrest" and CHARGED_ON_ARREST.search(sent.text) and ("charge", id(persons[0])) not in seen_types:
                # "arrested on charges of fraud" tells of two steps: the arrest and the charge.
                seen_types.add(("charge", id(persons[0])))
                out.append(ev.RawEvent("charge", trig, sent, persons))
    return out


def _assign_dates(raw: list[ev.RawEvent], times, published: PartialDate | None) -> None:
    """Each event takes the temporal expression nearest its trigger in its sentence."""
    previous: PartialDate | None = None
    narrative: PartialDate | None = None
    ti = 0
    for e in raw:
        # Absolute dates stated before this event anchor "two weeks later" too.
        while ti < len(times) and times[ti].end <= e.sent.start_char:
            t = times[ti]
            if t.kind == "absolute":
                previous = resolve(t, published, previous, narrative) or previous
                if t.value is not None and t.value.year is not None:
                    narrative = t.value
            ti += 1
        inside = [t for t in times if e.sent.start_char <= t.start < e.sent.end_char]
        if e.type == "petition" and e.trigger.noun and e.trigger.token.head.lemma_.lower() in ev.ANSWER_VERBS:
            continue  # "On May 2 the court rejected the petition": May 2 is the answer's date
        if not inside:
            _continue_narrative(e, raw)
            continue
        clause = _clause_verb(e.trigger.token)
        best = min(inside, key=lambda t: (not _same_token(_clause_verb(_root_at(e.sent, t)), clause),
                                          t.kind == "vague", abs(t.start - e.trigger.start)))
        verb = _clause_verb(_root_at(e.sent, best))
        if e.trigger.token.dep_ in ("acl", "relcl", "amod") and not _same_token(verb, clause):
            continue  # "X, sentenced to 11 years, was taken…": the date is the main clause's
        e.date_expr = best
        anchor = _named_anchor(best, e, raw) or previous
        value = resolve(best, published, anchor, narrative)
        e.attrs["_date"] = value.iso() if value else None
        if value is not None and value.year is not None:
            previous = value


ANCHOR_NOUNS = {"arrest": "arrest", "detention": "arrest", "release": "release", "trial": "sentence",
                "sentencing": "sentence", "conviction": "sentence", "verdict": "sentence",
                "transfer": "transfer", "hearing": "appeal"}


def _named_anchor(expr, e: ev.RawEvent, raw: list[ev.RawEvent]) -> PartialDate | None:
    """ "The day after her arrest": the date of that person's arrest, not of the last event."""
    if expr.kind != "previous":
        return None
    m = re.search(r"\b(" + "|".join(ANCHOR_NOUNS) + r")\b", expr.text, re.I)
    if not m:
        return None
    etype = ANCHOR_NOUNS[m.group(1).lower()]
    for o in reversed(raw):
        if o is not e and o.type == etype and o.attrs.get("_date") and \
                set(map(id, o.persons)) & set(map(id, e.persons)) and o.trigger.start < e.trigger.start:
            return parse_iso(o.attrs["_date"])
    return None


def _continue_narrative(e: ev.RawEvent, raw: list[ev.RawEvent]) -> None:
    """An undated event told right after a dated one about the same person, in the same
    paragraph, happened then too ("He was detained on 5 May. He was beaten in custody.")."""
    doc = e.sent.doc
    before = [o for o in raw if o.sent.end <= e.sent.start and o.attrs.get("_date")]
    if not before:
        return
    last = before[-1]
    verb = _clause_verb(e.trigger.token)
    if verb is not None and (verb.tag_ in ("VBZ", "VBP") or any(
            c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)):
        return  # "He has repeatedly faced threats": not told as one dated occasion
    gap = text_of(doc)[last.sent.end_char:e.sent.start_char]
    if last.sent.end == e.sent.start and "\n" not in gap and \
            set(map(id, last.persons)) & set(map(id, e.persons)):
        e.attrs["_date"] = last.attrs["_date"]


def _clause_verb(tok: Token | None) -> Token | None:
    """The verb whose clause holds a token (the token itself when it is a verb)."""
    for _ in range(8):
        if tok is None or tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
        tok = tok.head
    return tok


def _same_token(a: Token | None, b: Token | None) -> bool:
    # spaCy makes a new Token object on each access: compare positions, never identity.
    return a is not None and b is not None and a.i == b.i


def _governs(verb: Token | None, clause: Token | None) -> bool:
    """True when `clause` hangs under `verb` through complements only ("began to arrest")."""
    tok = clause
    for _ in range(4):
        if tok is None or verb is None or tok.dep_ in ("relcl", "acl", "advcl", "ROOT"):
            return False
        tok = tok.head
        if tok.i == verb.i:
            return True
    return False


def _root_at(sent: Span, t) -> Token | None:
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None else None


def _in_sentence(items, sent: Span):
    return [x for x in items if sent.start_char <= x.start < sent.end_char]


def _event_attrs(raw, terms, charges, conditions, facilities, citations, doc: Doc) -> None:
    for e in raw:
        sent = e.sent
        text = sent.text
        if e.type == "sentence":
            found = _in_sentence(terms, sent)
            if found:
                e.attrs["term"] = found[0].term
            court = re.search(r"\b((?:[A-Z][\w\-]+\s+){0,4}(?:[Cc]ourt|[Tt]ribunal)(?:\s+of\s+[A-Z]\w+)?)", text)
            if court:
                e.attrs["court"] = court.group(1).strip()
            e.attrs["charges"] = [c.name for c in _in_sentence(charges, sent)]
        elif e.type == "charge":
            e.attrs["charges"] = [c.name for c in _in_sentence(charges, sent)]
        elif e.type == "appeal":
            e.attrs["outcome"] = ev.outcome_of("appeal", text)
        elif e.type == "response":
            e.attrs["by"] = _authority(sent, e.trigger.token)
            e.attrs["outcome"] = ev.outcome_of("response", text + " " + _next_text(doc, sent)) or "rejected"
        elif e.type == "petition":
            e.attrs["by"] = _petitioner(e.trigger.token, sent)
            e.attrs["to"] = _addressees(sent)
            e.attrs["request"] = _request(text)
            e.attrs["basis"] = _basis(sent, citations, doc)
        elif e.type == "release":
            m = re.search(r"\b(?:due to|because of|for|owing to|under|after)\s+(?:a\s+|an\s+|the\s+)?"
                          r"([^.,;]{3,60})", text[e.trigger.end - sent.start_char:])
            e.attrs["reason"] = m.group(1).strip() if m else None
        elif e.type == "transfer":
            dest = [f.name for f in _in_sentence(facilities, sent) if f.start > e.trigger.start]
            m = re.search(r"\bto\s+(?:the\s+|a\s+)?([^.,;]{3,60}?)(?=[.,;]|\s+(?:as|on|in|where|after|because)\b)",
                          text[e.trigger.start - sent.start_char:])
            e.attrs["to"] = dest[0] if dest else (m.group(1).strip() if m else None)
        elif e.type == "health":
            found = [c.name for c in _in_sentence(conditions, sent)]
            e.attrs["condition"] = "; ".join(found) if found else _clause(e.trigger.token)
        elif e.type == "ill_treatment":
            e.attrs["kind"] = _clause(e.trigger.token, limit=24)
        elif e.type == "denial":
            m = re.search(r"(?:denied|refused|deprived of|not provided with|forbidden from|no)\s+"
                          r"(?:(?:him|her|them)\s+)?(?:(?:access|visits?)\s+(?:to|from)\s+)?"
                          r"(?:a\s+|an\s+|the\s+|any\s+|his\s+|her\s+)?([^.,;]{3,50}?)(?=[.,;]|\s+(?:for|since|during|in|on)\b|$)",
                          text, re.I)
            e.attrs["what"] = m.group(1).strip() if m else _clause(e.trigger.token, limit=8)
        elif e.type == "death":
            m = re.search(r"\b(?:died|death)\s+(?:of|from|due to|after)\s+([^.,;]{3,50})", text, re.I)
            e.attrs["cause"] = m.group(1).strip() if m else None
        elif e.type == "arrest":
            m = re.search(r"\b(?:arrested|detained|apprehended)\s+by\s+(?:the\s+)?([^.,;]{3,50}?)(?=[.,;]|\s+(?:in|on|for|at)\b)",
                          text, re.I)
            e.attrs["by"] = m.group(1).strip() if m else None


def _next_text(doc: Doc, sent: Span) -> str:
    return doc[sent.end:min(len(doc), sent.end + 60)].text if sent.end < len(doc) else ""


def _clause(tok: Token, limit: int = 16) -> str:
    words = [t for t in tok.subtree if not t.is_space]
    if len(words) > limit:
        words = [t for t in sent_of(tok) if abs(t.i - tok.i) <= limit // 2 and not t.is_space]
    return " ".join(t.text for t in words).strip(" ,.")


def _orgs(sent: Span) -> list[str]:
    """Authorities named in a sentence. NER often splits "Department for the Enforcement of
    Sentences" at "for"/"of": adjacent ORG entities joined by such a word are one name."""
    heads = tuple(load("authorities")["heads"])
    ents = [e for e in sent.ents if e.label_ in ("ORG", "GPE", "NORP")]
    names: list[str] = []
    i = 0
    while i < len(ents):
        text, end = ents[i].text, ents[i].end
        while i + 1 < len(ents) and ents[i + 1].start == end + 1 and \
                sent.doc[end].lower_ in ("for", "of", "on"):
            text = f"{text} {sent.doc[end].text} {ents[i + 1].text}"
            end = ents[i + 1].end
            i += 1
        names.append(text)
        i += 1
    out = [n for n in names if any(h in n.lower() for h in heads)]
    if not out:
        out = [c.text for c in sent.noun_chunks if c.root.pos_ != "PRON" and
               any(re.search(rf"\b{re.escape(h)}\b", c.text.lower()) for h in heads)]
    return out


def _clean_org(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^[A-Z][a-z]+(?:’s|'s)\s+", "", text)  # "Turkmenistan’s Department" -> "Department"
    return text.replace("’", "'")


def _authority(sent: Span, tok: Token) -> str | None:
    """The body that answered; "the department" is the department the report named before."""
    orgs = _orgs(sent)
    if orgs and any(ch.isupper() for ch in orgs[0]):
        return _clean_org(orgs[0])
    m = re.search(r"\bthe\s+(" + "|".join(map(re.escape, load("authorities")["heads"])) + r")\b",
                  sent.text, re.I)
    if not m:
        return None
    head = m.group(1).lower()
    for s in reversed(sentences(sent.doc)):
        if s.start >= sent.start:
            continue
        named = [n for n in _orgs(s) if head in n.lower()]
        if named:
            return _clean_org(named[0])
    return m.group(1)


def _addressees(sent: Span) -> list[str]:
    out = []
    for org in _orgs(sent):
        name = _clean_org(org)
        if re.search(r"\b(?:commission|ministry|office|court|president|prosecutor|department|"
                     r"committee|ombudsman|council|parliament|government|authorities|service|"
                     r"administration|rapporteur|working group|un\b|united nations)", name, re.I):
            out.append(name)
    return list(dict.fromkeys(out))


def _petitioner(tok: Token, sent: Span) -> str | None:
    """Who asked: "filed by his relatives", "Mingelov’s family appealed", "the lawyer wrote"."""
    lex = load("lexicon")
    words = set(lex["relatives"]) | set(lex["advocates"]) | {"defense", "defence", "lawyers"}
    m = re.search(r"\b(?:filed|submitted|sent|lodged|written|made)\s+by\s+(?:his|her|their|the|a)?\s*([\w\-]+)",
                  sent.text, re.I)
    if m:
        return m.group(1).lower()
    for t in [tok, tok.head]:
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in words:
                    return child.lower_
                if child.ent_type_ in ("ORG", "PERSON"):
                    return " ".join(x.text for x in child.subtree if x.ent_type_)
                if child.pos_ != "PRON":
                    return child.text
    return None


def _request(text: str) -> str | None:
    m = re.search(r"\b(?:request\w*|ask\w*|demand\w*|seek\w*|urg\w*|call\w* (?:for|on))\s+(?:that\s+)?"
                  r"([^.;]{5,90})", text, re.I)
    if m:
        return m.group(1).strip()
    m = RELEASE = re.search(r"\b(release|transfer|medical (?:care|treatment)|pardon|investigation)\b", text, re.I)
    return m.group(1) if RELEASE else None


CITE_CUE = re.compile(r"\b(?:cit\w*|refer\w*|invok\w*|rel(?:y|ied|ying) on|under|based on|pursuant|"
                      r"grounds?|according to)\b", re.I)


def _basis(sent: Span, citations, doc: Doc) -> list[str]:
    """Citations in the petition's sentence and in the sentences right after it that go on
    about its grounds ("They referred to…", "The defense also cited…")."""
    sents = sentences(doc)
    idx = next(i for i, s in enumerate(sents) if s.start == sent.start)
    out = [_label(c) for c in citations if sent.start_char <= c.start < sent.end_char]
    for s in sents[idx + 1:idx + 4]:
        here = [c for c in citations if s.start_char <= c.start < s.end_char]
        if not here or not CITE_CUE.search(s.text):
            break
        out += [_label(c) for c in here]
    return list(dict.fromkeys(out))


def _label(c) -> str:
    if c.date and not c.article:
        return f"{c.instrument} of {c.date}"
    return f"{c.instrument} art. {c.article}" + (f" part {c.part}" if c.part else "")


# Types an undated re-mention merges into: a person dies once, and "his sentence" or "the
# petition" mentioned again without a date is the one already told.
MERGE_UNDATED = {"arrest", "sentence", "death", "charge", "disappearance", "hunger_strike",
                 "petition", "response", "appeal", "release"}


def _is_headline(sent: Span) -> bool:
    """A Title Case line without a final full stop: "Jailed Journalist Denied Visits"."""
    first_line = sent.text.strip().split("\n", 1)[0]
    return bool(_TITLE_LINE.fullmatch(first_line))


# Four or more capitalised words in a row, with no full stop at the end.
_TITLE_LINE = re.compile(r"(?:(?:[A-Z][\w’'\-]*|of|in|on|to|for|and|the|a|at|by)\s+){3,}[A-Z][\w’'\-]*[^.\n]*$")


def _same_occurrence(a: ev.RawEvent, b: ev.RawEvent) -> bool:
    if a.type != b.type or not set(map(id, a.persons)) & set(map(id, b.persons)):
        return False
    da, db = a.attrs.get("_date"), b.attrs.get("_date")
    if a.type == "death":
        return True
    if a.type == "sentence":
        ta, tb = a.attrs.get("term"), b.attrs.get("term")
        if ta and tb and ta != tb:
            return False
    if da == db:
        return da is not None or a.type in MERGE_UNDATED
    if (da is None or db is None) and a.type in MERGE_UNDATED:
        return not (a.again or b.again)
    return False


def _dedupe(raw: list[ev.RawEvent]) -> list[ev.RawEvent]:
    """One event per occurrence: a re-mention ("since his arrest") joins the event it names,
    and a headline gives way to the body that tells the same event."""
    body = [e for e in raw if not _is_headline(e.sent)]
    raw = body + [h for h in raw if _is_headline(h.sent) and not any(
        b.type == h.type and set(map(id, b.persons)) & set(map(id, h.persons)) for b in body)]
    raw.sort(key=lambda e: e.trigger.start)
    out: list[ev.RawEvent] = []
    for e in raw:
        twin = next((o for o in out if _same_occurrence(o, e)), None)
        if twin is None:
            out.append(e)
            continue
        if twin.trigger.noun and not e.trigger.noun:
            # "appealed to the Prosecutor" tells more than "the petition": it leads.
            twin.trigger, twin.sent = e.trigger, e.sent
            twin.attrs = {**{k: v for k, v in twin.attrs.items() if k == "_date" and v}, **{
                k: v for k, v in e.attrs.items() if v not in (None, [], "")}, **{
                k: v for k, v in twin.attrs.items() if k not in e.attrs or e.attrs[k] in (None, [], "")}}
            continue
        for k, v in e.attrs.items():
            if twin.attrs.get(k) in (None, [], "") and v not in (None, [], ""):
                twin.attrs[k] = v
        # "The court sentenced A and B" told after "A was sentenced": one event for both.
        twin.persons += [p for p in e.persons if p not in twin.persons]
    return out


def _event(e: ev.RawEvent) -> Event:
    attrs = {k: v for k, v in e.attrs.items() if not k.startswith("_")}
    return Event(type=e.type, persons=[p.name for p in e.persons], date=e.attrs.get("_date"),
                 evidence=Evidence(e.sent.start_char, e.sent.end_char, e.sent.text.strip()),
                 attrs=attrs, trigger=e.trigger.text)


# ---------------------------------------------------------------- detainees and their slots

def _detained(doc, clusters, raw, token_person, facilities, terms) -> set:
    lex = load("lexicon")
    detainees = "|".join(map(re.escape, lex["detainee_nouns"]))
    relations = "|".join(map(re.escape, lex["relatives"] + lex["advocates"] + lex["officials"]))
    officials = "|".join(map(re.escape, lex["officials"]))
    score: Counter = Counter()
    for e in raw:
        if e.type in CUSTODY_TYPES:
            for p in e.persons:
                score[id(p)] += 2 if e.type in ("arrest", "sentence", "death", "release", "transfer",
                                                "hunger_strike", "disappearance", "charge") else 1
    for tok in doc:
        # "is still being held at the police station", "serving 14 years", "remains in prison"
        if tok.lemma_.lower() in CUSTODY_VERBS and re.search(CUSTODY_PLACES, sent_of(tok).text, re.I):
            for p in _persons_of(tok, sent_of(tok), token_person, None, "arrest"):
                score[id(p)] += 2
    out = set()
    for c in clusters:
        related = 0
        for m in c.mentions:
            before = text_of(doc)[max(0, m.start - 45):m.start].lower()
            after = text_of(doc)[m.end:m.end + 30].lower()
            # "political prisoner X", "X, a political prisoner,"
            if re.search(r"\b(?:" + detainees + r")s?\s+(?:[\w\-]+\s+){0,2}$", before) or re.match(
                    r"^\s*[,(]\s*(?:(?:a|an|the|another)\s+)?(?:[\w\-]+\s+){0,2}(?:" + detainees + r")\b", after):
                score[id(c)] += 2
            if re.search(r"(?:\b(?:his|her|their|its)|[’']s)\s+(?:[\w\-]+\s+){0,2}(?:" + relations +
                         r")\s*,?\s*$", before) or re.search(r"\b(?:" + officials + r")\s*$", before) or re.match(
                    r"^,?\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:" + "|".join(
                        map(re.escape, lex["relatives"] + lex["officials"])) + r")\b", after):
                related += 1
        s = score[id(c)]
        if s >= 4 or (s >= 2 and not related):
            out.add(c)
    return out


def _reassign_on_behalf(raw, detained, focus, doc) -> None:
    """A relative's petition or a lawyer's denied visit concerns the detainee."""
    target = focus if focus in detained else next(iter(detained), None) if len(detained) == 1 else focus
    for e in raw:
        if target is None:
            break
        if e.type in ON_BEHALF_TYPES | {"ill_treatment"} and e.persons and \
                not any(p in detained for p in e.persons):
            e.persons = [target]
        elif e.type not in ON_BEHALF_TYPES:
            # Deaths, arrests and sentences of presidents and predecessors are context.
            e.persons = [p for p in e.persons if p in detained]


def _mentions_in(c: PersonCluster, token_person, sent: Span) -> list[int]:
    return [i for i, p in token_person.items() if p is c and sent.start <= i < sent.end]


def _owner(offset: int, sent: Span, token_person, detained) -> list[PersonCluster]:
    """The person a fact at `offset` belongs to: the nearest named or pronoun mention
    before it in the sentence (and the persons conjoined with it), else after it."""
    cands = sorted((i, p) for i, p in token_person.items() if sent.start <= i < sent.end)
    tok_i = next((t.i for t in sent if t.idx >= offset), sent.end - 1)
    before = [(i, p) for i, p in cands if i < tok_i]
    chosen = before[-1] if before else (next(iter(cands), None))
    if chosen is None:
        return []
    i, p = chosen
    out = [p]
    tok = sent.doc[i]
    for conj in tok.conjuncts:
        q = token_person.get(conj.i)
        if q is not None and q not in out:
            out.append(q)
    return out


def _person(doc, n, c: PersonCluster, detained: bool, raw, token_person, sents, sent_at,
            facilities, terms, charges, conditions) -> Person:
    text = text_of(doc)
    ev0 = c.mentions[0]
    person = Person(id=f"P{n}", name=c.name,
                    aliases=[f for f in dict.fromkeys(m.text for m in c.mentions) if f != c.name],
                    detained=detained,
                    evidence=[_evidence(doc, sents, sent_at, ev0.start, ev0.end)])
    slots: dict[str, dict[str, Evidence]] = {}

    def note(slot: str, value: str, start: int, end: int) -> None:
        slots.setdefault(slot, {}).setdefault(value, _evidence(doc, sents, sent_at, start, end))

    # age: "Mingelov, 50,", "the 26-year-old X", "X (37)", "aged 37"
    for m in c.mentions:
        for pattern, seg, base in ((AGE, text[m.end:m.end + 20], m.end),
                                   (AGE_BEFORE, text[max(0, m.start - 60):m.start], max(0, m.start - 60)),
                                   (AGE_AFTER, text[m.end:m.end + 110], m.end)):
            a = pattern.search(seg)
            if a and 14 <= int(a.group("a")) <= 99 and person.age is None:
                person.age = int(a.group("a"))
                note("age", a.group("a"), base + a.start("a"), base + a.end("a"))
    roles = _roles(doc, c)
    person.roles = roles
    if detained:
        owned = lambda x: c in _owner(x.start, sents[sent_at(x.start)], token_person, None)
        for f in facilities:
            if owned(f) and f.name not in person.facilities:
                person.facilities.append(f.name)
                note("facilities", f.name, f.start, f.end)
        person.sentence = _sentence_term(c, terms, sents, sent_at, token_person, raw)
        for ch in charges:
            sent = sents[sent_at(ch.start)]
            if owned(ch) and ch.name.lower() not in (x.lower() for x in person.charges) and \
                    re.search(r"charge|accus|convict|guilty|sentenc|indict|prosecut|\b(?:jailed|imprisoned|arrested) for\b",
                              sent.text, re.I):
                person.charges.append(ch.name)
                note("charges", ch.name, ch.start, ch.end)
        for co in conditions:
            if owned(co) and co.name.lower() not in (x.lower() for x in person.conditions):
                person.conditions.append(co.name)
                note("conditions", co.name, co.start, co.end)
        person.status = _status(c, raw, person, doc)
    person.slot_evidence = slots
    return person


def _roles(doc: Doc, c: PersonCluster) -> list[str]:
    roles = sorted(load("lexicon")["roles"], key=len, reverse=True)
    out: list[str] = []
    for m in c.mentions[:6]:
        window = text_of(doc)[max(0, m.start - 50):m.start].lower()
        after = text_of(doc)[m.end:m.end + 40].lower()
        for r in roles:
            if re.search(rf"\b{re.escape(r)}s?\s+(?:and\s+[\w\s]+\s+)?$", window) or \
                    re.match(rf"^,\s+(?:a|an|the)\s+(?:[\w\-]+\s+)?{re.escape(r)}\b", after):
                if not any(r in o for o in out):
                    out.append(r)
    return out


def _sentence_term(c, terms, sents, sent_at, token_person, raw) -> Term | None:
    chosen = None
    for t in terms:
        sent = sents[sent_at(t.start)]
        if c not in _owner(t.start, sent, token_person, None):
            continue
        if chosen is None or t.change:
            chosen = t
    return chosen.term if chosen else None


def _chronological(a: tuple[int, ev.RawEvent], b: tuple[int, ev.RawEvent]) -> int:
    """Order events by date where both dates say enough to compare, else by text order."""
    da, db = parse_iso(a[1].attrs.get("_date")), parse_iso(b[1].attrs.get("_date"))
    if da and db and da.year and db.year:
        for x, y in ((da.year, db.year), (da.month, db.month), (da.day, db.day)):
            if x is None or y is None:
                break
            if x != y:
                return -1 if x < y else 1
    return -1 if a[0] < b[0] else (1 if a[0] > b[0] else 0)


def _status(c, raw, person: Person, doc: Doc) -> str:
    mine = [e for e in raw if c in e.persons]
    types = {e.type for e in mine}
    if "death" in types:
        return "deceased"
    context = " ".join(text_of(doc)[max(0, m.start - 80):m.end + 80] for m in c.mentions).lower()
    if re.search(r"\b(?:under|in|to serve)\s+(?:\w+\s+)?house arrest", context):
        return "house_arrest"
    if any(re.search(r"psychiatr|neuropsych|psychoneuro", f, re.I) for f in person.facilities):
        return "psychiatric"
    liberty = [e for e in mine if e.type in ("arrest", "sentence", "release", "transfer", "charge")]
    if liberty:
        last = max(enumerate(liberty), key=cmp_to_key(_chronological))[1]
        if last.type == "release" and not re.search(r"\b(?:in|from) (?:the )?courtroom|parole|probation", last.sent.text, re.I):
            return "released"
    if person.sentence is not None or "sentence" in types or person.facilities and "arrest" not in types:
        return "imprisoned"
    if "disappearance" in types:
        return "disappeared"
    if types & {"arrest", "charge"}:
        return "pretrial"
    if re.search(r"\bserving\b|\bprisoner\b|\bimprisoned\b|\bbehind bars\b", context):
        return "imprisoned"
    return "unknown"
