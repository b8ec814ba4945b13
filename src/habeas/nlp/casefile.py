"""Resolving what the finders found into one case file: who each fact is about, when each
event happened, who is detained, and what their status is."""

from __future__ import annotations

import re

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import PRON
from spacy.tokens import Doc, Span

from habeas.model import CaseFile, Citation, Document, Event, Evidence, Person, Source
from habeas.nlp import events as ev
from habeas.nlp import remedy
from habeas.nlp.attributes import event_attrs, in_sentence
from habeas.nlp.components import found_in
from habeas.nlp.dates import parse_iso
from habeas.nlp.detainees import build_person, find_detained, reassign_on_behalf
from habeas.nlp.doccache import evidence, sentence_lookup, sentences, span_text, text_of
from habeas.nlp.linking import owner_of, persons_of, token_person_map
from habeas.nlp.occurrences import dedupe
from habeas.nlp.persons import PersonCluster, find_persons, resolve_pronouns
from habeas.nlp.resources import load
from habeas.nlp.sources import find_sources, republished
from habeas.nlp.timing import assign_dates

CHARGED_ON_ARREST = re.compile(r"\bon\s+(?:\w+\s+){0,2}charges?\s+(?:of|under)\b|\bcharged\s+with\b", re.I)
# Types a noun re-mention ("since his arrest") is folded into (occurrences._fold_rementions).
REMENTION_TYPES = {"arrest", "sentence", "charge", "death", "transfer", "release", "disappearance"}


def build(doc: Doc, document: Document) -> CaseFile:
    published = parse_iso(document.published)
    sents = sentences(doc)
    sent_at = sentence_lookup(doc, sents)
    found = found_in(doc)
    facilities, citations, conditions = found.facilities, found.citations, found.conditions
    terms, charges = found.terms, found.charges
    blocked = [(f.start, f.end) for f in facilities] + [(c.start, c.end) for c in citations]
    clusters = find_persons(doc, blocked)
    focus = _focus(clusters)
    narrator = _narrator(doc, clusters, document)
    if narrator is not None:
        focus = narrator
    pronouns = resolve_pronouns(doc, clusters, narrator, focus)
    token_person = token_person_map(doc, clusters, pronouns, focus)
    raw = _events(doc, sents, token_person, focus, conditions, charges)
    assign_dates(raw, found.times, published)
    event_attrs(raw, terms, charges, conditions, facilities, citations, doc)
    raw = dedupe(raw)

    detained = find_detained(doc, clusters, raw, token_person)
    # who stands for an illness told of no detainee ("my father has an aneurysm", "an
    # examination found a tumour, his wife added"): the focus, or the one detainee
    doc.user_data["habeas.patient"] = focus if focus in detained else (
        next(iter(detained)) if len(detained) == 1 else None)
    doc.user_data["habeas.detained_ids"] = {id(c) for c in detained}
    reassign_on_behalf(raw, detained, focus, doc)
    raw = dedupe(raw)

    persons: list[Person] = []
    for i, c in enumerate(sorted(clusters, key=lambda c: c.mentions[0].start), start=1):
        persons.append(build_person(doc, i, c, detained=c in detained, raw=raw, token_person=token_person,
                                    sents=sents, sent_at=sent_at, facilities=facilities, terms=terms,
                                    charges=charges, conditions=conditions))
    events = [_event(e) for e in raw if e.persons]
    cites = [Citation(instrument=c.instrument, article=c.article, part=c.part,
                      jurisdiction=c.jurisdiction, title=c.title, date=c.date,
                      evidence=evidence(doc, sents, sent_at, c.start, c.end)) for c in citations]
    sources = [Source(name, evidence(doc, sents, sent_at, s, e))
               for name, s, e in find_sources(doc, {m.text for c in clusters for m in c.mentions},
                                           document.outlet)]
    sources += republished(document, sources)
    return CaseFile(document=document, persons=persons, events=events, citations=cites,
                    sources=sources)


