"""What the web app asks of the rest of Habeas, in one place: ingest with the shared
pipeline, remedies and alerts (their failures never take a page down)."""

from __future__ import annotations

from habeas.service import IngestSummary
from habeas.service import ingest as run_ingest
from habeas.store.archive import Archive


def ingest(archive: Archive, sources: list[str]) -> IngestSummary:
    from habeas.nlp.pipeline import default_extractor
    return run_ingest(archive, sources, lambda docs: default_extractor().extract_many(docs))


def remedies(archive: Archive, person_id: int, *, include_confidential: bool) -> list[dict]:
    from habeas.remedies.service import remedies_for
    return remedies_for(archive, person_id, include_confidential=include_confidential)


def alerts(archive: Archive, *, include_confidential: bool) -> list[dict]:
    from habeas.alerts.service import alerts as all_alerts
    return all_alerts(archive, include_confidential=include_confidential)
