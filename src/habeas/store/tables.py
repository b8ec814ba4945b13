"""Table models. Kept apart from the extract-v1 records (habeas.model) and from any API
schema: these are how the archive stores things, nothing more."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def _now() -> datetime:
    # Naive UTC: the same value on SQLite and PostgreSQL "timestamp without time zone".
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    path: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)  # 2, 3, … for newer copies of a URL
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(8), default="en")
    raw: Mapped[bytes] = mapped_column(LargeBinary)          # original bytes, zlib-compressed
    text: Mapped[str] = mapped_column(Text)
    extract: Mapped[dict] = mapped_column(JSON)              # the extract-v1 case file
    pipeline: Mapped[str] = mapped_column(String(40))        # habeas version that extracted it
    ingested_at: Mapped[datetime] = mapped_column(default=_now)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PersonRow(Base):
    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    detained: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="unknown")
    country: Mapped[str | None] = mapped_column(String(60))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="person", cascade="all, delete-orphan")


class MentionRow(Base):
    """One person of one document's case file, linked to the archive's person."""
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(10))        # "P1" in the document's case file
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    detained: Mapped[bool] = mapped_column(default=False)
    person: Mapped[PersonRow] = relationship(back_populates="mentions")
    document: Mapped[DocumentRow] = relationship()


class FactRow(Base):
    """A slot value (age, facility, sentence, charge, condition, status) as one document states it."""
    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    slot: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)


class EventRow(Base):
    """One event of one document's case file, for one archived person."""
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(24))
    date: Mapped[str | None] = mapped_column(String(10))    # extract-v1 date: 2024, 2024-09, XXXX-10-20
    attrs: Mapped[dict] = mapped_column(JSON, default=dict)
    trigger: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)


class FactReviewRow(Base):
    """A person's verdict on one fact: accept, correct (to `corrected`) or reject. Applied when
    the case file is read, so no re-extraction can overwrite it."""
    __tablename__ = "fact_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    slot: Mapped[str] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(Text)         # as extracted; None when a fact is added
    action: Mapped[str] = mapped_column(String(10))         # accept, correct, reject
    corrected: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=_now)


class AuditRow(Base):
    """Every write: who, when, what, before and after. Nothing in the app edits these rows."""
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(Text)               # "person:12", "document:3", "user:ana"
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class WatchRow(Base):
    """A user follows a person: a new report about them raises an alert."""
    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("person_id", "actor"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=_now)


class FailureRow(Base):
    __tablename__ = "failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=_now)


class DecisionRow(Base):
    """A person's decision a later ingest respects: `not_same` — these names are not this
    person (recorded by a split or a rejected review item)."""
    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    names: Mapped[list] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=_now)


class ReviewItemRow(Base):
    """A doubtful match kept apart until a person decides: `person` may be `candidate`."""
    __tablename__ = "review_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="open")   # open, accepted, rejected
    at: Mapped[datetime] = mapped_column(default=_now)
