"""People in Russian reports: natasha's PER spans grouped into persons by their nominative
forms, each with a Latin transliteration among its names (so the archive's
habeas.nlp.persons.same_name meets the English reports' spelling), and the pronouns,
«политзаключённый» and «её брат» that stand for a person."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import iuliia

from habeas.nlp.persons import Mention, PersonCluster
from habeas.nlp.ru.analysis import Analysis, Token, inflect_oc, nominative_tokens, parses
from habeas.nlp.ru.resources import fold, load

FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ая|ская|цкая)$")
# A name is capitalised words, with initials: «М. Бонцлер», «Акылбек Муратов».
NAME_WORD = re.compile(r"^(?:[А-ЯЁA-Z]\.|[А-ЯЁA-Z][а-яёa-z’'\-]+(?:-[А-ЯЁA-Z][а-яёa-z]+)?)$")
VOWELS = set("аеёиоуыэюяaeiouy")


@dataclass(eq=False)
class RuPerson(PersonCluster):
    gender: str | None = None


def same_word(a: str, b: str) -> bool:
    """Two case forms of one name: «Власов»/«Власова», «Фариза»/«Фаризой»."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 2


def _matches(person: RuPerson, words: list[str]) -> bool:
    """One person's name: «Жыланбаев М.» is «Марат Жыланбаев» (initials aside)."""
    words = [w for w in words if not w.endswith(".")] or words
    for form in person.forms:
        known = [w for w in form.split() if not w.endswith(".")] or form.split()
        if len(words) > 1 and len(known) > 1:
            if same_word(words[-1], known[-1]) and same_word(words[0], known[0]):
                return True
            shorter, longer = sorted((words, known), key=len)
            if len(shorter) < len(longer) and all(same_word(a, b) for a, b in zip(shorter, longer[-len(shorter):])):
                return True   # «Кастильо Мендоса» is «Эрнесто Кастильо Мендоса» without the given name
        elif any(same_word(w, k) for w in words for k in known if not k.endswith(".")):
            return True
    return False


@lru_cache(maxsize=1)
def _other_letters() -> dict[str, str]:
    """Letters of Central Asian names written in Cyrillic that no Russian schema covers."""
    return load("translit")["other_letters"]


@lru_cache(maxsize=65536)
def latin(name: str) -> str:
    """The Latin spelling English-language reports mostly use: iuliia's Wikipedia schema for
    Russian («Азимжан Аскаров» -> «Azimzhan Askarov», «Алексей Навальный» -> «Aleksey
    Navalny»), then data/translit.yml for Kazakh, Kyrgyz, Tatar and Tajik letters."""
    other = _other_letters()
    # iuliia capitalises a digraph only in its first letter: a name in capitals goes in as a title.
    out = " ".join(iuliia.WIKIPEDIA.translate(w.title()).upper() if w.isupper() and len(w) > 1
                   else iuliia.WIKIPEDIA.translate(w) for w in name.split(" "))
    return "".join(other.get(ch.lower(), ch).capitalize() if ch.isupper() and ch.lower() in other
                   else other.get(ch, ch) for ch in out)


def _common_thing(word: str) -> bool:
    """A word the dictionary knows only as a thing, never a person or a name: «Мемориал»,
    «Наццентр» alone are no person; «Мороз», «Кузнец», «Гусев» may be."""
    ps = [p for p in parses(word) if p.tag.POS]
    return bool(ps) and all(p.tag.POS == "NOUN" and p.tag.animacy == "inan" and _in_dictionary(p)
                            and not NAME_GRAMMEMES & set(p.tag.grammemes) for p in ps)


def _in_dictionary(parse) -> bool:
    """The dictionary's own reading of a word, not a guess from its ending."""
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _person_spans(a: Analysis) -> list[list[Token]]:
    """natasha's PER spans, two that touch and agree in case joined: «Марины Сергеевны» +
    «Толстой» (which can be a genitive too, whatever the tagger read) is one woman."""
    def agrees(last: Token, toks: list[Token]) -> bool:
        case = last.feats.get("Case")
        return case is not None and (toks[0].feats.get("Case") == case or len(toks) == 1 and any(
            p.tag.case == OC_CASE.get(case, "nomn") and p.tag.number != "plur" for p in parses(toks[0].text)))
    out: list[list[Token]] = []
    for e in (x for x in a.entities if x.type == "PER"):
        if out and e.tokens and out[-1] and not a.text[out[-1][-1].stop:e.tokens[0].start].strip() and \
                agrees(out[-1][-1], e.tokens):
            out[-1] = out[-1] + e.tokens
        else:
            out.append(list(e.tokens))
    return out


