"""The Archive: the one way into the database, the same on SQLite and PostgreSQL.

Built from a URL by `Archive.open(url)`, never at import time. Each document is stored in one
transaction with its case file and the persons it names, so an interrupted ingest leaves
either the whole document or nothing of it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from habeas import __version__
from habeas.errors import HabeasError
from habeas.model import CaseFile, Document
from habeas.nlp.persons import same_name
from habeas.store.tables import (DecisionRow, DocumentRow, FactRow, FailureRow, MentionRow, PersonRow,
                                 ReviewItemRow)

# The advisory lock writers of one PostgreSQL archive take turns on ("HABEAS" in ASCII).
ARCHIVE_LOCK = 0x484142454153
# Slots stored as facts, one row per value and document.
FACT_SLOTS = ("age", "facilities", "sentence", "charges", "conditions", "status")


@dataclass(frozen=True)
class Added:
    """What storing one document did."""

    document_id: int
    new: bool                 # False: the same bytes were archived before; nothing changed
    persons: tuple[int, ...]  # archive person ids the document's detainees went to


class Archive:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True) -> Archive:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin_immediate)
        archive = cls(engine)
        if upgrade:
            archive.upgrade()
        return archive

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (`habeas db upgrade`)."""
        config = Config()
        config.set_main_option("script_location", str(resources.files("habeas.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # ------------------------------------------------------------------ writing

    def add(self, document: Document, raw: bytes, case: CaseFile) -> Added:
        """Store a document, its case file and its persons; a no-op for bytes already stored."""
        if not document.sha256:
            raise HabeasError(f"{document.path or 'document'}: no sha256")
        try:
            with self.session() as session:
                self._serialise_writers(session)
                known = session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == document.sha256))
                if known is not None:
                    return Added(known, False, ())
                earlier = session.scalars(select(DocumentRow.version).where(
                    DocumentRow.url == document.url)).all() if document.url else []
                row = DocumentRow(
                    sha256=document.sha256, path=document.path, url=document.url,
                    version=max(earlier, default=0) + 1, title=document.title,
                    outlet=document.outlet, published=document.published, language=document.language,
                    raw=zlib.compress(raw), text=document.text, extract=case.to_json(),
                    pipeline=__version__)
                session.add(row)
                session.flush()
                persons = tuple(self._add_persons(session, row, case))
                return Added(row.id, True, persons)
        except IntegrityError:
            # Another ingest stored the same bytes between our check and our insert.
            with self.session() as session:
                known = session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == document.sha256))
            return Added(known, False, ())

    def _serialise_writers(self, session: Session) -> None:
        """Two ingests at once must not both create the same new person: on PostgreSQL the
        writers take turns through a transaction-scoped advisory lock (SQLite transactions
        begin IMMEDIATE, which already makes them take turns)."""
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ARCHIVE_LOCK})

    def _add_persons(self, session: Session, doc: DocumentRow, case: CaseFile) -> Iterator[int]:
        for person in case.persons:
            target, doubtful = _resolve(session, person.name, person.aliases) if person.detained else (None, None)
            if target is None:
                target = PersonRow(name=person.name, detained=person.detained, status=person.status)
                session.add(target)
                session.flush()
                if doubtful is not None:
                    session.add(ReviewItemRow(person_id=target.id, candidate_id=doubtful.id,
                                              reason=f"{person.name!r} may be {doubtful.name!r}: only the surname agrees"))
            else:
                if len(target.name.split()) < 2 <= len(person.name.split()):
                    target.name = person.name  # a full name over a lone surname
                if person.status != "unknown":
                    target.status = person.status
            session.add(MentionRow(person_id=target.id, document_id=doc.id, local_id=person.id,
                                   name=person.name, aliases=person.aliases, detained=person.detained))
            if person.detained:
                data = person.to_json()
                for slot in FACT_SLOTS:
                    values = data[slot] if isinstance(data[slot], list) else [data[slot]]
                    for value in values:
                        if value in (None, "unknown", {}):
                            continue
                        ev = person.slot_evidence.get(slot, {}).get(str(value))
                        session.add(FactRow(person_id=target.id, document_id=doc.id, slot=slot,
                                            value=_fact_text(value), evidence=ev.text if ev else None))
                yield target.id

    def has_document(self, sha256: str) -> bool:
        with self.session() as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256)) is not None

    # ------------------------------------------------------------------ human decisions

    def merge(self, keep: int, other: int) -> None:
        """`other` is the same person as `keep`: its mentions and facts move over."""
        if keep == other:
            raise HabeasError("a person cannot be merged with itself")
        with self.session() as session:
            a, b = session.get(PersonRow, keep), session.get(PersonRow, other)
            if a is None or b is None:
                raise HabeasError(f"no person #{keep if a is None else other}")
            for row in list(b.mentions):
                row.person = a  # moves it between the two collections, so deleting b keeps it
            session.execute(update(FactRow).where(FactRow.person_id == b.id).values(person_id=a.id))
            session.execute(update(ReviewItemRow).where(ReviewItemRow.state == "open").where(
                (ReviewItemRow.person_id == b.id) | (ReviewItemRow.candidate_id == b.id)).values(state="accepted"))
            session.flush()
            session.delete(b)

    def split(self, person_id: int, document_id: int) -> int:
        """What one document says of a person is about someone else: it becomes a new
        person, and later ingests never merge those names back."""
        with self.session() as session:
            person = session.get(PersonRow, person_id)
            moved = [m for m in (person.mentions if person else []) if m.document_id == document_id]
            if not moved:
                raise HabeasError(f"person #{person_id} has no mention in document #{document_id}")
            if len(moved) == len(person.mentions):
                raise HabeasError("that document is all the archive knows of this person")
            new = PersonRow(name=moved[0].name, detained=True, status=person.status)
            session.add(new)
            session.flush()
            for m in moved:
                m.person = new
            session.execute(update(FactRow).where(FactRow.person_id == person_id,
                                                  FactRow.document_id == document_id).values(person_id=new.id))
            names = sorted({n for m in moved for n in [m.name, *m.aliases]})
            session.add(DecisionRow(kind="not_same", person_id=person_id, names=names))
            return new.id

    def review_items(self, state: str = "open") -> list[dict]:
        with self.session() as session:
            rows = session.scalars(select(ReviewItemRow).where(ReviewItemRow.state == state)
                                   .order_by(ReviewItemRow.id))
            return [{"id": r.id, "person": r.person_id, "candidate": r.candidate_id, "reason": r.reason}
                    for r in rows]

    def decide(self, item_id: int, accept: bool) -> None:
        """Accept (merge the two) or reject (record that they are different people)."""
        with self.session() as session:
            item = session.get(ReviewItemRow, item_id)
            if item is None or item.state != "open":
                raise HabeasError(f"no open review item #{item_id}")
            person, candidate = item.person_id, item.candidate_id
            if not accept:
                item.state = "rejected"
                names = _names_of(session.get(PersonRow, person))
                session.add(DecisionRow(kind="not_same", person_id=candidate, names=sorted(set(names))))
                return
        self.merge(candidate, person)

    def record_failure(self, source: str, reason: str) -> None:
        with self.session() as session:
            session.add(FailureRow(source=source, reason=reason))

    # ------------------------------------------------------------------ reading

    def persons(self, *, detained: bool | None = True, status: str | None = None,
                facility: str | None = None) -> list[dict]:
        """Each person with the documents that name them (`habeas persons --format json`),
        optionally only those of a status or held in a facility (a part of its name)."""
        with self.session() as session:
            query = select(PersonRow).order_by(PersonRow.id)
            if detained is not None:
                query = query.where(PersonRow.detained == detained)
            if status:
                query = query.where(PersonRow.status == status)
            if facility:
                held = select(FactRow.person_id).where(
                    FactRow.slot == "facilities", FactRow.value.ilike(f"%{facility}%"))
                query = query.where(PersonRow.id.in_(held))
            return [_person_json(p) for p in session.scalars(query)]

    def search(self, query: str, *, limit: int = 20) -> list[dict]:
        """Documents whose text holds every word of the query, best first, each with the
        sentence that matches and the detainees it names."""
        words = re.findall(r"\w+", query)
        if not words:
            raise HabeasError("empty search query")
        with self.session() as session:
            if self.engine.dialect.name == "sqlite":
                match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
                ids = session.execute(text(
                    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"),
                    {"q": match, "n": limit}).scalars().all()
            else:
                ids = session.execute(text(
                    "SELECT id FROM documents, plainto_tsquery('simple', :q) q WHERE tsv @@ q "
                    "ORDER BY ts_rank(tsv, q) DESC LIMIT :n"), {"q": " ".join(words), "n": limit}).scalars().all()
            results = []
            for doc_id in ids:
                doc = session.get(DocumentRow, doc_id)
                results.append({
                    "document": {"id": doc.id, "title": doc.title, "path": doc.path, "url": doc.url,
                                 "sha256": doc.sha256},
                    "sentence": _matching_sentence(doc.text, words),
                    "persons": [p["name"] for p in doc.extract["persons"] if p["detained"]]})
            return results

    def find_person(self, key: str) -> int:
        """A person's id from an id or a name (any spelling the archive has seen)."""
        with self.session() as session:
            if key.isdigit() and session.get(PersonRow, int(key)) is not None:
                return int(key)
            for person in session.scalars(select(PersonRow).order_by(PersonRow.id)):
                names = [person.name] + [n for m in person.mentions for n in [m.name, *m.aliases]]
                if any(same_name(key, n) for n in names):
                    return person.id
        raise HabeasError(f"no person {key!r} in the archive")

    def case_file(self, person_id: int) -> dict:
        """The consolidated case file: each fact with the documents that state it, values
        that disagree (age 49 vs 50) side by side, the best supported first, then the most recent."""
        with self.session() as session:
            person = session.get(PersonRow, person_id)
            out = _person_json(person)
            facts: dict[str, dict[str, list[dict]]] = {}
            rows = session.execute(select(FactRow, DocumentRow).join(DocumentRow).where(
                FactRow.person_id == person_id)).all()
            for fact, doc in rows:
                facts.setdefault(fact.slot, {}).setdefault(fact.value, []).append(
                    {"title": doc.title, "path": doc.path, "url": doc.url, "published": doc.published,
                     "evidence": fact.evidence})
            out["facts"] = {slot: _ranked(values) for slot, values in facts.items()}
            out["conflicts"] = sorted(slot for slot, values in facts.items()
                                      if slot in ("age", "sentence", "status") and len(values) > 1)
            return out

    def timeline(self, person_id: int) -> list[dict]:
        """Events from every document about the person, in date order; the same event told by
        several reports is shown once with all its sources."""
        with self.session() as session:
            mentions = session.scalars(select(MentionRow).where(MentionRow.person_id == person_id)).all()
            merged: dict[tuple, dict] = {}
            for m in mentions:
                doc = m.document
                names = {p["name"] for p in doc.extract["persons"] if p["id"] == m.local_id}
                for told in doc.extract["events"]:
                    if not names & set(told["persons"]):
                        continue
                    key = (told["type"], told["date"])
                    entry = merged.setdefault(key, {"type": told["type"], "date": told["date"],
                                                    "attrs": told["attrs"], "sources": []})
                    entry["sources"].append({"title": doc.title, "path": doc.path,
                                             "evidence": told["evidence"]["text"]})
            # Known years first in order, then dates whose year is unknown, then undated.
            return sorted(merged.values(), key=lambda e: (
                e["date"] is None, (e["date"] or "").startswith("X"), e["date"] or ""))

    def failures(self) -> list[dict]:
        with self.session() as session:
            rows = session.scalars(select(FailureRow).order_by(FailureRow.id))
            return [{"source": r.source, "reason": r.reason, "at": r.at.isoformat()} for r in rows]

    def document_count(self) -> int:
        with self.session() as session:
            return len(session.scalars(select(DocumentRow.id)).all())


def _names_of(person: PersonRow) -> list[str]:
    return [person.name] + [n for m in person.mentions for n in [m.name, *m.aliases]]


def _resolve(session: Session, name: str, aliases: list[str]) -> tuple[PersonRow | None, PersonRow | None]:
    """(confident match, doubtful match) for a detainee's names among archived detainees.

    Confident: the same full name or a spelling variant of it (Bokayev / Bokaev / Boqaev,
    Ibadoglu / Ibadoghlu). Doubtful: only a surname agrees (a lone "Mohammadi" could be anyone
    of that name); it goes to the review queue instead of merging. A person's recorded
    decision that these names are not theirs is always respected."""
    names = [name, *aliases]
    full = [n for n in names if len(n.split()) > 1]
    refused = {d.person_id for d in session.scalars(select(DecisionRow).where(DecisionRow.kind == "not_same"))
               if any(same_name(a, b) for a in names for b in d.names)}
    doubtful = None
    for candidate in session.scalars(select(PersonRow).where(PersonRow.detained.is_(True)).order_by(PersonRow.id)):
        if candidate.id in refused:
            continue
        known = _names_of(candidate)
        known_full = [n for n in known if len(n.split()) > 1]
        if any(same_name(a, b) for a in full for b in known_full):
            return candidate, None
        if doubtful is None and any(same_name(a, b) for a in names for b in known
                                    if len(a.split()) == 1 or len(b.split()) == 1):
            doubtful = candidate
    return None, doubtful


def _matching_sentence(text_: str, words: list[str]) -> str:
    """The sentence holding the most query words (the first of them on a tie)."""
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text_)
    lowered = [w.lower() for w in words]
    best = max(sentences, key=lambda s: sum(w in s.lower() for w in lowered))
    return best.strip()


