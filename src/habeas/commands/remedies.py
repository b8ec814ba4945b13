"""Commands of remedies, alerts and outputs: habeas remedies, procedures check, alerts,
dossier, wgad, export. Errors become one line on standard error and exit code 1."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from habeas.commands.common import DbOption, Format, FormatOption, PersonArg, fail, open_archive, or_exit, printed_as_json
from habeas.errors import HabeasError
from habeas.remedies.periods import span_text

app = typer.Typer()   # merged into the `habeas` command by habeas.cli

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
    step and who must take it; after a refusal, the remedies against it and the day to file
    each by; illness-list matches that open a remedy; and every other petition or answer the
    reports tell, with its answer and the days waited."""
    from habeas.remedies.service import remedies_report
    archive = open_archive(db)
    day = _day(today, "--today")

    def run():
        person_id = archive.find_person(person)
        return remedies_report(archive, person_id, day, seen=_owner(include_confidential))
    report = or_exit(run)
    if printed_as_json(report, format):
        return
    for line in remedy_lines(report):
        typer.echo(line)


def _quote(sources: list[dict]) -> list[str]:
    return [f"      “{s['evidence']}” — {s['title'] or s['path'] or s['url'] or 'document #' + str(s['document'])}"
            for s in sources if s.get("evidence")]


def _deadline(item: dict) -> str:
    d = item.get("deadline")
    if not d:
        return "no time limit shipped: check the law"
    if not d["file_by"]:
        return d["rule"]
    when = "PASSED on" if d["passed"] else "file by"
    approx = "" if d["exact"] else " (at the latest; the refusal's day is not known)"
    left = "" if d["passed"] else f", {d['days_left']} days left"
    return f"{when} {d['file_by']}{approx}{left} — {d['rule']}"


def _answer_line(a: dict, waited: dict | None, since: int | None) -> str:
    return (f"  {a['outcome'] or 'answered'} {a['date'] or '?'} by {a['by'] or '?'}"
            + (f" after {span_text(waited)} days" if waited else "")
            + (f" ({since} days ago)" if since is not None else ""))


def remedy_lines(report: dict | list[dict]) -> list[str]:
    found = report["remedies"] if isinstance(report, dict) else report
    lines, idle = [], []
    closed = report["person"]["closed"] if isinstance(report, dict) else None
    if closed:
        lines.append(f"No next step is proposed: {closed}.")
    for r in found:
        if r["state"] == "not_started" and not r["illness_matches"] and not r["events"]:
            idle.append(r["title"])
            continue
        label = r["state_label"] or STATE_LABELS[r["state"]]
        lines.append(f"{r['title']} [{r['jurisdiction']}] — {label}")
        lines.append(f"  legal basis: {'; '.join(r['legal_basis'])}")
        if r["state"] in ("filed", "awaiting", "stalled"):
            lines.append(f"  {r['summary']}")
        shown = []
        if r["filed"]:
            f = r["filed"]
            lines.append(f"  filed {f['date'] or '?'} by {f['by'] or '?'} to {', '.join(f['to'] or []) or '?'}"
                         + (f"; basis: {'; '.join(f['basis'])}" if f["basis"] else ""))
            lines += _quote(f["sources"])
            shown.append((f["type"], f["date"], f["sources"]))
        if r["answer"]:
            a = r["answer"]
            lines.append(_answer_line(a, r["waited_days"], r["days_since"]))
            lines += _quote(a["sources"])
            shown.append((a["type"], a["date"], a["sources"]))
        more = [e for e in r["events"] if (e["type"], e["date"], e["sources"]) not in shown]
        if more:
            lines.append("  also told:")
            for e in more:
                outcome = e["attrs"].get("outcome")
                lines.append(f"    {e['type']} {e['date'] or '?'}" + (f" ({outcome})" if outcome else ""))
                lines += _quote(e["sources"])
        lines.append("  steps:")
        for s in r["steps"]:
            lines.append(f"    {CHECK if s['status'] == 'done' else CROSS} {s['title']} — {s['actor']}")
        if r["next_step"]:
            n = r["next_step"]
            lines.append(f"  next step: {n['title']}; who must act: {n['actor']}; {_deadline(n)}")
        if r["after_refusal"]:
            lines.append("  against the refusal:")
            for o in r["after_refusal"]:
                again = " (again, with new evidence)" if o["again"] else ""
                lines.append(f"    - {o['title']}{again}: {o['step']}; {_deadline(o)}")
        if r["notes"] and r["state"] != "not_started":
            lines.append(f"  note: {r['notes']}")
        for m in r["illness_matches"]:
            example = " (an EXAMPLE list, not an official one)" if m["example"] else ""
            lines.append(f"  illness list '{m['list']}'{example}: {m['condition']} ~ {m['illness']}")
    others = report.get("other_filings", []) if isinstance(report, dict) else []
    if others:
        lines.append("Other filings (no procedure fits them):")
        for o in others:
            f, a = o["filed"], o["answer"]
            if f:
                lines.append(f"  {f['type']} {f['date'] or '?'} by {f['by'] or '?'} to {', '.join(f['to'] or []) or '?'}")
                lines += _quote(f["sources"])
            if a and a is not f and (not f or a["sources"] != f["sources"] or a["type"] != f["type"]):
                lines.append(_answer_line(a, o["waited_days"], None))
                lines += _quote(a["sources"])
            elif a:
                lines.append(f"  {a['outcome'] or 'answered'} (told in the same sentence)")
            else:
                since = f" for {o['days_since']} days" if o["days_since"] is not None else ""
                lines.append(f"  no answer reported{since}")
    if idle:
        lines.append("not started: " + "; ".join(idle))
    return lines


