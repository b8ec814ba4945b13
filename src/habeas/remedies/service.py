"""Remedies of one person, for every front end (CLI, web, dossier)."""

from __future__ import annotations

from datetime import date

from habeas.remedies.illnesses import load_lists, match_conditions
from habeas.remedies.procedures import load_procedures
from habeas.remedies.tracking import STATES, Remedy, Told, assign
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility


def remedies_for(archive: Archive, person_id: int, today: date | None = None, *,
                 seen: Visibility = NOTHING_CONFIDENTIAL) -> list[dict]:
    """Each remedy open to the person (procedures of their country and international ones):
    its state, the filing and the answer with their sources, the days waited, the steps
    taken and missing, the next step and who must take it, and the illness-list matches
    that open it. Remedies under way come first, then those an illness match opens."""
    today = today or date.today()
    case = archive.case_file(person_id, seen=seen)
    procedures = [p for p in load_procedures() if p.applies_to(case.get("country"))]
    events = [Told.from_timeline(e) for e in archive.timeline(person_id, seen=seen)]
    owned = assign(procedures, events)
    conditions = [f["value"] for f in case["facts"].get("conditions", [])]
    matched = match_conditions(conditions, load_lists())
    remedies = [Remedy(p, owned[p.id], today, [m for m in matched if m.opens == p.id]).to_json()
                for p in procedures]
    remedies.sort(key=lambda r: (r["state"] == "not_started", not r["illness_matches"]))
    return remedies


__all__ = ["remedies_for", "STATES"]
