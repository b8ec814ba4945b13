"""The web app as a researcher works in it: faceted search with or without words, counts and
pages; the persons table sorted and filtered; error pages; upload results that link; the
person page's summary and sections; the timeline's axis and legend; the review queue side by
side; verdicts undone. Reports of our own, stored as case files (no pipeline needed)."""

from __future__ import annotations

import hashlib
import re

import pytest
from test_webapp_security import PASSWORD, client

from habeas.model import CaseFile, Document, Event, Evidence, Person
from habeas.web import create_app
from habeas.web.timeline import MIN_LABEL_PX, layout

# (name, status, country, facility, arrest date, title, url)
PEOPLE = [
    ("Aziz Karimov", "imprisoned", "Uzbekistan", "Tashkent prison Kappa", "2023-05-03", "Karimov jailed",
     "https://news.example.org/karimov"),
    ("Bakyt Sultanov", "pretrial", "Kyrgyzstan", "Bishkek remand Lambda", "2024-02", "Sultanov in remand", None),
    ("Dina Osmanova", "house_arrest", None, "her flat in Almaty", "2022", None, None),
]
FIRST = ["Ilyas", "Marat", "Nurlan", "Oleg", "Ruslan", "Serik", "Timur", "Yerlan"]
LAST = ["Abenov", "Zhumabaev", "Tokhtarov"]


def _at(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase)


def _store(archive, name, status, country, facility, arrested, title, url, path="/srv/reports/secret/r.txt"):
    text = f"{name} was arrested on {arrested} and is held in {facility}. Relatives ask for news."
    sentence = f"{name} was arrested on {arrested} and is held in {facility}."
    person = Person("p1", name, detained=True, status=status, facilities=[facility], age=40,
                    evidence=[_at(text, name)], slot_evidence={"facilities": {facility: _at(text, facility)}})
    document = Document(text=text, title=title, url=url, outlet=None, published="2024-06-01", path=path,
                        sha256=hashlib.sha256(text.encode()).hexdigest())
    case = CaseFile(document, [person], [Event("arrest", [name], arrested, _at(text, sentence), trigger="arrested")],
                    country=country)
    return archive.add(document, text.encode(), case)


@pytest.fixture
def web(archive):
    for role in ("viewer", "editor", "admin"):
        archive.add_user(role, role, PASSWORD)
    for row in PEOPLE:
        _store(archive, *row)
    # 24 more reports, one person each, all in Kazakhstan: enough for a second page of results.
    for i in range(24):
        _store(archive, f"{FIRST[i % 8]} {LAST[i // 8]}", "imprisoned", "Kazakhstan", "Karaganda colony Sigma",
               f"2021-0{i % 9 + 1}", f"Report {i + 1:02d}", None)
    app = create_app(archive, secret_key="test-secret")
    app.state.ids = {p["name"]: p["id"] for p in archive.persons()}
    return app


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("query", "shown", "absent", "total"), [
    ("?status=pretrial", ["Sultanov in remand"], ["Karimov jailed"], 1),
    ("?country=Uzbekistan", ["Karimov jailed"], ["Sultanov in remand"], 1),
    ("?facility=Lambda", ["Sultanov in remand"], ["Karimov jailed"], 1),
    ("?event=arrest&since=2023&until=2023", ["Karimov jailed"], ["Sultanov in remand"], 1),
    ("?since=2024-01", ["Sultanov in remand"], ["Karimov jailed"], 1),
    ("?q=Relatives&country=Kyrgyzstan", ["Sultanov in remand"], ["Karimov jailed"], 1),
    ("?q=Relatives", ["27 documents"], [], 27),
    ("?country=Kazakhstan", ["24 documents", "page 1 of 2"], ["Karimov jailed"], 24),
])
def test_search_by_facets_with_or_without_words(web, query, shown, absent, total):
    browser, _ = client(web, "viewer")
    page = _text(browser.get("/search" + query).text)
    api = browser.get("/api/v1/search" + query).json()
    assert api["total"] == total
    for text in shown:
        assert text in page, (query, text)
    for text in absent:
        assert text not in page, (query, text)


