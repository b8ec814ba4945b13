"""Who an event is done to and who does it, read off natasha's dependency parse (the Doc's
`head`, `dep_` and `morph`, filled by habeas.nlp.ru.component).

- an active verb: its object is the one it is done to, its subject the one who does it
  («судья Гладкевич приговорила Кривошея», «ему отказали в лечении»);
- a passive verb or participle: its subject, or the noun it describes, is the one it is done
  to, a bare instrumental the one who does it («Петров был задержан полицией», «Павел
  Мацкевич, осуждённый по тому же делу», «задержанный в ту же ночь Лусиано»);
- a verb whose subject undergoes the event («получил шесть лет», «вышел на свободу»,
  «объявил голодовку»): its subject;
- a noun: its genitive or possessive dependent («арест Иванова», «его задержание»).

The verbs and types are data (data/arguments.yml). A word that stands for a person (a name,
a pronoun, «политзаключённый») is mapped to the person by the finders' `token_person`; a noun
with a name in apposition («её муж Павел Мацкевич») stands for the named person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Token as DocToken

from habeas.nlp.ru.analysis import Analysis, Token
from habeas.nlp.ru.resources import load

SUBJECTS = ("nsubj", "nsubj:pass")
OBJECTS = ("obj", "iobj")
NOUN_ARGUMENTS = ("nmod", "det", "nmod:poss")
DESCRIBING = ("acl", "amod", "acl:relcl")
PLURAL_PRONOUNS = ("они", "их")


@dataclass
class Roles:
    """Doc token indices: who the event is done to (or who undergoes it), and who does it."""

    patients: list[int] = field(default_factory=list)
    agents: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def _data() -> dict[str, frozenset[str]]:
    raw = load("arguments")
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


def passive(t: DocToken) -> bool:
    """A passive verb or participle: «задержан», «осуждённый», «был арестован»; natasha tags
    some participles as nouns («осуждённый по тому же делу», dep `acl`)."""
    return t.morph.get("Voice") == ["Pass"] or any(c.dep_ == "aux:pass" for c in t.children) or (
        t.pos_ in ("NOUN", "ADJ") and t.dep_ in DESCRIBING)


def _children(t: DocToken, deps: tuple[str, ...]) -> list[DocToken]:
    return [c for c in t.children if c.dep_ in deps]


def _subjects(t: DocToken) -> list[DocToken]:
    """A verb's subject (as a list); a verb joined to another by `conj` without its own shares
    that one's («задержали и избили»)."""
    own = _children(t, SUBJECTS)
    if not own and t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
        own = _children(t.head, SUBJECTS)
    # one verb, one subject: a second is the parser's (the name after «среди них —»)
    return own[:1]


def roles(t: DocToken, etype: str) -> Roles:
    """The parse's patients and agents of the trigger word `t` of an event of type `etype`."""
    data = _data()
    out = Roles()
    done_to = etype in data["patient_types"]
    if t.pos_ in ("VERB", "AUX") and not (t.pos_ == "VERB" and passive(t) and t.dep_ in DESCRIBING):
        if t.lemma_ in data["patient_subject_verbs"] or not done_to:
            # «Горинов заболел»; with no subject, the object: «их госпитализировали»
            out.patients = _subjects(t) or _children(t, OBJECTS)
        elif passive(t):
            out.patients = _subjects(t)
            out.agents = [c for c in _children(t, ("obl",)) if c.morph.get("Case") == ["Ins"]
                          and not _children(c, ("case",)) and c.pos_ in ("NOUN", "PROPN")]
        else:
            out.patients = _children(t, OBJECTS)
            out.agents = _subjects(t)
    elif t.dep_ in DESCRIBING and t.head.i != t.i and (passive(t) or t.pos_ == "NOUN"):
        # «Павел Мацкевич, осуждённый …», «задержанный Лусиано»: the noun it describes
        out.patients = [t.head]
    elif t.pos_ == "NOUN":
        out.patients = [c for c in _children(t, NOUN_ARGUMENTS)
                        if (c.morph.get("Case") == ["Gen"] or c.lemma_ in PLURAL_PRONOUNS)
                        and c.pos_ in ("NOUN", "PROPN", "PRON", "DET")]
    return out


