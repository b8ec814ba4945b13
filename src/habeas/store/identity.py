"""Persons and their identity, a part of the Archive (habeas.store.archive mixes it in):
merging two persons, splitting a document's mentions off into a new person, the review items
a doubtful name match leaves, deleting a person, following one."""

from __future__ import annotations

from sqlalchemy import select, update

from habeas.errors import HabeasError
from habeas.store.resolve import NameIndex, names_of
from habeas.store.tables import (DecisionRow, EventRow, FactReviewRow, FactRow, PersonRow, ReviewItemRow,
                                 WatchRow)
from habeas.store.views import person_json
from habeas.store.visibility import EVERYTHING, Visibility


class IdentityMixin:
    """Who is who: `merge`, `split`, `review_items` and `decide`, `delete_person`, `watch`."""

    def merge(self, keep: int, other: int) -> None:
        """`other` is the same person as `keep`: its mentions, facts, events and reviews move over."""
        self._names = NameIndex()
        if keep == other:
            raise HabeasError("a person cannot be merged with itself")
        with self.session() as session:
            a, b = session.get(PersonRow, keep), session.get(PersonRow, other)
            if a is None or b is None:
                raise HabeasError(f"no person #{keep if a is None else other}")
            before = {"keep": person_json(a), "other": person_json(b)}
            for row in list(b.mentions):
                row.person = a  # moves it between the two collections, so deleting b keeps it
            for table in (FactRow, EventRow, FactReviewRow):
                session.execute(update(table).where(table.person_id == b.id).values(person_id=a.id))
            session.execute(update(ReviewItemRow).where(ReviewItemRow.state == "open").where(
                (ReviewItemRow.person_id == b.id) | (ReviewItemRow.candidate_id == b.id)).values(state="accepted"))
            session.flush()
            session.delete(b)
            self.audit(session, "merge", f"person:{keep}", before, {"keep": keep, "merged": other})

    def split(self, person_id: int, document_id: int) -> int:
        """What one document says of a person is about someone else: it becomes a new
        person, and later ingests never merge those names back."""
        self._names = NameIndex()
        with self.session() as session:
            person = session.get(PersonRow, person_id)
            moved = [m for m in (person.mentions if person else []) if m.document_id == document_id]
            if not moved:
                raise HabeasError(f"person #{person_id} has no mention in document #{document_id}")
            if len(moved) == len(person.mentions):
                raise HabeasError("that document is all the archive knows of this person")
            new = PersonRow(name=moved[0].name, detained=True, status=person.status, country=person.country)
            session.add(new)
            session.flush()
            for m in moved:
                m.person = new
            for table in (FactRow, EventRow):
                session.execute(update(table).where(table.person_id == person_id,
                                                    table.document_id == document_id).values(person_id=new.id))
            names = sorted({n for m in moved for n in [m.name, *m.aliases]})
            session.add(DecisionRow(kind="not_same", person_id=person_id, names=names))
            self.audit(session, "split", f"person:{person_id}", {"document": document_id},
                       {"new_person": new.id, "names": names})
            return new.id

    def review_items(self, state: str = "open", *, seen: Visibility = EVERYTHING) -> list[dict]:
        with self.session(write=False) as session:
            shown = select(PersonRow.id).where(seen.persons)
            rows = session.scalars(select(ReviewItemRow).where(
                ReviewItemRow.state == state, ReviewItemRow.person_id.in_(shown),
                ReviewItemRow.candidate_id.in_(shown)).order_by(ReviewItemRow.id))
            return [{"id": r.id, "person": r.person_id, "candidate": r.candidate_id, "reason": r.reason}
                    for r in rows]

    def review_item(self, item_id: int, *, seen: Visibility = EVERYTHING) -> dict | None:
        """One review item with the names of its two persons; None when unknown (a merged
        one is gone with the person merged away) or when a person it names is hidden."""
        with self.session(write=False) as session:
            item = session.get(ReviewItemRow, item_id)
            if item is None:
                return None
            ids = (item.person_id, item.candidate_id)
            shown = {pid: name for pid, name in session.execute(
                select(PersonRow.id, PersonRow.name).where(PersonRow.id.in_(ids), seen.persons))}
            if len(shown) < len(set(ids)):
                return None
            return {"id": item.id, "person": item.person_id, "candidate": item.candidate_id, "reason": item.reason,
                    "state": item.state, "left": shown[item.person_id], "right": shown[item.candidate_id]}

    def reopen(self, item_id: int) -> None:
        """Take back a rejected review item ("different people"): it is open again and the
        decision it recorded is forgotten. A merge is not taken back here (see `split`)."""
        with self.session() as session:
            item = session.get(ReviewItemRow, item_id)
            if item is None or item.state != "rejected":
                raise HabeasError(f"no review item #{item_id} kept apart to take back")
            names = sorted(set(names_of(session.get(PersonRow, item.person_id))))
            decision = session.scalar(select(DecisionRow).where(
                DecisionRow.kind == "not_same", DecisionRow.person_id == item.candidate_id)
                .order_by(DecisionRow.id.desc()).limit(1))
            if decision is not None and sorted(decision.names) == names:
                session.delete(decision)
            item.state = "open"
            self.audit(session, "review.reopen", f"review_item:{item_id}", {"state": "rejected"}, {"state": "open"})

    def decide(self, item_id: int, accept: bool) -> None:
        """Accept (merge the two) or reject (record that they are different people)."""
        with self.session() as session:
            item = session.get(ReviewItemRow, item_id)
            if item is None or item.state != "open":
                raise HabeasError(f"no open review item #{item_id}")
            person, candidate = item.person_id, item.candidate_id
            if not accept:
                item.state = "rejected"
                names = names_of(session.get(PersonRow, person))
                session.add(DecisionRow(kind="not_same", person_id=candidate, names=sorted(set(names))))
                self.audit(session, "review.reject", f"review_item:{item_id}", None,
                           {"person": person, "candidate": candidate})
                return
        self.merge(candidate, person)

    def watch(self, person_id: int, on: bool = True) -> None:
        """Follow a person (or stop following): alerts tell of new reports about them."""
        with self.session() as session:
            if session.get(PersonRow, person_id) is None:
                raise HabeasError(f"no person #{person_id}")
            row = session.scalar(select(WatchRow).where(WatchRow.person_id == person_id,
                                                        WatchRow.actor == self.actor))
            if on and row is None:
                session.add(WatchRow(person_id=person_id, actor=self.actor))
            elif not on and row is not None:
                session.delete(row)
            self.audit(session, "watch" if on else "unwatch", f"person:{person_id}")

    def watched(self, *, everyone: bool = False) -> list[dict]:
        """Persons followed by this actor (by anyone with `everyone`), with since when."""
        with self.session(write=False) as session:
            query = select(WatchRow).order_by(WatchRow.id)
            if not everyone:
                query = query.where(WatchRow.actor == self.actor)
            return [{"person": w.person_id, "actor": w.actor, "since": w.at.isoformat(timespec="seconds")}
                    for w in session.scalars(query)]

    def delete_person(self, person_id: int) -> None:
        self._names = NameIndex()
        with self.session() as session:
            row = self._row(session, PersonRow, person_id, "person")
            before = person_json(row)
            session.delete(row)
            self.audit(session, "delete", f"person:{person_id}", before, None)
