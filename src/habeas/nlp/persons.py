"""People: find name mentions, group them into persons, resolve pronouns.

spaCy's small model often tags a lone surname as ORG or GPE ("Mingelov", "Soyunov"), so
names are found in two passes: full names from PERSON entities (and person-shaped ORG/GPE
entities), then every capitalised token that matches a known person's name, whatever its
label. Spellings of one name (Muhametguliyev / Muhametguliev) are grouped by a consonant
skeleton, as transliterations differ mostly in vowels and digraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import IDX, ORTH
from spacy.tokens import Doc, Span, Token

from habeas.names import norm, same_name, similar, skeleton  # noqa: F401 (re-exported for the pipeline)
from habeas.nlp.citations import country_of
from habeas.nlp.doccache import sent_index, sentences, text_of
from habeas.nlp.resources import load

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
            "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Surname endings that mark grammatical gender in Slavic and Central Asian names
# (Ivanova/Ivanov, Kalesnikava, Mammadova, Volskaya/Volsky).
FEMALE_SURNAME = re.compile(r"(?:ova|eva|ava|ina|yna|aya|kaja)$")
MALE_SURNAME = re.compile(r"(?:ov|ev|in|yn|sky|ski|skiy|skyi)$")
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
TITLES = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Prof|Sheikh|Imam|Judge|President|Gen|Col|Lt)\.?\s+)+")
INITIAL = re.compile(r"^(?:[A-ZА-Я]\.\s?)+")
# Words that make an entity an organisation or a place, not a person.
NOT_A_NAME = re.compile(
    r"\b(?:court|ministry|office|department|committee|commission|party|movement|center|centre|"
    r"union|council|service|news|agency|radio|channel|republic|region|province|district|city|"
    r"prison|colony|university|school|foundation|coalition|watch|international|group|network|"
    r"parliament|government|police|bank|company|street|square|institute|association|society|"
    r"organization|organisation|nations|assembly|bureau|fund|press|times|post|tv|facebook|"
    r"youtube|telegram|twitter|instagram|whatsapp|code|article|law|decree|islamic|state)\b",
    re.IGNORECASE)
# Capitalised words that end an institution's name.
ORG_HEADS = {"Court", "Courts", "Party", "Guard", "Guards", "Ministry", "Committee", "Council",
             "Front", "Movement", "Service", "Union", "Office", "Department", "Tribunal", "Army",
             "Police", "Prosecutor", "Commission", "Agency", "Bureau", "Assembly", "Republic"}
# A capitalised word in any alphabet ("Félix", "Ünsal", "Peña"), hyphens and apostrophes inside.
NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|[’'\-])*[^\W\d_]$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    token: int          # index of the mention's head token
    sent: int           # index of its sentence


@dataclass(eq=False)  # compared by identity: two people may share a name
class PersonCluster:
    name: str
    mentions: list[Mention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)

    def matches(self, form: str) -> bool:
        return same_name(self.name, form) or any(same_name(f, form) for f in self.forms)


@lru_cache(maxsize=1)
def _peoples() -> frozenset[str]:
    return frozenset(w.lower() for w in load("lexicon")["peoples"])


@lru_cache(maxsize=1)
def _non_person_words() -> frozenset[str]:
    lex = load("lexicon")
    words = set()
    for key in ("roles", "relatives", "officials", "detainee_nouns"):
        words.update(w.lower() for w in lex[key])
    return frozenset(words)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Organisation nouns (lemmas), words never in a name, and articles no name begins with."""
    lex = load("lexicon")
    return (frozenset(lex["organisation_nouns"]), frozenset(lex["not_name_words"]),
            frozenset(lex["name_articles"]))


def _headline_verb(tok: Token) -> bool:
    """A headline's capitalised participle before a name: "Denied Care", "Jailed Blogger"."""
    return tok.tag_ in ("VBN", "VBD", "VBG") and tok.lower_.endswith(("ed", "ing"))


def _name_word(word: str) -> bool:
    """A capitalised word, or a particle names hold in lower case: "al-Mahrous", "el-Fattah",
    "Abd el-Fattah", "Tazhibek uulu", "van der"."""
    return bool(NAME_TOKEN.match(word)) and (word[:1].isupper() or _name_particle(word))


