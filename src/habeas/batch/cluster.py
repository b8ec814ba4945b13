"""`habeas ingest --dask`: extraction spread over a Dask cluster, results written to the archive.

The client (this process) reads the sources, skips what the archive already holds and what
the pre-filter finds no sign of detention in, and sends the rest to the workers in batches.
Each worker loads the pipeline once (a worker plugin). Results come back as batches finish;
they are written in input order, several batches to a transaction, so the archive ends up
exactly as a single-process ingest of the same reports would leave it (persons are resolved
against what was stored before them). A worker that dies takes nothing with it: the
scheduler gives its batches to another worker, and the nanny starts a new one; a batch that
kills its workers every time is extracted again one report per task, and the report that
does it is recorded as failed. A report the pipeline raises on is a failure as well.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from habeas.batch.prefilter import worth_extracting
from habeas.errors import HabeasError, InputError, short_reason
from habeas.model import CaseFile, Document
from habeas.service import IngestSummary, expand_sources, extract_each, read_each, store_each
from habeas.store.archive import Archive

LOCAL = "local"
# Documents per task: large enough that scheduling and pickling cost little next to the
# extraction, small enough that a killed worker loses little work and progress moves.
BATCH = 32
# Batches submitted per worker thread: one running, the next ones waiting when it ends.
AHEAD = 3
# A batch that raised is tried this many more times (a worker dying is not counted here:
# the scheduler reschedules such a batch by itself, up to `allowed-failures` times).
RETRIES = 2


@dataclass
class BatchSummary(IngestSummary):
    skipped: list[str] = field(default_factory=list)  # no sign of detention: not extracted, not stored


# ------------------------------------------------------------------ on the workers

def extract_batch(documents: list[Document]) -> list[CaseFile | InputError]:
    """A task: the case files of a batch, in its order, by this worker's pipeline; a report
    the pipeline fails on is its InputError."""
    from habeas.nlp.pipeline import default_extractor
    return extract_each(documents, default_extractor().extract_many)


class LoadPipeline(WorkerPlugin):
    """A worker plugin: each worker (and each one the nanny restarts) loads the pipeline once,
    when it joins, rather than its first batch paying for it."""

    name = "habeas-pipeline"
    idempotent = True

    def setup(self, worker) -> None:
        from habeas.nlp.pipeline import default_extractor
        default_extractor()


# ------------------------------------------------------------------ the cluster

@contextmanager
def cluster_client(address: str, workers: int | None = None):
    """A Client of the scheduler at `address`, or, for "local", of a LocalCluster of `workers`
    processes with one thread each (spaCy is not shared between threads). The pipeline plugin
    is registered either way."""
    if address != LOCAL and workers is not None:
        raise HabeasError("--workers only applies to --dask local; start `dask worker` processes instead")
    try:
        if address == LOCAL:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            cluster, client = None, Client(address)
    except OSError as exc:
        raise HabeasError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        client.register_plugin(LoadPipeline())
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------ the ingest

Progress = Callable[[int, int], None]   # (documents done, documents known of so far)


def ingest_on_cluster(archive: Archive, sources: Iterable[str], client: Client, *, batch: int = BATCH,
                      prefilter: bool = True, on_failure: Callable[[str, str], None] = lambda s, r: None,
                      on_progress: Progress = lambda done, total: None) -> BatchSummary:
    """Read, pre-filter, extract on the cluster and archive each source. A source that fails
    is recorded with its reason; one already archived (a run that stopped, resumed) or with
    no sign of detention is counted and not sent."""
    summary = BatchSummary()
    paths = list(expand_sources(sources))
    counts = {"done": 0, "total": len(paths)}

    def advance(n: int = 1, more: int = 0) -> None:
        counts["done"] += n
        counts["total"] += more
        on_progress(counts["done"], counts["total"])

    # Batches numbered by their place in the input (itertools.batched once Python 3.12 is the
    # least we run on; spacy.util.minibatch would load spaCy in a client that never extracts).
    documents = _new_documents(archive, paths, summary, prefilter, on_failure, advance)
    work = enumerate(iter(lambda: list(islice(documents, batch)), []))
    # Batches by their place in the input: those still out, and those back but not yet written.
    out: dict[int, list[tuple[Document, bytes]]] = {}
    back: dict[int, list[CaseFile]] = {}
    index_of = {}
    written = 0
    finished = as_completed()

    def submit_more() -> None:
        # Workers may join (or leave) a remote cluster while the ingest runs. Only batches
        # still on the cluster count: one back early waits for its predecessors without
        # leaving a worker idle.
        ahead = AHEAD * max(1, sum(client.nthreads().values()))
        while len(out) - len(back) < ahead:
            item = next(work, None)
            if item is None:
                return
            i, items = item
            future = client.submit(extract_batch, [d for d, _ in items], retries=RETRIES, pure=False)
            out[i], index_of[future.key] = items, i
            finished.add(future)

    submit_more()
    for future in finished:
        i = index_of.pop(future.key)
        try:
            back[i] = future.result()
        except Exception:   # noqa: BLE001 - KilledWorker after its retries, or a task that could not run
            back[i] = _one_by_one(client, [d for d, _ in out[i]])
        ready = []
        while written in back:
            ready += zip(out.pop(written), back.pop(written))
            written += 1
        if ready:
            _store(archive, ready, summary, on_failure)
            advance(len(ready))
        submit_more()
    return summary


def _new_documents(archive: Archive, paths: list[str], summary: BatchSummary, prefilter: bool,
                   on_failure: Callable[[str, str], None],
                   advance: Callable[..., None]) -> Iterator[tuple[Document, bytes]]:
    """Documents to extract with their bytes, read as they are needed; the others are
    counted in the summary (failed, already known, skipped by the pre-filter)."""
    seen: set[str] = set()
    stored = archive.stored_hashes()
    for source in paths:
        items = read_each(source)
        advance(0, len(items) - 1)    # a feed brings several documents, a failed page none
        for item in items:
            if isinstance(item, InputError):
                archive.record_failure(item.source, item.reason)
                summary.failed.append((item.source, item.reason))
                on_failure(item.source, item.reason)
                advance()
                continue
            document, raw = item
            name = document.path or document.url
            if document.sha256 in seen or document.sha256 in stored:
                summary.known.append(name)
            elif prefilter and not worth_extracting(document):
                summary.skipped.append(name)
            else:
                seen.add(document.sha256)
                yield document, raw
                continue
            advance()


def _one_by_one(client: Client, documents: list[Document]) -> list[CaseFile | InputError]:
    """A batch the cluster could not extract (a worker died on it each time), one report per
    task: the report that kills a worker is that report's failure, the others are extracted."""
    futures = [client.submit(extract_batch, [d], pure=False) for d in documents]
    out: list[CaseFile | InputError] = []
    for document, future in zip(documents, futures):
        try:
            out += future.result()
        except Exception as exc:  # noqa: BLE001 - this report alone stops its worker
            out.append(InputError(document.label, f"extraction failed on the cluster ({short_reason(exc)})"))
    return out


def _store(archive: Archive, ready: list[tuple[tuple[Document, bytes], CaseFile | InputError]],
           summary: BatchSummary, on_failure: Callable[[str, str], None]) -> None:
    """One transaction for every batch that is back and whose predecessors are written; a
    report the pipeline or the archive failed on is recorded with its reason."""
    failures = [case for _, case in ready if isinstance(case, InputError)]
    items = [(document, raw, case) for (document, raw), case in ready if not isinstance(case, InputError)]
    for document, result in zip([d for d, _, _ in items], store_each(archive, items) if items else []):
        if isinstance(result, InputError):
            failures.append(result)
        else:
            (summary.new if result.new else summary.known).append(document.path or document.url)
    for failure in failures:
        archive.record_failure(failure.source, failure.reason)
        summary.failed.append((failure.source, failure.reason))
        on_failure(failure.source, failure.reason)
