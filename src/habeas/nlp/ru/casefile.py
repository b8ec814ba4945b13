"""Resolving what the Russian finders found into one case file: who each fact is about,
when each event happened, who is detained, and their status. Language-independent steps
are the English pipeline's (dedupe, on-behalf reassignment, date resolution)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cmp_to_key, lru_cache

from habeas.model import CaseFile, Citation, Document, Event, Evidence, Person, Source
from habeas.nlp import events as ev
from habeas.nlp.dates import PartialDate, parse_iso
from habeas.nlp.detainees import CUSTODY_TYPES, reassign_on_behalf
from habeas.nlp.detainees import _chronological as chronological
from habeas.nlp.occurrences import dedupe, kept_apart
from habeas.nlp.ru import events as rev
from habeas.nlp.ru import syntax
from habeas.nlp.ru.analysis import Analysis, Sentence
from habeas.nlp.ru.attributes import AGE_AFTER, AGE_BEFORE, age_of, event_attrs
from habeas.nlp.ru.charges import find_charges
from habeas.nlp.ru.citations import find_citations, main_country
from habeas.nlp.ru.conditions import find_conditions
from habeas.nlp.ru.dates import find_dates, resolve
from habeas.nlp.ru.facilities import find_facilities
from habeas.nlp.ru.persons import RuPerson, aliases, find_persons, owner_of, token_person_map, witness_tokens
from habeas.nlp.ru.resources import load
from habeas.nlp.ru.sources import find_sources
from habeas.nlp.ru.terms import find_terms
from habeas.nlp.spans import label_spans

STRONG = {"arrest", "sentence", "death", "release", "transfer", "hunger_strike", "disappearance", "charge"}
# What a case file says about detention, looked for beside a person's name.
HOUSE_ARREST = re.compile(r"домашн\w+\s+арест|под\s+домашним", re.IGNORECASE)
PRETRIAL_FACILITY = re.compile(r"СИЗО|следственн|ИВС|изолятор\w*\s+временного|спецпри", re.IGNORECASE)
PSYCHIATRIC = re.compile(r"психиатр", re.IGNORECASE)


@lru_cache(maxsize=1)
def _custody() -> re.Pattern[str]:
    return re.compile("|".join(load("lexicon")["custody"]), re.IGNORECASE)


def _in(items, sent: Sentence):
    return [x for x in items if sent.start_char <= x.start < sent.end_char]


def build(a: Analysis, document: Document) -> CaseFile:
    text = a.text
    published = parse_iso(document.published)
    country = main_country(text)
    citations = find_citations(text, country)
    facilities = find_facilities(a)
    terms = find_terms(text)
    charges = find_charges(a, citations)
    conditions = find_conditions(a)
    times = [t for t in find_dates(text) if not any(c.start <= t.start < c.end for c in citations)]
    label_spans(a.doc, [("FACILITY", facilities), ("CITATION", citations), ("DATE", times), ("TERM", terms),
                        ("CHARGE", charges), ("CONDITION", conditions)])
    blocked = [(f.start, f.end) for f in facilities] + [(c.start, c.end) for c in citations]
    persons = find_persons(a, blocked)
    focus = _focus(a, persons)
    token_person = token_person_map(a, persons, focus)
    raw = _events(a, token_person, conditions)
    _assign_dates(raw, times, published, text, a.sents, a)
    event_attrs(a, raw, terms, charges, conditions, facilities, citations)
    detained = _detained(a, persons, raw, token_person)
    reassign_on_behalf(raw, detained, focus, None)
    raw = _merge(dedupe(raw))

    out: list[Person] = []
    for n, p in enumerate(sorted(persons, key=lambda p: p.mentions[0].start), start=1):
        out.append(_person(a, n, p, p in detained, raw, token_person, facilities, terms, charges, conditions))
    events = [Event(type=e.type, persons=[p.name for p in e.persons], date=e.attrs.get("_date"),
                    evidence=Evidence(e.sent.start_char, e.sent.end_char, e.sent.text.strip()),
                    attrs={k: v for k, v in e.attrs.items() if not k.startswith("_")}, trigger=e.trigger.text,
                    pattern=e.trigger.pattern)
              for e in raw if e.persons]
    cites = [Citation(instrument=c.instrument, article=c.article, part=c.part, jurisdiction=c.jurisdiction,
                      title=c.title, date=c.date, evidence=_evidence(a, c.start, c.end)) for c in citations]
    names = {m.text for p in persons for m in p.mentions} | {f for p in persons for f in p.forms}
    sources = [Source(name, _evidence(a, s, e)) for name, s, e in find_sources(a, names)]
    return CaseFile(document=document, persons=out, events=events, citations=cites, sources=sources)


def _evidence(a: Analysis, start: int, end: int) -> Evidence:
    return Evidence(start, end, a.sent_at(start).text.strip())


def _focus(a: Analysis, persons: list[RuPerson]) -> RuPerson | None:
    """The person the report is about: named beside words of detention, and often."""
    if not persons:
        return None
    detainee = re.compile(r"(?:" + "|".join(load("lexicon")["detainee_nouns"] + load("lexicon")["roles"]) + r")",
                          re.IGNORECASE)
    score: Counter = Counter()
    for p in persons:
        for m in p.mentions:
            score[id(p)] += 1
            if _custody().search(a.sents[m.sent].text) or re.search(r"задерж|арест|осуд|приговор|обвин",
                                                                    a.sents[m.sent].text, re.I):
                score[id(p)] += 2
            if detainee.search(a.text[max(0, m.start - 40):m.start].replace("ё", "е")):
                score[id(p)] += 3
    return max(persons, key=lambda p: (score[id(p)], -p.mentions[0].start))


def _events(a: Analysis, token_person, conditions) -> list[ev.RawEvent]:
    out: list[ev.RawEvent] = []
    recent = None
    witnesses = witness_tokens(a, token_person)
    for sent in a.sents:
        seen: set[tuple[str, int]] = set()
        by_parse: set[str] = set()   # types whose person the parse named in this sentence
        typed = [(trig, rev.classify(a, sent, trig, token_person)) for trig in rev.find_triggers(a, sent)]
        for trig, etype in typed:
            if etype is None:
                continue  # «прокуратура отказала в удовлетворении ходатайства» tells the petition too
            persons, parsed = rev.persons_of(a, sent, trig, token_person, recent, witnesses, etype)
            if not persons or (etype, id(persons[0])) in seen or (not parsed and etype in by_parse):
                continue  # «признан виновным и осуждён»: the parse said whose, the second verb is the same news
            seen.add((etype, id(persons[0])))
            if parsed:
                by_parse.add(etype)
            again = etype == "arrest" and bool(re.search(r"\bвновь\b|\bснова\b|\bповторно\b|ещё\s+раз|еще\s+раз",
                                                         sent.text, re.I))
            out.append(ev.RawEvent(etype, trig, sent, persons, again=again))
        # A diagnosis named beside a person is news of their health.
        for c in _in(conditions, sent):
            owner = owner_of(a, c.start, token_person)
            if owner is not None and ("health", id(owner)) not in seen:
                seen.add(("health", id(owner)))
                tok = a.tokens[a.token_at(c.start)]
                out.append(ev.RawEvent("health", ev.Trigger("health", tok, c.start, c.end, c.name, noun=True,
                                                             pattern="ru.health.condition_told"),
                                       sent, [owner]))
        here = [p for i, p in sorted(token_person.items()) if sent.start <= i < sent.end]
        if here:
            recent = here[-1]
    out.sort(key=lambda e: e.trigger.start)
    return out


def _anchors(times, published: PartialDate | None) -> list[tuple[int, PartialDate | None, PartialDate | None]]:
    """After each absolute date of the text: (its end, the date it resolves to, the last
    year stated so far) — what a later «через две недели» or «23 мая» is counted from."""
    out: list[tuple[int, PartialDate | None, PartialDate | None]] = [(-1, None, None)]
    for t in (t for t in times if t.kind == "absolute"):
        _, previous, narrative = out[-1]
        value = resolve(t, published, previous, narrative) or previous
        out.append((t.end, value, t.value if t.value is not None and t.value.year is not None else narrative))
    return out


# A noun event named as the time of another: «после освобождения», «с момента задержания».
ANCHORING = re.compile(r"(?:после|с\s+момента|со\s+дня|до)\s+(?:(?:его|её|ее|их)\s+)?$", re.IGNORECASE)


def _assign_dates(raw: list[ev.RawEvent], times, published: PartialDate | None, text: str = "",
                  sents: list[Sentence] = (), a: Analysis | None = None) -> None:
    """Each event takes the temporal expression nearest its trigger in its sentence; an
    undated event told right after a dated one about the same person happened then too."""
    anchors = _anchors(times, published)
    ends = [end for end, _, _ in anchors]
    last: ev.RawEvent | None = None
    dated: PartialDate | None = None    # the last date given to an event
    dated_at = -1
    verdict: ev.RawEvent | None = None   # the last dated sentencing
    for e in raw:
        end, previous, narrative = anchors[bisect.bisect_right(ends, e.sent.start_char) - 1]
        if dated is not None and dated_at > end:
            previous = dated  # «через две недели» after an event dated the same way
        inside = [t for t in times if e.sent.start_char <= t.start < e.sent.end_char and t.kind != "vague"
                  and not (a is not None and syntax.dates_the_news(a, t.start, e.trigger.token))]
        if e.trigger.noun and ANCHORING.search(e.sent.text[:e.trigger.start - e.sent.start_char]):
            last = e
            continue  # «после освобождения»: the release told before, not an event of this date
        if inside:
            # a date in the trigger's own clause first (by the parse): «Пятого декабря её перевели
            # из госпиталя, куда она попала в конце ноября, в колонию» is December's
            best = min(inside, key=lambda t: (a is not None and not syntax.same_clause(a, t.start, e.trigger.token),
                                              abs(t.start - e.trigger.start)))
            if best.kind == "previous":  # «Решение вынесено 19 марта, а на следующий день…»
                told_end, told, _ = anchors[bisect.bisect_right(ends, best.start) - 1]
                if dated is not None and told_end < dated_at <= best.start:
                    previous = dated
                elif told is not None:
                    previous = told
            value = resolve(best, published, previous, narrative)
            e.attrs["_date"] = value.iso() if value else None
            if e.type == "sentence" and value is not None and value.year is not None:
                verdict = e
            if value is not None and value.year is not None:
                dated, dated_at = value, best.end
        elif e.type in ("sentence", "release") and \
                (verdict_date := _verdict_date(e, verdict, times, sents, text, published)):
            # co-defendants sentenced at one hearing, told after it
            e.attrs["_date"] = verdict_date
        elif last is not None and last.attrs.get("_date") and last.sent.index == e.sent.index - 1 and \
                "\n" not in e.sent.text and set(map(id, last.persons)) & set(map(id, e.persons)) and \
                e.type in ("ill_treatment", "transfer", "hunger_strike", "health", "denial"):
            e.attrs["_date"] = last.attrs["_date"]
        elif previous is not None and a is not None and syntax.told_in_present(a.doc, e.trigger.token):
            # «у него язва», «просит госпитализировать» in a report dated only by the statement
            # («сказал 18 декабря»): the state holds, the request is made, then
            e.attrs["_date"] = previous.iso()
        last = e


# A sentence telling a verdict even when it names nobody: «суд накануне вынес приговор двум…».
VERDICT = re.compile(r"\bприговор|\bосуд(?:ил|ил[аи]|ят)\b|\bвынес\w*\s+(?:\w+\s+){0,3}приговор", re.IGNORECASE)


def _verdict_date(e: ev.RawEvent, verdict: ev.RawEvent | None, times, sents: list[Sentence], text: str,
                  published: PartialDate | None) -> str | None:
    """The date of a sentencing told in one of the two sentences before `e`, in its paragraph:
    a dated sentence event, else a dated sentence that tells a verdict."""
    if verdict is not None and e.sent.index - verdict.sent.index <= 2 and \
            "\n" not in text[verdict.sent.end_char:e.sent.start_char]:
        return verdict.attrs["_date"]
    for s in reversed([s for s in sents if e.sent.index - 2 <= s.index < e.sent.index]):
        if "\n" in text[s.end_char:e.sent.start_char]:
            return None
        told = [t for t in times if s.start_char <= t.start < s.end_char and t.kind in ("absolute", "published")]
        if told and VERDICT.search(s.text):
            value = resolve(told[0], published, None, None)
            return value.iso() if value is not None and value.year is not None else None
    return None


def _compatible(a: str | None, b: str | None) -> bool:
    """One date refines the other (2024-02 and 2024-02-15), or one is missing."""
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def _merge(raw: list[ev.RawEvent]) -> list[ev.RawEvent]:
    """Re-mentions the shared dedupe keeps apart: «в конце мая 2022 года осудили» and «23 мая
    его приговорили» are one sentencing; undated notes of one illness are one health event.
    What the shared rules keep apart (occurrences.kept_apart) stays apart, and so does any
    event told as one more of its kind (`again`)."""
    out: list[ev.RawEvent] = []
    for e in raw:
        twin = next((o for o in out if o.type == e.type and set(map(id, o.persons)) & set(map(id, e.persons))
                     and _compatible(o.attrs.get("_date"), e.attrs.get("_date")) and not (o.again or e.again)
                     and (o.attrs.get("_date") or e.attrs.get("_date") or e.type not in ("petition", "response"))
                     and not kept_apart(o, e)), None)
        if twin is None:
            out.append(e)
            continue
        da, db = twin.attrs.get("_date"), e.attrs.get("_date")
        if db and (not da or len(db) > len(da)):
            twin.attrs["_date"] = db
        for k, v in e.attrs.items():
            if twin.attrs.get(k) in (None, [], "") and v not in (None, [], ""):
                twin.attrs[k] = v
        twin.persons += [p for p in e.persons if p not in twin.persons]
    return out


def _detained(a: Analysis, persons: list[RuPerson], raw, token_person) -> set:
    lex = load("lexicon")
    detainee_nouns = set(lex["detainee_nouns"])
    relations = set(lex["relatives"]) | set(lex["advocates"]) | set(lex["officials"])
    score: Counter = Counter()
    for e in raw:
        if e.type in CUSTODY_TYPES:
            for p in e.persons:
                score[id(p)] += 2 if e.type in STRONG else 1
    for sent in a.sents:
        if _custody().search(sent.text):
            for p in {id(p): p for i, p in token_person.items() if sent.start <= i < sent.end}.values():
                score[id(p)] += 2
    held, agents = _custody_roles(a, token_person)
    out = set()
    for p in persons:
        # «Судья А приговорила Б»: Б is held; А, who acts, is not, whatever the events say.
        if agents[id(p)] and not held[id(p)]:
            continue
        score[id(p)] += 2 * held[id(p)]
        related = 0
        for m in p.mentions:
            first = a.token_at(m.start)
            before = a.tokens[max(0, first - 3):first]
            after = a.tokens[first + len(m.text.split()):first + len(m.text.split()) + 3]
            nouns = [k for k, t in enumerate(before) if t.lemma in detainee_nouns]
            # «жены политзаключённого Натальи»: the prisoner is another, whose wife is named
            if nouns and not any(t.lemma in relations for t in before[:nouns[0]]):
                score[id(p)] += 2
            # «его адвокат Артур Ганин», «М. Бонцлер, адвокат»; but «адвокат Ивана Петрова» is his lawyer.
            case = a.tokens[first].feats.get("Case")
            # «его адвокат Артур Ганин»; «со слов жены политзаключённого Натальи» (the same case)
            if any(t.lemma in relations and (case != "Gen" or t.feats.get("Case") == case) for t in before) or \
                    (after and after[0].text == "," and any(t.lemma in relations for t in after[1:])) or \
                    syntax.apposed_to(a, a.tokens[first], relations):
                related += 1   # the parse: «директор Национального центра … Бакыт Рысбеков»
        s = score[id(p)]
        if s >= 4 or (s >= 2 and (not related or held[id(p)])):
            out.add(p)
    return out


def _custody_roles(a: Analysis, token_person) -> tuple[Counter, Counter]:
    """Per person: how often the parse makes them the one held («приговорила Алеся Кривошея»,
    «Павел Мацкевич, осуждённый …», «Арсен Мкртчян получил шесть лет колонии», «узник колонии
    Мерет Аннаев»), and the one acting («Оксана Гладкевич приговорила»)."""
    lex = load("lexicon")["custody_roles"]
    verbs, term_verbs, term_nouns = set(lex["patient_verbs"]), set(lex["term_verbs"]), set(lex["term_nouns"])
    detainee_nouns = set(load("lexicon")["detainee_nouns"])
    held: Counter = Counter()
    agents: Counter = Counter()
    if not a.doc.has_annotation("DEP"):
        return held, agents
    for t in a.tokens:
        if t.lemma in verbs or t.lemma in term_verbs:
            x = a.doc[t.doc_i]
            if t.lemma in term_verbs and not any(c.lemma_ in term_nouns for c in x.children):
                continue  # «получил ответ», not «получил шесть лет»
            patients, doers = syntax.event_roles(a, t, "sentence", token_person)
            for p in patients:
                held[id(p)] += 1
            for p in doers:
                agents[id(p)] += 1
        elif t.lemma in detainee_nouns and t.pos == "NOUN":
            # «узник колонии Мерет Аннаев», «политзаключённая Мария Колесникова»
            for p in syntax.named(a, a.doc[t.doc_i], token_person):
                held[id(p)] += 1
    return held, agents


def _person(a: Analysis, n: int, p: RuPerson, detained: bool, raw, token_person, facilities, terms,
            charges, conditions) -> Person:
    person = Person(id=f"P{n}", name=p.name, aliases=aliases(p), detained=detained,
                    evidence=[_evidence(a, p.mentions[0].start, p.mentions[0].end)])
    slots: dict[str, dict[str, Evidence]] = {}

    def note(slot: str, value: str, start: int, end: int) -> None:
        slots.setdefault(slot, {}).setdefault(value, _evidence(a, start, end))

    for m in p.mentions:
        before = AGE_BEFORE.search(a.text[max(0, m.start - 60):m.start])
        after = AGE_AFTER.search(a.text[m.end:m.end + 90])
        found = age_of(before) or age_of(after)
        if found and 14 <= int(found) <= 99 and person.age is None:
            person.age = int(found)
            note("age", found, m.start, m.end)
    if detained:
        def owned(x) -> bool:
            return owner_of(a, x.start, token_person) is p
        chosen = None
        for t in terms:
            if owned(t) and (chosen is None or t.change):
                chosen = t
        person.sentence = chosen.term if chosen else None
        for slot, found in (("facilities", facilities), ("charges", charges), ("conditions", conditions)):
            values: list[str] = getattr(person, slot)
            for x in found:
                if owned(x) and x.name.lower() not in {v.lower() for v in values}:
                    values.append(x.name)
                    note(slot, x.name, x.start, x.end)
        person.status = _status(a, p, raw, person, token_person)
    person.slot_evidence = slots
    return person


def _status(a: Analysis, p: RuPerson, raw, person: Person, token_person) -> str:
    mine = [e for e in raw if p in e.persons]
    types = {e.type for e in mine}
    if "death" in types:
        return "deceased"
    context = " ".join(a.text[max(0, m.start - 80):m.end + 80] for m in p.mentions)
    if HOUSE_ARREST.search(context):
        return "house_arrest"
    if any(PSYCHIATRIC.search(f) for f in person.facilities):
        return "psychiatric"
    liberty = [e for e in mine if e.type in ("arrest", "sentence", "release", "transfer", "charge")]
    if liberty:
        last = max(enumerate(liberty), key=cmp_to_key(chronological))[1]
        if last.type == "release" and not re.search(r"в\s+зале\s+суда|условно|УДО", last.sent.text):
            return "released"
    if person.sentence is not None or "sentence" in types:
        return "imprisoned"
    if person.facilities and "arrest" not in types and not all(PRETRIAL_FACILITY.search(f) for f in person.facilities):
        return "imprisoned"
    if "disappearance" in types:
        return "disappeared"
    if types & {"arrest", "charge"} or any(PRETRIAL_FACILITY.search(f) for f in person.facilities):
        return "pretrial"
    sents = {a.sent_at(a.tokens[i].start).index for i, q in token_person.items() if q is p}
    if any(_custody().search(a.sents[i].text) for i in sents):
        return "imprisoned"
    return "unknown"