QUOTES_OPEN, QUOTES_CLOSE = "«„\"“", "»“\"”"


def _organisation(a: Analysis, toks: list[Token]) -> bool:
    """A PER span that names an organisation, an outlet or a community (data/organisations.yml):
    one of their names alone («Мемориал сообщил»), a name in quotes («по данным «Мемориала»»),
    a name beside an organisation noun in its case («центр Сова», «движение Весна»)."""
    if not toks:
        return False
    orgs = load("organisations")
    if len(toks) == 1 and _organisation_name(toks[0], orgs["names"]):
        return True
    if toks[0].lemma in orgs["heads"]:
        return True
    first, last = toks[0], toks[-1]
    before, after = a.text[max(0, first.start - 3):first.start].rstrip(), a.text[last.stop:last.stop + 3].lstrip()
    if before[-1:] and before[-1] in QUOTES_OPEN and after[:1] and after[0] in QUOTES_CLOSE:
        return True
    prev = next((a.tokens[k] for k in range(first.i - 1, max(-1, first.i - 4), -1) if a.tokens[k].pos != "PUNCT"), None)
    case = toks[0].feats.get("Case")
    return prev is not None and prev.lemma in orgs["heads"] and case not in (None, "Gen") and \
        prev.feats.get("Case") == case and a.sent_at(prev.start) is a.sent_at(toks[0].start)


def _organisation_name(t: Token, names: list[str]) -> bool:
    """One of the names, in any case: «Мемориала», «Азаттыку», «Медиазоной», «Дождя»; not a
    surname made of one («Мемориалов»)."""
    word = fold(t.text)
    if t.lemma in names or word in names:
        return True
    return any(word.startswith(n[:-1]) and len(word) - len(n) <= 2 for n in names if len(n) > 4) and \
        not any("Surn" in p.tag for p in parses(t.text))


def _name_parts(a: Analysis, span: list[Token], common: set[str]) -> list[list[Token]]:
    """A PER span's name and the name in brackets after it: «Акылбека Муратова (Муратбая)»;
    two names the parse hangs apart, in two cases, are two: «адвокатесса Нарматовой Гуляна
    Убалиева» (her lawyer Гуляна Убалиева)."""
    parts: list[list[Token]] = [[]]
    for t in span:
        if t.text in "()":
            if parts[-1]:
                parts.append([])
            continue
        if t.pos != "PUNCT" or t.text == ".":
            parts[-1].append(t)
    if a.doc.has_annotation("DEP"):
        parts = [q for part in parts for q in _parse_parts(a, _without_titles(part, common))]
        parts = [q for q in parts if not _modifier(a, q)]
    return [p for p in parts if p]


def _without_titles(toks: list[Token], common: set[str]) -> list[Token]:
    """«Политзаключенный», «Свидетель Иеговы»: capitalised common nouns are no name."""
    while toks and (toks[0].lemma in common or fold(toks[0].text) in common):
        toks = toks[1:]
    return toks


def _parse_parts(a: Analysis, toks: list[Token]) -> list[list[Token]]:
    """The words split where the parse starts a new subtree in another case."""
    inside = {t.doc_i for t in toks}
    out: list[list[Token]] = []
    for t in toks:
        x = a.doc[t.doc_i]
        if out and x.head.i not in inside and x.morph.get("Case") and not _after_patronymic(out[-1][-1], t) and (
                x.morph.get("Case") != a.doc[out[-1][-1].doc_i].morph.get("Case")
                or FEMALE_OBLIQUE_ONLY.search(fold(out[-1][-1].text))):   # «Ковалёвой» whatever the tagger said
            out.append([t])
        elif out:
            out[-1].append(t)
        else:
            out.append([t])
    return out


