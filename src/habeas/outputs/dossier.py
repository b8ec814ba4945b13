"""A dossier per person: HTML from one template, and PDF from the same HTML (WeasyPrint)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from habeas.errors import HabeasError
from habeas.outputs.casefile import gather
from habeas.outputs.render import render
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility


def dossier_html(archive: Archive, person_id: int, *, today: date | None = None,
                 seen: Visibility = NOTHING_CONFIDENTIAL, home: Path | None = None) -> str:
    return render("dossier.html", **gather(archive, person_id, today=today, seen=seen, home=home))


def html_to_pdf(html: str) -> bytes:
    """The PDF of a dossier. Nothing is fetched: the template has no external resources and
    links stay links."""
    from weasyprint import HTML
    try:
        return HTML(string=html, url_fetcher=_refuse).write_pdf()
    except OSError as exc:
        raise HabeasError(f"cannot write the PDF: {exc}") from None


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"dossiers fetch nothing ({url})")