@procedures_app.command("check")
def procedures_check(
    files: Annotated[Optional[list[Path]], typer.Argument(
        help="Procedure files to check (default: the shipped ones and $HABEAS_HOME/procedures/*.yml).",
        show_default=False)] = None,
) -> None:
    """Check procedure files: the schema, every step reachable from the first, and every
    procedure named after a refusal existing; one line per file, the faulty field named."""
    from habeas.remedies.procedures import check_references, load_procedures, parse_procedure
    bad, parsed = 0, []
    if not files:
        try:
            procedures = load_procedures()
        except HabeasError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None
        for p in procedures:
            typer.echo(f"ok  {p.source}  {p.id}: {p.title}")
        broken = check_references(procedures)
        for line in broken:
            fail(line)
        if broken:
            raise typer.Exit(1)
        return
    for path in files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{path}: cannot read ({exc.__class__.__name__})")
            bad += 1
            continue
        try:
            p = parse_procedure(text, str(path))
        except HabeasError as exc:
            fail(str(exc))
            bad += 1
            continue
        typer.echo(f"ok  {path}  {p.id}: {p.title}")
        parsed.append(p)
    known = {p.id: p for p in load_procedures()} | {p.id: p for p in parsed}
    broken = [line for line in check_references(list(known.values())) if any(p.source in line for p in parsed)]
    for line in broken:
        fail(line)
    if bad or broken:
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
    a serious health event, a sentence served without a reported release, the last day to
    file a remedy within 14 days, a new report about a watched person (rules and thresholds:
    $HABEAS_HOME/alerts.yml); at most one alert per person and rule."""
    from habeas.alerts.service import alerts as find_alerts
    day, since_day = _day(today, "--today"), _day(since, "--since")
    archive = open_archive(db)
    found = or_exit(lambda: find_alerts(archive, since_day, day, seen=_owner(include_confidential)))
    if printed_as_json(found, format):
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
    day = _day(today, "--today")
    html = or_exit(lambda: dossier_html(archive, archive.find_person(person), today=day,
                                         seen=_owner(include_confidential)))
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
    day = _day(today, "--today")
    _write(or_exit(lambda: wgad_draft(archive, archive.find_person(person), today=day,
                                       seen=_owner(include_confidential))), out)


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
                                       seen=_owner(include_confidential))), out)
