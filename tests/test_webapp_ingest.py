"""Ingest from the web takes an upload or an http(s) URL of a public page, nothing else: no
path, directory, glob or "-" reaches the server's file system, an upload's name never does,
and fetches go only to public addresses (here a stub network: see test_fetch_policy.py).
Search refuses NUL bytes and over-long queries with a 4xx."""

import time

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from test_fetch_policy import StubNetwork, server, strict  # noqa: F401 (server is a fixture)
from test_webapp_security import log_in

from habeas.ingest.web import UNFETCHABLE
from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.store import accounts
from habeas.web import create_app
from habeas.web.auth import COOKIE, unsign
from habeas.web.services import saved_name, upload_name

PASSWORD = "a long enough password"
REPORT = ("Blogger Timur Alimov, 37, was detained in Almaty on 9 April 2024 and charged with spreading "
          "false information, his wife said.")
SECRET = "Activist Ruslan Bekov was arrested in Shymkent on 2 February 2024; this file must stay on the server."


@pytest.fixture
def app(archive, server, monkeypatch):  # noqa: F811
    # A cheap password hash: these tests are about ingest, and each login would cost ~0.7 s.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
                        raising=False)
    archive.add_user("editor", "editor", PASSWORD)   # one user: each costs a password hash
    port, _ = server
    return create_app(archive, secret_key="test-secret", fetch_policy=strict(StubNetwork(port)))


def login(app, role: str) -> tuple[TestClient, str]:
    """A browser-like client logged in as `role`, and its CSRF token."""
    browser = TestClient(app, follow_redirects=False)
    assert log_in(browser, role, PASSWORD).status_code == 303
    return browser, app.state.archive.session_user(unsign("test-secret", browser.cookies.get(COOKIE)))["csrf"]


def api(app) -> TestClient:
    return TestClient(app, headers={"Authorization": f"Bearer {app.state.archive.add_token('editor')}"})


@pytest.fixture
def local_paths(write, tmp_path):
    """What an attacker would name: a report file on the server, its folder, a glob over it."""
    secret = write("secret.txt", SECRET)
    return {"file": secret, "dir": str(tmp_path), "glob": str(tmp_path / "*"), "file-url": f"file://{secret}"}


REFUSED = ["file", "dir", "glob", "file-url", "/etc/passwd", "/etc", "*", "**/*", "-", "file:///etc/passwd",
           "~/.ssh/id_rsa", "ftp://news.test/a", "javascript:alert(1)", "http://", "//news.test/a", "news.test/a",
           "http://news.test/\x00", "http://" + "a" * 3000]


def _value(name, local_paths):
    return local_paths.get(name, name)


def _nothing_stored(app):
    assert app.state.archive.documents() == [] and app.state.archive.failures() == []


@pytest.mark.parametrize("name", REFUSED)
def test_the_api_and_the_form_refuse_what_is_not_an_http_url(app, local_paths, name):
    sent = api(app).post("/api/v1/ingest", data={"url": _value(name, local_paths)})
    assert sent.status_code == 400 and "The web takes an uploaded file" in sent.json()["detail"]
    browser, csrf = login(app, "editor")
    posted = browser.post("/ingest", data={"url": _value(name, local_paths), "csrf": csrf})
    assert posted.status_code == 400 and 'class="error"' in posted.text
    assert "The web takes an uploaded file or an http:// or https:// address" in posted.text
    assert "Bekov" not in sent.text + posted.text
    _nothing_stored(app)


def test_a_bad_url_refuses_the_upload_sent_with_it(app, local_paths):
    response = api(app).post("/api/v1/ingest", data={"url": local_paths["file"]},
                             files={"file": ("report.txt", REPORT.encode(), "text/plain")})
    assert response.status_code == 400
    _nothing_stored(app)


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/article", "http://[::1]:{port}/article",
                                 "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/",
                                 "http://nowhere.test/"])
def test_a_url_off_the_public_internet_is_not_fetched(app, server, url):  # noqa: F811
    url = url.format(port=server[0])
    response = api(app).post("/api/v1/ingest", data={"url": url})
    assert response.status_code == 200 and response.json()["failed"] == [[url, UNFETCHABLE]]
    assert app.state.archive.documents() == []


def test_a_public_page_is_ingested(app):
    response = api(app).post("/api/v1/ingest", data={"url": "http://news.test/article"})
    assert response.status_code == 200 and response.json()["new"] == ["http://news.test/article"]
    assert "Lena Orlova" in str(app.state.archive.persons())


