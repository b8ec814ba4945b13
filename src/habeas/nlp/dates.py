"""Temporal expressions: find them, normalise them, resolve them.

Finding takes spaCy's DATE entities and our own patterns (seasons, "later that year",
"two weeks later", "shortly afterward"); durations ("22 years", "four years in") are dropped,
never turned into dates. Normalising uses dateparser and keeps the precision the text gives:
`2012`, `2012-06`, `2012-06-14`, seasons `2024-SU`, unknown year `XXXX-10-20`. Resolving
anchors what is relative: to the publication date ("In September", "last year") or to the
previous event ("two weeks later", "later that year").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc

from habeas.nlp.alternation import skimming, trie_alternation
from habeas.nlp.doccache import text_of
from habeas.nlp.fold import fold
from habeas.nlp.resources import load

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# Full names and the abbreviations "Oct", "Sept."; the dot is left to the surrounding pattern.
# (A trie: what the names longest first match, followed once at each place, alternation.py.)
MONTH_NAMES = trie_alternation(MONTHS)
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "several": 3, "few": 2, "a few": 2, "couple": 2, "a couple of": 2}

# Nouns of events other dates are told relative to: "two weeks after his arrest".
ANCHORS = trie_alternation(load("lexicon")["date_anchors"])
COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|a couple of|\d+)"
# A day range inside a date: "January 8–9, 2024", "from 3 to 15 May", "between 5 and 7 June".
DAY_RANGE = r"\d{1,2}(?:st|nd|rd|th)?\s*(?:[–—-]|to|and|until|till)\s*\d{1,2}(?:st|nd|rd|th)?"

# A four-digit year from the twentieth or twenty-first century: "2012", "in 1997".
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# Expressions spaCy's NER misses or cuts short. Each alternative is one way reports date
# things relative to a year, a season or the previous event (`skimming`: the scan passes over
# words no alternative starts with, in half the time).
EXTRA_DATE = skimming(
    r"\b(?:(?:early|late|mid)[- ](?:" + MONTH_NAMES + r"|19\d\d|20\d\d)"
    r"|(?:in |during )?the (?:spring|summer|autumn|fall|winter)(?: of (?:19|20)\d\d)?"
    r"|(?:spring|summer|autumn|fall|winter) (?:of )?(?:19|20)\d\d"
    r"|(?:later|earlier) (?:that|the same|in the same|this) year|(?:that|the) same year"
    r"|shortly (?:afterwards?|thereafter|after(?:ward)?)|soon after(?:wards?)?"
    r"|(?:the )?(?:next|following) (?:day|week|month|year)"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) "
    r"(?:days?|weeks?|months?|years?) (?:later|earlier|afterwards?|before|ago)"
    r"|(?:(?:the\s+)?(?:next\s+|following\s+)?(?:day|week|month)|" + COUNT + r"\s+(?:days?|weeks?|months?))"
    r"\s+(?:after|before|prior\s+to)\s+(?:his|her|their|the|that|this)\s+(?:[\w\-]+\s+)?(?:" + ANCHORS + r")\b"
    # a day range: the first day ("January 8–9, 2024", "from 3 to 15 May")
    r"|(?:(?:from|between)\s+)?" + DAY_RANGE + r"\s+(?:of\s+)?(?:" + MONTH_NAMES + r")(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:" + MONTH_NAMES + r")\.?\s+" + DAY_RANGE + r"(?:,?\s+(?:19|20)\d\d)?"
    r"|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d"
    r"|(?:the )?(?:next|following) (?:morning|evening|night|afternoon)"
    r"|(?:on |at )?(?:that|the) same (?:day|hearing|session|trial|evening|morning)"
    r"|(?:last|this) (?:" + MONTH_NAMES + r")\b(?!\s+\d)"
    # A month and a year, with or without a day: NER sometimes runs on into "to five years".
    r"|(?:\d{1,2}\s+)?(?:" + MONTH_NAMES + r")\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+(?:19|20)\d\d)\b",
    re.IGNORECASE)
# A day and a month without a year, which NER sometimes runs into the next word ("On 24 June
# Karimov"): capitalised month names only, so the modal "may" never starts a date.
_MONTH_CAPS = trie_alternation(m.capitalize() for m in MONTHS)
DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH_CAPS + r")\b(?:\.(?=\s))?"
                       r"|\b(?:" + _MONTH_CAPS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![,.]?\s*\d)")
# A DATE entity that says how long, not when: "22 years", "six months", "age 37", "50".
DURATION_ONLY = re.compile(
    r"^(?:about |some |nearly |almost |over |more than |up to |at least |barely |only |just |"
    r"the (?:last|past|next|first) |another |an additional |additional )?"
    r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|several|few|a few|many|\d+ \d/\d)?"
    r"[ -]?(?:and a half )?(?:days?|weeks?|months?|years?|decades?|hours?|nights?)(?:[ -]old)?(?: long)?$",
    re.IGNORECASE)
VAGUE = re.compile(r"^(?:recent(?:ly)?|earlier|previously|in recent (?:days|weeks|months|years)|"
                   r"recent (?:days|weeks|months|years)|these days|at the time|the time)$",
                   re.IGNORECASE)
# Words that give a DATE entity a place in time (otherwise it is a duration or an age).
ANCHORED = re.compile(
    r"\b(?:" + MONTH_NAMES + r"|19\d\d|20\d\d|spring|summer|autumn|fall|winter|today|yesterday|"
    r"tonight|this (?:night|morning|evening|week|month|year)|last (?:night|week|month|year)|"
    r"next (?:day|week|month|year)|following (?:day|week|month|year)|later|earlier|ago|"
    r"afterwards?|same year|that year|same (?:day|hearing|session|trial|evening|morning)|"
    r"(?:next|following) (?:morning|evening|night|afternoon)|day after|day before|week after|month after|"
    r"(?:days?|weeks?|months?) (?:after|before|prior to) (?:his|her|their|the|that|this)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)

_PARSER = DateDataParser(languages=["en"], settings={
    "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": [], "PREFER_DATES_FROM": "past"})


@dataclass(frozen=True)
class PartialDate:
    """A date known to some precision. `year` None means the text does not say."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None

    def iso(self) -> str:
        y = f"{self.year:04d}" if self.year else "XXXX"
        if self.season:
            return f"{y}-{self.season}"
        if self.month is None:
            return y if self.year else "XXXX"
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        if self.day:
            return "day"
        if self.month:
            return "month"
        if self.season:
            return "season"
        return "year"


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression found in the text.

    kind: "absolute" (value is set, its year may be unknown), "published" (relative to the
    publication date: delta_days/years), "previous" (relative to the previous event), or
    "vague" (no usable date).
    """

    start: int
    end: int
    text: str
    kind: str
    value: PartialDate | None = None
    unit: str | None = None
    amount: int = 0


def find_dates(doc: Doc) -> list[TimeExpr]:
    """Every temporal expression of the text, in order, without overlaps or durations."""
    text = text_of(doc)
    spans: list[tuple[int, int]] = []
    for pattern in (EXTRA_DATE, DAY_MONTH):
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end()))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.append((ent.start_char, ent.end_char))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[TimeExpr] = []
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        expr = normalise(text[start:end], start, end)
        if expr is not None:
            out.append(expr)
            last_end = end
    return out


def _strip(text: str) -> str:
    text = re.sub(r"^(?:on|in|at|by|since|from|until|during|of|the|this|that)\s+", "", text.strip(),
                  flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text)


def normalise(text: str, start: int = 0, end: int = 0) -> TimeExpr | None:
    """The meaning of one expression, before anchoring; None for durations and ages."""
    clean = text.strip().rstrip(".,;")
    low = fold(clean)
    if VAGUE.match(_strip(low)):
        return TimeExpr(start, end, text, "vague")
    if DURATION_ONLY.match(_strip(low)) or not ANCHORED.search(low):
        return None
    rel = _relative(low)
    if rel is not None:
        return replace(rel, start=start, end=end, text=text)
    value = parse_absolute(clean)
    if value is None:
        return None
    return TimeExpr(start, end, text, "absolute", value)


def _count(word: str) -> int:
    word = fold(word)
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


def _relative(low: str) -> TimeExpr | None:
    m = re.fullmatch(r"(?:on\s+|last\s+)?(" + "|".join(WEEKDAYS) + r")", low)
    if m:  # "on Thursday": the last Thursday up to the publication date
        return TimeExpr(0, 0, low, "published", unit="weekday", amount=WEEKDAYS[m.group(1)])
    if re.search(r"\b(?:today|tonight|this (?:night|morning|evening))\b", low):
        return TimeExpr(0, 0, low, "published", unit="day", amount=0)
    if re.search(r"\b(?:yesterday|last night)\b", low):
        return TimeExpr(0, 0, low, "published", unit="day", amount=-1)
    m = re.search(r"\b(this|last) (week|month|year)\b", low)
    if m and not YEAR.search(low):
        # "on September 3 last year": the day and month stated, the year told relative
        rest = low[:m.start()].strip() if m.group(2) == "year" else ""
        value = parse_absolute(rest) if re.search(rf"\b(?:{MONTH_NAMES})\b", rest) else None
        return TimeExpr(0, 0, low, "published", value=value, unit=m.group(2),
                        amount=0 if m.group(1) == "this" else -1)
    m = re.search(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) "
                  r"(day|week|month|year)s? ago\b", low)
    if m:
        return TimeExpr(0, 0, low, "published", unit=m.group(2), amount=-_count(m.group(1)))
    if re.search(r"\b(?:later|earlier) (?:that|the same|in the same|this) year\b|\b(?:that|the) same year\b"
                 r"|^that year$", low):
        return TimeExpr(0, 0, low, "previous", unit="year", amount=0)
    if re.search(r"\bshortly (?:afterwards?|thereafter|after(?:ward)?)\b|\bsoon after", low):
        return TimeExpr(0, 0, low, "previous", unit="year", amount=0)
    m = re.search(r"\b(?:(" + COUNT + r") )?(day|week|month)(s?) (after|before|prior to) (?:his|her|their|the|that|this) ", low)
    if m and (m.group(1) or not m.group(3)):  # "in the months after his arrest" says no when
        sign = 1 if m.group(4) == "after" else -1
        return TimeExpr(0, 0, low, "previous", unit=m.group(2), amount=sign * (_count(m.group(1)) if m.group(1) else 1))
    m = re.search(r"\b(?:the )?(next|following) (day|week|month|year|morning|evening|night|afternoon)\b", low)
    if m:
        unit = m.group(2) if m.group(2) in ("day", "week", "month", "year") else "day"
        return TimeExpr(0, 0, low, "previous", unit=unit, amount=1)
    if re.search(r"\b(?:that|the) same (?:day|hearing|session|trial|evening|morning)\b", low):
        return TimeExpr(0, 0, low, "previous", unit="day", amount=0)
    m = re.search(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) "
                  r"(day|week|month|year)s? (later|earlier|afterwards?|before)\b", low)
    if m:
        sign = -1 if m.group(3) in ("earlier", "before") else 1
        return TimeExpr(0, 0, low, "previous", unit=m.group(2), amount=sign * _count(m.group(1)))
    return None


def parse_absolute(text: str) -> PartialDate | None:
    """"June 2012" -> 2012-06; "October 20" -> XXXX-10-20; "the summer of 2024" -> 2024-SU."""
    low = _strip(fold(text))
    low = re.sub(r"^(?:early|late|mid)[- ]", "", low)
    # a range of days or months dates by its start: "8–9 January 2024", "between May and July 2023"
    low = re.sub(r"^(?:from|between)\s+", "", low)
    low = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:[–—-]|to|and|until|till)\s*\d{1,2}(?:st|nd|rd|th)?\b", r"\1", low)
    low = re.sub(rf"^(?:last|this|past|earlier in|later in) (?=(?:{MONTH_NAMES})\b)", "", low)
    year_m = YEAR.search(low)
    year = int(year_m.group(1)) if year_m else None
    for name, code in SEASONS.items():
        if re.search(rf"\b{name}\b", low):
            return PartialDate(year=year, season=code)
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)", low)
    if m:  # numeric dates are day-first in the reports' regions (05.10.2017, 27/01/2017)
        d, mo, y = (int(g) for g in m.groups())
        return _checked(y, mo, d)
    return _parse_cached(low, year)


@lru_cache(maxsize=4096)
def _parse_cached(low: str, year: int | None) -> PartialDate | None:
    has_month = re.search(rf"\b(?:{MONTH_NAMES})\b", low)
    if not has_month:
        if year is not None and re.fullmatch(r"(?:the )?(?:year )?(?:of )?\d{4}s?", low):
            return PartialDate(year=year)
        if year is not None:
            return PartialDate(year=year)
        return None
    # dateparser fills a missing year with the current one; we keep "unknown" instead.
    probe = low if year is not None else f"{low} 2000"
    parsed = month_day(probe)
    if parsed is None:
        return None
    month, day, period = parsed
    day = day if period == "day" and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", low.replace(str(year or ""), "")) else None
    return PartialDate(year=year, month=month, day=day)


# What dateparser makes of the commonest forms ("june 2012", "june 14, 2012", "14th june 2012",
# "oct. 18 2012"), read without it: it takes milliseconds for each.
_ABBREVIATIONS = {name.lower() for name in calendar.month_abbr if name} | {"sept"}
_COMMON = re.compile(r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)? )?(?P<month>" + MONTH_NAMES + r")(?P<dot>\.)?"
                     r"(?: (?P<d2>\d{1,2})(?:st|nd|rd|th)?)?(?P<comma>,)? (?P<year>(?:19|20)\d\d)")


def month_day(text: str) -> tuple[int, int, str] | None:
    """(month, day, period) of a folded expression with a year, as dateparser reads it
    (`period` "day" or "month"; the day is 1 for a month); None where it reads no date.
    tests/test_dates.py checks the forms read here against dateparser."""
    m = _COMMON.fullmatch(text)
    if m and not (m["d1"] and m["d2"]) and not (m["dot"] and m["month"] not in _ABBREVIATIONS) \
            and not (m["comma"] and not m["d2"]):
        month, day, year = MONTHS[m["month"]], int(m["d1"] or m["d2"] or 0), int(m["year"])
        if not day:
            return month, 1, "month"
        if day <= calendar.monthrange(year, month)[1]:
            return month, day, "day"
    data = _PARSER.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.month, data.date_obj.day, data.period


def _checked(y: int, mo: int, d: int) -> PartialDate | None:
    try:
        date(y, mo, d)
    except ValueError:
        return None
    return PartialDate(y, mo, d)


def parse_iso(value: str | None) -> PartialDate | None:
    """Our own ISO strings back into a PartialDate ("2012-06", "XXXX-10-20", "2024-SU")."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4}|XXXX)(?:-(SP|SU|FA|WI)|-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    y = None if m.group(1) == "XXXX" else int(m.group(1))
    return PartialDate(y, int(m.group(3)) if m.group(3) else None,
                       int(m.group(4)) if m.group(4) else None, m.group(2))


