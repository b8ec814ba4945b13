"""When an event happened: the temporal expression of its clause, resolved against the
publication date, the previous event, or the event a relative date names."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from habeas.nlp import events as ev
from habeas.nlp.dates import PartialDate, TimeExpr, parse_iso, resolve
from habeas.nlp.doccache import sentences, span_text, text_of
from habeas.nlp.fold import fold
from habeas.nlp.resources import load



def assign_dates(raw: list[ev.RawEvent], times, published: PartialDate | None) -> None:
    """Each event takes the temporal expression nearest its trigger in its sentence."""
    _assign(raw, times, published)
    _date_from_retelling(raw, times, published)
    # "taken to hospital on July 30" and, later, "the ruling of July 30, 2020": one day, whose
    # year the text states elsewhere (and the publication date does not give)
    years: dict[tuple[int, int], set[int]] = {}
    for t in times:
        if t.kind == "absolute" and t.value is not None and t.value.year and t.value.day:
            years.setdefault((t.value.month, t.value.day), set()).add(t.value.year)
    for e in raw:
        value = parse_iso(e.attrs.get("_date"))
        if value is not None and value.year is None and value.day and len(years.get((value.month, value.day), ())) == 1:
            e.attrs["_date"] = replace(value, year=next(iter(years[(value.month, value.day)]))).iso()


def _assign(raw: list[ev.RawEvent], times, published: PartialDate | None) -> None:
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
        # "two weeks after his arrest" names the arrest: it does not date it
        inside = [t for t in times if e.sent.start_char <= t.start < e.sent.end_char
                  and not t.start <= e.trigger.start < t.end]
        if e.type == "petition" and e.trigger.noun and e.trigger.token.head.lemma_.lower() in ev.handling_verbs():
            # "On May 2 the court rejected the petition": May 2 is the answer's date; "… the
            # motion that his lawyers had filed in March": March is the filing's
            own = _own_clause_times(e.trigger.token, inside)
            if own:
                value = resolve(own[0], published, previous, narrative)
                e.attrs["_date"] = value.iso() if value else None
            continue
        if e.trigger.governed and e.trigger.token.pos_ == "NOUN" and e.type == "sentence":
            # "his ten-year term expired on 1 June", "whose sentence was cut in 2022": the
            # clause dates what befell the sentence; only its own words date it ("his
            # sentence passed in 2019")
            tok = e.trigger.token
            lo, hi = _extent(tok)
            inside = [t for t in inside if lo <= t.start and t.end <= hi]
            if not inside:
                continue
        if not inside:
            _continue_narrative(e, raw, verdicts)
            continue
        clause = _clause_verb(e.trigger.token)
        if e.type == "hunger_strike":
            start = _strike_start(e, inside, clause)
            if start is not None:
                value = resolve(start[0], published, previous, narrative)
                if value is not None:
                    if start[1] and value.day is not None:
                        d = date(value.year or 2000, value.month, value.day) - timedelta(days=start[1])
                        value = PartialDate(d.year if value.year else None, d.month, d.day)
                    e.attrs["_date"] = value.iso()
                    continue
        best = min(inside, key=lambda t: (_attachment(_clause_verb(_root_at(e.sent, t)), clause, e.trigger.token),
                                          t.kind == "vague", resolve(t, published, _named_anchor(t, e, raw) or previous, narrative) is None,
                                          abs(t.start - e.trigger.start)))
        verb = _clause_verb(_root_at(e.sent, best))
        if _where_clause_of(clause, verb) and best.kind == "absolute":
            # "moved on 24 June to a hospital, where doctors found kidney damage": there, then
            # or soon after; the month of the move, not its day
            value = resolve(best, published, previous, narrative)
            if value is not None and value.month is not None:
                e.attrs["_date"] = replace(value, day=None).iso()
            continue
        if _attachment(verb, clause, e.trigger.token) == 3:
            _continue_narrative(e, raw, verdicts)
            continue  # "X, who was born in 1980, was detained": only another clause's date here
        if e.remention and e.trigger.token.dep_ == "pcomp" and not _same_token(verb, clause):
            continue  # "arrested in January, held for months before sentencing him": not January
        if e.trigger.token.dep_ in ("acl", "relcl", "amod") and not _same_token(verb, clause) and \
                not _verbless(e.sent, e.trigger.token):
            continue  # "X, sentenced to 11 years, was taken…": the date is the main clause's
        anchor = _named_anchor(best, e, raw) or previous
        value = resolve(best, published, anchor, narrative)
        e.attrs["_date"] = value.iso() if value else None
        if value is not None and value.year is not None:
            previous = value


def _date_from_retelling(raw: list[ev.RawEvent], times, published: PartialDate | None) -> None:
    """A lede tells what has happened and the next sentence when: "The court has rejected
    X's appeal. It announced the decision on 5 June." An undated event in the present
    perfect takes the date of the next sentence's clause on a definite noun that names it
    again (data/lexicon.yml `retold_by`), when that clause names no one else."""
    retold = load("lexicon")["retold_by"]
    sents = sentences(raw[0].sent.doc) if raw else []
    for e in raw:
        verb = _clause_verb(e.trigger.token)
        if e.attrs.get("_date") or verb is None or not any(
                c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
            continue
        nxt = next((s for s in sents if s.start >= e.sent.end and span_text(s).strip()), None)
        if nxt is None:
            continue
        others = [ent.root for ent in nxt.ents if ent.label_ == "PERSON" and not any(p.matches(ent.text) for p in e.persons)]
        for noun in nxt:
            if e.type not in retold.get(noun.lemma_.lower(), ()) or not any(
                    c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in noun.children) or \
                    any(c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children) for c in noun.children):
                continue  # "a ruling", "the decision to transfer him": not the one told
            lo, hi = _extent(noun)
            if any(lo <= o.idx < hi or _same_token(_clause_verb(o), _clause_verb(noun.head)) for o in others):
                continue  # "the verdict against Y", "Y heard the ruling on 5 June": another's
            own = [t for t in times if nxt.start_char <= t.start < nxt.end_char and t.kind != "vague" and (
                lo <= t.start and t.end <= hi or _same_token(_clause_verb(_root_at(nxt, t)), _clause_verb(noun.head)))]
            value = resolve(own[0], published, None, None) if own else None
            if value is not None:
                e.attrs["_date"] = value.iso()
                break


def _extent(token: Token) -> tuple[int, int]:
    """The characters a token's subtree spans (spaCy's left and right edges)."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _verbless(sent: Span, trigger: Token) -> bool:
    """A parse with no main verb ("TOWN -- A court on 2 May sentenced X…" read as a noun
    phrase, the verb as an adjective): the trigger is the only predicate of its sentence, and
    the date before it is its own."""
    return sent.root.pos_ not in ("VERB", "AUX") and trigger.tag_ in ("VBD", "VBN") and \
        not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ not in ("relcl", "advcl", "acl") and
                t.i != trigger.i for t in sent)