def _no_name(toks: list[Token]) -> bool:
    """Capitalised words of a headline, not a name: all of them words the dictionary knows as
    no name, in no case they share («Свобода Политзаключённым»); «Александр Кривошей» (a
    surname the dictionary knows only as a plural noun) is a name."""
    words = [t.text for t in toks if not t.text.endswith(".")]
    if len(words) < 2:
        return False
    readings = [parses(w) for w in words]
    if not all(ps and all(_in_dictionary(p) and not NAME_GRAMMEMES & set(p.tag.grammemes) for p in ps)
               for ps in readings):
        return False
    cases = [{p.tag.case for p in ps if p.tag.number != "plur" or "Fixd" in p.tag or "Sgtm" in p.tag}
             | ({"any"} if any("Fixd" in p.tag for p in ps) else set()) for ps in readings]
    return not any(all(c in cs or "any" in cs for cs in cases) for c in set().union(*cases) - {"any", None})


def _after_patronymic(prev: Token, t: Token) -> bool:
    """A surname after a patronymic it can agree with in case: «Марины Сергеевны Толстой»."""
    case = OC_CASE.get(prev.feats.get("Case", ""), "nomn")
    return any("Patr" in p.tag and p.tag.case == case for p in parses(prev.text)) and \
        any(p.tag.case == case and p.tag.number != "plur" for p in parses(t.text))


def _modifier(a: Analysis, toks: list[Token]) -> bool:
    """Adjectives of a common noun, not a name: «фигуранты Кемпир-Абадского дела»."""
    inside = {t.doc_i for t in toks}
    return all(a.doc[t.doc_i].dep_ == "amod" and a.doc[t.doc_i].pos_ == "ADJ" and
               a.doc[t.doc_i].head.i not in inside and a.doc[t.doc_i].head.pos_ == "NOUN" for t in toks)


def _words(toks: list[Token]) -> str:
    out = ""
    for k, t in enumerate(toks):
        out += ("" if k == 0 or t.start == toks[k - 1].stop else " ") + t.text
    return out


def find_persons(a: Analysis, blocked: list[tuple[int, int]]) -> list[RuPerson]:
    def is_blocked(start: int, end: int) -> bool:
        return any(s <= start < e or s < end <= e for s, e in blocked)

    seeds: list[tuple[list[Token], str, int]] = []   # tokens, nominative, group (span number)
    lex = load("lexicon")
    common = {w for key in ("roles", "detainee_nouns", "relatives", "advocates", "officials", "not_name_words")
              for w in lex[key]}
    # One-word names of places and organisations: «тюрьме Эвин» (LOC), then «начальник Эвина» (PER).
    places = {fold(w) for e in a.entities if e.type in ("LOC", "ORG") and len(e.tokens) == 1
              for w in (e.tokens[0].lemma, e.tokens[0].text)}
    for n, span in enumerate(_person_spans(a)):
        if _organisation(a, span):
            places |= {fold(w) for t in span for w in (t.lemma, t.text)}
            continue
        for toks in _name_parts(a, span, common):
            toks = _without_titles(toks, common)
            if not toks or any(fold(t.text) in common for t in toks) or _no_name(toks):
                continue
            surface = _words(toks)
            if not all(NAME_WORD.match(w) for w in surface.replace(". ", ".").split()) or \
                    len(surface.split()) > 4 or is_blocked(toks[0].start, toks[-1].stop):
                continue
            named = _parse_case(a, toks)
            normal = nominative_tokens(named) if not any(t.text.endswith(".") for t in toks[:-1]) else \
                _words(toks[:-1]) + " " + nominative_tokens(named[-1:])
            normal = _nominative_words(named, normal)
            seeds.append((toks, _repair(_shape(normal, surface)), n))
    persons: list[RuPerson] = []
    by_group: dict[int, RuPerson] = {}
    # Full names first, so that a lone surname joins the right person.
    for toks, normal, group in sorted(seeds, key=lambda s: (-len(s[1].split()), s[0][0].start)):
        words = normal.split()
        person = by_group.get(group) or next(
            (p for p in persons if _matches(p, words) or _matches(p, _words(toks).split())), None)
        if person is None:
            if len(words) == 1 and (len(words[0]) < 3 or _common_thing(words[0]) or fold(words[0]) in places):
                continue
            person = RuPerson(name=normal)
            persons.append(person)
        by_group.setdefault(group, person)
        if normal not in person.forms:
            person.forms.append(normal)
        person.mentions.append(Mention(toks[0].start, toks[-1].stop, _words(toks), toks[-1].i,
                                       a.sent_at(toks[0].start).index))
    _second_pass(a, persons, is_blocked)
    persons = _merge_bracketed(a.text, persons)
    for p in persons:
        p.mentions.sort(key=lambda m: m.start)
        p.name = max(p.forms, key=lambda f: (sum(not w.endswith(".") for w in f.split()), _agrees_nominative(f),
                                             -p.forms.index(f)))
        p.gender = _gender(a, p)
    return [p for p in persons if p.mentions]


