"""Who is detained, and the slots of each person: age, facilities, sentence, charges,
conditions, roles and status."""

from __future__ import annotations

import re
from collections import Counter
from functools import cmp_to_key, lru_cache

from spacy.attrs import LEMMA
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from habeas.model import Evidence, Person, Term
from habeas.nlp import events as ev
from habeas.nlp.ages import AGE, AGE_AFTER, AGE_BEFORE, AGE_NEXT
from habeas.nlp.dates import parse_iso
from habeas.nlp.doccache import evidence, sent_of, span_text, text_of
from habeas.nlp.linking import ON_BEHALF_TYPES, owner_of, persons_of
from habeas.nlp.persons import PersonCluster
from habeas.nlp.phrases import lower_matcher
from habeas.nlp.resources import load
from habeas.nlp.roles import custody_roles

# Types that put the person they are about in custody (or show they were).
CUSTODY_TYPES = {"arrest", "charge", "sentence", "appeal", "release", "transfer", "hunger_strike",
                 "death", "disappearance", "denial", "ill_treatment"}

CUSTODY_VERBS = {"hold", "keep", "serve", "remain", "languish", "spend", "jail", "incarcerate", "imprison"}
CUSTODY_PLACES = (r"\b(?:prison|colony|jail|custody|detention|cell|centre|center|station|"
                  r"sentence|behind bars|facility|camp|years|months)\b")



def find_detained(doc, clusters, raw, token_person) -> set:
    lex = load("lexicon")
    detainees = "|".join(map(re.escape, lex["detainee_nouns"]))
    relations = "|".join(map(re.escape, lex["relatives"] + lex["advocates"] + lex["officials"]))
    officials = "|".join(map(re.escape, lex["officials"]))
    # "X, the lawyer" may be the detainee's own profession; "X, the prosecutor" is not.
    kin_or_official = "|".join(map(re.escape, lex["relatives"] + lex["officials"]))
    score: Counter = Counter()
    for e in raw:
        if e.type in CUSTODY_TYPES:
            for p in e.persons:
                score[id(p)] += 2 if e.type in ("arrest", "sentence", "death", "release", "transfer",
                                                "hunger_strike", "disappearance", "charge") else 1
    strings = doc.vocab.strings
    for i, lemma in enumerate(doc.to_array(LEMMA).tolist()):
        # "is still being held at the police station", "serving 14 years", "remains in prison"
        if strings[lemma].lower() not in CUSTODY_VERBS:
            continue
        tok = doc[i]
        if re.search(CUSTODY_PLACES, span_text(sent_of(tok)), re.I):
            for p in persons_of(tok, sent_of(tok), token_person, None, "arrest", nearest=False):
                score[id(p)] += 2
    roles = custody_roles(doc, token_person)
    out = set()
    for c in clusters:
        # The parse's word first: the one a custody verb is done to is held, whatever their
        # relation to another, and held through a name counts double (a pronoun may stand for
        # the wrong person); the one doing it ("President A pardoned B") counts as related.
        score[id(c)] += roles.held[id(c)] + roles.held_by_name[id(c)]
        related = roles.agent[id(c)] if not roles.held_by_name[id(c)] else 0
        for m in c.mentions:
            before = text_of(doc)[max(0, m.start - 45):m.start].lower()
            after = text_of(doc)[m.end:m.end + 30].lower()
            # "political prisoner X", "X, a political prisoner,"
            if re.search(r"\b(?:" + detainees + r")s?\s+(?:[\w\-]+\s+){0,2}$", before) or re.match(
                    r"^\s*[,(]\s*(?:(?:a|an|the|another)\s+)?(?:[\w\-]+\s+){0,2}(?:" + detainees + r")\b", after):
                score[id(c)] += 2
            # "his lawyer X", "President X", "X, her father", "X, the prosecutor", "X, Karimov's lawyer"
            if re.search(r"(?:\b(?:his|her|their|its)|[’']s)\s+(?:[\w\-]+\s+){0,2}(?:" + relations +
                         r")\s*,?\s*$", before) or re.search(r"\b(?:" + officials + r")\s*$", before) or re.match(
                    r"^,?\s+(?:the\s+(?:\w+\s+)?(?:" + kin_or_official + r")|(?:his|her|their|[\w\-]+[’']s)\s+"
                    r"(?:\w+\s+)?(?:" + relations + r"))\b", after):
                related += 1
        if _titled_official(doc, c) and not roles.held_by_name[id(c)]:
            continue   # "Judges A and B", "Prosecutor A": they try the case
        s = score[id(c)]
        if s >= 4 or (s >= 2 and (not related or roles.held_by_name[id(c)])):
            out.add(c)
    return out


