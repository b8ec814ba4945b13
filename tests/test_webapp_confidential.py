"""Confidentiality walked route by route: over an archive with a confidential person (named in
a normal report and in one of their own) and a confidential report (about a normal person),
no response a viewer can get names, links, counts or quotes them; an admin who asks sees
them; a report's named sources reach only an admin who asks."""

from __future__ import annotations

import hashlib
import io
import itertools
import re
from urllib.parse import parse_qsl

import pytest
from conftest import BACKENDS, database
from pypdf import PdfReader
from test_webapp_security import PASSWORD, _registered, client

from habeas.model import CaseFile, Document, Event, Evidence, Person, Source
from habeas.store.archive import Archive
from habeas.web import create_app

# Three reports of our own. The confidential person is Timur Zhaksylykov; the confidential
# report is the third, about Ruslan Ordabaev, who is not confidential himself.
PAVLODAR = ("Teacher Ruslan Ordabaev, 52, is held in Pavlodar colony No. 14, the Committee Alpha Watch said. "
            "Ordabaev was arrested on 1 March 2023. Blogger Timur Zhaksylykov was arrested with him on "
            "4 March 2023 and is held in Ekibastuz remand prison Omega.")
HUNGER = "Timur Zhaksylykov began a hunger strike on 2 May 2023 in Ekibastuz remand prison Omega."
TRANSFER = ("Ruslan Ordabaev was moved to Kokshetau special unit Zeta-9 on 1 August 2023. "
            "Guards there broke two of his ribs, the Nightingale Informant Group said.")
# What a viewer must never read, in any body (case-insensitive).
HIDDEN = ("Zhaksylykov", "Kokshetau", "Zeta-9", "broke two of his ribs", "Transfer note", "Nightingale")
# Filters a viewer tries on every route that takes them: substrings of the hidden facilities,
# the hidden person, words only hidden items hold.
QUERIES = ["", "?confidential=1", "?person={person}", "?facility=unit+Zeta", "?facility=Omega", "?q=Zhaksylykov",
           "?q=Zeta", "?q=ribs", "?q=held&facility=Zeta", "?q=held&person={person}", "?q=moved&event=transfer",
           "?type=transfer", "?since=2023-07", "?status=unknown", "?q=strike&confidential=1"]


def _at(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase)


def _person(local: str, name: str, text: str, facility: str, aliases=()) -> Person:
    return Person(local, name, list(aliases), detained=True, facilities=[facility], evidence=[_at(text, name)],
                  slot_evidence={"facilities": {facility: _at(text, facility)}})


def _event(kind: str, who: str, date: str, text: str, sentence: str, trigger: str) -> Event:
    return Event(kind, [who], date, _at(text, sentence), trigger=trigger)


def _store(archive, title: str, text: str, persons, events, sources=()) -> int:
    document = Document(text=text, title=title, published="2023-09-01", path=f"{title}.txt",
                        sha256=hashlib.sha256(text.encode()).hexdigest())
    case = CaseFile(document, persons, events, sources=[Source(s, _at(text, s)) for s in sources])
    return archive.add(document, text.encode(), case).document_id


