"""A draft individual communication to the UN Working Group on Arbitrary Detention, in the
sections of its model questionnaire, prefilled from the case file; what the reports do not
say is marked [GAP: …] for the submitter to fill."""

from __future__ import annotations

from datetime import date

from habeas.outputs.casefile import gather
from habeas.outputs.render import render
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

GAP = "[GAP:"


def wgad_draft(archive: Archive, person_id: int, *, today: date | None = None,
               seen: Visibility = NOTHING_CONFIDENTIAL) -> str:
    data = gather(archive, person_id, today=today, seen=seen)
    sentences = [e for e in data["timeline"] if e["type"] == "sentence"]
    courts = sorted({e["attrs"]["court"] for e in sentences if e["attrs"].get("court") not in (None, "court")})
    roles = _roles(archive, data["documents"], data["person"]["name"], seen)
    return render("wgad.md", **data, sentences=sentences, courts=courts, roles=roles)


def _roles(archive: Archive, documents: list[dict], name: str, seen: Visibility) -> list[str]:
    """What the reports call the person (activist, journalist), from their extract-v1 files."""
    roles: list[str] = []
    for doc in documents:
        for p in archive.document(doc["id"], seen=seen)["extract"]["persons"]:
            if p["name"] == name:
                roles += [r for r in p.get("roles", []) if r not in roles]
    return roles
