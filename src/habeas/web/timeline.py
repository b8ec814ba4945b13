"""A person's timeline drawn as SVG: a day is a point, a month, a season or a year is a bar
as wide as the time it may mean, so a vague date never looks precise."""

from __future__ import annotations

from datetime import date

from habeas.remedies.periods import period

WIDTH, ROW, LEFT = 720, 22, 130


def layout(events: list[dict]) -> dict:
    """Rows for the SVG template: each event's x, width, precision, and the axis years.
    Events of an unknown year or undated are listed apart (`undrawn`)."""
    spans = [(e, period(e["date"])) for e in events]
    dated = [(e, s) for e, s in spans if s]
    if not dated:
        return {"rows": [], "years": [], "undrawn": events, "height": 0, "width": WIDTH}
    first = date(min(s[0].year for _, s in dated), 1, 1)
    last = date(max(s[1].year for _, s in dated) + 1, 1, 1)
    scale = (WIDTH - LEFT - 10) / max(1, (last - first).days)
    rows = []
    for i, (e, (start, end)) in enumerate(dated):
        x = LEFT + (start - first).days * scale
        rows.append({"event": e, "y": 20 + i * ROW, "x": round(x, 1),
                     "width": round(max(2.0, ((end - start).days + 1) * scale), 1),
                     "point": start == end, "label": e["type"].replace("_", " "), "date": e["date"]})
    years = [{"year": y, "x": round(LEFT + (date(y, 1, 1) - first).days * scale, 1)}
             for y in range(first.year, last.year + 1)]
    return {"rows": rows, "years": years, "undrawn": [e for e, s in spans if not s],
            "height": 40 + len(rows) * ROW, "width": WIDTH}