def _ranked(values: dict[str, list[dict]]) -> list[dict]:
    """Values of one slot, the best supported first, then the most recently published."""
    facts = [{"value": v, "sources": sources} for v, sources in values.items()]
    facts.sort(key=lambda f: max(s["published"] or "" for s in f["sources"]), reverse=True)
    facts.sort(key=lambda f: len(f["sources"]), reverse=True)  # stable: recency breaks ties
    return facts


def _fact_text(value) -> str:
    if isinstance(value, dict):
        return "life" if value.get("life") else ", ".join(f"{v} {k}" for k, v in value.items())
    return str(value)


def _person_json(p: PersonRow) -> dict:
    docs = {}
    aliases: list[str] = []
    for m in p.mentions:
        docs[m.document.id] = {"id": m.document.id, "path": m.document.path, "url": m.document.url,
                               "version": m.document.version, "title": m.document.title,
                               "sha256": m.document.sha256}
        aliases += [n for n in [m.name, *m.aliases] if n != p.name and n not in aliases]
    return {"id": p.id, "name": p.name, "aliases": aliases, "detained": p.detained,
            "status": p.status, "documents": list(docs.values())}


def _sqlite_begin_immediate(connection) -> None:
    # A deferred transaction that reads and then writes fails at once when another process
    # wrote in between; IMMEDIATE takes the write lock first and waits its turn instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(connection, _record) -> None:
    # WAL lets readers and one writer work at once; the busy timeout makes a second writer
    # wait for the first instead of failing.
    connection.isolation_level = None  # the driver's own BEGIN would pre-empt ours
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