def _merge_bracketed(text: str, persons: list[RuPerson]) -> list[RuPerson]:
    """A name in brackets right after another, with the same surname, is that person's other
    name: «Алеся Кривошея (в материалах дела он значится как Александр Кривошей)»."""
    gone: set[int] = set()
    for b in persons:
        if len(b.mentions) != 1:
            continue
        m = b.mentions[0]
        opened = text.rfind("(", 0, m.start)
        if opened < 0 or ")" in text[opened:m.start]:
            continue
        for p in persons:
            if p is b or id(p) in gone:
                continue
            if any(not text[x.end:opened].strip() for x in p.mentions) and \
                    same_word(p.name.split()[-1], b.name.split()[-1]):
                p.mentions.append(m)
                p.forms += [f for f in b.forms if f not in p.forms]
                gone.add(id(b))
                break
    return [p for p in persons if id(p) not in gone]


# natasha's cases -> pymorphy's (OpenCorpora) grammemes.
OC_CASE = {"Gen": "gent", "Acc": "accs", "Dat": "datv", "Ins": "ablt", "Loc": "loct"}
NAME_GRAMMEMES = {"Name", "Surn", "Patr"}
# Endings an oblique case gives a declinable name; «Али», «Кастильо», «Эрнесто» do not decline.
OBLIQUE_ENDING = re.compile(r"(?:[аяуюеи]|[ое]й|[ыи]м|[ое]м|[ое]го|[ое]му)$")
FEMALE_OBLIQUE_ONLY = re.compile(r"(?:ов|ев|ин|ын|ск|цк)ой$")
# A masculine surname's oblique endings with nothing better known: «Кривошея» -> «Кривошей»,
# «Гафарова» -> «Гафаров», «Петрову» -> «Петров».
MASC_OBLIQUE = ((re.compile(r"([аеиоуэюя])я$"), r"\1й"), (re.compile(r"(ов|ев|ёв|ин|ын)(?:а|у|ым|е)$"), r"\1"))


def _parse_case(a: Analysis, toks: list[Token]) -> list[Token]:
    """The name's words with the case its place in the parse gives, where the tagger read
    the other of dative and accusative: «арестовал Морозову» (its object) is Морозова in the
    accusative, «вынес приговор Морозову» (its indirect object) Морозов in the dative."""
    if not a.doc.has_annotation("DEP"):
        return toks
    inside = {t.doc_i for t in toks}
    root = next((a.doc[t.doc_i] for t in toks if a.doc[t.doc_i].head.i not in inside), None)
    if root is None or root.head.pos_ != "VERB":
        return toks
    case = {"obj": "Acc", "iobj": "Dat"}.get(root.dep_)
    if case is None or not all(t.feats.get("Case") in ("Acc", "Dat") for t in toks if not t.text.endswith(".")):
        return toks
    return [replace(t, feats={**t.feats, "Case": case}) if t.feats.get("Case") in ("Acc", "Dat") else t for t in toks]


def _person_gender(toks: list[Token]) -> str | None:
    """The name's grammatical gender: what its words agree on, in natasha's tags."""
    if any(FEMALE_OBLIQUE_ONLY.search(fold(t.text)) for t in toks):
        return "Fem"   # «Нарматовой», whatever the tagger guessed
    agreed = _agreed_gender(toks)
    if agreed:
        return agreed
    votes = Counter(t.feats.get("Gender") for t in toks if t.feats.get("Gender"))
    return votes.most_common(1)[0][0] if votes else None


