"""Documents and their versions, a part of the Archive (habeas.store.archive mixes it in):
storing a report with its case file and the persons it names in one transaction, re-running a
newer pipeline over stored reports, deleting one, and its original bytes."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from habeas import __version__
from habeas.errors import HabeasError, InputError
from habeas.model import CaseFile, Document
from habeas.store.resolve import NameIndex, resolve
from habeas.store.tables import (DocumentRow, EventRow, FactReviewRow, FactRow, FailureRow, MentionRow,
                                 PersonRow, ReviewItemRow)
from habeas.store.views import document_json, fact_text

# Slots stored as facts, one row per value and document.
FACT_SLOTS = ("age", "facilities", "sentence", "charges", "conditions", "status")
# An ingest writes its rows straight through the connection: the session's bookkeeping of
# objects costs more than the inserts, and nothing reads these rows back as objects.
_INSERT_DOCUMENT = DocumentRow.__table__.insert().returning(DocumentRow.__table__.c.id)
_INSERT_PERSON = PersonRow.__table__.insert().returning(PersonRow.__table__.c.id)


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


class DocumentsMixin:
    """Writing documents: `add`, `add_many`, `reextract`, `delete_document`; and reading what
    the pipeline reads again (`stored_document`, `original`, `stored_hashes`)."""

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
            row = self._row(session, DocumentRow, document_id, "document")
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

    def delete_document(self, document_id: int) -> None:
        """Remove a document and what it said; persons only it named go with it."""
        self._names = NameIndex()
        with self.session() as session:
            row = self._row(session, DocumentRow, document_id, "document")
            before = document_json(row)
            session.delete(row)
            session.flush()
            for person in session.scalars(select(PersonRow).where(
                    ~PersonRow.id.in_(select(MentionRow.person_id)))).all():
                session.delete(person)
            self.audit(session, "delete", f"document:{document_id}", before, None)

    def original(self, document_id: int) -> bytes:
        """The original bytes of a document, as read."""
        with self.session(write=False) as session:
            return zlib.decompress(self._row(session, DocumentRow, document_id, "document").raw)


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