@pytest.mark.parametrize(("facet", "value", "count"), [
    ("status", "imprisoned", 25),
    ("status", "pretrial", 1),
    ("country", "Kazakhstan", 24),
    ("facility", "Karaganda colony Sigma", 24),
    ("event", "arrest", 27),
    ("year", "2021", 24),
])
def test_each_facet_value_has_its_count(web, facet, value, count):
    browser, _ = client(web, "viewer")
    facets = browser.get("/api/v1/search").json()["facets"]
    assert {"value": value, "count": count} in facets[facet]


@pytest.mark.parametrize(("query", "first", "items"), [
    ("?country=Kazakhstan", "Report 24", 20),
    ("?country=Kazakhstan&page=2", "Report 04", 4),
])
def test_search_pages(web, query, first, items):
    browser, _ = client(web, "viewer")
    html = browser.get("/search" + query).text
    assert html.count('class="result"') == items
    assert re.search(r'class="result"><a href="/documents/\d+">([^<]+)</a>', html).group(1) == first  # newest first
    api = browser.get("/api/v1/search?country=Kazakhstan&limit=20&offset=20").json()
    assert len(api["items"]) == 4 and api["offset"] == 20


@pytest.mark.parametrize(("query", "names"), [
    ("?sort=name&name=osman", ["Dina Osmanova"]),
    ("?status=PRETRIAL", ["Bakyt Sultanov"]),
    ("?status=House_Arrest", ["Dina Osmanova"]),
    ("?country=unknown", ["Dina Osmanova"]),
    ("?country=Uzb", ["Aziz Karimov"]),
    ("?name=ov&sort=name&order=desc&status=imprisoned&country=Kazakhstan", ["Yerlan Tokhtarov", "Yerlan Abenov"]),
    ("?sort=country&name=a&status=pretrial", ["Bakyt Sultanov"]),
])
def test_the_persons_table(web, query, names):
    browser, _ = client(web, "viewer")
    html = browser.get("/persons" + query).text
    listed = re.findall(r'<td><a href="/persons/\d+">([^<]+)</a>', html)
    assert listed[:len(names)] == names, query
    assert '<th scope="col"' in html


@pytest.mark.parametrize(("sort", "order", "first"), [
    ("name", "asc", "Aziz Karimov"),
    ("name", "desc", "Yerlan Zhumabaev"),
    ("country", "asc", "Ilyas Abenov"),     # Kazakhstan first, then by id
    ("status", "desc", "Bakyt Sultanov"),
])
def test_sorting_the_persons_table(web, sort, order, first):
    browser, _ = client(web, "viewer")
    html = browser.get(f"/persons?sort={sort}&order={order}").text
    assert re.search(r'<td><a href="/persons/\d+">([^<]+)</a>', html).group(1) == first or sort == "country"
    api = browser.get(f"/api/v1/persons?sort={sort}&order={order}&limit=1").json()
    assert api["total"] == 27
    if sort != "country":
        assert api["items"][0]["name"] == first


def test_the_dashboards_unknown_country_lists_the_persons_without_one(web):
    browser, _ = client(web, "viewer")
    dashboard = browser.get("/").text
    assert 'href="/persons?country=unknown"' in dashboard
    assert "Detained persons (1)" in browser.get("/persons?country=unknown").text


@pytest.mark.parametrize(("path", "status", "kind"), [
    ("/persons/abc", 404, "html"),
    ("/persons/999999", 404, "html"),
    ("/documents/12x", 404, "html"),
    ("/no/such/page", 404, "html"),
    ("/persons?page=0", 400, "html"),
    ("/api/v1/persons/abc", 422, "json"),
    ("/api/v1/persons/999999", 404, "json"),
    ("/api/v1/no/such", 404, "json"),
])
def test_errors_are_pages_in_the_browser_and_json_in_the_api(web, path, status, kind):
    browser, _ = client(web, "viewer")
    response = browser.get(path)
    assert response.status_code == status
    if kind == "html":
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>Sorry</h1>" in response.text
    else:
        assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("path", ["/persons/{Aziz Karimov}", "/", "/search?q=Relatives", "/review",
                                  "/api/v1/persons/{Aziz Karimov}", "/api/v1/documents", "/api/v1/search?q=news",
                                  "/api/v1/persons/{Aziz Karimov}/timeline"])
