"""The archive's own commands: `habeas db upgrade`, `ingest`, `reextract`, `persons`, `search`,
`show`, `timeline`, `failures`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from habeas.batch.pool import Extraction, batch_for
from habeas.commands.common import (DbOption, Format, FormatOption, JobsOption, PersonArg, db_app, fail, one_line,
                                    open_archive, parse_partial_date, or_exit, printed_as_json, progress, stderr)
from habeas.commands.extract import BATCH, PROGRESS_ABOVE
from habeas.errors import HabeasError
from habeas.model import Document

app = typer.Typer()   # merged into the `habeas` command by habeas.cli


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the archive, or bring its schema to the newest version."""
    open_archive(db)
    typer.echo("archive is up to date")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories (recursively), globs, "
                                                 "http(s) pages and RSS/Atom feeds.",
                                                 show_default=False)],
    db: DbOption = None,
    jobs: JobsOption = 1,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", metavar="ADDRESS|local",
        help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), or on "
             "a local cluster started for this run with 'local'.")] = None,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, max=256, help="With --dask local: worker processes (default: one per core).")] = None,
    prefilter: Annotated[Optional[bool], typer.Option(
        "--prefilter/--no-prefilter", help="Skip reports with no sign of detention before extraction "
        "(default: on with --dask, off without).")] = None,
) -> None:
    """Add reports to the archive: one case file per person across reports. The same bytes
    ingested again are recognised and skipped; failures are recorded with their reason."""
    from habeas.batch.prefilter import worth_extracting
    from habeas.service import expand_sources
    from habeas.service import ingest as run_ingest
    if workers is not None and dask != "local":
        raise typer.BadParameter("only with --dask local (a cluster's workers are started apart)",
                                 param_hint="--workers")
    if dask and jobs != 1:
        raise typer.BadParameter("not with --dask: the cluster's workers extract", param_hint="--jobs")
    archive = open_archive(db)
    bar = progress()
    on_failure = lambda s, r: fail(f"{s}: {r}")  # noqa: E731
    prefilter = bool(dask) if prefilter is None else prefilter
    skipped: list[Document] = []

    if dask:
        from habeas.batch.cluster import cluster_client, ingest_on_cluster
        task = bar.add_task("extracting on the cluster", total=None)
        try:
            with cluster_client(dask, workers) as client, bar:
                summary = ingest_on_cluster(
                    archive, sources, client, prefilter=prefilter, on_failure=on_failure,
                    on_progress=lambda done, total: bar.update(task, completed=done, total=total))
        except HabeasError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None
        skipped = summary.skipped
    else:
        paths = list(expand_sources(sources))   # names only: the reports are read batch by batch
        with Extraction(jobs, bar if len(paths) > PROGRESS_ABOVE else None, total=len(paths)) as extraction:
            def extract_all(documents: list[Document]):
                if prefilter:
                    skipped.extend(d for d in documents if not worth_extracting(d))
                    documents = [d for d in documents if worth_extracting(d)]
                return extraction(documents)

            summary = run_ingest(archive, paths, extract_all, on_failure=on_failure,
                                 batch=batch_for(jobs, BATCH))
    stderr.print(f"{len(summary.new)} new, {len(summary.known)} already known, "
                 + (f"{len(skipped)} without any sign of detention (not stored), " if prefilter else "")
                 + f"{len(summary.failed)} failed", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def reextract(
    db: DbOption = None,
    all: Annotated[bool, typer.Option("--all", help="Every document, not only those an older "
                                      "pipeline extracted.")] = False,
    jobs: JobsOption = 1,
) -> None:
    """Run this version's pipeline again over archived documents. Persons stay who they were;
    merges, splits and every human verdict on a fact are kept and still win."""
    archive = open_archive(db)
    ids = archive.stale_documents(everything=all)
    if not ids:
        typer.echo("nothing to re-extract: every document was extracted by this version (--all forces it)")
        return
    with Extraction(jobs, progress(), total=len(ids)) as extraction:
        report = or_exit(lambda: archive.reextract(ids, extraction))
    for document_id, reason in report.failed:
        fail(f"document {document_id}: {reason} (its earlier extraction is kept)")
    typer.echo(f"re-extracted {report.documents} document(s); persons {report.persons_before} -> "
               f"{report.persons_after}; {report.kept_reviews} human verdict(s) kept")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def persons(
    db: DbOption = None,
    format: FormatOption = Format.text,
    status: Annotated[Optional[str], typer.Option(help="Only persons of this status "
                                                  "(imprisoned, pretrial, released, …).")] = None,
    country: Annotated[Optional[str], typer.Option(help="Only persons whose reports are about a "
                                                   "country whose name contains this.")] = None,
    facility: Annotated[Optional[str], typer.Option(help="Only persons held in a facility whose "
                                                    "name contains this.")] = None,
) -> None:
    """List the detained persons in the archive, with the documents that name them."""
    rows = open_archive(db).persons(status=status, country=country, facility=facility)
    if printed_as_json(rows, format):
        return
    for row in rows:
        typer.echo(f"{row['id']:>5}  {row['name']}  [{row['status']}]  {row['country'] or '-'}  "
                   f"{len(row['documents'])} document(s)")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words that must all occur in a document.", show_default=False)],
    db: DbOption = None,
    person: Annotated[Optional[str], typer.Option(help="Only documents about this person (id or name).")] = None,
    country: Annotated[Optional[str], typer.Option(help="Only documents about persons of this country.")] = None,
    facility: Annotated[Optional[str], typer.Option(help="Only documents about persons held in a "
                                                    "facility whose name contains this.")] = None,
    status: Annotated[Optional[str], typer.Option(help="Only documents about persons of this status.")] = None,
    event: Annotated[Optional[str], typer.Option(help="Only documents telling of an event of this type "
                                                 "(arrest, petition, hunger_strike, …).")] = None,
    since: Annotated[Optional[str], typer.Option(metavar="YYYY[-MM[-DD]]", help="Only documents telling "
                                                 "of an event dated on or after this.")] = None,
    until: Annotated[Optional[str], typer.Option(metavar="YYYY[-MM[-DD]]", help="Only documents telling "
                                                 "of an event dated on or before this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many results.")] = 20,
    format: FormatOption = Format.text,
) -> None:
    """Full-text search over the archived documents; each result shows the matching sentence."""
    from habeas.model import EVENT_TYPES
    if event and event not in EVENT_TYPES:
        raise typer.BadParameter(f"unknown event type; one of: {', '.join(EVENT_TYPES)}", param_hint="--event")
    for name, value in (("--since", since), ("--until", until)):
        parse_partial_date(value or None, name)
    archive = open_archive(db)
    results = or_exit(lambda: archive.search(
        query, person=archive.find_person(person) if person else None, country=country, facility=facility,
        status=status, event_type=event, since=since, until=until, limit=limit))
    if printed_as_json(results, format):
        return
    for r in results:
        typer.echo(f"{r['document']['title'] or r['document']['path']}  [{', '.join(r['persons'])}]")
        typer.echo(f"    “{r['sentence']}”")


