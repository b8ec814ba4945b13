"""Every page route, fed full-Unicode text in its query parameters and form fields (dotted and
dotless i, combining marks, right-to-left text, joiners, NBSP, emoji, NUL, very long values):
a 4xx or a page, never a server error. The API has schemathesis (test_webapp_schema.py)."""

import re
import tempfile

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_webapp_security import PASSWORD, _registered, log_in

from habeas import extract
from habeas.store.archive import Archive
from habeas.web import create_app
from habeas.web.auth import COOKIE, unsign

REPORT = ("Blogger Aziz Karimov, 41, was detained in Tashkent on 3 May 2024 and is held in SIZO-1. "
          "In June his wife asked the prosecutor to release him; the prosecutor rejected the request.")
HARD = st.sampled_from(["İ", "ı", "i̇", "\u0301", "\u200d", "\u200f", "\u202e", "\u00a0", "👨‍👩‍👧", "اعتقل",
                        "拘留", "\x00", "%00", "'", '"', "<script>", "../", "*", "-", "2024-13-45", "9" * 30,
                        "x" * 3000, " ", ""])
VALUE = st.lists(st.one_of(HARD, st.text(max_size=6)), max_size=6).map("".join)
# Query parameters and form fields the pages read; a route ignores those it does not know.
FIELDS = ("q", "country", "facility", "status", "event", "since", "until", "page", "next", "confidential",
          "slot", "value", "action", "corrected", "note", "keep", "other", "person_id", "document_id",
          "accept", "name", "role", "password", "url", "old", "new", "again", "sort", "order")
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


def _app():
    archive = Archive.open(f"sqlite:///{tempfile.mkdtemp()}/habeas.db")
    archive.add_user("admin", "admin", PASSWORD)
    case = extract(REPORT, published="2024-07-01")
    case.document.sha256 = "0" * 64
    archive.add(case.document, REPORT.encode(), case)
    return create_app(archive, secret_key="test-secret")


APP = _app()
ADMIN = TestClient(APP, follow_redirects=False, raise_server_exceptions=False)
assert log_in(ADMIN, "admin", PASSWORD).status_code == 303
CSRF = APP.state.archive.session_user(unsign("test-secret", ADMIN.cookies.get(COOKIE)))["csrf"]
PAGES = sorted({(path, method) for path, methods in _registered(APP.routes) for method in methods - {"HEAD"}
                if not path.startswith(("/api/", "/static")) and path not in ("/logout", "/account/password")})


@pytest.mark.parametrize(("path", "method"), PAGES)
@FUZZ
@given(values=st.fixed_dictionaries({}, optional={f: VALUE for f in FIELDS}), ident=st.sampled_from(
    ["1", "0", "-1", "99999999999999999999", "abc", "%00", "İ"]))
def test_no_page_fails_on_any_input(path, method, values, ident):
    url = re.sub(r"\{[^}]+\}", ident, path)
    if method == "GET":
        response = ADMIN.get(url, params=values)
    else:
        response = ADMIN.request(method, url, data={**values, "csrf": CSRF})
    assert response.status_code < 500, (method, url, values, response.text[:300])
