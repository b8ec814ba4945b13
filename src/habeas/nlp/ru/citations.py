"""Legal citations in Russian: «по статье 280 УК РФ», «ч. 2 ст. 207.3 УК», «статья 76
Уголовного кодекса Туркменистана», «указ президента от 11 мая 2017 года». Instruments and
countries get the English pipeline's canonical names, so both languages cite alike."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from habeas.nlp.citations import ARTICLE_NO, FoundCitation
from habeas.nlp.ru.dates import DAY_MONTH, NUMERIC, month_number
from habeas.nlp.ru.resources import fold, load

_PART = r"(?:ч\.|част(?:ь|и|ью|ям)|п\.|пункт(?:а|у|ом|ов)?)\s*(?P<{name}>\d{{1,3}}(?:\.\d)?)"
# «ч. 2 ст. 207.3», «части 1 статьи 282.2», «статьям 280 и 282», «ст. 205.2, ч. 2».
ARTICLES = re.compile(
    r"(?:" + _PART.format(name="part") + r"\s+)?"
    r"\b(?:ст\.|стать(?:я|и|е|ю|ей|ёй|ям|ями|ях))\s*(?P<list>" + ARTICLE_NO +
    r"(?:\s*(?:,|и)\s*(?:ст\.\s*)?" + ARTICLE_NO + r")*)"
    r"(?:\s*,?\s*" + _PART.format(name="part2") + r")?",
    re.IGNORECASE)
# A title in brackets or quotes right after: («Публичные призывы к экстремизму»).
TITLE = re.compile(r"\s*[(«\"„“]\s*[«\"„“]?(?P<title>[^()«»\"„“”]{3,120}?)[»\"“”]?\s*[)»\"“”]")
DECREE = re.compile(
    r"\b(?P<kind>указ\w*\s+президента|президентск\w+\s+указ\w*|постановлени\w+\s+(?:правительства|кабинета\s+министров|кабмина)|указ\w*)"
    r"(?:\s+(?:\w+\s+){0,3}?)?\s*(?:№\s*\S+\s+)?от\s+(?P<date>\d{1,2}(?:-?го)?\s+[а-яё]+\s+(?:19|20)\d\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)",
    re.IGNORECASE)
# «закон № 1055», «Закона №54-ФЗ»: a numbered law cited as a whole.
NUMBERED_LAW = re.compile(r"\bзакон\w*\s+№\s*(?P<no>\d+(?:-[А-ЯЁ]{1,3})?)", re.IGNORECASE)
CONSTITUTION = re.compile(r"\bконституци(?:я|и|ю|ей)\s+(?P<owner>[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?)")
INSTRUMENT_WINDOW = 90


@lru_cache(maxsize=1)
def _instruments() -> list[tuple[re.Pattern[str], str]]:
    data = load("instruments")
    return [(re.compile(r"(?:" + "|".join(forms) + r")\b", re.IGNORECASE), canonical)
            for section in ("codes", "international") for canonical, forms in data[section].items()]


@lru_cache(maxsize=1)
def _international() -> list[tuple[re.Pattern[str], str]]:
    """Treaties named anywhere, with or without an article."""
    return [(re.compile(r"(?<![\w-])(?:" + "|".join(forms) + r")\b", re.IGNORECASE), canonical)
            for canonical, forms in load("instruments")["international"].items()]


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded name, adjective or abbreviation (resources.fold) -> country."""
    return {fold(form): country for country, forms in load("countries").items() for form in forms}


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    forms = sorted({form for forms in load("countries").values() for form in forms}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


def country_of(words: str | None) -> str | None:
    return _countries().get(fold(words or "").strip())


def main_country(text: str) -> str | None:
    """The country a report names most often (by name, adjective or abbreviation)."""
    counts = Counter(_countries()[fold(m.group(0))] for m in _country_pattern().finditer(text)
                     if m.group(0)[0].isupper() or len(m.group(0)) > 3)
    return counts.most_common(1)[0][0] if counts else None


def _instrument_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """(canonical instrument, country, end) of «УК РФ», «Уголовного кодекса Туркменистана»."""
    window = text[pos:pos + INSTRUMENT_WINDOW]
    lead = re.match(r"\s*,?\s*(?:(?:действующего|нового|старого)\s+)?", window)
    at = lead.end() if lead else 0
    for pattern, canonical in _instruments():
        m = pattern.match(window, at)
        if not m:
            continue
        end = m.end()
        tail = _country_pattern().match(window, end + 1) if window[end:end + 1] == " " else None
        country = None
        if tail:
            country, end = _countries()[fold(tail.group(0))], tail.end()
        return canonical, country, pos + end
    return None, None, pos


def _decree_date(text: str) -> str | None:
    m = NUMERIC.search(text)
    if m:
        return f"{m.group('year')}-{int(m.group('mon')):02d}-{int(m.group('day')):02d}"
    m = DAY_MONTH.search(text)
    if m and m.group("year"):
        return f"{m.group('year')}-{month_number(m.group('month')):02d}-{int(m.group('day')):02d}"
    return None


def find_citations(text: str, country: str | None) -> list[FoundCitation]:
    """Every citation in `text`; `country` is the report's main country, the jurisdiction
    of a code the text does not attribute."""
    out: list[FoundCitation] = []
    for m in ARTICLES.finditer(text):
        end = m.end()
        instrument, jurisdiction, inst_end = _instrument_after(text, end)
        if instrument is None:
            sentence = text[max(0, m.start() - 150):m.end() + 100]
            instrument = "Code of Administrative Offences" if re.search(r"административн", sentence, re.I) \
                else "Criminal Code"
        else:
            end = inst_end
        title = None
        t = TITLE.match(text, end)
        if t and not re.search(r"\d", t.group("title")[:3]):
            title, end = t.group("title").strip(), t.end()
        numbers = re.findall(ARTICLE_NO, m.group("list"))
        for number in numbers:
            # Russian codes number their articles «20.3.3» and name the part apart («ч. 2»).
            part = m.group("part") or m.group("part2")
            treaty = instrument in load("instruments")["international"]
            out.append(FoundCitation(m.start(), end, instrument, number, part,
                                     None if treaty else jurisdiction or country,
                                     title if len(numbers) == 1 else None))
    for m in DECREE.finditer(text):
        date = _decree_date(m.group("date"))
        if date is None:
            continue
        instrument = "Presidential decree" if "президент" in m.group("kind").lower() else \
            ("Government decree" if "постановлени" in m.group("kind").lower() else "Decree")
        out.append(FoundCitation(m.start(), m.end(), instrument, None, None, country, date=date))
    for pattern, canonical in _international():
        for m in pattern.finditer(text):
            if not any(c.start <= m.start() < c.end for c in out):
                out.append(FoundCitation(m.start(), m.end(), canonical, None, None, None))
    for m in NUMBERED_LAW.finditer(text):
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(FoundCitation(m.start(), m.end(), f"Law No. {m.group('no')}", None, None, country))
    cited = {c.instrument for c in out if c.article}
    out = [c for c in out if c.article or c.date or c.instrument not in cited]
    for m in CONSTITUTION.finditer(text):
        owner = country_of(m.group("owner")) or country_of(m.group("owner").split()[0])
        if owner and not any(c.start <= m.start() < c.end for c in out):
            out.append(FoundCitation(m.start(), m.end(), "Constitution", None, None, owner))
    return _unique(out)


def _unique(found: list[FoundCitation]) -> list[FoundCitation]:
    seen: dict[tuple, FoundCitation] = {}
    for c in sorted(found, key=lambda c: c.start):
        seen.setdefault((c.instrument, c.article, c.part, c.date), c)
    return list(seen.values())
