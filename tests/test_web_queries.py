"""The person page and search are read from a fixed, small number of SQL queries, however many
documents, facts and events a person has: no query per fact, per event or per document.
Counted with an SQLAlchemy listener on the archive's engine, for a person named in 1 and in
12 reports, by a viewer (whose reads also mask what is hidden) and by an editor. A search page
is counted read afresh (`cold`) and again, kept since (habeas.store.pagecache)."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import event
from test_webapp_security import PASSWORD, client

from habeas.model import CaseFile, Document, Event, Evidence, Person
from habeas.store.archive import Archive
from habeas.store.pagecache import PageCache
from habeas.web import create_app

NAME = "Marat Yusupbekov"


def _at(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase)


def _report(n: int, name: str = NAME) -> tuple[Document, bytes, CaseFile]:
    """Report n about the same man (or about `name`): a facility, an age and two events of its own."""
    text = (f"Journalist {name}, {40 + n}, was moved to camp number {n} on {n} May 2021. "
            f"His lawyer filed complaint {n} about the transfer. {name} went on a hunger strike on {n} June 2021.")
    facility = f"camp number {n}"
    person = Person("P1", name, [], detained=True, age=40 + n, facilities=[facility], evidence=[_at(text, name)],
                    slot_evidence={"facilities": {facility: _at(text, facility)}})
    events = [Event("transfer", [name], f"2021-05-{n:02d}", _at(text, f"was moved to camp number {n}"),
                    trigger="moved"),
              Event("hunger_strike", [name], f"2021-06-{n:02d}", _at(text, "went on a hunger strike"),
                    trigger="hunger strike")]
    document = Document(text=text, title=f"Camp report {n}", published=f"2021-07-{n:02d}", path=f"r{n}.txt",
                        sha256=hashlib.sha256(text.encode()).hexdigest())
    return document, text.encode(), CaseFile(document, [person], events)


def _queries(tmp_path, reports: int, role: str, path: str, cold: bool = False) -> int:
    tmp_path.mkdir()
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    archive.add_many([_report(n) for n in range(1, reports + 1)])
    archive.add_user(role, role, PASSWORD)
    browser, _ = client(create_app(archive, secret_key="test-secret"), role)
    person = archive.find_person(NAME)
    path = path.format(person=person)
    assert browser.get(path).status_code == 200     # warm: nothing lazily loaded counts
    if cold:
        archive._pages = PageCache()                 # but the page is read again
    count = [0]

    def counted(*_args) -> None:
        count[0] += 1
    event.listen(archive.engine, "before_cursor_execute", counted)
    try:
        response = browser.get(path)
    finally:
        event.remove(archive.engine, "before_cursor_execute", counted)
    assert response.status_code == 200 and (NAME in response.text or "?country=" in path)
    return count[0]


# route, role, read afresh, the most queries it may send (BEGIN statements included)
@pytest.mark.parametrize(("path", "role", "cold", "most"), [
    ("/persons/{person}", "editor", False, 10),
    ("/persons/{person}", "viewer", False, 16),
    ("/api/v1/persons/{person}", "viewer", False, 12),
    # Search counts, facets and ranks its matches in one statement (one full-text query); a
    # viewer's also reads the names it masks; the page lists the user's saved searches.
    ("/search?q=hunger+strike", "editor", True, 8),
    ("/search?q=hunger+strike", "viewer", True, 11),
    ("/api/v1/search?q=camp", "viewer", True, 11),     # the kept page looked for first
    ("/search?country=Uzbekistan", "viewer", True, 8),
    # Kept: the archive's write generation is read, and the page, user and saved searches.
    ("/search?q=hunger+strike", "editor", False, 6),
    ("/search?q=hunger+strike", "viewer", False, 6),
    ("/api/v1/search?q=camp", "viewer", False, 4),
])
def test_a_page_costs_the_same_few_queries_however_many_reports(tmp_path, path, role, cold, most):
    one = _queries(tmp_path / "one", 1, role, path, cold)
    many = _queries(tmp_path / "many", 12, role, path, cold)
    assert many == one, f"{path}: {one} queries for 1 report, {many} for 12"
    assert many <= most


# Invented names, one person each.
OTHERS = ["Dilnur Rasgulov", "Farid Tursanov", "Aybek Olmurov", "Nurlan Kazibekov", "Rustam Vichenov"]


def _table_queries(tmp_path, persons: int) -> int:
    tmp_path.mkdir()
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    archive.add_many([_report(n, name) for n, name in enumerate([NAME, *OTHERS][:persons], start=1)])
    archive.add_user("viewer", "viewer", PASSWORD)
    browser, _ = client(create_app(archive, secret_key="test-secret"), "viewer")
    assert browser.get("/api/v1/persons").status_code == 200
    count = [0]

    def counted(*_args) -> None:
        count[0] += 1
    event.listen(archive.engine, "before_cursor_execute", counted)
    try:
        response = browser.get("/api/v1/persons")
    finally:
        event.remove(archive.engine, "before_cursor_execute", counted)
    assert response.status_code == 200 and response.json()["total"] == persons
    return count[0]


def test_the_persons_table_reads_its_persons_documents_at_once(tmp_path):
    """Not one query per person for the documents that name them."""
    assert _table_queries(tmp_path / "one", 1) == _table_queries(tmp_path / "six", 6) <= 8
