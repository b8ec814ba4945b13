"""Persons and events as CSV or JSON, and persons as a CSV that Uwazi imports.

Uwazi's CSV import maps each column header to a property of the template chosen at upload
(`title` is required; a header like "Detention facilities" matches the property
`detention_facilities`), takes several values of one cell separated by `|`, and dates as
YYYY/MM/DD. UWAZI_COLUMNS are the properties of the "Detained person" template shipped in
uwazi/templates.json (`habeas export uwazi-template`), whose relationship properties name the
related "Detention facility" and "Report" entities by title."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

from habeas.outputs.casefile import values, where
from habeas.outputs.inert import csv_cell
from habeas.remedies.periods import period
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

PERSON_COLUMNS = ("id", "name", "aliases", "status", "country", "age", "facilities", "sentence",
                  "charges", "conditions", "arrested", "documents", "urls")
EVENT_COLUMNS = ("person_id", "person", "type", "date", "attrs", "evidence", "document_id",
                 "document_title", "document_url", "published")
# Uwazi template property -> person column (multi-valued ones joined with "|").
UWAZI_COLUMNS = {"title": "name", "aliases": "aliases", "status": "status", "country": "country",
                 "age": "age", "detention_facilities": "facilities", "sentence": "sentence",
                 "charges": "charges", "health_conditions": "conditions", "arrest_dates": "arrest_dates",
                 "arrest_dates_as_reported": "arrested", "reports": "reports", "sources": "urls"}
KINDS = ("persons", "events", "uwazi", "uwazi-template")


def uwazi_template() -> str:
    """The Uwazi templates the `uwazi` CSV matches, as JSON."""
    return resources.files("habeas.outputs").joinpath("uwazi/templates.json").read_text("utf-8")


def person_rows(archive: Archive, *, seen: Visibility = NOTHING_CONFIDENTIAL) -> list[dict]:
    rows = []
    for person in archive.persons(seen=seen):
        case = archive.case_file(person["id"], seen=seen)
        arrests = [e["date"] for e in archive.timeline(person["id"], seen=seen)
                   if e["type"] == "arrest" and e["date"]]
        rows.append({
            "id": person["id"], "name": person["name"], "aliases": person["aliases"],
            "status": person["status"], "country": person["country"],
            "age": (values(case, "age") or [None])[0], "facilities": values(case, "facilities"),
            "sentence": (values(case, "sentence") or [None])[0], "charges": values(case, "charges"),
            "conditions": values(case, "conditions"), "arrested": arrests,
            "documents": len(person["documents"]), "urls": [where(d) for d in person["documents"]],
            "reports": [d["title"] or where(d) for d in person["documents"]]})
    return rows


def event_rows(archive: Archive, *, seen: Visibility = NOTHING_CONFIDENTIAL) -> list[dict]:
    names = {p["id"]: p["name"] for p in archive.persons(detained=None, seen=seen)}
    return [{"person_id": e["person"], "person": names[e["person"]], "type": e["type"], "date": e["date"],
             "attrs": e["attrs"], "evidence": e["evidence"], "document_id": e["document"]["id"],
             "document_title": e["document"]["title"], "document_url": where(e["document"]),
             "published": e["document"]["published"]}
            for e in archive.events(seen=seen) if e["person"] in names]


def uwazi_date(value: str | None) -> str | None:
    """A day-precise date as Uwazi reads it (YYYY/MM/DD); vaguer dates have no such form."""
    span = period(value)
    return span[0].strftime("%Y/%m/%d") if span and span[0] == span[1] else None


def uwazi_rows(archive: Archive, *, seen: Visibility = NOTHING_CONFIDENTIAL) -> list[dict]:
    rows = []
    for person in person_rows(archive, seen=seen):
        person["arrest_dates"] = [d for d in map(uwazi_date, person["arrested"]) if d]
        rows.append({column: _cell(person[key], "|") for column, key in UWAZI_COLUMNS.items()})
    return rows


def _cell(value, joiner: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return joiner.join(str(v).replace(joiner, "/") for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(rows: list[dict], columns) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: csv_cell(_cell(row.get(c), "; ")) for c in columns})
    return out.getvalue()


def export(archive: Archive, kind: str, format: str, *, seen: Visibility = NOTHING_CONFIDENTIAL) -> str:
    """The export of `kind` (persons, events, uwazi) as `format` (csv, json); `uwazi-template`
    is the Uwazi template JSON whatever the format."""
    if kind == "uwazi-template":
        return uwazi_template()
    rows_of, columns = {"persons": (person_rows, PERSON_COLUMNS), "events": (event_rows, EVENT_COLUMNS),
                        "uwazi": (uwazi_rows, UWAZI_COLUMNS)}[kind]
    rows = rows_of(archive, seen=seen)
    if format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return to_csv(rows, columns)
