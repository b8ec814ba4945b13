"""Legal citations: "Article 76 (“Release from Punishment…”) of Turkmenistan’s Criminal Code",
"Part 2 of Article 280", "Articles 174 and 179", "presidential decree of May 11, 2017".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from habeas.nlp.alternation import skimming, trie_alternation
from habeas.nlp.dates import parse_absolute
from habeas.nlp.fold import fold
from habeas.nlp.resources import load

# An article number as codes write it: "76", "167-3", "282.2", "204.3.1", "345(2)".
ARTICLE_NO = r"\d{1,4}(?:[.\-]\d{1,3}){0,3}"
# Latin ordinals after a number: "Article 86 bis".
_ORDINAL = r"(?:\s(?:bis|ter|quater)\b)?"


@lru_cache(maxsize=1)
def _articles() -> re.Pattern[str]:
    """"Part 2 of Article 280", "Article 280, Part 2", "art. 278(3)", "Articles 174 and 179",
    "section 10", "Rule 39": the provision words come from data/instruments.yml."""
    words = sorted(load("instruments")["provision_words"], key=len, reverse=True)
    keyword = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    number = ARTICLE_NO + r"(?:\(\d{1,2}\))?" + _ORDINAL
    return skimming(
        r"(?:\b(?:part|paragraph|para\.?|clause)s?\s+(?P<part>\d{1,3}(?:\.\d)?)(?:\s+of|,)\s+)?"
        r"\b(?P<kw>" + keyword + r")\s*(?P<list>" + number +
        r"(?:\s*(?:,|and|&|,\s*and)\s*(?:" + keyword + r"\s*)?" + number + r")*)"
        r"(?:,?\s+(?:part|paragraph|para\.?)\s+(?P<part2>\d{1,3}))?",
        re.IGNORECASE)


# "…, Part 1" after the instrument's name.
LATE_PART = re.compile(r",?\s+(?:part|paragraph|para\.?)\s+(?P<part>\d{1,3})\b", re.IGNORECASE)
# A title in brackets right after the article: (“Release from Punishment Due to Serious Illness”).
TITLE = re.compile(r"\s*\(\s*[\"“”']?(?P<title>[^()\"“”]{3,120}?)[\"“”']?\s*\)")
# Any other bracketed aside after the article: (point “G”, section 1), (2) (a).
ASIDE = re.compile(r"\s*\([^()]{1,60}\)")
DECREE = skimming(
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


def _variants(section: str) -> dict[str, str]:
    """Lower-case form -> canonical name, for one section of data/instruments.yml."""
    variants: dict[str, str] = {}
    for canonical, forms in load("instruments")[section].items():
        for form in forms + [canonical]:
            variants[fold(form)] = canonical
    return variants


@lru_cache(maxsize=1)
def _instrument_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    variants = _variants("codes") | _variants("international")
    forms = [v for v in variants if len(v) > 3]
    # folded forms: the trie matches what `a|b|…` longest first does
    return re.compile(r"\b" + trie_alternation(forms) + r"\b", re.IGNORECASE), variants


@lru_cache(maxsize=1)
def _international_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """International instruments named on their own ("a breach of the ICCPR")."""
    data = load("instruments")
    variants = _variants("international")
    forms = [v for v in variants if v not in data["only_with_article"]]
    # Abbreviations ("ICCPR") only in capitals; names in any case.
    short = [f for f in forms if " " not in f]
    long = [f for f in forms if " " in f]
    return re.compile(r"\b(?:(?i:" + trie_alternation(long) + r")|" + trie_alternation(f.upper() for f in short)
                      + r")\b"), variants


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    """ "CC" right after an article number ("art. 159 CC"), as written."""
    return re.compile(r"[ \t]+(?P<abbr>" + trie_alternation(load("instruments")["abbreviations"]) + r")\b")


@lru_cache(maxsize=1)
def _named_pattern() -> re.Pattern[str]:
    """An instrument no list knows, by its capitalised name and head word: "the National
    Security Law", "Decree-Law No. 54 of 13 September 2022"."""
    heads = trie_alternation(load("instruments")["heads"])
    return re.compile(r"(?P<name>(?:[A-Z][\w\-]*[ \t]+){0,4}?(?:" + heads + r"))\b"
                      r"(?P<number>[ \t]+No\.?[ \t]*\d+)?"
                      r"(?:[ \t]+of[ \t]+(?P<date>(?:\d{1,2}[ \t]+)?[A-Z][a-z]+\.?[ \t]+(?:\d{1,2},?[ \t]+)?(?:19|20)\d\d))?")


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


