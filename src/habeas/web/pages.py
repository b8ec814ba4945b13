"""Server-rendered pages. Each route names the role it needs; forms carry the CSRF token."""

from __future__ import annotations

import hmac
from datetime import date
import secrets
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from habeas.errors import HabeasError, InputError
from habeas.model import EVENT_TYPES, STATUSES
from habeas.store.accounts import LOCALES, ROLES
from habeas.store.browse import PERSON_SORTS
from habeas.store.visibility import Visibility
from habeas.web import i18n, services
from habeas.web.auth import COOKIE, LOGIN_COOKIE, User, admin, editor, sees, sign, unsign, viewer
from habeas.web.i18n import N_
from habeas.web.i18n import gettext as _
from habeas.web.highlight import highlighted
from habeas.web.summary import summary
from habeas.web.timeline import layout

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
# Messages of the archive a page shows as they are, marked for the catalog.
MESSAGES = (N_("wrong name or password"), N_("the current password is wrong"), N_("the two new passwords differ"),
            N_("the login form expired: please try again"))


def render(request: Request, template: str, user: User | None, status_code: int = 200, **context):
    return request.app.state.templates.TemplateResponse(request, template, {"user": user, **context},
                                                        status_code=status_code)


def back(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _archive(request: Request, user: User):
    return request.app.state.archive.acting_as(user.name)


@router.get("/login")
def login_page(request: Request, next: str = "/", lang: str | None = Query(None, max_length=8)):
    """The login page; `lang` (the header's switch before login) sets the language cookie."""
    if lang in LOCALES:
        i18n.use(lang)
        response = _login_form(request, next, None)
        _remember_language(request, response, lang)
        return response
    return _login_form(request, next, None)


def _remember_language(request: Request, response, locale: str) -> None:
    response.set_cookie(i18n.COOKIE, locale, httponly=True, samesite="strict", secure=request.app.state.secure_cookies,
                        max_age=365 * 24 * 3600)


def _login_form(request: Request, next: str, error: str | None, status: int = 200):
    """The login page with a fresh CSRF token in the form and, signed, in its cookie."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, next=next if _local(next) else "/", error=error,
                      csrf=token)
    response.status_code = status
    response.set_cookie(LOGIN_COOKIE, sign(request.app.state.secret_key, token), httponly=True,
                        samesite="strict", secure=request.app.state.secure_cookies, max_age=3600)
    return response


def _local(path: str) -> bool:
    return path.startswith("/") and not path.startswith("//")


@router.post("/login")
def login(request: Request, name: str = Form(..., max_length=200), password: str = Form(..., max_length=1000),
          next: str = Form("/", max_length=2000), csrf: str = Form("", max_length=200)):
    expected = unsign(request.app.state.secret_key, request.cookies.get(LOGIN_COOKIE, ""))
    if not expected or not hmac.compare_digest(expected, csrf):
        return _login_form(request, next, _("the login form expired: please try again"), 403)
    throttle, client = request.app.state.throttle, request.client.host if request.client else "?"
    wait = throttle.wait(client)
    if wait:
        return _login_form(request, next, _("too many failed logins from this address: wait %(seconds)d s")
                           % {"seconds": round(wait)}, 429)
    try:
        token, _user = request.app.state.archive.login(name, password)
    except HabeasError as exc:
        throttle.failed(client)
        return _login_form(request, next, _(str(exc)))
    throttle.succeeded(client)
    response = back(next if _local(next) else "/")
    if _user.get("locale"):
        _remember_language(request, response, _user["locale"])   # the login page in it next time
    response.set_cookie(COOKIE, sign(request.app.state.secret_key, token), httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, max_age=12 * 3600)
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.get("/account")
def account(request: Request, user: User = viewer):
    return render(request, "account.html", user, error=None, done=False)


@router.post("/account/password")
def change_password(request: Request, old: str = Form(..., max_length=1000), new: str = Form(..., max_length=1000),
                    again: str = Form(..., max_length=1000), user: User = viewer):
    try:
        if new != again:
            raise HabeasError("the two new passwords differ")
        _archive(request, user).change_password(user.name, new, old=old)
    except HabeasError as exc:
        response = render(request, "account.html", user, error=str(exc), done=False)
        response.status_code = 400
        return response
    response = back("/login")       # every session of the user ended: log in with the new one
    response.delete_cookie(COOKIE)
    return response


@router.post("/account/language")
def choose_language(request: Request, locale: str = Form(..., max_length=8), next: str = Form("/", max_length=2000),
                    user: User = viewer):
    """The interface language, kept in the user's account (and in a cookie for the login page)."""
    if locale not in LOCALES:
        raise HabeasError(f"unknown language {locale!r}")
    _archive(request, user).set_locale(user.name, locale)
    response = back(next if _local(next) else "/")
    _remember_language(request, response, locale)
    return response


@router.post("/logout")
def logout(request: Request, user: User = viewer):
    token = unsign(request.app.state.secret_key, request.cookies.get(COOKIE, ""))
    if token:
        request.app.state.archive.logout(token)
    response = back("/login")
    response.delete_cookie(COOKIE)
    return response


@router.get("/")
def dashboard(request: Request, user: User = viewer, seen: Visibility = sees):
    archive = request.app.state.archive
    alerts = services.alerts(archive, seen, request.app.state.home)[:20]
    return render(request, "dashboard.html", user, stats=archive.stats(seen=seen),
                  documents=archive.documents(seen=seen, limit=10), alerts=alerts)


PER_PAGE = 50


@router.get("/persons")
def persons(request: Request, name: str | None = Query(None, max_length=200),
            status: str | None = Query(None, max_length=40), country: str | None = Query(None, max_length=80),
            facility: str | None = Query(None, max_length=200), sort: str = Query("name", max_length=12),
            order: str = Query("asc", max_length=4), page: int = Query(1, ge=1, le=100_000),
            user: User = viewer, seen: Visibility = sees):
    archive = request.app.state.archive
    sort = sort if sort in PERSON_SORTS else "name"
    filters = {"name": name or None, "status": status or None, "country": country or None,
               "facility": facility or None}
    table = archive.person_table(**filters, sort=sort, descending=order == "desc", seen=seen,
                                 limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render(request, "persons.html", user, filters=filters, sort=sort, order=order, page=page,
                  persons=table["items"], total=table["total"], pages=_pages(table["total"], PER_PAGE),
                  statuses=STATUSES, link=_linker("/persons", {**filters, "sort": sort, "order": order}))


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def _linker(path: str, current: dict):
    """A template helper: the address of this page with some parameters changed (None drops
    one); the page number starts again at 1 unless given."""
    def link(**changes) -> str:
        params = {k: v for k, v in {**current, "page": None, **changes}.items() if v not in (None, "")}
        return path + ("?" + urlencode(params) if params else "")
    return link


@router.get("/persons/{person_id}")
def person(request: Request, person_id: int, user: User = viewer, seen: Visibility = sees):
    archive = request.app.state.archive
    case = archive.case_file(person_id, seen=seen)
    events = archive.timeline(person_id, seen=seen)
    remedies = services.remedies_of(case, events, request.app.state.home)
    # The open alerts are read over the whole archive: the page loads them apart (/alerts).
    return render(request, "person.html", user, case=case, timeline=layout(events), events=events,
                  remedies=remedies, summary=summary(case, events, remedies, date.today()))


@router.get("/persons/{person_id}/alerts")
def person_alerts(request: Request, person_id: int, user: User = viewer, seen: Visibility = sees):
    """The open alerts about a person: a fragment the person page loads (a page of its own
    without JavaScript)."""
    archive = request.app.state.archive
    case = archive.case_file(person_id, seen=seen)   # 404 when hidden
    alerts = services.person_alerts(archive, person_id, seen, request.app.state.home)
    fragment = request.headers.get("HX-Request") == "true"
    return render(request, "alerts_fragment.html" if fragment else "person_alerts.html", user, case=case,
                  alerts=alerts)


@router.post("/persons/{person_id}/facts")
def review_fact(request: Request, person_id: int, slot: str = Form(...), value: str = Form(""),
                action: str = Form(...), corrected: str = Form(""), note: str = Form(""), user: User = editor):
    _archive(request, user).review_fact(person_id, slot, value or None, action, corrected=corrected or None,
                                        note=note or None)
    return back(f"/persons/{person_id}#facts")


@router.post("/persons/{person_id}/facts/{review_id}/undo")
def undo_fact(request: Request, person_id: int, review_id: int, user: User = editor):
    _archive(request, user).undo_review(person_id, review_id)
    return back(f"/persons/{person_id}#facts")


@router.post("/persons/{person_id}/confidential")
def person_confidential(request: Request, person_id: int, confidential: bool = Form(...), user: User = admin):
    _archive(request, user).set_confidential("person", person_id, confidential)
    return back(f"/persons/{person_id}")


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, user: User = viewer, seen: Visibility = sees):
    doc = request.app.state.archive.document(document_id, seen=seen)
    return render(request, "document.html", user, document=doc, body=highlighted(doc))


@router.post("/documents/{document_id}/confidential")
def document_confidential(request: Request, document_id: int, confidential: bool = Form(...), user: User = admin):
    _archive(request, user).set_confidential("document", document_id, confidential)
    return back(f"/documents/{document_id}")


@router.post("/documents/{document_id}/delete")
def delete_document(request: Request, document_id: int, user: User = admin):
    _archive(request, user).delete_document(document_id)
    return back("/")


SEARCH_PER_PAGE = 20


@router.get("/search")
def search(request: Request, q: str = Query("", max_length=500), country: str | None = Query(None, max_length=80),
           facility: str | None = Query(None, max_length=200), status: str | None = Query(None, max_length=40),
           event: str | None = Query(None, max_length=24), since: str | None = Query(None, max_length=10),
           until: str | None = Query(None, max_length=10), page: int = Query(1, ge=1, le=100),
           user: User = viewer, seen: Visibility = sees):
    # The API's caps: a query of 63 KB cost 25 s of server time before they were here.
    filters = {"country": country or None, "facility": facility or None, "status": status or None,
               "event": event or None, "since": since or None, "until": until or None}
    asked = bool(q.strip()) or any(filters.values())
    found = request.app.state.archive.search_page(
        q, country=filters["country"], facility=filters["facility"], status=filters["status"],
        event_type=filters["event"], since=filters["since"], until=filters["until"], seen=seen,
        limit=SEARCH_PER_PAGE, offset=(page - 1) * SEARCH_PER_PAGE)
    link = _linker("/search", {"q": q.strip() or None, **filters})
    return render(request, "search.html", user, q=q, asked=asked, found=found, page=page,
                  pages=_pages(found["total"], SEARCH_PER_PAGE), event_types=EVENT_TYPES, statuses=STATUSES,
                  filters=filters, link=link, here=link(page=page if page > 1 else None),
                  saved=services.saved_searches(request.app.state.archive, user.name))


@router.post("/searches")
def save_search(request: Request, name: str = Form(..., max_length=100), q: str = Form("", max_length=500),
                country: str = Form("", max_length=80), facility: str = Form("", max_length=200),
                status: str = Form("", max_length=40), event: str = Form("", max_length=24),
                since: str = Form("", max_length=10), until: str = Form("", max_length=10), user: User = viewer):
    """Save the current search (words and facets) under a name: as searching, any role."""
    params = {"q": q.strip(), "country": country, "facility": facility, "status": status, "event": event,
              "since": since, "until": until}
    saved = _archive(request, user).save_search(user.name, name, params)   # empty values dropped
    return back(services.search_href(saved["params"]))


@router.post("/searches/{search_id}/delete")
def delete_search(request: Request, search_id: int, next: str = Form("/search", max_length=2000),
                  user: User = viewer):
    _archive(request, user).delete_saved_search(user.name, search_id)
    return back(next if _local(next) and next.startswith("/search") else "/search")


@router.get("/ingest")
def ingest_page(request: Request, user: User = editor):
    return render(request, "ingest.html", user, summary=None, added=[], error=None)


@router.post("/ingest")
def ingest(request: Request, file: UploadFile | None = None, url: str = Form(""), user: User = editor,
           seen: Visibility = sees):
    # A plain function: FastAPI runs it in a worker thread, so extraction never blocks the server.
    try:
        summary = services.ingest_upload(_archive(request, user), file, url, request.app.state.fetch_policy)
    except InputError as exc:
        return render(request, "ingest.html", user, status_code=400, summary=None,
                      error=_("The URL is %(reason)s.") % {"reason": exc.reason} + " " + _(services.INGEST_HINT))
    added = [services.stored_document(request.app.state.archive, doc_id, seen) for _, doc_id in summary.stored] \
        if summary else []
    return render(request, "ingest.html", user, summary=summary, added=added, error=None)


@router.get("/review")
def review(request: Request, decided: int | None = Query(None, ge=1, le=2**62),
           merged: int | None = Query(None, ge=1, le=2**62), user: User = editor, seen: Visibility = sees):
    archive = request.app.state.archive
    last = services.last_decision(archive, decided, merged, seen)
    items = [{**item, "left": services.candidate(archive, item["person"], seen),
              "right": services.candidate(archive, item["candidate"], seen)}
             for item in archive.review_items(seen=seen)]
    facts = archive.doubtful_facts(seen=seen)
    names = archive.person_names([f["person"] for f in facts], seen=seen)
    for f in facts:
        f["name"] = names.get(f["person"])
    return render(request, "review.html", user, items=items, facts=facts, last=last)


@router.post("/review/items/{item_id}")
def decide(request: Request, item_id: int, accept: bool = Form(...), user: User = editor, seen: Visibility = sees):
    item = request.app.state.archive.review_item(item_id, seen=seen)
    if item is None:
        raise HabeasError(f"no review item #{item_id}")
    _archive(request, user).decide(item_id, accept=accept)
    # the queue recalls the decision: a pair kept apart may be taken back; a merge is undone by a split
    return back(f"/review?merged={item['candidate']}" if accept else f"/review?decided={item_id}")


@router.post("/review/items/{item_id}/undo")
def undo_decision(request: Request, item_id: int, user: User = editor):
    """Take back a "keep apart": the pair waits in the queue again (a merge is undone by a split)."""
    _archive(request, user).reopen(item_id)
    return back(f"/review#item-{item_id}")


@router.post("/merge")
def merge(request: Request, keep: int = Form(...), other: int = Form(...), user: User = editor):
    _archive(request, user).merge(keep, other)
    return back(f"/persons/{keep}")


@router.post("/split")
def split(request: Request, person_id: int = Form(...), document_id: int = Form(...), user: User = editor):
    new = _archive(request, user).split(person_id, document_id)
    return back(f"/persons/{new}")


@router.get("/audit")
def audit(request: Request, page: int = 0, user: User = admin):
    return render(request, "audit.html", user, entries=request.app.state.archive.audit_log(limit=100, offset=page * 100),
                  page=page)


@router.get("/users")
def users(request: Request, user: User = admin):
    return render(request, "users.html", user, users=request.app.state.archive.users(), roles=ROLES, error=None)


@router.post("/users")
def add_user(request: Request, name: str = Form(...), role: str = Form(...), password: str = Form(...),
             user: User = admin):
    _archive(request, user).add_user(name, role, password)
    return back("/users")


@router.post("/users/{name}/delete")
def delete_user(request: Request, name: str, user: User = admin):
    _archive(request, user).delete_user(name)
    return back("/users")