def _name_particle(word: str) -> bool:
    low = word.lower()
    return any(low == p or low.startswith(p + "-") for p in load("lexicon")["name_particles"])


def _not_a_name(words: list[str]) -> bool:
    """ "Jehovah's Witnesses", "Degrading Treatment", "La Modelo": no person's name."""
    _, never, articles = _gazetteer()
    low = [norm(w) for w in words]
    return any(w in never for w in low) or (len(low) > 1 and low[0] in articles)


def _names_an_organisation(doc: Doc, m: Mention) -> bool:
    """A name told as an outlet's, a party's or a community's: "the outlet Zerkalo", "news
    outlets A and B", "the movement, Hizmet", "the Uighurbiz website"."""
    nouns = _gazetteer()[0]
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False

    def org_noun(t: Token | None) -> bool:
        return t is not None and t.lemma_.lower() in nouns and t.pos_ in ("NOUN", "PROPN") and not t.is_title

    def beside(first: int, last: int) -> list[Token | None]:
        before = doc[first - 1] if first > 0 else None
        if before is not None and before.is_punct and first > 1:
            before = doc[first - 2]   # "the movement, Hizmet"
        return [before, doc[last + 1] if last + 1 < len(doc) else None]

    near = beside(span.start, span.end - 1)
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head   # "outlets A and B": B is listed after A
    if first is not span.root:
        near += beside(min(t.i for t in first.subtree if t.dep_ == "compound" or t is first), first.i)[:1]
    return any(org_noun(t) for t in near) or (
        first.dep_ in ("appos", "compound") and org_noun(first.head))


def _is_organisation(doc: Doc, c: PersonCluster) -> bool:
    """Half the mentions told as an outlet's or a group's, or any for a one-word name."""
    told = sum(_names_an_organisation(doc, m) for m in c.mentions)
    return told > 0 and (2 * told >= len(c.mentions) or len(c.name.split()) == 1)


def _clean_name(span: Span) -> tuple[int, int, str] | None:
    """Strip possessives, titles and initials; None if what is left is not a name."""
    tokens = [t for t in span if not (t.is_punct or t.lower_ in ("’s", "'s", "s"))]
    if any(t.is_space or "\n" in t.whitespace_ for t in tokens[:-1]):
        # A name does not run over a line break: "Aziz Karimov\nBlogger Sentenced".
        cut = next(k for k, t in enumerate(tokens) if t.is_space or "\n" in t.whitespace_)
        tokens = tokens[:cut + (0 if tokens[cut].is_space else 1)]
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].lower_ in _non_person_words()
                      or tokens[0].lemma_.lower() in _non_person_words() or tokens[0].lower_ in HEADLINE_WORDS
                      or tokens[0].lower_.removesuffix("s") in _non_person_words()
                      or _headline_verb(tokens[0])):
        if (tokens[0].lower_ in HEADLINE_WORDS or _headline_verb(tokens[0])) and len(tokens) == 2:
            return None   # "Denied Necessities": one word left after a headline's verb is no name
        tokens = tokens[1:]
    while tokens and tokens[-1].lower_ in HEADLINE_WORDS:
        if tokens[-1].text in ORG_HEADS:
            return None  # "Revolutionary Court" names an institution
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = text_of(span.doc)[start:end]
    text = re.sub(r"[’']s$", "", text)
    stripped = TITLES.sub("", text)
    stripped = INITIAL.sub("", stripped).strip()
    start += len(text) - len(stripped) if stripped and text.endswith(stripped) else 0
    text = stripped
    words = text.split()
    if not words or len(words) > 4 or NOT_A_NAME.search(text) or _not_a_name(words):
        return None
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.text in ORG_HEADS:
        return None  # "Revolutionary Court", "Republican Party": part of an institution's name
    if not all(_name_word(w) for w in words) or not words[0][:1].isupper():
        return None
    if len(words) == 1 and (country_of(words[0]) or country_of(words[0].removesuffix("s"))
                            or words[0].lower().removesuffix("s") in _peoples()):
        return None
    return start, start + len(text), text


