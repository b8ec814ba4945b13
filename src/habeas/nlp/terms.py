"""Prison terms: "22 years in prison", "a 23-year prison sentence", "four years' imprisonment",
"life imprisonment", "seven and a half years", "8 1/2 years", "15 days of administrative arrest",
"jailed X for twenty-six years", "handed a 12-year term", "serving seven years".

An amount of time is found with a spaCy `Matcher` (a number, in digits or words, and a unit);
the tokens around it decide whether it is a sentence passed: a punishment after it ("in
prison", "term"), a sentencing word before it ("sentenced … to", "jailed … for", "serving"),
or a total ("a sentence of", "amounted to"). Every word list is in data/terms.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from habeas.model import Term
from habeas.nlp.resources import load


@dataclass(frozen=True)
class FoundTerm:
    start: int
    end: int
    term: Term
    change: bool = False  # "increased to", "reduced to": replaces an earlier term
    additional: bool = False


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load("terms")
    sets = {k: frozenset(v) for k, v in data.items() if isinstance(v, list) and k != "life"}
    return {**data, **sets}


@lru_cache(maxsize=1)
def _tokenizer():
    return spacy.blank("en")


# One Matcher per vocabulary (the model's, the blank tokenizer's), kept with its vocabulary.
_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def _matcher(vocab: Vocab) -> Matcher:
    """AMOUNT (a number, "twenty-six", "four and a half", "a") + UNIT; and the life terms."""
    if id(vocab) in _MATCHERS:
        return _MATCHERS[id(vocab)][1]
    data = _data()
    number = {"LIKE_NUM": True}
    hyphen = {"ORTH": "-", "OP": "?"}
    unit = {"LOWER": {"IN": sorted(data["units"])}}
    half = [{"LOWER": "and"}, hyphen, {"LOWER": "a"}, hyphen, {"LOWER": "half"}, hyphen]
    bases = [[number, hyphen], [number, hyphen, number, hyphen], [number, {"TEXT": "1/2"}]]
    matcher = Matcher(vocab)
    matcher.add("AMOUNT", [b + h + [unit] for b in bases for h in ([], half)])
    matcher.add("AMOUNT", [[{"LOWER": {"IN": sorted(data["one_words"])}}, {"LOWER": {"IN": ["year", "month"]}}]])
    matcher.add("LIFE", [[{"LOWER": w} for w in pattern] for pattern in data["life"]])
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def _value(tokens: list[Token]) -> float | None:
    """The number an amount's tokens write: "twenty - six" 26, "4 1/2" 4.5, "a" 1."""
    data = _data()
    total, seen = 0.0, False
    for t in tokens:
        word = t.lower_
        if word in ("-", "and", "half") or (word == "a" and seen):
            continue
        if word == "1/2":
            total += 0.5
        elif word in data["one_words"]:
            total += 1
        elif word.replace(".", "", 1).isdigit():
            total += float(word)
        elif word in data["numbers"]:
            total += data["numbers"][word]
        else:
            return None  # "first", "dozens": no amount we can read
        seen = True
    if any(t.lower_ == "half" for t in tokens):
        total += 0.5
    return total if seen else None


def _term(value: float, unit: str) -> Term:
    if unit == "years":
        return Term(years=int(value), months=6 if value % 1 else 0)
    if unit == "months":
        return Term(months=int(value))
    return Term(days=int(value))


def _punishment_follows(doc: Doc, i: int) -> bool:
    """After the unit at i-1: "in prison", "' imprisonment", "prison term", "of administrative
    arrest", "in a strict - regime colony"; not "into his term" or "suspended sentence"."""
    data = _data()
    j = i
    if j < len(doc) and doc[j].lower_ in ("'", "’", "'s", "’s"):
        j += 1
    if j < len(doc) and doc[j].lower_ in data["not_after"]:
        return False
    if j < len(doc) and doc[j].lower_ in data["punishment_links"]:
        j += 1
    for k in range(j, min(j + 5, len(doc))):
        word = doc[k].lower_
        if word in data["punishments"]:
            return True
        if word != "-" and word not in data["punishment_modifiers"]:
            return False
    return False


def _previous(doc: Doc, i: int, sent_start: int, skip: frozenset[str]) -> int:
    """The index of the first token before i that is not in `skip` (or sent_start - 1)."""
    k = i - 1
    while k >= sent_start and doc[k].lower_ in skip:
        k -= 1
    return k