def _filler(i: int) -> tuple[Document, bytes, CaseFile]:
    text = f"Filler {i} was held."
    document = Document(text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return document, text.encode(), CaseFile(document, [Person("P1", f"Filler {i}")] if i < 30 else [])


@pytest.fixture(scope="module", params=BACKENDS)
def web(request, tmp_path_factory):
    """The app (the tests only read) over the archive, with ids far apart: persons from 31,
    documents from 61 (fillers stored first and deleted), so that an id in a body says what it
    is; `app.state.clients`: one logged-in client per role."""
    with database(request.param, tmp_path_factory.mktemp("confidential")) as url:
        archive = Archive.open(url, actor="tester")
        yield _app(archive)
        archive.engine.dispose()


def _app(archive: Archive):
    fillers = [added.document_id for added in archive.add_many([_filler(i) for i in range(60)])]
    pavlodar = _store(archive, "Two held in Pavlodar", PAVLODAR, [
        _person("P1", "Ruslan Ordabaev", PAVLODAR, "Pavlodar colony No. 14"),
        _person("P2", "Timur Zhaksylykov", PAVLODAR, "Ekibastuz remand prison Omega", ["Zhaksylykov"])], [
        _event("arrest", "Ruslan Ordabaev", "2023-03-01", PAVLODAR, "Ordabaev was arrested on 1 March 2023.",
               "arrested"),
        _event("arrest", "Timur Zhaksylykov", "2023-03-04", PAVLODAR, "Blogger Timur Zhaksylykov was arrested",
               "arrested")], sources=["Committee Alpha Watch"])
    hunger = _store(archive, "Timur Zhaksylykov starts a hunger strike", HUNGER, [
        _person("P1", "Timur Zhaksylykov", HUNGER, "Ekibastuz remand prison Omega")], [
        _event("hunger_strike", "Timur Zhaksylykov", "2023-05-02", HUNGER, HUNGER, "hunger strike")])
    transfer = _store(archive, "Transfer note", TRANSFER, [
        _person("P1", "Ruslan Ordabaev", TRANSFER, "Kokshetau special unit Zeta-9")], [
        _event("transfer", "Ruslan Ordabaev", "2023-08-01", TRANSFER, "Ruslan Ordabaev was moved", "moved"),
        _event("ill_treatment", "Ruslan Ordabaev", "2023-08", TRANSFER, "Guards there broke two of his ribs",
               "broke")], sources=["Nightingale Informant Group"])
    for filler in fillers:
        archive.delete_document(filler)
    ordabaev, zhaksylykov = (archive.find_person(n) for n in ("Ruslan Ordabaev", "Timur Zhaksylykov"))
    assert (pavlodar, ordabaev, zhaksylykov) == (61, 31, 32) and archive.person_count() == 2
    archive.review_fact(ordabaev, "facilities", "Kokshetau special unit Zeta-9", "accept")
    archive.set_confidential("person", zhaksylykov)
    archive.set_confidential("document", transfer)
    for role in ("viewer", "editor", "admin"):
        archive.add_user(role, role, PASSWORD)
    app = create_app(archive, secret_key="test-secret")
    app.state.ids = {"person": ordabaev, "hidden_person": zhaksylykov, "document": pavlodar, "own": hunger,
                     "hidden_document": transfer}
    app.state.clients = {role: client(app, role)[0] for role in ("viewer", "editor", "admin")}
    return app


def _query_params(app) -> dict[str, set[str]]:
    """path -> the query parameters its GET endpoint declares (its dependencies' included)."""
    def flat(dependant):
        return {q.name for q in dependant.query_params} | {n for d in dependant.dependencies for n in flat(d)}
    found = {}
    for route in app.routes:
        candidates = getattr(route, "effective_candidates", [route])
        for candidate in (candidates() if callable(candidates) else candidates):
            inner = getattr(candidate, "original_route", candidate)
            if "GET" in (getattr(inner, "methods", None) or ()):
                found[candidate.path] = flat(getattr(candidate, "dependant", None) or inner.dependant)
    return found


def gets(app):
    """Every GET of the app, its path filled with visible and hidden ids, with every query of
    QUERIES whose parameters it takes."""
    ids, params = app.state.ids, _query_params(app)
    fills = {"person_id": [ids["person"], ids["hidden_person"]],
             "document_id": [ids["document"], ids["own"], ids["hidden_document"]],
             "kind": ["persons", "events", "uwazi"], "format": ["csv", "json"]}
    for path, methods in _registered(app.routes):
        if "GET" not in methods or path == "/login":
            continue
        names = re.findall(r"\{(\w+)\}", path)
        for values in itertools.product(*(fills.get(n, [1]) for n in names)):
            filled = path
            for name, value in zip(names, values):
                filled = filled.replace("{" + name + "}", str(value))
            for query in QUERIES:
                query = query.format(person=ids["hidden_person"])
                if {k for k, _ in parse_qsl(query.lstrip("?"))} <= params[path]:
                    yield filled + query


def _body(response) -> str:
    if response.headers.get("content-type", "").startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return response.text


def leaks(app, body: str, query: str) -> list[str]:
    """What of the hidden items a body shows: their words, and their ids as links or fields."""
    for _, value in parse_qsl(query.lstrip("?")):     # a page echoes its own filter in its form
        body = body.replace(f'value="{value}"', "")
    # and its own address, where a form (the language switch) returns after posting
    body = re.sub(r'<input type="hidden" name="next" value="[^"]*">', "", body)
    person, document = app.state.ids["hidden_person"], app.state.ids["hidden_document"]
    patterns = [re.escape(w) for w in HIDDEN] + [
        rf"/persons/{person}\b", rf'"(id|person|person_id|candidate|P\d+)":\s*{person}\b', rf"(^|\n){person},",
        rf"/documents/{document}\b", rf'"(id|document|document_id)":\s*{document}\b', rf",{document},"]
    return [p for p in patterns if re.search(p, body, re.IGNORECASE)]


def test_a_viewer_meets_no_confidential_item_on_any_route(web):
    viewer = web.state.clients["viewer"]
    walked = list(gets(web))
    assert len(walked) > 80
    assert {p.split("?")[0] for p in walked} >= {"/api/v1/events", "/api/v1/search", "/search", "/persons"}
    for path in walked:
        response = viewer.get(path)
        assert response.status_code < 500, path
        assert leaks(web, _body(response), path.partition("?")[2]) == [], path


@pytest.mark.parametrize(("path", "role", "status"), [
    ("/api/v1/persons/{hidden_person}", "viewer", 404),
    ("/api/v1/persons/{hidden_person}/timeline", "viewer", 404),
    ("/api/v1/persons/{hidden_person}/remedies", "viewer", 404),
    ("/api/v1/persons/{hidden_person}/filings", "viewer", 404),
    ("/api/v1/documents/{hidden_document}", "viewer", 404),
    ("/persons/{hidden_person}/dossier.html", "viewer", 404),
    ("/persons/{hidden_person}/dossier.html", "editor", 404),            # what leaves the app: admins who ask
    ("/persons/{hidden_person}/dossier.html?confidential=1", "admin", 200),
    ("/persons/{hidden_person}", "editor", 200),                         # editors see them in the app
    ("/documents/{hidden_document}", "editor", 200),
    ("/api/v1/documents/{hidden_document}?confidential=1", "viewer", 404),  # only admins may ask
])
def test_hidden_items_are_not_found(web, path, role, status):
    c = web.state.clients[role]
    assert c.get(path.format(**web.state.ids)).status_code == status


@pytest.mark.parametrize(("path", "role", "total"), [
    ("/api/v1/persons", "viewer", 1),
    ("/api/v1/persons?confidential=1", "viewer", 1),
    ("/api/v1/persons?facility=Zeta", "viewer", 0),
    ("/api/v1/persons?facility=Omega", "viewer", 0),
    ("/api/v1/persons?facility=Pavlodar", "viewer", 1),
    ("/api/v1/documents", "viewer", 2),
    ("/api/v1/events", "viewer", 1),
    ("/api/v1/events?limit=1&offset=0", "viewer", 1),
    ("/api/v1/events?person={hidden_person}", "viewer", 0),
    ("/api/v1/events?person={person}", "viewer", 1),
    ("/api/v1/persons", "admin", 2),                                     # in the app, admins see them
    ("/api/v1/persons?facility=Zeta", "admin", 1),
    ("/api/v1/documents", "editor", 3),
    ("/api/v1/events", "admin", 5),
    ("/api/v1/events?limit=2&offset=2", "admin", 5),
    ("/api/v1/events?person={hidden_person}", "admin", 2),
])
def test_totals_count_only_what_is_shown(web, path, role, total):
    c = web.state.clients[role]
    page = c.get(path.format(**web.state.ids)).json()
    assert page["total"] == total
    assert len(page["items"]) == min(total - page["offset"], page["limit"])


@pytest.mark.parametrize(("path", "role", "shown"), [
    ("/", "viewer", "Detained persons: 1"),
    ("/persons", "viewer", "Detained persons (1)"),
    ("/", "editor", "Detained persons: 2"),
    ("/export/persons.csv", "admin", None),
    ("/export/persons.csv?confidential=1", "admin", "Zhaksylykov"),
    ("/export/events.csv?confidential=1", "admin", "broke two of his ribs"),
    ("/api/v1/search?q=moved&facility=Zeta&confidential=1", "admin", "Transfer note"),
    ("/api/v1/search?q=Zhaksylykov", "editor", "Zhaksylykov"),
    ("/api/v1/events?person={hidden_person}", "editor", "Zhaksylykov began a hunger strike"),
    ("/documents/{document}", "admin", 'href="/persons/{hidden_person}"'),
])
def test_who_sees_them_sees_them(web, path, role, shown):
    c = web.state.clients[role]
    body = c.get(path.format(**web.state.ids)).text
    if shown is None:
        assert "Zhaksylykov" not in body and "Zeta-9" not in body
    else:
        assert shown.format(**web.state.ids) in body


def test_a_normal_report_shows_no_trace_of_the_hidden_person(web):
    viewer = web.state.clients["viewer"]
    doc = viewer.get(f"/api/v1/documents/{web.state.ids['document']}").json()
    assert [p["name"] for p in doc["extract"]["persons"]] == ["Ruslan Ordabaev"]
    assert [e["persons"] for e in doc["extract"]["events"]] == [["Ruslan Ordabaev"]]
    assert doc["persons"] == {"P1": web.state.ids["person"]}
    assert len(doc["text"]) == len(PAVLODAR) and "Blogger █████ ███████████ was arrested" in doc["text"]
    own = viewer.get(f"/api/v1/documents/{web.state.ids['own']}").json()
    assert own["title"] == "█████ ███████████ starts a hunger strike" and own["extract"]["persons"] == []


@pytest.mark.parametrize(("role", "query", "sources"), [
    ("viewer", "", []),
    ("viewer", "?confidential=1", []),
    ("editor", "", []),
    ("editor", "?confidential=1", []),
    ("admin", "", []),
    ("admin", "?confidential=1", ["Committee Alpha Watch"]),
])
def test_named_sources_only_for_an_admin_who_asks(web, role, query, sources):
    c = web.state.clients[role]
    doc = c.get(f"/api/v1/documents/{web.state.ids['document']}{query}").json()
    assert doc["extract"]["sources"] == sources
    assert [s["name"] for s in doc["extract"]["source_evidence"]] == sources