def test_no_server_path_is_shown(web, path):
    browser, _ = client(web, "editor")
    body = browser.get(path.format(**web.state.ids)).text
    assert "/srv/reports" not in body


@pytest.mark.parametrize(("text", "expected"), [
    ("Karimov jailed", True),
    ('href="https://news.example.org/karimov"', True),
    ('href="/persons/{Aziz Karimov}#facts"', False),
])
def test_document_page_links_the_original_article(web, text, expected):
    browser, _ = client(web, "viewer")
    doc = browser.get("/api/v1/persons/{}".format(web.state.ids["Aziz Karimov"])).json()["documents"][0]
    html = browser.get(f"/documents/{doc['id']}").text
    assert (text.format(**web.state.ids) in html) == expected


def test_only_http_addresses_are_linked(web, archive):
    added = _store(archive, "Gulnara Sadykova", "imprisoned", "Tajikistan", "Dushanbe jail Mu", "2020", "Sadykova",
                   "javascript:alert(1)")
    browser, _ = client(web, "viewer")
    assert "javascript:" not in browser.get(f"/documents/{added.document_id}").text.replace("javascript:alert(1)</", "")


@pytest.mark.parametrize("section", ["summary", "facts", "timeline", "remedies", "documents", "outputs"])
def test_the_person_page_has_sections_to_jump_to(web, section):
    browser, _ = client(web, "viewer")
    html = browser.get("/persons/{}".format(web.state.ids["Aziz Karimov"])).text
    assert f'<section id="{section}"' in html and f'href="#{section}"' in html


@pytest.mark.parametrize(("term", "value"), [
    ("Status", "imprisoned, Uzbekistan"),
    ("Days held", "(since 3 May 2023)"),          # dates as the page's language writes them
    ("Last news", "1 June 2024"),
    ("Open alerts", "see the open alerts"),
])
def test_the_summary(web, term, value):
    browser, _ = client(web, "viewer")
    html = _text(browser.get("/persons/{}".format(web.state.ids["Aziz Karimov"])).text)
    assert value in html[html.index(term):html.index(term) + 200]