def person_of(a: Analysis, t: DocToken, token_person: dict[int, Any], depth: int = 0) -> list[Any]:
    """The persons a Doc token stands for: a name in apposition first («её муж Павел
    Мацкевич»), else the token itself; with the persons joined to it («Дмитриев вместе с
    Ивановым и Озеровым», «Иванова и Петрова»); for a noun that is nobody, whose
    it is («состояние здоровья Кылычева»)."""
    if t.lemma_ in PLURAL_PRONOUNS:
        return _plural_reference(a, t, token_person)
    found: list[Any] = []
    for c in [x for x in t.children if x.dep_ == "appos"] + [t]:
        p = token_person.get(a.view_index(c.i))
        if p is not None:
            found.append(p)
            break
    if not found and depth < 2 and t.pos_ == "NOUN" and t.morph.get("Animacy") != ["Anim"]:
        # «состояние здоровья Кылычева ухудшилось»: whose it is (not «его соратников»: others)
        for c in t.children:
            if c.dep_ == "nmod" and c.morph.get("Case") == ["Gen"]:
                found = person_of(a, c, token_person, depth + 1)
                if found:
                    return found
    for c in t.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            p = token_person.get(a.view_index(c.i))
            if p is not None and p not in found:
                found.append(p)
    return found


def _plural_reference(a: Analysis, t: DocToken, token_person: dict[int, Any]) -> list[Any]:
    """«их», «они»: the last persons joined by a conjunction before it, in its sentence or the
    one before («состоянием Нарматовой и Сурановой … в их госпитализации»)."""
    here = a.view_index(t.i)
    if here < 0:
        return []
    sent = a.sent_at(a.tokens[here].start)
    first = a.sents[max(0, sent.index - 1)].start
    for k in range(here - 1, first - 1, -1):
        p = token_person.get(k)
        if p is None:
            continue
        group = [p]
        for c in a.doc[a.tokens[k].doc_i].children:
            q = token_person.get(a.view_index(c.i)) if c.dep_ == "conj" else None
            if q is not None and q not in group:
                group.append(q)
        if len(group) > 1:
            return group
    return []


def event_roles(a: Analysis, trigger: Token, etype: str, token_person: dict[int, Any]) -> tuple[list, list]:
    """(patients, agents) of a trigger as persons of the report, read off the parse."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return [], []
    key = (trigger.doc_i, etype in _data()["patient_types"], id(token_person))
    if key not in a.roles:
        a.roles[key] = _event_roles(a, trigger, etype, token_person)
    return a.roles[key]


def _event_roles(a: Analysis, trigger: Token, etype: str, token_person: dict[int, Any]) -> tuple[list, list]:
    r = roles(a.doc[trigger.doc_i], etype)
    patients: list[Any] = []
    for x in r.patients:
        patients += [p for p in person_of(a, x, token_person) if p not in patients]
    agents: list[Any] = []
    for x in r.agents:
        agents += [p for p in person_of(a, x, token_person) if p not in agents and p not in patients]
    return patients, agents


# What tells an event of a participle: when, where, for what, to what term, by whom.
PARTICIPLE_ARGUMENTS = ("obl", "obj", "iobj", "advmod", "nmod", "obl:agent", "advcl", "xcomp")


def participle(t: DocToken) -> bool:
    """A full participle, whatever natasha tagged it: «осуждённый», «арестованных» (a verb's
    lemma on a noun or an adjective is one)."""
    if t.morph.get("Variant") == ["Short"]:
        return False
    if t.pos_ == "VERB":
        return t.morph.get("VerbForm") == ["Part"]
    return t.pos_ in ("NOUN", "ADJ") and t.lemma_.endswith(("ть", "ться", "ти", "чь"))


def names_a_state(a: Analysis, trigger: Token) -> bool:
    """The trigger names who someone is, not what happened: a participle with nothing of its own
    («осуждённый активист», «большинство арестованных», «о состоянии арестованного»), or an
    event noun in the plural with nobody's name on it («волна арестов», «после задержаний»)."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return False
    t = a.doc[trigger.doc_i]
    if t.dep_ == "ROOT":
        return False
    if participle(t):
        # a preposition right after it opens what the parser may have hung elsewhere
        # («осуждённого на 10 лет активиста»)
        following = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        return not any(c.dep_ in PARTICIPLE_ARGUMENTS for c in t.children) and not (
            following is not None and following.pos_ == "ADP")
    if t.pos_ == "NOUN" and t.morph.get("Number") == ["Plur"]:
        return not any(c.dep_ in NOUN_ARGUMENTS for c in t.children)
    return False


def named(a: Analysis, t: DocToken, token_person: dict[int, Any]) -> list[Any]:
    """The persons a noun names by apposition: «узник колонии Мерет Аннаев» («Аннаев» hangs
    from «узник»), «Мерет Аннаев, узник колонии» (the noun hangs from the name)."""
    out = [token_person.get(a.view_index(c.i)) for c in t.children if c.dep_ == "appos"]
    if t.dep_ == "appos":
        out.append(token_person.get(a.view_index(t.head.i)))
    return [p for p in out if p is not None]