def _multipart(filename: bytes, content: bytes, **fields: str) -> tuple[bytes, dict]:
    """A multipart body whose file name is sent byte for byte (httpx would escape a NUL)."""
    boundary = "habeas-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="'.encode() + filename
                 + b'"\r\nContent-Type: text/plain\r\n\r\n' + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


UPLOAD_NAMES = [
    (b"report.txt", "report.txt"),
    (b"..", "upload"),
    (b".", "upload"),
    (b"../../etc/passwd", "passwd"),
    (b"/etc/passwd", "passwd"),
    (b"C:\\Users\\ana\\report.txt", "report.txt"),
    (b"a\x00b.txt", "ab.txt"),
    (b"\x00", "upload"),
    (b"x" * 300 + b".txt", "x" * 196 + ".txt"),
    ("\u202etxt.exe".encode(), "txt.exe"),
    ("отчёт.txt".encode(), "отчёт.txt"),
]


@pytest.mark.parametrize(("filename", "shown"), UPLOAD_NAMES)
def test_an_upload_of_any_name_is_stored_under_a_safe_one(app, filename, shown):
    body, headers = _multipart(filename, REPORT.encode())
    response = api(app).post("/api/v1/ingest", content=body, headers=headers)
    assert response.status_code == 200 and response.json()["new"] == [shown]
    assert app.state.archive.documents()[0]["path"] == shown


@pytest.mark.parametrize(("filename", "shown"), [(b"..", "upload"), (b"a\x00b.txt", "ab.txt"),
                                                 (b"y" * 300, "y" * 200)])
def test_the_form_takes_an_upload_of_any_name(app, filename, shown):
    browser, csrf = login(app, "editor")
    body, headers = _multipart(filename, REPORT.encode(), csrf=csrf)
    response = browser.post("/ingest", content=body, headers=headers)
    assert response.status_code == 200 and "1 new" in response.text
    assert app.state.archive.documents()[0]["path"] == shown


@pytest.mark.parametrize(("filename", "shown"), [
    (None, "upload"), ("", "upload"), ("  ", "upload"), ("...", "upload"), ("a/b/c.pdf", "c.pdf"),
    ("a\\b\\c.md", "c.md"), ("ok\r\n.txt", "ok.txt"), ("z" * 250 + ".html", "z" * 195 + ".html"),
    ("zero\u200bwidth.txt", "zerowidth.txt"),
])
def test_upload_names(filename, shown):
    assert upload_name(filename) == shown


@pytest.mark.parametrize(("name", "saved"), [
    ("report.txt", "upload.txt"), ("Report.PDF", "upload.pdf"), ("page.htm", "upload.htm"), ("notes.md", "upload.md"),
    ("page.xhtml", "upload.xhtml"), ("passwd", "upload"), ("tool.exe", "upload"), ("a.txt.sh", "upload"),
])
def test_uploads_are_saved_under_a_fixed_name(name, saved):
    assert saved_name(name) == saved


@pytest.mark.parametrize("path", [
    "/search?q=a%00b", "/search?q=prison&country=%00", "/search?q=prison&facility=SIZO%00",
    "/search?q=prison&status=%00", "/search?q=prison&since=2024%00", "/persons?country=%00",
    "/persons?facility=%00", "/api/v1/search?q=%00", "/api/v1/search?q=prison&facility=%00",
    "/api/v1/persons?country=%00", "/api/v1/persons?facility=a%00b", "/api/v1/events?type=%00",
    "/documents/1%00",
])
def test_a_nul_byte_is_a_400(app, path):
    browser, _ = login(app, "editor")
    assert browser.get(path).status_code == 400


@pytest.mark.parametrize("path", ["/search?q=", "/api/v1/search?q="])
def test_a_huge_query_is_refused_at_once(app, path):
    browser, _ = login(app, "editor")
    started = time.monotonic()
    response = browser.get(path + "prison+" * 9000)      # 63 KB
    assert 400 <= response.status_code < 500 and time.monotonic() - started < 5


def test_a_long_enough_query_still_searches(app, write):
    ingest(app.state.archive, [write("r.txt", REPORT)], lambda docs: default_extractor().extract_many(docs))
    browser, _ = login(app, "editor")
    response = browser.get("/search", params={"q": ("Almaty " * 70).strip()})
    assert response.status_code == 200 and "Alimov" in response.text
