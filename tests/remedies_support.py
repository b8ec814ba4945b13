"""Archives built from our own reports, shared by the remedies, alerts and outputs tests."""

from __future__ import annotations

from pathlib import Path

from habeas.service import ingest
from habeas.store.archive import Archive

DATA = Path(__file__).parent / "data" / "remedies"
REFERENCE = DATA / "reference.txt"


def extract_all(documents):
    from habeas.nlp.pipeline import default_extractor
    return default_extractor().extract_many(documents)


def archive_of(url: str, *paths) -> Archive:
    archive = Archive.open(url, actor="tester")
    summary = ingest(archive, [str(p) for p in paths], extract_all)
    assert not summary.failed, summary.failed
    return archive
