"""Server-rendered pages. Each route names the role it needs; forms carry the CSRF token."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from habeas.errors import HabeasError, InputError
from habeas.model import EVENT_TYPES
from habeas.store.accounts import ROLES
from habeas.web import services
from habeas.web.auth import COOKIE, User, admin, editor, sign, unsign, viewer
from habeas.web.highlight import highlighted
from habeas.web.timeline import layout

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def render(request: Request, template: str, user: User | None, status_code: int = 200, **context):
    return request.app.state.templates.TemplateResponse(request, template, {"user": user, **context},
                                                        status_code=status_code)


def back(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _archive(request: Request, user: User):
    return request.app.state.archive.acting_as(user.name)


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    return render(request, "login.html", None, next=next if next.startswith("/") else "/", error=None)


@router.post("/login")
def login(request: Request, name: str = Form(...), password: str = Form(...), next: str = Form("/")):
    try:
        token, _user = request.app.state.archive.login(name, password)
    except HabeasError as exc:
        return render(request, "login.html", None, next=next, error=str(exc))
    response = back(next if next.startswith("/") and not next.startswith("//") else "/")
    response.set_cookie(COOKIE, sign(request.app.state.secret_key, token), httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, max_age=12 * 3600)
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
def dashboard(request: Request, user: User = viewer):
    archive = request.app.state.archive
    hidden = not user.may("editor")
    return render(request, "dashboard.html", user, stats=archive.stats(include_confidential=not hidden),
                  documents=archive.documents(include_confidential=not hidden, limit=10),
                  alerts=services.alerts(archive, include_confidential=not hidden)[:20])


@router.get("/persons")
def persons(request: Request, status: str | None = None, country: str | None = None,
            facility: str | None = None, page: int = 0, user: User = viewer):
    archive = request.app.state.archive
    filters = {"status": status or None, "country": country or None, "facility": facility or None,
               "include_confidential": user.may("editor")}
    return render(request, "persons.html", user, persons=archive.persons(**filters, limit=50, offset=page * 50),
                  total=archive.person_count(**filters), page=page, filters=filters)


@router.get("/persons/{person_id}")
def person(request: Request, person_id: int, user: User = viewer):
    archive = request.app.state.archive
    case = archive.case_file(person_id, include_confidential=user.may("editor"))
    events = archive.timeline(person_id, include_confidential=user.may("editor"))
    return render(request, "person.html", user, case=case, timeline=layout(events), events=events,
                  remedies=services.remedies(archive, person_id, include_confidential=user.may("editor")))


@router.post("/persons/{person_id}/facts")
def review_fact(request: Request, person_id: int, slot: str = Form(...), value: str = Form(""),
                action: str = Form(...), corrected: str = Form(""), note: str = Form(""), user: User = editor):
    _archive(request, user).review_fact(person_id, slot, value or None, action, corrected=corrected or None,
                                        note=note or None)
    return back(f"/persons/{person_id}")


@router.post("/persons/{person_id}/confidential")
def person_confidential(request: Request, person_id: int, confidential: bool = Form(...), user: User = admin):
    _archive(request, user).set_confidential("person", person_id, confidential)
    return back(f"/persons/{person_id}")


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, user: User = viewer):
    doc = request.app.state.archive.document(document_id, include_confidential=user.may("editor"))
    return render(request, "document.html", user, document=doc, body=highlighted(doc))


@router.post("/documents/{document_id}/confidential")
def document_confidential(request: Request, document_id: int, confidential: bool = Form(...), user: User = admin):
    _archive(request, user).set_confidential("document", document_id, confidential)
    return back(f"/documents/{document_id}")


@router.post("/documents/{document_id}/delete")
def delete_document(request: Request, document_id: int, user: User = admin):
    _archive(request, user).delete_document(document_id)
    return back("/")


@router.get("/search")
def search(request: Request, q: str = Query("", max_length=500), country: str | None = Query(None, max_length=80),
           facility: str | None = Query(None, max_length=200), status: str | None = Query(None, max_length=40),
           event: str | None = Query(None, max_length=24), since: str | None = Query(None, max_length=10),
           until: str | None = Query(None, max_length=10), user: User = viewer):
    # The API's caps: a query of 63 KB cost 25 s of server time before they were here.
    results = request.app.state.archive.search(
        q, country=country or None, facility=facility or None, status=status or None, event_type=event or None,
        since=since or None, until=until or None, include_confidential=user.may("editor")) if q.strip() else []
    return render(request, "search.html", user, q=q, results=results, event_types=EVENT_TYPES,
                  filters={"country": country, "facility": facility, "status": status, "event": event,
                           "since": since, "until": until})


@router.get("/ingest")
def ingest_page(request: Request, user: User = editor):
    return render(request, "ingest.html", user, summary=None, error=None)


@router.post("/ingest")
def ingest(request: Request, file: UploadFile | None = None, url: str = Form(""), user: User = editor):
    # A plain function: FastAPI runs it in a worker thread, so extraction never blocks the server.
    try:
        summary = services.ingest_upload(_archive(request, user), file, url, request.app.state.fetch_policy)
    except InputError as exc:
        return render(request, "ingest.html", user, status_code=400, summary=None,
                      error=f"The URL is {exc.reason}. {services.INGEST_HINT}")
    return render(request, "ingest.html", user, summary=summary, error=None)


@router.get("/review")
def review(request: Request, user: User = editor):
    archive = request.app.state.archive
    return render(request, "review.html", user, items=archive.review_items(), facts=archive.doubtful_facts())


@router.post("/review/items/{item_id}")
def decide(request: Request, item_id: int, accept: bool = Form(...), user: User = editor):
    _archive(request, user).decide(item_id, accept=accept)
    return back("/review")


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
