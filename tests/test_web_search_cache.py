"""Search pages are kept until the archive's next write (habeas.store.pagecache): a kept page is
never shown to someone who sees less than whoever it was read for, and every write to what the
archive says (by this archive object or another process's) makes the next search read afresh.
Our own three reports: a public one, one about a confidential person, a confidential one."""

from __future__ import annotations

import hashlib

import pytest
from conftest import BACKENDS, database

from habeas.model import CaseFile, Document, Event, Evidence, Person
from habeas.store.archive import Archive
from habeas.store.pagecache import PageCache, generation
from habeas.store.visibility import Visibility

OPEN = "Farmer Ilyas Kemelbekov, 61, went on a hunger strike in Taraz colony Sigma on 3 April 2024."
SECRET_PERSON = "Poet Bakhyt Ormanaliev began a hunger strike in Shymkent jail Delta on 9 April 2024."
SECRET_REPORT = "Ilyas Kemelbekov ended his hunger strike after guards in Taraz colony Sigma beat him."
# What a viewer's page must never hold, whoever asked the same search before them: the
# confidential person's name (masked in the report about them, which is not confidential
# itself), what the confidential report alone says.
HIDDEN = ("Ormanaliev", "Bakhyt", "beat him")


def _at(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase)


def _case(title: str, text: str, name: str, facility: str) -> tuple[Document, bytes, CaseFile]:
    person = Person("P1", name, [], detained=True, facilities=[facility], evidence=[_at(text, name)],
                    slot_evidence={"facilities": {facility: _at(text, facility)}})
    strike = Event("hunger_strike", [name], "2024-04", _at(text, "hunger strike"), trigger="hunger strike")
    document = Document(text=text, title=title, published="2024-05-01", path=f"{title}.txt",
                        sha256=hashlib.sha256(text.encode()).hexdigest())
    return document, text.encode(), CaseFile(document, [person], [strike])


@pytest.fixture(params=BACKENDS)
def archive(request, tmp_path):
    with database(request.param, tmp_path) as url:
        archive = Archive.open(url, actor="tester")
        archive.add_many([_case("Open", OPEN, "Ilyas Kemelbekov", "Taraz colony Sigma"),
                          _case("Poet", SECRET_PERSON, "Bakhyt Ormanaliev", "Shymkent jail Delta")])
        secret = archive.add(*_case("Secret", SECRET_REPORT, "Ilyas Kemelbekov", "Taraz colony Sigma")).document_id
        archive.set_confidential("person", archive.find_person("Bakhyt Ormanaliev"))
        archive.set_confidential("document", secret)
        archive.secret_report = secret
        yield archive
        archive.engine.dispose()


EDITOR, VIEWER, ADMIN_ASKS = Visibility.of("editor"), Visibility.of("viewer"), Visibility.of("admin", asked=True)
ADMIN_EXPORTS = Visibility.of("admin", output=True)     # what leaves the app: no confidential item


# query, filters, what an editor (or an admin who asks) finds, what anyone else finds: the
# report about the confidential person is shown, their name masked, their events not counted.
SEARCHES = [("hunger strike", {}, 3, 2), ("hunger strike", {"event_type": "hunger_strike"}, 3, 1),
            ("Ormanaliev", {}, 1, 0), ("colony", {}, 2, 1), ("", {"facility": "Delta"}, 1, 0), ("", {}, 3, 2)]


# Who asks the same searches, in turn.
@pytest.mark.parametrize("turns", [
    [EDITOR, VIEWER],
    [VIEWER, EDITOR, VIEWER],
    [ADMIN_ASKS, ADMIN_EXPORTS, VIEWER, EDITOR],
    [EDITOR, EDITOR, VIEWER, VIEWER],
])
def test_a_kept_page_is_only_shown_to_who_sees_the_same(archive, turns):
    for seen in turns:
        for query, filters, everything, shown in SEARCHES:
            page = archive.search_page(query, seen=seen, **filters)
            assert page["total"] == (everything if seen.confidential else shown), (seen, query, filters)
            if not seen.confidential:
                assert not any(word.lower() in repr(page).lower() for word in HIDDEN), (seen, query, page)
                assert "Delta" not in repr(page["facets"])
                assert archive.secret_report not in [r["document"]["id"] for r in page["results"]]


def test_a_page_asked_twice_is_read_once(archive):
    first = archive.search_page("hunger strike", seen=VIEWER)
    assert archive.search_page("Hunger,  STRIKE!", seen=VIEWER) is first     # the same words
    assert archive.search_page("hunger strike", seen=EDITOR) is not first
    assert archive.search_page("hunger strike", seen=VIEWER, offset=1) is not first


def _new_report(archive: Archive) -> None:
    text = "Ilyas Kemelbekov's hunger strike entered its third week in Taraz colony Sigma."
    archive.add(*_case("Third week", text, "Ilyas Kemelbekov", "Taraz colony Sigma"))


def _seen_by_viewer(archive: Archive) -> tuple[int, int, bool]:
    """The editor's and the viewer's totals for "hunger strike", and whether the viewer reads
    the confidential person's name."""
    page = archive.search_page("hunger strike", seen=VIEWER)
    return (archive.search_page("hunger strike", seen=EDITOR)["total"], page["total"],
            "Ormanaliev" in repr(page))


# A write, and what the searches find after it (before it: 3, 2, False).
WRITES = [
    ("new-report", _new_report, (4, 3, False)),
    ("report-no-longer-confidential",
     lambda a: a.set_confidential("document", a.secret_report, False), (3, 3, False)),
    ("report-made-confidential", lambda a: a.set_confidential("document", 1, True), (3, 1, False)),
    ("person-no-longer-confidential",
     lambda a: a.set_confidential("person", a.find_person("Bakhyt Ormanaliev"), False), (3, 2, True)),
    ("report-deleted", lambda a: a.delete_document(1), (2, 1, False)),
    ("written-by-another-process",
     lambda a: Archive.open(a.engine.url.render_as_string(hide_password=False)).delete_document(1), (2, 1, False)),
]


@pytest.mark.parametrize(("write", "after"), [pytest.param(w, a, id=i) for i, w, a in WRITES])
def test_every_write_makes_the_next_search_read_afresh(archive, write, after):
    assert _seen_by_viewer(archive) == (3, 2, False)
    write(archive)
    assert _seen_by_viewer(archive) == after


def test_accounts_and_failed_logins_keep_the_pages(archive):
    with archive.session(write=False) as session:
        before = generation(session)
    archive.add_user("viewer", "viewer", "a long enough password")
    archive.login_failed("10.0.0.1", 1000.0, lambda n: 0.0, forget_after=900.0)
    with archive.session(write=False) as session:
        assert generation(session) == before


def test_a_page_read_before_a_write_is_not_kept_after_it():
    cache = PageCache(size=2)
    cache.put((5, "q"), {"total": 1})
    cache.put((4, "q"), {"total": 0})          # a slower reader, from before the write
    assert cache.get((4, "q")) is None and cache.get((5, "q")) == {"total": 1}
    cache.put((6, "q"), {"total": 2})
    assert cache.get((5, "q")) is None          # older generations dropped
    cache.put((6, "r"), {}), cache.put((6, "s"), {})
    assert cache.get((6, "q")) is None          # at most `size` pages
