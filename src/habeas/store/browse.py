"""Reading the archive as a researcher browses it: a search page (with or without words) with
its total and the count of each facet value, and the persons table (sorted, filtered by name).

Every read takes `seen` (habeas.store.visibility) like the rest of the archive: a facet value or
a count only ever counts what `seen` shows, and a document only a hidden person's name matched
is no match (as in `Archive.search`)."""

from __future__ import annotations

import re

from sqlalchemy import Select, String, cast, distinct, func, literal, select, union_all
from sqlalchemy.orm import Session

from habeas.store.pagecache import generation
from habeas.store.queries import WITH_MENTIONS
from habeas.store.tables import DocumentRow, EventRow, FactRow, MentionRow, PersonRow
from habeas.store.views import document_json, events_of, matching_sentence, person_json
from habeas.store.visibility import EVERYTHING, Masked, Visibility

# How the persons table may be sorted (the column headers' keys).
PERSON_SORTS = ("name", "status", "country", "documents", "id")
# Facility facet: the most frequent values only.
FACILITY_FACETS = 12


class BrowseMixin:
    """Mixed into Archive: needs its `session`, `engine`, `_pages` (a PageCache), `_ranked`,
    `_matching`, `_hits`, `_masked`, `_hidden_mentions` and `_search_scope`."""

    # ------------------------------------------------------------------ search page

    def search_page(self, query: str = "", *, person: int | None = None, country: str | None = None,
                    facility: str | None = None, status: str | None = None, event_type: str | None = None,
                    since: str | None = None, until: str | None = None, seen: Visibility = EVERYTHING,
                    limit: int = 20, offset: int = 0, kept_only: bool = False) -> dict | None:
        """One page of a search: `total` matching documents, the `results` from `offset` (the
        best first with words, the newest first without), and `facets`: for status, country,
        facility, event type and year, each value with the number of matching documents.
        Kept (habeas.store.pagecache) until the archive's next write: the same search by
        whoever sees the same is read once. The page is shared: never change it.
        `kept_only`: the page if it is kept, else None (nothing read but the generation)."""
        words = re.findall(r"\w+", query)
        filters = dict(person=person, country=country, facility=facility, status=status, event_type=event_type,
                       since=since, until=until)
        with self.session(write=False) as session:
            # Words as FTS and the sentences read them (whatever their case); read first, the
            # generation is that of everything this transaction reads.
            key = (generation(session), seen, tuple(w.lower() for w in words), tuple(filters.values()),
                   limit, offset)
            page = self._pages.get(key)
            if page is None and not kept_only:
                page = self._search_page(session, words, filters, seen, limit, offset)
                self._pages.put(key, page)
        return page

    def _search_page(self, session: Session, words: list[str], filters: dict, seen: Visibility,
                     limit: int, offset: int) -> dict:
        scope = self._search_scope(**filters, seen=seen)
        sqlite = self.engine.dialect.name == "sqlite"
        if not words:
            matches = select(DocumentRow.id)
            for within in scope:
                matches = matches.where(DocumentRow.id.in_(within))
            total, facets, _ = self._facets(session, matches, seen, sqlite)
            ids = list(session.scalars(matches.order_by(DocumentRow.id.desc()).offset(offset).limit(limit)))
            results = self._browsed(session, ids, filters["event_type"], filters["since"], filters["until"], seen)
        else:
            # The one full-text query: its matches counted, faceted and ranked in one statement.
            hits, masked = self._matching(words, scope), self._masked(session, seen)
            matches = select(hits.c.id, hits.c.score)
            excluded = self._hidden_only(session, words, select(hits.c.id), masked)
            if excluded:
                matches = matches.where(hits.c.id.not_in(excluded))
            total, facets, best = self._facets(session, matches, seen, sqlite, best=(offset, offset + limit))
            results = self._hits(session, best, words, seen, masked)
        return {"total": total, "results": results, "facets": facets, "limit": limit, "offset": offset}

    @staticmethod
    def _hidden_only(session: Session, words: list[str], matches: Select, masked: Masked) -> set[int]:
        """Of the `matches`, the documents a word matched only in a name `masked` hides (no
        match for whoever asks)."""
        # (Conservative: any word written inside a hidden name's pattern.)
        if masked.pattern is None or not any(w.lower() in masked.pattern.pattern.lower() for w in words):
            return set()
        # Only a few documents hold such a name; they are read and checked.
        excluded = set()
        for doc_id, body in session.execute(select(DocumentRow.id, DocumentRow.text).where(
                DocumentRow.id.in_(matches))):
            shown = masked(body).lower()
            if not all(w.lower() in shown for w in words):
                excluded.add(doc_id)
        return excluded

    @staticmethod
    def _facets(session: Session, matches: Select, seen: Visibility, sqlite: bool,
                best: tuple[int, int] | None = None) -> tuple[int, dict[str, list[tuple[str, int]]], list[int]]:
        """The number of matches, the facets and (`best`: from, to) the ids of the matches
        ranked from+1 to `to` by their `score` (the lower the better), in one statement over
        the matches computed once (a materialised CTE), each count read from the matches outward."""
        found = matches.cte("found").prefix_with("MATERIALIZED")
        shown = (PersonRow.detained.is_(True), seen.persons)
        if sqlite and not seen.confidential:
            # The persons shown as a list each person is tested against, never one SQLite
            # would walk (every shown person's mentions, each probing the matches).
            shown = (PersonRow.detained.is_(True), (PersonRow.id + 0).in_(select(PersonRow.id).where(seen.persons)))
        # On SQLite, `+ 0` and `|| ''` keep it from indexes on the matches and on a fact's slot: it
        # reads the matches first and looks each one up by document id (it would otherwise scan
        # every fact of the slot, or every event in type order, probing the matches).
        # PostgreSQL plans these joins well as they are (and would hash whole tables with them).
        match = found.c.id + 0 if sqlite else found.c.id
        slot = FactRow.slot.concat("") if sqlite else FactRow.slot

        # Each table joined once: the persons the matches name, and their events, each a
        # materialised CTE counted two ways.
        named = (select(MentionRow.document_id, PersonRow.status, PersonRow.country).select_from(found)
                 .join(MentionRow, MentionRow.document_id == match)
                 .join(PersonRow, PersonRow.id == MentionRow.person_id).where(*shown)
                 .cte("named").prefix_with("MATERIALIZED"))
        told = (select(EventRow.document_id, EventRow.type, func.substr(EventRow.date, 1, 4).label("year"))
                .select_from(found).join(EventRow, EventRow.document_id == match)
                .join(PersonRow, PersonRow.id == EventRow.person_id).where(*shown)
                .cte("told").prefix_with("MATERIALIZED"))

        def counted(kind: str, rows, column):
            return (select(literal(kind), column, func.count(distinct(rows.c.document_id)))
                    .where(column.is_not(None)).group_by(column))

        ranked = []
        if best is not None:
            placed = select(found.c.id, func.row_number().over(order_by=(found.c.score, found.c.id.desc()))
                            .label("place")).subquery()
            ranked.append(select(literal("best"), cast(placed.c.place, String), placed.c.id)
                          .where(placed.c.place > best[0], placed.c.place <= best[1]))
        rows = session.execute(union_all(
            *ranked,
            select(literal("total"), literal(None, String), func.count()).select_from(found),
            counted("status", named, named.c.status),
            counted("country", named, named.c.country),
            select(literal("facility"), FactRow.value, func.count(distinct(FactRow.document_id)))
            .select_from(found).join(FactRow, FactRow.document_id == match)
            .join(PersonRow, PersonRow.id == FactRow.person_id)
            .where(slot == "facilities", *shown).group_by(FactRow.value),
            counted("event", told, told.c.type),
            counted("year", told, told.c.year))).all()
        total, facets = 0, {"status": [], "country": [], "facility": [], "event": [], "year": []}
        places = {}
        for kind, value, count in rows:
            if kind == "best":
                places[count] = int(value)     # id, place
            elif kind == "total":
                total = count
            else:
                facets[kind].append((value, count))
        for kind in ("status", "country", "facility", "event"):
            facets[kind].sort(key=lambda vn: (-vn[1], vn[0]))
        facets["facility"] = facets["facility"][:FACILITY_FACETS]
        facets["year"] = sorted(((y, n) for y, n in facets["year"] if y and y.isdigit()), reverse=True)
        return total, facets, sorted(places, key=places.get)

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
            rows = session.scalars(query.order_by(*order, PersonRow.id).offset(offset).limit(limit)
                                   .options(WITH_MENTIONS))
            items = self._masked(session, seen)([person_json(p, seen) for p in rows])
        return {"total": total, "items": items, "limit": limit, "offset": offset}

    def person_names(self, ids: list[int], *, seen: Visibility = EVERYTHING) -> dict[int, str]:
        """The names of these persons that `seen` shows (a page naming persons it links)."""
        with self.session(write=False) as session:
            return dict(session.execute(select(PersonRow.id, PersonRow.name).where(
                PersonRow.id.in_(set(ids)), seen.persons)).all())
