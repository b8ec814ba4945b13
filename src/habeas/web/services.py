"""What the web app asks of the rest of Habeas, in one place: ingest with the shared
pipeline, remedies and alerts (their failures never take a page down)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import UploadFile

from habeas.service import IngestSummary
from habeas.service import ingest as run_ingest
from habeas.store.archive import Archive
from habeas.store.visibility import Visibility


def ingest(archive: Archive, sources: list[str], names: dict[str, str] | None = None) -> IngestSummary:
    from habeas.nlp.pipeline import default_extractor
    return run_ingest(archive, sources, lambda docs: default_extractor().extract_many(docs), names=names)


def ingest_upload(archive: Archive, file: UploadFile | None, url: str) -> IngestSummary | None:
    """An uploaded file (kept under its own name, so its type is known) and/or a URL; None
    when neither was sent. The readers check type, size and encoding as for any file; the
    archive and its failures know the file by the name it was uploaded under."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = [url.strip()] if url.strip() else []
        names = {}
        if file is not None and file.filename:
            name = Path(file.filename).name or "upload.txt"
            path = Path(tmp) / name
            with path.open("wb") as out:
                shutil.copyfileobj(file.file, out)   # in chunks: a huge upload never sits in memory
            sources.append(str(path))
            names[str(path)] = name
        return ingest(archive, sources, names) if sources else None


def remedies(archive: Archive, person_id: int, seen: Visibility) -> list[dict]:
    from habeas.remedies.service import remedies_for
    return remedies_for(archive, person_id, seen=seen)


def alerts(archive: Archive, seen: Visibility) -> list[dict]:
    from habeas.alerts.service import alerts as all_alerts
    return all_alerts(archive, seen=seen)
