"""Commands of remedies, alerts and outputs: habeas remedies, procedures check, alerts,
dossier, wgad, export. Errors become one line on standard error and exit code 1."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from habeas.cli import DbOption, Format, FormatOption, PersonArg, _archive, _fail, _or_exit, _printed_as_json, app
from habeas.errors import HabeasError
from habeas.remedies.periods import span_text

CHECK, CROSS = "✓", "✗"
STATE_LABELS = {"not_started": "not started", "filed": "filed", "awaiting": "awaiting answer",
                "stalled": "stalled", "rejected": "REJECTED", "granted": "granted"}

procedures_app = typer.Typer(help="Remedy procedures: the YAML files that describe them.", no_args_is_help=True)
app.add_typer(procedures_app, name="procedures")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


TodayOption = Annotated[Optional[str], typer.Option(
    "--today", metavar="YYYY-MM-DD", help="Count days up to this date instead of today.")]
def _owner(asked: bool):
    """What the CLI's outputs hold: the local owner is the archive's admin."""
    from habeas.store.visibility import Visibility
    return Visibility.of("admin", asked=asked, output=True)


ConfidentialOption = Annotated[bool, typer.Option(
    "--include-confidential", help="Admins only: include confidential persons and documents, "
    "and named sources.")]


@app.command()
def remedies(
    person: PersonArg,
    db: DbOption = None,
    format: FormatOption = Format.text,
    today: TodayOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """Where each legal remedy of a person stands: filed, awaiting an answer for N days,
    rejected (by whom, when, why), granted or stalled; the steps taken and missing, the next
    step and who must take it; illness-list matches that open a remedy."""
    from habeas.remedies.service import remedies_for
    archive = _archive(db)
    day = _day(today, "--today")

    def run():
        person_id = archive.find_person(person)
        return person_id, remedies_for(archive, person_id, day, seen=_owner(include_confidential))
    person_id, found = _or_exit(run)
    if _printed_as_json(found, format):
        return
    for line in remedy_lines(found):
        typer.echo(line)


def _quote(sources: list[dict]) -> list[str]:
    return [f"      “{s['evidence']}” — {s['title'] or s['path'] or s['url'] or 'document #' + str(s['document'])}"
            for s in sources if s.get("evidence")]


def remedy_lines(found: list[dict]) -> list[str]:
    lines, idle = [], []
    for r in found:
        if r["state"] == "not_started" and not r["illness_matches"]:
            idle.append(r["title"])
            continue
        lines.append(f"{r['title']} [{r['jurisdiction']}] — {STATE_LABELS[r['state']]}")
        lines.append(f"  legal basis: {'; '.join(r['legal_basis'])}")
        if r["state"] in ("filed", "awaiting", "stalled"):
            lines.append(f"  {r['summary']}")
        if r["filed"]:
            f = r["filed"]
            lines.append(f"  filed {f['date'] or '?'} by {f['by'] or '?'} to {', '.join(f['to'] or []) or '?'}"
                         + (f"; basis: {'; '.join(f['basis'])}" if f["basis"] else ""))
            lines += _quote(f["sources"])
        if r["answer"]:
            a = r["answer"]
            took = r["waited_days"]
            lines.append(f"  {a['outcome']} {a['date'] or '?'} by {a['by'] or '?'}"
                         + (f" after {span_text(took)} days" if took else "")
                         + (f" ({r['days_since']} days ago)" if r["days_since"] is not None else ""))
            lines += _quote(a["sources"])
        lines.append("  steps:")
        for s in r["steps"]:
            lines.append(f"    {CHECK if s['status'] == 'done' else CROSS} {s['title']} — {s['actor']}")
        if r["next_step"]:
            lines.append(f"  next step: {r['next_step']['title']}; who must act: {r['next_step']['actor']}")
        if r["after_rejection"]:
            lines.append(f"  after the rejection: {r['after_rejection']}")
        for m in r["illness_matches"]:
            example = " (an EXAMPLE list, not an official one)" if m["example"] else ""
            lines.append(f"  illness list '{m['list']}'{example}: {m['condition']} ~ {m['illness']}")
    if idle:
        lines.append("not started: " + "; ".join(idle))
    return lines


@procedures_app.command("check")
def procedures_check(
    files: Annotated[Optional[list[Path]], typer.Argument(
        help="Procedure files to check (default: the shipped ones and $HABEAS_HOME/procedures/*.yml).",
        show_default=False)] = None,
) -> None:
    """Check procedure files against the schema: one line per file, the faulty field named."""
    from habeas.remedies.procedures import load_procedures, parse_procedure
    bad = 0
    if not files:
        try:
            for p in load_procedures():
                typer.echo(f"ok  {p.source}  {p.id}: {p.title}")
        except HabeasError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None
        return
    for path in files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{path}: cannot read ({exc.__class__.__name__})")
            bad += 1
            continue
        try:
            p = parse_procedure(text, str(path))
        except HabeasError as exc:
            _fail(str(exc))
            bad += 1
            continue
        typer.echo(f"ok  {path}  {p.id}: {p.title}")
    if bad:
        raise typer.Exit(1)


@app.command()
def alerts(
    db: DbOption = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="YYYY-MM-DD", help="Only alerts that became due on or after this day.")] = None,
    format: FormatOption = Format.text,
    today: TodayOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """Alerts: no news of a detained person for 180 days, a petition unanswered after 30 days,
    a serious health event, a sentence served without a reported release, a new report about
    a watched person (rules and thresholds: $HABEAS_HOME/alerts.yml)."""
    from habeas.alerts.service import alerts as find_alerts
    day, since_day = _day(today, "--today"), _day(since, "--since")
    archive = _archive(db)
    found = _or_exit(lambda: find_alerts(archive, since_day, day, seen=_owner(include_confidential)))
    if _printed_as_json(found, format):
        return
    for a in found:
        typer.echo(f"{a['date']}  {a['title']}: {a['person']['name']} (#{a['person']['id']}) — {a['message']}")
    if not found:
        typer.echo("no alerts")


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
        _fail(f"{out}: cannot write ({exc.strerror or exc})")
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
    archive = _archive(db)
    day = _day(today, "--today")
    html = _or_exit(lambda: dossier_html(archive, archive.find_person(person), today=day,
                                         seen=_owner(include_confidential)))
    _write(_or_exit(lambda: html_to_pdf(html)) if pdf else html, out)


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
    archive = _archive(db)
    day = _day(today, "--today")
    _write(_or_exit(lambda: wgad_draft(archive, archive.find_person(person), today=day,
                                       seen=_owner(include_confidential))), out)


class ExportKind(str, Enum):
    persons = "persons"
    events = "events"
    uwazi = "uwazi"


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="persons, events, or uwazi (persons as a CSV "
                                               "Uwazi imports).", show_default=False)],
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or json.")] = ExportFormat.csv,
    out: OutOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """Export the detained persons or the events of the archive as CSV or JSON, or the
    persons in the CSV layout Uwazi imports."""
    from habeas.outputs.exports import export as run_export
    archive = _archive(db)
    _write(_or_exit(lambda: run_export(archive, kind.value, format.value,
                                       seen=_owner(include_confidential))), out)
