"""The Archive: the one way into the database, the same on SQLite and PostgreSQL.

Built from a URL by `Archive.open(url)`, never at import time. Each document is stored in one
transaction with its case file, the persons it names, their facts and events, so an
interrupted ingest leaves either the whole document or nothing of it. Every write is recorded
in the audit log under the archive's `actor` (`acting_as` gives a handle for another user).
"""

from __future__ import annotations

import getpass
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, func, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session, joinedload, load_only, selectinload, sessionmaker
from sqlalchemy.pool import QueuePool

from habeas import __version__
from habeas.errors import HabeasError, InputError
from habeas.model import CaseFile, Document
from habeas.names import same_name
from habeas.store.accounts import AccountsMixin
from habeas.store.browse import BrowseMixin
from habeas.store.encryption import encrypted_url, is_encrypted, sqlite_path
from habeas.store.resolve import NameIndex, names_of, resolve
from habeas.store.tables import (AuditRow, DecisionRow, DocumentRow, EventRow, FactReviewRow, FactRow,
                                 FailureRow, MentionRow, PersonRow, ReviewItemRow, WatchRow)
from habeas.store.views import (SINGLE_VALUED, apply_reviews, document_json, events_of, extract_json, fact_text,
                                matching_sentence, person_json, ranked, review_json)
from habeas.store.visibility import EVERYTHING, Masked, Visibility

# The advisory lock writers of one PostgreSQL archive take turns on ("HABEAS" in ASCII).
ARCHIVE_LOCK = 0x484142454153
# Slots stored as facts, one row per value and document.
FACT_SLOTS = ("age", "facilities", "sentence", "charges", "conditions", "status")
# Slots a person may review: the facts, and the person's name.
REVIEWABLE = (*FACT_SLOTS, "name")
FACT_ACTIONS = ("accept", "correct", "reject")
# An unfiltered search ranks at most this many of the newest matching documents.
RANK_WINDOW = 2000
# A document's columns a listing shows (document_json): never its text, bytes or case file.
_LISTED = (DocumentRow.id, DocumentRow.sha256, DocumentRow.path, DocumentRow.url, DocumentRow.version,
           DocumentRow.title, DocumentRow.outlet, DocumentRow.published, DocumentRow.language,
           DocumentRow.confidential)
# A person with their mentions and those mentions' documents (listed columns only), in two
# queries however many documents name them: what person_json reads.
_WITH_MENTIONS = selectinload(PersonRow.mentions).joinedload(MentionRow.document).load_only(*_LISTED)


@dataclass(frozen=True)
class Added:
    """What storing one document did."""

    document_id: int
    new: bool                 # False: the same bytes were archived before; nothing changed
    persons: tuple[int, ...]  # archive person ids the document's detainees went to


@dataclass
class Reextracted:
    documents: int = 0
    persons_before: int = 0
    persons_after: int = 0
    kept_reviews: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)


def _default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "cli"


# An ingest writes its rows straight through the connection: the session's bookkeeping of
# objects costs more than the inserts, and nothing reads these rows back as objects.
_INSERT_DOCUMENT = DocumentRow.__table__.insert().returning(DocumentRow.__table__.c.id)
_INSERT_PERSON = PersonRow.__table__.insert().returning(PersonRow.__table__.c.id)
_INSERT_AUDIT = AuditRow.__table__.insert()


