"""A researcher's session in a real browser (Playwright driving Debian's Chromium): log in,
upload a report, open the person, see the timeline and the highlighted evidence, correct a
fact, reload and find the correction kept and audited. Screenshots go to test-artifacts/."""

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from habeas.store.archive import Archive
from habeas.web import create_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "a long enough password"
REPORT = ("TITLE: Blogger jailed in Tashkent\nPUBLISHED: 2024-07-01\n\n"
          "Blogger Aziz Karimov, 41, was detained in Tashkent on 3 May 2024. In June 2024 a court "
          "sentenced Karimov to five years in prison on charges of insulting the president. "
          "Karimov is held in the Tashkent pretrial detention centre SIZO-1.")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def server(tmp_path):
    import uvicorn
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    archive.add_user("ana", "admin", PASSWORD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(archive, secret_key="browser-test")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", archive
    server.should_exit = True
    thread.join(timeout=10)


def test_log_in_upload_review_and_correct(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright
    base, archive = server
    report = tmp_path / "karimov.txt"
    report.write_text(REPORT)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(f"{base}/")
        expect(page).to_have_url(f"{base}/login?next=/")
        page.fill("input[name=name]", "ana")
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Log in')")
        expect(page.locator("h1")).to_have_text("Dashboard")

        page.goto(f"{base}/ingest")
        page.set_input_files("input[type=file]", str(report))
        page.click("button:has-text('Ingest')")
        expect(page.locator("main")).to_contain_text("1 new, 0 already known, 0 failed")
        expect(page.locator("ul.added a:has-text('Aziz Karimov')")).to_be_visible()   # the new person linked

        page.goto(f"{base}/persons")
        page.click("text=Aziz Karimov")
        expect(page.locator("h1")).to_have_text("Aziz Karimov")
        expect(page.locator("svg.timeline rect.bar").first).to_be_visible()     # "June 2024": a bar
        expect(page.locator("svg.timeline circle").first).to_be_visible()  # "3 May 2024": a point
        expect(page.locator("nav.toc a[href='#timeline']")).to_be_visible()
        expect(page.locator("#summary")).to_contain_text("Days held")
        expect(page.locator("p.legend")).to_contain_text("arrest")
        expect(page.locator("svg.timeline text.year").first).to_have_text("2024")
        page.screenshot(path=str(ARTIFACTS / "person.png"), full_page=True)

        page.click("#documents a:has-text('Blogger jailed in Tashkent')")
        expect(page.locator("mark.person").first).to_be_visible()
        expect(page.locator("mark.trigger").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)

        page.go_back()
        age = page.locator("form.verdict:has(input[name=slot][value=age])")
        age.locator("input[name=corrected]").fill("42")
        age.locator("button[value=correct]").click()
        expect(page.locator("main")).to_contain_text("corrected by ana")
        page.reload()
        expect(page.locator("main")).to_contain_text("42")
        expect(page.locator("main")).to_contain_text("corrected by ana")
        page.click("form.undo button:has-text('Undo')")                   # and taken back
        expect(page.locator("main")).not_to_contain_text("corrected by ana")

        page.goto(f"{base}/audit")
        expect(page.locator("main")).to_contain_text("fact.undo")
        page.goto(f"{base}/")
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
        browser.close()
    assert archive.audit_log()[0]["action"] == "fact.undo"


def test_search_by_facets_pages_sort_and_a_bad_id(server):
    from playwright.sync_api import expect, sync_playwright
    base, archive = server
    from test_webapp_ux import FIRST, LAST, PEOPLE, _store
    for row in PEOPLE:
        _store(archive, *row)
    for i in range(24):
        _store(archive, f"{FIRST[i % 8]} {LAST[i // 8]}", "imprisoned", "Kazakhstan", "Karaganda colony Sigma",
               f"2021-0{i % 9 + 1}", f"Report {i + 1:02d}", None)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(f"{base}/login?next=/search")
        page.fill("input[name=name]", "ana")
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Log in')")
        expect(page.locator("h1")).to_have_text("Search")
        # Facets only, no words: a country, then an event type from the facet list.
        page.click("aside.facets a:has-text('Kazakhstan')")
        expect(page.locator("p.total")).to_contain_text("24 documents · page 1 of 2")
        page.click("aside.facets a:has-text('arrest')")
        expect(page.locator("aside.facets a.chosen")).to_have_count(2)
        page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
        page.click("nav.pager a[rel=next]")
        expect(page.locator("nav.pager strong")).to_have_text("2")
        expect(page.locator(".result")).to_have_count(4)
        page.screenshot(path=str(ARTIFACTS / "search-page2.png"), full_page=True)

        page.goto(f"{base}/persons")
        page.click("thead a:has-text('Documents')")
        # each click loads a new page (hx-boost): the next click waits until this one is shown
        expect(page.locator("thead th[aria-sort=ascending]")).to_have_text("Documents ▲")
        page.click("thead a:has-text('Name')")
        expect(page.locator("thead th[aria-sort=ascending]")).to_have_text("Name ▲")
        page.click("thead a:has-text('Name')")
        expect(page.locator("tbody tr td a").first).to_have_text("Yerlan Zhumabaev")
        page.select_option("select[name=status]", "pretrial")
        page.click("button:has-text('Filter')")
        expect(page.locator("tbody tr")).to_have_count(1)
        page.goto(f"{base}/persons?sort=name&order=desc")
        page.screenshot(path=str(ARTIFACTS / "persons.png"), full_page=True)

        response = page.goto(f"{base}/persons/not-a-number")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("Sorry")
        expect(page.locator("header")).to_contain_text("Habeas")
        page.screenshot(path=str(ARTIFACTS / "bad-id.png"), full_page=True)

        page.goto(f"{base}/persons")
        page.click("text=Aziz Karimov")
        page.focus("svg.timeline a.mark")
        page.keyboard.press("Enter")
        expect(page.locator("table.events tr:target")).to_contain_text("arrest")
        page.screenshot(path=str(ARTIFACTS / "person-karimov.png"), full_page=True)

        from habeas.store.tables import ReviewItemRow
        ids = {p["name"]: p["id"] for p in archive.persons()}
        with archive.session() as session:
            session.add(ReviewItemRow(person_id=ids["Aziz Karimov"], candidate_id=ids["Bakyt Sultanov"],
                                      reason="a pair to look at"))
        page.goto(f"{base}/review")
        expect(page.locator("article.match .candidate")).to_have_count(2)
        page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)
        page.click("button:has-text('Different people: keep apart')")
        expect(page.locator("main")).to_contain_text("Nothing waiting.")
        browser.close()


def test_russian_a_saved_search_and_the_queue_by_keyboard(server):
    from playwright.sync_api import expect, sync_playwright
    base, archive = server
    from test_webapp_ux import FIRST, LAST, PEOPLE, _store
    for row in PEOPLE:
        _store(archive, *row)
    for i in range(24):
        _store(archive, f"{FIRST[i % 8]} {LAST[i // 8]}", "imprisoned", "Kazakhstan", "Karaganda colony Sigma",
               f"2021-0{i % 9 + 1}", f"Report {i + 1:02d}", None)
    from habeas.store.tables import ReviewItemRow
    ids = {p["name"]: p["id"] for p in archive.persons()}
    with archive.session() as session:
        for left, right in (("Ilyas Abenov", "Marat Abenov"), ("Nurlan Abenov", "Oleg Abenov")):
            session.add(ReviewItemRow(person_id=ids[left], candidate_id=ids[right], reason="same surname"))
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1100, "height": 900}, locale="en-GB")
        page.goto(f"{base}/login")
        page.click("nav.language a:has-text('Русский')")               # before logging in: a cookie
        expect(page.locator("h1")).to_have_text("Войти")
        page.fill("input[name=name]", "ana")
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Войти')")
        expect(page.locator("h1")).to_have_text("Обзор")
        page.click("header form.language button:has-text('English')")   # kept in the account
        expect(page.locator("h1")).to_have_text("Dashboard")
        page.click("header form.language button:has-text('Русский')")
        expect(page.locator("h1")).to_have_text("Обзор")
        expect(page.locator("html")).to_have_attribute("lang", "ru")
        page.screenshot(path=str(ARTIFACTS / "ru-dashboard.png"), full_page=True)
        page.goto(f"{base}/persons/{ids['Aziz Karimov']}")
        expect(page.locator("#summary")).to_contain_text("Дней под стражей")
        expect(page.locator("#summary")).to_contain_text("3 мая 2023")
        expect(page.locator("p.legend")).to_contain_text("арест")
        page.screenshot(path=str(ARTIFACTS / "ru-person.png"), full_page=True)

        # A search by facets saved under a name, left, and returned to in one click.
        page.goto(f"{base}/search")
        facets = page.locator("aside.facets")
        facets.get_by_role("link", name="Казахстан", exact=True).click()
        expect(page.locator("aside.facets a.chosen")).to_have_count(1)
        facets.get_by_role("link", name="арест", exact=True).click()    # not "домашний арест"
        expect(page.locator("aside.facets a.chosen")).to_have_count(2)
        expect(page.locator("p.total")).to_contain_text("24 документа · страница 1 из 2")
        page.fill("form.save-search input[name=name]", "Аресты в Казахстане")
        page.click("form.save-search button")
        expect(page.locator("section.saved a:has-text('Аресты в Казахстане')")).to_be_visible()
        page.click("header a:has-text('Поиск')")
        expect(page.locator("aside.facets a.chosen")).to_have_count(0)
        page.click("section.saved a:has-text('Аресты в Казахстане')")
        expect(page.locator("aside.facets a.chosen")).to_have_count(2)
        expect(page.locator("p.total")).to_contain_text("24 документа")
        page.screenshot(path=str(ARTIFACTS / "ru-saved-search.png"), full_page=True)
        assert [s["name"] for s in archive.saved_searches("ana")] == ["Аресты в Казахстане"]

        # The review queue by keyboard: help, next, keep apart, undo, merge.
        page.goto(f"{base}/review")
        expect(page.locator("article.match")).to_have_count(2)
        page.keyboard.press("?")
        expect(page.locator("#shortcuts")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "review-keys.png"), full_page=False)
        page.keyboard.press("Escape")
        expect(page.locator("#shortcuts")).to_be_hidden()
        page.keyboard.press("j")
        page.keyboard.press("j")
        expect(page.locator("article.match.current")).to_contain_text("Nurlan Abenov")
        page.keyboard.press("k")
        expect(page.locator("article.match.current")).to_contain_text("Ilyas Abenov")
        page.keyboard.press("a")
        expect(page.locator(".decided")).to_contain_text("Оставлены раздельно: Ilyas Abenov и Marat Abenov.")
        expect(page.locator("article.match")).to_have_count(1)
        page.keyboard.press("u")
        expect(page.locator("article.match")).to_have_count(2)
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.keyboard.press("m")
        expect(page.locator(".decided")).to_contain_text("Объединено с записью «Oleg Abenov».")
        expect(page.locator("article.match")).to_have_count(1)
        page.screenshot(path=str(ARTIFACTS / "ru-review.png"), full_page=True)
        browser.close()
    assert [e["action"] for e in archive.audit_log()[:3]] == ["merge", "review.reopen", "review.reject"]

