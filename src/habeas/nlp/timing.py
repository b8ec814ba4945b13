"""When an event happened: the temporal expression of its clause, resolved against the
publication date, the previous event, or the event a relative date names."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from habeas.nlp import events as ev
from habeas.nlp.dates import PartialDate, TimeExpr, parse_iso, resolve
from habeas.nlp.doccache import text_of
from habeas.nlp.fold import fold
from habeas.nlp.resources import load

ANCHOR_NOUNS = {"arrest": "arrest", "detention": "arrest", "release": "release", "trial": "sentence",
                "sentencing": "sentence", "conviction": "sentence", "verdict": "sentence",
                "transfer": "transfer", "hearing": "appeal"}


def assign_dates(raw: list[ev.RawEvent], times, published: PartialDate | None) -> None:
    """Each event takes the temporal expression nearest its trigger in its sentence."""
    previous: PartialDate | None = None
    narrative: PartialDate | None = None
    verdicts: list[tuple[TimeExpr, PartialDate]] = []   # dates of sentencing clauses told so far
    ti = 0
    for e in raw:
        # Absolute dates stated before this event anchor "two weeks later" too.
        while ti < len(times) and times[ti].end <= e.sent.start_char:
            t = times[ti]
            if _tells_verdict(e.sent.doc, t):
                value = resolve(t, published, previous, narrative)
                if value is not None:
                    verdicts.append((t, value))
            if t.kind == "absolute":
                previous = resolve(t, published, previous, narrative) or previous
                if t.value is not None and t.value.year is not None:
                    narrative = t.value
            ti += 1
        inside = [t for t in times if e.sent.start_char <= t.start < e.sent.end_char]
        if e.type == "petition" and e.trigger.noun and e.trigger.token.head.lemma_.lower() in ev.ANSWER_VERBS:
            # "On May 2 the court rejected the petition": May 2 is the answer's date; "… the
            # motion that his lawyers had filed in March": March is the filing's
            own = _own_clause_times(e.trigger.token, inside)
            if own:
                value = resolve(own[0], published, previous, narrative)
                e.attrs["_date"] = value.iso() if value else None
            continue
        if not inside:
            _continue_narrative(e, raw, verdicts)
            continue
        clause = _clause_verb(e.trigger.token)
        best = min(inside, key=lambda t: (_attachment(_clause_verb(_root_at(e.sent, t)), clause, e.trigger.token),
                                          t.kind == "vague", abs(t.start - e.trigger.start)))
        verb = _clause_verb(_root_at(e.sent, best))
        if _attachment(verb, clause, e.trigger.token) == 3:
            _continue_narrative(e, raw, verdicts)
            continue  # "X, who was born in 1980, was detained": only another clause's date here
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


def _attachment(verb: Token | None, clause: Token | None, trigger: Token) -> int:
    """How closely a date's clause belongs to the event's: 0 the same clause, 1 a verb
    coordinated with it ("was detained on 5 May and taken away"), 2 another clause, 3 a
    relative clause on a noun of the event's own clause, the trigger not in it ("X, who was
    dismissed in 2017, was detained on July 16": 2017 is the dismissal's)."""
    if verb is None or clause is None:
        return 2
    if _same_token(verb, clause):
        return 0
    if (clause.dep_ == "conj" and _same_token(clause.head, verb)) or \
            (verb.dep_ == "conj" and _same_token(verb.head, clause)):
        return 1
    # a clause on a person: a name ("X, born in 1980,") or "who" ("the lawyer, who was disbarred
    # in 2019,"); a clause on a thing ("a trial held in May", "the drugs he needs since his
    # arrest in October") tells the event's own time
    if verb.dep_ in ("relcl", "acl") and (verb.head.pos_ in ("PROPN", "PRON") or any(
            w.lower_ in ("who", "whom", "whose") for w in verb.subtree)) and not _same_token(verb.head, trigger) and \
            _same_token(_clause_verb(verb.head), clause) and \
            not any(_same_token(a, verb) for a in trigger.ancestors) and not _same_token(trigger, verb):
        return 3
    return 2


def _own_clause_times(noun, inside: list) -> list:
    """Times told inside a clause that hangs on a request noun ("the motion that the lawyers
    had filed in March", "the complaint lodged on 3 May")."""
    heads = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                      for p in c.children if p.dep_ == "pobj"]  # "the request for an examination that…"
    spans = [(min(t.idx for t in c.subtree), max(t.idx + len(t.text) for t in c.subtree))
             for h in heads for c in h.children if c.dep_ in ("relcl", "acl")]
    return [t for t in inside if any(a <= t.start and t.end <= b for a, b in spans)]


def _continue_narrative(e: ev.RawEvent, raw: list[ev.RawEvent],
                        verdicts: list[tuple[TimeExpr, PartialDate]] = ()) -> None:
    """An undated event told right after a dated one about the same person, in the same
    paragraph, happened then too ("He was detained on 5 May. He was beaten in custody.")."""
    doc = e.sent.doc
    before = [o for o in raw if o.sent.end <= e.sent.start and o.attrs.get("_date")]
    verdict = _same_verdict(e, verdicts)
    if verdict is not None:
        e.attrs["_date"] = verdict
        return
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


VERDICT_TYPES = ("sentence", "release")


def _tells_verdict(doc, t: TimeExpr) -> bool:
    """A date told in the main clause of a sentencing ("On 18 May the court sentenced five
    activists…"), whether or not an event with a named person came of it."""
    verb = _clause_verb(_root_at(doc[:], t))
    return verb is not None and verb.dep_ in ("ROOT", "conj", "ccomp") and verb.lemma_.lower() in _sentence_verbs() \
        and t.kind != "vague"


@lru_cache(maxsize=1)
def _sentence_verbs() -> frozenset[str]:
    return frozenset(load("triggers")["sentence"]["verbs"])


def _same_verdict(e: ev.RawEvent, verdicts: list[tuple[TimeExpr, PartialDate]]) -> str | None:
    """Co-defendants told one after another: "On 9 May the court jailed A for five years. B
    received three years and C walked free." An undated sentence or release in the sentence
    after a dated sentencing (or the one after that), in the same paragraph, was handed down
    at that hearing; a pluperfect ("had been sentenced") or a reduced relative ("B,
    previously sentenced to…") tells an earlier one."""
    tok = e.trigger.token
    if e.type not in VERDICT_TYPES or not verdicts or tok.dep_ in ("relcl", "acl", "amod") or \
            any(c.lemma_ == "have" and c.tag_ == "VBD" for c in (_clause_verb(tok) or tok).children):
        return None
    doc = e.sent.doc
    t, value = verdicts[-1]
    if "\n" in text_of(doc)[t.end:e.sent.start_char] or value.year is None and value.month is None:
        return None
    between = sum(1 for s in doc.sents if t.end <= s.start_char and s.end_char <= e.sent.start_char)
    return value.iso() if between <= 1 else None


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
