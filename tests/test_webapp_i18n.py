"""The interface in Russian and English: the catalogs complete and in step with the templates,
the language chosen (account, cookie, Accept-Language), dates and words as each language writes
them, and every page walked in Russian with no English message of the catalog left on it.
Saved searches (per user, in the archive) and taking back a "keep apart" in the review queue."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from test_webapp_security import PASSWORD, _registered, client
from test_webapp_ux import web  # noqa: F401  (the fixture: an archive of 27 persons, a user per role)

from habeas.errors import HabeasError
from habeas.model import EVENT_TYPES, STATUSES
from habeas.remedies.tracking import STATES
from habeas.store.accounts import LOCALES, ROLES
from habeas.store.tables import ReviewItemRow
from habeas.web import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src/habeas/web/locale/ru/LC_MESSAGES/messages.po"


def _catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="ru")


def _extracted() -> set[str]:
    """The msgids pybabel extracts from the web app with the project's babel.cfg."""
    method_map = [("src/habeas/web/**.py", "python"), ("src/habeas/web/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_babel_config_names_the_same_sources():
    text = (ROOT / "babel.cfg").read_text()
    assert "[python: src/habeas/web/**.py]" in text and "[jinja2: src/habeas/web/templates/**.html]" in text


def test_every_message_of_the_app_has_a_russian_translation():
    catalog = _catalog()
    ids = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    extracted = _extracted()
    assert len(extracted) > 200
    assert sorted(extracted - set(ids)) == [], "run pybabel extract and update (see babel.cfg)"
    assert sorted(set(ids) - extracted) == [], "messages no page uses: pybabel update drops them"
    untranslated = [m.id for m in ids.values() if "fuzzy" in m.flags or not m.string
                    or (not isinstance(m.string, str) and not all(m.string))]
    assert untranslated == []
    assert [(m.id, errors) for m, errors in catalog.check()] == []   # placeholders and plural forms agree


def test_obsolete_entries_are_gone():
    assert not _catalog().obsolete


@pytest.mark.parametrize(("group", "values"), [
    ("event types", EVENT_TYPES), ("statuses", STATUSES), ("roles", ROLES), ("remedy states", STATES),
    ("alert titles", [r["title"] for r in yaml.safe_load(
        (resources.files("habeas.alerts") / "rules.yml").read_text()).values()]),
])
def test_stored_words_are_in_the_catalog(group, values):
    missing = [v for v in values if v.replace("_", " ") not in i18n.WORDS]
    assert missing == [], group


@pytest.mark.parametrize(("locale", "word", "shown"), [
    ("ru", "house_arrest", "домашний арест"),
    ("ru", "hunger_strike", "голодовка"),
    ("ru", "New report about a watched person", "Новое сообщение об отслеживаемом человеке"),
    ("ru", "an unknown word", "an unknown word"),       # not in the catalog: as it is
    ("en", "house_arrest", "house arrest"),
    ("en", "ill_treatment", "ill treatment"),
])
def test_words(locale, word, shown):
    i18n.use(locale)
    try:
        assert i18n.word(word) == shown
    finally:
        i18n.use("en")


@pytest.mark.parametrize(("locale", "value", "shown"), [
    ("en", "2024-05-03", "3 May 2024"),
    ("ru", "2024-05-03", "3 мая 2024\u202fг."),        # Babel: a narrow no-break space
    ("en", "2024-06", "June 2024"),
    ("ru", "2024-06", "июнь 2024"),
    ("ru", "2024", "2024"),
    ("ru", "XXXX-10-20", "XXXX-10-20"),               # a day without its year: as the report gave it
    ("ru", "2024-02-30", "2024-02-30"),               # not a day: as it is
    ("en", "spring 2024", "spring 2024"),
    ("ru", None, ""),
])
def test_dates_as_each_language_writes_them(locale, value, shown):
    i18n.use(locale)
    try:
        assert i18n.day(value) == shown
    finally:
        i18n.use("en")


@pytest.mark.parametrize(("cookie", "accept", "chosen"), [
    (None, "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
    (None, "en-GB,en;q=0.9,ru;q=0.8", "en"),
    (None, "de-DE,de;q=0.9,ru;q=0.5", "ru"),          # the first language the interface has
    (None, "en;q=0.3, ru;q=0.8", "ru"),                # by weight, not by order
    (None, "fr, de", "en"),                            # none it has: English
    (None, "", "en"),
    (None, "ru;q=bogus", "en"),                        # an unreadable weight is ignored
    ("ru", "en", "ru"),                                # the cookie wins
    ("xx", "ru", "ru"),                                # an unknown cookie is ignored
])
def test_the_browsers_language(cookie, accept, chosen):
    assert i18n.negotiate(cookie, accept) == chosen


def test_the_choice_is_kept_in_the_account(web):
    browser, csrf = client(web, "viewer")
    assert '<html lang="en">' in browser.get("/").text
    done = browser.post("/account/language", data={"locale": "ru", "next": "/persons", "csrf": csrf})
    assert done.status_code == 303 and done.headers["location"] == "/persons"
    assert web.state.archive.users()[-1]["name"] == "viewer"
    assert '<html lang="ru">' in browser.get("/persons").text
    # Another browser, English by its headers, logs in as the same user: the account's choice wins.
    other, _ = client(web, "viewer")
    other.cookies.delete(i18n.COOKIE)
    page = other.get("/", headers={"Accept-Language": "en"}).text
    assert "Задержанные" in page and "Detained persons" not in page
    assert web.state.archive.audit_log()[0]["action"] == "user.locale"


@pytest.mark.parametrize("locale", ["de", "", "ru-RU", "../etc"])
def test_an_unknown_language_is_refused(web, locale):
    browser, csrf = client(web, "viewer")
    assert browser.post("/account/language", data={"locale": locale, "csrf": csrf}).status_code in (400, 422)


def test_the_choice_needs_the_csrf_token(web):
    browser, _ = client(web, "viewer")
    assert browser.post("/account/language", data={"locale": "ru"}).status_code == 403


@pytest.mark.parametrize(("headers", "query", "heading"), [
    ({"Accept-Language": "ru-RU,ru;q=0.9"}, "", "Войти"),
    ({"Accept-Language": "en-US,en;q=0.9"}, "", "Log in"),
    ({"Accept-Language": "en-US"}, "?lang=ru", "Войти"),      # the switch on the login page
    ({"Accept-Language": "ru"}, "?lang=en", "Log in"),
])
def test_before_login_the_browser_or_the_switch_decides(web, headers, query, heading):
    browser, _ = client(web)
    page = browser.get(f"/login{query}", headers=headers).text
    assert heading in page
    if query:
        assert browser.cookies.get(i18n.COOKIE) == query[-2:]


class _Visible(HTMLParser):
    """The text a reader meets on a page: text between tags and the attributes read out or
    shown (placeholder, aria-label, title, alt); not scripts, styles, nor what the page marks
    translate="no" (the audit log's raw records)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip, self._open = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in ("script", "style") or attrs.get("translate") == "no"
        if tag not in VOID:
            self._open.append(skip)
            self._skip += skip
        for name in ("placeholder", "aria-label", "title", "alt"):
            if attrs.get(name) and not self._skip:
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._skip -= self._open.pop()

    def handle_data(self, data):
        if not self._skip:
            self.parts.extend(p for p in re.split(r"\s*(?:[:·—()|,]\s+|\n)\s*", data) if p.strip())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _english_patterns():
    """Each message of the catalog whose Russian differs, as a pattern over a whole piece of text."""
    patterns = []
    for m in _catalog():
        if not m.id:
            continue
        for english in ([m.id] if isinstance(m.id, str) else list(m.id)):
            if english == (m.string if isinstance(m.string, str) else m.string[0]) or len(english) < 3:
                continue
            pattern = re.escape(english)
            pattern = re.sub(r"%\\\(\w+\\\)[sd]", ".+?", pattern)
            patterns.append((english, re.compile(rf"^\W*{pattern}\W*$")))
    return patterns


def _russian_pages(app):
    """Every GET page of the app (not the API, files or exports), its ids filled with a
    person, a document, a review item that exists."""
    ids = {"person_id": app.state.ids["Aziz Karimov"], "document_id": 1}
    for path, methods in _registered(app.routes):
        if "GET" not in methods or path.startswith(("/api/", "/export/", "/static")) or \
                path.endswith((".pdf", ".md", ".html")):
            continue
        yield re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def test_every_page_in_russian_has_no_english_message_left(web):
    archive = web.state.archive
    people = {p["name"]: p["id"] for p in archive.persons()}
    with archive.session() as session:
        session.add(ReviewItemRow(person_id=people["Aziz Karimov"], candidate_id=people["Bakyt Sultanov"],
                                  reason="same surname skeleton"))
        session.add(ReviewItemRow(person_id=people["Ilyas Abenov"], candidate_id=people["Marat Abenov"],
                                  reason="same surname"))
    archive.decide(2, accept=False)
    archive.set_locale("admin", "ru")
    admin, csrf = client(web, "admin")
    admin.post("/searches", data={"name": "Казахстан", "country": "Kazakhstan", "csrf": csrf})
    pages = list(_russian_pages(web))
    pages += ["/search?country=Kazakhstan&page=2", "/persons?page=2", "/review?decided=2", f"/review?merged={people['Aziz Karimov']}",
              "/persons/999999", "/no/such/page", "/persons/not-a-number", "/login"]
    assert {"/", "/persons", "/search", "/review", "/audit", "/users", "/account", "/ingest"} <= set(pages)
    patterns = _english_patterns()
    assert len(patterns) > 180
    users = {u["name"] for u in archive.users()}      # data: the fixture's users are named after roles
    left = {}
    for path in pages:
        response = admin.get(path, headers={"HX-Request": "false"})
        assert response.status_code < 500, path
        parser = _Visible()
        parser.feed(response.text)
        assert re.search("[а-яё]", " ".join(parser.parts), re.IGNORECASE), path
        english = sorted({e for part in parser.parts if part.strip() not in users
                          for e, p in patterns if p.match(part.strip())})
        if english:
            left[path] = english
    assert left == {}, left


def test_error_pages_speak_the_users_language(web):
    web.state.archive.set_locale("editor", "ru")
    editor, _ = client(web, "editor")
    refused = editor.get("/audit")
    assert refused.status_code == 403 and "нужна роль администратора" in refused.text
    missing = editor.get("/persons/not-a-number")
    assert missing.status_code == 404 and "такой записи нет" in missing.text
    assert "Такой страницы нет." in editor.get("/nowhere").text


# Saved searches ---------------------------------------------------------------------------

def test_saved_searches_in_the_archive(web):
    archive = web.state.archive
    first = archive.save_search("viewer", "  Kazakh   colonies ", {"country": "Kazakhstan", "q": "", "status": None})
    assert first["name"] == "Kazakh colonies" and first["params"] == {"country": "Kazakhstan"}
    again = archive.save_search("viewer", "Kazakh colonies", {"country": "Kazakhstan", "event": "arrest"})
    assert again["id"] == first["id"] and again["params"] == {"country": "Kazakhstan", "event": "arrest"}
    archive.save_search("editor", "Kazakh colonies", {"q": "held"})
    assert [s["params"] for s in archive.saved_searches("viewer")] == [{"country": "Kazakhstan", "event": "arrest"}]
    with pytest.raises(HabeasError, match="no saved search"):
        archive.delete_saved_search("editor", first["id"])          # not theirs
    archive.delete_saved_search("viewer", first["id"])
    assert archive.saved_searches("viewer") == [] and len(archive.saved_searches("editor")) == 1


@pytest.mark.parametrize(("title", "params", "why"), [
    ("", {"q": "held"}, "a name of 1 to 100"),
    ("   ", {"q": "held"}, "a name of 1 to 100"),
    ("x" * 101, {"q": "held"}, "a name of 1 to 100"),
    ("ok", {"sort": "name"}, "holds only"),
])
def test_a_saved_search_is_refused(web, title, params, why):
    with pytest.raises(HabeasError, match=why):
        web.state.archive.save_search("viewer", title, params)


def test_a_viewer_saves_a_search_returns_to_it_and_deletes_it(web):
    viewer, csrf = client(web, "viewer")
    saved = viewer.post("/searches", data={"name": "Arrests in Kazakhstan", "country": "Kazakhstan",
                                          "event": "arrest", "q": "", "csrf": csrf})
    assert saved.status_code == 303 and saved.headers["location"] == "/search?country=Kazakhstan&event=arrest"
    page = viewer.get("/search").text
    link = re.search(r'<a href="([^"]+)">Arrests in Kazakhstan</a>', page)
    assert link and link.group(1) == "/search?country=Kazakhstan&amp;event=arrest"
    back = viewer.get(link.group(1).replace("&amp;", "&")).text
    assert "24 documents" in back
    assert "Arrests in Kazakhstan" not in client(web, "editor")[0].get("/search").text   # per user
    search_id = web.state.archive.saved_searches("viewer")[0]["id"]
    editor, editor_csrf = client(web, "editor")
    assert editor.post(f"/searches/{search_id}/delete", data={"csrf": editor_csrf}).status_code == 404
    gone = viewer.post(f"/searches/{search_id}/delete", data={"csrf": csrf, "next": "//evil.example/search"})
    assert gone.status_code == 303 and gone.headers["location"] == "/search"
    assert web.state.archive.saved_searches("viewer") == []


def test_saving_needs_the_csrf_token_and_a_name(web):
    viewer, csrf = client(web, "viewer")
    assert viewer.post("/searches", data={"name": "x", "q": "held"}).status_code == 403
    assert viewer.post("/searches", data={"name": " ", "q": "held", "csrf": csrf}).status_code == 400


def test_the_save_form_shows_only_for_a_search(web):
    viewer, _ = client(web, "viewer")
    assert 'action="/searches"' not in viewer.get("/search").text
    assert 'action="/searches"' in viewer.get("/search?country=Kazakhstan").text


# The review queue: a "keep apart" taken back ------------------------------------------------

def test_keep_apart_is_taken_back(web):
    archive = web.state.archive
    people = {p["name"]: p["id"] for p in archive.persons()}
    with archive.session() as session:
        item = ReviewItemRow(person_id=people["Aziz Karimov"], candidate_id=people["Bakyt Sultanov"], reason="r")
        session.add(item)
        session.flush()
        item_id = item.id
    editor, csrf = client(web, "editor")
    decided = editor.post(f"/review/items/{item_id}", data={"accept": "false", "csrf": csrf})
    assert decided.headers["location"] == f"/review?decided={item_id}"
    page = editor.get(decided.headers["location"]).text
    assert "Kept apart: Aziz Karimov and Bakyt Sultanov." in page and f"/review/items/{item_id}/undo" in page
    assert editor.post(f"/review/items/{item_id}/undo", data={"csrf": csrf}).status_code == 303
    assert [i["id"] for i in archive.review_items()] == [item_id]
    assert archive.audit_log()[0]["action"] == "review.reopen"
    assert editor.post(f"/review/items/{item_id}/undo", data={"csrf": csrf}).status_code == 404   # open now


def test_a_merge_is_recalled_without_an_undo(web):
    archive = web.state.archive
    people = {p["name"]: p["id"] for p in archive.persons()}
    with archive.session() as session:
        item = ReviewItemRow(person_id=people["Aziz Karimov"], candidate_id=people["Bakyt Sultanov"], reason="r")
        session.add(item)
        session.flush()
        item_id = item.id
    editor, csrf = client(web, "editor")
    page = editor.get(editor.post(f"/review/items/{item_id}", data={"accept": "true", "csrf": csrf})
                      .headers["location"]).text
    assert "Merged into Bakyt Sultanov." in page and "/undo" not in page.split("<main>")[1].split("<h2>")[0]


def test_the_locales_are_the_stores():
    assert set(i18n.NAMES) == set(LOCALES)


# Alerts in words of the page's language --------------------------------------------------------

def _alert(rule, **args):
    return {"rule": rule, "message": "the English message", "args": args}


@pytest.mark.parametrize(("locale", "alert", "shown"), [
    ("ru", _alert("no_news", since="2024-06-01", days=913, limit=180),
     "нет вестей с 1 июня 2024\u202fг. (дней: 913, больше 180)"),
    ("en", _alert("no_news", since="2024-06-01", days=913, limit=180),
     "no news since 1 June 2024 (913 days, more than 180)"),
    ("ru", _alert("no_news", since="2024-06-01", days=400, limit=180, more=2),
     "нет вестей с 1 июня 2024\u202fг. (дней: 400, больше 180) (и ещё 2)"),
    ("ru", _alert("sentence_end", terms=[{"years": 2}, {"months": 5}], start="2020-03-01", end="2022-08-01"),
     "срок 2 года и 5 месяцев, считая с 1 марта 2020\u202fг., истёк к 1 августа 2022\u202fг.; "
     "об освобождении не сообщалось"),
    ("en", _alert("sentence_end", terms=[{"years": 1, "days": 21}], start="2020-03-01", end="2021-03-22"),
     "a term of 1 year 21 days counted from 1 March 2020 ended by 22 March 2021; no release reported"),
    ("ru", _alert("unanswered_petition", when=None, told="2024-05-02", to=[], limit=30),
     "обращение от дата не указана (сообщено 2 мая 2024\u202fг.), адресат: органы власти: "
     "об ответе не сообщалось больше 30 дней"),
    ("ru", _alert("serious_health", type="hunger_strike", when="2024-05", what="hunger_strike"),
     "голодовка май 2024: голодовка"),
    ("ru", _alert("watched_report", who="dina", title="Court hearing adjourned"),
     "новое сообщение для dina: Court hearing adjourned"),
    ("ru", _alert("no_news"), "the English message"),                       # no args: as it was
    ("ru", _alert("a_new_rule", x=1), "the English message"),               # a rule not worded here
    ("ru", _alert("no_news", since="2024-06-01"), "the English message"),   # args missing a value
])
def test_alert_messages_in_the_pages_language(locale, alert, shown):
    from habeas.web.alert_text import message
    i18n.use(locale)
    try:
        assert message(alert) == shown
    finally:
        i18n.use("en")


def test_every_alert_rule_is_worded():
    from habeas.web.alert_text import WORDED
    rules = yaml.safe_load((resources.files("habeas.alerts") / "rules.yml").read_text())
    assert set(rules) == set(WORDED)
