"""Events in Russian: triggers from data/triggers.yml (lemmas and phrases), each checked
against what reports mean by it («добиться освобождения» asks for a release, «его могут
задержать» fears an arrest, «в российских колониях пытают» names no one), and its persons
from the mentions around it. The records are the English pipeline's (habeas.nlp.events)."""

from __future__ import annotations

import re
from functools import lru_cache

from habeas.nlp import events as ev
from habeas.nlp.alternation import PatternSet
from habeas.nlp.ru import numbers
from habeas.nlp.ru import remedy, syntax
from habeas.nlp.ru.analysis import Analysis, Sentence, Token
from habeas.nlp.ru.resources import load

# Words before a trigger that make it wanted, feared, possible or denied, not done.
IRREALIS = {"мочь", "должен", "хотеть", "собираться", "грозить", "угрожать", "требовать", "добиться",
            "добиваться", "просить", "призывать", "чтобы", "бы", "если", "планировать", "намереваться",
            "надеяться", "ждать", "опасаться", "бояться", "попытаться", "пытаться", "пообещать",
            "обещать", "ходатайство", "требование", "просьба", "призыв", "возможный", "якобы", "за", "о", "об",
            "не", "нельзя", "отказаться", "отказать", "предстоять", "готовиться"}
# Types whose participle or plural noun may name who someone is rather than what happened.
STATE_TYPES = {"arrest", "sentence", "release", "charge", "transfer"}
IRREALIS_TYPES = {"arrest", "release", "sentence", "transfer", "death", "charge", "appeal", "hunger_strike"}
FACILITY_WORD = re.compile(r"колони|СИЗО|ИК-|тюрьм|больниц|лагер|изолятор|стационар|ЛИУ|ЛПУ|спецпри|централ|"
                           r"ИВС|учреждени|госпитал|хоспис|психиатр", re.IGNORECASE)
PUNISHMENT_CELL = re.compile(r"ШИЗО|ПКТ|карцер|одиночн|штрафн", re.IGNORECASE)
REQUEST_OBJECTS = re.compile(r"ходатайств|жалоб|обращени|заявлени|запрос|просьб|петици|прошени|иск|письм", re.IGNORECASE)
REVIEW_REQUEST = re.compile(r"(?:апелляционн|кассационн|надзорн)\w*\s+(?:\w+\s+)?(?:жалоб|представлени)|"
                            r"\b(?:апелляци|кассаци)", re.IGNORECASE)
APPEAL_WORDS = re.compile(r"апелляц|кассац|приговор|обжалова", re.IGNORECASE)



@lru_cache(maxsize=None)
def cue(name: str) -> re.Pattern[str]:
    """A pattern of words from data/lexicon.yml `cues`."""
    return re.compile("|".join(load("lexicon")["cues"][name]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], PatternSet, tuple[str, ...]]:
    """Trigger lemmas -> event type; the trigger patterns and, index for index, their types."""
    lemmas: dict[str, str] = {}
    bodies: list[str] = []
    types: list[str] = []
    for etype, spec in load("triggers").items():
        for lemma in spec.get("lemmas") or []:
            lemmas.setdefault(lemma, etype)
        for p in spec.get("patterns") or []:
            bodies.append(p)
            types.append(etype)
    return lemmas, PatternSet(r"(?<![\w-])", bodies, re.IGNORECASE), tuple(types)


