"""Reviews and verdicts on facts, a part of the Archive (habeas.store.archive mixes it in): a
person's verdict on a fact (accept, correct, reject), taking one back, and the facts worth a
human look. Verdicts are stored apart from the extraction and win over every later one."""

from __future__ import annotations

from sqlalchemy import func, select

from habeas.errors import HabeasError
from habeas.store.documents import FACT_SLOTS
from habeas.store.resolve import names_of
from habeas.store.tables import AuditRow, DocumentRow, FactReviewRow, FactRow, PersonRow
from habeas.store.views import SINGLE_VALUED, review_json
from habeas.store.visibility import EVERYTHING, Visibility

# Slots a person may review: the facts, and the person's name.
REVIEWABLE = (*FACT_SLOTS, "name")
FACT_ACTIONS = ("accept", "correct", "reject")


class VerdictsMixin:
    """Verdicts on facts: `review_fact`, `undo_review`, `doubtful_facts`."""

    def review_fact(self, person_id: int, slot: str, value: str | None, action: str,
                    corrected: str | None = None, note: str | None = None) -> dict:
        """Record a person's verdict on a fact: `accept` it, `correct` it to `corrected`, or
        `reject` it; `value=None` with `correct` adds a fact no report gave. Stored apart from
        the extraction, so it wins over every later ingest or re-extraction."""
        if slot not in REVIEWABLE:
            raise HabeasError(f"unknown fact {slot!r}; one of: {', '.join(REVIEWABLE)}")
        if action not in FACT_ACTIONS:
            raise HabeasError(f"unknown verdict {action!r}; one of: {', '.join(FACT_ACTIONS)}")
        if action == "correct" and not (corrected or "").strip():
            raise HabeasError("a correction needs the corrected value")
        if value is None and action != "correct":
            raise HabeasError("only a correction can add a fact without an extracted value")
        with self.session() as session:
            person = session.get(PersonRow, person_id)
            if person is None:
                raise HabeasError(f"no person #{person_id}")
            known = {v for v in session.scalars(select(FactRow.value).where(
                FactRow.person_id == person_id, FactRow.slot == slot))}
            if slot == "name":
                known = set(names_of(person))
            if value is not None and value not in known:
                raise HabeasError(f"person #{person_id} has no {slot} {value!r}"
                                  + (f"; known: {', '.join(sorted(known))}" if known else ""))
            row = FactReviewRow(person_id=person_id, slot=slot, value=value, action=action,
                                corrected=corrected.strip() if corrected else None, note=note, actor=self.actor)
            session.add(row)
            before = {"name": person.name, "status": person.status}
            if action == "correct" and slot == "name":
                person.name = row.corrected
            if action == "correct" and slot == "status":
                person.status = row.corrected
            session.flush()
            self.audit(session, f"fact.{action}", f"person:{person_id}",
                       {"slot": slot, "value": value, **before}, review_json(row))
            return review_json(row)

    def undo_review(self, person_id: int, review_id: int) -> dict:
        """Take back a verdict on a fact (audited): the review is removed, and a name or status
        it corrected goes back to what it was before the verdict."""
        with self.session() as session:
            row = session.get(FactReviewRow, review_id)
            person = session.get(PersonRow, person_id)
            if row is None or person is None or row.person_id != person_id:
                raise HabeasError(f"no verdict #{review_id} on person #{person_id}")
            undone = review_json(row)
            if row.action == "correct" and row.slot in ("name", "status"):
                entries = session.scalars(select(AuditRow).where(
                    AuditRow.target == f"person:{person_id}", AuditRow.action == "fact.correct"))
                before = next((e.before for e in entries if (e.after or {}).get("id") == review_id), None) or {}
                if before.get(row.slot):
                    setattr(person, row.slot, before[row.slot])
            session.delete(row)
            self.audit(session, "fact.undo", f"person:{person_id}", undone, None)
            return undone

    def doubtful_facts(self, limit: int = 50, *, seen: Visibility = EVERYTHING) -> list[dict]:
        """Facts worth a human look, not yet reviewed: values of a single-valued slot that
        documents disagree on, and facts no sentence supports (of persons and documents `seen`
        shows)."""
        with self.session(write=False) as session:
            rows = session.execute(select(FactRow.person_id, FactRow.slot, FactRow.value,
                                          func.count(FactRow.id), func.count(FactRow.evidence))
                                   .join(PersonRow, PersonRow.id == FactRow.person_id)
                                   .join(DocumentRow, DocumentRow.id == FactRow.document_id)
                                   .where(seen.persons, seen.documents)
                                   .group_by(FactRow.person_id, FactRow.slot, FactRow.value)
                                   .order_by(FactRow.person_id)).all()
            reviewed = {(r.person_id, r.slot, r.value) for r in session.scalars(select(FactReviewRow))}
            per_slot: dict[tuple[int, str], int] = {}
            for person_id, slot, *_ in rows:
                per_slot[(person_id, slot)] = per_slot.get((person_id, slot), 0) + 1
            out = []
            for person_id, slot, value, count, with_evidence in rows:
                if (person_id, slot, value) in reviewed:
                    continue
                if slot in SINGLE_VALUED and per_slot[(person_id, slot)] > 1:
                    why, reason = "disagree", f"documents disagree on the {slot}"
                elif not with_evidence and slot != "status":   # a status is concluded, not stated
                    why, reason = "unstated", "no sentence states it"
                else:
                    continue
                out.append({"person": person_id, "slot": slot, "value": value, "documents": count,
                            "reason": reason, "why": why})
            return out[:limit]