def anchor_to_published(value: PartialDate, published: PartialDate | None) -> PartialDate:
    """Give a yearless date the latest year that does not put it after publication."""
    if value.year is not None or published is None or published.year is None:
        return value
    year = published.year
    if value.month and published.month:
        if (value.month, value.day or 1) > (published.month, published.day or 31):
            year -= 1
    return replace(value, year=year)


def _shift(base: PartialDate, unit: str, amount: int) -> PartialDate | None:
    if base.year is None and unit == "year":
        return None
    if unit == "year":
        return PartialDate(year=base.year + amount) if amount else PartialDate(year=base.year)
    if base.month is None:
        return PartialDate(year=base.year)  # "two weeks after 2012" is still 2012
    if base.day is not None:
        step = relativedelta(months=amount) if unit == "month" else timedelta(days={"day": 1, "week": 7}[unit] * amount)
        d = date(base.year or 2000, base.month, base.day) + step
        return PartialDate(d.year if base.year else None, d.month, d.day)
    months = {"day": 0, "week": 0, "month": 1}[unit] * amount
    if unit == "week" and abs(amount) >= 4:
        months = amount // 4
    idx = (base.month - 1) + months
    y = (base.year + idx // 12) if base.year else None
    return PartialDate(y, idx % 12 + 1, None)


def resolve(expr: TimeExpr, published: PartialDate | None,
            previous: PartialDate | None, narrative: PartialDate | None = None) -> PartialDate | None:
    """The date an expression stands for, given the publication date, the previous event
    and the narrative year (the last year the text stated). A yearless "On December 12"
    takes the publication's year when the report has one, else the narrative's."""
    if expr.kind == "absolute" and expr.value is not None:
        if expr.value.year is None and (published is None or published.year is None) \
                and narrative is not None and narrative.year is not None:
            return replace(expr.value, year=narrative.year)
        return anchor_to_published(expr.value, published)
    if expr.kind == "published":
        if published is None or published.year is None:
            return None
        if expr.unit == "weekday":
            if not published.day:
                return None
            pub = date(published.year, published.month, published.day)
            d = pub - timedelta(days=(pub.weekday() - expr.amount) % 7)
            return PartialDate(d.year, d.month, d.day)
        if expr.unit == "day" and published.day:
            d = date(published.year, published.month, published.day) + timedelta(days=expr.amount)
            return PartialDate(d.year, d.month, d.day)
        if expr.unit == "week" and published.day:
            d = date(published.year, published.month, published.day) + timedelta(days=7 * expr.amount)
            return PartialDate(d.year, d.month)
        if expr.unit in ("day", "week"):
            return PartialDate(published.year, published.month)
        if expr.unit == "year" and expr.value is not None:
            return replace(expr.value, year=published.year + expr.amount)
        return _shift(PartialDate(published.year, published.month if expr.unit == "month" else None),
                      expr.unit, expr.amount)
    if expr.kind == "previous" and previous is not None:
        return _shift(previous, expr.unit or "year", expr.amount)
    return None