def find_triggers(a: Analysis, sent: Sentence) -> list[ev.Trigger]:
    lemmas, patterns, types = _lexicon()
    found: dict[int, ev.Trigger] = {}
    for k in a.patterns_in(patterns, sent):
        pattern, etype = patterns.patterns[k], types[k]
        for start, end, m in a.matches_in(pattern, sent):
            if "number" in m.groupdict() and numbers.value(m.group("number")) is None:
                continue  # «получил ответ», not «получил семь лет»
            tok = a.tokens[a.token_at(start)]
            old = found.get(tok.i)
            if old is not None and old.end - old.start >= end - start:
                continue
            found[tok.i] = ev.Trigger(etype, tok, start, end, m.group(0), noun=False,
                                      pattern=f"ru.{etype}.pattern:{pattern.pattern[:40]}")
    for t in a.sent_tokens(sent):
        etype = lemmas.get(t.lemma)
        if etype is None or t.i in found or any(x.start <= t.start < x.end for x in found.values()):
            continue
        if t.pos not in ("VERB", "NOUN", "AUX", "ADJ") and not (
                t.pos == "PROPN" and t.i == sent.start and etype in ("petition", "response", "appeal")):
            continue  # natasha tags a capitalised first word as a name: «Ответа из Женевы нет»
        found[t.i] = ev.Trigger(etype, t, t.start, t.stop, t.text, noun=t.pos == "NOUN",
                                pattern=f"ru.{etype}.lemma:{t.lemma}")
    for t in syntax.term_verbs(a, sent):
        if t.i not in found and not any(x.start <= t.start < x.end for x in found.values()):
            found[t.i] = ev.Trigger("sentence", t, t.start, t.stop, t.text, pattern="ru.sentence.parse:term")
    for trig in remedy.triggers(a, sent):
        # «подала жалобу в прокуратуру» as a whole says more than «жалобу» alone
        for i in [i for i, old in found.items() if i == trig.token.i or trig.start <= old.start < trig.end]:
            del found[i]
        found[trig.token.i] = trig
    return sorted(found.values(), key=lambda x: x.start)


def _before(a: Analysis, sent: Sentence, tok: Token, n: int = 3) -> list[Token]:
    return a.tokens[max(sent.start, tok.i - n):tok.i]


def is_irrealis(a: Analysis, sent: Sentence, trig: ev.Trigger) -> bool:
    tok = trig.token
    if tok.feats.get("Tense") == "Fut" or tok.feats.get("Mood") == "Imp":
        return True  # «его задержат»
    if tok.pos == "VERB" and tok.feats.get("VerbForm") == "Inf":
        return True  # «призвала освободить», «выйти на свободу он сможет лишь…»: wanted or possible
    before = _before(a, sent, tok)
    if tok.pos == "NOUN":
        # «после освобождения» tells of a release; «добиться его освобождения» asks for one.
        return any(t.lemma in IRREALIS for t in before) and not any(
            t.lemma in ("после", "со", "с", "момент", "день", "до") for t in before)
    return any(t.lemma in IRREALIS for t in before)


def _generic_object(a: Analysis, sent: Sentence, trig: ev.Trigger, token_person, etype: str) -> bool:
    """«задерживали его соратников», «сталкиваются все политзаключённые»: a group, not a person
    (unless the parse names the one it is done to: «Ахмедова избили сотрудники»)."""
    tok = trig.token
    if syntax.event_roles(a, tok, etype, token_person)[0]:
        return False
    first = next((t.i for t in a.tokens[tok.i + 1:sent.end] if t.start >= trig.end), sent.end)
    rest = a.tokens[first:sent.end]   # after the trigger's words («приговор оглашён …»)
    for k, t in enumerate(rest[:-1]):
        if t.lemma in ("среди", "включая"):
            # «помиловал 400 заключённых, среди них — 58-летний бывший учитель X»: X is named
            # (the words up to the next verb)
            named = next((x for x in rest[k + 1:] if x.i in token_person or x.pos == "VERB"), None)
            if named is not None and named.i in token_person:
                return False
    if syntax.done_to_group(a, tok, etype, token_person):
        return True
    if any(t.i in token_person and t.pos == "PROPN" for t in rest[:6]):
        return False  # «увезли из дома 23-летнего Х»
    agentive = tok.pos == "VERB" and tok.feats.get("VerbForm") == "Fin" and tok.feats.get("Voice") != "Pass"
    window = a.tokens[first:min(sent.end, first + 3)] + [
        t for t in _before(a, sent, tok, 2) if not (agentive and t.feats.get("Case") == "Nom")]
    for t in window:
        if t.i in token_person and t.pos == "PROPN":
            return False
        if t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" and t.feats.get("Number") == "Plur":
            return True
    return False


