"""Events: triggers from data/triggers.yml, their persons and attributes from the parse.

A trigger is a verb or noun lemma, or a phrase, of one of the 14 event types. Each
candidate is then checked against what reports actually mean by it: "should be released"
and "calls for his release" are requests, not releases; "rejected his appeal" is an appeal
ruling; a transfer needs a destination. Its persons come from the dependency parse (the
patient of "was arrested", the owner of "his arrest"), else from the nearest mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from habeas.nlp import remedy
from habeas.nlp.alternation import PatternSet
from habeas.nlp.doccache import sent_of, span_text, text_of
from habeas.nlp.fold import fold
from habeas.nlp.phrases import leftmost_longest, lower_matcher
from habeas.nlp.resources import load
from habeas.nlp.treematch import TreeMatcher

PUNISHMENT_CELL = (r"\b(?:punishment|punitive|solitary|isolation|disciplinary)\s+(?:cell|confinement|ward)|"
                   r"\bSHIZO\b|\bPKT\b")
REMEDY_TYPES = {"appeal", "petition", "response", "denial"}
CONDITIONS = {"if", "unless", "whether"}
MODALS = {"should", "must", "would", "could", "may", "might", "shall", "can", "cannot", "will", "'ll"}
# Verbs whose complement is wanted, feared or asked for, not reported as done.
IRREALIS_HEADS = {"call", "demand", "urge", "ask", "want", "fear", "request", "seek", "hope",
                  "campaign", "plan", "threaten", "expect", "need", "try", "attempt", "refuse",
                  "allow", "order", "recommend", "push", "press", "appeal", "petition", "launch",
                  "face", "risk", "intend", "wish", "deny", "prevent", "block", "oppose", "delay",
                  "avoid", "await"}
APPEAL_CONTEXT = re.compile(r"\b(?:appeal|cassation|verdict|sentence|conviction|court|judge|ruling)\b",
                            re.IGNORECASE)
COURT_WORDS = re.compile(r"\b(?:court|judge|tribunal|supreme)\b", re.IGNORECASE)
REQUEST_OBJECTS = re.compile(r"\b(?:petition|complaint|request|application|appeal|letter|plea|motion|"
                             r"communication|submission|inquiry|enquiry)s?\b", re.IGNORECASE)
# Asking told with a verb: "she petitioned the prosecutor", "they wrote to the minister".
REQUESTED = re.compile(r"\b(?:petitioned|complained|requested|applied|appealed|asked|wrote)\b", re.IGNORECASE)
NEGATIVE = re.compile(r"\b(?:reject\w*|refus\w*|den(?:y|ied|ies)|dismiss\w*|declin\w*|no (?:legal )?grounds|"
                      r"does not meet|did not meet|not satisf\w*|turned down|upheld|left \w+ sentence intact|"
                      r"intact|unfounded|groundless)\b", re.IGNORECASE)
POSITIVE = re.compile(r"\b(?:grant\w*|approv\w*|satisf(?:ied|y)|agreed|accepted|released)\b", re.IGNORECASE)
SILENT = re.compile(r"\b(?:no (?:response|reply|answer)|(?:did|have|has) not (?:respond|repl|answer)\w*|"
                    r"unanswered|ignored)\b", re.IGNORECASE)
RELEASE_REQUEST = re.compile(r"\b(?:release|released|releasing|freed|freedom|pardon|amnesty|transfer|medical (?:care|treatment|aid)|"
                             r"treatment|visit|investigation|examination)\b", re.IGNORECASE)

# What one releases besides people.
RELEASED_THINGS = {"statement", "report", "video", "information", "data", "book", "song", "album",
                   "footage", "photo", "letter", "list", "document", "recording", "film", "appeal",
                   "update", "details", "figures", "names", "results"}


@lru_cache(maxsize=1)
def handling_verbs() -> frozenset[str]:
    """Verbs an authority answers or deals with a request by (data/remedies.yml: `answer_verbs`,
    `act_on_verbs`, `handling_verbs`); a petition named as their object was filed before, so
    the answer's date is not the petition's."""
    d = remedy.data()
    return frozenset(d["answer_verbs"]) | d["act_on_verbs"] | d["handling_verbs"]


@dataclass
class Trigger:
    type: str
    token: Token          # the head token of the trigger
    start: int            # character span of the trigger words
    end: int
    text: str
    noun: bool = False    # a noun trigger ("his arrest") is often a re-mention
    governed: bool = False  # found with its argument ("lost ten kilograms"): says what happened
    pattern: str = ""     # the id of the construction that found it ("remedy.answer"), if any


@dataclass
class RawEvent:
    type: str
    trigger: Trigger
    sent: Span
    persons: list[Any] = field(default_factory=list)   # PersonCluster
    attrs: dict[str, Any] = field(default_factory=dict)   # "_date" holds the resolved date
    again: bool = False
    remention: bool = False   # "since his arrest": names an event told elsewhere (is_remention)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, str], dict[str, str], tuple[PatternSet, list[str]]]:
    """Verb and noun lemmas by type, the type of each phrase (by its folded form), and the
    patterns of triggers whose words vary, in one PatternSet, with their keys."""
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    phrase_type: dict[str, str] = {}
    bodies: list[str] = []
    keys: list[str] = []
    for etype, spec in load("triggers").items():
        for k, p in enumerate(spec.get("patterns") or []):
            bodies.append(p)
            keys.append(f"{etype}#{k}")
        for v in spec.get("verbs") or []:
            verbs.setdefault(v, etype)
        for n in spec.get("nouns") or []:
            nouns.setdefault(n, etype)
        for p in spec.get("phrases") or []:
            phrase_type.setdefault(fold(p), etype)
    return verbs, nouns, phrase_type, (PatternSet(r"\b", bodies, re.IGNORECASE), keys)


@lru_cache(maxsize=4)
def _phrase_matcher(vocab: Vocab) -> PhraseMatcher:
    """The `phrases` of data/triggers.yml on the tokens' LOWER; the match id is the phrase."""
    return lower_matcher(vocab, {phrase: [phrase] for phrase in _lexicon()[2]})