def ordered_by_court(a: Analysis, trigger: Token) -> bool:
    """The verb's subject is a court or a judge: «Советский районный суд отправил его в СИЗО»."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return False
    verb = a.doc[trigger.doc_i]
    # its own subject: «суд арестовал её, а на следующий день её перевели» is a transfer
    return any(s.lemma_ in _data()["custody_ordering_agents"] and s.i < verb.i and s.morph.get("Case") == ["Nom"]
               for s in _children(verb, SUBJECTS))


def told_in_present(doc, trigger: Token) -> bool:
    """The trigger's clause is in the present tense: its own verb, or for a noun the verb it
    hangs from («у него язва» has none: a verbless clause is a present one too)."""
    if trigger.doc_i < 0 or not doc.has_annotation("DEP"):
        return False
    t = doc[trigger.doc_i]
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i and t.dep_ not in ("ROOT", "parataxis"):
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return not any(c.pos_ in ("VERB", "AUX") for c in t.children)   # «у него язва желудка»
    if t.morph.get("VerbForm") == ["Inf"]:
        return False
    return t.morph.get("Tense") == ["Pres"] and not any(c.dep_ in ("aux", "aux:pass") for c in t.children)


def done_to_group(a: Analysis, trigger: Token, etype: str, token_person: dict[int, Any]) -> bool:
    """The parse's one it is done to is a plural of people who stand for nobody named:
    «полиция задерживала его соратников», «избивали заключённых»."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return False
    patients = roles(a.doc[trigger.doc_i], etype).patients
    return bool(patients) and all(
        x.pos_ == "NOUN" and x.morph.get("Number") == ["Plur"] and x.morph.get("Animacy") == ["Anim"]
        and not person_of(a, x, token_person) for x in patients)


def term_verbs(a: Analysis, sent) -> list[Token]:
    """Verbs of the sentence that give a term by the parse: a verb of giving whose object or
    oblique is a number of years, months or a term («назначил адвокату ещё десять лет»)."""
    if not a.doc.has_annotation("DEP"):
        return []
    data = _data()
    out = []
    for t in a.sent_tokens(sent):
        if t.lemma not in data["term_giving_verbs"] or t.pos != "VERB":
            continue
        x = a.doc[t.doc_i]
        if any(c.dep_ in ("obj", "obl") and c.lemma_ in data["term_units"] and
               any(n.dep_.startswith("nummod") for n in c.children) for c in x.children):
            out.append(t)
    return out


def _clause(t: DocToken) -> DocToken:
    """The verb (or the root) whose clause a token is in."""
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def same_clause(a: Analysis, offset: int, trigger: Token) -> bool:
    """The word at a character offset (a date's first) is in the trigger's clause."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return True
    word = a.doc[a.tokens[a.token_at(offset)].doc_i]
    return _clause(word).i == _clause(a.doc[trigger.doc_i]).i


def moved_between(a: Analysis, trigger: Token) -> bool:
    """The verb names where from and where to, by the parse: «этапировали из Ростова в
    Новочеркасск», «перевели из одной колонии в другую»."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP") or trigger.pos != "VERB":
        return False
    marks = {m.lemma_ for c in a.doc[trigger.doc_i].children if c.dep_ == "obl"
             for m in c.children if m.dep_ == "case"}
    return "из" in marks and bool(marks & {"в", "на"})


def apposed_to(a: Analysis, name: Token, nouns: set[str]) -> bool:
    """A name in apposition to one of `nouns` however far apart: «директор Национального
    центра по предупреждению пыток Бакыт Рысбеков» («Бакыт» hangs from «директор»)."""
    if name.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return False
    x = a.doc[name.doc_i]
    return x.dep_ == "appos" and x.head.lemma_ in nouns


def dates_the_news(a: Analysis, offset: int, trigger: Token) -> bool:
    """The date at `offset` is in the clause of a verb of learning or telling that governs the
    trigger's clause: «лишь 13 ноября выяснилось, что его поместили в СИЗО» dates the news."""
    if trigger.doc_i < 0 or not a.doc.has_annotation("DEP"):
        return False
    told = _clause(a.doc[a.tokens[a.token_at(offset)].doc_i])
    event = _clause(a.doc[trigger.doc_i])
    return told.i != event.i and told.lemma_ in _data()["news_verbs"] and event.dep_ == "ccomp" and \
        event.head.i == told.i
