"""One person's case file gathered for an output: facts, timeline, remedies and sources,
confidential items left out unless asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePath

from habeas.remedies.service import remedies_report
from habeas.store.archive import Archive
from habeas.store.views import fact_text
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

PROFILE_SLOTS = ("age", "facilities", "sentence", "charges", "conditions", "status")


def values(case: dict, slot: str) -> list[str]:
    return [fact_text(f["value"]) for f in case["facts"].get(slot, [])]


def where(source: dict) -> str:
    """How to find a source again: its URL, else its file name (a local path can name the
    machine's user, so only the name leaves it)."""
    if source.get("url"):
        return source["url"]
    return PurePath(source["path"]).name if source.get("path") else f"document #{source.get('document') or source.get('id')}"


def gather(archive: Archive, person_id: int, *, today: date | None = None,
           seen: Visibility = NOTHING_CONFIDENTIAL, home: Path | None = None) -> dict:
    """Everything an output shows of one person; `home`: the user's folder of their own
    procedures and illness lists (habeas.remedies.service)."""
    today = today or date.today()
    case = archive.case_file(person_id, seen=seen)
    remedies = remedies_report(archive, person_id, today, seen=seen, home=home)
    timeline = archive.timeline(person_id, seen=seen)
    documents: dict[int, dict] = {}
    for doc in case["documents"]:
        named = archive.document(doc["id"], seen=seen)["extract"].get("sources", [])
        documents[doc["id"]] = {**doc, "where": where(doc), "quotes": [], "named_sources": named}
    told = [s for slot in case["facts"].values() for f in slot for s in f["sources"]]
    told += [s for e in timeline for s in e["sources"]]
    for source in told:
        doc = documents.get(source["document"])
        if doc is not None and source.get("evidence") and source["evidence"] not in doc["quotes"]:
            doc["quotes"].append(source["evidence"])
    return {
        "person": case, "today": today.isoformat(),
        "profile": {slot: values(case, slot) for slot in PROFILE_SLOTS},
        "facts": case["facts"],
        "timeline": timeline,
        "arrests": [e for e in timeline if e["type"] == "arrest"],
        "remedies": remedies["remedies"],
        "other_filings": remedies["other_filings"],
        "documents": list(documents.values()),
    }
