"""Several worker processes serve one archive: each builds the app from the environment
`habeas serve` hands down (habeas.web.app.from_environment), and what one worker knows of a
session or of a password guesser the others know too (both live in the archive). Two apps
built from the same environment stand for two workers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
from conftest import BACKENDS, PG_URL, database
from fastapi.testclient import TestClient

from habeas.store.archive import Archive
from habeas.web.app import from_environment
from habeas.web.throttle import LoginThrottle, SharedLoginThrottle

PASSWORD = "a long enough password"


@pytest.fixture
def workers(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'habeas.db'}"
    Archive.open(url).add_user("ana", "editor", PASSWORD)
    monkeypatch.setenv("HABEAS_DATABASE_URL", url)
    monkeypatch.setenv("HABEAS_SECRET_KEY", "one secret for every worker")
    monkeypatch.delenv("HABEAS_DB_KEY", raising=False)
    return from_environment(), from_environment()


def _log_in(browser: TestClient, password: str):
    csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/login").text).group(1)
    return browser.post("/login", data={"name": "ana", "password": password, "csrf": csrf})


def test_a_session_from_one_worker_is_good_in_another(workers):
    first, second = (TestClient(app, follow_redirects=False) for app in workers)
    assert _log_in(first, PASSWORD).status_code == 303
    second.cookies = first.cookies
    assert second.get("/").status_code == 200


# failures sent to the first worker, what the second answers the next try
@pytest.mark.parametrize(("failures", "status"), [(3, 200), (4, 200), (5, 429)])
def test_failed_logins_at_one_worker_slow_the_client_at_every_worker(workers, failures, status):
    first, second = (TestClient(app, follow_redirects=False) for app in workers)
    for _ in range(failures):
        assert _log_in(first, "wrong password, long enough").status_code == 200
    assert _log_in(second, "wrong password, long enough").status_code == status


def test_the_app_without_a_secret_in_the_environment_refuses_to_start(monkeypatch):
    monkeypatch.delenv("HABEAS_SECRET_KEY", raising=False)
    with pytest.raises(Exception, match="HABEAS_SECRET_KEY"):
        from_environment()


@pytest.mark.parametrize("failures", range(0, 9))
def test_the_shared_throttle_waits_as_the_one_in_memory(tmp_path, failures):
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    shared = SharedLoginThrottle(archive=archive, clock=lambda: 1000.0)
    memory = LoginThrottle(clock=lambda: 1000.0)
    for _ in range(failures):
        shared.failed("192.0.2.1")
        memory.failed("192.0.2.1")
    assert shared.wait("192.0.2.1") == memory.wait("192.0.2.1")
    assert shared.wait("192.0.2.2") == 0.0
    shared.succeeded("192.0.2.1")
    assert shared.wait("192.0.2.1") == 0.0


def _throttle_archive(backend: str, folder) -> Iterator[Archive]:
    with database(backend, folder) as url:
        archive = Archive.open(url)
        yield archive
        archive.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_workers_counting_one_client_at_once_lose_no_failure(backend, tmp_path):
    for archive in _throttle_archive(backend, tmp_path):
        throttles = [SharedLoginThrottle(archive=archive, clock=lambda: 1000.0) for _ in range(4)]
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda t: [t.failed("192.0.2.7") for _ in range(5)], throttles))
        memory = LoginThrottle(clock=lambda: 1000.0)
        for _ in range(20):
            memory.failed("192.0.2.7")
        assert throttles[0].wait("192.0.2.7") == memory.wait("192.0.2.7") > 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_clients_quiet_failures_are_forgotten(backend, tmp_path):
    for archive in _throttle_archive(backend, tmp_path):
        now = [1000.0]
        throttle = SharedLoginThrottle(archive=archive, clock=lambda: now[0], longest=60.0)
        for _ in range(6):
            throttle.failed("192.0.2.8")
        assert throttle.wait("192.0.2.8") > 0
        now[0] += 61.0                            # quiet for longer than the longest wait
        throttle.failed("192.0.2.9")              # another client's failure tidies up
        throttle.failed("192.0.2.8")              # counted from one again
        assert throttle.wait("192.0.2.8") == 0.0


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL only: SQLite writers always take turns")
def test_a_failed_login_does_not_wait_for_an_ingest_in_progress(tmp_path):
    for archive in _throttle_archive("postgresql", tmp_path):
        pool = ThreadPoolExecutor(1)
        with archive.session() as ingest:
            archive._serialise_writers(ingest)   # an ingest holding the archive's write lock
            failed = pool.submit(archive.login_failed, "192.0.2.10", 1000.0, lambda n: 0.0, 900.0)
            counted = bool(wait([failed], timeout=10).done)   # before the ingest commits
        pool.shutdown()
        assert counted and failed.result() is None
