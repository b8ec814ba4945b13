"""Shared fixtures: temporary report files written by the tests, and archives on SQLite and
on PostgreSQL: the server HABEAS_TEST_DATABASE_URL names, else the local one
(postgresql://postgres@127.0.0.1:5432/test) when it answers; HABEAS_TEST_DATABASE_URL=""
turns PostgreSQL off. The header and the summary of a run say which, and why not."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from habeas.settings import database_url, load

LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/test"


def _find_postgres() -> tuple[str | None, str]:
    """(URL, how it was found) of the PostgreSQL server for the tests, or (None, why none)."""
    given = load().test_database_url
    if given == "":
        return None, "HABEAS_TEST_DATABASE_URL is set empty (PostgreSQL turned off)"
    if given:
        return given, "from HABEAS_TEST_DATABASE_URL"
    try:
        engine = create_engine(database_url(LOCAL_PG), connect_args={"connect_timeout": 2})
        try:
            with engine.connect() as conn:
                conn.execute(text("select 1"))
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means: no local server to test against
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]
        return None, (f"HABEAS_TEST_DATABASE_URL is not set and no PostgreSQL answers at {LOCAL_PG} "
                      f"({type(exc).__name__}: {reason})")
    os.environ["HABEAS_TEST_DATABASE_URL"] = LOCAL_PG   # for subprocesses the tests start
    return LOCAL_PG, "found on this machine (HABEAS_TEST_DATABASE_URL was not set)"


PG_URL, PG_HOW = _find_postgres()
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason=f"PostgreSQL tests skipped: {PG_HOW}"))]


def pytest_report_header(config):
    return f"PostgreSQL: {PG_URL} ({PG_HOW})" if PG_URL else f"PostgreSQL tests skipped: {PG_HOW}"


def pytest_terminal_summary(terminalreporter):
    if not PG_URL:
        skipped = [r for r in terminalreporter.stats.get("skipped", []) if "[postgresql" in r.nodeid]
        terminalreporter.write_line(f"{len(skipped)} PostgreSQL tests skipped: {PG_HOW}", yellow=True)


@pytest.fixture(params=BACKENDS)
def archive_url(request, tmp_path):
    with database(request.param, tmp_path) as url:
        yield url


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A database URL for an empty archive: SQLite in a temporary folder, or a PostgreSQL
    schema of its own (dropped afterwards), so runs never see each other's rows."""
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
