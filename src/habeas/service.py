"""What Habeas does, once, for every front end (the CLI now, the web app later)."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from habeas.errors import InputError
from habeas.ingest.readers import read_file
from habeas.ingest.web import is_url, read_web
from habeas.model import CaseFile, Document
from habeas.store.archive import Archive

READABLE = {".txt", ".html", ".htm", ".pdf", ".md", ""}


@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def expand_sources(sources: Iterable[str]) -> Iterator[str]:
    """Files as given, directories recursively (report-like files only), globs expanded."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in READABLE and not child.name.startswith("."):
                    yield str(child)
        elif not is_url(source) and not path.exists() and glob.has_magic(source):
            yield from sorted(glob.glob(source, recursive=True))
        else:
            yield source


def read_any(source: str) -> list[tuple[Document, bytes] | InputError]:
    """A source's documents with the bytes each was read from: one for a file, one for a
    page, those of its entries for a feed (an entry that failed is its InputError). Raises
    InputError when the source itself cannot be read."""
    return read_web(source) if is_url(source) else [read_file(source)]


def ingest(archive: Archive, sources: Iterable[str],
           extract_all: Callable[[list[Document]], Iterable[CaseFile]],
           on_failure: Callable[[str, str], None] = lambda s, r: None,
           names: dict[str, str] | None = None) -> IngestSummary:
    """Read, extract and archive each source; a source that fails is recorded with its
    reason and the others go on. Re-ingesting the same bytes changes nothing. `names` gives
    a file the name it is known by (an upload saved under a temporary path)."""
    names = names or {}
    summary = IngestSummary()
    documents: list[Document] = []
    raws: dict[str, bytes] = {}

    def failed(exc: InputError) -> None:
        archive.record_failure(exc.source, exc.reason)
        summary.failed.append((exc.source, exc.reason))
        on_failure(exc.source, exc.reason)

    stored = archive.stored_hashes()
    for source in expand_sources(sources):
        try:
            read = read_any(source)
        except InputError as exc:
            failed(InputError(names.get(source, source), exc.reason))
            continue
        for item in read:
            if isinstance(item, InputError):
                failed(item)
                continue
            document, raw = item
            document.path = names.get(source, document.path)
            if document.sha256 in stored or document.sha256 in raws:
                summary.known.append(document.path or document.url)  # the same bytes again
            else:
                raws[document.sha256] = raw
                documents.append(document)
    for case in extract_all(documents):
        document = case.document
        added = archive.add(document, raws[document.sha256], case)
        (summary.new if added.new else summary.known).append(document.path or document.url)
    return summary
