"""Queries and search, a part of the Archive (habeas.store.archive mixes it in): persons,
case files, timelines, events, documents, full-text search, counts, the audit log.

Every read takes `seen`, the Visibility of whoever asks (habeas.store.visibility), and
filters with it in SQL; names of the persons it hides are masked in what is returned."""

from __future__ import annotations

import re

from sqlalchemy import Float, Integer, Subquery, func, select, text
from sqlalchemy.orm import Session, load_only, selectinload

from habeas.errors import HabeasError
from habeas.names import same_name
from habeas.store.resolve import names_of
from habeas.store.tables import (AuditRow, DocumentRow, EventRow, FactReviewRow, FactRow, FailureRow,
                                 MentionRow, PersonRow)
from habeas.store.views import (PERSON_DOCUMENT_KEYS, SINGLE_VALUED, apply_reviews, document_json, events_of,
                                extract_json, matching_sentence, person_json, person_record, ranked, review_json)
from habeas.store.visibility import EVERYTHING, Masked, Visibility

# An unfiltered search ranks at most this many of the newest matching documents.
RANK_WINDOW = 2000
# A document's columns a listing shows (document_json): never its text, bytes or case file.
_LISTED = (DocumentRow.id, DocumentRow.sha256, DocumentRow.path, DocumentRow.url, DocumentRow.version,
           DocumentRow.title, DocumentRow.outlet, DocumentRow.published, DocumentRow.language,
           DocumentRow.confidential)
# A person with their mentions and those mentions' documents (listed columns only), in two
# queries however many documents name them: what person_json reads.
WITH_MENTIONS = selectinload(PersonRow.mentions).joinedload(MentionRow.document).load_only(*_LISTED)


