"""The person page and search are read from a fixed, small number of SQL queries, however many
documents, facts and events a person has: no query per fact, per event or per document.
Counted with an SQLAlchemy listener on the archive's engine, for a person named in 1 and in
12 reports, by a viewer (whose reads also mask what is hidden) and by an editor."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import event
from test_webapp_security import PASSWORD, client

from habeas.model import CaseFile, Document, Event, Evidence, Person
from habeas.store.archive import Archive
from habeas.web import create_app

NAME = "Marat Yusupbekov"


def _at(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase)


def _report(n: int) -> tuple[Document, bytes, CaseFile]:
    """Report n about the same man: a facility, an age and two events of its own."""
    text = (f"Journalist {NAME}, {40 + n}, was moved to camp number {n} on {n} May 2021. "
            f"His lawyer filed complaint {n} about the transfer. {NAME} went on a hunger strike on {n} June 2021.")
    facility = f"camp number {n}"
    person = Person("P1", NAME, [], detained=True, age=40 + n, facilities=[facility], evidence=[_at(text, NAME)],
                    slot_evidence={"facilities": {facility: _at(text, facility)}})
    events = [Event("transfer", [NAME], f"2021-05-{n:02d}", _at(text, f"was moved to camp number {n}"),
                    trigger="moved"),
              Event("hunger_strike", [NAME], f"2021-06-{n:02d}", _at(text, "went on a hunger strike"),
                    trigger="hunger strike")]
    document = Document(text=text, title=f"Camp report {n}", published=f"2021-07-{n:02d}", path=f"r{n}.txt",
                        sha256=hashlib.sha256(text.encode()).hexdigest())
    return document, text.encode(), CaseFile(document, [person], events)


def _queries(tmp_path, reports: int, role: str, path: str) -> int:
    tmp_path.mkdir()
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    archive.add_many([_report(n) for n in range(1, reports + 1)])
    archive.add_user(role, role, PASSWORD)
    browser, _ = client(create_app(archive, secret_key="test-secret"), role)
    person = archive.find_person(NAME)
    path = path.format(person=person)
    assert browser.get(path).status_code == 200     # warm: nothing lazily loaded counts
    count = [0]

    def counted(*_args) -> None:
        count[0] += 1
    event.listen(archive.engine, "before_cursor_execute", counted)
    try:
        response = browser.get(path)
    finally:
        event.remove(archive.engine, "before_cursor_execute", counted)
    assert response.status_code == 200 and NAME in response.text
    return count[0]


# route, role, the most queries it may send (BEGIN statements included)
@pytest.mark.parametrize(("path", "role", "most"), [
    ("/persons/{person}", "editor", 10),
    ("/persons/{person}", "viewer", 16),
    ("/api/v1/persons/{person}", "viewer", 12),
    # Search counts its results and every facet's values in one statement (the matches found
    # once); a viewer's also reads the names it masks; the page lists the user's saved searches.
    ("/search?q=hunger+strike", "editor", 9),
    ("/search?q=hunger+strike", "viewer", 14),
    ("/api/v1/search?q=camp", "viewer", 12),
])
def test_a_page_costs_the_same_few_queries_however_many_reports(tmp_path, path, role, most):
    one = _queries(tmp_path / "one", 1, role, path)
    many = _queries(tmp_path / "many", 12, role, path)
    assert many == one, f"{path}: {one} queries for 1 report, {many} for 12"
    assert many <= most