def classify(a: Analysis, sent: Sentence, trig: ev.Trigger, token_person) -> str | None:
    """The event type a trigger really announces in its sentence, or None."""
    etype, tok = trig.type, trig.token
    text = sent.text
    after = a.text[trig.start:sent.end_char]
    before = a.text[sent.start_char:trig.start]
    if trig.pattern.startswith("remedy."):
        # «намерен подать жалобу», «если суд откажет»: planned or conditional, not done
        if etype == "response":
            return None if remedy.conditional(a, sent, tok) else etype  # «если суд откажет»
        return None if remedy.unreal(a, sent, tok) else etype
    if etype in IRREALIS_TYPES and is_irrealis(a, sent, trig):
        return None
    if etype == "ill_treatment" and (tok.feats.get("VerbForm") == "Inf" or tok.feats.get("Tense") == "Fut" or any(
            t.lemma in _arguments()["feared_words"] for t in _before(a, sent, tok))):
        return None  # «на родине ему грозят пытки», «его будут пытать»: feared, not done
    if etype in ("arrest", "sentence", "release", "ill_treatment", "death", "transfer", "charge") and \
            _generic_object(a, sent, trig, token_person, etype):
        return None
    if etype in STATE_TYPES and syntax.names_a_state(a, tok):
        return None  # «осуждённый активист», «большинство арестованных», «волна арестов»
    if trig.noun and _names_a_body(a, sent, tok):
        return None  # «Рабочая группа ООН по произвольным задержаниям», «Комитет против пыток»
    if etype == "arrest" and re.search(r"(?:административн|домашн)\w*\s*$", before, re.I):
        return None  # «25 суток административного ареста» is a term
    if etype == "sentence" and tok.pos == "VERB" and tok.feats.get("VerbForm") == "Part" and \
            tok.feats.get("Variant") != "Short" and not re.match(r"\S+\s+(?:\S+\s+)?(?:к|на)\s", after):
        return None  # «осуждённые за веру»: a state
    if etype == "release" and trig.noun and not re.search(r"(?:после|с\s+момента|со\s+дня|до)\s+(?:\w+\s+)?$", before, re.I):
        return None  # «добиваются его освобождения»
    if etype == "response":
        if tok.pos in ("VERB", "AUX") and remedy.conditional(a, sent, tok):
            return None  # «если суд откажет»: supposed, not given
        if re.match(r"отказ\w*\s+(?:\w+\s+){0,3}?в\s+(?:медпомощ|медицинск|свидани|лечени|передач|встреч)", after, re.I):
            return "denial"
        if APPEAL_WORDS.search(text) and not REQUEST_OBJECTS.search(text):
            return "appeal"
        if REVIEW_REQUEST.search(after[:80]):
            return "appeal"  # «оставил без удовлетворения кассационную жалобу»: an appeal ruling
        asked = REQUEST_OBJECTS.search(text) or remedy.asked_before(a, sent)
        if not asked and not re.search(r"ответ", trig.text, re.I):
            return None
        if trig.text.lower().startswith("ответ") and not asked:
            return None
        return "response"
    if etype == "petition":
        if re.match(r"жалоб\w*\s+на\s+(?:здоровь|бол|самочувств)", after, re.I):
            return "health"
        if re.search(r"апелляционн|кассационн", before[-20:], re.I):
            return "appeal"
        if not (cue("asks_for").search(after) or tok.lemma in ("ходатайство", "петиция", "ходатайствовать")):
            return None
        if tok.feats.get("Tense") == "Fut":
            return None
        return "petition"
    if etype == "transfer":
        if not FACILITY_WORD.search(after) and not syntax.moved_between(a, tok):
            return None
        if PUNISHMENT_CELL.search(after[:60]):
            return "ill_treatment"
        if syntax.ordered_by_court(a, tok):
            return "arrest"  # «суд отправил его в СИЗО на два месяца»: a custody order
        return "transfer"
    if etype == "health":
        if tok.lemma in ("страдать", "болеть", "заболеть", "ухудшиться") and not cue("health").search(text) \
                and not re.search(r"\w+(?:оз|ит|ия|ома)\b", after):
            return None
        if re.search(r"\bне\s+$", before):
            return None
    if etype == "ill_treatment" and tok.lemma == "угрожать" and not cue("threats").search(after):
        return None
    if etype == "death" and (re.search(r"угроз\w*\s+$", before) or re.match(r"смертн", trig.text, re.I)):
        return None
    return etype


