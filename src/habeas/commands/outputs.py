"""`habeas dossier`, `habeas wgad`, `habeas export`: what the archive writes out, to a file
or standard output."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from habeas.commands.common import (ConfidentialOption, DbOption, PersonArg, TodayOption, fail, open_archive, or_exit,
                                    owner_view, parse_day, run_settings)

app = typer.Typer()   # merged into the `habeas` command by habeas.cli

OutOption = Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", dir_okay=False,
                                                   help="Write to FILE instead of standard output.")]


def _write(content: str | bytes, out: Path | None) -> None:
    if out is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            sys.stdout.write(content)
        return
    try:
        out.write_bytes(content) if isinstance(content, bytes) else out.write_text(content, "utf-8")
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out}", err=True)


@app.command()
def dossier(
    person: PersonArg,
    db: DbOption = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="A PDF (made from the same HTML) instead of HTML.")] = False,
    out: OutOption = None,
    today: TodayOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """A dossier of one person, HTML or PDF: profile, timeline, remedies, and every source
    with the sentences quoted from it and its link."""
    from habeas.outputs.dossier import dossier_html, html_to_pdf
    archive = open_archive(db)
    day = parse_day(today, "--today")
    html = or_exit(lambda: dossier_html(archive, archive.find_person(person), today=day,
                                         seen=owner_view(include_confidential), home=run_settings().home))
    _write(or_exit(lambda: html_to_pdf(html)) if pdf else html, out)


@app.command()
def wgad(
    person: PersonArg,
    db: DbOption = None,
    out: OutOption = None,
    today: TodayOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """A draft individual communication to the UN Working Group on Arbitrary Detention
    (identity, arrest, detention, circumstances, domestic remedies, submitter), prefilled
    from the case file; what the reports do not say is marked [GAP: …]."""
    from habeas.outputs.wgad import wgad_draft
    archive = open_archive(db)
    day = parse_day(today, "--today")
    _write(or_exit(lambda: wgad_draft(archive, archive.find_person(person), today=day,
                                       seen=owner_view(include_confidential), home=run_settings().home)), out)


class ExportKind(str, Enum):
    persons = "persons"
    events = "events"
    uwazi = "uwazi"
    uwazi_template = "uwazi-template"


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="persons, events, uwazi (persons as a CSV "
                                               "Uwazi imports), or uwazi-template (the Uwazi templates "
                                               "that CSV matches, JSON).", show_default=False)],
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or json.")] = ExportFormat.csv,
    out: OutOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """Export the detained persons or the events of the archive as CSV or JSON, the persons
    in the CSV layout Uwazi imports, or the Uwazi templates that layout matches."""
    from habeas.outputs.exports import export as run_export
    archive = open_archive(db)
    _write(or_exit(lambda: run_export(archive, kind.value, format.value,
                                       seen=owner_view(include_confidential))), out)
