"""Remedies of one person, for every front end (CLI, web, dossier). `home` is the user's
folder of their own procedures and illness lists (the settings' HABEAS_HOME, which the entry
point passes down; None: the shipped ones alone)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from habeas.remedies.illnesses import IllnessMatch, load_lists, match_conditions
from habeas.remedies.procedures import REFUSERS, Procedure, for_country, load_procedures
from habeas.remedies.tracking import STATES, Remedy, Told, assign, other_filings
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

# A person in one of these states gets no next step: there is no one left to free.
CLOSED = {"deceased": "the person has died", "released": "the person has been released"}


def remedies_report(archive: Archive, person_id: int, today: date | None = None, *,
                    seen: Visibility = NOTHING_CONFIDENTIAL, home: Path | None = None) -> dict:
    """Each remedy open to the person (procedures of their country and international ones):
    its state, the filing and the answer with their sources, the days waited, the steps
    taken and missing, the next step and who must take it, after a refusal the remedies
    against it with the day to file each by, and the illness-list matches that open one.
    Remedies under way come first. Petitions and answers that fit no procedure are listed
    apart (`other_filings`), so that none is lost."""
    return report_of(archive.case_file(person_id, seen=seen), archive.timeline(person_id, seen=seen), today,
                     home=home)


def report_of(case: dict, timeline: list[dict], today: date | None = None, *, home: Path | None = None) -> dict:
    """`remedies_report` from a case file and a timeline already read (with the same `seen`):
    a page that shows them too reads them once."""
    today = today or date.today()
    person_id = case["id"]
    country = case.get("country")
    events = [Told.from_timeline(e) for e in timeline]
    conditions = [f["value"] for f in case["facts"].get("conditions", [])]
    closed = CLOSED.get(case.get("status")) or ("the person has died" if any(e.type == "death" for e in events)
                                                 else None)
    remedies, others = track(events, country, today, match_conditions(conditions, load_lists(home)), closed,
                             home=home)
    return {"person": {"id": person_id, "name": case.get("name"), "country": country,
                       "status": case.get("status"), "closed": closed},
            "remedies": remedies, "other_filings": others}


def track(events: list[Told], country: str | None, today: date, matched: list[IllnessMatch] = (),
          closed: str | None = None, *, home: Path | None = None) -> tuple[list[dict], list[dict]]:
    """The remedies open in `country` read from a person's events, and the filings that fit none."""
    everything = {p.id: p for p in load_procedures(home)}
    procedures = for_country(list(everything.values()), country)
    owned = assign(procedures, events)
    remedies = [Remedy(p, owned[p.id], today, [m for m in matched if m.opens in (p.id, p.replaces)],
                       offers=_offers(p, everything, procedures), closed=closed).to_json()
                for p in procedures]
    remedies.sort(key=lambda r: (r["state"] == "not_started", not r["illness_matches"]))
    return remedies, other_filings(events, owned, today)


def remedies_for(archive: Archive, person_id: int, today: date | None = None, *,
                 seen: Visibility = NOTHING_CONFIDENTIAL, home: Path | None = None) -> list[dict]:
    """The remedies of `remedies_report`, without the filings that fit none."""
    return remedies_report(archive, person_id, today, seen=seen, home=home)["remedies"]


def _offers(procedure: Procedure, everything: dict[str, Procedure],
            open_: list[Procedure]) -> dict[str | None, list[Procedure]]:
    """The remedies against a refusal under `procedure` for each authority that may refuse
    (None: unknown), each as the person's country has it (a generic complaint becomes Russia's
    own where Russia's file replaces it), the country's own remedies before the international
    bodies; those not open to the person (an ECtHR application against a non-member State) are
    left out."""
    by_replaced = {p.replaces: p for p in open_ if p.replaces}
    open_ids = {p.id for p in open_}
    offers: dict[str | None, list[Procedure]] = {}
    for refuser in (None, *REFUSERS):
        out = offers[refuser] = []
        for ref in procedure.offers_for(refuser):
            chosen = by_replaced.get(ref) or everything.get(ref)
            if chosen is not None and chosen.id in open_ids and chosen not in out:
                out.append(chosen)
        out.sort(key=lambda p: p.jurisdiction == "international")
    return offers


__all__ = ["remedies_for", "remedies_report", "report_of", "track", "STATES"]
