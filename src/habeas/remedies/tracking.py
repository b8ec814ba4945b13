"""Where a remedy stands: a person's events matched to the steps of each procedure.

Finding is apart from judging: `assign` decides which events belong to which procedure
(each petition, appeal and answer to one procedure only, the one whose words it shares most,
words in the filing's addressee, request and basis counting double; an answer from the
authority a filing went to goes with that filing, else to the remedy whose words it shares
most among those with a filing before it, else among all; one that names no procedure goes
to the filing it follows), then `Remedy` reads the state of one procedure
from its events: after a refusal it offers the remedies against that refusal, each with the
day by which it must be filed, counted from the refusal."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from habeas.remedies.illnesses import IllnessMatch
from habeas.remedies.periods import days_between, period, sort_key, span_text
from habeas.remedies.procedures import FILINGS, Deadline, Match, Procedure, Step
from habeas.remedies.refusers import refuser_of

# Appeal rulings carry their answer in `outcome`: what each means for the person.
APPEAL_OUTCOMES = {"upheld": "rejected", "reduced": "partial", "overturned": "granted"}
DEFAULT_ANSWER_DAYS = 30
STATES = ("not_started", "filed", "awaiting", "stalled", "rejected", "granted")
# The fields of a filing that say to whom it went, what it asked and on what basis.
ADDRESS_FIELDS = ("to", "request", "basis")
# Event types that petitions and answers are: every one of them is shown, in a remedy or apart.
TOLD_TYPES = FILINGS + ("response",)


@dataclass
class Told:
    """One event of a person's timeline (the same event told by several reports is one)."""
    type: str
    date: str | None
    attrs: dict
    sources: list[dict]

    @classmethod
    def from_timeline(cls, entry: dict) -> Told:
        return cls(entry["type"], entry["date"], entry["attrs"] or {}, entry["sources"])

    @cached_property
    def text(self) -> str:
        """What the reports say of the event, lower-cased (read once: every procedure's
        words are looked for in it)."""
        said = " ".join(s["evidence"] or "" for s in self.sources)
        return f"{said} {_flat(self.attrs)}".lower()

    def has(self, word: str) -> bool:
        return _has(self.text, word)

    def addressed(self, word: str) -> bool:
        """The word is in the filing's addressee, request or basis."""
        return _has(_flat({k: self.attrs.get(k) for k in ADDRESS_FIELDS}).lower(), word)

    @property
    def outcome(self) -> str | None:
        if self.type == "appeal":
            return APPEAL_OUTCOMES.get(self.attrs.get("outcome"))
        return self.attrs.get("outcome") if self.type == "response" else None

    def to_json(self) -> dict:
        return {"type": self.type, "date": self.date, "attrs": self.attrs, "sources": self.sources}


def _has(text: str, word: str) -> bool:
    return _word(word).search(text) is not None


@lru_cache(maxsize=4096)
def _word(word: str) -> re.Pattern[str]:
    """The pattern of a procedure's word at a word's start (compiled once per word)."""
    return re.compile(rf"(?<!\w){re.escape(word.lower())}")


