"""Reading the archive as a researcher browses it: a search page (with or without words) with
its total and the count of each facet value, and the persons table (sorted, filtered by name).

Every read takes `seen` (habeas.store.visibility) like the rest of the archive: a facet value or
a count only ever counts what `seen` shows, and a document only a hidden person's name matched
is no match (as in `Archive.search`)."""

from __future__ import annotations

import re

from sqlalchemy import Integer, Select, distinct, func, select, text
from sqlalchemy.orm import Session

from habeas.store.tables import DocumentRow, EventRow, FactRow, MentionRow, PersonRow
from habeas.store.views import document_json, events_of, matching_sentence, person_json
from habeas.store.visibility import EVERYTHING, Visibility

# How the persons table may be sorted (the column headers' keys).
PERSON_SORTS = ("name", "status", "country", "documents", "id")
# Facility facet: the most frequent values only.
FACILITY_FACETS = 12
# A text search counts (and pages through) at most this many matches (Archive.search ranks no more).
MATCH_CAP = 2000


class BrowseMixin:
    """Mixed into Archive: needs its `session`, `engine`, `search`, `_masked`, `_hidden_mentions`
    and `_search_scope`."""

    # ------------------------------------------------------------------ search page

    def search_page(self, query: str = "", *, person: int | None = None, country: str | None = None,
                    facility: str | None = None, status: str | None = None, event_type: str | None = None,
                    since: str | None = None, until: str | None = None, seen: Visibility = EVERYTHING,
                    limit: int = 20, offset: int = 0) -> dict:
        """One page of a search: `total` matching documents, the `results` from `offset` (the
        best first with words, the newest first without), and `facets`: for status, country,
        facility, event type and year, each value with the number of matching documents."""
        words = re.findall(r"\w+", query)
        filters = dict(person=person, country=country, facility=facility, status=status, event_type=event_type,
                       since=since, until=until)
        with self.session(write=False) as session:
            matches = self._matches(session, words, filters, seen)
            total = session.scalar(select(func.count()).select_from(matches.subquery()))
            facets = self._facets(session, matches, seen)
            if not words:
                ids = list(session.scalars(matches.order_by(DocumentRow.id.desc()).offset(offset).limit(limit)))
                results = self._browsed(session, ids, event_type, since, until, seen)
        if words:
            total = min(total, MATCH_CAP)
            results = self.search(query, **filters, seen=seen, limit=min(offset + limit, MATCH_CAP))[offset:]
        return {"total": total, "results": results, "facets": facets, "limit": limit, "offset": offset}

    def _matches(self, session: Session, words: list[str], filters: dict, seen: Visibility) -> Select:
        """The ids of the documents a search finds, as a query."""
        query = select(DocumentRow.id).where(seen.documents)
        for scope in self._search_scope(**filters, seen=seen):
            query = query.where(DocumentRow.id.in_(scope))
        if not words:
            return query
        query = query.where(DocumentRow.id.in_(select(self._text_match(words).c.id)))
        masked = self._masked(session, seen)
        # (Conservative: any word written inside a hidden name's pattern.)
        if masked.pattern is None or not any(w.lower() in masked.pattern.pattern.lower() for w in words):
            return query
        # A word that is (a part of) a hidden person's name: a document it matched only in that
        # name is no match. Only a few documents hold such a name; they are read and checked.
        excluded = []
        for doc_id, body in session.execute(select(DocumentRow.id, DocumentRow.text).where(
                DocumentRow.id.in_(query.order_by(DocumentRow.id.desc()).limit(MATCH_CAP)))):
            shown = masked(body).lower()
            if not all(w.lower() in shown for w in words):
                excluded.append(doc_id)
        return query.where(DocumentRow.id.not_in(excluded)) if excluded else query

    def _text_match(self, words: list[str]):
        """The ids of the documents holding every word, as a subquery (the full-text index)."""
        if self.engine.dialect.name == "sqlite":
            q = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            sql = text("SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH :fq").bindparams(fq=q)
        else:
            sql = text("SELECT id FROM document_search WHERE tsv @@ plainto_tsquery('simple', :fq)").bindparams(
                fq=" ".join(words))
        return sql.columns(id=Integer).subquery()

    @staticmethod
    def _facets(session: Session, matches: Select, seen: Visibility) -> dict[str, list[tuple[str, int]]]:
        ids = matches
        shown = select(PersonRow.id).where(seen.persons, PersonRow.detained.is_(True))
        documents = func.count(distinct(MentionRow.document_id))

        def by_person(column) -> list[tuple[str, int]]:
            rows = session.execute(select(column, documents).join(MentionRow, MentionRow.person_id == PersonRow.id)
                                   .where(MentionRow.document_id.in_(ids), PersonRow.id.in_(shown),
                                          column.is_not(None))
                                   .group_by(column).order_by(documents.desc(), column)).all()
            return [(v, n) for v, n in rows]

        counted = func.count(distinct(FactRow.document_id))
        facilities = session.execute(select(FactRow.value, counted).where(
            FactRow.slot == "facilities", FactRow.document_id.in_(ids), FactRow.person_id.in_(shown))
            .group_by(FactRow.value).order_by(counted.desc(), FactRow.value).limit(FACILITY_FACETS)).all()
        told = func.count(distinct(EventRow.document_id))
        events = session.execute(select(EventRow.type, told).where(
            EventRow.document_id.in_(ids), EventRow.person_id.in_(shown))
            .group_by(EventRow.type).order_by(told.desc(), EventRow.type)).all()
        year = func.substr(EventRow.date, 1, 4)
        years = session.execute(select(year, told).where(
            EventRow.document_id.in_(ids), EventRow.person_id.in_(shown), EventRow.date.is_not(None))
            .group_by(year).order_by(year.desc())).all()
        return {"status": by_person(PersonRow.status), "country": by_person(PersonRow.country),
                "facility": [(v, n) for v, n in facilities], "event": [(v, n) for v, n in events],
                "year": [(y, n) for y, n in years if y and y.isdigit()]}

    def _browsed(self, session: Session, ids: list[int], event_type, since, until, seen: Visibility) -> list[dict]:
        """Documents found by filters alone, in the shape of search results: the sentence is
        that of an event the filters ask for (else the document's first)."""
        if not ids:
            return []
        docs = {d.id: d for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)))}
        told = select(EventRow.document_id, EventRow.evidence).where(
            EventRow.document_id.in_(ids), EventRow.evidence.is_not(None),
            EventRow.person_id.in_(select(PersonRow.id).where(seen.persons)))
        told = events_of(told, event_type, since, until)
        sentences: dict[int, str] = {}
        for doc_id, evidence in session.execute(told.order_by(EventRow.id)):
            sentences.setdefault(doc_id, evidence)
        masked, hidden = self._masked(session, seen), self._hidden_mentions(session, ids, seen)
        return [masked({
            "document": {k: v for k, v in document_json(docs[i]).items()
                         if k in ("id", "title", "path", "url", "sha256", "published", "outlet")},
            "sentence": sentences.get(i) or matching_sentence(docs[i].text, []),
            "persons": [p["name"] for p in docs[i].extract["persons"]
                        if p["detained"] and (i, p["id"]) not in hidden]}) for i in ids]

    # ------------------------------------------------------------------ persons table

    def person_table(self, *, name: str | None = None, status: str | None = None, country: str | None = None,
                     facility: str | None = None, sort: str = "name", descending: bool = False,
                     seen: Visibility = EVERYTHING, limit: int = 50, offset: int = 0) -> dict:
        """Detained persons as a table: `total` and one page of `items`; `status` matched
        whatever its case, `country` "unknown" is the persons with no country, `name` a part of
        the name; sorted by one of PERSON_SORTS (each item counts its shown `documents`)."""
        if sort not in PERSON_SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        no_country = (country or "").strip().lower() == "unknown"
        with self.session(write=False) as session:
            query = self._persons_query(True, None, None if no_country else country, facility, seen)
            if no_country:
                query = query.where(PersonRow.country.is_(None))
            if status:
                query = query.where(func.lower(PersonRow.status) == status.strip().lower())
            if name and name.strip():
                query = query.where(PersonRow.name.ilike(f"%{name.strip()}%"))
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            documents = (select(func.count(distinct(MentionRow.document_id))).join(DocumentRow)
                         .where(MentionRow.person_id == PersonRow.id, seen.documents).scalar_subquery())
            key = {"name": func.lower(PersonRow.name), "status": PersonRow.status, "country": PersonRow.country,
                   "documents": documents, "id": PersonRow.id}[sort]
            order = key.desc() if descending else key.asc()
            if sort == "country":   # persons without a country last, whichever way
                order = (PersonRow.country.is_(None), order)
            else:
                order = (order,)
            rows = session.scalars(query.order_by(*order, PersonRow.id).offset(offset).limit(limit))
            items = self._masked(session, seen)([person_json(p, seen) for p in rows])
        return {"total": total, "items": items, "limit": limit, "offset": offset}

    def person_names(self, ids: list[int], *, seen: Visibility = EVERYTHING) -> dict[int, str]:
        """The names of these persons that `seen` shows (a page naming persons it links)."""
        with self.session(write=False) as session:
            return dict(session.execute(select(PersonRow.id, PersonRow.name).where(
                PersonRow.id.in_(set(ids)), seen.persons)).all())
