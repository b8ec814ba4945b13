"""Alerts over the archive, with the clock passed in (`now`) so that tests control time.

Each rule fires only when its condition certainly holds: a date known to the month counts
from the month's last day ("no answer for more than 30 days" after a petition "in September"
fires from 31 October on). Every alert carries the day it became due; `since` keeps those
due on or after a day. A rule fires at most once for a person (the alert due first, naming
how many more there are), and only for a detained person: an entry whose name is a place or a
single word, or of whom nothing is told of a detention, is an extraction error, not someone to alert about."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from dateutil.relativedelta import relativedelta

from habeas.alerts.rules import Rules, load_rules
from habeas.remedies.periods import period, sort_key
from habeas.remedies.tracking import Told
from habeas.store.archive import Archive
from habeas.store.visibility import NOTHING_CONFIDENTIAL, Visibility

# Statuses of people no longer held: no proof-of-life or sentence alerts for them.
NOT_HELD = ("released", "deceased", "exiled")


def alerts(archive: Archive, since: date | str | None = None, now: datetime | date | None = None, *,
           rules: Rules | None = None, seen: Visibility = NOTHING_CONFIDENTIAL,
           person_id: int | None = None, home: Path | None = None) -> list[dict]:
    """Alerts of every enabled rule, the most recently due first; with `person_id`, only
    that person's (read alone, not the whole archive). `home`: the user's folder (the
    settings' HABEAS_HOME, passed down by the entry point) of their alerts.yml, procedures
    and illness lists; None: the shipped ones alone."""
    rules = rules or load_rules(home)
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    today = now.date() if isinstance(now, datetime) else now
    since = date.fromisoformat(since) if isinstance(since, str) else since
    people = {p["id"]: p for p in archive.persons(seen=seen)} if person_id is None else \
        {person_id: archive.case_file(person_id, seen=seen)}
    told: dict[int, list[dict]] = defaultdict(list)
    for event in archive.events(person_id=person_id, seen=seen):
        if event["person"] in people:
            told[event["person"]].append(event)
    people = {pid: p for pid, p in people.items() if is_detainee(p, told[pid])}
    found = []
    checks = [(rules.no_news, lambda: _no_news(rules, people, told, today)),
              (rules.unanswered_petition, lambda: _unanswered(rules, people, told, today)),
              (rules.serious_health, lambda: _serious_health(rules, people, told, today)),
              (rules.sentence_end, lambda: _sentence_end(rules, people, told, today)),
              (rules.filing_deadline, lambda: _filing_deadlines(
                  rules, archive, people, today, seen=seen, home=home)),
              (rules.watched_report, lambda: _watched_reports(archive, people, now))]
    for rule, check in checks:
        if rule.enabled:
            found += [{**a, "title": rule.title} for a in _one_per_person(list(check()))]
    if since:
        found = [a for a in found if a["date"] >= since.isoformat()]
    return sorted(found, key=lambda a: (a["date"], a["rule"], a["person"]["id"]), reverse=True)


def is_detainee(person: dict, events: list[dict]) -> bool:
    """A detained person worth an alert: held, named by at least two words none of which is a
    country or a place ("Phnom Penh"), and with something told of the detention (an event, or
    a status such as imprisoned)."""
    from habeas.nlp.countries import _forms
    words = person["name"].split()
    places = _forms()
    told = bool(events) or person.get("status") not in (None, "unknown")
    return (bool(person["detained"]) and len(words) >= 2 and told
            and person["name"].lower() not in places and not any(w.lower() in places for w in words))


def _one_per_person(found: list[dict]) -> list[dict]:
    """The alert of each (rule, person) due first; the others are counted in its message."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for a in found:
        groups[(a["rule"], a["person"]["id"])].append(a)
    out = []
    for group in groups.values():
        group.sort(key=lambda a: a["date"])
        first = group[0]
        if len(group) > 1 and first["rule"] != "watched_report":
            first = {**first, "message": f"{first['message']} (and {len(group) - 1} more)",
                     "args": {**first.get("args", {}), "more": len(group) - 1},
                     "sources": [s for a in group for s in a["sources"]]}
            out.append(first)
        else:
            out.extend(group if first["rule"] == "watched_report" else [first])
    return out


def _alert(rule: str, person: dict, due: date, message: str, events: list[dict] = (), **args) -> dict:
    """An alert; `args`: what its message says, for a front end that words it in another language."""
    return {"rule": rule, "person": {"id": person["id"], "name": person["name"]}, "date": due.isoformat(),
            "message": message, "args": args, "sources": [_source(e) for e in events]}


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
                         f"no news since {latest.isoformat()} ({(today - latest).days} days, more than {days})",
                         since=latest.isoformat(), days=(today - latest).days, limit=days)