def _flat(value) -> str:
    if isinstance(value, dict):
        return " ".join(_flat(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_flat(v) for v in value)
    return "" if value is None else str(value)


def matches(match: Match, event: Told) -> bool:
    if event.type not in match.types:
        return False
    if match.words and not any(event.has(w) for w in match.words):
        return False
    if any(event.has(w) for w in match.unless):
        return False
    by = _flat(event.attrs.get("by")).lower()
    return not match.by or any(b.lower() in by for b in match.by)


def step_of(procedure: Procedure, event: Told) -> Step | None:
    """The step an event shows: of the steps that accept it, the furthest in the law's order
    whose words are in every sentence that tells the event, and none of its `not_with` words
    ("the Supreme Court dismissed the cassation complaint" is the cassation's ruling); else the
    first that accepts it (a report that tells the appeal chamber's ruling and, in the next
    sentence, the complaint to the Supreme Court that follows it, tells the appeal's ruling;
    so does "the appeal court upheld it; the defence will go to the Supreme Court")."""
    taking = [s for s in procedure.steps if any(matches(m, event) for m in s.match)]
    told = _sentences(event)
    named = [s for s in taking if any(m.words and matches(m, event) and all(
        any(_has(t, w) for w in m.words) and not any(_has(t, w) for w in m.not_with) for t in told)
        for m in s.match)]
    return named[-1] if named else next(iter(taking), None)


def _sentences(event: Told) -> list[str]:
    """The sentences that tell the event, each with the filing's addressee, request and basis."""
    address = _flat({k: event.attrs.get(k) for k in ADDRESS_FIELDS})
    return [f"{s['evidence']} {address}".lower() for s in event.sources if s.get("evidence")] or [event.text]


def _score(procedure: Procedure, event: Told) -> int:
    """Words of the procedure in the event, a phrase weighing as many words as it has ("interim
    measure" says more than "court"); in the addressee, request or basis they count double.
    Nothing for an event with a word that rules the procedure out (its matchers' `unless`)."""
    if any(event.has(w) for s in procedure.steps for m in s.match for w in m.unless):
        return 0
    return sum((event.has(w) + event.addressed(w)) * len(w.split()) for w in procedure.applies)


def assign(procedures: list[Procedure], events: list[Told]) -> dict[str, list[Told]]:
    """The events of each procedure, in date order."""
    ordered = sorted(events, key=lambda e: sort_key(e.date))
    owned: dict[str, list[Told]] = {p.id: [] for p in procedures}
    filed: list[tuple[Told, str]] = []
    for event in ordered:
        if event.type in FILINGS:
            chosen = _best(event, [p for p in procedures if step_of(p, event)])
            if chosen:
                owned[chosen].append(event)
                filed.append((event, chosen))
        elif event.type != "response":
            for procedure in procedures:        # findings such as a medical commission's
                if step_of(procedure, event):
                    owned[procedure.id].append(event)
    for answer in (e for e in ordered if e.type == "response"):
        asked = [p for p in procedures if any(c == p.id and _may_follow(answer, f) for f, c in filed)]
        chosen = (_addressee_answers(answer, filed) or _best(answer, asked) or _best(answer, procedures)
                  or _answered_filing(answer, filed))
        if chosen:
            owned[chosen].append(answer)
    for told in owned.values():
        told.sort(key=lambda e: sort_key(e.date))
    return owned


def _best(event: Told, candidates: list[Procedure]) -> str | None:
    # Ties: a country's or an international body's own procedure before a generic outline,
    # then the first.
    best = max(candidates, key=lambda p: (_score(p, event), p.jurisdiction != "any"), default=None)
    return best.id if best is not None and _score(best, event) > 0 else None


def _addressee_answers(answer: Told, filed: list[tuple[Told, str]]) -> str | None:
    """The procedure of the latest earlier filing sent to the authority that answers ("the
    district court rejected the petition" answers the petition to the district court)."""
    for filing, chosen in reversed(filed):
        to = filing.attrs.get("to") or []
        if _may_follow(answer, filing) and any(len(t) > 3 and answer.has(t) for t in to):
            return chosen
    return None


def _answered_filing(answer: Told, filed: list[tuple[Told, str]]) -> str | None:
    """The procedure of the filing an answer that names none follows ("the department
    rejected the petition"); a filing whose year is unknown may precede any answer."""
    before = [chosen for filing, chosen in filed
              if period(filing.date) is None or sort_key(filing.date) <= sort_key(answer.date)]
    return before[-1] if before else None


@dataclass
class Remedy:
    """One procedure's state for a person. `offers` are the procedures open against a refusal
    by each kind of authority (None: whoever refused), already resolved to the person's
    country; `closed` says why no step is proposed at all (the person died or was released)."""
    procedure: Procedure
    events: list[Told]
    today: date
    illness: list[IllnessMatch] = field(default_factory=list)
    offers: dict[str | None, list[Procedure]] = field(default_factory=dict)
    closed: str | None = None

    def filings(self) -> list[Told]:
        """Petitions and appeals, dated ones last so that the latest dated is the one judged.
        A filing told by the very sentence that tells an answer is that answer read twice,
        unless no other filing is told ("the court rejected the lawyer's petition")."""
        answered = {s["evidence"] for e in self.events if e.type == "response" for s in e.sources}
        told = [e for e in self.events if e.type in FILINGS]
        filings = [e for e in told if not {s["evidence"] for s in e.sources} <= answered] or told
        return sorted(filings, key=lambda e: (period(e.date) is not None, sort_key(e.date)))

    def answers_to(self, filing: Told) -> list[Told]:
        """Answers after the filing (an appeal ruling answers itself)."""
        later = [e for e in self.events if e.type == "response" and e is not filing and _may_follow(e, filing)]
        return ([filing] if filing.outcome else []) + later

    def steps(self) -> list[dict]:
        out = []
        for step in self.procedure.steps:
            taken = [e for e in self.events if any(matches(m, e) for m in step.match)]
            out.append({"id": step.id, "title": step.title, "actor": step.actor, "basis": step.basis,
                        "answer_days": step.answer_days, "leads_to": step.leads_to,
                        "file_within": step.file_within.text() if step.file_within else None,
                        "status": "done" if taken else "missing", "events": [e.to_json() for e in taken]})
        return out

    def to_json(self) -> dict:
        steps = self.steps()
        filings = self.filings()
        filing = filings[-1] if filings else None
        answers = self.answers_to(filing) if filing else []
        answer = answers[-1] if answers else None
        finished = any(e.type == "release" or e.outcome in ("granted", "partial")
                       for s in self.procedure.steps if s.leads_to.get("granted") == "done"
                       for e in self.events if any(matches(m, e) for m in s.match))
        state, waited, since = self._state(filing, answer, finished)
        refused_on = answer.date if state == "rejected" and answer is not None else None
        refused_by = self._refuser(answer) if state == "rejected" and answer is not None else None
        next_step = None if self.closed or state == "granted" else self._next_step(steps, filing, state, refused_on)
        return {
            "procedure": self.procedure.id, "title": self.procedure.title,
            "jurisdiction": self.procedure.jurisdiction, "legal_basis": self.procedure.legal_basis,
            "sources": self.procedure.sources, "notes": self.procedure.notes,
            "requires_exhaustion": self.procedure.requires_exhaustion,
            "state": state, "state_label": self.procedure.outcome_labels.get(state),
            "summary": self._summary(state, filing, answer, waited, since),
            "filed": _filing_json(filing), "answer": _answer_json(answer) if answer else None,
            "waited_days": waited, "days_since": since,
            "waiting_on": self._waiting_on(filing) if state in ("awaiting", "stalled", "filed") else None,
            "next_step": next_step,
            "refused_by": refused_by,
            "after_refusal": [] if self.closed or state != "rejected" else
            [self._offer(p, refused_on) for p in self.offers.get(refused_by, [])],
            "closed": self.closed,
            "events": [e.to_json() for e in sorted(self.events, key=lambda e: sort_key(e.date))
                       if e.type in TOLD_TYPES],
            "steps": steps,
            "illness_matches": [m.to_json() for m in self.illness],
        }

    def _next_step(self, steps: list[dict], filing: Told | None, state: str, refused_on: str | None) -> dict | None:
        """The step the law puts next: after a refusal, the step the refused one leads to (with
        its deadline counted from the refusal); otherwise the first step not taken after the
        furthest one taken, whatever order the reports told them in."""
        if state == "rejected":
            step = self._step_for(filing) if filing else None
            target = step.leads_to.get("rejected") if step else None
            chosen = next((s for s in self.procedure.steps if s.id == target), None)
            return self._step_json(chosen, refused_on) if chosen else None
        done = [n for n, s in enumerate(steps) if s["status"] == "done"]
        after = done[-1] + 1 if done else 0
        if state == "not_started" and not done:
            return None
        chosen = next((s for s in self.procedure.steps[after:]), None)
        return self._step_json(chosen, None) if chosen else None

    def _step_json(self, step: Step, counted_from: str | None) -> dict:
        after = step.file_within.after_step if step.file_within else None
        if after is not None:
            counted_from = self._ruled_on(after)
        return {"id": step.id, "title": step.title, "actor": step.actor, "basis": step.basis,
                **deadline_json(step.file_within, counted_from, self.today)}

    def _ruled_on(self, step_id: str) -> str | None:
        """The day of the earliest dated answer to the step `step_id` (None: none is told, and
        no day to file by is computed rather than one counted from a later ruling)."""
        ruled = [e for e in self.events if e.outcome in ("rejected", "granted", "partial") and e.date
                 and period(e.date) is not None and (s := step_of(self.procedure, e)) is not None and s.id == step_id]
        return min(ruled, key=lambda e: sort_key(e.date)).date if ruled else None

    def _refuser(self, answer: Told) -> str | None:
        """Who refused: "court", "prosecutor", "administration", or None when the answer does
        not say (then every remedy against a refusal is offered)."""
        return refuser_of(_flat(answer.attrs.get("by")), [s["evidence"] for s in answer.sources if s.get("evidence")],
                          ruling=answer.type == "appeal")

    def _offer(self, procedure: Procedure, refused_on: str | None) -> dict:
        first = procedure.steps[0]
        return {"procedure": procedure.id, "title": procedure.title, "step": first.title, "actor": first.actor,
                "legal_basis": procedure.legal_basis, "notes": procedure.notes,
                "again": procedure.id == self.procedure.id,
                **deadline_json(first.file_within, refused_on, self.today)}

    def _state(self, filing: Told | None, answer: Told | None, finished: bool):
        """(state, days the answer took, days since the filing or the answer)."""
        if finished:
            return "granted", None, None
        if filing is None:
            return "not_started", None, None
        if answer is not None and answer.outcome in ("rejected", "granted", "partial"):
            state = "rejected" if answer.outcome == "rejected" else "granted"
            took = None if answer is filing else _span(days_between(filing.date, answer.date))
            return state, took, _days(days_between(answer.date, self.today))
        waited = _days(days_between(filing.date, self.today))
        if waited is None:
            return "filed", None, None
        limit = self._step_for(filing).answer_days or DEFAULT_ANSWER_DAYS
        return ("stalled" if waited > limit else "awaiting"), None, waited

    def _step_for(self, filing: Told) -> Step:
        return step_of(self.procedure, filing) or self.procedure.steps[0]

    def _waiting_on(self, filing: Told) -> str:
        to = filing.attrs.get("to")
        return ", ".join(to) if isinstance(to, list) and to else (to or self._step_for(filing).actor)

    def _summary(self, state, filing, answer, waited, since) -> str:
        if state == "not_started":
            return "not started"
        if state == "granted" and filing is None:
            return self.procedure.outcome_labels.get("granted", "granted")
        filed = f"filed {filing.date or 'on an unknown date'}" + (
            f" by {filing.attrs['by']}" if filing.attrs.get("by") else "")
        if state == "filed":
            return f"{filed}; no answer reported (the filing's date is too vague to count days)"
        if state in ("awaiting", "stalled"):
            limit = self._step_for(filing).answer_days or DEFAULT_ANSWER_DAYS
            late = f", past the {limit} days an answer should take" if state == "stalled" else ""
            return f"{filed}; awaiting an answer for {since} days{late}"
        word = self.procedure.outcome_labels.get(state, state)
        if answer is None:   # the outcome is known (a release was reported) but no answer to the filing
            return f"{filed}; {word}"
        by = f" by {answer.attrs['by']}" if answer.attrs.get("by") else ""
        took = f" after {span_text(waited)} days" if waited else ""
        return f"{filed}; {word} {answer.date or '(date unknown)'}{by}{took}: “{reason_of(answer)}”"


def deadline_json(deadline: Deadline | None, counted_from: str | None, today: date) -> dict:
    """The time to file and, when the day that starts it is known, the last day to file:
    counted from the earliest day that date can mean (a refusal "in October" may be of the
    1st), so the day shown is never later than the real one."""
    if deadline is None:
        return {"deadline": None}
    out = {"deadline": {"rule": deadline.text(), "counted_from": counted_from, "file_by": None,
                        "days_left": None, "passed": None, "exact": None}}
    span = period(counted_from)
    if span is None:
        return out
    last = _add(span[0], deadline)
    out["deadline"].update(file_by=last.isoformat(), days_left=(last - today).days, passed=last < today,
                           exact=span[0] == span[1])
    return out


def _add(start: date, deadline: Deadline) -> date:
    if deadline.days:
        return start + timedelta(days=deadline.days)
    return start + relativedelta(months=deadline.months)     # 31 January + 1 month: 29 February


def other_filings(events: list[Told], owned: dict[str, list[Told]], today: date) -> list[dict]:
    """Petitions, appeals and answers that belong to no procedure: each filing with the answer
    that follows it (in the same report, or later) and the days waited."""
    taken = {id(e) for told in owned.values() for e in told}
    rest = sorted((e for e in events if e.type in TOLD_TYPES and id(e) not in taken), key=lambda e: sort_key(e.date))
    answers = [e for e in rest if e.type == "response"]
    used: set[int] = set()
    out = []
    for filing in (e for e in rest if e.type in FILINGS):
        answer = filing if filing.outcome and filing.outcome != "pending" else next(
            (a for a in answers if id(a) not in used and _answers(a, filing)), None)
        if answer is not None and answer is not filing:
            used.add(id(answer))
        waited = None if answer is None or answer is filing else _span(days_between(filing.date, answer.date))
        out.append({"filed": _filing_json(filing), "answer": _answer_json(answer) if answer else None,
                    "waited_days": waited,
                    "days_since": None if answer else _days(days_between(filing.date, today))})
    for answer in (a for a in answers if id(a) not in used):
        out.append({"filed": None, "answer": _answer_json(answer), "waited_days": None, "days_since": None})
    return out


def _may_follow(answer: Told, filing: Told) -> bool:
    """The answer can be dated on or after the filing ("2024-10" may follow "2024-10-01"); a
    filing of unknown year may precede any answer, and an answer of unknown year may follow any."""
    asked, answered = period(filing.date), period(answer.date)
    return asked is None or answered is None or answered[1] >= asked[0]


def _answers(answer: Told, filing: Told) -> bool:
    same_report = {s["document"] for s in answer.sources} & {s["document"] for s in filing.sources}
    later = period(filing.date) is not None and period(answer.date) is not None and \
        sort_key(answer.date) >= sort_key(filing.date)
    return bool(same_report) or later


def reason_of(answer: Told) -> str:
    """The stated reason: the `reason` attribute, else the sentence that tells the answer."""
    if answer.attrs.get("reason"):
        return str(answer.attrs["reason"])
    return next((s["evidence"] for s in answer.sources if s.get("evidence")), "no reason given")


def _filing_json(filing: Told | None) -> dict | None:
    if filing is None:
        return None
    return {"type": filing.type, "date": filing.date,
            **{k: filing.attrs.get(k) for k in ("by", "to", "request", "basis")}, "sources": filing.sources}


def _answer_json(answer: Told) -> dict:
    return {"type": answer.type, "date": answer.date, "by": answer.attrs.get("by"), "outcome": answer.outcome,
            "reason": reason_of(answer), "sources": answer.sources}


def _span(days: tuple[int, int] | None) -> dict | None:
    return None if days is None else {"min": days[0], "max": days[1]}


def _days(days: tuple[int, int] | None) -> int | None:
    """Days elapsed counted from the earliest day the date can mean."""
    return None if days is None else days[1]