def _strike_start(e: ev.RawEvent, inside: list[TimeExpr], clause: Token | None) -> tuple[TimeExpr, int] | None:
    """A hunger strike is dated by its start: the date of a clause of beginning on the strike
    ("the hunger strike he had begun on 11 June"), or its end less the days it lasted ("ended
    his 18-day hunger strike on 9 June"); with the number of days to count back."""
    words = load("lexicon")["hunger_strike_dates"]
    tok = e.trigger.token
    for t in inside:
        v = _clause_verb(_root_at(e.sent, t))
        if v is not None and v.lemma_.lower() in words["begin"] and v.dep_ in ("relcl", "acl") and \
                _same_token(v.head, tok):
            return t, 0
    days = next((int(n.text) for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() == "day"
                 for n in c.children if n.dep_ == "nummod" and n.text.isdigit()), None)
    if days is None or clause is None or clause.lemma_.lower() not in words["end"]:
        return None
    for t in inside:
        if _same_token(_clause_verb(_root_at(e.sent, t)), clause) and t.kind == "absolute":
            return t, days
    return None


def _where_clause_of(clause: Token | None, verb: Token | None) -> bool:
    """The event's clause is a "where" clause on a place named in the dated clause: "was
    taken in March to a hospital in Minsk, where he had surgery"."""
    if clause is None or verb is None or clause.dep_ != "relcl" or \
            not any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children):
        return False
    if clause.tag_ in ("VBZ", "VBP") or any(c.lemma_ == "have" and c.dep_ == "aux" for c in clause.children):
        return False  # "where he is held", "where he had been beaten before": not then
    host = _clause_verb(clause.head)
    return host is not None and (_same_token(host, verb) or  # or a verb coordinated with it
                                 (host.dep_ == "conj" and _same_token(host.head, verb)) or
                                 (verb.dep_ == "conj" and _same_token(verb.head, host)))


def _named_anchor(expr, e: ev.RawEvent, raw: list[ev.RawEvent]) -> PartialDate | None:
    """ "The day after her arrest": the date of that person's arrest, not of the last event."""
    if expr.kind != "previous":
        return None
    anchors = load("lexicon")["date_anchors"]
    m = re.search(r"\b(" + "|".join(anchors) + r")\b", expr.text, re.I)
    if not m:
        return None
    etype = anchors[fold(m.group(1))]
    for o in reversed(raw):
        if o is not e and o.type == etype and o.attrs.get("_date") and \
                not expr.start <= o.trigger.start < expr.end and \
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
    spans = [_extent(c) for h in heads for c in h.children if c.dep_ in ("relcl", "acl")]
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
    # the last dated event of one of its persons in the sentence before ("X was detained in
    # May with his brother, who was freed ten days later. For years nothing was heard of X.")
    last = next((o for o in reversed(before) if o.sent.end == e.sent.start and
                 set(map(id, o.persons)) & set(map(id, e.persons))), before[-1])
    if any(c.lower_ == "since" for c in last.trigger.token.children):
        return  # "held since 2021" tells a state that began then, not the time of what follows
    verb = _clause_verb(e.trigger.token)
    if verb is not None and (verb.tag_ in ("VBZ", "VBP") or any(
            c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP", "VBD") for c in verb.children)):
        return  # "He has repeatedly faced threats": not told as one dated occasion; "he had
        # been refused a doctor": before the time told last, not then
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
    if value.year is None and value.month is None:
        return None
    between = sum(1 for s in sentences(doc) if t.end <= s.start_char and s.end_char <= e.sent.start_char)
    if "\n" in text_of(doc)[t.end:e.sent.start_char] and not _one_sentence_paragraphs(doc, t.start, e.sent.end_char):
        return None  # a new paragraph tells another story, unless every paragraph is a sentence (wire style)
    return value.iso() if between <= 1 else None


def _one_sentence_paragraphs(doc, start: int, end: int) -> bool:
    """Each paragraph from `start` to `end` holds one sentence, as wire copy is written."""
    text = text_of(doc)
    para_start = text.rfind("\n", 0, start) + 1
    paragraphs = [p for p in text[para_start:end].split("\n") if p.strip()]
    sents = sum(1 for s in sentences(doc) if para_start <= s.start_char < end and span_text(s).strip())
    return len(paragraphs) >= 2 and sents == len(paragraphs)


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
