"""A draft individual communication to the UN Working Group on Arbitrary Detention, in the
sections of its model questionnaire, prefilled from the case file; what the reports do not
say is marked [GAP: …] for the submitter to fill.

A lawyer edits it rather than rewrites it: the legal basis comes from the articles the reports
cite in the sentences that tell the person's charges, arrest or sentence, and from the
charges; the arrest is the one that began the present detention (the last one after the last
release); and for each of the Working Group's categories I–V the draft quotes the report
sentences that may support it (words in wgad_categories.yml), or marks a gap."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from habeas.outputs.casefile import gather
from habeas.outputs.render import render
from habeas.remedies.periods import period, sort_key
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

GAP = "[GAP:"
# Event types whose sentences tell what a person is accused or convicted of.
ACCUSATIONS = ("charge", "sentence", "arrest")
# Events section IV tells, in the order a communication argues them; petitions and answers
# belong to section V.
CIRCUMSTANCES = (("Arrest and charges", ("arrest", "charge", "disappearance")),
                 ("Trial and sentence", ("sentence", "appeal")),
                 ("Treatment in detention", ("transfer", "ill_treatment", "denial", "health", "hunger_strike")),
                 ("Release or death", ("release", "death")))
# How many sentences to quote for one category.
PER_CATEGORY = 4


@lru_cache(maxsize=1)
def categories() -> dict[str, dict]:
    return yaml.safe_load(resources.files("habeas.outputs").joinpath("wgad_categories.yml").read_text("utf-8"))


def wgad_draft(archive: Archive, person_id: int, *, today: date | None = None,
               seen: Visibility = NOTHING_CONFIDENTIAL, home: Path | None = None) -> str:
    data = gather(archive, person_id, today=today, seen=seen, home=home)
    sentences = [e for e in data["timeline"] if e["type"] == "sentence"]
    courts = sorted({e["attrs"]["court"] for e in sentences if e["attrs"].get("court") not in (None, "court")})
    roles = _roles(archive, data["documents"], data["person"]["name"], seen)
    current = current_arrest(data["timeline"])
    return render("wgad.md", **data, sentences=sentences, courts=courts, roles=roles, current_arrest=current,
                  legal_basis=legal_basis(archive, data, seen), supported=supported(archive, data, seen),
                  circumstances=[(title, [e for e in data["timeline"] if e["type"] in types])
                                 for title, types in CIRCUMSTANCES])


def current_arrest(timeline: list[dict]) -> dict | None:
    """The arrest that began the present detention: the first dated arrest after the last
    release told before the latest arrest (an arrest, a release two weeks later, a new arrest:
    the new one); with no release between them, the first arrest."""
    dated = sorted((e for e in timeline if e["type"] == "arrest" and period(e["date"])),
                   key=lambda e: sort_key(e["date"]))
    if not dated:
        return next((e for e in timeline if e["type"] == "arrest"), None)
    latest = period(dated[-1]["date"])[0]
    released = [period(e["date"])[1] for e in timeline if e["type"] == "release" and period(e["date"])
                and period(e["date"])[1] < latest]
    if not released:
        return dated[0]
    return next(e for e in dated if period(e["date"])[0] > max(released))


def legal_basis(archive: Archive, data: dict, seen: Visibility) -> list[dict]:
    """The articles the reports cite in a sentence that tells the person's charges, arrest or
    sentence ("found guilty of Articles 189 and 247 of the Criminal Code"), each once with
    the sentence and its source; then the charges themselves."""
    accusing = {s["evidence"] for e in data["timeline"] if e["type"] in ACCUSATIONS for s in e["sources"]}
    accusing |= {s["evidence"] for f in data["facts"].get("charges", []) for s in f["sources"]}
    found: dict[str, dict] = {}
    for doc in data["documents"]:
        for c in archive.document(doc["id"], seen=seen)["extract"].get("citations", []):
            text = (c.get("evidence") or {}).get("text", "")
            if text not in accusing:
                continue
            name = f"{c['instrument']} art. {c['article']}" + (f" part {c['part']}" if c.get("part") else "") + (
                f" ({c['jurisdiction']})" if c.get("jurisdiction") else "") + (f" — “{c['title']}”" if c.get("title") else "")
            found.setdefault(name, {"article": name, "sources": [{"evidence": text, "title": doc["title"],
                                                                   "url": doc["url"], "path": doc["path"],
                                                                   "document": doc["id"]}]})
    return list(found.values())


# A sentence: up to a full stop, question or exclamation mark followed by a space, or a line
# end; a stop inside a word ("turkmen.news") stays in.
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?]+(?=\S))+(?:[.!?]+|$)", re.MULTILINE)


def supported(archive: Archive, data: dict, seen: Visibility) -> list[dict]:
    """For each category I–V, the sentences told of the person (the evidence of their events
    and facts, and every sentence of their reports that names them) that hold one of its words."""
    told: dict[str, dict] = {}
    names = {w for w in [data["person"]["name"], *data["person"].get("aliases", [])] for w in w.split() if len(w) > 3}
    for doc in data["documents"]:
        stored = archive.document(doc["id"], seen=seen)
        # The organisations a report names as its sources are for admins only.
        # (`stored` has them only when `seen` shows them: they are read in full to be left out.)
        withheld = [] if seen.sources else [
            (n.get("name") if isinstance(n, dict) else str(n)).lower()
            for n in archive.document(doc["id"])["extract"].get("sources", [])]
        for m in SENTENCE.finditer(stored.get("text") or ""):
            sentence = m.group(0).strip()
            if any(n.lower() in sentence.lower() for n in names) and not any(w and w in sentence.lower() for w in withheld):
                told.setdefault(sentence, {"evidence": sentence, "title": doc["title"], "url": doc["url"],
                                           "path": doc["path"], "document": doc["id"]})
    for e in data["timeline"]:
        for s in e["sources"]:
            told.setdefault(s["evidence"], s)
    for slot in data["facts"].values():
        for f in slot:
            for s in f["sources"]:
                told.setdefault(s["evidence"], s)
    out = []
    for key, category in categories().items():
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in category["words"]) + ")", re.IGNORECASE)
        hits = [s for text, s in told.items() if text and pattern.search(text)]
        out.append({"category": key, "title": category["title"], "sources": hits[:PER_CATEGORY],
                    "more": max(0, len(hits) - PER_CATEGORY)})
    return out


def _roles(archive: Archive, documents: list[dict], name: str, seen: Visibility) -> list[str]:
    """What the reports call the person (activist, journalist), from their extract-v1 files."""
    roles: list[str] = []
    for doc in documents:
        for p in archive.document(doc["id"], seen=seen)["extract"]["persons"]:
            if p["name"] == name:
                roles += [r for r in p.get("roles", []) if r not in roles]
    return roles