def _age_in_next_sentence(doc, c, person, token_person, sents, sent_at, note) -> None:
    """ "The 26-year-old had sent…" right after a sentence whose last person named is this one."""
    for m in c.mentions:
        k = sent_at(m.start)
        if k + 1 >= len(sents):
            continue
        sent, nxt = sents[k], sents[k + 1]
        named = [token_person[i] for i in sorted(token_person) if sent.start <= i < sent.end]
        if not named or named[-1] is not c:
            continue
        a = AGE_NEXT.match(nxt.text)
        if a and 14 <= int(a.group("a")) <= 99:
            person.age = int(a.group("a"))
            note("age", a.group("a"), nxt.start_char + a.start("a"), nxt.start_char + a.end("a"))
            return


SAME_CHARGES = re.compile(r"\b(?:on|for|under|of|with)\s+the\s+same\s+(?:charges?|offen[cs]es?|counts?|articles?)\b", re.I)


def _same_charges(doc, c, charges, token_person, sents, sent_at) -> list:
    """ "B and C received probation for the same charges": the charges named in the sentence
    before (or the one before that) are theirs too."""
    for m in c.mentions:
        k = sent_at(m.start)
        same = SAME_CHARGES.search(sents[k].text)
        if not same or c not in owner_of(sents[k].start_char + same.start(), sents[k], token_person, None):
            continue
        for j in (k - 1, k - 2):
            if j >= 0:
                told = [ch for ch in charges if sents[j].start_char <= ch.start < sents[j].end_char]
                if told:
                    return told
    return []


