"""Backups of an archive, encrypted to an age recipient (`habeas backup`, `habeas restore`).

A backup is the archive's rows read through the archive's own tables, the same for SQLite
and PostgreSQL (so one can be restored into the other): gzip-compressed JSON lines, a header
line then one line per row, encrypted with age (pyrage) to one or more recipients. The rows
stream through a pipe into the encryption: no plain copy is ever written to disk, and memory
does not grow with the archive. The file appears under its name only when it is complete: a
backup killed midway leaves nothing under that name (on Linux, not even a temporary file).

Browser sessions are not backed up: a restored archive starts with everyone logged out.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import pyrage
from sqlalchemy import DateTime, LargeBinary, Table, func, select, text

from habeas import __version__
from habeas.errors import HabeasError
from habeas.store.accounts import LoginFailureRow, WebSessionRow
from habeas.store.tables import Base

FORMAT = "habeas-backup-1"
# Sessions and the login throttle's counts are the running server's, not the archive's.
SKIPPED = {WebSessionRow.__tablename__, LoginFailureRow.__tablename__}
BATCH = 500


def tables() -> list[Table]:
    """The archive's tables, parents before children (the order rows are restored in)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED]


# ------------------------------------------------------------------ recipients and identities

def recipients_of(values: list[str]) -> list[Any]:
    """age recipients from `age1…` strings; a HabeasError names a bad one."""
    if not values:
        raise HabeasError("a backup needs at least one age recipient (--recipient age1…)")
    out = []
    for value in values:
        try:
            out.append(pyrage.x25519.Recipient.from_str(value.strip()))
        except Exception:
            raise HabeasError(f"not an age recipient: {value.strip()[:20]}…") from None
    return out


