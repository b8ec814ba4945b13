"""Russian temporal expressions: found here, resolved by the English resolver
(habeas.nlp.dates.resolve) so both languages anchor relative dates the same way.

«20 октября» -> XXXX-10-20, «в июне 2012 года» -> 2012-06, «летом 2024 года» -> 2024-SU,
«в сентябре» -> the publication's September, «через две недели» and «в том же году» ->
the previous event. Durations («семь лет») are never dates.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from habeas.nlp.dates import PartialDate, TimeExpr
from habeas.nlp.dates import resolve as resolve_en
from habeas.nlp.ru import numbers
from habeas.nlp.ru.resources import fold, load

MONTH_STEMS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
               "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
# A month name in the nominative, genitive or prepositional: «май», «мая», «мае».
MONTH = (r"(?P<month>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
         r"август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])")
YEAR = r"(?P<year>(?:19|20)\d\d)"
YEAR_WORD = r"(?:\s*(?:-?го\s+)?(?:года|году|год|г\.|г\b))"
# «этого года», «прошлого года»: a year told relative to the report's own date.
REL_YEAR = r"(?:\s+(?P<rel>этого|текущего|нынешнего|прошлого|позапрошлого|того\s+же)\s+года)"
SEASON = (r"(?P<season>весн(?:ой|ы|а|у)|лет(?:ом|а|о)|осен(?:ью|и|ь)|зим(?:ой|ы|а|у))")
SEASON_CODES = {"весн": "SP", "лет": "SU", "осен": "FA", "зим": "WI"}
UNIT = (r"(?P<unit>дн(?:я|ей|ям)|день|сут(?:ок|ки)|недел(?:ю|и|ь|я)|месяц(?:а|ев)?|"
        r"год(?:а)?|лет)")
UNITS = {"д": "day", "с": "day", "н": "week", "м": "month", "г": "year", "л": "year"}

# Each pattern is one way reports write a date; the first that matches at a place wins.
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:-?го)?\s+" + MONTH + r"\b(?:\s+" + YEAR + YEAR_WORD + r"?)?"
                       + REL_YEAR + r"?", re.IGNORECASE)
# The day as an ordinal word: «пятого декабря», «двадцать третьего мая» (data/lexicon.yml `ordinals`).
DAY_WORD_MONTH = re.compile(r"\b(?:(?P<tens>двадцать|тридцать)\s+)?(?P<ordinal>[а-яё]+(?:ого|его))\s+" + MONTH +
                            r"\b(?:\s+" + YEAR + YEAR_WORD + r"?)?" + REL_YEAR + r"?", re.IGNORECASE)
# A range or a pair of days dates by its first: «с 3 по 15 марта», «3–5 мая 2023 года», «4 и 6 сентября».
DAY_RANGE = re.compile(r"(?:\b(?:с|со)\s+)?\b(?P<day>\d{1,2})(?:-?го)?\s*(?:[–—-]|\s(?:по|до|и)\s)\s*\d{1,2}(?:-?го)?\s+"
                       + MONTH + r"\b(?:\s+" + YEAR + YEAR_WORD + r"?)?" + REL_YEAR + r"?", re.IGNORECASE)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b")
MONTH_YEAR = re.compile(r"(?:\b(?:в|во|с|до|к|по)\s+(?:(?:начале|конце|середине|начала|конца|середины)\s+)?|"
                        r"\b(?:в\s+)?(?:начале|конце|середине)\s+)" + MONTH + r"\b(?:\s+" + YEAR +
                        YEAR_WORD + r"?)?" + REL_YEAR + r"?", re.IGNORECASE)
# «мая 2022 года» without a preposition before it.
MONTH_YEAR_BARE = re.compile(r"\b" + MONTH + r"\s+" + YEAR + YEAR_WORD + r"?", re.IGNORECASE)
SEASON_DATE = re.compile(r"(?:\b(?:в\s+)?(?:начале|конце|середине)\s+)?\b" + SEASON + r"\b"
                         r"(?:\s+" + YEAR + YEAR_WORD + r"?|" + REL_YEAR + r")?", re.IGNORECASE)
YEAR_ONLY = re.compile(r"(?:\b(?:в|с|до|к|по)\s+(?:(?:начале|конце|середине)\s+)?)?\b" + YEAR +
                       r"(?:-м|-го|-ом)?(?:" + YEAR_WORD + r"|(?=-м\b))", re.IGNORECASE)
PUBLISHED_REL = re.compile(
    r"\b(?P<when>в\s+(?:прошлом|этом|текущем|позапрошлом)\s+(?:году|месяце)|на\s+(?:прошлой|этой)\s+неделе|"
    r"позавчера|вчера|сегодня)\b"
    r"|\b(?P<n>" + numbers.NUMBER + r"\s+)?" + UNIT + r"\s+назад\b", re.IGNORECASE)
PREVIOUS_REL = re.compile(
    r"\b(?:через|спустя)\s+(?P<n>" + numbers.NUMBER + r"\s+)?" + UNIT + r"\b"
    r"|\b(?P<n2>" + numbers.NUMBER + r"\s+)?" + UNIT.replace("?P<unit>", "?P<unit2>") + r"\s+спустя\b"
    r"|\b(?P<next>на\s+следующ\w+\s+(?:день|неделе|год)|в\s+следующем\s+(?:году|месяце))\b"
    r"|\b(?P<same>(?:позже|позднее|ранее)?\s*в\s+том\s+же\s+году|в\s+тот\s+же\s+день|"
    r"вскоре(?:\s+после\s+этого)?|сразу\s+после\s+этого|тогда\s+же|"
    r"с\s+тех\s+пор|с\s+того\s+(?:дня|момента))\b", re.IGNORECASE)
# «во вторник», «в прошлую среду», «в минувшую субботу»: the last such day up to the report.
WEEKDAY = re.compile(r"\b(?:в|во)\s+(?:(?:прошл|минувш|эт)\w+\s+)?(?P<day>понедельник|вторник|среду|четверг|"
                     r"пятницу|субботу|воскресенье)\b", re.IGNORECASE)
WEEKDAY_STEMS = ("понед", "вторн", "сред", "четв", "пятн", "субб", "воскр")
# «накануне» on its own, before a verb or a pause (not «накануне выборов», the eve of something):
# the day before the report, or before the date told just before it.
EVE = re.compile(r"\bнакануне\b(?=\s*[,.;:—–-]|\s+[а-яё]+(?:л|ла|ло|ли|н|на|но|ны|ся|сь|ес|ёс|ез|ёк)\b)", re.IGNORECASE)
VAGUE = re.compile(r"\b(?:недавно|ранее|в\s+последнее\s+время|когда-то|некогда)\b", re.IGNORECASE)


def month_number(word: str) -> int:
    w = fold(word)
    return next(n for stem, n in sorted(MONTH_STEMS.items(), key=lambda kv: -len(kv[0]))
                if w.startswith(stem))


def _rel_year(rel: str | None) -> int | None:
    """How many years before the report «прошлого года» is; None when the text gives none."""
    if not rel:
        return None
    return {"прошлого": -1, "позапрошлого": -2}.get(fold(rel), 0)


def _ordinal_day(word: str | None, tens: str | None) -> int | None:
    """«пятого» -> 5, «двадцать третьего» -> 23; None for a word that is no ordinal."""
    if not word:
        return None
    value = load("lexicon")["ordinals"].get(fold(word))
    if value is None:
        return None
    return value + ({"двадцать": 20, "тридцать": 30}.get(fold(tens or ""), 0) if value < 10 else 0)


def _absolute(m: re.Match[str], kind: str) -> TimeExpr | None:
    g = m.groupdict()
    y = int(g["year"]) if g.get("year") else None
    if kind == "numeric":
        try:
            datetime.date(int(g["year"]), int(g["mon"]), int(g["day"]))
        except ValueError:
            return None
        value = PartialDate(int(g["year"]), int(g["mon"]), int(g["day"]))
    elif kind == "season":
        code = next(c for stem, c in SEASON_CODES.items() if fold(g["season"]).startswith(stem))
        value = PartialDate(y, season=code)
    elif kind == "year":
        value = PartialDate(y)
    else:
        month = month_number(g["month"])
        day = int(g["day"]) if g.get("day") else _ordinal_day(g.get("ordinal"), g.get("tens"))
        if g.get("ordinal") and day is None:
            return None   # «нового декабря» is no day
        if day is not None and not 1 <= day <= 31:
            return None
        value = PartialDate(y, month, day)
    if g.get("rel") and fold(g["rel"]).startswith("того"):  # «в сентябре того же года»
        return TimeExpr(m.start(), m.end(), m.group(0), "previous", value=value, unit="year", amount=0)
    shift = _rel_year(g.get("rel"))
    if shift:  # «в мае прошлого года»: counted from the publication year
        return TimeExpr(m.start(), m.end(), m.group(0), "published", value=value, unit="year",
                        amount=shift)
    return TimeExpr(m.start(), m.end(), m.group(0), "absolute", value)


def _amount(text: str | None) -> int:
    if not text:
        return 1
    v = numbers.value(text)
    return int(v) if v else 1


def _unit(word: str) -> str:
    return UNITS[fold(word)[0]]


def _published(m: re.Match[str]) -> TimeExpr:
    when = fold(m.group("when") or "")
    if when:
        if "вчера" in when or "позавчера" in when or "сегодня" in when:
            amount = -2 if "позавчера" in when else (-1 if "вчера" in when else 0)
            return TimeExpr(m.start(), m.end(), m.group(0), "published", unit="day", amount=amount)
        unit = "year" if "год" in when else ("month" if "месяц" in when else "week")
        amount = -2 if "позапрош" in when else (-1 if "прош" in when else 0)
        return TimeExpr(m.start(), m.end(), m.group(0), "published", unit=unit, amount=amount)
    return TimeExpr(m.start(), m.end(), m.group(0), "published", unit=_unit(m.group("unit")),
                    amount=-_amount(m.group("n")))


def _previous(m: re.Match[str]) -> TimeExpr | None:
    if m.group("same"):
        # «в тот же день», «с тех пор» (what followed began then): that day; «вскоре»: that year
        same = fold(m.group("same"))
        unit = "day" if any(w in same for w in ("день", "дня", "тех пор", "момента")) else "year"
        return TimeExpr(m.start(), m.end(), m.group(0), "previous", unit=unit, amount=0)
    if m.group("next"):
        word = fold(m.group("next"))
        unit = "day" if "день" in word else "week" if "недел" in word else "month" if "месяц" in word else "year"
        return TimeExpr(m.start(), m.end(), m.group(0), "previous", unit=unit, amount=1)
    unit = m.group("unit") or m.group("unit2")
    count = m.group("n") if m.group("unit") else m.group("n2")
    if count and numbers.value(count) is None:
        return None
    return TimeExpr(m.start(), m.end(), m.group(0), "previous", unit=_unit(unit), amount=_amount(count))


def find_dates(text: str) -> list[TimeExpr]:
    """Every temporal expression in `text`, in order, without overlaps."""
    found: list[TimeExpr] = []
    for pattern, kind in ((NUMERIC, "numeric"), (DAY_RANGE, "day"), (DAY_MONTH, "day"), (DAY_WORD_MONTH, "day"),
                          (MONTH_YEAR, "month"), (MONTH_YEAR_BARE, "month"),
                          (SEASON_DATE, "season"), (YEAR_ONLY, "year")):
        for m in pattern.finditer(text):
            expr = _absolute(m, kind)
            if expr is not None:
                found.append(expr)
    found += [_published(m) for m in PUBLISHED_REL.finditer(text)]
    found += [TimeExpr(m.start(), m.end(), m.group(0), "published", unit="weekday",
                       amount=next(i for i, stem in enumerate(WEEKDAY_STEMS) if m.group("day").lower().startswith(stem)))
              for m in WEEKDAY.finditer(text)]
    found += [e for e in (_previous(m) for m in PREVIOUS_REL.finditer(text)) if e is not None]
    found += [TimeExpr(m.start(), m.end(), m.group(0), "vague") for m in VAGUE.finditer(text)]
    for m in EVE.finditer(text):
        told_before = any(e.kind == "absolute" and e.end <= m.start() for e in found)
        found.append(TimeExpr(m.start(), m.end(), m.group(0), "previous" if told_before else "published",
                              unit="day", amount=-1))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[TimeExpr] = []
    for e in found:
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


def resolve(expr: TimeExpr, published: PartialDate | None, previous: PartialDate | None,
            narrative: PartialDate | None = None) -> PartialDate | None:
    """As the English resolver, plus «в мае прошлого года»: a month of a year counted from
    the publication date."""
    if expr.kind == "published" and expr.value is not None:
        if published is None or published.year is None:
            return replace(expr.value, year=None) if expr.value.month else None
        return replace(expr.value, year=published.year + expr.amount)
    if expr.kind == "previous" and expr.value is not None:
        anchor = previous or narrative
        return replace(expr.value, year=anchor.year) if anchor is not None and anchor.year else None
    if expr.kind == "previous" and expr.amount == 0 and expr.unit == "day" and previous is not None:
        return previous   # «в тот же день», «с тех пор»: the date told before, as told («весной 2019 года»)
    return resolve_en(expr, published, previous, narrative)
