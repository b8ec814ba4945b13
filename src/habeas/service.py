"""What Habeas does, once, for every front end (the CLI now, the web app later)."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from habeas.errors import InputError
from habeas.ingest.readers import read_source
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
        elif not path.exists() and glob.has_magic(source):
            yield from sorted(glob.glob(source, recursive=True))
        else:
            yield source


def ingest(archive: Archive, sources: Iterable[str],
           extract_all: Callable[[list[Document]], Iterable[CaseFile]],
           on_failure: Callable[[str, str], None] = lambda s, r: None) -> IngestSummary:
    """Read, extract and archive each source; a source that fails is recorded with its
    reason and the others go on. Re-ingesting the same bytes changes nothing."""
    summary = IngestSummary()
    documents: list[Document] = []
    for source in expand_sources(sources):
        try:
            document = read_source(source)
        except InputError as exc:
            archive.record_failure(exc.source, exc.reason)
            summary.failed.append((exc.source, exc.reason))
            on_failure(exc.source, exc.reason)
            continue
        if archive.has_document(document.sha256):
            summary.known.append(source)  # the same bytes again: nothing to do
        else:
            documents.append(document)
    for case in extract_all(documents):
        document = case.document
        added = archive.add(document, Path(document.path).read_bytes(), case)
        (summary.new if added.new else summary.known).append(document.path)
    return summary
