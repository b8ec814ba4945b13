"""The `habeas` command. Errors are translated here, once: a one-line message naming the
input and the reason, exit code 1 when an input failed, 2 for a usage error."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from habeas import __version__
from habeas.commands import remedies as remedies_commands
from habeas.commands import vault as vault_commands
from habeas.commands import web as web_commands
from habeas.commands.common import (DbOption, Format, FormatOption, PersonArg, archive_key, db_app, fail,
                                    one_line, open_archive, or_exit, printed_as_json, stderr)
from habeas.errors import HabeasError, InputError, short_reason
from habeas.ingest.header import parse_published
from habeas.model import CaseFile, Document

app = typer.Typer(
    help="Habeas: sourced, structured case files of detained people, extracted from reports.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# Documents sent to a worker process at a time: enough to keep it busy, few enough to
# keep the progress bar moving.
CHUNK = 16
# Documents read and extracted at a time by `habeas extract` (and `ingest`, habeas.service).
BATCH = 32
# With --jobs N a batch is CHUNKS_PER_WORKER * N chunks: the workers wait for a batch's last
# chunk before the next batch is read, and with four chunks each that wait is a small part
# (per-report costs of the dev corpus, 2 workers: 1.71x one process with two chunks each,
# 1.85x with four).
CHUNKS_PER_WORKER = 4
PROGRESS_ABOVE = 3


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


def _extract_chunk(documents: list[Document]) -> list[CaseFile | InputError]:
    from habeas.service import extract_each
    return extract_each(documents, _worker_extractor.extract_many)


class Extraction:
    """Extraction for one command, called batch by batch: in this process, or in `jobs`
    worker processes started on the first batch and kept for the next ones (each loads the
    model once). A report the pipeline fails on comes back as its InputError; so does one
    that kills its worker process (the chunk it was in is redone one report at a time, in
    new workers)."""

    def __init__(self, jobs: int, progress: Progress | None = None, total: int | None = None):
        self.jobs, self.progress, self.total = jobs, progress, total
        self.pool: ProcessPoolExecutor | None = None
        self.task = None

    def __enter__(self) -> "Extraction":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.progress is not None:
            self.progress.stop()

    def __call__(self, documents: list[Document]) -> Iterator[CaseFile | InputError]:
        """Case files (or failures) in the order of `documents`."""
        if self.progress is not None and self.task is None:
            self.progress.start()
            self.task = self.progress.add_task("extracting", total=self.total)
        for item in self._extract(documents):
            if self.task is not None:
                self.progress.advance(self.task)
            yield item

    def _extract(self, documents: list[Document]) -> Iterator[CaseFile | InputError]:
        from habeas.service import extract_each
        if self.jobs == 1 or (len(documents) <= 1 and self.pool is None):
            from habeas.nlp.pipeline import default_extractor
            yield from extract_each(documents, default_extractor().extract_many)
            return
        chunks = [documents[i:i + CHUNK] for i in range(0, len(documents), CHUNK)]
        for chunk, future in [(c, self._submit(c)) for c in chunks]:
            try:
                yield from future.result()
            except Exception:  # noqa: BLE001 - a worker died (BrokenProcessPool): find which report
                for document in chunk:
                    yield from self._alone(document)

    def _submit(self, documents: list[Document]) -> Future:
        if self.pool is not None:
            try:
                return self.pool.submit(_extract_chunk, documents)
            except BrokenProcessPool:
                self.pool.shutdown(cancel_futures=True)
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker)
        return self.pool.submit(_extract_chunk, documents)

    def _alone(self, document: Document) -> list[CaseFile | InputError]:
        try:
            return self._submit([document]).result()
        except Exception as exc:  # noqa: BLE001 - this report kills the process that extracts it
            return [InputError(document.label, f"extraction failed (worker process: {short_reason(exc)})")]


def _progress() -> Progress:
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeRemainingColumn(), console=stderr, transient=True)


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
    from habeas.ingest.readers import read_file
    from habeas.service import read_each
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    console = Console()
    failed = 0
    # Read and extracted a batch at a time: memory holds one batch however many files there are.
    batch = max(BATCH, CHUNKS_PER_WORKER * jobs * CHUNK)
    with Extraction(jobs, _progress() if len(files) > PROGRESS_ABOVE else None, total=len(files)) as extraction:
        for start in range(0, len(files), batch):
            documents: list[Document] = []
            for source in files[start:start + batch]:
                for item in read_each(source, lambda s: [read_file(s)]):
                    if isinstance(item, InputError):
                        fail(str(item))
                        failed += 1
                        continue
                    document = item[0]
                    if published and not document.published:
                        document.published = published
                    documents.append(document)
            for case in extraction(documents):
                if isinstance(case, InputError):
                    fail(str(case))
                    failed += 1
                else:
                    _emit(case, format, out, console)
    if failed:
        raise typer.Exit(1)


def _emit(case: CaseFile, format: Format, out: Path | None, console: Console) -> None:
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

app.add_typer(db_app, name="db")


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
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64,
                                      help="Extract in N processes.")] = 1,
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
    progress = _progress()
    on_failure = lambda s, r: fail(f"{s}: {r}")  # noqa: E731
    prefilter = bool(dask) if prefilter is None else prefilter
    skipped: list[Document] = []

    if dask:
        from habeas.batch.cluster import cluster_client, ingest_on_cluster
        task = progress.add_task("extracting on the cluster", total=None)
        try:
            with cluster_client(dask, workers) as client, progress:
                summary = ingest_on_cluster(
                    archive, sources, client, prefilter=prefilter, on_failure=on_failure,
                    on_progress=lambda done, total: progress.update(task, completed=done, total=total))
        except HabeasError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None
        skipped = summary.skipped
    else:
        paths = list(expand_sources(sources))   # names only: the reports are read batch by batch
        with Extraction(jobs, progress if len(paths) > PROGRESS_ABOVE else None, total=len(paths)) as extraction:
            def extract_all(documents: list[Document]):
                if prefilter:
                    skipped.extend(d for d in documents if not worth_extracting(d))
                    documents = [d for d in documents if worth_extracting(d)]
                return extraction(documents)

            summary = run_ingest(archive, paths, extract_all, on_failure=on_failure,
                                 batch=max(BATCH, CHUNKS_PER_WORKER * jobs * CHUNK))
    stderr.print(f"{len(summary.new)} new, {len(summary.known)} already known, "
                 + (f"{len(skipped)} without any sign of detention (not stored), " if prefilter else "")
                 + f"{len(summary.failed)} failed", highlight=False)
    if summary.failed:
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
        if value:
            try:
                parse_published(value, name)
            except InputError as exc:
                raise typer.BadParameter(exc.reason, param_hint=name) from None
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
def merge(
    keep: Annotated[str, typer.Argument(help="The person to keep (id or name).", show_default=False)],
    other: Annotated[str, typer.Argument(help="The same person under another entry.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Merge two entries that are one person; later ingests add to the merged case file."""
    archive = open_archive(db)
    or_exit(lambda: archive.merge(archive.find_person(keep), archive.find_person(other)))
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
    archive = open_archive(db)
    new = or_exit(lambda: archive.split(archive.find_person(person), document))
    typer.echo(f"split off as person #{new}")


