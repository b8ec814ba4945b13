"""REST API under /api/v1: JSON, pagination (limit, offset, total), API tokens for scripts.
The OpenAPI schema is served at /api/v1/openapi.json, to logged-in users only."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from habeas.errors import HabeasError, InputError
from habeas.store.browse import PERSON_SORTS
from habeas.store.visibility import Visibility
from habeas.web import services
from habeas.web.auth import User, admin, editor, sees, viewer

router = APIRouter(tags=["api"])
Limit = Query(50, ge=1, le=500)
Offset = Query(0, ge=0, le=10_000_000)


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict]


class Facet(BaseModel):
    value: str
    count: int


class SearchPage(Page):
    facets: dict[str, list[Facet]]


class FactVerdict(BaseModel):
    person: int = Field(ge=1, le=2**31 - 1)
    slot: Literal["age", "facilities", "sentence", "charges", "conditions", "status", "name"]
    value: str | None = Field(None, max_length=2000)
    action: Literal["accept", "correct", "reject"]
    corrected: str | None = Field(None, max_length=2000)
    note: str | None = Field(None, max_length=2000)


class Decision(BaseModel):
    accept: bool


class IngestResult(BaseModel):
    new: list[str]
    known: list[str]
    failed: list[tuple[str, str]]


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, user: User = viewer) -> dict:
    return request.app.openapi()


@router.get("/persons", response_model=Page)
def persons(request: Request, name: str | None = Query(None, max_length=200),
            status: str | None = Query(None, max_length=40), country: str | None = Query(None, max_length=80),
            facility: str | None = Query(None, max_length=200), sort: Literal[PERSON_SORTS] = "id",
            order: Literal["asc", "desc"] = "asc", limit: int = Limit, offset: int = Offset,
            seen: Visibility = sees):
    """Detained persons: `status` whatever its case, `country=unknown` those with no country,
    `name` a part of the name; sorted by `sort` (name, status, country, documents, id)."""
    table = request.app.state.archive.person_table(name=name, status=status, country=country, facility=facility,
                                                   sort=sort, descending=order == "desc", seen=seen,
                                                   limit=limit, offset=offset)
    return Page(total=table["total"], limit=limit, offset=offset, items=public(table["items"]))


@router.get("/persons/{person_id}")
def person(request: Request, person_id: int, seen: Visibility = sees) -> dict:
    return public(request.app.state.archive.case_file(_id(person_id), seen=seen))


@router.get("/persons/{person_id}/timeline")
def timeline(request: Request, person_id: int, seen: Visibility = sees) -> list[dict]:
    archive = request.app.state.archive
    archive.case_file(_id(person_id), seen=seen)   # 404 when hidden
    return public(archive.timeline(person_id, seen=seen))


@router.get("/persons/{person_id}/remedies")
def remedies(request: Request, person_id: int, seen: Visibility = sees) -> list[dict]:
    return services.remedies(request.app.state.archive, _id(person_id), seen,
                             request.app.state.home)   # 404 when hidden


@router.get("/persons/{person_id}/filings")
def filings(request: Request, person_id: int, seen: Visibility = sees) -> list[dict]:
    """Petitions and answers that fit no procedure, with their answer and the days waited."""
    return services.other_filings(request.app.state.archive, _id(person_id), seen,
                                  request.app.state.home)   # 404 when hidden


@router.get("/documents", response_model=Page)
def documents(request: Request, limit: int = Limit, offset: int = Offset, seen: Visibility = sees):
    archive = request.app.state.archive
    items = archive.documents(seen=seen, limit=limit, offset=offset)
    return Page(total=archive.document_count(seen=seen), limit=limit, offset=offset, items=public(items))


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, seen: Visibility = sees) -> dict:
    """A document; the sources it names only for an admin who asks (`?confidential=1`)."""
    return public(request.app.state.archive.document(_id(document_id), seen=seen))


@router.get("/events", response_model=Page)
def events(request: Request, person: int | None = Query(None, ge=1, le=2**31 - 1),
           type: str | None = Query(None, max_length=24), since: str | None = Query(None, max_length=10),
           until: str | None = Query(None, max_length=10), limit: int = Limit, offset: int = Offset,
           seen: Visibility = sees):
    archive = request.app.state.archive
    filters = {"person_id": person, "type": type, "since": since, "until": until, "seen": seen}
    return Page(total=archive.event_count(**filters), limit=limit, offset=offset,
                items=public(archive.events(**filters, limit=limit, offset=offset)))


@router.get("/search", response_model=SearchPage)
async def search(request: Request, q: str = Query("", max_length=500),
                 person: int | None = Query(None, ge=1, le=2**31 - 1), country: str | None = Query(None, max_length=80),
                 facility: str | None = Query(None, max_length=200), status: str | None = Query(None, max_length=40),
                 event: str | None = Query(None, max_length=24), since: str | None = Query(None, max_length=10),
                 until: str | None = Query(None, max_length=10), limit: int = Query(20, ge=1, le=200),
                 offset: int = Query(0, ge=0, le=2000), seen: Visibility = sees):
    """Documents holding every word of `q` (best first) or, without words, every document
    the filters keep (newest first): `total`, one page of `items`, and `facets` (each value of
    status, country, facility, event and year with its number of documents)."""
    archive = request.app.state.archive
    asked = dict(person=person, country=country, facility=facility, status=status, event_type=event, since=since,
                 until=until, seen=seen, limit=limit, offset=offset)
    # A page kept since the archive's last write is answered at once (one small read, as the
    # user's was); a page read afresh is read in a worker thread, the server answering others.
    found = (archive.search_page(q, **asked, kept_only=True)
             or await run_in_threadpool(archive.search_page, q, **asked))
    return SearchPage(total=found["total"], limit=limit, offset=offset, items=public(found["results"]),
                      facets={k: [Facet(value=v, count=n) for v, n in values] for k, values in found["facets"].items()})


@router.post("/ingest", response_model=IngestResult)
def ingest(request: Request, file: UploadFile | None = File(None), url: str = Form(""), user: User = editor):
    try:
        summary = services.ingest_upload(request.app.state.archive.acting_as(user.name), file, url,
                                         request.app.state.fetch_policy)
    except InputError as exc:
        raise HTTPException(400, f"url: {exc.reason}. {services.INGEST_HINT}") from None
    if summary is None:
        raise HabeasError("send a file or a url")
    return IngestResult(new=summary.new, known=summary.known, failed=summary.failed)


@router.post("/reviews/facts")
def review_fact(request: Request, verdict: FactVerdict, user: User = editor) -> dict:
    return request.app.state.archive.acting_as(user.name).review_fact(
        verdict.person, verdict.slot, verdict.value, verdict.action, corrected=verdict.corrected, note=verdict.note)


@router.post("/reviews/items/{item_id}")
def decide(request: Request, item_id: int, decision: Decision, user: User = editor) -> dict:
    request.app.state.archive.acting_as(user.name).decide(_id(item_id), accept=decision.accept)
    return {"item": item_id, "accepted": decision.accept}


@router.delete("/documents/{document_id}")
def delete_document(request: Request, document_id: int, user: User = admin) -> dict:
    request.app.state.archive.acting_as(user.name).delete_document(_id(document_id))
    return {"deleted": document_id}


@router.delete("/persons/{person_id}")
def delete_person(request: Request, person_id: int, user: User = admin) -> dict:
    request.app.state.archive.acting_as(user.name).delete_person(_id(person_id))
    return {"deleted": person_id}


def public(value):
    """A response without a server's file paths: a document's `path` becomes its file name."""
    if isinstance(value, list):
        return [public(v) for v in value]
    if isinstance(value, dict):
        return {k: (_file_name(v) if k == "path" and isinstance(v, str) else public(v)) for k, v in value.items()}
    return value


def _file_name(path: str) -> str:
    return PureWindowsPath(PurePosixPath(path).name).name


def _id(value: int) -> int:
    """Ids beyond what the database holds are simply not there (not a server error)."""
    if not 0 < value < 2**31:
        raise HabeasError(f"no item #{value}")
    return value
