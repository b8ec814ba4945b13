"""A draft individual communication to the UN Working Group on Arbitrary Detention, in the
sections of its model questionnaire, prefilled from the case file; what the reports do not
say is marked [GAP: …] for the submitter to fill."""

from __future__ import annotations

from datetime import date

from habeas.outputs.casefile import gather
from habeas.outputs.render import render
from habeas.store.archive import Archive

GAP = "[GAP:"


def wgad_draft(archive: Archive, person_id: int, *, today: date | None = None,
               include_confidential: bool = False) -> str:
    data = gather(archive, person_id, today=today, include_confidential=include_confidential)
    sentences = [e for e in data["timeline"] if e["type"] == "sentence"]
    courts = sorted({e["attrs"]["court"] for e in sentences if e["attrs"].get("court") not in (None, "court")})
    roles = _roles(archive, data["documents"], data["person"]["name"])
    return render("wgad.md", **data, sentences=sentences, courts=courts, roles=roles)


def _roles(archive: Archive, documents: list[dict], name: str) -> list[str]:
    """What the reports call the person (activist, journalist), from their extract-v1 files."""
    roles: list[str] = []
    for doc in documents:
        for p in archive.document(doc["id"])["extract"]["persons"]:
            if p["name"] == name:
                roles += [r for r in p.get("roles", []) if r not in roles]
    return roles
