"""Alerts over the archive, with the clock passed in (`now`) so that tests control time.

Each rule fires only when its condition certainly holds: a date known to the month counts
from the month's last day ("no answer for more than 30 days" after a petition "in September"
fires from 31 October on). Every alert carries the day it became due; `since` keeps those
due on or after a day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone

from habeas.alerts.rules import Rules, load_rules
from habeas.remedies.periods import period, sort_key
from habeas.remedies.tracking import Told
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

# Statuses of people no longer held: no proof-of-life or sentence alerts for them.
NOT_HELD = ("released", "deceased", "exiled")


def alerts(archive: Archive, since: date | str | None = None, now: datetime | date | None = None, *,
           rules: Rules | None = None, seen: Visibility = NOTHING_CONFIDENTIAL) -> list[dict]:
    """Alerts of every enabled rule, the most recently due first."""
    rules = rules or load_rules()
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    today = now.date() if isinstance(now, datetime) else now
    since = date.fromisoformat(since) if isinstance(since, str) else since
    people = {p["id"]: p for p in archive.persons(seen=seen)}
    told: dict[int, list[dict]] = defaultdict(list)
    for event in archive.events(seen=seen):
        if event["person"] in people:
            told[event["person"]].append(event)
    found = []
    checks = [(rules.no_news, lambda: _no_news(rules, people, told, today)),
              (rules.unanswered_petition, lambda: _unanswered(rules, people, told, today)),
              (rules.serious_health, lambda: _serious_health(rules, people, told, today)),
              (rules.sentence_end, lambda: _sentence_end(people, told, today)),
              (rules.watched_report, lambda: _watched_reports(archive, people, now))]
    for rule, check in checks:
        if rule.enabled:
            found += [{**a, "title": rule.title} for a in check()]
    if since:
        found = [a for a in found if a["date"] >= since.isoformat()]
    return sorted(found, key=lambda a: (a["date"], a["rule"], a["person"]["id"]), reverse=True)


def _alert(rule: str, person: dict, due: date, message: str, events: list[dict] = ()) -> dict:
    return {"rule": rule, "person": {"id": person["id"], "name": person["name"]}, "date": due.isoformat(),
            "message": message, "sources": [_source(e) for e in events]}


def _source(event: dict) -> dict:
    return {"type": event["type"], "date": event["date"], "evidence": event["evidence"],
            "document": event["document"]}


def _last_day(value: str | None) -> date | None:
    span = period(value)
    return span[1] if span else None


def _held(person: dict) -> bool:
    return person["detained"] and person["status"] not in NOT_HELD


def _no_news(rules: Rules, people, told, today: date):
    days = rules.no_news.days
    for pid, person in people.items():
        if not _held(person):
            continue
        known = [d for d in [*(_last_day(doc["published"]) for doc in person["documents"]),
                             *(_last_day(e["date"]) for e in told[pid])] if d and d <= today]
        if not known:
            continue
        latest = max(known)
        if (today - latest).days > days:
            yield _alert("no_news", person, latest + timedelta(days=days + 1),
                         f"no news since {latest.isoformat()} ({(today - latest).days} days, more than {days})")


def _unanswered(rules: Rules, people, told, today: date):
    days = rules.unanswered_petition.days
    for pid, person in people.items():
        events = sorted(told[pid], key=lambda e: sort_key(e["date"]))
        for petition in (e for e in events if e["type"] == "petition"):
            filed = _last_day(petition["date"])
            if filed is None:
                continue
            answered = any(e["type"] == "response" and (
                sort_key(e["date"]) >= sort_key(petition["date"])
                or (e["date"] is None and e["document"]["id"] == petition["document"]["id"]))
                for e in events)
            if not answered and (today - filed).days > days:
                to = ", ".join(petition["attrs"].get("to") or []) or "the authorities"
                yield _alert("unanswered_petition", person, filed + timedelta(days=days + 1),
                             f"petition of {petition['date']} to {to}: no answer reported after more "
                             f"than {days} days", [petition])


def _serious_health(rules: Rules, people, told, today: date):
    rule = rules.serious_health
    for pid, person in people.items():
        for event in told[pid]:
            if event["type"] not in rule.types:
                continue
            span = period(event["date"] or event["document"]["published"])
            if span is None or span[0] > today or (today - span[1]).days > rule.within_days:
                continue
            serious = event["type"] in rule.always or any(
                Told(event["type"], event["date"], event["attrs"], [event]).has(w) for w in rule.words)
            if serious:
                what = event["attrs"].get("condition") or event["attrs"].get("what") or event["type"]
                yield _alert("serious_health", person, span[0], f"{event['type']} {event['date'] or ''}: {what}",
                             [event])


def _sentence_end(people, told, today: date):
    for pid, person in people.items():
        if not _held(person):
            continue
        events = sorted(told[pid], key=lambda e: sort_key(e["date"]))
        for sentence in (e for e in events if e["type"] == "sentence"):
            term = sentence["attrs"].get("term") or {}
            if not term or term.get("life") or period(sentence["date"]) is None:
                continue
            arrests = [e for e in events if e["type"] == "arrest" and period(e["date"])
                       and sort_key(e["date"]) <= sort_key(sentence["date"])]
            start = _last_day((arrests[-1] if arrests else sentence)["date"])
            end = _add_term(start, term)
            released = any(e["type"] == "release" and sort_key(e["date"]) >= sort_key(sentence["date"])
                           for e in events)
            if end < today and not released:
                yield _alert("sentence_end", person, end + timedelta(days=1),
                             f"a {_term_text(term)} term counted from {start.isoformat()} ended by "
                             f"{end.isoformat()}; no release reported", [sentence])


def _add_term(start: date, term: dict) -> date:
    months = start.month - 1 + int(term.get("years", 0)) * 12 + int(term.get("months", 0))
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return date(year, month, day) + timedelta(days=int(term.get("days", 0)))


def _term_text(term: dict) -> str:
    return " ".join(f"{term[k]} {k}" for k in ("years", "months", "days") if term.get(k))


def _watched_reports(archive: Archive, people, now):
    """Reports ingested after the watch began: the audit log orders both, to the row."""
    watches = archive.watched(everyone=True)
    if not watches:
        return
    now = now if isinstance(now, datetime) else datetime.combine(now, datetime.max.time())
    log = archive.audit_log(limit=None)
    ingested = {int(r["target"].split(":")[1]): (r["id"], datetime.fromisoformat(r["at"]))
                for r in log if r["action"] == "ingest"}
    began = {(r["target"], r["actor"]): r["id"] for r in reversed(log) if r["action"] == "watch"}
    for watch in watches:
        person = people.get(watch["person"])
        start = began.get((f"person:{watch['person']}", watch["actor"]))
        if person is None or start is None:
            continue
        for doc in person["documents"]:
            entry, at = ingested.get(doc["id"], (None, None))
            if entry is not None and entry > start and at <= now:
                yield {**_alert("watched_report", person, at.date(),
                                f"new report for {watch['actor']}: {doc['title'] or doc['url'] or doc['path']}"),
                       "sources": [{"document": {k: doc.get(k) for k in ("id", "title", "path", "url", "published")}}]}
