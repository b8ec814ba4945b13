"""Prison terms in Russian: «приговорил к семи годам колонии», «7 лет лишения свободы»,
«пожизненное заключение», «25 суток административного ареста», «шести с половиной годам»."""

from __future__ import annotations

import re

from habeas.model import Term
from habeas.nlp.ru import numbers
from habeas.nlp.ru.resources import fold
from habeas.nlp.terms import FoundTerm

_UNIT = r"(?P<unit>год(?:а|ам|ами|у)?|лет|месяц(?:а|ев|ам|ами)?|сут(?:ок|кам|ки|ками))\b"
_AMOUNT = (r"(?P<n>" + numbers.AMOUNT + r")(?P<half>\s+с\s+половиной)?\s+" + _UNIT +
           r"(?:\s+и\s+(?P<n2>" + numbers.AMOUNT + r")\s+(?P<unit2>месяц\w*|сут\w*|дн\w*))?\b")
# What makes an amount of time a punishment rather than a duration («уже семь лет»).
_AFTER = (r"\s+(?:(?:реального\s+)?лишени\w+\s+свободы|заключени\w+|тюремного\s+заключени\w+|тюрьмы|"
          r"(?:в\s+)?колони\w+|(?:в\s+)?тюрьме|строгого\s+режима|общего\s+режима|особого\s+режима|"
          r"(?:административного\s+)?ареста|принудительных\s+работ|исправительных\s+работ|"
          r"ограничения\s+свободы|заключения\s+в\s+колонии)")
_BEFORE = (r"\b(?:приговорил\w*|приговорен\w*|приговорён\w*|осудил\w*|осужден\w*|осуждён\w*|"
           r"назначил\w*|получил\w*|дали|приговор\w*|смягчил\w*|сократил\w*|снизил\w*|увеличил\w*|"
           r"ужесточил\w*|заменил\w*)\b[^.;]{0,80}?\b(?:к|на|до)\s+"
           # «полностью отбыла три года», «отбывает семь лет»: a term served
           r"|\b(?:отбыл\w*|отбыва\w*)\s+(?:(?:весь|свои|свой|полные|полностью)\s+)?")
TERM = re.compile(r"(?:" + _BEFORE + r")?\b" + _AMOUNT + r"(?P<after>" + _AFTER + r")?", re.IGNORECASE)
LIFE = re.compile(r"\bпожизненн\w+(?:\s+(?:лишени\w+\s+свободы|заключени\w+|срок\w*))?", re.IGNORECASE)
CHANGE = re.compile(r"смягчил|сократил|снизил|увеличил|ужесточил|заменил|\bдо\s+$", re.IGNORECASE)
# «грозит до 10 лет», «прокурор запросил 8 лет»: a possible term, not a sentence.
NOT_A_SENTENCE = re.compile(r"(?:грозит|грозят|грозило|может\s+получить|светит|запросил\w*|"
                            r"просил\w*|потребовал\w*|требует|требовал\w*|"
                            # «мера пресечения в виде четырёх месяцев ареста», «продлил арест на два месяца»
                            r"пресечения(?:\s+в\s+виде)?|продлил\w*\s+(?:\S+\s+){0,2}?(?:арест|срок\w*\s+содержания)\w*\s+на)"
                            r"\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def _term(m: re.Match[str]) -> Term | None:
    n = numbers.value(m.group("n"))
    if n is None:
        return None
    n += 0.5 if m.group("half") else 0
    unit = _unit(m.group("unit"))
    years = int(n) if unit == "years" else 0
    months = (6 if n % 1 else 0) if unit == "years" else int(n) if unit == "months" else 0
    days = int(n) if unit == "days" else 0
    n2 = numbers.value(m.group("n2")) if m.group("n2") else None
    if n2:
        if fold(m.group("unit2")).startswith("месяц"):
            months += int(n2)
        else:
            days += int(n2)
    return Term(years=years, months=months, days=days)


def _unit(word: str) -> str:
    word = fold(word)
    return "years" if word.startswith(("год", "лет")) else "months" if word.startswith("месяц") else "days"


def find_terms(text: str) -> list[FoundTerm]:
    out: list[FoundTerm] = []
    for m in TERM.finditer(text):
        before = m.group(0)[:m.start("n") - m.start()]
        if not before and not m.group("after"):
            continue  # «уже семь лет»: a duration
        if NOT_A_SENTENCE.search(text[max(0, m.start("n") - 40):m.start("n")]):
            continue
        term = _term(m)
        if term is None or term.years > 60 or term == Term():
            continue
        change = bool(before and CHANGE.search(before))
        out.append(FoundTerm(m.start("n"), m.end(), term, change))
    for m in LIFE.finditer(text):
        if not NOT_A_SENTENCE.search(text[max(0, m.start() - 40):m.start()]):
            out.append(FoundTerm(m.start(), m.end(), Term(life=True)))
    out.sort(key=lambda t: t.start)
    return out
