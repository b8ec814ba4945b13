"""When an event happened: the temporal expression of its clause, resolved against the
publication date, the previous event, or the event a relative date names."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from habeas.nlp import events as ev
from habeas.nlp.dates import PartialDate, parse_iso, resolve
from habeas.nlp.doccache import text_of
from habeas.nlp.fold import fold

ANCHOR_NOUNS = {"arrest": "arrest", "detention": "arrest", "release": "release", "trial": "sentence",
                "sentencing": "sentence", "conviction": "sentence", "verdict": "sentence",
                "transfer": "transfer", "hearing": "appeal"}


def assign_dates(raw: list[ev.RawEvent], times, published: PartialDate | None) -> None:
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
        anchor = _named_anchor(best, e, raw) or previous
        value = resolve(best, published, anchor, narrative)
        e.attrs["_date"] = value.iso() if value else None
        if value is not None and value.year is not None:
            previous = value


def _named_anchor(expr, e: ev.RawEvent, raw: list[ev.RawEvent]) -> PartialDate | None:
    """ "The day after her arrest": the date of that person's arrest, not of the last event."""
    if expr.kind != "previous":
        return None
    m = re.search(r"\b(" + "|".join(ANCHOR_NOUNS) + r")\b", expr.text, re.I)
    if not m:
        return None
    etype = ANCHOR_NOUNS[fold(m.group(1))]
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
    if any(c.lower_ == "since" for c in last.trigger.token.children):
        return  # "held since 2021" tells a state that began then, not the time of what follows
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


def _root_at(sent: Span, t) -> Token | None:
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None else None
