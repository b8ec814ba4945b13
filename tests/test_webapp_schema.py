"""schemathesis against the API's own OpenAPI schema, in process: whatever the schema admits,
the API never answers with a server error."""

import tempfile

import schemathesis
from hypothesis import HealthCheck, settings

from habeas import extract
from habeas.store.archive import Archive
from habeas.web import create_app

REPORT = ("Blogger Aziz Karimov, 41, was detained in Tashkent on 3 May 2024 and is held in SIZO-1. "
          "In June his wife asked the prosecutor to release him; the prosecutor rejected the request.")


def _app():
    archive = Archive.open(f"sqlite:///{tempfile.mkdtemp()}/habeas.db")
    archive.add_user("admin", "admin", "a long enough password")
    case = extract(REPORT, published="2024-07-01")
    case.document.sha256 = "0" * 64
    archive.add(case.document, REPORT.encode(), case)
    return create_app(archive, secret_key="test-secret"), {"Authorization": f"Bearer {archive.add_token('admin')}"}


APP, AUTH = _app()
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP, headers=AUTH)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails(case):
    response = case.call(headers=AUTH)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
