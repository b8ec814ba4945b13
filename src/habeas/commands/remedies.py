"""`habeas remedies` and `habeas procedures check`: where a person's remedies stand, and the
procedure files they are read against. Errors become one line on standard error and exit code 1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from habeas.commands.common import (ConfidentialOption, DbOption, Format, FormatOption, PersonArg, TodayOption,
                                    fail, open_archive, or_exit, owner_view, parse_day, printed_as_json,
                                    run_settings)
from habeas.errors import HabeasError
from habeas.remedies.periods import span_text

app = typer.Typer()   # merged into the `habeas` command by habeas.cli

CHECK, CROSS = "✓", "✗"
STATE_LABELS = {"not_started": "not started", "filed": "filed", "awaiting": "awaiting answer",
                "stalled": "stalled", "rejected": "REJECTED", "granted": "granted"}
REFUSED_BY = {"court": "a court", "prosecutor": "a prosecutor", "administration": "the administration"}

procedures_app = typer.Typer(help="Remedy procedures: the YAML files that describe them.", no_args_is_help=True)
app.add_typer(procedures_app, name="procedures")


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
    day = parse_day(today, "--today")

    def run():
        person_id = archive.find_person(person)
        return remedies_report(archive, person_id, day, seen=owner_view(include_confidential),
                               home=run_settings().home)
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
            by = f" (refused by {REFUSED_BY[r['refused_by']]})" if r.get("refused_by") else ""
            lines.append(f"  against the refusal{by}:")
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
            procedures = load_procedures(run_settings().home)
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
    known = {p.id: p for p in load_procedures(run_settings().home)} | {p.id: p for p in parsed}
    broken = [line for line in check_references(list(known.values())) if any(p.source in line for p in parsed)]
    for line in broken:
        fail(line)
    if bad or broken:
        raise typer.Exit(1)