def _focus(clusters: list[PersonCluster]) -> PersonCluster | None:
    if not clusters:
        return None
    return max(clusters, key=lambda c: (len(c.mentions), len(c.name.split()), -c.mentions[0].start))


def _narrator(doc: Doc, clusters: list[PersonCluster], document: Document) -> PersonCluster | None:
    """A first-person testimony ("I was arrested…") is told by the person its title names."""
    first_person = {doc.vocab.strings[w] for w in ("i", "my", "me")}     # LOWER hashes
    firsts = sum(1 for w, p in doc.to_array([LOWER, POS]).tolist() if p == PRON and w in first_person)
    if firsts < 4:
        return None
    title = (document.title or "") + " " + text_of(doc)[:120]
    for c in clusters:
        if c.name in title:
            return c
    return None


def _events(doc: Doc, sents: list[Span], token_person, focus, conditions, charges=()) -> list[ev.RawEvent]:
    out: list[ev.RawEvent] = []
    for sent in sents:
        seen_types: set[tuple[str, int]] = set()
        triggers = ev.find_triggers(sent)
        for trig in triggers:
            etype = ev.classify(trig, sent)
            if etype is None:
                continue
            if etype in ("arrest", "release", "sentence", "transfer", "death", "charge",
                         "appeal", "hunger_strike", "ill_treatment") and ev.is_irrealis(trig.token):
                continue  # "denied that he had been beaten", "could face torture"
            if etype == "ill_treatment" and any(c.start <= trig.start < c.end for c in charges):
                continue  # "jailed for “abuse of office”": the name of an offence
            if etype == "petition" and any(c.lower_ in ("will", "would", "'ll") for c in trig.token.children):
                continue
            if etype == "health" and (ev.is_negated(trig.token) or (trig.governed and ev.is_irrealis(trig.token))):
                continue  # "did not lead to his hospitalisation", "could require surgery"
            if etype == "health" and _relatives_own(trig.token):
                continue  # "his mother was hospitalised": her illness, not the prisoner's
            if etype == "health" and (trig.noun or trig.token.lemma_ in ("suffer", "complain")) and \
                    not trig.governed and not in_sentence(conditions, sent):
                continue  # "acknowledged his diagnosis": a health event names what is wrong
            if etype == "health" and trig.noun and any(
                    t.type not in ("health",) and ev.classify(t, sent) not in (None, "health")
                    for t in triggers if t is not trig):
                continue  # "in light of his diagnosis": the ground of another event
            # "Torture is widespread": a bare noun names a person's event only through the parse.
            nearest = not trig.noun or etype not in ("ill_treatment", "death") or \
                trig.end - trig.start > len(trig.token.text)
            persons = persons_of(trig.token, sent, token_person, focus, etype, nearest)
            if not persons:
                continue
            key = (etype, id(persons[0]))
            if key in seen_types:
                continue
            seen_types.add(key)
            again = etype == "arrest" and bool(re.search(
                r"\bagain\b|\bre-?arrest|\ba\s+(?:second|third|new)\s+time\b|\bonce\s+more\b|\banew\b",
                span_text(sent), re.I))
            if etype in ("petition", "response", "appeal") and trig.pattern.startswith(("remedy.", "petition.", "response.")):
                again = remedy.told_again(trig.token)
            out.append(ev.RawEvent(etype, trig, sent, persons, again=again,
                                   remention=etype in REMENTION_TYPES and ev.is_remention(trig)))
            if etype == "arrest" and CHARGED_ON_ARREST.search(span_text(sent)) and ("charge", id(persons[0])) not in seen_types:
                # "arrested on charges of fraud" tells of two steps: the arrest and the charge.
                seen_types.add(("charge", id(persons[0])))
                out.append(ev.RawEvent("charge", trig, sent, persons, remention=out[-1].remention))
        out += _conditions_told(sent, conditions, token_person, seen_types)
    return out