@lru_cache(maxsize=1)
def _arguments() -> dict:
    return load("arguments")


def _names_a_body(a: Analysis, sent: Sentence, tok: Token) -> bool:
    """A trigger noun in the name of a body or an instrument: after «по»/«против» that
    follows «группа», «комитет», «конвенция» within a few words."""
    data = _arguments()
    before = _before(a, sent, tok, 5)
    links = [k for k, t in enumerate(before) if t.lemma in data["institution_links"]]
    return bool(links) and any(t.lemma in data["institution_words"] or t.text.lower() in data["institution_words"]
                               for t in before[:links[-1]])


def _is_agent(a: Analysis, trig: ev.Trigger, i: int, etype: str) -> bool:
    """Without a parse: a person named in the nominative before an active verb of an event
    done to someone («судья Х приговорила Y», «президент Х помиловал Y») brings it about."""
    data = _arguments()
    tok, t = trig.token, a.tokens[i]
    return (etype in data["patient_types"] and tok.pos == "VERB" and i < tok.i
            and tok.feats.get("Voice") != "Pass" and tok.feats.get("VerbForm") == "Fin"
            and tok.lemma not in data["patient_subject_verbs"] and t.feats.get("Case") == "Nom")


# Types whose person the parse names (a petition's or an answer's is the one it is made for,
# which the on-behalf step finds).
PARSED_TYPES = {"arrest", "sentence", "release", "transfer", "charge", "ill_treatment", "denial", "health",
                "hunger_strike", "death"}


def persons_of(a: Analysis, sent: Sentence, trig: ev.Trigger, token_person, recent, witnesses: set[int],
               etype: str | None = None) -> tuple[list, bool]:
    """Who the event is about: the persons the parse makes the one it is done to («приговорила
    Кривошея», «Мацкевич, осуждённый …», «Горинов заболел»); else the nearest person mentioned
    in the sentence (a relative's noun after the trigger, «ареста брата», counts) who does not
    bring it about (the parse's subject of an active verb); else the person the previous
    sentences were about. The flag says whether the parse named them."""
    etype = etype or trig.type
    patients, agents = syntax.event_roles(a, trig.token, etype, token_person) if etype in PARSED_TYPES else ([], [])
    if patients:
        return patients, True
    cands = sorted((i, p) for i, p in token_person.items() if sent.start <= i < sent.end)
    if a.doc.has_annotation("DEP"):
        patients = [(i, p) for i, p in cands if p not in agents]
    else:
        patients = [(i, p) for i, p in cands if not _is_agent(a, trig, i, etype)]
    if patients and len(patients) < len(cands) and any(i > trig.token.i for i, _ in patients):
        cands = patients
    if cands:
        i, p = min(cands, key=lambda c: (c[0] in witnesses, abs(c[0] - trig.token.i), c[0] > trig.token.i))
        return [p], False
    return ([recent] if recent is not None else []), False


def outcome_of(etype: str, text: str) -> str | None:
    """The outcome of an appeal or a response, by the first group of data/lexicon.yml
    `outcomes` that the sentence matches; an appeal with none is pending."""
    for outcome, words in load("lexicon")["outcomes"][etype].items():
        if re.search("|".join(words), text, re.IGNORECASE):
            return outcome
    return "pending" if etype == "appeal" else None