class Archive(AccountsMixin, BrowseMixin):
    def __init__(self, engine: Engine, actor: str | None = None):
        self.engine = engine
        self.actor = actor or _default_actor()
        # Writers take SQLite's write lock when they begin (see _sqlite_begin); readers never do.
        self._writers = sessionmaker(engine.execution_options(habeas_write=True), expire_on_commit=False)
        self._readers = sessionmaker(engine, expire_on_commit=False)
        self._names = NameIndex()

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True, actor: str | None = None,
             key: str | None = None) -> Archive:
        """The archive at `url`. With `key`, an SQLite archive is opened (or created) encrypted
        with SQLCipher (habeas.store.encryption); a wrong key is a HabeasError."""
        if key is not None:
            engine = create_engine(encrypted_url(url, key), future=True, poolclass=QueuePool)
        else:
            path = sqlite_path(url)
            if path is not None and is_encrypted(path):
                raise HabeasError(f"{path}: the archive is encrypted: give its key "
                                  "(HABEAS_DB_KEY, or the prompt in a terminal)")
            engine = create_engine(url, future=True)
        if key is not None:
            # A wrong key is told once, as a HabeasError, not logged by SQLCipher as well.
            event.listen(engine, "connect", _quiet_sqlcipher, insert=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        archive = cls(engine, actor)
        archive._check_readable()
        if upgrade:
            archive.upgrade()
        return archive

    def _check_readable(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master"
                                           if self.engine.dialect.name == "sqlite" else "SELECT 1")
        except DatabaseError:
            self.engine.dispose()
            raise HabeasError("cannot open the archive: wrong key, or not an archive") from None

    def acting_as(self, actor: str) -> Archive:
        """The same archive, its writes recorded under another name (a web user)."""
        return type(self)(self.engine, actor)

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (`habeas db upgrade`)."""
        config = Config()
        config.set_main_option("script_location", str(resources.files("habeas.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self, write: bool = True) -> Iterator[Session]:
        with (self._writers if write else self._readers).begin() as session:
            yield session

    def audit(self, session: Session, action: str, target: str,
              before: dict | None = None, after: dict | None = None) -> None:
        # Straight through the connection (see _INSERT_DOCUMENT): nothing reads it back as an object.
        session.connection().execute(_INSERT_AUDIT, dict(actor=self.actor, action=action, target=target,
                                                         before=before, after=after))

    # ------------------------------------------------------------------ writing

    def add(self, document: Document, raw: bytes, case: CaseFile) -> Added:
        """Store a document, its case file and its persons; a no-op for bytes already stored."""
        return self.add_many([(document, raw, case)])[0]

    def add_many(self, items: list[tuple[Document, bytes, CaseFile]]) -> list[Added]:
        """Store several documents in one transaction (bulk ingest); each already stored is a
        no-op. Should another writer store one of them meanwhile, each is retried alone."""
        for document, _, _ in items:
            if not document.sha256:
                raise HabeasError(f"{document.path or 'document'}: no sha256")
        try:
            with self.session() as session:
                self._serialise_writers(session)
                stored = dict(session.execute(select(DocumentRow.sha256, DocumentRow.id).where(
                    DocumentRow.sha256.in_({document.sha256 for document, _, _ in items}))).all())
                self._names.refresh(session)
                return [self._add(session, stored, *item) for item in items]
        except IntegrityError:
            if len(items) > 1:
                return [self.add(*item) for item in items]
            # Another ingest stored the same bytes between our check and our insert.
            with self.session() as session:
                known = session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == items[0][0].sha256))
            return [Added(known, False, ())]

    def _add(self, session: Session, stored: dict[str, int], document: Document, raw: bytes,
             case: CaseFile) -> Added:
        """`stored`: sha256 -> id of the documents of this transaction already in the archive."""
        if document.sha256 in stored:
            return Added(stored[document.sha256], False, ())
        earlier = session.scalars(select(DocumentRow.version).where(
            DocumentRow.url == document.url)).all() if document.url else []
        doc_id = session.connection().execute(_INSERT_DOCUMENT, dict(
            sha256=document.sha256, path=document.path, url=document.url,
            version=max(earlier, default=0) + 1, title=document.title,
            outlet=document.outlet, published=document.published, language=document.language,
            raw=zlib.compress(raw), text=document.text, extract=case.to_json(), pipeline=__version__,
        )).scalar_one()
        stored[document.sha256] = doc_id
        persons = tuple(self._add_persons(session, doc_id, case))
        self.audit(session, "ingest", f"document:{doc_id}", None,
                   {"sha256": document.sha256, "source": document.path or document.url, "persons": list(persons)})
        return Added(doc_id, True, persons)

    def _serialise_writers(self, session: Session) -> None:
        """Two ingests at once must not both create the same new person: on PostgreSQL the
        writers take turns through a transaction-scoped advisory lock (SQLite transactions
        begin IMMEDIATE, which already makes them take turns)."""
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ARCHIVE_LOCK})

    def _add_persons(self, session: Session, doc_id: int, case: CaseFile,
                     prefer: dict[str, int] | None = None) -> Iterator[int]:
        """Resolve a document's persons and store what it says of them; the name index must
        have been refreshed in this transaction."""
        country = case.country
        by_name: dict[str, int] = {}
        # Rows nothing changes later in the transaction: inserted together at the end.
        rows: dict[type, list[dict]] = {MentionRow: [], FactRow: [], EventRow: []}
        for person in case.persons:
            target, doubtful = (resolve(session, person.name, person.aliases, self._names, prefer,
                                        country=country, age=person.age) if person.detained else (None, None))
            if target is None:
                target_id = session.connection().execute(_INSERT_PERSON, dict(
                    name=person.name, detained=person.detained, status=person.status, country=country,
                )).scalar_one()
                if doubtful is not None:
                    session.add(ReviewItemRow(person_id=target_id, candidate_id=doubtful.id,
                                              reason=f"{person.name!r} may be {doubtful.name!r}: only the surname agrees"))
            else:
                target_id = target.id
                reviewed = _reviewed_slots(session, target_id)
                if len(target.name.split()) < 2 <= len(person.name.split()) and "name" not in reviewed:
                    target.name = person.name  # a full name over a lone surname
                if person.status != "unknown" and "status" not in reviewed:
                    target.status = person.status
                target.country = target.country or country
            by_name[person.name] = target_id
            rows[MentionRow].append(dict(person_id=target_id, document_id=doc_id, local_id=person.id,
                                         name=person.name, aliases=person.aliases, detained=person.detained))
            if person.detained:
                self._names.add(target_id, [person.name, *person.aliases])
                data = person.to_json()
                for slot in FACT_SLOTS:
                    values = data[slot] if isinstance(data[slot], list) else [data[slot]]
                    for value in values:
                        if value in (None, "unknown", {}):
                            continue
                        ev = person.slot_evidence.get(slot, {}).get(str(value))
                        rows[FactRow].append(dict(person_id=target_id, document_id=doc_id, slot=slot,
                                                  value=fact_text(value),
                                                  evidence=ev.text if ev else _told(case, person.name, slot)))
                yield target_id
        for told in case.events:
            for person_id in {by_name[n] for n in told.persons if n in by_name}:
                data = told.to_json()
                rows[EventRow].append(dict(person_id=person_id, document_id=doc_id, type=told.type, date=told.date,
                                           attrs=data["attrs"], trigger=told.trigger, evidence=told.evidence.text))
        for table, values in rows.items():
            if values:
                session.connection().execute(table.__table__.insert(), values)

    def stored_hashes(self) -> set[str]:
        """The sha256 of every stored document: a long ingest checks against these in memory
        instead of asking once per file (storing a known one again is a no-op anyway)."""
        with self.session(write=False) as session:
            return set(session.scalars(select(DocumentRow.sha256)))

    def has_document(self, sha256: str) -> bool:
        with self.session(write=False) as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256)) is not None

    def record_failure(self, source: str, reason: str) -> None:
        with self.session() as session:
            session.add(FailureRow(source=source, reason=reason))

    # ------------------------------------------------------------------ re-extraction

    def stale_documents(self, *, everything: bool = False) -> list[int]:
        """Ids of documents extracted by another pipeline version (every one with `everything`)."""
        with self.session(write=False) as session:
            query = select(DocumentRow.id).order_by(DocumentRow.id)
            if not everything:
                query = query.where(DocumentRow.pipeline != __version__)
            return list(session.scalars(query))

    def stored_document(self, document_id: int) -> Document:
        """A stored document as the pipeline reads it."""
        with self.session(write=False) as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise HabeasError(f"no document #{document_id}")
            return Document(text=row.text, path=row.path, title=row.title, url=row.url, outlet=row.outlet,
                            published=row.published, language=row.language, sha256=row.sha256)

    def reextract(self, document_ids: Iterable[int],
                  extract_all: Callable[[list[Document]], Iterable[CaseFile | InputError]]) -> Reextracted:
        """Run a (newer) pipeline over stored documents and replace what they said. Each
        document's persons stay the archive persons they were; merges, splits and every
        human review of a fact are kept and still win over the new extraction."""
        ids = list(document_ids)
        report = Reextracted(persons_before=self.person_count(detained=None))
        documents = [self.stored_document(i) for i in ids]
        for document_id, case in zip(ids, extract_all(documents)):
            if isinstance(case, InputError):   # the pipeline failed on it: its extraction stays
                report.failed.append((document_id, case.reason))
                continue
            with self.session() as session:
                self._serialise_writers(session)
                self._replace_extraction(session, session.get(DocumentRow, document_id), case)
            report.documents += 1
        with self.session() as session:
            report.kept_reviews = session.scalar(select(func.count(FactReviewRow.id)))
        report.persons_after = self.person_count(detained=None)
        return report

    def _replace_extraction(self, session: Session, doc: DocumentRow, case: CaseFile) -> None:
        mentions = session.scalars(select(MentionRow).where(MentionRow.document_id == doc.id)).all()
        prefer = {n: m.person_id for m in mentions for n in [m.name, *m.aliases]}
        before = {"pipeline": doc.pipeline, "persons": sorted(set(prefer.values()))}
        for table in (MentionRow, FactRow, EventRow):
            session.execute(delete(table).where(table.document_id == doc.id))
        session.flush()
        session.expire_all()
        self._names.refresh(session)   # the names of the deleted mentions only widen a comparison
        doc.extract, doc.pipeline = case.to_json(), __version__
        persons = list(self._add_persons(session, doc.id, case, prefer))
        orphans = session.scalars(select(PersonRow).where(
            ~PersonRow.id.in_(select(MentionRow.person_id)),
            ~PersonRow.id.in_(select(FactReviewRow.person_id)))).all()
        for person in orphans:
            session.delete(person)
        self.audit(session, "reextract", f"document:{doc.id}", before,
                   {"pipeline": __version__, "persons": sorted(set(persons))})

    # ------------------------------------------------------------------ human decisions

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

    def doubtful_facts(self, limit: int = 50) -> list[dict]:
        """Facts worth a human look, not yet reviewed: values of a single-valued slot that
        documents disagree on, and facts no sentence supports."""
        with self.session(write=False) as session:
            rows = session.execute(select(FactRow.person_id, FactRow.slot, FactRow.value,
                                          func.count(FactRow.id), func.count(FactRow.evidence))
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

    def set_confidential(self, kind: str, item_id: int, confidential: bool = True) -> None:
        """Mark a document or person confidential: hidden from viewers and from every export."""
        table = {"document": DocumentRow, "person": PersonRow}.get(kind)
        if table is None:
            raise HabeasError(f"only documents and persons can be confidential, not {kind!r}")
        with self.session() as session:
            row = session.get(table, item_id)
            if row is None:
                raise HabeasError(f"no {kind} #{item_id}")
            before, row.confidential = row.confidential, confidential
            self.audit(session, "confidential", f"{kind}:{item_id}", {"confidential": before},
                       {"confidential": confidential})

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

    def delete_document(self, document_id: int) -> None:
        """Remove a document and what it said; persons only it named go with it."""
        self._names = NameIndex()
        with self.session() as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise HabeasError(f"no document #{document_id}")
            before = document_json(row)
            session.delete(row)
            session.flush()
            for person in session.scalars(select(PersonRow).where(
                    ~PersonRow.id.in_(select(MentionRow.person_id)))).all():
                session.delete(person)
            self.audit(session, "delete", f"document:{document_id}", before, None)

    def delete_person(self, person_id: int) -> None:
        self._names = NameIndex()
        with self.session() as session:
            row = session.get(PersonRow, person_id)
            if row is None:
                raise HabeasError(f"no person #{person_id}")
            before = person_json(row)
            session.delete(row)
            self.audit(session, "delete", f"person:{person_id}", before, None)

    # ------------------------------------------------------------------ reading
    # Every read takes `seen`, the Visibility of whoever asks (habeas.store.visibility), and
    # filters with it in SQL; names of the persons it hides are masked in what is returned.

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
            query = query.order_by(PersonRow.id).offset(offset).limit(limit).options(_WITH_MENTIONS)
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
            params = {"n": limit, "window": RANK_WINDOW}
            # Only the newest RANK_WINDOW matches that pass the filters are ranked: a word found
            # in most documents would otherwise be scored in every one of them.
            # The filters as SQL with their values inlined (quoted by SQLAlchemy).
            within = [str(q.compile(self.engine, compile_kwargs={"literal_binds": True})) for q in scope]
            if self.engine.dialect.name == "sqlite":
                params["q"] = " ".join('"' + w.replace('"', '""') + '"' for w in words)
                # `+rowid`, not `rowid`: a rowid filter FTS5 is given would make it run the
                # full-text query once per candidate row; the unary plus keeps the filter outside,
                # tested on each match, newest first, until the window is full.
                ids = session.execute(text(
                    "WITH hits AS MATERIALIZED (SELECT rowid AS id, rank FROM documents_fts "
                    "WHERE documents_fts MATCH :q" + "".join(f" AND +rowid IN ({w})" for w in within)
                    + " ORDER BY rowid DESC LIMIT :window) SELECT id FROM hits ORDER BY rank LIMIT :n"),
                    params).scalars().all()
            else:
                params["q"] = " ".join(words)
                # The newest matches, each ranked as it is read (no second look-up of its vector).
                ids = session.execute(text(
                    "SELECT id FROM (SELECT id, ts_rank(tsv, plainto_tsquery('simple', :q)) AS r FROM document_search "
                    "WHERE tsv @@ plainto_tsquery('simple', :q)" + "".join(f" AND id IN ({w})" for w in within)
                    + " ORDER BY id DESC LIMIT :window) w ORDER BY r DESC, id DESC LIMIT :n"), params).scalars().all()
            masked, hidden = self._masked(session, seen), self._hidden_mentions(session, list(ids), seen)
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
            people = Archive._persons_query(None, status, country, facility, seen).with_only_columns(PersonRow.id)
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
            person = session.scalar(select(PersonRow).where(PersonRow.id == person_id, seen.persons)
                                    .options(_WITH_MENTIONS))
            if person is None:
                raise HabeasError(f"no person #{person_id}")
            out = person_json(person, seen)
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
            query = self._events_query(person_id, type, since, until, seen)
            query = query.order_by(EventRow.date, EventRow.id).offset(offset).limit(limit)
            return self._masked(session, seen)([
                {"id": e.id, "person": e.person_id, "type": e.type, "date": e.date, "attrs": e.attrs,
                 "trigger": e.trigger, "evidence": e.evidence,
                 "document": {"id": d.id, "title": d.title, "path": d.path, "url": d.url, "published": d.published}}
                for e, d in session.execute(query.options(load_only(*_LISTED))).all()])

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

    def original(self, document_id: int) -> bytes:
        """The original bytes of a document, as read."""
        with self.session(write=False) as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise HabeasError(f"no document #{document_id}")
            return zlib.decompress(row.raw)

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


def _told(case: CaseFile, name: str, slot: str) -> str | None:
    """A sentence term's evidence when the extraction kept none for the slot: the sentence
    telling the person's sentencing."""
    if slot != "sentence":
        return None
    return next((e.evidence.text for e in case.events if e.type == "sentence" and name in e.persons), None)


def _reviewed_slots(session: Session, person_id: int) -> set[str]:
    """Slots a person corrected by hand: ingests leave the person's name and status alone then."""
    return set(session.scalars(select(FactReviewRow.slot).where(
        FactReviewRow.person_id == person_id, FactReviewRow.action == "correct")))


def _sqlite_begin(connection) -> None:
    # A deferred transaction that reads and then writes fails at once when another process
    # wrote in between; a writer's IMMEDIATE takes the write lock first and waits its turn
    # instead. Readers begin deferred: in WAL mode they never wait for a writer.
    write = connection.get_execution_options().get("habeas_write")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _quiet_sqlcipher(connection, _record) -> None:
    connection.execute("PRAGMA cipher_log_level = NONE")


def _sqlite_pragmas(connection, _record) -> None:
    # WAL lets readers and one writer work at once; the busy timeout makes a second writer
    # wait for the first instead of failing.
    connection.isolation_level = None  # the driver's own BEGIN would pre-empt ours
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the database and survives a killed process; only a
    # power cut can lose the last commits (which a re-run ingests again).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