def _token_at(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.start if span is not None else 0


@lru_cache(maxsize=4)
def _non_custodial_words(vocab: Vocab) -> PhraseMatcher:
    return lower_matcher(vocab, {"non_custodial": load("terms")["non_custodial"]})


def _non_custodial(e: ev.RawEvent) -> bool:
    """A sentence told as suspended, probation or a fine: it puts no one in prison."""
    doc = e.sent.doc
    known = doc.user_data.setdefault("habeas.non_custodial", {})   # per sentence: each person asks
    key = (e.sent.start, e.sent.end)
    if key not in known:
        known[key] = bool(_non_custodial_words(doc.vocab)(e.sent))
    return known[key]


def _titled_official(doc: Doc, c: PersonCluster) -> bool:
    """Every mention carries an official's title as a compound, or follows a conjunct that
    does ("Judges A and B", "President A")."""
    officials = {w for w in load("lexicon")["officials"] if " " not in w}
    titled = 0
    for m in c.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        heads = [root] + ([root.head] if root.dep_ == "conj" else [])
        if any(t.dep_ == "compound" and (t.lemma_.lower() in officials or t.lower_.removesuffix("s") in officials)
               and t.i < h.i
               for h in heads for t in h.children):
            titled += 1
    return titled == len(c.mentions) and titled > 0


def reassign_on_behalf(raw, detained, focus, doc) -> None:
    """A relative's petition or a lawyer's denied visit concerns the detainee."""
    target = focus if focus in detained else next(iter(detained), None) if len(detained) == 1 else focus
    for e in raw:
        if target is None:
            break
        if e.type in ON_BEHALF_TYPES | {"ill_treatment"} and e.persons and \
                not any(p in detained for p in e.persons):
            e.persons = [target]
        elif e.type in ON_BEHALF_TYPES:
            e.persons = [p for p in e.persons if p in detained]  # the lawyer who told of it
        elif e.type not in ON_BEHALF_TYPES:
            # Deaths, arrests and sentences of presidents and predecessors are context.
            e.persons = [p for p in e.persons if p in detained]


def build_person(doc, n, c: PersonCluster, *, detained: bool, raw, token_person, sents, sent_at,
                 facilities, terms, charges, conditions) -> Person:
    """Person `n` of the case file from cluster `c`, with the facilities, terms, charges and
    conditions that are theirs (found in the whole document, owned by the sentence's parse)."""
    text = text_of(doc)
    ev0 = c.mentions[0]
    person = Person(id=f"P{n}", name=c.name,
                    aliases=[f for f in dict.fromkeys(m.text for m in c.mentions) if f != c.name],
                    detained=detained,
                    evidence=[evidence(doc, sents, sent_at, ev0.start, ev0.end)])
    slots: dict[str, dict[str, Evidence]] = {}

    def note(slot: str, value: str, start: int, end: int) -> None:
        slots.setdefault(slot, {}).setdefault(value, evidence(doc, sents, sent_at, start, end))

    # age: "Karimov, 50,", "the 26-year-old X", "X (37)", "aged 37"
    for m in c.mentions:
        for pattern, seg, base in ((AGE, text[m.end:m.end + 20], m.end),
                                   (AGE_BEFORE, text[max(0, m.start - 60):m.start], max(0, m.start - 60)),
                                   (AGE_AFTER, text[m.end:m.end + 110], m.end)):
            a = pattern.search(seg)
            if a and 14 <= int(a.group("a")) <= 99 and person.age is None:
                person.age = int(a.group("a"))
                note("age", a.group("a"), base + a.start("a"), base + a.end("a"))
    if person.age is None:
        _age_in_next_sentence(doc, c, person, token_person, sents, sent_at, note)
    roles = _roles(doc, c)
    person.roles = roles
    if detained:
        owned = lambda x: c in owner_of(x.start, sents[sent_at(x.start)], token_person, None)
        for f in facilities:
            if owned(f) and f.name not in person.facilities:
                person.facilities.append(f.name)
                note("facilities", f.name, f.start, f.end)
        person.sentence = _sentence_term(c, terms, sents, sent_at, token_person, raw)
        for ch in charges:
            sent = sents[sent_at(ch.start)]
            if owned(ch) and ch.name.lower() not in (x.lower() for x in person.charges) and \
                    re.search(r"charge|accus|convict|guilty|sentenc|indict|prosecut|\b(?:jailed|imprisoned|arrested) for\b",
                              span_text(sent), re.I):
                person.charges.append(ch.name)
                note("charges", ch.name, ch.start, ch.end)
        if not person.charges:
            for ch in _same_charges(doc, c, charges, token_person, sents, sent_at):
                if ch.name.lower() not in (x.lower() for x in person.charges):
                    person.charges.append(ch.name)
                    note("charges", ch.name, ch.start, ch.end)
        patient = doc.user_data.get("habeas.patient") is c
        detained_ids = doc.user_data.get("habeas.detained_ids", set())
        for co in conditions:
            owners = owner_of(co.start, sents[sent_at(co.start)], token_person, None)
            told_of_no_detainee = patient and owners and not any(id(o) in detained_ids for o in owners)
            if (c in owners or told_of_no_detainee) and co.name.lower() not in (x.lower() for x in person.conditions):
                person.conditions.append(co.name)
                note("conditions", co.name, co.start, co.end)
        person.status = _status(c, raw, person, doc)
    person.slot_evidence = slots
    return person


@lru_cache(maxsize=1)
def _role_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """Each role word, longest first, with its patterns before a name ("the blogger X") and
    after it ("X, a blogger")."""
    return [(r, re.compile(rf"\b{re.escape(r)}s?\s+(?:and\s+[\w\s]+\s+)?$"),
             re.compile(rf"^,\s+(?:a|an|the)\s+(?:[\w\-]+\s+)?{re.escape(r)}\b"))
            for r in sorted(load("lexicon")["roles"], key=len, reverse=True)]


def _roles(doc: Doc, c: PersonCluster) -> list[str]:
    out: list[str] = []
    for m in c.mentions[:6]:
        window = text_of(doc)[max(0, m.start - 50):m.start].lower()
        after = text_of(doc)[m.end:m.end + 40].lower()
        for r, before_name, after_name in _role_patterns():
            # either pattern needs the word itself: most words are in neither text
            if (r in window and before_name.search(window)) or (r in after and after_name.match(after)):
                if not any(r in o for o in out):
                    out.append(r)
    return out


def _sentence_term(c, terms, sents, sent_at, token_person, raw) -> Term | None:
    chosen = None
    for t in terms:
        sent = sents[sent_at(t.start)]
        if c not in owner_of(t.start, sent, token_person, None):
            continue
        if chosen is None or t.change:
            chosen = t
    return chosen.term if chosen else None


def _chronological(a: tuple[int, ev.RawEvent], b: tuple[int, ev.RawEvent]) -> int:
    """Order events by date where both dates say enough to compare, else by text order."""
    da, db = parse_iso(a[1].attrs.get("_date")), parse_iso(b[1].attrs.get("_date"))
    if da and db and da.year and db.year:
        for x, y in ((da.year, db.year), (da.month, db.month), (da.day, db.day)):
            if x is None or y is None:
                break
            if x != y:
                return -1 if x < y else 1
    return -1 if a[0] < b[0] else (1 if a[0] > b[0] else 0)


def _status(c, raw, person: Person, doc: Doc) -> str:
    mine = [e for e in raw if c in e.persons]
    types = {e.type for e in mine}
    if "death" in types:
        return "deceased"
    context = " ".join(text_of(doc)[max(0, m.start - 80):m.end + 80] for m in c.mentions).lower()
    text = text_of(doc)
    own, whole = [], {}   # the mention's own sentence: "released A and B to house arrest. C was moved …"
    for m in c.mentions:
        sent = sent_of(doc[min(len(doc) - 1, _token_at(doc, m.start))])
        own.append(text[max(sent.start_char, m.start - 80):min(sent.end_char, m.end + 80)].lower())
        whole[sent.start_char] = span_text(sent).lower()
    held_at_home = " | ".join(own)
    sentences_of = " | ".join(whole.values())
    for m in re.finditer(r"\b(?:under|in|to serve|to)\s+(?:\w+\s+)?house arrest", held_at_home):
        # "released X to house arrest", not "asked the court to move X to house arrest"
        before = held_at_home[max(0, m.start() - 70):m.start()]
        asked = re.search(r"\b(?:ask|urg|request|demand|call|petition|motion|sought|seek|appeal)\w*\b[^.]*$", before)
        window = held_at_home[held_at_home.rfind(" | ", 0, m.start()) + 1:m.start()]
        if not asked or re.search(r"\b(?:grant|approv|satisf|upheld|accept)\w*\b", window):
            return "house_arrest"  # "granted a motion to move X to house arrest" did
    exile = r"\b(?:" + "|".join(map(re.escape, load("lexicon")["exiled"])) + r")\b"
    for m in re.finditer(exile, sentences_of):
        # not a threat or a fear: "faces being deported", "could be expelled"
        if not re.search(r"\b(?:could|may|might|would|will|face\w*|risk\w*|threat\w*|fear\w*|to be|not)\s+(?:be\s+|being\s+)?$",
                         sentences_of[max(0, m.start() - 25):m.start()]):
            return "exiled"
    if any(re.search(r"psychiatr|neuropsych|psychoneuro", f, re.I) for f in person.facilities):
        return "psychiatric"
    liberty = [e for e in mine if e.type in ("arrest", "sentence", "release", "transfer", "charge")]
    if liberty:
        last = max(enumerate(liberty), key=cmp_to_key(_chronological))[1]
        if last.type == "release" and not re.search(r"\b(?:in|from) (?:the )?courtroom", span_text(last.sent), re.I):
            return "released"
    custodial = [e for e in mine if e.type == "sentence" and not _non_custodial(e)]
    if person.sentence is not None or custodial or person.facilities and "arrest" not in types:
        return "imprisoned"
    if "disappearance" in types:
        return "disappeared"
    if types & {"arrest", "charge"}:
        return "pretrial"
    if re.search(r"\bserving\b|\bprisoner\b|\bimprisoned\b|\bbehind bars\b", context):
        return "imprisoned"
    return "unknown"
