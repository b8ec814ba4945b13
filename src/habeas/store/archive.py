"""The Archive: the one way into the database, the same on SQLite and PostgreSQL.

Built from a URL by `Archive.open(url)`, never at import time. Each document is stored in one
transaction with its case file, the persons it names, their facts and events, so an
interrupted ingest leaves either the whole document or nothing of it. Every write is recorded
in the audit log under the archive's `actor` (`acting_as` gives a handle for another user).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from habeas.errors import HabeasError
from habeas.store.accounts import AccountsMixin
from habeas.store.browse import BrowseMixin
from habeas.store.documents import Added, DocumentsMixin, Reextracted  # noqa: F401 (re-exported)
from habeas.store.encryption import encrypted_url, is_encrypted, sqlite_path
from habeas.store.identity import IdentityMixin
from habeas.store.pagecache import PageCache
from habeas.store.queries import QueriesMixin
from habeas.store.resolve import NameIndex
from habeas.store.tables import AuditRow, DocumentRow, PersonRow
from habeas.store.verdicts import VerdictsMixin

# The advisory lock writers of one PostgreSQL archive take turns on ("HABEAS" in ASCII).
ARCHIVE_LOCK = 0x484142454153


def _default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "cli"


# The audit log is written straight through the connection (as documents.py writes an
# ingest's rows): nothing reads it back as an object.
_INSERT_AUDIT = AuditRow.__table__.insert()


class Archive(DocumentsMixin, IdentityMixin, VerdictsMixin, QueriesMixin, AccountsMixin, BrowseMixin):
    """The facade: the engine, sessions, the audit log and confidentiality here; the rest in
    its parts — documents and versions (documents.py), persons and identity (identity.py),
    verdicts on facts (verdicts.py), queries and search (queries.py), accounts (accounts.py),
    browsing (browse.py)."""

    def __init__(self, engine: Engine, actor: str | None = None):
        self.engine = engine
        self.actor = actor or _default_actor()
        # Writers take SQLite's write lock when they begin (see _sqlite_begin); readers never do.
        self._writers = sessionmaker(engine.execution_options(habeas_write=True), expire_on_commit=False)
        self._readers = sessionmaker(engine, expire_on_commit=False)
        self._names = NameIndex()
        self._pages = PageCache()       # search pages, until the next write (pagecache.py)

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True, actor: str | None = None,
             key: str | None = None) -> Archive:
        """The archive at `url`. With `key`, an SQLite archive is opened (or created) encrypted
        with SQLCipher (habeas.store.encryption); a wrong key is a HabeasError."""
        if key is not None:
            engine = create_engine(encrypted_url(url, key), future=True, poolclass=QueuePool, **POOL)
        else:
            path = sqlite_path(url)
            if path is not None and is_encrypted(path):
                raise HabeasError(f"{path}: the archive is encrypted: give its key "
                                  "(HABEAS_DB_KEY, or the prompt in a terminal)")
            engine = create_engine(url, future=True, **POOL)
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
        other = type(self)(self.engine, actor)
        other._pages = self._pages
        return other

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
        # Straight through the connection (see _INSERT_AUDIT): nothing reads it back as an object.
        session.connection().execute(_INSERT_AUDIT, dict(actor=self.actor, action=action, target=target,
                                                         before=before, after=after))

    @staticmethod
    def _row(session: Session, table: type, row_id: int, what: str):
        """The row `row_id` of `table`; a HabeasError "no {what} #{row_id}" when there is none."""
        row = session.get(table, row_id)
        if row is None:
            raise HabeasError(f"no {what} #{row_id}")
        return row

    def _serialise_writers(self, session: Session) -> None:
        """Two ingests at once must not both create the same new person: on PostgreSQL the
        writers take turns through a transaction-scoped advisory lock (SQLite transactions
        begin IMMEDIATE, which already makes them take turns)."""
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ARCHIVE_LOCK})

    def set_confidential(self, kind: str, item_id: int, confidential: bool = True) -> None:
        """Mark a document or person confidential: hidden from viewers and from every export."""
        table = {"document": DocumentRow, "person": PersonRow}.get(kind)
        if table is None:
            raise HabeasError(f"only documents and persons can be confidential, not {kind!r}")
        with self.session() as session:
            row = self._row(session, table, item_id, kind)
            before, row.confidential = row.confidential, confidential
            self.audit(session, "confidential", f"{kind}:{item_id}", {"confidential": before},
                       {"confidential": confidential})


# Connections kept open for reuse: a web worker serves up to 40 requests at once in its
# threads, and a connection made afresh for each request past the pool's default 5 (+10 made
# and closed again) costs its connect and pragmas (SQLCipher: its key derivation) each time.
POOL = {"pool_size": 20, "max_overflow": 20}


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


__all__ = ["Added", "Archive", "Reextracted"]