def _agreed_gender(toks: list[Token]) -> str | None:
    """The one gender in which every word of the name can stand in the case the tagger read:
    «Лидию Морозову» (accusative) is a woman's name, whatever gender the tagger guessed, since
    «Лидию» and «Морозову» are accusatives only of «Лидия» and «Морозова»; «Ивану Морозову»
    (dative) is a man's. None when both genders fit («Саше Петренко»), neither does, or the
    cases the tagger read of the words give two answers («Джемиля» nominative, «Гафарова» genitive)."""
    words = [t for t in toks if not t.text.endswith(".")]
    cases = {OC_CASE.get(t.feats["Case"], "nomn") for t in words if t.feats.get("Case")}
    if not words or not cases:
        return None

    def fits(t: Token, gender: str, case: str) -> bool:
        return any(p.tag.case == case and p.tag.number != "plur" and p.tag.gender in (gender, None)
                   and p.tag.POS in ("NOUN", "ADJF") for p in parses(t.text))
    genders = {g for case in cases for g in ("masc", "femn") if all(fits(t, g, case) for t in words)}
    return {"masc": "Masc", "femn": "Fem"}[genders.pop()] if len(genders) == 1 else None


def _nominative_words(toks: list[Token], normal: str) -> str:
    """natasha's normal form, with each word natasha left in an oblique case put in the
    nominative by pymorphy's dictionary (names and surnames first, agreeing in gender):
    «Олега Бережного» -> «Олег Бережный», «Алеся Кривошея» -> «Алесь Кривошей»,
    «Эрнесто Кастильо Мендосу» -> «Эрнесто Кастильо Мендоса»."""
    words = normal.split()
    if len(words) != len(toks):
        return normal
    gender = _person_gender(toks)
    # The words of a name share one case: «Джемиля» tagged nominative beside «Гафарова» (genitive).
    oblique = Counter(t.feats.get("Case") for t in toks if t.feats.get("Case") in OC_CASE).most_common(1)
    name_case = OC_CASE[oblique[0][0]] if oblique else None
    oc_gender = {"Masc": "masc", "Fem": "femn"}.get(gender or "")
    out = []
    for word, t in zip(words, toks):
        case = OC_CASE.get(t.feats.get("Case", "")) or name_case or (
            "any" if fold(t.text)[-1:] in ("у", "ю") and not any(p.tag.case == "nomn" for p in parses(t.text)) else None)
        n = 0
        while n < min(len(word), len(t.text)) and fold(word[n]) == fold(t.text[n]):
            n += 1
        word = t.text[:n] + word[n:]   # the text's letters where they agree: «Ёрову» -> «Ёров»
        if gender == "Fem" and fold(t.text)[-1:] not in VOWELS | {"й", "ь"}:
            out.append(t.text)   # a woman's name ending in a consonant does not decline: «с Орозайым»
            continue
        if case is None or fold(word) != fold(t.text) or t.text.endswith(".") or not OBLIQUE_ENDING.search(fold(t.text)):
            out.append(word)
            continue
        found = _dictionary_nominative(t.text, case, oc_gender)
        if found is None and gender == "Masc":
            for pattern, repl in MASC_OBLIQUE:
                if pattern.search(t.text):
                    found = pattern.sub(repl, t.text)
                    break
        if found and "ё" not in t.text.lower():
            found = found.replace("ё", "е")   # the text's spelling: «Ковалева», not «Ковалёва»
        out.append(found[:1].upper() + found[1:] if found else word)
    return " ".join(out)


def _dictionary_nominative(word: str, case: str, gender: str | None) -> str | None:
    """pymorphy's nominative of a name word in `case` (else in any oblique case, for a
    name its tagger read as a name): a given name of the person's gender, a surname, a noun."""
    def usable(p, cases) -> bool:
        return p.tag.case in cases and p.tag.number != "plur" and p.tag.POS in ("NOUN", "ADJF") and \
            not (gender and p.tag.gender not in (gender, None) and ("Name" in p.tag or p.tag.POS == "ADJF"))
    for cases in ({case}, set(OC_CASE.values())):
        cands = [p for p in parses(word) if usable(p, cases) and (
            cases == {case} or fold(word)[-1:] in ("у", "ю") or NAME_GRAMMEMES & set(p.tag.grammemes))]
        cands.sort(key=lambda p: ("Fixd" in p.tag, not (NAME_GRAMMEMES & set(p.tag.grammemes)),
                                  p.tag.gender != gender, -p.score))
        for p in cands:
            if "Fixd" in p.tag:
                return None   # an indeclinable name of the person's gender: «Али»
            form = inflect_oc(p, {"nomn", "sing"} | ({gender} if p.tag.POS == "ADJF" and gender else set()))
            if form is not None and fold(form.word) != fold(word):
                return form.word
    return None