def _person_shaped(ent: Span) -> bool:
    """An ORG/GPE/NORP entity that is really a person's full name, e.g. two capitalised words
    with no organisation or place word among them."""
    words = [t for t in ent if not t.is_punct and t.lower_ not in ("’s", "'s")]
    if len(words) < 2 or len(words) > 3:
        return False
    if any(t.lower_ in ("the", "of", "and") for t in words):
        return False
    if words[-1].text in load("lexicon")["organisation_words"]:
        return False  # "Freedom House", "Amnesty International"
    return all(t.shape_.startswith("X") and t.is_alpha for t in words) and not any(
        country_of(t.text) for t in words)


def find_persons(doc: Doc, blocked: list[tuple[int, int]]) -> list[PersonCluster]:
    """Person clusters with their name mentions (pronouns are resolved separately).
    `blocked` are character spans that cannot be names (facilities, citations)."""
    sent_idx = sent_index(doc)

    def is_blocked(start: int, end: int) -> bool:
        return any(s <= start < e or s < end <= e for s, e in blocked)

    seeds: list[tuple[int, int, str, int]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" or (ent.label_ in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "LOC")
                                      and _person_shaped(ent)):
            cleaned = _clean_name(ent)
            if cleaned and not is_blocked(cleaned[0], cleaned[1]):
                seeds.append((*cleaned, ent.root.i))
    named = {t.i for start, end, _, _ in seeds for t in doc.char_span(start, end, alignment_mode="expand") or ()}
    seeds += [s for s in _unlabelled_names(doc, named) if not is_blocked(s[0], s[1])]
    clusters: list[PersonCluster] = []
    # Full names first, so that a lone surname joins the right person.
    for start, end, text, head in sorted(seeds, key=lambda s: -len(s[2].split())):
        cluster = _best_cluster([c for c in clusters if c.matches(text)], text)
        if cluster is None:
            if len(text.split()) == 1 and len(text) < 3:
                continue
            cluster = PersonCluster(name=text)
            clusters.append(cluster)
        if text not in cluster.forms:
            cluster.forms.append(text)
        cluster.mentions.append(Mention(start, end, text, head, sent_idx[head]))
    _second_pass(doc, clusters, sent_idx, is_blocked)
    clusters = _merge_bracketed(doc, clusters)
    for c in clusters:
        for m in c.mentions:
            _given_names_before(doc, c, m, is_blocked)
        c.mentions.sort(key=lambda m: m.start)
        c.name = max(c.forms, key=lambda f: (len(f.split()), sum(f == m.text for m in c.mentions)))
    facility_text = " ".join(text_of(doc)[s:e] for s, e in blocked)
    return [c for c in clusters if c.mentions and c.name not in facility_text
            and not _is_organisation(doc, c)
            and not _is_place(doc, c) and not _is_headline_words(c) and not _is_group_or_place(doc, c)]


