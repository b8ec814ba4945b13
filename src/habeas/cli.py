"""The `habeas` command. Errors are translated here, once: a one-line message naming the
input and the reason, exit code 1 when an input failed, 2 for a usage error."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from habeas import __version__
from habeas.errors import HabeasError, InputError
from habeas.ingest.header import parse_published
from habeas.ingest.readers import read_source
from habeas.model import CaseFile, Document

app = typer.Typer(
    help="Habeas: sourced, structured case files of detained people, extracted from reports.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
stderr = Console(stderr=True)
# Documents sent to a worker process at a time: enough to keep it busy, few enough to
# keep the progress bar moving.
CHUNK = 16
PROGRESS_ABOVE = 3


class Format(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"habeas {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """Habeas turns reports about detained people into sourced case files."""


# ------------------------------------------------------------------ extraction workers

_worker_extractor = None


def _init_worker() -> None:
    global _worker_extractor
    # One process per core: numeric libraries must not start threads of their own as well.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from habeas.nlp.pipeline import Extractor
    _worker_extractor = Extractor()


def _extract_chunk(documents: list[Document]) -> list[CaseFile]:
    return list(_worker_extractor.extract_many(documents))


def _extract_all(documents: list[Document], jobs: int, progress: Progress | None) -> Iterator[CaseFile]:
    """Case files in input order; with jobs > 1, each worker process loads the model once."""
    task = progress.add_task("extracting", total=len(documents)) if progress else None
    if jobs == 1 or len(documents) <= 1:
        from habeas.nlp.pipeline import default_extractor
        for case in default_extractor().extract_many(documents):
            if progress:
                progress.advance(task)
            yield case
        return
    chunks = [documents[i:i + CHUNK] for i in range(0, len(documents), CHUNK)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        for cases in pool.map(_extract_chunk, chunks):
            if progress:
                progress.advance(task, len(cases))
            yield from cases


def _progress() -> Progress:
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeRemainingColumn(), console=stderr, transient=True)


def _fail(message: str) -> None:
    stderr.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)


# ------------------------------------------------------------------ commands

@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(
        help="Reports to read: .txt (with an optional Key: Value header block), .html/.htm, "
             ".pdf, or - for standard input.", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="text: a readable case file; "
                                           "json: one extract-v1 document per input.")] = Format.text,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write DIR/<input stem>.json "
                                                "per input instead of printing.", file_okay=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64,
                                      help="Extract in N processes (the model loads once per process).")] = 1,
    published: Annotated[Optional[str], typer.Option(
        "--published", metavar="YYYY-MM-DD",
        help="Publication date for inputs that do not state one; anchors dates such as "
             "'In September'.")] = None,
) -> None:
    """Extract the case file of each report: who is held, where, since when, on what charges,
    in what health, what was petitioned and answered, with the sentence each fact came from."""
    if published is not None:
        try:
            published = parse_published(published, "--published")
        except InputError as exc:
            raise typer.BadParameter(exc.reason, param_hint="--published") from None
    documents: list[Document] = []
    failed = 0
    for source in files:
        try:
            document = read_source(source)
        except InputError as exc:
            _fail(str(exc))
            failed += 1
            continue
        if published and not document.published:
            document.published = published
        documents.append(document)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    console = Console()
    progress = _progress() if len(documents) > PROGRESS_ABOVE else None
    try:
        if progress:
            progress.start()
        for case in _extract_all(documents, jobs, progress):
            _emit(case, format, out, console, progress)
    except HabeasError as exc:
        _fail(str(exc))
        raise typer.Exit(1) from None
    finally:
        if progress:
            progress.stop()
    if failed:
        raise typer.Exit(1)


def _emit(case: CaseFile, format: Format, out: Path | None, console: Console, progress) -> None:
    if out is not None:
        stem = Path(case.document.path).stem if case.document.path else "stdin"
        (out / f"{stem}.json").write_text(case.dumps() + "\n", encoding="utf-8")
        return
    if format is Format.json:
        sys.stdout.write(case.dumps() + "\n")
        sys.stdout.flush()
        return
    from habeas.render import render
    render(case, console)


# ------------------------------------------------------------------ the archive

DbOption = Annotated[Optional[str], typer.Option(
    "--db", metavar="URL", help="Archive database: sqlite:///PATH or postgresql://… "
    "(default: $HABEAS_DATABASE_URL, else $HABEAS_HOME/habeas.db).")]
PersonArg = Annotated[str, typer.Argument(help="A person's id or name (any spelling).", show_default=False)]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
db_app = typer.Typer(help="Manage the archive database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _archive(db: str | None):
    from habeas.store.archive import Archive
    from habeas.store.settings import database_url
    try:
        return Archive.open(database_url(db))
    except HabeasError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the archive, or bring its schema to the newest version."""
    _archive(db)
    typer.echo("archive is up to date")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories (recursively), globs, "
                                                 "http(s) pages and RSS/Atom feeds.",
                                                 show_default=False)],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64,
                                      help="Extract in N processes.")] = 1,
) -> None:
    """Add reports to the archive: one case file per person across reports. The same bytes
    ingested again are recognised and skipped; failures are recorded with their reason."""
    from habeas.service import ingest as run_ingest
    archive = _archive(db)
    progress = _progress()

    def extract_all(documents):
        if len(documents) > PROGRESS_ABOVE:
            progress.start()
        try:
            yield from _extract_all(documents, jobs, progress if len(documents) > PROGRESS_ABOVE else None)
        finally:
            progress.stop()

    summary = run_ingest(archive, sources, extract_all, on_failure=lambda s, r: _fail(f"{s}: {r}"))
    stderr.print(f"{len(summary.new)} new, {len(summary.known)} already known, "
                 f"{len(summary.failed)} failed", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def persons(
    db: DbOption = None,
    format: FormatOption = Format.text,
    status: Annotated[Optional[str], typer.Option(help="Only persons of this status "
                                                  "(imprisoned, pretrial, released, …).")] = None,
    facility: Annotated[Optional[str], typer.Option(help="Only persons held in a facility whose "
                                                    "name contains this.")] = None,
) -> None:
    """List the detained persons in the archive, with the documents that name them."""
    rows = _archive(db).persons(status=status, facility=facility)
    if _printed_as_json(rows, format):
        return
    for row in rows:
        typer.echo(f"{row['id']:>5}  {row['name']}  [{row['status']}]  {len(row['documents'])} document(s)")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words that must all occur in a document.", show_default=False)],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many results.")] = 20,
    format: FormatOption = Format.text,
) -> None:
    """Full-text search over the archived documents; each result shows the matching sentence."""
    archive = _archive(db)
    results = _or_exit(lambda: archive.search(query, limit=limit))
    if _printed_as_json(results, format):
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
    archive = _archive(db)
    case = _or_exit(lambda: archive.case_file(archive.find_person(person)))
    if _printed_as_json(case, format):
        return
    typer.echo(f"{case['name']} (#{case['id']}), {case['status']}; also written {', '.join(case['aliases']) or '-'}")
    for slot, values in case["facts"].items():
        marker = "  ≠ conflicting" if slot in case["conflicts"] else ""
        typer.echo(f"  {slot}{marker}")
        for fact in values:
            titles = "; ".join(s["title"] or s["path"] or "?" for s in fact["sources"])
            typer.echo(f"    {fact['value']}  — {titles}")


