"""Event attributes in Russian: who petitioned whom on what basis, which authority answered
and how, the term, court and charges of a sentence, what was denied, where a transfer went."""

from __future__ import annotations

import re

from habeas.nlp import events as ev
from habeas.nlp.attributes import _label as citation_label
from habeas.nlp.attributes import in_sentence
from habeas.nlp.ru.analysis import Analysis
from habeas.nlp.ru.events import outcome_of
from habeas.nlp.ru.resources import load

# Age beside a name: «41-летнего X» (the nearest before it), «в возрасте 61 года скончался X»,
# «X (44 года)», «X, 52,», «X, которому 29 лет», «ему исполнилось 70 лет».
AGE_BEFORE = re.compile(r"(?:(?P<a>\d{2})-летн\w+|в\s+возрасте\s+(?P<b>\d{2})\s+(?:год|года|лет)\s+[а-яё]+)"
                        r"\s+(?:(?!\d{2}-летн)[\w\-«»\"]+\s+){0,4}$")
AGE_AFTER = re.compile(r"^\s*(?:,|\()\s*(?P<a>\d{2})(?:\s*(?:год|года|лет))?\s*(?:,|\))"
                       r"|^\s*,\s*(?:котор(?:ому|ой|ым)|ему|ей)\s+(?:уже\s+|сейчас\s+)?(?P<c>\d{2})\s+(?:год|года|лет)\b"
                       r"|^[^.;]{0,60}?\b(?:в\s+возрасте|исполнилось|ему|ей)\s+(?P<b>\d{2})\s+(?:год|года|лет)\b")


def age_of(match: re.Match[str] | None) -> str | None:
    """The age a match of AGE_BEFORE or AGE_AFTER found."""
    if match is None:
        return None
    return next((match.group(g) for g in ("a", "b", "c") if g in match.re.groupindex and match.group(g)), None)


AUTHORITY = (r"(?:(?:Генеральн\w+|Верховн\w+|Конституционн\w+|областн\w+|районн\w+|городск\w+|"
             r"апелляционн\w+|кассационн\w+|военн\w+|[А-ЯЁ][а-яё]+(?:ск|цк)\w+)\s+){0,3}"
             r"(?:прокуратур\w*|генпрокуратур\w*|суд\w*|ФСИН|УФСИН|МВД|ФСБ|СК|ГКНБ|СНБ|ГУИН|администраци\w+|"
             r"омбудсмен\w*|уполномоченн\w+\s+по\s+правам\s+человека|президент\w*|министерств\w+(?:\s+\w+)?|"
             r"ООН|ЕСПЧ|Рабоч\w+\s+групп\w+(?:\s+ООН)?|Комитет\w*(?:\s+ООН)?(?:\s+по\s+правам\s+человека)?|комисси\w+|"
             r"колони\w+|следстви\w+|следовател\w+|полици\w+|МИД)")
AUTHORITY_RE = re.compile(AUTHORITY)
ADDRESS = re.compile(r"\b(?:в|во|к|на\s+имя)\s+(?P<to>" + AUTHORITY + r")")
COURT = re.compile(r"\b((?:[А-ЯЁ][\w\-]+\s+){1,3}(?:\w+\s+)?суд\w*|[А-ЯЁ]\w+\s+(?:\w+\s+){0,2}суд\w*)")
ARREST_BY = re.compile(r"\b(?:сотрудник\w*\s+|силовик\w*\s+)?(?P<by>ФСБ|ГУБОПиК|ГКНБ|СНБ|ГУВД|МВД|полици\w+|СК|Следственн\w+\s+комитет\w*|"
                       r"Центр\w*\s+«Э»|ЦПЭ|КГБ|спецслужб\w+|силовик\w+)")