@app.command()
def show(
    person: PersonArg,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """The consolidated case file of one person: each fact with the documents that state it,
    disagreeing values side by side."""
    archive = open_archive(db)
    case = or_exit(lambda: archive.case_file(archive.find_person(person)))
    if printed_as_json(case, format):
        return
    typer.echo(f"{case['name']} (#{case['id']}), {case['status']}; also written {', '.join(case['aliases']) or '-'}")
    for slot, values in case["facts"].items():
        marker = "  ≠ conflicting" if slot in case["conflicts"] else ""
        typer.echo(f"  {slot}{marker}")
        for fact in values:
            titles = "; ".join(s["title"] or s["path"] or "?" for s in fact["sources"])
            review = fact["review"]
            verdict = f"  [{review['action']}ed by {review['actor']}]" if review else ""
            typer.echo(f"    {fact['value']}{verdict}  — {titles or 'no document'}")
    for fact in case["rejected"]:
        typer.echo(f"  rejected {fact['slot']}: {fact['value']} (by {fact['review']['actor']})")


@app.command()
def timeline(
    person: PersonArg,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Events about one person from all documents, in date order, each once with its sources."""
    from habeas.render import precision_label
    archive = open_archive(db)
    events = or_exit(lambda: archive.timeline(archive.find_person(person)))
    if printed_as_json(events, format):
        return
    for e in events:
        typer.echo(f"{precision_label(e['date']):32} {e['type']:14} ({len(e['sources'])} source(s))")


@app.command()
def failures(db: DbOption = None) -> None:
    """List the sources that could not be ingested, with the reason."""
    for row in open_archive(db).failures():
        typer.echo(f"{row['at']}  {one_line(row['source'])}: {one_line(row['reason'])}")
