"""What the top of a person's page says at a glance: status, days held, last news and the
next remedy step with its deadline (the open alerts are loaded apart: they read the archive)."""

from __future__ import annotations

from datetime import date

from habeas.remedies.periods import period

# Statuses in which a person is still held: their days held run to today.
HELD = ("imprisoned", "pretrial", "house_arrest", "psychiatric", "unknown")


def summary(case: dict, events: list[dict], remedies: list[dict], today: date) -> dict:
    arrests = [period(e["date"]) for e in events if e["type"] == "arrest"]
    arrests = [p for p in arrests if p]
    since = min(arrests)[0] if arrests else None
    until = today if case["status"] in HELD else _last(events, ("release", "death"))
    days = (until - since).days if since and until and until >= since else None
    news = [d.get("published") for d in case["documents"]] + [e["date"] for e in events]
    dated = [(period(n)[1], n) for n in news if n and period(n)]
    return {"status": case["status"], "held_since": since.isoformat() if since else None, "days_held": days,
            "last_news": max(dated)[1] if dated else None,
            "next": next_step(remedies)}


def _last(events: list[dict], types: tuple[str, ...]) -> date | None:
    spans = [period(e["date"]) for e in events if e["type"] in types]
    return max((s[0] for s in spans if s), default=None)


def next_step(remedies: list[dict]) -> dict | None:
    """The remedy step due first: a step or a remedy against a refusal with the nearest
    deadline, else the first next step of a remedy under way."""
    steps = []
    for r in remedies:
        if r.get("state") == "not_started" and not r.get("events"):
            continue   # only remedies under way (as the page lists them)
        if r.get("next_step"):
            steps.append({"remedy": r["title"], "step": r["next_step"]["title"],
                          "file_by": ((r["next_step"].get("deadline") or {}).get("file_by"))})
        for option in r.get("after_refusal") or []:
            steps.append({"remedy": r["title"], "step": option["title"],
                          "file_by": ((option.get("deadline") or {}).get("file_by"))})
    if not steps:
        return None
    return min(steps, key=lambda s: (s["file_by"] is None, s["file_by"] or ""))
