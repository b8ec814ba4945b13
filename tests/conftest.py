"""Shared fixtures: temporary report files written by the tests, and archives on SQLite and
on PostgreSQL (when HABEAS_TEST_DATABASE_URL is set, as CI does)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_URL = os.environ.get("HABEAS_TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="HABEAS_TEST_DATABASE_URL is not set"))]


@pytest.fixture(params=BACKENDS)
def archive_url(request, tmp_path):
    with database(request.param, tmp_path) as url:
        yield url


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A database URL for an empty archive: SQLite in a temporary folder, or a PostgreSQL
    schema of its own (dropped afterwards), so runs never see each other's rows."""
    from habeas.store.settings import database_url
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'habeas.db'}"
        return
    schema = f"habeas_test_{uuid.uuid4().hex[:8]}"
    base = database_url(PG_URL)
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def archive(archive_url):
    from habeas.store.archive import Archive
    archive = Archive.open(archive_url, actor="tester")
    yield archive
    archive.engine.dispose()


@pytest.fixture
def write(tmp_path):
    """write(name, content) -> path of a new file (str content is UTF-8, bytes as they are)."""

    def _write(name: str, content) -> str:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)
    return _write