def identities_from(path: Path) -> list[Any]:
    """The age identities (`AGE-SECRET-KEY-1…` lines) of an identity file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise HabeasError(f"{path}: cannot read the identity file ({exc.strerror})") from None
    keys = [line.strip() for line in lines if line.strip().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise HabeasError(f"{path}: no age identity (AGE-SECRET-KEY-…) in the file")
    try:
        return [pyrage.x25519.Identity.from_str(k) for k in keys]
    except Exception:
        raise HabeasError(f"{path}: not a valid age identity") from None


# ------------------------------------------------------------------ rows as JSON

def _encode(table: Table, row: dict) -> dict:
    out = {}
    for column in table.columns:
        value = row[column.name]
        if value is not None and isinstance(column.type, LargeBinary):
            value = base64.b64encode(value).decode("ascii")
        elif isinstance(value, datetime):
            value = value.isoformat()
        out[column.name] = value
    return out


def _decode(table: Table, row: dict) -> dict:
    out = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is not None and isinstance(column.type, LargeBinary):
            value = base64.b64decode(value)
        elif value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        out[column.name] = value
    return out


def _lines(archive) -> Iterator[bytes]:
    with archive.session(write=False) as session:
        counts = {t.name: session.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}
        yield _json({"format": FORMAT, "habeas": __version__, "rows": counts})
        for table in tables():
            result = session.execute(select(table).order_by(*table.primary_key.columns))
            for row in result.mappings():
                yield _json({"t": table.name, "r": _encode(table, dict(row))})


def _json(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


# ------------------------------------------------------------------ backup

def backup(archive, out: Path, recipients: list[str]) -> dict[str, int]:
    """Write an encrypted backup of `archive` to `out`; the row count of each table."""
    to = recipients_of(recipients)
    out = Path(out)
    if out.is_dir():
        raise HabeasError(f"{out}: is a directory; name the backup file")
    counts: dict[str, int] = {}
    with _complete_file(out) as sink:
        read_end, write_end = os.pipe()
        failure: list[BaseException] = []

        def produce() -> None:
            try:
                with os.fdopen(write_end, "wb") as pipe, gzip.GzipFile(fileobj=pipe, mode="wb") as gz:
                    for i, line in enumerate(_lines(archive)):
                        if i == 0:
                            counts.update(json.loads(line)["rows"])
                        gz.write(line)
            except BaseException as exc:   # told to the caller after the join
                failure.append(exc)

        producer = threading.Thread(target=produce, daemon=True)
        producer.start()
        with os.fdopen(read_end, "rb") as source:
            pyrage.encrypt_io(source, sink, to)
        producer.join()
        if failure:
            raise failure[0]
    return counts


@contextmanager
def _complete_file(out: Path) -> Iterator[IO[bytes]]:
    """A file that appears under `out` only once everything was written and synced. Where the
    file system allows it, it is an unnamed O_TMPFILE until then, so even a SIGKILL leaves
    nothing behind; elsewhere a hidden `.NAME.partial-PID` beside it, removed on any error."""
    directory = out.resolve().parent
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_RDWR, 0o600)
    except (AttributeError, OSError):
        fd = None
    staged = directory / f".{out.name}.partial-{os.getpid()}"
    try:
        with os.fdopen(fd if fd is not None else os.open(staged, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600),
                       "wb" if fd is None else "w+b") as sink:
            yield sink
            sink.flush()
            os.fsync(sink.fileno())
            if fd is not None:
                _name(sink, staged)
        os.replace(staged, out)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def _name(unnamed: IO[bytes], staged: Path) -> None:
    """Give an O_TMPFILE a name (linkat); where the file system refuses, copy it to one."""
    try:
        os.link(f"/proc/self/fd/{unnamed.fileno()}", staged, follow_symlinks=True)
    except OSError:
        unnamed.seek(0)
        with os.fdopen(os.open(staged, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "wb") as named:
            shutil.copyfileobj(unnamed, named)
            named.flush()
            os.fsync(named.fileno())


# ------------------------------------------------------------------ restore

def restore(archive, source: Path, identities: list[Any]) -> dict[str, int]:
    """Load a backup into `archive`, which must hold no documents, persons or users yet;
    the rows restored per table. All or nothing: one transaction."""
    source = Path(source)
    if not source.is_file():
        raise HabeasError(f"{source}: no such backup file")
    by_name = {t.name: t for t in tables()}
    with archive.session() as session:
        for table in ("documents", "persons", "users"):
            if session.execute(select(func.count()).select_from(by_name[table])).scalar_one():
                raise HabeasError(f"the archive is not empty ({table}): restore into a new archive")
        # Rows created by the archive's own start-up (none today) would collide with the backup's.
        counts: dict[str, int] = {}
        batch: dict[str, list[dict]] = {}
        header = None
        for line in _decrypted_lines(source, identities):
            record = json.loads(line)
            if header is None:
                header = record
                if record.get("format") != FORMAT:
                    raise HabeasError(f"{source}: not a Habeas backup")
                continue
            table = by_name.get(record["t"])
            if table is None:
                raise HabeasError(f"{source}: unknown table {record['t']!r} (a newer Habeas made it?)")
            rows = batch.setdefault(table.name, [])
            rows.append(_decode(table, record["r"]))
            counts[table.name] = counts.get(table.name, 0) + 1
            if len(rows) >= BATCH:
                _flush(session, by_name, batch)
        if header is None:
            raise HabeasError(f"{source}: the backup is empty")
        _flush(session, by_name, batch)
        if counts != {k: v for k, v in header["rows"].items() if v}:
            raise HabeasError(f"{source}: the backup is incomplete (row counts differ from its header)")
        _reset_sequences(session)
        archive.audit(session, "restore", f"backup:{source.name}", None, {"rows": counts})
    return counts


def _flush(session, by_name: dict[str, Table], batch: dict[str, list[dict]]) -> None:
    # Parents first: a child's rows never go in before the rows they point to.
    for name, table in by_name.items():
        rows = batch.get(name)
        if rows:
            session.execute(table.insert(), rows)
            rows.clear()


def _reset_sequences(session) -> None:
    """PostgreSQL's id sequences continue after the restored ids."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"))


def _decrypted_lines(source: Path, identities: list[Any]) -> Iterator[bytes]:
    read_end, write_end = os.pipe()
    failure: list[BaseException] = []

    def decrypt() -> None:
        try:
            with os.fdopen(write_end, "wb") as pipe, source.open("rb") as encrypted:
                pyrage.decrypt_io(encrypted, pipe, identities)
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=decrypt, daemon=True)
    worker.start()
    try:
        with os.fdopen(read_end, "rb") as pipe, gzip.GzipFile(fileobj=pipe, mode="rb") as gz:
            yield from gz
    except (OSError, EOFError) as exc:
        worker.join()
        if failure:
            raise HabeasError(f"{source}: cannot decrypt the backup with that identity") from None
        raise HabeasError(f"{source}: the backup is damaged ({exc})") from None
    worker.join()
    if failure:
        raise HabeasError(f"{source}: cannot decrypt the backup with that identity") from None