def _agrees_nominative(form: str) -> bool:
    """Every word of the name can be a nominative of one gender: «Джемиль Гафаров» can,
    «Джемиля Гафаров» (a woman's given name, a man's surname) and «Кастильо Мендосу» cannot."""
    words = [w for w in form.split() if not w.endswith(".")]
    for gender in ("masc", "femn"):
        if all(any(p.tag.case == "nomn" and p.tag.gender in (gender, None) or "Fixd" in p.tag
                   for p in parses(w)) for w in words):
            return True
    return False


# Case endings natasha sometimes leaves on a surname it does not know: «Марина Ковалеву».
FEMALE_OBLIQUE = re.compile(r"(ов|ев|ёв|ин|ын)(?:у|ой)$|(ск|цк)(?:ую|ой)$")
FEMALE_NAME = re.compile(r"[ая]$")


def _repair(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and FEMALE_NAME.search(words[0]) and FEMALE_OBLIQUE.search(words[-1]):
        m = FEMALE_OBLIQUE.search(words[-1])
        words[-1] = words[-1][:m.start()] + (m.group(1) + "а" if m.group(1) else m.group(2) + "ая")
    return " ".join(words)


def _shape(normal: str, surface: str) -> str:
    """natasha lower-cases initials' neighbours at times; keep the text's capitals."""
    words = normal.split()
    return " ".join(_capitals(w, s) if s[:1].isupper() else w
                    for w, s in zip(words, surface.split() + [""] * len(words)))


def _capitals(word: str, surface: str) -> str:
    """Each hyphened part capitalised as in the text: «Кузьмина-Караваева»."""
    parts, shown = word.split("-"), surface.split("-")
    return "-".join(p[:1].upper() + p[1:] if k == 0 or (k < len(shown) and shown[k][:1].isupper()) else p
                    for k, p in enumerate(parts))


def _second_pass(a: Analysis, persons: list[RuPerson], is_blocked) -> None:
    """Case forms NER missed: a capitalised word that is a known person's surname."""
    covered = {m.start for p in persons for m in p.mentions}
    spans = [(m.start, m.end) for p in persons for m in p.mentions]
    for t in a.tokens:
        if t.start in covered or t.pos != "PROPN" or len(t.text) < 4 or not t.text[:1].isupper() or \
                any(s <= t.start < e for s, e in spans) or is_blocked(t.start, t.stop):
            continue
        for p in persons:
            if any(same_word(t.text, f.split()[-1]) for f in p.forms if len(f.split()) > 1):
                p.mentions.append(Mention(t.start, t.stop, t.text, t.i, a.sent_at(t.start).index))
                break


def _gender(a: Analysis, p: RuPerson) -> str | None:
    votes = Counter(a.tokens[m.token].feats.get("Gender") for m in p.mentions)
    votes.pop(None, None)
    surname = p.name.split()[-1] if p.name.split() else ""
    if FEMALE_SURNAME.search(surname):
        return "Fem"
    if re.search(r"(?:ов|ев|ин|ын|ский|цкий)$", surname):
        return "Masc"
    return votes.most_common(1)[0][0] if votes else None


def aliases(p: RuPerson) -> list[str]:
    """Other names of a person in the text, in the nominative (a lone «Власова» is the
    name's own «Власов»), then the Latin spelling of the name and of each other name."""
    words = p.name.split()
    out: list[str] = []
    for form in p.forms:
        if len(form.split()) == 1:
            form = next((w for w in words if same_word(w, form)), form)
        if form != p.name:
            out.append(form)
    others = [f for f in out if f not in words]
    out += [latin(f) for f in [p.name] + others if re.search(r"[а-яё]", f.lower())]
    return list(dict.fromkeys(out))


# ---- what stands for a person: names, pronouns, «политзаключённый», «её брат» ----

def _lexicon_set(key: str) -> frozenset[str]:
    return frozenset(load("lexicon")[key])


def token_person_map(a: Analysis, persons: list[RuPerson], focus: RuPerson | None) -> dict[int, RuPerson]:
    """Token index -> the person it stands for."""
    out: dict[int, RuPerson] = {}
    for p in persons:
        for m in p.mentions:
            for t in a.tokens_between(m.start, m.end):
                out[t.i] = p
    pronouns = load("lexicon")["pronouns"]
    detainee_nouns = _lexicon_set("detainee_nouns") | _lexicon_set("roles")
    participles = _lexicon_set("detainee_participles")
    kin = _lexicon_set("kin_after_possessive")
    witnesses = witness_tokens(a, out)
    last: list[tuple[int, RuPerson]] = []
    for t in a.tokens:
        if t.i in out:
            if t.i not in witnesses:
                last.append((t.i, out[t.i]))
            continue
        gender = _pronoun_gender(t, pronouns)
        if gender:
            window_start = a.sents[max(0, a.sent_at(t.start).index - 3)].start
            cand = next((p for i, p in reversed(last) if i >= window_start and p.gender in (None, gender)), None)
            if cand is None and focus is not None and focus.gender in (None, gender):
                cand = focus
            if cand is not None:
                out[t.i] = cand
                last.append((t.i, cand))
        elif focus is not None and t.feats.get("Number") == "Sing" and (
                ((t.lemma in detainee_nouns or (t.lemma in participles and t.pos == "NOUN" and _stands_alone(a, t)))
                 and t.feats.get("Gender") in (None, focus.gender, "Masc"))
                or (t.lemma in kin and _kin_gender(t.lemma) == focus.gender)):
            following = a.tokens[t.i + 1] if t.i + 1 < len(a.tokens) else None
            if following is not None and following.i in out:
                continue  # «брат Иван»: the name says who
            out[t.i] = focus
            last.append((t.i, focus))
    return out


def _stands_alone(a: Analysis, t: Token) -> bool:
    """A participle standing as a noun («у обвиняемого»), not describing one («Мацкевич,
    осуждённый по тому же делу»), by the parse."""
    return not a.doc.has_annotation("DEP") or a.doc[t.doc_i].dep_ not in ("acl", "amod", "acl:relcl")


def witness_tokens(a: Analysis, token_person: dict[int, RuPerson]) -> set[int]:
    """Tokens of names told as someone's relative, lawyer or official («её мать Ольга»,
    «адвокат Сергей Петров»): they speak about the case, they are seldom its subject."""
    relations = _lexicon_set("relatives") | _lexicon_set("advocates") | _lexicon_set("officials")
    out: set[int] = set()
    for i in token_person:
        if i - 1 in token_person and token_person[i - 1] is token_person[i]:
            if i - 1 in out:
                out.add(i)
            continue
        before = a.tokens[max(0, i - 2):i]
        if any(t.lemma in relations for t in before) and a.tokens[i].feats.get("Case") != "Gen":
            out.add(i)
    return out


def _pronoun_gender(t: Token, pronouns: dict[str, str]) -> str | None:
    low = fold(t.text)
    if t.pos == "PRON" and t.lemma in pronouns:
        return pronouns[t.lemma]
    if low == "его" and t.pos == "DET":
        return "Masc"
    if low in ("ее", "ей") and t.pos in ("DET", "PRON"):
        return "Fem"
    return None


def _kin_gender(lemma: str) -> str:
    return "Fem" if lemma in ("сестра", "дочь", "жена", "мать", "супруга") else "Masc"


def persons_in(a: Analysis, start_token: int, end_token: int, token_person: dict[int, RuPerson]) -> list[tuple[int, RuPerson]]:
    return sorted((i, p) for i, p in token_person.items() if start_token <= i < end_token)


def owner_of(a: Analysis, offset: int, token_person: dict[int, RuPerson]) -> RuPerson | None:
    """The person a fact at `offset` belongs to: the nearest mention before it in its
    sentence, else the first after it."""
    sent = a.sent_at(offset)
    cands = persons_in(a, sent.start, sent.end, token_person)
    tok = a.token_at(offset)
    before = [p for i, p in cands if i < tok]
    if before:
        return before[-1]
    return cands[0][1] if cands else None
