"""One event per occurrence: re-mentions, headlines and undated repetitions merge into the
event they tell of."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from habeas.nlp import events as ev
from habeas.nlp.doccache import span_text
from habeas.nlp.resources import load

# Types an undated re-mention merges into: a person dies once, and "his sentence" or "the
# petition" mentioned again without a date is the one already told.
MERGE_UNDATED = {"arrest", "sentence", "death", "charge", "disappearance", "hunger_strike",
                 "petition", "response", "appeal", "release"}


def _is_headline(sent: Span) -> bool:
    """A Title Case line without a final full stop: "Jailed Journalist Denied Visits"."""
    first_line = span_text(sent).strip().split("\n", 1)[0]
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
    if a.type == "petition" and _differ(a.attrs.get("by"), b.attrs.get("by")):
        return False  # two people asking; "the petition" named again is the one told
    if a.type == "appeal" and "pending" in (a.attrs.get("outcome"), b.attrs.get("outcome")) and \
            a.attrs.get("outcome") != b.attrs.get("outcome") and a.attrs.get("outcome") and b.attrs.get("outcome"):
        return False  # an appeal lodged after a ruling is the next step, not the ruling again
    if kept_apart(a, b):
        return False
    if a.type == "response" and apart(a.attrs.get("by"), b.attrs.get("by")) and \
            not (_bare_head(a.attrs.get("by")) or _bare_head(b.attrs.get("by"))) and (da is None or da != db):
        return False  # the prison refused, and the hospital refused too: two answers (one day's
        # answer told twice, "the Working Group" then "the WGAD", is one)
    if da == db:
        return da is not None or a.type in MERGE_UNDATED
    if (da is None or db is None) and a.type in MERGE_UNDATED:
        return not (a.again or b.again)
    if a.type in MERGE_UNDATED and _refines(da, db) and not (a.again or b.again):
        return True  # "sentenced in 2012" and "in August 2012 the court sentenced him"
    return False


def kept_apart(a: ev.RawEvent, b: ev.RawEvent) -> bool:
    """Two mentions of one type that are two events whatever their dates say (both languages)."""
    if a.type == "response" and a.attrs.get("outcome") and b.attrs.get("outcome") and \
            a.attrs["outcome"] != b.attrs["outcome"]:
        return True   # "the appeal went unanswered" and "the office replied that…": two answers
    if a.type == "petition" and apart(a.attrs.get("to"), b.attrs.get("to")):
        return True   # a letter to the Ombudsman and a complaint to the prosecutor: two requests
    # "his previous requests", "another complaint": one more, not the one told
    return a.type in ("petition", "response", "appeal") and (a.again or b.again)


def _refines(a: str | None, b: str | None) -> bool:
    """One date says the other more precisely: 2012 and 2012-08, 2012-08 and 2012-08-14."""
    if not a or not b or "X" in a or "X" in b or re.search(r"-(?:SP|SU|FA|WI)$", a + " " + b):
        return False
    short, long = sorted((a, b), key=len)
    return long.startswith(short + "-")


def apart(a, b) -> bool:
    """Two requests sent to authorities with no word in common."""
    if not a or not b or not isinstance(a, (str, list)) or not isinstance(b, (str, list)):
        return False
    words = [set(re.findall(r"\w+", " ".join(x if isinstance(x, list) else [x]).lower())) - {"the", "of", "s"}
             for x in (a, b)]
    return bool(words[0] and words[1]) and not words[0] & words[1]


def _bare_head(name) -> bool:
    """"the agency", "the court": a common noun that may stand for any body named elsewhere."""
    if not isinstance(name, str) or not name.strip():
        return False
    words = name.lower().removeprefix("the ").strip()
    return words in _heads() or words.split()[-1] in _generic()


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(load("authorities").get("generic") or [])


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(load("authorities")["heads"])


def _names_better(new, old) -> bool:
    """A proper name ("Department for the Enforcement of Sentences") over a common noun
    ("agency", "the authorities")."""
    if isinstance(new, str) and isinstance(old, str) and _bare_head(old) and not _bare_head(new):
        return True  # "Officials turned down …" then "the Department … rejected": the Department
    return isinstance(new, str) and isinstance(old, str) and new[:1].isupper() and not old[:1].isupper()


def _differ(a, b) -> bool:
    """Both given and neither contains the other ("the family" / "his family" agree); any two
    relatives stand for the family ("his relatives" / "his wife")."""
    ta = " ".join(a if isinstance(a, list) else [a]).lower() if a else ""
    tb = " ".join(b if isinstance(b, list) else [b]).lower() if b else ""
    if not (ta and tb) or ta in tb or tb in ta:
        return False
    kin = _relatives()
    return not (set(re.findall(r"\w+", ta)) & kin and set(re.findall(r"\w+", tb)) & kin)


@lru_cache(maxsize=1)
def _relatives() -> frozenset[str]:
    return frozenset(w.lower() for w in load("lexicon")["relatives"]) | {"family", "relatives", "relative"}


def dedupe(raw: list[ev.RawEvent]) -> list[ev.RawEvent]:
    """One event per occurrence: a re-mention ("since his arrest") joins the event it names,
    and a headline gives way to the body that tells the same event."""
    headline = [_is_headline(e.sent) for e in raw]
    body = [e for e, title in zip(raw, headline) if not title]
    raw = body + [h for h, title in zip(raw, headline) if title and not any(
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
        if _names_better(e.attrs.get("by"), twin.attrs.get("by")):
            # "On 20 October the Department … rejected the petition" tells more than "the
            # agency rejected a petition": the one naming the authority leads.
            twin.trigger, twin.sent, twin.attrs["by"] = e.trigger, e.sent, e.attrs["by"]
            twin.attrs.update({k: v for k, v in e.attrs.items() if v not in (None, [], "")})
        for k, v in e.attrs.items():
            if twin.attrs.get(k) in (None, [], "") and v not in (None, [], ""):
                twin.attrs[k] = v
        if _refines(twin.attrs.get("_date"), e.attrs.get("_date")) and len(e.attrs["_date"]) > len(twin.attrs["_date"]):
            twin.attrs["_date"] = e.attrs["_date"]
        # "The court sentenced A and B" told after "A was sentenced": one event for both.
        twin.persons += [p for p in e.persons if p not in twin.persons]
    return _fold_rementions(out)


def _fold_rementions(events: list[ev.RawEvent]) -> list[ev.RawEvent]:
    """A re-mention ("since his arrest in October", "the arrest of X was condemned") joins
    an event of its type told for the same person whatever the dates the two were given; its
    date serves only an event told without one. Alone it stands for the event, once."""
    out: list[ev.RawEvent] = []
    for e in events:
        told = [o for o in events if o is not e and not o.remention and o.type == e.type
                and set(map(id, o.persons)) & set(map(id, e.persons))] if e.remention else []
        if not told and e.remention:
            # re-mentions of an event told nowhere else stand for it once ("his arrest"
            # named three times): the first, dated by any of them
            told = [o for o in out if o.remention and o.type == e.type
                    and set(map(id, o.persons)) & set(map(id, e.persons))]
        if not told:
            out.append(e)
            continue
        twin = told[0]
        if twin.attrs.get("_date") is None and e.attrs.get("_date") is not None and len(told) == 1:
            twin.attrs["_date"] = e.attrs["_date"]
    return out