def _conditions_told(sent: Span, conditions, token_person, seen_types: set) -> list[ev.RawEvent]:
    """A sentence that tells of a person's illness is a health event even with no word for
    one ("He also has low haemoglobin levels", "Due to high blood sugar, she had a vein
    blockage"): the first condition named, owned as every fact is. Not when the sentence
    tells another event, of which the illness is the ground ("petitioned for his release
    in light of his tuberculosis")."""
    found = in_sentence(conditions, sent)
    if not found or _negated(sent, found[0]):
        return []
    if seen_types and (any(t == "health" for t, _ in seen_types) or not _condition_is_state(sent, found[0])):
        return []
    head = next((t for t in sent if t.idx >= found[0].start), sent[-1])
    if _relatives_own(head):
        return []  # "his father suffers from diabetes"
    persons = owner_of(found[0].start, sent, token_person, None)
    if not persons:
        return []
    trigger = ev.Trigger("health", head, found[0].start, found[0].end, found[0].name, noun=True,
                         pattern="health.condition_told")
    return [ev.RawEvent("health", trigger, sent, persons)]


def _condition_is_state(sent: Span, condition) -> bool:
    """Beside another event, a condition still tells of the person's health when the parse
    makes it their state: "Peña, who has kidney disease, refused food", "moved to a hospital,
    where doctors found kidney damage", "taken to hospital with a suspected ulcer" — not when
    it is the ground of a request ("in light of his tuberculosis", "on health grounds")."""
    words = load("lexicon")["condition_state"]
    tok = next((t for t in sent if t.idx >= condition.start), None)
    if tok is None:
        return False
    chain = [tok, *list(tok.ancestors)[:4]]
    if any(a.lemma_.lower() in words["ground"] or any(
            c.dep_ == "mark" and c.lemma_.lower() in words["ground"] for c in a.children) for a in chain):
        return False  # "in light of his illness", "because he is ill with tuberculosis"
    for a in chain:
        if a.lower_ in words["with"] and a.dep_ == "prep":
            return True
        if a.lemma_.lower() in words["holders"] and a.pos_ in ("VERB", "AUX"):
            return True
    return False


def _relatives_own(tok) -> bool:
    """The subject or owner of a health word, in its own clause, is a relative of the prisoner
    ("his mother was hospitalised after a stroke", "his wife's illness"): the relative's own health."""
    relatives = set(load("lexicon")["relatives"])
    for t in (tok, *tok.ancestors):
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass", "poss"):
                if child.lemma_.lower() in relatives or child.lower_ in relatives or any(
                        g.dep_ == "poss" and (g.lemma_.lower() in relatives or g.lower_ in relatives)
                        for g in child.children):
                    return True
        if t.pos_ in ("VERB", "AUX"):
            break  # the clause that tells the illness, not "his mother said …"
    return False


def _negated(sent: Span, condition) -> bool:
    """Negation around the condition: "no sign of tuberculosis", "a disorder he says he does not have"."""
    text = text_of(sent.doc)
    before, after = text[sent.start_char:condition.start], text[condition.end:sent.end_char]
    return bool(re.search(r"\b(?:no|not|never|without|free\s+of|healthy|rule[sd]?\s+out)\b", before, re.I)
                or re.search(r"\b(?:does|do|did)\s*(?:not|n['’]t)\s+(?:have|suffer)\b|\bden(?:y|ies|ied)\b", after, re.I))


def _event(e: ev.RawEvent) -> Event:
    attrs = {k: v for k, v in e.attrs.items() if not k.startswith("_")}
    return Event(type=e.type, persons=[p.name for p in e.persons], date=e.attrs.get("_date"),
                 evidence=Evidence(e.sent.start_char, e.sent.end_char, span_text(e.sent).strip()),
                 attrs=attrs, trigger=e.trigger.text, pattern=e.trigger.pattern)
