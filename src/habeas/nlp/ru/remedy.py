"""Legal remedies in Russian reports, told by construction over lemmas and word order (whose
request it is comes after, from habeas.nlp.ru.syntax and the on-behalf step): a verb of
handing in with a request noun («подала жалобу», «направил ходатайство»), a verb of
addressing with an authority («обратился в суд»,
«написала уполномоченному», «попросил начальника колонии»), an asking verb with an
infinitive («попросила вмешаться»), and an authority's answer told right after a request in
the same sentence («…, однако в министерстве ответили, что»). Words are in data/remedies.yml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from habeas.nlp import events as ev
from habeas.nlp.ru.analysis import Analysis, Sentence, Token
from habeas.nlp.ru.resources import load

PUNCT_STOP = {".", ";", "!", "?", "—", ":"}


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    raw = load("remedies")
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in raw.items()}


def _ahead(a: Analysis, sent: Sentence, tok: Token, n: int) -> list[Token]:
    """Up to n words after a token, stopping at a clause break (a comma ends it too)."""
    out = []
    for t in a.tokens[tok.i + 1:sent.end]:
        if t.text in PUNCT_STOP or t.text == ",":
            break
        out.append(t)
        if len([x for x in out if x.pos != "PUNCT"]) >= n:
            break
    return out


def unreal(a: Analysis, sent: Sentence, tok: Token) -> bool:
    """«намерен подать жалобу», «может обратиться в суд», «если суд откажет», «не обращался»."""
    if tok.feats.get("Tense") == "Fut" or tok.feats.get("Mood") == "Imp":
        return True
    before = a.tokens[max(sent.start, tok.i - 3):tok.i]
    return any(t.lemma in data()["irrealis"] for t in before)


def _authority(t: Token) -> bool:
    return t.lemma in data()["authorities"] and t.pos in ("NOUN", "PROPN", "ADJ")


def triggers(a: Analysis, sent: Sentence) -> list[ev.Trigger]:
    d = data()
    out: list[ev.Trigger] = []
    for tok in a.sent_tokens(sent):
        if tok.pos not in ("VERB", "AUX"):
            continue
        ahead = _ahead(a, sent, tok, 2 if tok.lemma in d["close_only"] else d["window"])
        if tok.lemma in d["light_verbs"]:
            noun = next((t for t in ahead if t.lemma in d["request_nouns"] and t.pos == "NOUN"), None)
            if noun is not None:
                prev = a.tokens[noun.i - 1] if noun.i > 0 else None
                appeal = noun.lemma in d["appeal_nouns"] or (prev is not None and prev.lemma in d["appeal_adjectives"])
                out.append(ev.Trigger("appeal" if appeal else "petition", tok, tok.start, noun.stop,
                                      a.text[tok.start:noun.stop], pattern="remedy.light_verb"))
                continue
        if tok.lemma in d["address_verbs"] and not any(t.lemma in d["press_requests"] for t in _ahead(a, sent, tok, 3)):
            if any(_authority(t) for t in ahead) or (tok.lemma in d["ask_verbs"] and any(
                    t.feats.get("VerbForm") == "Inf" for t in _ahead(a, sent, tok, 6))):
                out.append(ev.Trigger("petition", tok, tok.start, tok.stop, tok.text, pattern="remedy.addressed"))
                continue
        if tok.lemma in d["finding_verbs"] and _treaty_body_before(a, sent, tok):
            # «Рабочая группа ООН признала задержание произвольным», «ЕСПЧ постановил…»
            out.append(ev.Trigger("response", tok, tok.start, tok.stop, tok.text, pattern="remedy.finding"))
            continue
        if tok.lemma in d["granting_acts"] and tok.feats.get("VerbForm") != "Inf" and _on_request(a, sent, tok):
            # «по жалобе адвоката прокуратура провела проверку»
            out.append(ev.Trigger("response", tok, tok.start, tok.stop, tok.text, pattern="remedy.on_request"))
            continue
        gained = _gained(a, sent, tok)
        if gained is not None:
            # «защита добилась обследования», «выиграл суд у медсанчасти»: a request made and granted
            out.append(ev.Trigger("petition", tok, tok.start, tok.stop, tok.text, pattern="remedy.obtained"))
            out.append(ev.Trigger("response", gained, gained.start, gained.stop, gained.text, pattern="remedy.obtained"))
            continue
        if tok.lemma in d["demand_verbs"] and _demanded_of(a, sent, tok):
            # «потребовал от администрации СИЗО провести обследование»: asked of a body
            out.append(ev.Trigger("petition", tok, tok.start, tok.stop, tok.text, pattern="remedy.addressed"))
            continue
        if tok.lemma in d["answer_verbs"] and tok.feats.get("VerbForm") != "Inf" and any(t.type == "petition" for t in out):
            # «попросила разрешить свидание»: the infinitive is what was asked, not the answer
            out.append(ev.Trigger("response", tok, tok.start, tok.stop, tok.text, pattern="remedy.answer"))
    return out


def _treaty_body_before(a: Analysis, sent: Sentence, tok: Token) -> bool:
    """A treaty body or international court named just before a verb of finding."""
    before = a.text[a.tokens[max(sent.start, tok.i - 6)].start:tok.start]
    return any(re.search(p, before, re.IGNORECASE) for p in data()["treaty_bodies"])


def _on_request(a: Analysis, sent: Sentence, tok: Token) -> bool:
    """«по жалобе/просьбе/ходатайству X» (or «после жалоб») earlier in the clause of a verb."""
    d = data()
    before = a.tokens[max(sent.start, tok.i - 7):tok.i]
    return any(t.lemma in d["on_request_preps"] and k + 1 < len(before) and
               before[k + 1].lemma in d["request_nouns"] | {"просьба"} for k, t in enumerate(before))


def _demanded_of(a: Analysis, sent: Sentence, tok: Token) -> bool:
    """«от» + an authority right after a verb of demanding."""
    ahead = _ahead(a, sent, tok, 4)
    return any(t.lemma == "от" and any(_authority(x) for x in ahead[k + 1:k + 3]) for k, t in enumerate(ahead))


def conditional(a: Analysis, sent: Sentence, tok: Token) -> bool:
    """«если суд откажет», «суд откажет»: an answer expected or supposed, not given."""
    if tok.feats.get("Tense") == "Fut" or tok.feats.get("Mood") == "Imp":
        return True
    before = a.tokens[max(sent.start, tok.i - 4):tok.i]
    if tok.feats.get("VerbForm") == "Inf" and any(t.lemma in data()["ask_verbs"] | data()["irrealis"] for t in before):
        return True  # «попросила начальника удовлетворить просьбу»: what was asked
    return any(t.lemma in data()["conditional_words"] for t in before)


def _gained(a: Analysis, sent: Sentence, tok: Token) -> Token | None:
    """The remedy a verb of obtaining names right after it («добилась обследования», «выиграл
    суд»), unless negated («так и не добилась»)."""
    d = data()
    nouns = d["obtaining_verbs"].get(tok.lemma)
    if not nouns:
        return None
    if tok.feats.get("VerbForm") == "Inf" or any(t.lemma == "не" for t in a.tokens[max(sent.start, tok.i - 2):tok.i]):
        return None  # «пытаются добиться освобождения»: sought, not obtained
    return next((t for t in _ahead(a, sent, tok, 3) if t.pos == "NOUN" and t.lemma in d[nouns]), None)


def asked_before(a: Analysis, sent: Sentence) -> bool:
    """A request told in this sentence or the one before, which an answer («ответа нет»,
    «ответили, что…») answers."""
    here = [sent] + ([a.sents[sent.index - 1]] if sent.index > 0 else [])
    return any(t.type in ("petition", "appeal") for s in here for t in triggers(a, s))