@app.command()
def review(
    db: DbOption = None,
    accept: Annotated[Optional[int], typer.Option(help="Accept item N: the two are one person.")] = None,
    reject: Annotated[Optional[int], typer.Option(help="Reject item N: they are different people.")] = None,
    format: FormatOption = Format.text,
) -> None:
    """The review queue: doubtful matches between persons, kept apart until someone decides,
    and facts worth a look (documents disagree, or no sentence states them; see `habeas fact`)."""
    archive = open_archive(db)
    if accept is not None or reject is not None:
        item = accept if accept is not None else reject
        or_exit(lambda: archive.decide(item, accept=accept is not None))
        typer.echo("accepted: merged" if accept is not None else "rejected: kept apart")
        return
    items, facts = archive.review_items(), archive.doubtful_facts()
    if printed_as_json({"matches": items, "facts": facts}, format):
        return
    for item in items:
        typer.echo(f"#{item['id']}  person #{item['person']} ~ person #{item['candidate']}: {item['reason']}")
    for fact in facts:
        typer.echo(f"fact  person #{fact['person']} {fact['slot']} {fact['value']!r}: {fact['reason']}")


class Verdict(str, Enum):
    accept = "accept"
    correct = "correct"
    reject = "reject"


@app.command()
def fact(
    person: PersonArg,
    slot: Annotated[str, typer.Argument(help="age, facilities, sentence, charges, conditions, status "
                                        "or name.", show_default=False)],
    value: Annotated[Optional[str], typer.Argument(help="The value as the case file shows it "
                                                   "(omit it to add a fact with --correct).")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The value is right.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The value is wrong: drop it.")] = False,
    correct: Annotated[Optional[str], typer.Option("--correct", metavar="NEW",
                                                   help="The value is wrong: it should read NEW.")] = None,
    note: Annotated[Optional[str], typer.Option(help="Why (kept with the verdict).")] = None,
    db: DbOption = None,
) -> None:
    """Accept, correct or reject one fact of a person's case file. The verdict is kept apart
    from what the reports say and wins over every later ingest and `habeas reextract`."""
    chosen = [v for v, on in ((Verdict.accept, accept), (Verdict.reject, reject),
                              (Verdict.correct, correct is not None)) if on]
    if len(chosen) != 1:
        raise typer.BadParameter("give exactly one of --accept, --reject, --correct NEW")
    archive = open_archive(db)
    done = or_exit(lambda: archive.review_fact(archive.find_person(person), slot, value, chosen[0].value,
                                                corrected=correct, note=note))
    typer.echo(f"{done['action']}ed: {slot} {value or ''}{' -> ' + done['corrected'] if done['corrected'] else ''}")


@app.command()
def reextract(
    db: DbOption = None,
    all: Annotated[bool, typer.Option("--all", help="Every document, not only those an older "
                                      "pipeline extracted.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="Extract in N processes.")] = 1,
) -> None:
    """Run this version's pipeline again over archived documents. Persons stay who they were;
    merges, splits and every human verdict on a fact are kept and still win."""
    archive = open_archive(db)
    ids = archive.stale_documents(everything=all)
    if not ids:
        typer.echo("nothing to re-extract: every document was extracted by this version (--all forces it)")
        return
    with Extraction(jobs, _progress(), total=len(ids)) as extraction:
        report = or_exit(lambda: archive.reextract(ids, extraction))
    for document_id, reason in report.failed:
        fail(f"document {document_id}: {reason} (its earlier extraction is kept)")
    typer.echo(f"re-extracted {report.documents} document(s); persons {report.persons_before} -> "
               f"{report.persons_after}; {report.kept_reviews} human verdict(s) kept")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def watch(
    person: PersonArg,
    stop: Annotated[bool, typer.Option("--stop", help="Stop following the person.")] = False,
    db: DbOption = None,
) -> None:
    """Follow a person: `habeas alerts` tells of each new report about them."""
    archive = open_archive(db)
    or_exit(lambda: archive.watch(archive.find_person(person), on=not stop))
    typer.echo("stopped watching" if stop else "watching")


@app.command()
def failures(db: DbOption = None) -> None:
    """List the sources that could not be ingested, with the reason."""
    for row in open_archive(db).failures():
        typer.echo(f"{row['at']}  {one_line(row['source'])}: {one_line(row['reason'])}")


# The commands of the parts built on the archive (web app, remedies and outputs, the archive
# at rest) live in habeas/commands/*.py, each module a Typer of its own merged in here.
for _commands in (web_commands, remedies_commands, vault_commands):
    app.add_typer(_commands.app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
