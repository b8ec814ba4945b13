"""Encryption at rest for an SQLite archive, with SQLCipher.

A seized laptop is the threat these users face: an encrypted archive's file holds no readable
byte of a report, a name or an audit entry. The key is a passphrase the user types or sets in
`HABEAS_DB_KEY`; it is handed to SQLCipher in memory and never written anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from habeas.errors import HabeasError

# The first 16 bytes of every plain SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL, or None (another database, or in memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def is_encrypted(path: Path) -> bool:
    """An existing, non-empty SQLite file that does not start as a plain one does."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_MAGIC


def encrypted_url(url: str, key: str) -> URL:
    """The SQLCipher URL of an SQLite archive. The key rides in the URL object's password,
    which SQLAlchemy masks whenever the URL is shown."""
    if not key:
        raise HabeasError("the archive key is empty")
    path = sqlite_path(url)
    if path is None:
        raise HabeasError("only an SQLite archive file can be encrypted (PostgreSQL: encrypt its disk)")
    return URL.create("sqlite+pysqlcipher", password=key, database=str(path))


def encrypt_file(url: str, key: str) -> Path:
    """Convert a plain SQLite archive to an encrypted one in place (`habeas db encrypt`).
    The encrypted copy is written beside it and replaces it only when complete."""
    import sqlcipher3

    path = sqlite_path(url)
    if path is None or not path.exists():
        raise HabeasError(f"{url}: no SQLite archive file to encrypt")
    if is_encrypted(path):
        raise HabeasError(f"{path}: the archive is already encrypted")
    tmp = path.with_name(f".{path.name}.encrypting")
    tmp.unlink(missing_ok=True)
    plain = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(tmp), key))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    except Exception:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        plain.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path