def _best_cluster(candidates: list[PersonCluster], text: str) -> PersonCluster | None:
    """Of the persons a name could be, the one whose surname it is written as, then the one
    with a word written exactly so: "Mohammadi" is Narges Mohammadi, not Mahmood Behzadirad,
    though "Mohammadi" and "Mahmood" sound alike once vowels are gone."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    said = norm(text).split()[-1:] or [""]

    def rank(c: PersonCluster) -> tuple[bool, bool]:
        surnames = {norm(f).split()[-1] for f in c.forms if norm(f)}
        words = {w for f in c.forms for w in norm(f).split()}
        return said[0] not in surnames, said[0] not in words
    return min(candidates, key=rank)


def _is_group_or_place(doc: Doc, c: PersonCluster) -> bool:
    """A lone capitalised word that NER calls a nationality or a place more than a person
    ("Uighur", "Chechen", "Bukhara")."""
    if len(c.name.split()) > 1:
        return False
    labels = Counter(doc[m.token].ent_type_ for m in c.mentions)
    return labels["PERSON"] < labels["NORP"] + labels["GPE"] + labels["LOC"] + labels["FAC"]

# A name mostly seen after these words is a place ("in Bukhara", "QONAEV, Kazakhstan").
PLACE_BEFORE = re.compile(r"(?:\b(?:in|from|near|to|at|of|into|outside|across)\s+(?:the\s+)?|^\s*)$", re.IGNORECASE)
PLACE_AFTER = re.compile(r"^(?:,\s+[A-Z][a-z]+\s+(?:--|—|–)|\s+(?:region|province|city|district|oblast)\b)")
# Headline words that NER takes for a name ("Uighur Scholar Sentenced", "Strike Amid").
HEADLINE_WORDS = frozenset("""scholar sentenced strike amid journalists journalist activist activists
prisoner prisoners jailed detained arrested dies died release released freed hunger trial court
lawyer lawyers blogger death health calls call urges new years year dies gets says faces wins
loses remains back after over denied held convicted charged tortured beaten missing pardoned deported
abducted""".split())


def _is_place(doc: Doc, c: PersonCluster) -> bool:
    hits = sum(1 for m in c.mentions
               if PLACE_BEFORE.search(text_of(doc)[max(0, m.start - 12):m.start])
               or PLACE_AFTER.match(text_of(doc)[m.end:m.end + 30]))
    return len(c.name.split()) == 1 and hits * 2 > len(c.mentions) or \
        (m0 := c.mentions[0]) and bool(PLACE_AFTER.match(text_of(doc)[m0.end:m0.end + 30])) and len(c.mentions) == 1


def _is_headline_words(c: PersonCluster) -> bool:
    return any(w.lower() in HEADLINE_WORDS for w in c.name.split())


def _unlabelled_names(doc: Doc, named: set[int]) -> list[tuple[int, int, str, int]]:
    """Two or three capitalised proper nouns that NER left unlabelled but the parser makes
    the subject of a verb ("Arash Sadeghi … was arrested"), the object of a custody verb
    ("police detained Aidos Nurlanov") or lists beside a person ("…,
    Kiryl Zhohau, Yahor Zialko"): unfamiliar names are often missed."""
    out = []
    for tok in doc:
        listed = tok.dep_ in ("conj", "appos") and tok.head.i in named   # `named`: tokens of names found
        # "police detained Aidos Nurlanov": the object of a custody verb
        held = tok.dep_ == "dobj" and tok.head.lemma_.lower() in load("lexicon")["custody_roles"]["patient_verbs"]
        if not (tok.dep_ in ("nsubj", "nsubjpass") or listed or held) or tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
        if not 2 <= len(words) <= 3 or words[-1].i - words[0].i != len(words) - 1:
            continue
        if any(t.ent_type_ or not NAME_TOKEN.match(t.text) for t in words):
            continue
        text = text_of(doc)[words[0].idx:tok.idx + len(tok.text)]
        if NOT_A_NAME.search(text) or _not_a_name(text.split()) or _headline_verb(words[0]) or \
                any(w.lower_ in HEADLINE_WORDS for w in words):
            continue
        out.append((words[0].idx, tok.idx + len(tok.text), text, tok.i))
    return out


# What may stand between a name and the other name it goes by, in brackets:
# "Uladzimir Shautsou (Vladimir Shevtsov in court papers)", "(also known as …)".
BRACKETED_ALIAS = re.compile(r"^\s*\((?:\s*(?:also known as|aka|a\.k\.a\.|née|born|or|real name|formerly)\s*:?)?\s*$",
                             re.IGNORECASE)


def _merge_bracketed(doc: Doc, clusters: list[PersonCluster]) -> list[PersonCluster]:
    """A name given in brackets right after another is the same person's other name."""
    text = text_of(doc)
    starts = sorted(((m.end, c) for c in clusters for m in c.mentions), key=lambda x: x[0])
    gone: set[int] = set()
    for b in clusters:
        if len(b.mentions) != 1:
            continue
        m = b.mentions[0]
        owner = next((c for end, c in reversed(starts) if end <= m.start and c is not b and id(c) not in gone
                      and BRACKETED_ALIAS.match(text[end:m.start])), None)
        if owner is not None:
            owner.mentions.append(m)
            owner.forms += [f for f in b.forms if f not in owner.forms]
            gone.add(id(b))
    return [c for c in clusters if id(c) not in gone]


def _given_names_before(doc: Doc, c: PersonCluster, m: Mention, is_blocked) -> None:
    """A mention grows by the given names NER left outside it, which the parser hangs on the
    surname as proper-noun compounds: "Buzurgmehr Yorov", "prisoners of conscience Maks
    Bokaev" (so the person is named in full, not by the surname alone)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) > 3:
        return
    first = span[0]
    added: list[Token] = []
    while first.i > 0 and len(added) < 2:
        prev = doc[first.i - 1]
        if not (prev.pos_ == "PROPN" and prev.dep_ == "compound" and span.start <= prev.head.i < span.end
                and prev.text[:1].isupper() and _name_word(prev.text) and not (prev.ent_type_ == "NORP" or prev.ent_iob_ == "I")
                and not _excluded_given_name(prev.text) and not _excluded_given_name(prev.lemma_)
                and not _excluded_given_name(prev.text.removesuffix("s")) and not _line_start(prev)):
            break
        added.append(prev)
        first = prev
    last = span[-1]
    while last.i + 1 < len(doc) and doc[last.i + 1].text in load("lexicon")["patronymic_particles"]:
        last = doc[last.i + 1]   # "Maksat Tokon uulu": a patronymic particle after the name
    end = last.idx + len(last.text)
    if (not added and end == m.end) or is_blocked(first.idx, end):
        return
    m.start, m.end, m.text = first.idx, end, text_of(doc)[first.idx:end]
    if m.text not in c.forms:
        c.forms.append(m.text)


def _line_start(tok: Token) -> bool:
    """First in its sentence or line, where any word is capitalised ("Enter X's wife")."""
    before = tok.doc[tok.i - 1] if tok.i else None
    return tok.is_sent_start or before is None or before.is_space or "\n" in before.whitespace_


def _excluded_given_name(word: str) -> bool:
    low = word.lower()
    lex = load("lexicon")
    return (low in _non_person_words() or low in HEADLINE_WORDS or low in _peoples()
            or low.removesuffix("s") in _peoples() or bool(country_of(word)) or _not_a_name([word])
            or word in ORG_HEADS or word in lex["organisation_words"] or bool(TITLES.match(word + " "))
            or low in MONTHS)


MONTHS = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())


def _second_pass(doc: Doc, clusters: list[PersonCluster], sent_idx: list[int], is_blocked) -> None:
    """Mentions NER missed: capitalised tokens that match a known person's name."""
    taken = {(m.start) for c in clusters for m in c.mentions}
    covered = {i for c in clusters for m in c.mentions
               for i in range(m.start, m.end)}
    # the skeletons of the words of each person's forms, kept up to date as forms are added
    skeletons = {id(c): {skeleton(w) for f in c.forms for w in f.split()} for c in clusters}
    strings = doc.vocab.strings
    for i, (orth, idx) in enumerate(doc.to_array([ORTH, IDX]).tolist()):   # words, no Tokens
        word = strings[orth]
        # "A.Mukhametgulyev": an initial glued to the surname
        initial = INITIAL.match(word)
        text = word[initial.end():] if initial else word
        start = idx + (initial.end() if initial else 0)
        if start in covered or not text[:1].isupper() or not text.isalpha() or len(text) < 4:
            continue
        if start in taken:
            continue
        said = skeleton(text)
        candidates = [c for c in clusters if said in skeletons[id(c)]]
        if not candidates or is_blocked(start, start + len(text)):
            continue    # the known names first: most capitalised words are none of them
        c = _best_cluster(candidates, text)
        if c is not None:
            c.mentions.append(Mention(start, start + len(text), text, i, sent_idx[i]))
            if text not in c.forms:
                c.forms.append(text)
                skeletons[id(c)].update(skeleton(w) for w in text.split())


def resolve_pronouns(doc: Doc, clusters: list[PersonCluster], narrator: PersonCluster | None,
                     focus: PersonCluster | None) -> dict[int, PersonCluster]:
    """Token index of each third-person pronoun -> the person it most likely stands for.

    The policy is deliberately simple: the nearest person named earlier in the same
    sentence; else the subject of the previous sentences; else the report's focus person. A
    relative, lawyer or official so chosen gives way to the focus person named beside them.
    First-person pronouns go to the narrator when the report is a first-person testimony.
    """
    by_token: dict[int, PersonCluster] = {}
    for c in clusters:
        for m in c.mentions:
            for t in range(m.token, m.token + 1):
                by_token[t] = c
    out: dict[int, PersonCluster] = {}
    last_subject: PersonCluster | None = None
    told_before: set[int] = set()   # ids of the persons the previous sentence names or refers to
    for sent in sentences(doc):
        named_here: list[tuple[int, PersonCluster]] = []
        subject_here: PersonCluster | None = None
        # "Before his arrest, Kalonov criticised…": a pronoun in a fronted phrase points ahead.
        main_subject = next((by_token[t.i] for t in sent if t.i in by_token and t.dep_ in ("nsubj", "nsubjpass")
                             and t.head.dep_ == "ROOT"), None)
        for tok in sent:
            c = _mention_cluster(tok, by_token)
            if c is not None:
                named_here.append((tok.i, c))
                if subject_here is None and (tok.dep_ in ("nsubj", "nsubjpass") or (
                        tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"))):
                    subject_here = c
                continue
            low = tok.lower_
            if low in PRONOUNS and tok.pos_ == "PRON":
                sex = PRONOUNS[low]  # a name that tells its gender must agree with the pronoun
                target = None
                if not named_here and _agrees(main_subject, sex) and _in_fronted_phrase(tok):
                    target = main_subject
                elif any(_agrees(c, sex) for _, c in named_here):
                    target = next(c for _, c in reversed(named_here) if _agrees(c, sex))
                    # "X's brother said he ..." — a relative named here is rarely the one a
                    # report about a prisoner goes on about; prefer the focus when it is near.
                    # So too when the focus was named before: "insulting President A — his
                    # sentences amounted to 28 years" are the prisoner's.
                    if focus is not None and target is not focus and _agrees(focus, sex) and (
                            any(c is focus for _, c in named_here) or focus.mentions[0].start < tok.idx):
                        target = focus if _is_relative_or_official(doc, target) else target
                elif _agrees(last_subject, sex):
                    target = last_subject
                    # The same for a relative who spoke in the previous sentence, when the
                    # prisoner was named there too ("His brother said Karimov was ill. He was …").
                    if focus is not None and target is not focus and id(focus) in told_before and \
                            _agrees(focus, sex) and _is_relative_or_official(doc, target):
                        target = focus
                elif _agrees(focus, sex):
                    target = focus
                if target is not None:
                    out[tok.i] = target
                    if tok.dep_ in ("nsubj", "nsubjpass") and subject_here is None:
                        subject_here = target
            elif low in FIRST_PERSON and narrator is not None and tok.pos_ == "PRON":
                out[tok.i] = narrator
        if subject_here is not None:
            last_subject = subject_here
        elif named_here:
            last_subject = named_here[-1][1]
        told_before = {id(c) for _, c in named_here} | {id(out[t.i]) for t in sent if t.i in out}
    return out


def _in_fronted_phrase(tok: Token) -> bool:
    """The pronoun sits in a phrase before the main clause's subject: "After her release, …"."""
    head = tok
    for _ in range(4):
        if head.dep_ in ("prep", "advcl", "advmod", "npadvmod") and head.head.dep_ == "ROOT" \
                and head.i < head.head.i:
            return True
        if head.dep_ == "ROOT":
            return False
        head = head.head
    return False


def gender(c: PersonCluster) -> str | None:
    """ "f", "m" or None, from the surname alone; None when it does not tell. (Given names
    are no guide across languages: Alaa, Mustafa and Nikita are men's names.)"""
    words = [w.lower() for w in c.name.split()]
    if FEMALE_SURNAME.search(words[-1]):
        return "f"
    if MALE_SURNAME.search(words[-1]):
        return "m"
    return None


def _agrees(c: PersonCluster | None, pronoun_gender: str) -> bool:
    return c is not None and gender(c) in (None, pronoun_gender)


def _mention_cluster(tok: Token, by_token: dict[int, PersonCluster]) -> PersonCluster | None:
    return by_token.get(tok.i)


def _is_relative_or_official(doc: Doc, cluster: PersonCluster) -> bool:
    words = _relation_words()
    for m in cluster.mentions:
        window = text_of(doc)[max(0, m.start - 40):m.start].lower()
        if words.search(window):
            return True
    return False


@lru_cache(maxsize=1)
def _relation_words() -> re.Pattern[str]:
    """Any of the relatives', officials' and advocates' words, whole (\\b on both sides: the
    alternation backtracks to the next word where one fails, so it finds what any one finds)."""
    lex = load("lexicon")
    words = tuple(lex["relatives"]) + tuple(lex["officials"]) + tuple(lex["advocates"])
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