@app.command()
def timeline(
    person: PersonArg,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Events about one person from all documents, in date order, each once with its sources."""
    from habeas.render import precision_label
    archive = _archive(db)
    events = _or_exit(lambda: archive.timeline(archive.find_person(person)))
    if _printed_as_json(events, format):
        return
    for e in events:
        typer.echo(f"{precision_label(e['date']):32} {e['type']:14} ({len(e['sources'])} source(s))")


def _printed_as_json(data, format: Format) -> bool:
    """With --format json, print `data` for scripts and say so; else leave it to the caller."""
    if format is Format.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return format is Format.json


def _or_exit(action):
    try:
        return action()
    except HabeasError as exc:
        _fail(str(exc))
        raise typer.Exit(1) from None


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The person to keep (id or name).", show_default=False)],
    other: Annotated[str, typer.Argument(help="The same person under another entry.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Merge two entries that are one person; later ingests add to the merged case file."""
    archive = _archive(db)
    _or_exit(lambda: archive.merge(archive.find_person(keep), archive.find_person(other)))
    typer.echo("merged")


@app.command()
def split(
    person: PersonArg,
    document: Annotated[int, typer.Option("--document", help="Id of the document (see `habeas "
                                          "show PERSON --format json`) whose mention is someone else.")],
    db: DbOption = None,
) -> None:
    """Split off what one document says of a person into a new person; later ingests never
    merge those names back into the first."""
    archive = _archive(db)
    new = _or_exit(lambda: archive.split(archive.find_person(person), document))
    typer.echo(f"split off as person #{new}")


@app.command()
def review(
    db: DbOption = None,
    accept: Annotated[Optional[int], typer.Option(help="Accept item N: the two are one person.")] = None,
    reject: Annotated[Optional[int], typer.Option(help="Reject item N: they are different people.")] = None,
) -> None:
    """The review queue: doubtful matches between persons, kept apart until someone decides."""
    archive = _archive(db)
    if accept is not None or reject is not None:
        item = accept if accept is not None else reject
        _or_exit(lambda: archive.decide(item, accept=accept is not None))
        typer.echo("accepted: merged" if accept is not None else "rejected: kept apart")
        return
    for item in archive.review_items():
        typer.echo(f"#{item['id']}  person #{item['person']} ~ person #{item['candidate']}: {item['reason']}")


@app.command()
def failures(db: DbOption = None) -> None:
    """List the sources that could not be ingested, with the reason."""
    for row in _archive(db).failures():
        typer.echo(f"{row['at']}  {row['source']}: {row['reason']}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