def _phrases_in(doc: Doc) -> list[tuple[int, int, int]]:
    """(match id, start, end) of every trigger phrase in the report (once per Doc)."""
    cached = doc.user_data.get("habeas.phrases")
    if cached is None:
        cached = doc.user_data["habeas.phrases"] = list(_phrase_matcher(doc.vocab)(doc))
    return cached


def _node(parent: str, name: str, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """DependencyMatcher nodes for one child of `parent` (and its own children)."""
    attrs: dict[str, Any] = {"DEP": {"IN": spec["dep"]}}
    if spec.get("lemma"):
        attrs["LEMMA"] = {"IN": spec["lemma"]}
    if spec.get("pos"):
        attrs["POS"] = {"IN": spec["pos"]}
    nodes = [{"LEFT_ID": parent, "REL_OP": ">", "RIGHT_ID": name, "RIGHT_ATTRS": attrs}]
    for k, child in enumerate(spec.get("children") or []):
        nodes += _node(name, f"{name}_{k}", child)
    return nodes


@lru_cache(maxsize=4)
def _governed_matcher(vocab: Vocab) -> TreeMatcher:
    """Triggers told by a head word and its arguments, from the `governed` entries of
    data/triggers.yml: "handed him a five-year term", "lost ten kilograms", "nobody knew
    where he was". The match id is the event type."""
    matcher = TreeMatcher(vocab)
    for etype, spec in load("triggers").items():
        for remention in (False, True):
            patterns = [_governed_pattern(entry) for entry in spec.get("governed") or []
                        if bool(entry.get("remention")) == remention]
            if patterns:
                matcher.add(etype + (":remention" if remention else ""), patterns)
    return matcher


def _governed_pattern(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """One `governed` entry of data/triggers.yml as a DependencyMatcher pattern."""
    head: dict[str, Any] = {"LEMMA": {"IN": entry.get("verbs") or entry.get("nouns")},
                            "POS": {"IN": ["VERB", "AUX"] if entry.get("verbs") else ["NOUN"]}}
    if entry.get("tags"):
        head["TAG"] = {"IN": entry["tags"]}
    pattern = [{"RIGHT_ID": "head", "RIGHT_ATTRS": head}]
    for k, child in enumerate(entry.get("children") or []):
        pattern += _node("head", f"c{k}", child)
    return pattern


def _governed_in(doc: Doc) -> dict[int, str]:
    """Head token index -> event type of every governed trigger in the report (once per Doc);
    "type:remention" for a state that re-tells an event ("serving seven years")."""
    cached = doc.user_data.get("habeas.governed")
    if cached is None:
        matcher = _governed_matcher(doc.vocab)
        cached = {}
        for match_id, tokens in matcher(doc):
            cached.setdefault(tokens[0], doc.vocab.strings[match_id])
        doc.user_data["habeas.governed"] = cached
    return cached


def _trigger_words(doc: Doc) -> list[int]:
    """The indices of the tokens whose lemma is a trigger verb or noun, or whose word is a
    trigger noun (once per Doc, read from its LEMMA and LOWER columns)."""
    cached = doc.user_data.get("habeas.trigger_words")
    if cached is None:
        verbs, nouns = _lexicon()[:2]
        strings = doc.vocab.strings
        known: dict[tuple[int, int], bool] = {}
        cached = []
        for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
            hit = known.get((lemma, lower))
            if hit is None:
                word = strings[lemma].lower()
                hit = known[lemma, lower] = word in verbs or word in nouns or strings[lower] in nouns
            if hit:
                cached.append(i)
        doc.user_data["habeas.trigger_words"] = cached
    return cached


def find_triggers(sent: Span) -> list[Trigger]:
    verbs, nouns, phrase_type, patterns = _lexicon()
    doc = sent.doc
    found: dict[int, Trigger] = {}
    base = sent.start_char

    text = text_of(doc)[base:sent.end_char]     # sent.text, without joining its tokens anew
    # Phrases: the sentence's tokens; patterns (words that vary): its text, in one scan.
    matches = []
    in_sent = [m for m in _phrases_in(doc) if sent.start <= m[1] and m[2] <= sent.end]
    for key, start, end in leftmost_longest(in_sent):
        phrase = doc.vocab.strings[key]
        span = doc[start:end]
        matches.append((span, span.start_char, span.end_char, phrase_type[phrase], f"phrase:{phrase}"))
    pattern_set, keys = patterns
    for key, ms in zip(keys, pattern_set.finditer_each(text)):
        for m in ms:
            start, end = base + m.start(), base + m.end()
            matches.append((doc.char_span(start, end, alignment_mode="expand"), start, end, *key.split("#")))
    for span, start, end, etype, which in matches:
        if span is None:
            continue
        head = _phrase_head(span)
        if head.i in found and found[head.i].end - found[head.i].start >= end - start:
            continue
        pattern = which if which.startswith("phrase:") else f"pattern:{which}"
        found[head.i] = Trigger(etype, head, start, end, text[start - base:end - base],
                                noun=head.pos_ in ("NOUN", "PROPN"), pattern=f"{etype}.{pattern}")
    # A head word with its arguments tells more than the head word alone, less than a phrase.
    for i, etype in _governed_in(doc).items():
        tok = doc[i]
        if sent.start <= i < sent.end and not any(t.start <= tok.idx < t.end for t in found.values()):
            etype, _, remention = etype.partition(":")
            found[i] = Trigger(etype, tok, tok.idx, tok.idx + len(tok.text), tok.text,
                               noun=tok.pos_ == "NOUN" or bool(remention), governed=True,
                               pattern=f"{etype}.governed:{tok.lemma_.lower()}")
    words = _trigger_words(doc)
    for i in words[bisect_left(words, sent.start):bisect_left(words, sent.end)]:
        tok = doc[i]     # a trigger word (most tokens are none: the checks below cannot fire)
        lemma = tok.lemma_.lower()
        if tok.i in found or any(t.start <= tok.idx < t.end for t in found.values()):
            continue
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_ == "VBN"):
            etype = verbs.get(lemma)
            if etype:
                found[tok.i] = Trigger(etype, tok, tok.idx, tok.idx + len(tok.text), tok.text,
                                       pattern=f"{etype}.verb:{lemma}")
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            etype = nouns.get(lemma) or nouns.get(tok.lower_)
            if etype:
                found[tok.i] = Trigger(etype, tok, tok.idx, tok.idx + len(tok.text), tok.text, noun=True,
                                       pattern=f"{etype}.noun:{lemma}")
    for t in remedy.triggers(sent):
        # a construction read off the parse says more than a word of it ("lodged a complaint")
        for i in [i for i, old in found.items() if i == t.token.i or t.start <= old.start < t.end]:
            del found[i]
        found[t.token.i] = t
    return sorted(found.values(), key=lambda t: t.start)


def _phrase_head(span: Span) -> Token:
    """The token a phrase trigger hangs on: its first verb, else its syntactic root."""
    for t in span:
        if t.pos_ == "VERB":
            return t
    return span.root


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def is_irrealis(tok: Token) -> bool:
    """Asked for, feared, possible or denied rather than reported as having happened."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in tok.children):
        return True  # "if found guilty", "unless released"
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "without":
        return True  # "released without being charged"
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    window = tok.doc[max(sent_of(tok).start, tok.i - 3):tok.i]
    if any(t.lower_ == "to" for t in window) and tok.tag_ in ("VB", "VBN"):
        return True
    head = tok
    for _ in range(3):
        if head.dep_ in ("xcomp", "ccomp", "advcl", "pobj", "dobj", "acl", "relcl", "prep", "nsubjpass"):
            head = head.head
            if head.lemma_.lower() in IRREALIS_HEADS:
                return True
        else:
            break
    return False


def classify(trigger: Trigger, sent: Span) -> str | None:
    """The event type a trigger really announces in its sentence, or None."""
    etype, tok = trigger.type, trigger.token
    lemma = tok.lemma_.lower()
    text = span_text(sent)
    if etype == "arrest" and trigger.noun and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "administrative":
        return None  # "15 days of administrative arrest" is a term, not an arrest
    if trigger.noun and tok.dep_ == "compound" and trigger.end - trigger.start == len(tok.text):
        return None  # "detention centre", "arrest warrant": a modifier, not an event
    if trigger.noun and etype not in REMEDY_TYPES and _in_proper_name(tok, sent):
        return None  # "the Working Group on Arbitrary Detention", "the Convention against Torture"
    if etype == "death" and trigger.noun and tok.dep_ == "pobj" and tok.head.lower_ == "to" and \
            tok.head.head.lemma_.lower() in ("sentence", "condemn"):
        return None  # "sentenced him to death": a penalty, not a death
    if etype == "arrest" and trigger.noun and trigger.end - trigger.start == len(tok.text) and held_state(tok):
        return None  # "during his detention", "house arrest", "continued detention": time held
    if etype in ("arrest", "sentence") and tok.tag_.startswith("VB") and _iterated(tok):
        return None  # "has been detained numerous times", "jailed for most of the time since": a record
    if etype == "arrest" and trigger.governed and re.search(PUNISHMENT_CELL, _own_clause(tok), re.I):
        return None  # "held in a punishment cell since May": a penalty inside prison
    if etype in ("arrest", "sentence") and not trigger.noun and tok.dep_ == "amod" and not \
            any(t.lower_ == "to" for t in tok.doc[tok.i + 1:min(tok.i + 6, sent_of(tok).end)]):
        return None  # "the jailed journalist": a state (but "sentenced X to 7 years" misparsed is not)
    if etype == "ill_treatment" and not trigger.noun and tok.dep_ == "amod" and \
            any(c.dep_ in ("npadvmod", "compound") and c.i < tok.i for c in tok.children):
        return None  # "a life-threatening illness": an adjective made of the verb, no act
    if trigger.pattern.startswith("remedy."):
        return remedy.classify(trigger, sent)
    if etype == "response":
        if lemma in ("deny", "refuse") and re.search(r"\b(?:access|medical|visit|care|treatment|lawyer|"
                                                    r"meeting|food|parcel|correspondence|call)", text, re.I):
            return "denial"
        obj = " ".join(t.text for t in tok.subtree)
        if re.search(r"\b(?:appeal|cassation)\b", obj, re.I) and not re.search(r"appeal\w* to", obj, re.I):
            return "appeal"
        if remedy.conditional(tok):
            return None  # "if a reply is received", "if the court rejects the appeal"
        if any(c.dep_ in ("dobj", "nsubjpass") and remedy.by_the_state(c) for c in tok.children):
            return None  # "granted the prosecution's request to keep her in custody"
        if lemma in ("refuse", "decline") and remedy.own_refusal(tok):
            return None  # "he refused to sign a letter of repentance"
        if lemma in ("respond", "reply") and not (_answers_a_request(sent) or remedy.by_authority(tok)):
            return None  # "the protest was responded to with force": a reaction, not an answer
        if not (REQUEST_OBJECTS.search(text) or re.search(r"no (?:legal )?grounds|respon|repl|answer", text, re.I)
                or (lemma in ("respond", "reply", "answer") and remedy.by_authority(tok))):
            return None
        if re.search(r"\bin\s+(?:response|reply)\s+to\b", text[max(0, trigger.start - sent.start_char - 3):][:25], re.I):
            return None  # "In response to this, …" introduces a reaction, not an answer
        return "response"
    if etype == "appeal":
        if re.search(r"\bappeal(?:ed|s)?\s+to\b", text[tok.idx - sent.start_char:], re.I) and \
                not COURT_WORDS.search(text[tok.idx - sent.start_char:][:80]):
            return "petition"
        if lemma in ("appeal",) and not APPEAL_CONTEXT.search(text):
            return None
        if not trigger.noun and remedy.unreal(tok):
            return None  # "unclear whether he has appealed", "may appeal"
        return "appeal"
    if etype == "petition":
        # A complaint about a loan or a neighbour is no remedy: it must ask for something a
        # detainee needs, go to an authority, be answered by one, or be a petition.
        if remedy.unreal(tok) and not trigger.noun:
            return None  # "plans to petition", "may request"
        if not trigger.noun and remedy.campaign(tok):
            return None  # "rights groups demanded his release": a public call
        if trigger.noun and remedy.by_the_state(tok):
            return None  # "the prosecution's request to keep her in custody"
        if trigger.noun and remedy.public_petition(tok):
            return None  # "thousands signed an online petition": a campaign, not a filing
        if trigger.noun and remedy.generic_request(tok):
            return None  # "the Committee, which examines complaints from individuals": what a body does
        if trigger.noun and (remedy.answered(tok) or remedy.acted_on(tok)):
            return None if remedy.is_appeal(tok) else "petition"
        if trigger.noun and remedy.needs_addressee(tok) and not remedy.addressed(tok):
            return None  # "an inquiry into his death" is no request; "an inquiry to the ministry" is
        if not (_asks_for_something(text[trigger.start - sent.start_char:], sent) or remedy.addressed(tok)):
            return None
        return "petition"
    if etype == "transfer":
        if not re.search(r"\b(?:prison|colony|colonies|hospital|centre|center|facility|facilities|jail|camp|"
                         r"ward|unit|cell|dispensary|dispensaries|clinic|isolator|sizo|ik-?\d+)s?\b", text[trigger.start - sent.start_char:], re.I):
            return None
        if lemma in ("take", "send") and not re.search(r"\b(?:to|into)\b", text[trigger.start - sent.start_char:][:40]) \
                and not any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in tok.children):
            return None
        if re.search(r"\bthreat", text[:trigger.start - sent.start_char], re.I):
            return "ill_treatment"
        if re.search(PUNISHMENT_CELL, _own_clause(tok), re.I):
            return None  # "placed in a punishment cell": told as ill-treatment, not a transfer
        return "transfer"
    if etype == "sentence" and lemma == "fine":
        return "sentence"
    if etype == "health" and trigger.noun and lemma in ("condition", "illness", "disease"):
        if not re.search(r"\b(?:health|medical|ill|sick|diagnos|suffer)", text, re.I):
            return None
    if etype == "death" and (lemma == "kill" or re.match(r"death\s+(?:row|sentence|penalty|threats?)",
                                                           text_of(sent.doc)[tok.idx:tok.idx + 20], re.I)):
        return None
    if etype == "release" and not trigger.noun and any(
            c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in RELEASED_THINGS for c in tok.children):
        return None  # "released a statement"
    if etype == "ill_treatment" and lemma == "threaten" and re.search(r"\btransfer", text, re.I):
        return "ill_treatment"
    return etype


# Prepositions that name the time spent held, or a cause, rather than the arrest: "lost
# weight in detention", "a hunger strike against his detention".
STATE_PREPS = {"during", "throughout", "in", "against", "under"}
# Heads that make a detention a state that lasts: "continued the detention of X".
STATE_MODIFIERS = {"house", "continued", "continuing", "ongoing", "prolonged", "indefinite"}
PLACING = {"place", "put", "send", "remand", "take"}
STATE_HEADS = {"continue", "prolong", "extend", "protest", "end", "challenge", "condemn"}
# Prepositions of time or cause whose object re-tells an event told elsewhere: "since his
# arrest", "the day after her detention", "following his conviction", "before the verdict".
REMENTION_PREPS = {"since", "after", "following", "upon", "before", "until", "till", "over"}


def _iterated(tok: Token) -> bool:
    """A verb told of many occasions or of most of a span: "has been detained numerous
    times", "was arrested repeatedly", "has been jailed for most of the time since 2011"
    (data/lexicon.yml `iterated`); "detained for the third time" is one occasion."""
    words = load("lexicon")["iterated"]
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in words["adverbs"]:
            return True
        if c.dep_ == "npadvmod" and c.tag_ == "NNS" and c.lemma_.lower() in words["counted"] and \
                not any(d.dep_ == "nummod" and d.lower_ in ("two", "2") for d in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(
                p.dep_ == "pobj" and p.lower_ in words["spans"] for p in c.children):
            return True
    return False


def held_state(tok: Token) -> bool:
    """A detention noun that names a state, not the act: "in detention", "under house arrest",
    "the continued detention of X", "protests against his detention"."""
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in STATE_MODIFIERS for c in tok.children):
        # "placed under house arrest" is the act; "released to house arrest", "continued
        # detention" a state that lasts
        return not (_placed(tok) and any(c.lemma_.lower() == "house" for c in tok.children))
    if tok.dep_ == "pobj" and tok.head.lower_ in STATE_PREPS:
        # "placed him in detention" is the act, however the parse hangs the preposition;
        # "in detention since July" dates the arrest (a re-mention, see is_remention)
        return not (_placed(tok) or _held_since(tok))

    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in STATE_HEADS


# Events a relative clause or participle re-tells as background ("Aziz Karimov, who was
# sentenced to life, …", "Olga Brant, sentenced to 11 years, …").
BACKGROUND_TYPES = {"arrest", "sentence", "charge"}


def _placed(tok: Token) -> bool:
    near = tok.doc[max(sent_of(tok).start, tok.i - 7):tok.i]
    return any(a.lemma_.lower() in PLACING and a.pos_ == "VERB" for a in [*tok.ancestors, *near])


def _held_since(tok: Token) -> bool:
    """"has been in pretrial detention since July 2023": the state dated from the arrest."""
    return any(c.dep_ == "prep" and c.lower_ == "since" for t in (tok, tok.head.head) for c in t.children)


def is_remention(trigger: Trigger) -> bool:
    """A trigger that names an event told elsewhere rather than telling it: a relative clause
    or participle ("who was sentenced to life"), or a noun, the object
    of a preposition of time or cause ("since his arrest", "after her detention"), or a
    definite or possessive noun phrase that is talked about ("his arrest was condemned",
    "described her detention as arbitrary")."""
    tok = trigger.token
    if trigger.pattern.startswith("remedy."):
        return False
    if not trigger.noun and trigger.type in BACKGROUND_TYPES and tok.dep_ in ("relcl", "acl"):
        return True  # "X, who was sentenced to life in 2010, died": background to the news
    if not trigger.noun and tok.dep_ == "pcomp" and tok.head.lower_ in REMENTION_PREPS - {"over"}:
        return True  # "held him for eight months before sentencing him": told as a time mark
    if not trigger.noun or trigger.governed or tok.pos_ != "NOUN":
        return False
    if trigger.end - trigger.start > len(tok.text):
        return False  # a phrase ("taken into custody") tells the event
    if tok.dep_ == "pobj" and tok.head.lower_ in REMENTION_PREPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in STATE_PREPS and not _placed(tok):
        return True  # "in detention since July": dates the arrest told elsewhere
    owned = any(c.dep_ == "poss" for c in tok.children)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
    return (owned or definite) and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr")


def _in_proper_name(tok: Token, sent: Span) -> bool:
    """A noun inside the name of a body or an instrument: an entity, or a capitalised word
    in a run of capitalised words ("UN Working Group on Arbitrary Detention")."""
    if tok.ent_type_ in ("ORG", "LAW", "WORK_OF_ART", "FAC", "EVENT"):
        return True
    if not tok.is_title or tok.i == sent.start:
        return False
    doc = tok.doc
    prev = doc[tok.i - 1]
    if prev.is_title and prev.i > sent.start:
        return True
    return prev.lower_ in ("on", "against", "for", "of") and tok.i - 2 > sent.start and doc[tok.i - 2].is_title


def _own_clause(tok: Token) -> str:
    """The words a trigger governs, without the clauses hung on them ("moved to a colony,
    where he was put in a punishment cell": the cell is not where he was moved)."""
    words = []
    for t in tok.subtree:
        node, inside = t, True
        while node.i != tok.i:
            if node.dep_ in ("relcl", "advcl", "ccomp", "conj", "parataxis"):
                inside = False
                break
            node = node.head
        if inside and t.i >= tok.i:
            words.append(t.text)
    return " ".join(words)


def _answers_a_request(sent: Span) -> bool:
    """A request is named in the sentence or the one before ("She petitioned the prosecutor.
    He did not respond.")."""
    previous = span_text(sent_of(sent.doc[sent.start - 1])) if sent.start else ""
    return any(REQUEST_OBJECTS.search(t) or REQUESTED.search(t) for t in (span_text(sent), previous))


def _asks_for_something(asked: str, sent: Span) -> bool:
    """What a petition asks for is said after its trigger, or — "has sent another request" —
    in the sentence before, which told of the earlier one."""
    if RELEASE_REQUEST.search(asked) or re.search(r"petition", asked, re.I):
        return True
    if sent.start == 0:
        return False
    previous = sent_of(sent.doc[sent.start - 1])
    return bool(re.search(r"\b(?:request|petition|appeal|asked|demand)", span_text(previous), re.I)
                and RELEASE_REQUEST.search(span_text(previous)))


def outcome_of(etype: str, text: str) -> str | None:
    if etype == "appeal":
        if re.search(r"\breduc\w*|commut\w*|reduction\b", text, re.I):
            return "reduced"
        if re.search(r"\b(?:overturn\w*|quash\w*|acquit\w*|annul\w*)", text, re.I):
            return "overturned"
        if NEGATIVE.search(text) or re.search(r"\b(?:upheld|uphold|intact|lost|loses)\b", text, re.I):
            return "upheld"
        return "pending"
    if SILENT.search(text):
        return "no_response"
    if NEGATIVE.search(text):
        return "rejected"
    if POSITIVE.search(text):
        return "granted"
    return None