def _instrument_after(text: str, pos: int) -> tuple[str | None, str | None, int, str | None]:
    """The instrument named just after an article: (canonical, jurisdiction, end offset, date)."""
    pattern, variants = _instrument_pattern()
    abbr = _abbreviation_pattern().match(text, pos)
    if abbr:
        return load("instruments")["abbreviations"][abbr.group("abbr")], None, abbr.end(), None
    window = text[pos:pos + INSTRUMENT_WINDOW]
    lead = re.match(r"\s*(?:,\s*)?(?:of|under|in)\s+(?:the\s+)?", window)
    if not lead:
        return None, None, pos, None
    at, owner = lead.end(), None
    # "Turkmenistan’s Criminal Code", "the Kazakh Criminal Code", "Vietnam’s 1999 Penal Code":
    # an owner (and an edition) before the name.
    o = re.match(r"(?P<owner>[A-Z][\w\-]+)(?:[’']s)?\s+", window[at:])
    if o and country_of(o.group("owner")):
        at, owner = at + o.end(), o.group("owner")
    edition = re.match(r"(?:19|20)\d\d\s+", window[at:])
    if edition:
        at += edition.end()
    m = pattern.match(window, at)
    date = None
    if m:
        instrument = variants[fold(m.group(0))]
    else:
        m = _named_pattern().match(window, at)
        if not m:
            return None, None, pos, None
        if " " not in m.group("name").strip() and not m.group("number"):
            return None, None, pos, None  # "the Law on …": no name to cite it by
        instrument = m.group("name") + (m.group("number") or "")
        when = parse_absolute(m.group("date")) if m.group("date") else None
        date = when.iso() if when and when.year else None
    jurisdiction = country_of(owner)
    end = pos + m.end()
    tail = re.match(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<c>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)",
                    text[end:end + 60])
    if tail and country_of(tail.group("c")):
        jurisdiction = country_of(tail.group("c"))
        end += tail.end()
    return instrument, jurisdiction, end, date


def _default_instrument(keyword: str, sentence: str, report: str = "") -> str | None:
    """A bare "Article 345": administrative if the sentence says so, else criminal. A bare
    "Rule 39" is the ECtHR's when the sentence, or else the report, names that court ("The
    Court's decision follows a Rule 39 request" after "the European Court of Human Rights
    ordered…"); a bare section is nothing."""
    keyword = keyword.lower()
    if keyword.startswith("rule"):
        court = load("instruments")["ecthr_words"]
        named = any(w in sentence.lower() for w in court) or any(w in report.lower() for w in court)
        return "Rules of Court of the European Court of Human Rights" if named else None
    if keyword.startswith("section"):
        return None
    return "Code of Administrative Offences" if re.search(r"administrative", sentence, re.I) \
        else "Criminal Code"


def find_citations(text: str, sentence_of, country: str | None) -> list[FoundCitation]:
    """Every citation in `text`. `sentence_of(offset)` gives the sentence holding an offset;
    `country` is the report's main country, the jurisdiction when the text names none."""
    out: list[FoundCitation] = []
    for m in _articles().finditer(text):
        end = m.end()
        title = None
        t = TITLE.match(text, end)
        if t and not re.search(r"\d", t.group("title")[:3]):
            title = t.group("title").strip()
            end = t.end()
        instrument, jurisdiction, inst_end, date = _instrument_after(text, end)
        aside = ASIDE.match(text, end) if instrument is None and title is None else None
        if aside:
            # "Article 115 (point “G”, section 1) of the Prison Code": an aside before the
            # instrument's name, not a title
            instrument, jurisdiction, inst_end, date = _instrument_after(text, aside.end())
        if instrument is None:
            instrument = _default_instrument(m.group("kw"), sentence_of(m.start()), text)
            if instrument is None:
                continue
        else:
            end = inst_end
            t = TITLE.match(text, end)  # "… of the Criminal Code (“Release from Punishment…”)"
            if title is None and t and not re.search(r"\d", t.group("title")[:3]):
                title, end = t.group("title").strip(), t.end()
        # "Article 361-1 of the Criminal Code, Part 1": the part after the instrument.
        later = LATE_PART.match(text, end)
        if later:
            end = later.end()
        numbers = re.findall(ARTICLE_NO + r"(?:\(\d{1,2}\))?" + _ORDINAL, m.group("list"))
        # A treaty or a dated decree-law is no country's code.
        alien = instrument in _variants("international").values() or date is not None
        for number in numbers:
            article, part = split_article(number)
            part = m.group("part") or m.group("part2") or (later.group("part") if later else None) or part
            out.append(FoundCitation(m.start(), end, instrument, article, part,
                                     None if alien else jurisdiction or country,
                                     title if len(numbers) == 1 else None, date))
    # "in breach of the ICCPR": an international instrument without an article.
    pattern, variants = _international_pattern()
    for m in pattern.finditer(text):
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(FoundCitation(m.start(), m.end(), variants[fold(m.group(0))], None, None, None))
    with_article = {c.instrument for c in out if c.article}
    out = [c for c in out if c.article or c.date or c.instrument not in with_article]
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
