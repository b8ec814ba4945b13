"""Attributions in Russian: «сообщает Азаттык», «пишет «Черта»», «по данным правозащитников»,
«рассказала „Медиазоне“», «как сообщил 24.kg»."""

from __future__ import annotations

import re

from habeas.nlp.ru.analysis import Analysis, inflect_oc, parses

# An outlet or organisation as written: quoted, capitalised words, or a web domain.
_NAME = (r"(?:[«\"„“](?P<q>[^»\"“”\n]{2,60})[»\"“”]"
         r"|(?P<w>(?:[A-ZА-ЯЁ][\w\-/]*(?:\.[\w\-/]+)*|\d+\.\w+|[a-z][\w\-]*\.(?:news|com|org|net|ru|kz|kg|uz|tj|by|ua|info|media|az|am|ge))"
         r"(?:[ \t]+[A-ZА-ЯЁ][\w\-/]*(?:\.[\w\-/]+)*){0,4}))")
_SAY = (r"(?:сообща(?:ет|ют|л|ла|ли)|сообщил[аи]?|пиш(?:ет|ут)|писал[аи]?|переда(?:ет|ёт|ют|л|ла|ли)|"
        r"информиру(?:ет|ют)|рассказал[аи]?|заявил[аи]?|отмеча(?:ет|ют)|отметил[аи]?|уточнил[аи]?|"
        r"сказал[аи]?|подтвердил[аи]?|выяснил[аи]?|узнал[аи]?)")
CUES = [
    re.compile(r"\b" + _SAY + r"\s+(?:в\s+)?(?:(?:[а-яё]+(?:ое|ый|ая|ий|ой)\s+)?(?:издани\w+|агентств\w+|телеканал\w*|"
               r"радио|сайт\w*|портал\w*|проект\w*|движени\w+|инициатив\w+|групп\w+|"
               r"правозащитн\w+\s+(?:центр\w*|организаци\w+)|центр\w*|организаци\w+|объединени\w+)\s+)?" + _NAME),
    # «рассказал Эрнесто „Настоящему времени“»: the speaker between the verb and the outlet.
    re.compile(r"\b" + _SAY + r"\s+[А-ЯЁ][а-яё]+\s+[«\"„“](?P<q>[^»\"“”\n]{2,60})[»\"“”](?P<w>)"),
    re.compile(r"\b(?:по\s+(?:данным|информации|сведениям|словам)|как\s+" + _SAY + r"|со\s+ссылкой\s+на|"
               r"согласно\s+(?:данным|информации)|источник\w*\s+(?:в|из))\s+(?:[а-яё]+[ \t]+)?" + _NAME),
]
# Groups of people an unnamed attribution points to: «по данным правозащитников».
GROUPS = re.compile(r"\b(?:по\s+(?:данным|информации|сведениям|словам)|как\s+" + _SAY + r")\s+"
                    r"(?P<g>правозащитник\w*|активист\w*|правозащитн\w+\s+организаци\w+)", re.IGNORECASE)
NOT_A_SOURCE = re.compile(r"^(?:(?:суд|прокуратур|ФСИН|УФСИН|МВД|ФСБ|СК|следстви|полици|минюст|министерств)|"
                          r"(?:он|она|они|его|ее|её|их|это|в|на|что|как)(?![а-яё]))", re.IGNORECASE)


def find_sources(a: Analysis, person_names: set[str]) -> list[tuple[str, int, int]]:
    """(name, start, end) of each distinct source, in order of first mention."""
    text = a.text
    found: list[tuple[str, int, int]] = []
    for cue in CUES:
        for m in cue.finditer(text):
            group = "q" if m.group("q") else "w"
            found.append((_name(a, m.start(group), m.end(group), quoted=group == "q"), m.start(group), m.end(group)))
    for m in GROUPS.finditer(text):
        found.append((_plural(a, m.start("g"), m.end("g")), m.start("g"), m.end("g")))
    people = {n.lower() for n in person_names}
    out: dict[str, tuple[str, int, int]] = {}
    for name, s, e in sorted(found, key=lambda f: f[1]):
        low = name.lower()
        if len(name) < 2 or NOT_A_SOURCE.match(name) or any(low in p or p in low for p in people):
            continue
        out.setdefault(low, (name, s, e))
    return list(out.values())


def _name(a: Analysis, start: int, end: int, quoted: bool) -> str:
    """A one-word Cyrillic name back in the nominative («„Медиазоне“» -> «Медиазона»)."""
    text = a.text[start:end].strip(" .,")
    toks = a.tokens_between(start, end)
    if len(toks) == 1 and re.fullmatch(r"[А-ЯЁа-яё]+", text) and toks[0].pos in ("NOUN", "PROPN"):
        name = a.nominative(start, end)
        if name == text and text[-1] in "уюе":
            # An outlet told something is in the dative («рассказал Азаттыку»): the
            # dictionary's guess at its nominative.
            guess = next((p.normal_form for p in parses(text) if {"datv", "loct"} & set(p.tag.grammemes)), None)
            if guess and guess != text.lower():
                name = guess[:1].upper() + guess[1:]
        return name
    if len(toks) > 1 and quoted and all(re.fullmatch(r"[А-ЯЁа-яё\-]+", t.text) for t in toks) and \
            any(t.feats.get("Case") in ("Dat", "Loc", "Gen") for t in toks):
        return a.nominative(start, end)
    return text


def _plural(a: Analysis, start: int, end: int) -> str:
    """«правозащитников» -> «правозащитники»."""
    words = []
    for t in a.tokens_between(start, end):
        form = next((inflect_oc(p, {"nomn", "plur"}) for p in parses(t.text) if p.tag.POS in ("NOUN", "ADJF")), None)
        words.append(form.word if form else t.text)
    return " ".join(words)

