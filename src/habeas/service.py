"""What Habeas does, once, for every front end (the CLI now, the web app later)."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from habeas.errors import InputError
from habeas.ingest.netpolicy import ANY_ADDRESS, PUBLIC_ONLY, FetchPolicy
from habeas.ingest.readers import read_file
from habeas.ingest.web import is_url, read_web, web_url
from habeas.model import CaseFile, Document
from habeas.store.archive import Archive

READABLE = {".txt", ".html", ".htm", ".pdf", ".md", ""}
Read = list[tuple[Document, bytes] | InputError]


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


def read_any(source: str, *, policy: FetchPolicy = ANY_ADDRESS) -> Read:
    """A source's documents with the bytes each was read from: one for a file, one for a
    page, those of its entries for a feed (an entry that failed is its InputError). Raises
    InputError when the source itself cannot be read."""
    return read_web(source, policy=policy) if is_url(source) else [read_file(source)]


def ingest(archive: Archive, sources: Iterable[str],
           extract_all: Callable[[list[Document]], Iterable[CaseFile]],
           on_failure: Callable[[str, str], None] = lambda s, r: None,
           names: dict[str, str] | None = None) -> IngestSummary:
    """Read, extract and archive each source (files, directories, globs, "-" and URLs to
    any address: the CLI's way in, for a user on their own machine); a source that fails is
    recorded with its reason and the others go on. Re-ingesting the same bytes changes
    nothing. `names` gives a file the name it is known by."""
    names = names or {}
    reads = ((names.get(source, source), partial(read_any, source)) for source in expand_sources(sources))
    return _ingest(archive, reads, extract_all, on_failure)


def ingest_uploads(archive: Archive, extract_all: Callable[[list[Document]], Iterable[CaseFile]], *,
                   files: Iterable[tuple[Path, str]] = (), urls: Iterable[str] = (),
                   policy: FetchPolicy = PUBLIC_ONLY) -> IngestSummary:
    """The web's way in: files already saved by the caller (each a path of its own making and
    the name it was uploaded under) and http(s) URLs fetched under `policy`. Nothing here
    expands a directory or glob or reads standard input; a URL that is not http(s) is an
    InputError before anything is read."""
    urls = [web_url(url) for url in urls]
    reads = [(name, partial(_read_saved, path)) for path, name in files]
    reads += [(url, partial(read_web, url, policy=policy)) for url in urls]
    return _ingest(archive, reads, extract_all)


def _read_saved(path: Path) -> Read:
    return [read_file(str(path))]


def _ingest(archive: Archive, reads: Iterable[tuple[str, Callable[[], Read]]],
            extract_all: Callable[[list[Document]], Iterable[CaseFile]],
            on_failure: Callable[[str, str], None] = lambda s, r: None) -> IngestSummary:
    """Each (name, read) in turn: read, then extract everything read, then archive. A file
    is known by its name (its document's path), a page by its URL."""
    summary = IngestSummary()
    documents: list[Document] = []
    raws: dict[str, bytes] = {}

    def failed(exc: InputError) -> None:
        archive.record_failure(exc.source, exc.reason)
        summary.failed.append((exc.source, exc.reason))
        on_failure(exc.source, exc.reason)

    stored = archive.stored_hashes()
    for name, read in reads:
        try:
            items = read()
        except InputError as exc:
            failed(InputError(name, exc.reason))
            continue
        for item in items:
            if isinstance(item, InputError):
                failed(item)
                continue
            document, raw = item
            if document.path is not None:
                document.path = name
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