def _unanswered(rules: Rules, people, told, today: date):
    """A petition with no answer reported after `days`. An undated petition was filed on the
    day of the report that tells it at the latest, so the days count from that day."""
    days = rules.unanswered_petition.days
    for pid, person in people.items():
        events = sorted(told[pid], key=lambda e: sort_key(e["date"]))
        for petition in (e for e in events if e["type"] == "petition"):
            filed = _last_day(petition["date"]) or _last_day(petition["document"]["published"])
            if filed is None or filed > today:
                continue
            answered = any(e["type"] == "response" and (
                e["document"]["id"] == petition["document"]["id"]
                or (period(petition["date"]) and sort_key(e["date"]) >= sort_key(petition["date"]))
                or (not period(petition["date"]) and (_last_day(e["date"]) or _last_day(e["document"]["published"])
                                                      or date.min) >= filed))
                for e in events)
            if not answered and (today - filed).days > days:
                to = ", ".join(petition["attrs"].get("to") or []) or "the authorities"
                when = petition["date"] or f"a date not given (told on {filed.isoformat()})"
                yield _alert("unanswered_petition", person, filed + timedelta(days=days + 1),
                             f"petition of {when} to {to}: no answer reported after more "
                             f"than {days} days", [petition], when=petition["date"], told=filed.isoformat(),
                             to=list(petition["attrs"].get("to") or []), limit=days)


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
                             [event], type=event["type"], when=event["date"], what=what)


def _sentence_end(rules: Rules, people, told, today: date):
    """The end of the terms a person serves, counted from the arrest that began the current
    detention: a later sentence that says it is additional ("an additional six months") runs
    after the earlier term; another one restates the same term (an appeal that upheld it)."""
    additional = [w.lower() for w in rules.sentence_end.consecutive]
    for pid, person in people.items():
        if not _held(person):
            continue
        events = sorted(told[pid], key=lambda e: sort_key(e["date"]))
        releases = [e for e in events if e["type"] == "release" and period(e["date"])]
        sentences = [e for e in events if e["type"] == "sentence" and period(e["date"])
                     and (e["attrs"].get("term") or {}) and not e["attrs"]["term"].get("life")
                     and not any(sort_key(r["date"]) >= sort_key(e["date"]) for r in releases)]
        if not sentences:
            continue
        first = sentences[0]
        arrests = [e for e in events if e["type"] == "arrest" and period(e["date"])
                   and sort_key(e["date"]) <= sort_key(first["date"])]
        start = _last_day((arrests[-1] if arrests else first)["date"])
        end, term_list = start, []
        for sentence in sentences:
            term = sentence["attrs"]["term"]
            kept = {k: term[k] for k in ("years", "months", "days") if term.get(k)}
            if any(w in sentence["evidence"].lower() for w in additional):
                end, term_list = _add_term(end, term), term_list + [kept]
            elif _add_term(start, term) > end or not term_list:
                end, term_list = max(end, _add_term(start, term)), [kept]
        if end < today:
            served = " and ".join(_term_text(t) for t in term_list)
            yield _alert("sentence_end", person, end + timedelta(days=1),
                         f"a {served} term counted from {start.isoformat()} ended by "
                         f"{end.isoformat()}; no release reported", sentences, terms=term_list,
                         start=start.isoformat(), end=end.isoformat())


def _filing_deadlines(rules: Rules, archive: Archive, people, today: date, *, seen: Visibility,
                      home: Path | None):
    """The last day to file a remedy (after a refusal, or the next step of a refused one)
    falls within `within_days`: due that many days before it."""
    from habeas.remedies.service import remedies_report
    within = rules.filing_deadline.within_days
    for pid, person in people.items():
        if not _held(person):
            continue
        report = remedies_report(archive, pid, today, seen=seen, home=home)
        for remedy in report["remedies"]:
            items = ([remedy["next_step"]] if remedy["next_step"] else []) + remedy["after_refusal"]
            for item in items:
                deadline = item.get("deadline") or {}
                if deadline.get("file_by") and 0 <= deadline["days_left"] <= within:
                    last = date.fromisoformat(deadline["file_by"])
                    what = item.get("title") if "procedure" in item else f"{remedy['title']}: {item['title']}"
                    events = [{"type": "response", "date": deadline["counted_from"], "evidence": s["evidence"],
                               "document": {"id": s["document"], "title": s["title"]}}
                              for s in (remedy["answer"] or {}).get("sources", [])]
                    yield _alert("filing_deadline", person, last - timedelta(days=within),
                                 f"{what}: file by {last.isoformat()} ({deadline['days_left']} days left; "
                                 f"{deadline['rule']})", events, what=what, file_by=last.isoformat(),
                                 left=deadline["days_left"], law=deadline["rule"])


def _add_term(start: date, term: dict) -> date:
    # The years and months first (the day kept, or the month's last), then the days.
    return start + relativedelta(years=int(term.get("years", 0)), months=int(term.get("months", 0)),
                                 days=int(term.get("days", 0)))


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
                                f"new report for {watch['actor']}: {doc['title'] or doc['url'] or doc['path']}",
                                who=watch["actor"], title=doc["title"] or doc["url"] or doc["path"]),
                       "sources": [{"document": {k: doc.get(k) for k in ("id", "title", "path", "url", "published")}}]}