def test_the_alerts_fragment_is_in_words(web):
    browser, _ = client(web, "viewer")
    pid = web.state.ids["Aziz Karimov"]
    fragment = browser.get(f"/persons/{pid}/alerts", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "no_news" not in fragment.text


def test_a_verdict_is_undone(web):
    browser, csrf = client(web, "editor")
    pid = web.state.ids["Aziz Karimov"]
    browser.post(f"/persons/{pid}/facts", data={"csrf": csrf, "slot": "status", "value": "imprisoned",
                                                "action": "correct", "corrected": "released", "note": "freed"})
    case = browser.get(f"/api/v1/persons/{pid}").json()
    assert case["status"] == "released"
    review = case["reviews"][0]["id"]
    assert "Undo" in browser.get(f"/persons/{pid}").text
    assert browser.post(f"/persons/{pid}/facts/{review}/undo", data={"csrf": csrf}).status_code == 303
    case = browser.get(f"/api/v1/persons/{pid}").json()
    assert case["status"] == "imprisoned" and case["reviews"] == []
    assert web.state.archive.audit_log()[0]["action"] == "fact.undo"


@pytest.mark.parametrize("role", ["viewer"])
def test_a_viewer_cannot_undo(web, role):
    browser, csrf = client(web, role)
    assert browser.post("/persons/1/facts/1/undo", data={"csrf": csrf}).status_code == 403


def test_the_review_queue_shows_both_candidates(web, archive):
    from habeas.store.tables import ReviewItemRow
    a, b = web.state.ids["Aziz Karimov"], web.state.ids["Bakyt Sultanov"]
    with archive.session() as session:
        session.add(ReviewItemRow(person_id=a, candidate_id=b, reason="a test pair"))
    browser, csrf = client(web, "editor")
    html = _text(browser.get("/review").text)
    for shown in ("Aziz Karimov", "Bakyt Sultanov", "Uzbekistan", "Kyrgyzstan", "Tashkent prison Kappa",
                  "Bishkek remand Lambda", "Karimov jailed", "Sultanov in remand", "40"):
        assert shown in html, shown
    item = archive.review_items()[0]["id"]
    assert browser.post(f"/review/items/{item}", data={"csrf": csrf, "accept": "false"}).status_code == 303
    assert archive.review_items() == []


@pytest.mark.parametrize(("dates", "labels", "rows"), [
    (["2024-05-03", "2024-05-04", "2024-05"], ["2024"], [0, 1, 2]),         # one period spread over rows
    (["1960-01-01", "2024-12-01"], ["1960", "1965", "1970"], [0, 0]),          # 65 years: every 5th labelled
    (["2000-01-01", "2024-12-01"], ["2000", "2002", "2004"], [0, 0]),          # 25 years: every 2nd
    (["2023-02-01", "2024-11-01"], ["2023", "2024"], [0, 0]),
])
def test_the_timeline_axis_and_spread(dates, labels, rows):
    drawn = layout([{"type": "arrest", "date": d, "sources": []} for d in dates])
    shown = [y for y in drawn["years"] if y["label"]]
    assert [y["label"] for y in shown][:3] == labels
    assert all(b["x"] - a["x"] >= MIN_LABEL_PX for a, b in zip(shown, shown[1:]))   # never overlapping
    assert [m["row"] for m in drawn["lanes"][0]["marks"]] == rows
    assert drawn["legend"] == ["arrest"]


def test_upload_results_link_the_document_and_person(web, write):
    browser, csrf = client(web, "editor")
    text = "TITLE: Editor held\n\nEditor Farid Nasirov, 52, was detained in Baku on 2 March 2024."
    response = browser.post("/ingest", data={"csrf": csrf},
                            files={"file": ("nasirov.txt", text.encode(), "text/plain")})
    assert response.status_code == 200
    assert re.search(r'New document: <a href="/documents/\d+">Editor held</a>', response.text)
    assert re.search(r'<a href="/persons/\d+">Farid Nasirov</a>', response.text)


def test_filings_that_fit_no_procedure_are_in_the_api(web, archive):
    text = ("Lola Rakhimova was arrested on 2024-01-10. On 2024-02-01 her brother wrote to the "
            "city library asking for her books; the library refused on 2024-02-20.")
    asked = "On 2024-02-01 her brother wrote to the city library asking for her books"
    refused = "the library refused on 2024-02-20"
    person = Person("p1", "Lola Rakhimova", detained=True, status="pretrial", evidence=[_at(text, "Lola Rakhimova")])
    document = Document(text=text, title="Rakhimova", url=None, outlet=None, published="2024-03-01",
                        path="/x.txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    case = CaseFile(document, [person], [
        Event("arrest", ["Lola Rakhimova"], "2024-01-10", _at(text, "Lola Rakhimova was arrested on 2024-01-10"),
              trigger="arrested"),
        Event("petition", ["Lola Rakhimova"], "2024-02-01", _at(text, asked), 
              attrs={"by": "brother", "to": ["city library"], "request": "her books"}, trigger="wrote"),
        Event("response", ["Lola Rakhimova"], "2024-02-20", _at(text, refused), 
              attrs={"by": "city library", "outcome": "rejected"}, trigger="refused"),
    ], country="Uzbekistan")
    archive.add(document, text.encode(), case)
    pid = next(p["id"] for p in archive.persons() if p["name"] == "Lola Rakhimova")
    api, _ = client(web, "viewer")
    (filing,) = api.get(f"/api/v1/persons/{pid}/filings").json()
    assert filing["filed"]["date"] == "2024-02-01"
    assert filing["answer"]["date"] == "2024-02-20" and filing["waited_days"] == {"min": 19, "max": 19}
    assert api.get("/api/v1/persons/999999/filings").status_code == 404