def event_attrs(a: Analysis, raw, terms, charges, conditions, facilities, citations) -> None:
    for e in raw:
        sent = e.sent
        text = sent.text
        after = a.text[e.trigger.start:sent.end_char]
        if e.type == "sentence":
            found = in_sentence(terms, sent)
            if found:
                e.attrs["term"] = found[0].term
            court = COURT.search(text)
            e.attrs["court"] = _nominative(a, sent.start_char + court.start(1), court.group(1)) if court else None
            e.attrs["charges"] = [c.name for c in in_sentence(charges, sent)]
        elif e.type == "charge":
            e.attrs["charges"] = [c.name for c in in_sentence(charges, sent)]
        elif e.type == "appeal":
            e.attrs["outcome"] = outcome_of("appeal", text)
        elif e.type == "response":
            by = AUTHORITY_RE.search(text)
            e.attrs["by"] = _nominative(a, sent.start_char + by.start(), by.group(0)) if by else None
            e.attrs["outcome"] = outcome_of("response", text) or (
                "granted" if e.trigger.pattern in ("remedy.on_request", "remedy.finding", "remedy.obtained") else "rejected")
        elif e.type == "petition":
            e.attrs["by"] = _petitioner(a, sent)
            e.attrs["to"] = list(dict.fromkeys(_nominative(a, sent.start_char + m.start("to"), m.group("to"))
                                               for m in ADDRESS.finditer(text)))
            answerer = AUTHORITY_RE.search(a.text[sent.start_char:e.trigger.start]) if e.trigger.noun else None
            if not e.attrs["to"] and answerer:
                # «суд отклонил ходатайство адвоката»: the request went to the body that answered it
                e.attrs["to"] = [_nominative(a, sent.start_char + answerer.start(), answerer.group(0))]
            m = re.search(r"(?:с\s+просьбой|просил\w*|просит|требова\w+|об?)\s+((?:освобо|помилов|перев|лечени|"
                          r"оказани|медицинск|актир|провер|расследова|свидани|условно|УДО|отсрочк)[^.;,]{0,80})", after, re.I)
            e.attrs["request"] = m.group(1).strip() if m else None
            e.attrs["basis"] = list(dict.fromkeys(citation_label(c) for c in in_sentence(citations, sent)))
        elif e.type == "release":
            m = re.search(r"\b(?:по\s+(?:амнистии|помилованию|болезни|состоянию\s+здоровья|УДО|отбытии\s+срока)|"
                          r"в\s+связи\s+с\s+[^.,;]{3,60}|условно-досрочно|после\s+отбытия\s+[^.,;]{3,40})", after, re.I)
            e.attrs["reason"] = m.group(0).strip() if m else None
        elif e.type == "transfer":
            dest = [f.name for f in in_sentence(facilities, sent) if f.start > e.trigger.start]
            m = re.search(r"\b(?:в|во|на)\s+([^.,;]{3,60}?)(?=[.,;]|\s+(?:где|после|из-за|по)\b|$)", after)
            e.attrs["to"] = dest[0] if dest else (m.group(1).strip() if m else None)
        elif e.type == "health":
            found = [c.name for c in in_sentence(conditions, sent)]
            e.attrs["condition"] = "; ".join(found) if found else _clause(after)
        elif e.type == "ill_treatment":
            lead = a.text[sent.start_char:e.trigger.start].split()[-5:]
            e.attrs["kind"] = _clause(" ".join(lead) + " " + after, 12)
        elif e.type == "denial":
            e.attrs["what"] = _clause(after, 10)
        elif e.type == "death":
            m = re.search(r"\bот\s+([^.,;]{3,50})", after)
            e.attrs["cause"] = m.group(1).strip() if m else None
        elif e.type == "arrest":
            m = ARREST_BY.search(text)
            e.attrs["by"] = m.group("by") if m else None


def _nominative(a: Analysis, start: int, phrase: str) -> str:
    return a.nominative(start, start + len(phrase)).strip()


def _clause(text: str, limit: int = 16) -> str:
    words = re.split(r"\s+", re.split(r"[.;:!?\n]", text)[0].strip())
    return " ".join(words[:limit]).strip(" ,—–-")


def _petitioner(a: Analysis, sent) -> str | None:
    """Who asked: a relative, a lawyer, an organisation in the nominative."""
    lex = load("lexicon")
    words = set(lex["relatives"]) | set(lex["advocates"]) | {"защита"}
    for t in a.sent_tokens(sent):
        if t.lemma in words and t.feats.get("Case") == "Nom":
            return t.lemma
    return None
