"""Legal citations: "Article 76 (“Release from Punishment…”) of Turkmenistan’s Criminal Code",
"Part 2 of Article 280", "Articles 174 and 179", "presidential decree of May 11, 2017".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from habeas.nlp.dates import parse_absolute
from habeas.nlp.fold import fold
from habeas.nlp.resources import load

# An article number as codes write it: "76", "167-3", "282.2", "204.3.1", "345(2)".
ARTICLE_NO = r"\d{1,4}(?:[.\-]\d{1,3}){0,3}"
# "Part 2 of Article 280", "Article 280, Part 2", "Article 280(2)", "Articles 174 and 179".
ARTICLES = re.compile(
    r"(?:\b(?:part|paragraph|clause)s?\s+(?P<part>\d{1,3}(?:\.\d)?)\s+of\s+)?"
    r"\barticles?\s+(?P<list>" + ARTICLE_NO + r"(?:\(\d{1,2}\))?"
    r"(?:\s*(?:,|and|&|,\s*and)\s*(?:article\s+)?" + ARTICLE_NO + r"(?:\(\d{1,2}\))?)*)"
    r"(?:,?\s+(?:part|paragraph)\s+(?P<part2>\d{1,3}))?",
    re.IGNORECASE)
# A title in brackets right after the article: (“Release from Punishment Due to Serious Illness”).
TITLE = re.compile(r"\s*\(\s*[\"“”']?(?P<title>[^()\"“”]{3,120}?)[\"“”']?\s*\)")
DECREE = re.compile(
    r"\b(?P<kind>presidential decree|decree of the president|president(?:ial)?'?s? decree|"
    r"government decree|decree|resolution of the cabinet of ministers|resolution)"
    r"(?:\s+(?:no\.?|number|№)\s*\S+)?\s+(?:of|dated|from|issued on|signed on|adopted on)\s+"
    r"(?P<date>(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d)",
    re.IGNORECASE)
CONSTITUTION = re.compile(
    r"\b(?:(?P<owner>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)[’']s\s+constitution"
    r"|the\s+constitution\s+of\s+(?:the\s+republic\s+of\s+)?(?P<owner2>[A-Z][a-z]+))\b",
    re.IGNORECASE)
# How far after "Article N" the instrument's name may stand ("… of the Criminal Code").
INSTRUMENT_WINDOW = 90


@dataclass(frozen=True)
class FoundCitation:
    start: int
    end: int
    instrument: str
    article: str | None
    part: str | None
    jurisdiction: str | None
    title: str | None = None
    date: str | None = None


@lru_cache(maxsize=1)
def _instrument_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    variants: dict[str, str] = {}
    for canonical, forms in load("instruments").items():
        for form in forms + [canonical]:
            variants[fold(form)] = canonical
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)
                           if len(v) > 3)
    return re.compile(r"\b(?:" + alternation + r")\b", re.IGNORECASE), variants


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Case-folded name or adjective -> country name."""
    out = {}
    for country, forms in load("countries").items():
        out[fold(country)] = country
        for form in forms:
            out[fold(form).removesuffix("'s")] = country
    return out


def country_of(word: str | None) -> str | None:
    if not word:
        return None
    w = fold(word).replace("’", "'").removesuffix("'s").strip()
    return _countries().get(w)


def split_article(number: str) -> tuple[str, str | None]:
    """ "204.3.1" -> ("204", "3.1"); "167-3.1" -> ("167-3", "1"); "282.2" stays an article."""
    bracketed = re.fullmatch(r"(.+?)\((\d+)\)", number)
    if bracketed:  # "345(2)": part 2 of article 345
        return bracketed.group(1), bracketed.group(2)
    if number.count(".") >= 2:
        head, _, rest = number.partition(".")
        return head, rest
    if "-" in number and "." in number:
        head, _, rest = number.rpartition(".")
        return head, rest
    return number, None


def _instrument_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """The instrument named just after an article: (canonical, jurisdiction, end offset)."""
    pattern, variants = _instrument_pattern()
    window = text[pos:pos + INSTRUMENT_WINDOW]
    lead = re.match(r"\s*(?:,\s*)?(?:of|under|in)\s+(?:the\s+)?", window)
    if not lead:
        return None, None, pos
    at, owner = lead.end(), None
    # "Turkmenistan’s Criminal Code", "the Kazakh Criminal Code": an owner before the name.
    o = re.match(r"(?P<owner>[A-Z][\w\-]+)(?:[’']s)?\s+", window[at:])
    if o and country_of(o.group("owner")):
        at, owner = at + o.end(), o.group("owner")
    m = pattern.match(window, at)
    if not m:
        return None, None, pos
    jurisdiction = country_of(owner)
    end = pos + m.end()
    tail = re.match(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<c>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)",
                    text[end:end + 60])
    if tail and country_of(tail.group("c")):
        jurisdiction = country_of(tail.group("c"))
        end += tail.end()
    return variants[fold(m.group(0))], jurisdiction, end


def _default_instrument(sentence: str) -> str:
    """A bare "Article 345": administrative if the sentence says so, else criminal."""
    return "Code of Administrative Offences" if re.search(r"administrative", sentence, re.I) \
        else "Criminal Code"


def find_citations(text: str, sentence_of, country: str | None) -> list[FoundCitation]:
    """Every citation in `text`. `sentence_of(offset)` gives the sentence holding an offset;
    `country` is the report's main country, the jurisdiction when the text names none."""
    out: list[FoundCitation] = []
    for m in ARTICLES.finditer(text):
        end = m.end()
        title = None
        t = TITLE.match(text, end)
        if t and not re.search(r"\d", t.group("title")[:3]):
            title = t.group("title").strip()
            end = t.end()
        instrument, jurisdiction, inst_end = _instrument_after(text, end)
        if instrument is None:
            instrument = _default_instrument(sentence_of(m.start()))
        else:
            end = inst_end
            t = TITLE.match(text, end)  # "… of the Criminal Code (“Release from Punishment…”)"
            if title is None and t and not re.search(r"\d", t.group("title")[:3]):
                title, end = t.group("title").strip(), t.end()
        numbers = re.findall(ARTICLE_NO + r"(?:\(\d{1,2}\))?", m.group("list"))
        for number in numbers:
            article, part = split_article(number)
            part = m.group("part") or m.group("part2") or part
            out.append(FoundCitation(m.start(), end, instrument, article, part,
                                     jurisdiction or country, title if len(numbers) == 1 else None))
    for m in DECREE.finditer(text):
        value = parse_absolute(m.group("date"))
        if value is None or value.year is None:
            continue
        kind = m.group("kind").lower()
        instrument = "Presidential decree" if "presiden" in kind else kind.capitalize()
        out.append(FoundCitation(m.start(), m.end(), instrument, None, None, country,
                                 date=value.iso()))
    for m in CONSTITUTION.finditer(text):
        owner = country_of(m.group("owner") or m.group("owner2"))
        if owner is None:
            continue
        if any(c.start <= m.start() < c.end for c in out):
            continue
        out.append(FoundCitation(m.start(), m.end(), "Constitution", None, None, owner))
    return _unique(out)


def _unique(found: list[FoundCitation]) -> list[FoundCitation]:
    seen: dict[tuple, FoundCitation] = {}
    for c in sorted(found, key=lambda c: c.start):
        key = (c.instrument, c.article, c.date)
        if key in seen:
            continue
        # An article cited again with its instrument now known replaces nothing: first wins.
        seen[key] = c
    return list(seen.values())
