"""What Habeas does, once, for every front end (the CLI, the web app, the Dask ingest)."""

from __future__ import annotations

import glob
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy.exc import OperationalError

from habeas.errors import InputError, short_reason
from habeas.ingest.netpolicy import ANY_ADDRESS, PUBLIC_ONLY, FetchPolicy
from habeas.ingest.readers import read_file
from habeas.ingest.web import is_url, read_web, web_url
from habeas.model import CaseFile, Document
from habeas.store.archive import Added, Archive

READABLE = {".txt", ".html", ".htm", ".pdf", ".md", ""}
Read = list[tuple[Document, bytes] | InputError]
# Documents read, extracted and stored at a time by `ingest`: memory holds one batch.
BATCH = 32
# Case files of a batch of documents, in any order; a document may be an InputError instead.
Extract = Callable[[list[Document]], Iterable[CaseFile | InputError]]
log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    stored: list[tuple[str, int]] = field(default_factory=list)   # (name, document id) of each new one


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


def read_each(source: str, read: Callable[[str], list] = read_any) -> list[tuple[Document, bytes] | InputError]:
    """`read(source)` that never raises: a source that cannot be read is its InputError,
    whatever went wrong (a reader's bug met by one file is that file's failure)."""
    try:
        return read(source)
    except InputError as exc:
        return [exc]
    except Exception as exc:  # noqa: BLE001 - one unreadable source never stops a run
        log.warning("reading %s failed", source, exc_info=True)
        return [InputError(source, f"cannot be read ({short_reason(exc)})")]


def extract_each(documents: list[Document], extract_all: Extract) -> list[CaseFile | InputError]:
    """The case files of `documents` by `extract_all`; should it raise, each document is
    extracted alone, and one that still raises is an InputError in the result."""
    try:
        return list(extract_all(documents))
    except Exception:  # noqa: BLE001 - which document raised is found below, one by one
        if len(documents) == 1:
            return _extract_alone(documents[0], extract_all)
        return [item for d in documents for item in _extract_alone(d, extract_all)]


def _extract_alone(document: Document, extract_all: Extract) -> list[CaseFile | InputError]:
    try:
        return list(extract_all([document]))
    except Exception as exc:  # noqa: BLE001 - a pipeline bug met by one report is that report's failure
        log.warning("extraction failed on %s", document.label, exc_info=True)
        return [InputError(document.label, f"extraction failed ({short_reason(exc)})")]


def store_each(archive: Archive, items: list[tuple[Document, bytes, CaseFile]]) -> list[Added | InputError]:
    """Store a batch in one transaction; should that fail, each alone, and one that still
    fails is an InputError in the result. An archive that cannot be reached at all
    (OperationalError) is no report's fault: that stops the run."""
    try:
        return archive.add_many(items)
    except OperationalError:
        raise
    except Exception:  # noqa: BLE001 - which report the archive refused is found below
        pass
    out: list[Added | InputError] = []
    for document, raw, case in items:
        try:
            out.append(archive.add(document, raw, case))
        except OperationalError:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. a value this database refuses
            log.warning("storing %s failed", document.label, exc_info=True)
            out.append(InputError(document.label, f"could not be stored ({short_reason(exc)})"))
    return out


def ingest(archive: Archive, sources: Iterable[str], extract_all: Extract,
           on_failure: Callable[[str, str], None] = lambda s, r: None,
           names: dict[str, str] | None = None, batch: int = BATCH) -> IngestSummary:
    """Read, extract and archive each source (files, directories, globs, "-" and URLs to
    any address: the CLI's way in, for a user on their own machine), `batch` documents at a
    time, so that memory stays flat however many reports a run has. A source that fails (it
    cannot be read, or the pipeline or the archive fails on it) is recorded with its reason
    and the others go on. Re-ingesting the same bytes changes nothing. `names` gives a file
    the name it is known by."""
    names = names or {}
    reads = ((names.get(source, source), partial(read_any, source)) for source in expand_sources(sources))
    return _ingest(archive, reads, extract_all, on_failure, batch)


def ingest_uploads(archive: Archive, extract_all: Extract, *,
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


def _ingest(archive: Archive, reads: Iterable[tuple[str, Callable[[], Read]]], extract_all: Extract,
            on_failure: Callable[[str, str], None] = lambda s, r: None, batch: int = BATCH) -> IngestSummary:
    """Each (name, read) in turn, `batch` documents at a time: read, extract, archive. A
    file is known by its name (its document's path, its failure's source), a page by its URL."""
    summary = IngestSummary()

    def failed(exc: InputError) -> None:
        archive.record_failure(exc.source, exc.reason)
        summary.failed.append((exc.source, exc.reason))
        on_failure(exc.source, exc.reason)

    seen = archive.stored_hashes()
    pending: list[tuple[Document, bytes]] = []
    for name, read in reads:
        for item in read_each(name, lambda _source, read=read: read()):
            if isinstance(item, InputError):
                failed(InputError(item.source if is_url(item.source) else name, item.reason))
                continue
            document, raw = item
            if document.path is not None:
                document.path = name
            if document.sha256 in seen:
                summary.known.append(document.path or document.url)  # the same bytes again
                continue
            seen.add(document.sha256)
            pending.append(item)
            if len(pending) >= batch:
                _extract_and_store(archive, pending, extract_all, summary, failed)
                pending = []
    if pending:
        _extract_and_store(archive, pending, extract_all, summary, failed)
    return summary


def _extract_and_store(archive: Archive, pending: list[tuple[Document, bytes]], extract_all: Extract,
                       summary: IngestSummary, failed: Callable[[InputError], None]) -> None:
    raws = {document.sha256: raw for document, raw in pending}
    ready = []
    for result in extract_each([document for document, _ in pending], extract_all):
        if isinstance(result, InputError):
            failed(result)
        else:
            ready.append((result.document, raws[result.document.sha256], result))
    for (document, _, _), added in zip(ready, store_each(archive, ready) if ready else []):
        if isinstance(added, InputError):
            failed(added)
        else:
            (summary.new if added.new else summary.known).append(document.path or document.url)
            if added.new:
                summary.stored.append((document.path or document.url, added.document_id))