def _context(doc: Doc, span: Span) -> tuple[bool, bool, bool] | None:
    """(is a sentence, changes an earlier term, adds to one) for an amount, or None."""
    data = _data()
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    window = doc[max(sent_start, span.start - data["not_before_window"]):span.start]
    for k, t in enumerate(window):
        word = t.lower_
        if word == "up" and not (k + 1 < len(window) and window[k + 1].lower_ == "to"):
            continue
        if word == "up" and k > 0 and window[k - 1].lower_ in ("added", "adding"):
            continue
        if word in data["not_before"]:
            return None
    determiners = frozenset({"a", "an", "the", "his", "her", "their"}) | data["additional"]
    k = _previous(doc, span.start, sent_start, determiners)
    additional = any(doc[x].lower_ in data["additional"] for x in range(k + 1, span.start))
    before = doc[k].lower_ if k >= sent_start else ""
    unit_end = span.end
    # "increased to 15 years", "cut his term to 13 years on appeal"
    change = before == "to" and any(t.lower_ in data["changes"] for t in doc[max(sent_start, k - 4):k])
    if _punishment_follows(doc, unit_end):
        return True, change, additional
    if unit_end < len(doc) and doc[unit_end].lower_ in data["not_after"]:
        return None  # "a two-year suspended sentence", "a 15-year-old"
    if before == "of" and any(doc[x].lower_ in data["not_after"] for x in range(max(sent_start, k - 3), k)):
        return None  # "a suspended term of two years", "a probation period of three years"
    j = unit_end + (unit_end < len(doc) and doc[unit_end].lower_ in ("'", "’"))
    if j + 1 < len(doc) and doc[j].lower_ in data["punishment_links"] and doc[j + 1].lower_ in data["not_after"]:
        return None  # "three years of probation", "two years of restricted freedom"
    if j < len(doc) and j > unit_end and doc[j].lower_ in data["not_after"]:
        return None  # "three years' probation"
    if unit_end + 1 < len(doc) and doc[unit_end].text == "-" and doc[unit_end + 1].lower_ in data["not_after"]:
        return None
    if change:
        return True, True, additional
    # "serving seven years", "received six years", "handed him seven years"
    if before in data["sentencing"] or (before in ("him", "her", "them") and k > sent_start
                                        and doc[k - 1].lower_ in data["sentencing"]):
        return True, False, additional
    # "sentenced X to seven years", "jailed X, 34, for seven years"
    if before in data["sentencing_links"]:
        lo = max(sent_start, k - data["sentencing_window"])
        verbs = [x for x in range(lo, k) if doc[x].lower_ in data["sentencing_from_afar"]]
        # "sentenced in 2015 and held for seven years": another verb between says otherwise.
        if verbs and not any(t.pos_ == "VERB" for t in doc[verbs[-1] + 1:k]):
            return True, False, additional
    # "a sentence of seven years", "his sentences amounted to 28 years", "terms totalling 16 years"
    lo = max(sent_start, k - 3)
    if before in data["total_words"] and any(t.lower_ in data["total_nouns"] for t in doc[lo:k]):
        return True, False, additional
    return None


def find_terms(source: str | Doc) -> list[FoundTerm]:
    """The prison terms of a text or of a Doc (the model's Doc gives the sentences)."""
    doc = source if isinstance(source, Doc) else _tokenizer()(source)
    data = _data()
    matches = _matcher(doc.vocab)(doc)
    spans = filter_spans([Span(doc, s, e, label=m) for m, s, e in matches])
    out: list[FoundTerm] = []
    for span in spans:
        if span.label_ == "LIFE":
            if _context_negated(doc, span):
                continue
            out.append(FoundTerm(span.start_char, span.end_char, Term(life=True)))
            continue
        value = _value(list(span[:-1]))
        if value is None or value <= 0:
            continue
        # "after serving 14 months of a three-year term": a part served, not a term.
        follow = doc[span.end:span.end + 5]
        if len(follow) > 1 and follow[0].lower_ == "of" and any(
                o.start > span.start and o.start <= span.end + 4 for o in spans if o.label_ == "AMOUNT"):
            continue
        term = _term(value, data["units"][span[-1].lower_])
        # "3 years and 6 months": a smaller unit joined to this one.
        nxt = next((o for o in spans if o.start == span.end + 1 and o.label_ == "AMOUNT"), None)
        whole = span
        if nxt is not None and doc[span.end].lower_ == "and" and data["units"][nxt[-1].lower_] != "years" \
                and term.years and (extra := _value(list(nxt[:-1]))):
            more = _term(extra, data["units"][nxt[-1].lower_])
            term = Term(years=term.years, months=term.months + more.months, days=more.days)
            whole = doc[span.start:nxt.end]
        ctx = _context(doc, whole)
        if ctx is None:
            continue
        _, change, additional = ctx
        end = whole.end_char
        if term.years > 60:
            continue
        out.append(FoundTerm(span.start_char, end, term, change, additional))
    return _without_parts(out)


def _context_negated(doc: Doc, span: Span) -> bool:
    data = _data()
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    window = doc[max(sent_start, span.start - data["not_before_window"]):span.start]
    return any(t.lower_ in data["not_before"] and t.lower_ != "up" for t in window) or \
        any(a.lower_ == "up" and b.lower_ == "to" for a, b in zip(window, window[1:]))


def _without_parts(found: list[FoundTerm]) -> list[FoundTerm]:
    """"3 years and 6 months" once, not also "6 months"."""
    out: list[FoundTerm] = []
    for t in sorted(found, key=lambda t: (t.start, -t.end)):
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out
