"""The web app's security, walked route by route: nothing without a session, roles enforced
on the server, CSRF on every browser write, lockout, confidential items hidden from viewers,
reports shown as inert text everywhere, every write audited."""

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.web import create_app
from habeas.web.auth import COOKIE, unsign

PASSWORD = "a long enough password"
PUBLIC = {("/login", "GET"), ("/login", "POST")}
REPORT = ("TITLE: Blogger held <script>alert(1)</script>\nPUBLISHED: 2024-05-10\n\n"
          "Blogger Aziz Karimov, 41, was detained in Tashkent on 3 May 2024 and is held in SIZO-1. "
          "His post read <img src=x onerror=alert(1)> and linked <a href=\"javascript:alert(1)\">here</a>. "
          "Karimov is charged with insulting the president. <script>alert(1)</script>")


@pytest.fixture
def web(archive, write):
    for role in ("viewer", "editor", "admin"):
        archive.add_user(role, role, PASSWORD)
    ingest(archive, [write("report.txt", REPORT)], lambda docs: default_extractor().extract_many(docs))
    return create_app(archive, secret_key="test-secret")


def client(app, role=None) -> tuple[TestClient, str | None]:
    """A browser-like client logged in as `role` (None: anonymous), and its CSRF token."""
    c = TestClient(app, follow_redirects=False)
    if role is None:
        return c, None
    assert log_in(c, role, PASSWORD).status_code == 303
    token = unsign("test-secret", c.cookies.get(COOKIE))
    return c, app.state.archive.session_user(token)["csrf"]


def log_in(c: TestClient, name: str, password: str):
    """Post the login form as a browser does: with the CSRF token of the page it was sent."""
    page = c.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return c.post("/login", data={"name": name, "password": password, "csrf": csrf})


def _registered(routes):
    """(path, methods) of every endpoint, routers included (FastAPI keeps an included router
    as one route whose candidates are its endpoints with their full paths)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route.path, route.methods
        elif hasattr(route, "effective_candidates"):
            found = route.effective_candidates
            for candidate in (found() if callable(found) else found):
                inner = getattr(candidate, "original_route", candidate)
                if getattr(inner, "methods", None):
                    yield candidate.path, inner.methods


def routes(app):
    """(method, path with ids filled in) of every endpoint but the login page's."""
    for path, methods in _registered(app.routes):
        for method in sorted(methods - {"HEAD"}):
            if (path, method) not in PUBLIC:
                yield method, re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_needs_a_session(web):
    anonymous, _ = client(web)
    walked = list(routes(web))
    assert len(walked) > 30
    for method, path in walked:
        response = anonymous.request(method, path)
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
        else:
            assert response.status_code == 303 and response.headers["location"].startswith("/login"), (method, path)


def test_a_viewer_gets_403_on_every_write(web):
    viewer, csrf = client(web, "viewer")
    # a user's own session, password, language and saved searches: every role's
    own = {"/logout", "/account/password", "/account/language", "/searches", "/searches/1/delete"}
    writes = [(m, p) for m, p in routes(web) if m != "GET" and p not in own]
    assert len(writes) >= 15
    for method, path in writes:
        assert viewer.request(method, path, headers={"X-CSRF-Token": csrf}).status_code == 403, (method, path)


def test_roles_open_what_they_should(web):
    viewer, _ = client(web, "viewer")
    editor, _ = client(web, "editor")
    assert viewer.get("/persons/1").status_code == 200
    assert viewer.get("/review").status_code == 403 and editor.get("/review").status_code == 200
    assert editor.get("/audit").status_code == 403 and client(web, "admin")[0].get("/audit").status_code == 200


@pytest.mark.parametrize("csrf", [None, "wrong"])
def test_browser_writes_need_the_csrf_token(web, csrf):
    editor, right = client(web, "editor")
    form = {"slot": "age", "value": "41", "action": "accept"}
    assert editor.post("/persons/1/facts", data={**form, **({"csrf": csrf} if csrf else {})}).status_code == 403
    assert editor.post("/persons/1/facts", data={**form, "csrf": right}).status_code == 303


def test_api_tokens_need_no_csrf(web):
    token = web.state.archive.add_token("editor")
    api = TestClient(web, headers={"Authorization": f"Bearer {token}"})
    done = api.post("/api/v1/reviews/facts", json={"person": 1, "slot": "age", "value": "41", "action": "accept"})
    assert done.status_code == 200 and done.json()["actor"] == "editor"
    assert TestClient(web, headers={"Authorization": "Bearer nonsense"}).get("/api/v1/persons").status_code == 401


def test_an_upload_is_known_by_its_own_name(web):
    token = web.state.archive.add_token("editor")
    api = TestClient(web, headers={"Authorization": f"Bearer {token}"})
    report = "Journalist Dilnoza Ergasheva was arrested in Bukhara on 2 March 2024."
    done = api.post("/api/v1/ingest", files={"file": ("bukhara.txt", report.encode(), "text/plain")})
    assert done.status_code == 200 and done.json()["new"] == ["bukhara.txt"]
    assert web.state.archive.documents(limit=1)[0]["path"] == "bukhara.txt"
    empty = api.post("/api/v1/ingest", files={"file": ("blank.txt", b"", "text/plain")})
    assert empty.json()["failed"] == [["blank.txt", "empty file"]]
    assert web.state.archive.failures()[-1]["source"] == "blank.txt"


