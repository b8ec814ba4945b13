"""`habeas extract`: case files of reports, printed or written, without an archive."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from habeas.batch.pool import Extraction, batch_for
from habeas.commands.common import Format, JobsOption, fail, parse_partial_date, progress
from habeas.errors import InputError
from habeas.model import CaseFile, Document

app = typer.Typer()   # merged into the `habeas` command by habeas.cli
# Documents read and extracted at a time by `habeas extract` and `ingest` (habeas.service).
BATCH = 32
# More inputs than this show a progress bar.
PROGRESS_ABOVE = 3


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(
        help="Reports to read: .txt (with an optional Key: Value header block), .html/.htm, "
             ".pdf, or - for standard input.", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="text: a readable case file; "
                                           "json: one extract-v1 document per input.")] = Format.text,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write DIR/<input stem>.json "
                                                "per input instead of printing.", file_okay=False)] = None,
    jobs: JobsOption = 1,
    published: Annotated[Optional[str], typer.Option(
        "--published", metavar="YYYY-MM-DD",
        help="Publication date for inputs that do not state one; anchors dates such as "
             "'In September'.")] = None,
) -> None:
    """Extract the case file of each report: who is held, where, since when, on what charges,
    in what health, what was petitioned and answered, with the sentence each fact came from."""
    published = parse_partial_date(published, "--published")
    from habeas.ingest.readers import read_file
    from habeas.service import read_each
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    console = Console()
    failed = 0
    # Read and extracted a batch at a time: memory holds one batch however many files there are.
    batch = batch_for(jobs, BATCH)
    with Extraction(jobs, progress() if len(files) > PROGRESS_ABOVE else None, total=len(files)) as extraction:
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
