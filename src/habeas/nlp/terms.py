"""Prison terms: "22 years in prison", "a 23-year prison sentence", "four years' imprisonment",
"life imprisonment", "seven and a half years", "8 1/2 years", "15 days of administrative arrest".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from habeas.model import Term
from habeas.nlp.fold import fold

_NUM = (r"\d{1,2}(?:\s1/2|\.5)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-\w+)?|twenty|"
        r"twenty-five|thirty")
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "twenty-one": 21, "twenty-two": 22, "twenty-three": 23,
              "twenty-four": 24, "twenty-five": 25, "twenty-eight": 28})
_UNIT = r"(?P<unit>years?|months?|days?)"
_AMOUNT = (r"(?P<n>" + _NUM + r")(?P<half>[\s-]+and[\s-]+a[\s-]+half)?[\s-]" + _UNIT +
           r"(?:\s+and\s+(?P<n2>" + _NUM + r")[\s-](?P<unit2>months?|days?))?")
# What makes an amount of time a prison term rather than a duration ("four years in").
_AFTER = (r"(?:[’']s?)?\s+(?:in\s+(?:a\s+|the\s+)?(?:prison|jail|a penal colony|penal colony|colony|"
          r"(?:maximum|medium|strict|high|general)[- ]security|strict[- ]regime)|of\s+(?:imprisonment|"
          r"prison|jail|deprivation of liberty|administrative arrest|arrest|detention)|imprisonment|"
          r"prison(?:\s+(?:term|sentence))?|jail(?:\s+term)?|sentence|term|behind bars)")
TERM = re.compile(
    r"(?:\b" + _AMOUNT + r"(?=" + _AFTER + r"))"
    r"|(?:\b(?:sentenced|sentencing|convicted|condemned|jailed|imprisoned|handed)\b[^.;]{0,60}?\bto\s+"
    r"(?:an?\s+additional\s+|another\s+)?" + _AMOUNT.replace("?P<", "?P<b_") + r")"
    r"|(?:\b(?:increased|extended|reduced|commuted|raised)\s+to\s+" + _AMOUNT.replace("?P<", "?P<c_") + r")"
    # "a prison sentence of seven years", "his sentences amounted to 28 years"
    r"|(?:\b(?:sentences?|terms?)\s+(?:of|amounted\s+to|amounting\s+to|totall?(?:ing|ed)|added\s+up\s+to)\s+"
    + _AMOUNT.replace("?P<", "?P<d_") + r")",
    re.IGNORECASE)
LIFE = re.compile(r"\blife(?:\s+|-)(?:imprisonment|sentence|term|in prison)\b|\bsentenced\s+to\s+life\b",
                  re.IGNORECASE)
# "faces up to 17 years", "could get 10 years": a possible term, not a sentence.
NOT_A_SENTENCE = re.compile(r"\b(?:faces?|facing|could|may|might|risks?|up to|demanded|asked for|"
                            r"requested|seeks?|sought)\b[^.;]{0,25}$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundTerm:
    start: int
    end: int
    term: Term
    change: bool = False  # "increased to", "reduced to": replaces an earlier term
    additional: bool = False


def _number(word: str) -> float:
    word = fold(word).strip()
    if " 1/2" in word:
        return float(word.split()[0]) + 0.5
    if re.fullmatch(r"\d+(?:\.5)?", word):
        return float(word)
    return float(WORDS.get(word, 0))


def _term(n: str, half: str | None, unit: str, n2: str | None, unit2: str | None) -> Term:
    value = _number(n) + (0.5 if half else 0)
    unit = fold(unit).rstrip("s")
    years = months = days = 0
    if unit == "year":
        years = int(value)
        months = 6 if value % 1 else 0
    elif unit == "month":
        months = int(value)
    else:
        days = int(value)
    if n2 and unit2:
        extra = int(_number(n2))
        if fold(unit2).startswith("month"):
            months += extra
        else:
            days += extra
    return Term(years=years, months=months, days=days)


def find_terms(text: str) -> list[FoundTerm]:
    out: list[FoundTerm] = []
    for m in TERM.finditer(text):
        for prefix, change in (("", False), ("b_", False), ("c_", True), ("d_", False)):
            if m.group(prefix + "n"):
                # "If convicted, he faces up to eight years": look just before the amount.
                amount_at = m.start(prefix + "n")
                if NOT_A_SENTENCE.search(text[max(0, amount_at - 40):amount_at]):
                    break
                term = _term(m.group(prefix + "n"), m.group(prefix + "half"), m.group(prefix + "unit"),
                             m.group(prefix + "n2"), m.group(prefix + "unit2"))
                if term.years > 60 or (term.years == 0 and term.months == 0 and term.days == 0):
                    break
                additional = bool(re.search(r"\badditional|another|extra\b", m.group(0) +
                                            text[max(0, m.start() - 20):m.start()], re.IGNORECASE))
                out.append(FoundTerm(m.start(), m.end(), term, change, additional))
                break
    for m in LIFE.finditer(text):
        if NOT_A_SENTENCE.search(text[max(0, m.start() - 40):m.start()]):
            continue
        out.append(FoundTerm(m.start(), m.end(), Term(life=True)))
    out.sort(key=lambda t: t.start)
    return out