def test_wrong_passwords_slow_the_client_down_and_lock_no_account(web):
    stranger, _ = client(web)
    for _ in range(5):
        assert "wrong name or password" in log_in(stranger, "editor", "x").text
    slowed = log_in(stranger, "editor", PASSWORD)
    assert slowed.status_code == 429 and "wait" in slowed.text
    for name in ("editor", "nobody-here"):        # the same answer whether the account exists or not
        assert log_in(stranger, name, "x").status_code == 429
    # The account itself was never locked: its owner, from another address, logs in.
    owner = TestClient(web, follow_redirects=False, client=("owner-laptop", 50000))
    assert log_in(owner, "editor", PASSWORD).status_code == 303


def test_login_needs_the_forms_csrf_token(web):
    browser = TestClient(web, follow_redirects=False)
    browser.get("/login")
    for csrf in ("", "made-up"):
        forged = browser.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf": csrf})
        assert forged.status_code == 403 and COOKIE not in forged.cookies


def test_cookies_are_httponly_and_strict(web):
    response = log_in(TestClient(web, follow_redirects=False), "viewer", PASSWORD)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("path", ["/documents/1", "/persons/1", "/search?q=Karimov", "/"])
def test_report_markup_is_inert_on_every_page(web, path):
    viewer, _ = client(web, "viewer")
    html = viewer.get(path).text
    assert "Karimov" in html
    for live in ("<script>alert", "<img src=x", 'href="javascript:', "<a href=\"javascript"):
        assert live not in html, (path, live)


def test_report_markup_is_inert_in_the_api(web):
    token = web.state.archive.add_token("viewer")
    api = TestClient(web, headers={"Authorization": f"Bearer {token}"})
    for path in ("/api/v1/documents/1", "/api/v1/persons/1", "/api/v1/search?q=Karimov"):
        response = api.get(path)
        assert response.headers["content-type"].startswith("application/json"), path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_confidential_items_are_invisible_to_viewers(web):
    web.state.archive.set_confidential("person", 1)
    viewer, _ = client(web, "viewer")
    editor, _ = client(web, "editor")
    assert viewer.get("/persons/1").status_code == 404 and editor.get("/persons/1").status_code == 200
    token = web.state.archive.add_token("viewer")
    listed = TestClient(web, headers={"Authorization": f"Bearer {token}"}).get("/api/v1/persons").json()
    assert listed["total"] == 0 and listed["items"] == []


def test_writes_are_audited_and_the_log_is_read_only(web):
    editor, csrf = client(web, "editor")
    editor.post("/persons/1/facts", data={"slot": "age", "value": "41", "action": "correct", "corrected": "42",
                                          "csrf": csrf})
    admin, admin_csrf = client(web, "admin")
    admin.post("/users", data={"name": "dina", "role": "viewer", "password": PASSWORD, "csrf": admin_csrf})
    log = web.state.archive.audit_log()
    assert [(e["actor"], e["action"]) for e in log[:2]] == [("admin", "user.add"), ("editor", "fact.correct")]
    page = admin.get("/audit").text
    assert "fact.correct" in page and "<form" not in page.split("<main>")[1]     # nothing to edit


def test_serve_refuses_an_open_address_without_a_secret(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from habeas.cli import app
    monkeypatch.delenv("HABEAS_SECRET_KEY", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert result.exit_code == 2 and "HABEAS_SECRET_KEY" in result.stderr
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert result.exit_code == 2 and "habeas user add" in result.stderr


@pytest.mark.parametrize(("path", "kind"), [
    ("/persons/1/dossier.html", "text/html"), ("/persons/1/dossier.pdf", "application/pdf"),
    ("/persons/1/wgad.md", "text/plain"), ("/export/persons.csv", "text/csv"), ("/export/events.json", "application/json"),
])
def test_outputs_from_the_web_are_audited(web, path, kind):
    viewer, _ = client(web, "viewer")
    response = viewer.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
    assert web.state.archive.audit_log()[0]["action"] == "export"


def test_confidential_persons_stay_out_of_exports_unless_an_admin_asks(web):
    web.state.archive.set_confidential("person", 1)
    viewer, _ = client(web, "viewer")
    admin, _ = client(web, "admin")
    assert "Karimov" not in viewer.get("/export/persons.csv?confidential=1").text      # only admins may ask
    assert "Karimov" not in admin.get("/export/persons.csv").text
    assert "Karimov" in admin.get("/export/persons.csv?confidential=1").text


@pytest.mark.parametrize("tamper", [
    lambda v: v[:-1] + ("A" if v[-1] != "A" else "B"),     # the signature changed
    lambda v: "x" + v,                                      # the token changed
    lambda v: v.split(".")[0],                              # no signature
    lambda v: "",
    lambda v: ".",
])
def test_a_tampered_cookie_is_no_token(tamper):
    from habeas.web.auth import sign
    value = sign("test-secret", "tok_123")
    assert unsign("test-secret", value) == "tok_123"
    assert unsign("other-secret", value) is None
    assert unsign("test-secret", tamper(value)) is None