class QueriesMixin:
    """Reading: `persons`, `case_file`, `timeline`, `events`, `documents`, `document`, `search`,
    `find_person`, `stats`, `audit_log`, `failures` and their counts."""

    def _masked(self, session: Session, seen: Visibility) -> Masked:
        """Masks the names of the persons `seen` hides (none when it hides nothing)."""
        if seen.confidential:
            return Masked(())
        hidden = select(PersonRow.id).where(~seen.persons)
        names = list(session.scalars(select(PersonRow.name).where(PersonRow.id.in_(hidden))))
        for name, aliases in session.execute(select(MentionRow.name, MentionRow.aliases).where(
                MentionRow.person_id.in_(hidden))):
            names += [name, *aliases]
        return Masked(names)

    @staticmethod
    def _hidden_mentions(session: Session, document_ids: list[int], seen: Visibility) -> set[tuple[int, str]]:
        """(document id, local id) of the persons `seen` hides in these documents."""
        if seen.confidential or not document_ids:
            return set()    # nothing hidden: no query
        return set(session.execute(select(MentionRow.document_id, MentionRow.local_id).where(
            MentionRow.document_id.in_(document_ids),
            MentionRow.person_id.in_(select(PersonRow.id).where(~seen.persons)))).all())

    def persons(self, *, detained: bool | None = True, status: str | None = None, country: str | None = None,
                facility: str | None = None, seen: Visibility = EVERYTHING,
                limit: int | None = None, offset: int = 0) -> list[dict]:
        """Each person with the documents that name them (`habeas persons --format json`),
        optionally only those of a status, a country (a part of its name) or held in a
        facility (a part of its name)."""
        with self.session(write=False) as session:
            query = self._persons_query(detained, status, country, facility, seen)
            query = query.order_by(PersonRow.id).offset(offset).limit(limit).options(WITH_MENTIONS)
            return self._masked(session, seen)([person_json(p, seen) for p in session.scalars(query)])

    def person_count(self, *, detained: bool | None = True, status: str | None = None,
                     country: str | None = None, facility: str | None = None,
                     seen: Visibility = EVERYTHING) -> int:
        with self.session(write=False) as session:
            query = self._persons_query(detained, status, country, facility, seen)
            return session.scalar(select(func.count()).select_from(query.subquery()))

    @staticmethod
    def _persons_query(detained, status, country, facility, seen: Visibility):
        query = select(PersonRow).where(seen.persons)
        if detained is not None:
            query = query.where(PersonRow.detained == detained)
        if status:
            query = query.where(PersonRow.status == status)
        if country:
            query = query.where(PersonRow.country.ilike(f"%{country}%"))
        if facility:
            held = select(FactRow.person_id).join(DocumentRow).where(
                FactRow.slot == "facilities", FactRow.value.ilike(f"%{facility}%"), seen.documents)
            query = query.where(PersonRow.id.in_(held))
        return query

    def search(self, query: str, *, person: int | None = None, country: str | None = None,
               facility: str | None = None, status: str | None = None, event_type: str | None = None,
               since: str | None = None, until: str | None = None, seen: Visibility = EVERYTHING,
               limit: int = 20) -> list[dict]:
        """Documents whose text holds every word of the query, best first, each with the
        sentence that matches and the detainees it names. Filters keep documents about a
        person, about persons of a country, facility or status, or stating an event of a
        type and/or dated within [since, until] (YYYY, YYYY-MM or YYYY-MM-DD)."""
        words = re.findall(r"\w+", query)
        if not words:
            raise HabeasError("empty search query")
        with self.session(write=False) as session:
            scope = self._search_scope(person, country, facility, status, event_type, since, until, seen)
            ids = self._ranked(session, words, scope, limit)
            return self._hits(session, ids, words, seen)

    def _ranked(self, session: Session, words: list[str], scope: list, limit: int) -> list[int]:
        """The best `limit` of the `_matching` documents, best first."""
        hits = self._matching(words, scope)
        return list(session.scalars(select(hits.c.id).order_by(hits.c.score, hits.c.id.desc()).limit(limit)))

    def _matching(self, words: list[str], scope: list) -> Subquery:
        """The newest RANK_WINDOW documents holding every word and within every subquery of
        `scope` (read from the full-text index newest first, each tested against the filters
        until the window is full: never a scan of documents), as a subquery of their `id` and
        `score` (the lower the better). Only these are ranked,
        counted and faceted: a word found in most documents would otherwise be scored in every
        one of them."""
        # The filters as SQL with their values inlined (quoted by SQLAlchemy).
        within = [str(q.compile(self.engine, compile_kwargs={"literal_binds": True})) for q in scope]
        if self.engine.dialect.name == "sqlite":
            # `+rowid`, not `rowid`: a rowid filter FTS5 is given would make it run the
            # full-text query once per candidate row; the unary plus keeps the filter outside.
            sql = text("SELECT rowid AS id, rank AS score FROM documents_fts WHERE documents_fts MATCH :q"
                       + "".join(f" AND +rowid IN ({w})" for w in within) + " ORDER BY rowid DESC LIMIT :window")
            sql = sql.bindparams(q=" ".join('"' + w.replace('"', '""') + '"' for w in words), window=RANK_WINDOW)
        else:
            # Each match ranked as it is read (no second look-up of its vector).
            sql = text("SELECT id, -ts_rank(tsv, plainto_tsquery('simple', :q)) AS score FROM document_search "
                       "WHERE tsv @@ plainto_tsquery('simple', :q)" + "".join(f" AND id IN ({w})" for w in within)
                       + " ORDER BY id DESC LIMIT :window").bindparams(q=" ".join(words), window=RANK_WINDOW)
        return sql.columns(id=Integer, score=Float).subquery("hits")

    def _hits(self, session: Session, ids: list[int], words: list[str], seen: Visibility,
              masked: Masked | None = None) -> list[dict]:
        """Search results of the documents `ids`, in that order: each with the sentence that
        holds the most words and the detainees it names (a document only a hidden person's
        name matched is left out); `masked`: `_masked(session, seen)`, when already read."""
        masked = masked or self._masked(session, seen)
        hidden = self._hidden_mentions(session, list(ids), seen)
        # The hits in one query, in rank order.
        found = {d.id: d for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)).options(
            load_only(DocumentRow.id, DocumentRow.title, DocumentRow.path, DocumentRow.url, DocumentRow.sha256,
                      DocumentRow.published, DocumentRow.text, DocumentRow.extract)))} if ids else {}
        results = []
        for doc in (found[i] for i in ids if i in found):
            body = masked(doc.text)
            if body != doc.text and not all(w.lower() in body.lower() for w in words):
                continue   # only a hidden person's name matched
            results.append(masked({
                "document": {"id": doc.id, "title": doc.title, "path": doc.path, "url": doc.url,
                             "sha256": doc.sha256, "published": doc.published},
                "sentence": matching_sentence(body, words),
                "persons": [p["name"] for p in doc.extract["persons"]
                            if p["detained"] and (doc.id, p["id"]) not in hidden]}))
        return results

    @staticmethod
    def _search_scope(person, country, facility, status, event_type, since, until, seen: Visibility) -> list:
        """What the filters allow, as subqueries of document ids a result must be in (all must
        hold; none: every document)."""
        scope = [] if seen.confidential else [select(DocumentRow.id).where(seen.documents)]
        if person is not None or country or status or facility:
            people = QueriesMixin._persons_query(None, status, country, facility, seen).with_only_columns(PersonRow.id)
            if person is not None:
                people = people.where(PersonRow.id == person)
            scope.append(select(MentionRow.document_id).where(MentionRow.person_id.in_(people)))
        if event_type or since or until:
            events = select(EventRow.document_id)
            if not seen.confidential:    # whoever sees everything needs no look at the persons
                events = events.join(PersonRow).where(seen.persons)
            scope.append(events_of(events, event_type, since, until))
        return scope

    def find_person(self, key: str) -> int:
        """A person's id from an id or a name (any spelling the archive has seen)."""
        with self.session(write=False) as session:
            if key.isdigit() and session.get(PersonRow, int(key)) is not None:
                return int(key)
            for person in session.scalars(select(PersonRow).order_by(PersonRow.id)):
                if any(same_name(key, n) for n in names_of(person)):
                    return person.id
        raise HabeasError(f"no person {key!r} in the archive")

    def case_file(self, person_id: int, *, seen: Visibility = EVERYTHING) -> dict:
        """The consolidated case file: each fact with the documents that state it, values
        that disagree (age 49 vs 50) side by side, the best supported first, then the most
        recent; human reviews applied over what the documents say."""
        with self.session(write=False) as session:
            # Plain rows, not ORM objects: this is what every person page reads first.
            person = session.execute(select(PersonRow.id, PersonRow.name, PersonRow.detained, PersonRow.status,
                                            PersonRow.country, PersonRow.confidential)
                                     .where(PersonRow.id == person_id, seen.persons)).first()
            if person is None:
                raise HabeasError(f"no person #{person_id}")
            out = person_record(person, session.execute(
                select(MentionRow.name, MentionRow.aliases, *(getattr(DocumentRow, k) for k in PERSON_DOCUMENT_KEYS))
                .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
                .where(MentionRow.person_id == person_id, seen.documents).order_by(MentionRow.id)).all())
            facts: dict[str, dict[str, list[dict]]] = {}
            # Every fact with its document's columns shown, in one query.
            query = select(FactRow.slot, FactRow.value, FactRow.evidence, DocumentRow.id, DocumentRow.title,
                           DocumentRow.path, DocumentRow.url, DocumentRow.published).join(DocumentRow).where(
                FactRow.person_id == person_id, seen.documents)
            for slot, value, evidence, doc_id, title, path, url, published in session.execute(
                    query.order_by(FactRow.id)).all():
                facts.setdefault(slot, {}).setdefault(value, []).append(
                    {"document": doc_id, "title": title, "path": path, "url": url,
                     "published": published, "evidence": evidence})
            # A verdict on a value only hidden documents state would tell that value.
            hidden_values = set(session.execute(select(FactRow.slot, FactRow.value).join(DocumentRow).where(
                FactRow.person_id == person_id, ~seen.documents)).all()) if not seen.confidential else set()
            hidden_values -= {(slot, value) for slot, values in facts.items() for value in values}
            reviews = [r for r in session.scalars(select(FactReviewRow).where(FactReviewRow.person_id == person_id))
                       if (r.slot, r.value) not in hidden_values]
            facts, rejected, verdicts = apply_reviews(facts, [r for r in reviews if r.slot != "name"])
            out["facts"] = {}
            for slot, values in facts.items():
                out["facts"][slot] = ranked(values)
                for fact in out["facts"][slot]:
                    fact["review"] = verdicts.get((slot, fact["value"]))
                # A human verdict goes first: it is what the team holds true.
                out["facts"][slot].sort(key=lambda f: f["review"] is None or f["review"]["action"] == "reject")
            out["rejected"] = rejected
            out["reviews"] = [review_json(r) for r in reviews]
            out["conflicts"] = sorted(slot for slot, values in out["facts"].items()
                                      if slot in SINGLE_VALUED and len(values) > 1)
            return self._masked(session, seen)(out)

    def timeline(self, person_id: int, *, seen: Visibility = EVERYTHING) -> list[dict]:
        """Events from every document about the person, in date order; the same event told by
        several reports is shown once with all its sources."""
        merged: dict[tuple, dict] = {}
        for told in self.events(person_id=person_id, seen=seen):
            key = (told["type"], told["date"])
            entry = merged.setdefault(key, {"type": told["type"], "date": told["date"],
                                            "attrs": told["attrs"], "sources": []})
            entry["sources"].append({"document": told["document"]["id"], "title": told["document"]["title"],
                                     "path": told["document"]["path"], "url": told["document"]["url"],
                                     "published": told["document"]["published"], "evidence": told["evidence"]})
        # Known years first in order, then dates whose year is unknown, then undated.
        return sorted(merged.values(), key=lambda e: (
            e["date"] is None, (e["date"] or "").startswith("X"), e["date"] or ""))

    def events(self, *, person_id: int | None = None, type: str | None = None, since: str | None = None,
               until: str | None = None, seen: Visibility = EVERYTHING,
               limit: int | None = None, offset: int = 0) -> list[dict]:
        """Events as archived, one per document that tells them, oldest stated date first."""
        with self.session(write=False) as session:
            query = self._events_query(person_id, type, since, until, seen).with_only_columns(
                EventRow.id, EventRow.person_id, EventRow.type, EventRow.date, EventRow.attrs, EventRow.trigger,
                EventRow.evidence, DocumentRow.id, DocumentRow.title, DocumentRow.path, DocumentRow.url,
                DocumentRow.published)   # plain rows, no ORM objects
            query = query.order_by(EventRow.date, EventRow.id).offset(offset).limit(limit)
            return self._masked(session, seen)([
                {"id": e_id, "person": person, "type": type_, "date": date, "attrs": attrs, "trigger": trigger,
                 "evidence": evidence, "document": {"id": d_id, "title": title, "path": path, "url": url,
                                                    "published": published}}
                for e_id, person, type_, date, attrs, trigger, evidence, d_id, title, path, url, published
                in session.execute(query).all()])

    def event_count(self, *, person_id: int | None = None, type: str | None = None, since: str | None = None,
                    until: str | None = None, seen: Visibility = EVERYTHING) -> int:
        with self.session(write=False) as session:
            query = self._events_query(person_id, type, since, until, seen)
            return session.scalar(select(func.count()).select_from(query.subquery()))

    @staticmethod
    def _events_query(person_id, type, since, until, seen: Visibility):
        query = select(EventRow, DocumentRow).join(DocumentRow).join(PersonRow).where(seen.documents, seen.persons)
        if person_id is not None:
            query = query.where(EventRow.person_id == person_id)
        return events_of(query, type, since, until)

    def documents(self, *, seen: Visibility = EVERYTHING, limit: int | None = None,
                  offset: int = 0) -> list[dict]:
        """Archived documents, the newest ingested first."""
        with self.session(write=False) as session:
            query = select(DocumentRow).where(seen.documents).order_by(DocumentRow.id.desc())
            query = query.offset(offset).limit(limit).options(load_only(*_LISTED))
            return self._masked(session, seen)([document_json(d) for d in session.scalars(query)])

    def document(self, document_id: int, *, seen: Visibility = EVERYTHING) -> dict:
        """One document with its text, its extract-v1 case file and the archive persons it
        names; the persons `seen` hides are left out of it and their names masked."""
        with self.session(write=False) as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.id == document_id, seen.documents))
            if row is None:
                raise HabeasError(f"no document #{document_id}")
            hidden = {local for _, local in self._hidden_mentions(session, [row.id], seen)}
            out = document_json(row)
            out["text"], out["extract"] = row.text, extract_json(row.extract, hidden, seen)
            out["persons"] = {m.local_id: m.person_id for m in session.scalars(
                select(MentionRow).where(MentionRow.document_id == document_id)) if m.local_id not in hidden}
            return self._masked(session, seen)(out)

    def stats(self, *, seen: Visibility = EVERYTHING) -> dict:
        """Counts for a dashboard: detained persons by status and by country, documents."""
        with self.session(write=False) as session:
            people = select(PersonRow).where(PersonRow.detained.is_(True), seen.persons).subquery()
            by_status = dict(session.execute(select(people.c.status, func.count()).group_by(people.c.status)).all())
            by_country = dict(session.execute(select(people.c.country, func.count()).group_by(people.c.country)).all())
            return {"persons": sum(by_status.values()), "by_status": by_status,
                    "by_country": {k or "unknown": v for k, v in by_country.items()},
                    "documents": self.document_count(seen=seen), "open_reviews": len(self.review_items(seen=seen))}

    def audit_log(self, *, limit: int = 100, offset: int = 0, target: str | None = None) -> list[dict]:
        with self.session(write=False) as session:
            query = select(AuditRow).order_by(AuditRow.id.desc())
            if target:
                query = query.where(AuditRow.target == target)
            return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "actor": r.actor, "action": r.action,
                     "target": r.target, "before": r.before, "after": r.after}
                    for r in session.scalars(query.offset(offset).limit(limit))]

    def failures(self) -> list[dict]:
        with self.session(write=False) as session:
            rows = session.scalars(select(FailureRow).order_by(FailureRow.id))
            return [{"source": r.source, "reason": r.reason, "at": r.at.isoformat()} for r in rows]

    def document_count(self, *, seen: Visibility = EVERYTHING) -> int:
        with self.session(write=False) as session:
            return session.scalar(select(func.count(DocumentRow.id)).where(seen.documents))
