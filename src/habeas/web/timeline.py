"""A person's timeline drawn as SVG: one lane per event type (the legend's colours), a dated
axis of years, a day as a point and a month, a season or a year as a bar as wide as the time it
may mean (a vague date never looks precise). Events of the same period are spread over the
lane's sub-rows, never drawn on top of each other; each links to its line in the list below."""

from __future__ import annotations

from datetime import date

from habeas.remedies.periods import period

WIDTH, LEFT, RIGHT = 760, 120, 12
SUB = 14            # height of a sub-row of a lane
GAP = 8             # space between lanes
AXIS = 34           # height of the axis with its year labels
MIN_LABEL_PX = 38   # year labels closer than this are thinned out (every 2nd, 5th, 10th year)
MIN_SPACING = 6     # marks closer than this (px) go to different sub-rows


def layout(events: list[dict]) -> dict:
    """What the SVG template draws: `lanes` (type, y, height, marks with x, width, row), `years`
    (x, label or None), the `legend` types, and `undrawn`: events whose year is unknown or
    undated. Each mark keeps the index of its event in `events` (for its link)."""
    spans = [(i, e, period(e["date"])) for i, e in enumerate(events)]
    dated = [(i, e, s) for i, e, s in spans if s]
    undrawn = [e for _, e, s in spans if not s]
    if not dated:
        return {"lanes": [], "years": [], "quarters": [], "legend": [], "undrawn": undrawn, "height": 0, "width": WIDTH}
    first = date(min(s[0].year for _, _, s in dated), 1, 1)
    last = date(max(s[1].year for _, _, s in dated) + 1, 1, 1)
    scale = (WIDTH - LEFT - RIGHT) / max(1, (last - first).days)
    types = list(dict.fromkeys(e["type"] for _, e, _ in sorted(dated, key=lambda d: d[2][0])))
    lanes, y = [], AXIS
    for kind in types:
        ends: list[float] = []     # the right edge of the last mark in each sub-row
        marks = []
        for i, e, (start, end) in sorted((d for d in dated if d[1]["type"] == kind), key=lambda d: d[2][0]):
            x = LEFT + (start - first).days * scale
            width = max(3.0, ((end - start).days + 1) * scale)
            row = next((r for r, edge in enumerate(ends) if x >= edge + MIN_SPACING), len(ends))
            if row == len(ends):
                ends.append(0.0)
            ends[row] = x + (width if start != end else 4)
            marks.append({"index": i, "event": e, "x": round(x, 1), "width": round(width, 1), "row": row,
                          "y": y + 4 + row * SUB, "point": start == end, "date": e["date"]})
        height = len(ends) * SUB + GAP
        lanes.append({"type": kind, "label": kind.replace("_", " "), "y": y, "height": height, "marks": marks})
        y += height
    per_year = 365.25 * scale
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * per_year >= MIN_LABEL_PX), 100)
    years = [{"x": round(LEFT + (date(yr, 1, 1) - first).days * scale, 1),
              "label": str(yr) if (yr - first.year) % step == 0 and yr < last.year else None,
              "mid": round(LEFT + ((date(yr, 1, 1) - first).days + 182) * scale, 1)}
             for yr in range(first.year, last.year + 1)]
    # A span of a few years also gets its quarters (Apr, Jul, Oct), so a month can be read off.
    quarters = [{"x": round(LEFT + (date(yr, m, 1) - first).days * scale, 1), "label": label}
                for yr in range(first.year, last.year) for m, label in ((4, "Apr"), (7, "Jul"), (10, "Oct"))
                ] if last.year - first.year <= 3 else []
    return {"lanes": lanes, "years": years, "quarters": quarters, "legend": [lane["label"] for lane in lanes], "undrawn": undrawn,
            "height": y + 4, "width": WIDTH, "left": LEFT}
