"""Dossiers, WGAD drafts and exports from the web, as from the CLI. Confidential items are
left out unless an admin asks (`?confidential=1`); every export is recorded in the audit log,
since it is what lets data leave the machine."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from habeas.outputs.dossier import dossier_html, html_to_pdf
from habeas.outputs.exports import export
from habeas.outputs.wgad import wgad_draft
from habeas.store.visibility import Visibility
from habeas.web.auth import User, sees_output, viewer

router = APIRouter(include_in_schema=False)


def _audited(request: Request, user: User, what: str, confidential: bool) -> None:
    archive = request.app.state.archive.acting_as(user.name)
    with archive.session() as session:
        archive.audit(session, "export", what, None, {"confidential": confidential})


@router.get("/persons/{person_id}/dossier.html", response_class=HTMLResponse)
def dossier_page(request: Request, person_id: int, user: User = viewer, seen: Visibility = sees_output):
    html = dossier_html(request.app.state.archive, person_id, seen=seen, home=request.app.state.home)
    _audited(request, user, f"person:{person_id}:dossier.html", seen.confidential)
    return HTMLResponse(html)


@router.get("/persons/{person_id}/dossier.pdf")
def dossier_pdf(request: Request, person_id: int, user: User = viewer, seen: Visibility = sees_output):
    pdf = html_to_pdf(dossier_html(request.app.state.archive, person_id, seen=seen, home=request.app.state.home))
    _audited(request, user, f"person:{person_id}:dossier.pdf", seen.confidential)
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="dossier-{person_id}.pdf"'})


@router.get("/persons/{person_id}/wgad.md", response_class=PlainTextResponse)
def wgad(request: Request, person_id: int, user: User = viewer, seen: Visibility = sees_output):
    text = wgad_draft(request.app.state.archive, person_id, seen=seen, home=request.app.state.home)
    _audited(request, user, f"person:{person_id}:wgad", seen.confidential)
    return PlainTextResponse(text)


@router.get("/export/{kind}.{format}")
def export_file(request: Request, kind: Literal["persons", "events", "uwazi"], format: Literal["csv", "json"],
                user: User = viewer, seen: Visibility = sees_output):
    body = export(request.app.state.archive, kind, format, seen=seen)
    _audited(request, user, f"export:{kind}.{format}", seen.confidential)
    return Response(body, media_type="text/csv" if format == "csv" else "application/json",
                    headers={"Content-Disposition": f'attachment; filename="habeas-{kind}.{format}"'})
