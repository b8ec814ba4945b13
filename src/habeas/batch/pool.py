"""Extraction in worker processes on this machine, for `habeas extract`, `ingest` and
`reextract` (habeas.commands): each worker loads the pipeline once; a report that kills its
worker is that report's failure. The Dask cluster (cluster.py) does the same across machines."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from rich.progress import Progress

from habeas.errors import InputError, short_reason
from habeas.model import CaseFile, Document

# Documents sent to a worker process at a time: enough to keep it busy, few enough to
# keep the progress bar moving.
CHUNK = 16
# With --jobs N a batch is CHUNKS_PER_WORKER * N chunks: the workers wait for a batch's last
# chunk before the next batch is read, and with four chunks each that wait is a small part
# (per-report costs of the dev corpus, 2 workers: 1.71x one process with two chunks each,
# 1.85x with four).
CHUNKS_PER_WORKER = 4


def batch_for(jobs: int, least: int) -> int:
    """Documents to read at a time for `jobs` workers: enough chunks to keep each busy."""
    return max(least, CHUNKS_PER_WORKER * jobs * CHUNK)

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
