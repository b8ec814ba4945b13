"""extract-v1 dates as the span of days they cover: "2024-09" is 1-30 September 2024.

Remedies and alerts count days between events whose dates have different precisions; a span
lets them say "20-49 days" instead of pretending to a precision the report never gave."""

from __future__ import annotations

import calendar
import re
from datetime import date

# YYYY, YYYY-MM, YYYY-MM-DD, or a season YYYY-SP|SU|FA|WI (TIMEX3). Unknown years (XXXX-…)
# do not match: no day count can be made from them.
DATE = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI)(?:-(\d{2}))?)?$")
# Northern-hemisphere meteorological seasons; winter runs into the next year.
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day a date can mean, or None when its year is unknown."""
    match = DATE.match(value or "")
    if not match:
        return None
    year, part, day = int(match[1]), match[2], match[3]
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    if part in SEASONS:
        first, last = SEASONS[part]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        return date(year, first, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    month = int(part)
    if day is not None:
        return (date(year, month, int(day)),) * 2
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def days_between(earlier: str | None, later: str | date | None) -> tuple[int, int] | None:
    """The fewest and the most days from `earlier` to `later` (a date string or a day). An
    `earlier` of unknown year ("XXXX-09") is taken to be the last such month before a `later`
    event: a petition of September answered on 2024-10-20 was filed in September 2024 (never
    before today: a report of unknown date may be years old)."""
    end = (later, later) if isinstance(later, date) else period(later)
    start = period(earlier) or (period(_year_before(earlier, end[1])) if end and isinstance(later, str) else None)
    if start is None or end is None:
        return None
    return max(0, (end[0] - start[1]).days), max(0, (end[1] - start[0]).days)


def _year_before(value: str | None, anchor: date) -> str | None:
    """"XXXX-09" → "2024-09" for an anchor in October 2024; None for anything else."""
    match = re.fullmatch(r"XXXX-(\d{2})(-\d{2})?", value or "")
    if not match:
        return None
    month, day = int(match[1]), int(match[2][1:]) if match[2] else 1
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    return f"{year}-{match[1]}{match[2] or ''}"


def sort_key(value: str | None) -> tuple:
    """Known dates in order, then dates of an unknown year, then undated."""
    span = period(value)
    return (span is None, value is None, span[0] if span else date.min, value or "")


def span_text(span: dict | None) -> str:
    """Days given as {"min": 20, "max": 49}: "20–49", or "42" when both agree."""
    if not span:
        return ""
    return str(span["max"]) if span["min"] == span["max"] else f"{span['min']}–{span['max']}"
