"""What the web app asks of the rest of Habeas, in one place: ingest with the shared
pipeline, remedies and alerts (their failures never take a page down). `home` is the user's
folder of procedures, illness lists and alerts.yml that the worker read from its settings
(`app.state.home`, habeas.web.app.from_environment)."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import urlencode

from fastapi import UploadFile

from habeas.ingest.netpolicy import PUBLIC_ONLY, FetchPolicy
from habeas.ingest.readers import HTML_SUFFIXES
from habeas.ingest.web import web_url
from habeas.service import READABLE, IngestSummary, ingest_uploads
from habeas.store.accounts import SEARCH_KEYS
from habeas.store.archive import Archive
from habeas.store.visibility import Visibility
from habeas.web.i18n import N_

MAX_NAME_CHARS = 200
INGEST_HINT = N_("The web takes an uploaded file or an http:// or https:// address of a public page.")
# The suffixes that decide how a saved upload is read; any other is read as text.
UPLOAD_SUFFIXES = (READABLE | HTML_SUFFIXES) - {""}
# Both separators, whatever the client's system: "C:\\reports\\a.txt" is "a.txt".
_DIRECTORIES = re.compile(r"^.*[/\\]")


def upload_name(filename: str | None) -> str:
    """The name an upload is shown and archived under: the client's file name without its
    directories, control and format characters (NUL, bidi overrides), at most
    MAX_NAME_CHARS long (its suffix kept); "upload" when nothing usable is left."""
    name = "".join(c for c in filename or "" if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    name = _DIRECTORIES.sub("", name).strip()
    if name.strip(".") == "":
        return "upload"
    if len(name) > MAX_NAME_CHARS:
        suffix = Path(name).suffix[:16]
        name = name[:MAX_NAME_CHARS - len(suffix)] + suffix
    return name


def saved_name(name: str) -> str:
    """The fixed name an upload is saved under in its own temporary folder: "upload" and,
    when it is one that decides how the file is read, the suffix of its name."""
    suffix = Path(name).suffix.lower()
    return "upload" + (suffix if suffix in UPLOAD_SUFFIXES else "")


def ingest_upload(archive: Archive, file: UploadFile | None, url: str,
                  policy: FetchPolicy = PUBLIC_ONLY) -> IngestSummary | None:
    """An uploaded file and/or an http(s) URL fetched from public addresses only; None when
    neither was sent; an InputError (a 4xx at the edge) for a URL that is not http(s). No
    name from the request reaches the file system: the upload is saved under a fixed name
    and known by its sanitised own name; the readers check type, size and encoding."""
    from habeas.nlp.pipeline import default_extractor

    urls = [web_url(url.strip())] if url.strip() else []   # refused before an upload is saved
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        if file is not None and file.filename:
            name = upload_name(file.filename)
            path = Path(tmp) / saved_name(name)
            with path.open("wb") as out:
                shutil.copyfileobj(file.file, out)   # in chunks: a huge upload never sits in memory
            files.append((path, name))
        if not files and not urls:
            return None
        return ingest_uploads(archive, lambda docs: default_extractor().extract_many(docs), files=files, urls=urls,
                              policy=policy)


def remedies(archive: Archive, person_id: int, seen: Visibility, home: Path | None) -> list[dict]:
    from habeas.remedies.service import remedies_for
    return remedies_for(archive, person_id, seen=seen, home=home)


def other_filings(archive: Archive, person_id: int, seen: Visibility, home: Path | None) -> list[dict]:
    from habeas.remedies.service import remedies_report
    return remedies_report(archive, person_id, seen=seen, home=home)["other_filings"]


def remedies_of(case: dict, timeline: list[dict], home: Path | None) -> list[dict]:
    """The remedies of a person whose case file and timeline the page has read already."""
    from habeas.remedies.service import report_of
    return report_of(case, timeline, home=home)["remedies"]


def alerts(archive: Archive, seen: Visibility, home: Path | None) -> list[dict]:
    from habeas.alerts.service import alerts as all_alerts
    return all_alerts(archive, seen=seen, home=home)


def person_alerts(archive: Archive, person_id: int, seen: Visibility, home: Path | None) -> list[dict]:
    """The open alerts about one person."""
    from habeas.alerts.service import alerts as alerts_of
    return [a for a in alerts_of(archive, seen=seen, person_id=person_id, home=home)
            if (a.get("person") or {}).get("id") == person_id]


def stored_document(archive: Archive, document_id: int, seen: Visibility) -> dict:
    """A document just ingested as the upload page links it: its id, title, outlet, URL and
    the detained persons it went to (archive id and name)."""
    doc = archive.document(document_id, seen=seen)
    names = {p["id"]: p["name"] for p in doc["extract"]["persons"] if p.get("detained")}
    persons = {person: names[local] for local, person in doc["persons"].items() if local in names}
    return {"id": doc["id"], "title": doc["title"], "outlet": doc["outlet"], "url": doc["url"],
            "persons": sorted(persons.items(), key=lambda p: p[1])}


def candidate(archive: Archive, person_id: int, seen: Visibility) -> dict:
    """One side of a possible match, as the review queue sets two side by side: name, other
    spellings, status, country, ages, facilities and documents."""
    case = archive.case_file(person_id, seen=seen)
    values = {slot: [f["value"] for f in facts] for slot, facts in case["facts"].items()}
    return {"id": case["id"], "name": case["name"], "aliases": case["aliases"], "status": case["status"],
            "country": case["country"], "ages": values.get("age", []), "facilities": values.get("facilities", []),
            "documents": case["documents"], "confidential": case["confidential"]}


def saved_searches(archive: Archive, user: str) -> list[dict]:
    """A user's saved searches, each with `href`: the search page showing it again."""
    return [{**s, "href": search_href(s["params"])} for s in archive.saved_searches(user)]


def search_href(params: dict) -> str:
    kept = {k: params[k] for k in SEARCH_KEYS if params.get(k)}
    return "/search" + ("?" + urlencode(kept) if kept else "")


def last_decision(archive: Archive, decided: int | None, merged: int | None, seen: Visibility) -> dict | None:
    """The decision the queue recalls: review item `decided` kept apart (the two names), or
    the person another was just `merged` into; None when unknown, still open or hidden."""
    if decided:
        item = archive.review_item(decided, seen=seen)
        return item if item and item["state"] == "rejected" else None
    if merged:
        name = archive.person_names([merged], seen=seen).get(merged)
        return {"state": "accepted", "candidate": merged, "right": name} if name else None
    return None
