"""Legal remedies read off the dependency parse: a request handed to an authority, and the
authority's answer to it.

Reporters vary the words far more than the structure: "filed a complaint with", "lodged an
appeal", "submitted a communication to" are a verb of handing in whose object is a request
noun; "applied to the court", "wrote to the Ombudsman", "asked the governor to" a verb of
addressing whose object (or the object of "to"/"with") is an authority; "turned down the
request", "left the appeal unsatisfied", "the complaint was returned" a verb of answering
whose object is a request noun. The words of each role are in data/remedies.yml; this module
only knows the relations. Each trigger it makes carries the id of its construction
(`remedy.light_verb`, `remedy.answer`, …).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Any

from spacy.attrs import LOWER, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Span, Token

from habeas.nlp.resources import load

OBJECTS = ("dobj", "nsubjpass", "obj")
VERBAL = ("VERB", "AUX")
VERB_TAGS = ("VBN", "VBD", "VBG")
COURTS = frozenset(("court", "judge", "tribunal", "chamber", "ecthr"))


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """remedies.yml, word lists as frozensets."""
    raw = load("remedies")
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in raw.items()}


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _is_verb(t: Token) -> bool:
    return t.pos_ in VERBAL or t.tag_ in VERB_TAGS


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out += [t, *t.conjuncts]
    return out


def request_object(verb: Token) -> Token | None:
    """The request noun a verb acts on: its object, or its subject when passive ("a complaint
    was filed"), or the object of the verb it governs ("refused to consider the appeal")."""
    d = data()
    objs = _with_conjuncts([c for c in verb.children if c.dep_ in OBJECTS])
    for o in objs:
        if (_lemma(o) in d["request_nouns"] or o.lower_ in d["request_nouns"]) and not by_the_state(o):
            return o
        # "the writ of habeas corpus", "a request for review": the head noun is generic
        if _lemma(o) in ("writ",) or (o.lower_ == "habeas"):
            return o
    return None


def _words_of(t: Token) -> set[str]:
    """The lower-case words naming a noun phrase: its head and the words before it that
    modify it ("the Prosecutor General's Office", "the UN Working Group")."""
    words = {t.lower_, _lemma(t)}
    for c in t.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < t.i:
            words |= {x.lower_ for x in c.subtree}
    return words


def is_addressee(t: Token) -> bool:
    """A noun phrase naming an authority or an international body."""
    return bool(_words_of(t) & data()["addressees"]) and t.pos_ in ("NOUN", "PROPN")


def addressee_tokens(verb: Token) -> list[Token]:
    """Who a request goes to: the object of "to"/"with"/"before" after the verb or its request
    noun, or the direct object of a verb of asking ("petitioned the president")."""
    out: list[Token] = []
    heads = [verb]
    obj = request_object(verb)
    if obj is not None:
        heads.append(obj)
    if _is_verb(verb):
        # "demanded in a statement to the head of the colony", "asked in a letter to the court"
        heads += [p for h in [verb, *(c for c in verb.children if c.dep_ in OBJECTS)]
                  for c in h.children if c.dep_ == "prep" and c.lower_ == "in"
                  for p in c.children if p.dep_ == "pobj" and _lemma(p) in data()["writings"]]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with", "before", "at"):
                out += [p for p in _with_conjuncts([x for x in c.children if x.dep_ == "pobj"]) if is_addressee(p)]
            elif c.dep_ in ("dobj", "dative") and h is verb and is_addressee(c):
                out += [x for x in _with_conjuncts([c]) if is_addressee(x)]
    return out


def phrase(t: Token, preps: tuple[str, ...] = ("of", "for", "on", "against", "in")) -> str:
    """The words of a noun phrase: its modifiers and its "of"/"for"/"on" complements, without
    the phrases joined to it ("the Prosecutor General's Office", "the UN Working Group on
    Arbitrary Detention", not "… and the Interior Ministry")."""
    words: list[Token] = [t]
    for c in t.children:
        if c.i < t.i and c.dep_ not in ("punct", "cc", "det", "predet"):
            words += list(c.subtree)
        elif c.i > t.i and c.dep_ == "prep" and c.lower_ in preps:
            words += [x for x in c.subtree if not _joined(x, c)]
    kept = sorted({x.i: x for x in words if not x.is_space and x.dep_ != "punct"}.values(), key=lambda x: x.i)
    return " ".join(x.text for x in kept).replace(" 's", "'s").replace(" ’s", "’s")


def _joined(x: Token, top: Token) -> bool:
    """x hangs under `top` through a joined or relative phrase ("… and X", "…, which …")."""
    while x.i != top.i:
        if x.dep_ in ("conj", "cc", "relcl", "acl", "appos"):
            return True
        x = x.head
    return False


def is_appeal(obj: Token) -> bool:
    """A request noun naming a review of a verdict: "an appeal", "a cassation complaint", "a
    request for judicial review"."""
    d = data()
    if _lemma(obj) in d["appeal_nouns"]:
        return True
    if any(c.dep_ in ("compound", "amod") and _lemma(c) in d["appeal_nouns"] | {"cassation", "appellate"}
           for c in obj.children):
        return True
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "against"):
            for p in c.children:
                if p.dep_ == "pobj" and (_lemma(p) in d["appeal_requests"] or
                                         (c.lower_ == "against" and _lemma(p) in ("verdict", "sentence", "conviction", "ruling"))):
                    return True
    return False


def _to_a_non_court(verb: Token) -> bool:
    """"an appeal to the President": a plea for mercy, not a review of the verdict."""
    return _non_court(addressee_tokens(verb))


def _non_court(to: list[Token]) -> bool:
    """Addressees of which none is a court (empty: none named)."""
    return bool(to) and not any(_words_of(t) & COURTS or "court" in t.lower_ for t in to)


def _has_content(verb: Token) -> bool:
    """The verb asks for something a detainee needs: its object, or the object of "for"."""
    d = data()
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and _lemma(c) in d["request_content"]:
            return True
        if c.dep_ == "prep" and c.lower_ == "for":
            if any(p.dep_ == "pobj" and (_lemma(p) in d["request_content"] or _lemma(p) in d["appeal_requests"])
                   for p in c.children):
                return True
        if c.dep_ == "ccomp" and _lemma(c) in d["content_verbs"] and \
                any(x.dep_ in ("auxpass", "aux") and x.lower_ == "be" for x in c.children):
            return True  # "requested that she be transferred to a hospital"
    return False


def campaign(verb: Token) -> bool:
    """"Amnesty asked for his release": an organisation's public call, with no authority
    addressed, is not a petition."""
    d = data()
    if _lemma(verb) in d["filing_verbs"] and request_object(verb) is not None:
        return False  # "the movement sent a request", "the group filed a complaint": a filing
    subj = [c for c in verb.children if c.dep_ == "nsubj"] or \
        ([c for c in verb.head.children if c.dep_ == "nsubj"] if verb.dep_ == "conj" else [])
    return any({x.lower_ for x in s.subtree} & d["campaigners"] for s in subj) and not addressee_tokens(verb)


def unreal(tok: Token) -> bool:
    """A request wanted, planned, possible, conditional or refused, not made: "may appeal",
    "plans to file", "intends to apply", "if the court rejects", "will not complain"."""
    d = data()
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in d["modal_words"] for c in tok.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in d["conditional_marks"] for c in tok.children):
        return True
    head = tok
    for _ in range(3):
        if head.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "acomp"):
            break
        if head.dep_ == "conj":
            head = head.head
            if any(c.dep_ == "mark" and c.lower_ in d["conditional_marks"] for c in head.children):
                return True
            continue
        head = head.head
        if _lemma(head) in d["irrealis_heads"] or any(
                (c.dep_ == "mark" and c.lower_ in d["conditional_marks"]) or
                (c.dep_ == "acomp" and c.lower_ in d["irrealis_adjectives"]) for c in head.children):
            return True
    return False


def answer_outcome(verb: Token) -> str | None:
    """The outcome an answering verb gives, read off its lemma, particle or complement;
    "partly upheld", "agreed only to" make it partial, a negation turns a grant down."""
    d = data()
    lemma = _lemma(verb)
    outcome = None
    particles = d["answer_particles"].get(lemma) or {}
    for c in verb.children:
        if c.dep_ == "prt" and c.lower_ in particles:
            outcome = particles[c.lower_]
    if outcome is None and lemma == "leave":
        words = {x.lower_ for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass") for x in c.subtree}
        found = [d["leave_outcomes"][w] for w in words if w in d["leave_outcomes"]]
        outcome = found[0] if found else None
    if outcome is None and lemma in d["refuse_verbs"]:
        outcome = "rejected"
    if outcome is None:
        outcome = d["answer_verbs"].get(lemma)
    if outcome is None:
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return "rejected" if outcome == "granted" else outcome
    near = [c for c in verb.children] + [g for c in verb.children if c.dep_ == "prep" for g in c.children]
    if outcome == "granted" and any(c.lower_ in d["partial_words"] and c.dep_ == "advmod" for c in near):
        return "partial"  # "partly upheld", "agreed only to a check-up"
    return outcome


def _answered_object(verb: Token) -> Token | None:
    """The request an answering verb acts on, or None when it is not one."""
    d = data()
    lemma = _lemma(verb)
    if lemma in d["refuse_verbs"]:
        for x in verb.children:
            if x.dep_ == "xcomp" and _lemma(x) in d["act_on_verbs"]:
                obj = request_object(x)
                if obj is not None:
                    return obj
            if x.dep_ == "xcomp":
                # "refused to open a case on the complaint of his lawyer"
                on = [p for p in _prep_objects(x, ("on", "upon", "following", "over", "after")) if is_request(p)]
                if on:
                    return on[0]
    if lemma == "leave":
        # "left the appeal unsatisfied"; "left unsatisfied the appeal" (parsed as a clause)
        obj = request_object(verb) or next((o for x in verb.children if x.dep_ in ("xcomp", "ccomp", "oprd")
                                            for o in [request_object(x)] if o is not None), None)
        return obj if obj is not None and answer_outcome(verb) else None
    if lemma in d["answer_verbs"]:
        # "granted him a pardon", "was denied parole": a remedy decided on, named by what it gives
        granted = d["answer_verbs"][lemma] == "granted"
        for o in _with_conjuncts([c for c in verb.children if c.dep_ in OBJECTS]):
            if _lemma(o) in (d["granted_remedies"] if granted else d["refused_remedies"]):
                return o
    if lemma in d["answer_verbs"] or lemma in d["answer_particles"]:
        if lemma in d["answer_particles"] and lemma not in d["answer_verbs"] and answer_outcome(verb) is None:
            return None
        return request_object(verb)
    return None


def is_request(t: Token) -> bool:
    """A request noun ("an appeal by X", "a complaint from his mother"), not one the
    prosecution or the police made ("the prosecution's request to keep her in custody")."""
    return t.pos_ in ("NOUN", "PROPN") and (_lemma(t) in data()["request_nouns"] or t.lower_ in data()["request_nouns"]) \
        and not by_the_state(t)


def by_the_state(t: Token) -> bool:
    """A request made by the prosecution, investigators or police: its possessor, or the
    object of its "of"/"from"/"by"."""
    words = data()["state_requesters"]
    owners = [c for c in t.children if c.dep_ == "poss"] + [
        p for c in t.children if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "from", "by")
        for p in c.children if p.dep_ == "pobj"]
    return any(_lemma(o) in words or o.lower_ in words for o in owners)


def ruling(verb: Token) -> str | None:
    """The outcome of a ruling on a verdict ("upheld the sentence", "left his sentence
    intact", "the conviction was quashed"), or None when the verb does not rule on one."""
    d = data()
    outcome = d["verdict_rulings"].get(_lemma(verb))
    if outcome is None or not _is_verb(verb):
        return None
    objs = _with_conjuncts([c for c in verb.children if c.dep_ in OBJECTS])
    if not any(_lemma(o) in d["verdict_nouns"] for o in objs):
        return None
    if _lemma(verb) == "leave" and not any(x.lower_ in d["left_unchanged"] for c in verb.children
                                           if c.dep_ not in OBJECTS for x in c.subtree):
        return None
    return outcome


def _silent(tok: Token, asked: bool = False) -> bool:
    """"received no answer", "has not received a reply", "has yet to respond", "has not
    responded", "went unanswered"."""
    d = data()
    lemma = _lemma(tok)
    if tok.lower_ in d["unanswered"]:
        return True
    if lemma in d["reply_verbs"] and _is_verb(tok):
        to = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        if to and not any(is_request(p) for p in to):
            return False  # "did not respond to calls for comment": a press inquiry, not a request
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ == "xcomp" and any(c.lower_ == "yet" for c in tok.head.children) and \
                any(c.lower_ == "to" for c in tok.children):
            return True
    if lemma in d["hearing_verbs"] and _is_verb(tok) and asked and (
            any(c.dep_ in OBJECTS and c.lower_ == "nothing" for c in tok.children) or
            (any(c.dep_ == "neg" for c in tok.children) and any(c.lower_ in ("back", "from") for c in tok.children))):
        return True
    if lemma in ("receive", "get", "have", "be") and _is_verb(tok):
        for c in tok.children:
            if c.dep_ in ("dobj", "attr", "nsubj") and _lemma(c) in d["answer_nouns"]:
                if any(x.dep_ == "det" and x.lower_ == "no" for x in c.children) or \
                        any(x.dep_ == "neg" for x in tok.children):
                    return True
                if asked and lemma in ("receive", "get") and tok.dep_ == "pcomp" and tok.head.lower_ == "without":
                    return True  # "wrote to the ministry … without getting a reply"
    return False


def triggers(sent: Span) -> list:
    """Remedy triggers of a sentence found by construction (events.Trigger records)."""
    from habeas.nlp.events import Trigger

    d = data()
    out = denial_triggers(sent)
    for tok in _candidates(sent):
        if tok.pos_ == "NOUN" and is_request(tok) and any(c.dep_ == "acl" and _lemma(c) in d["light_verbs"]
                                                          and c.tag_ == "VBN" for c in tok.children):
            # "appeals made to the authorities by her lawyers", "a complaint filed with the court"
            handed = next(c for c in tok.children if c.dep_ == "acl" and _lemma(c) in d["light_verbs"])
            to = addressee_tokens(handed) or addressee_tokens(tok)
            if to or _has_content(tok):  # not "complaints made by a fellow prisoner about a debt"
                appeal = is_appeal(tok) and not _non_court(to)
                out.append(Trigger("appeal" if appeal else "petition", tok, tok.idx, tok.idx + len(tok.text),
                                   tok.text, noun=True, pattern="remedy.light_verb"))
            continue
        if not _is_verb(tok) and tok.lower_ not in d["unanswered"]:
            continue
        lemma = _lemma(tok)
        obj = request_object(tok) if lemma in d["light_verbs"] else None
        weak = _lemma(obj) in d["weak_request_nouns"] or lemma in d["weak_light_verbs"] if obj is not None else False
        if obj is not None and not (weak and not (addressee_tokens(tok) or _has_content(obj))):
            kind = "appeal" if is_appeal(obj) and not _to_a_non_court(tok) else "petition"
            end = max(obj.idx + len(obj.text), tok.idx + len(tok.text))
            start = min(obj.idx, tok.idx)
            out.append(Trigger(kind, tok, start, end, sent.doc.text[start:end], pattern="remedy.light_verb"))
            continue
        if ruling(tok):
            out.append(Trigger("appeal", tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.ruling"))
            continue
        answered = _answered_object(tok)
        if answered is not None:
            kind = "appeal" if is_appeal(answered) and not _to_a_non_court(tok) else "response"
            out.append(Trigger(kind, tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.answer"))
            continue
        if _on_request(tok):
            out.append(Trigger("response", tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.on_request"))
            continue
        if _finding(tok):
            out.append(Trigger("response", tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.finding"))
            continue
        if _silent(tok, asked=any(t.type == "petition" for t in out)):
            head = tok.head if tok.lower_ in d["unanswered"] else tok
            out.append(Trigger("response", head, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.silent"))
            continue
        asked_body = any(t.type == "petition" and addressee_tokens(t.token) for t in out) or (
            tok.i - sent.start < 3 and _asked_a_body_before(sent))
        if lemma in d["authority_answers"] and (any(t.type == "petition" for t in out) or asked_body) and (
                _authority_subject(tok) or (asked_body and lemma in d["answer_verbs"] and any(
                    c.dep_ == "nsubj" and c.lower_ in d["body_pronouns"] for c in tok.children))):
            # "asked the governor to…; the governor agreed only to a check-up"; "asked the
            # Committee to open a case; it declined"
            out.append(Trigger("response", tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.answer"))
            continue
        if lemma in d["address_verbs"] and addressee_tokens(tok):
            kind = "petition"
            if lemma == "appeal" and not _to_a_non_court(tok):
                kind = "appeal"
            out.append(Trigger(kind, tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.addressed"))
            continue
        if lemma in d["seek_verbs"] and tok.dep_ != "acl" and (_has_content(tok) or _sought_from(tok)):
            # ("a petition demanding his release": the noun tells it, not its participle)
            out.append(Trigger("petition", tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.sought"))
            continue
        contested = _contested(tok)
        if contested is not None:
            out.append(Trigger(contested, tok, tok.idx, tok.idx + len(tok.text), tok.text, pattern="remedy.contested"))
    return out


def _asked_a_body_before(sent: Span) -> bool:
    """The sentence before asked a body for something ("… asked prison officials for a visit.
    They refused.")."""
    if sent.start == 0:
        return False
    prev = sent.doc[sent.start - 1].sent
    d = data()
    return any(_is_verb(t) and ((_lemma(t) in d["address_verbs"] and addressee_tokens(t)) or
                                (_lemma(t) in d["light_verbs"] and request_object(t) is not None and addressee_tokens(t)))
               and not unreal(t) for t in prev)


def _sought_from(verb: Token) -> bool:
    """"sought help from the Ombudsman", "requested assistance from the UN"."""
    return any(is_addressee(p) for p in _prep_objects(verb, ("from",))) and \
        any(c.dep_ in OBJECTS and _lemma(c) in data()["help_words"] for c in verb.children)


def _prep_objects(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of these prepositions hung on a verb, on its object, or on the object's own
    complement, however the parse attached them ("challenged the verdict against X in the
    Supreme Court", "sought assistance from the ministry")."""
    heads = [verb] + [c for c in verb.children if c.dep_ in OBJECTS]
    heads += [p for h in heads[1:] for c in h.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _contested(verb: Token) -> str | None:
    """"challenged his detention before the Constitutional Court", "contested the decision in
    court": a petition to a court, or an appeal when what is contested is the verdict."""
    d = data()
    if _lemma(verb) not in d["contest_verbs"]:
        return None
    courts = [p for p in _prep_objects(verb, ("before", "in", "at", "with"))
              if _lemma(p) in COURTS or _words_of(p) & COURTS]
    if not courts:
        return None
    objs = [c for c in verb.children if c.dep_ in OBJECTS]
    return "appeal" if any(_lemma(o) in d["verdict_nouns"] - {"decision", "ruling"} for o in objs) else "petition"


def _on_request(tok: Token) -> bool:
    """An authority's act told as done on a request: "at his son's request, the prosecutor
    opened an investigation", "following complaints from his wife, he was moved to a
    hospital", "after she wrote to the Ombudsman, the office arranged an examination"."""
    d = data()
    lemma = _lemma(tok)
    if tok.pos_ != "VERB" or any(c.dep_ == "aux" and c.lower_ in d["modal_words"] for c in tok.children):
        return False
    acts = lemma in d["granting_acts"] or lemma in d["answer_verbs"] or any(
        c.dep_ in OBJECTS and _lemma(c) in d["request_content"] for c in tok.children)
    if not acts:
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if subj and not any(is_addressee(c) for c in subj):
        return False  # "after he complained, guards allowed inmates to beat him": no body's answer
    objs = [c for c in tok.children if c.dep_ in OBJECTS]
    if any(_lemma(o) in d["punitive_objects"] or any(p.dep_ == "prep" and p.lower_ == "against" for p in o.children)
           for o in objs + [p for o in objs for c in o.children if c.dep_ == "prep" for p in c.children]):
        return False  # "ordered his arrest", "opened a case against him": a reprisal, not a grant
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in d["on_request_preps"] and any(
                p.dep_ == "pobj" and is_request(p) for p in c.children):
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in d["on_request_preps"] for m in c.children):
            asked = (_lemma(c) in d["address_verbs"] and (addressee_tokens(c) or (
                _authority_subject(tok) and any(x.dep_ in OBJECTS and x.pos_ == "PRON" for x in c.children)))) or \
                (_lemma(c) in d["light_verbs"] and request_object(c) is not None)
            if asked:
                return True
    return False


def _finding(tok: Token) -> bool:
    """A treaty body or international court deciding on a communication: "the Working Group
    found his detention arbitrary", "the Human Rights Committee concluded that…", "the
    WGAD issued an opinion calling for his release"."""
    d = data()
    lemma = _lemma(tok)
    if tok.pos_ != "VERB" or unreal(tok):
        return False
    decides = lemma in d["finding_verbs"] or (lemma in d["issuing_verbs"] and any(
        c.dep_ in OBJECTS and _lemma(c) in d["finding_nouns"] for c in tok.children))
    if not decides:
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"] or \
        ([c for c in tok.head.children if c.dep_ == "nsubj"] if tok.dep_ == "conj" else [])
    words = " ".join(x.lower_ for s in subj for x in s.subtree if x.dep_ not in ("appos", "punct"))
    return any(body in words for body in d["treaty_bodies"])


def _finding_outcome(tok: Token) -> str:
    """"found no violation", "declared the complaint inadmissible": the request failed."""
    words = {x.lower_ for x in tok.subtree}
    if any(c.dep_ == "neg" for c in tok.children) or words & data()["finding_refusals"]:
        return "rejected"
    return "granted"


def generic_request(tok: Token) -> bool:
    """A bare plural request noun in a clause telling what a body does: "the Committee, which
    adjudicates complaints of individuals", "a court that hears appeals"."""
    if tok.tag_ != "NNS" or any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return False
    head = tok.head
    return tok.dep_ in OBJECTS and head.dep_ in ("relcl", "acl") and _is_verb(head) and head.tag_ in ("VBZ", "VBP", "VBG")


def public_petition(tok: Token) -> bool:
    """"signed an online petition", "launched a petition calling for his release": a public
    campaign gathering signatures, not a request filed with an authority."""
    d = data()
    if _lemma(tok) != "petition":
        return False
    if any(c.dep_ in ("amod", "compound") and c.lower_ in d["public_petition_words"] for c in tok.children):
        return True
    return tok.dep_ in OBJECTS and _lemma(tok.head) in d["campaign_verbs"] and not addressee_tokens(tok.head)


def needs_addressee(tok: Token) -> bool:
    """Request nouns that are a request only when sent to someone ("an inquiry to the
    ministry", not "an inquiry into his death")."""
    return _lemma(tok) in data()["addressed_nouns"]


def acted_on(tok: Token) -> bool:
    """A request noun an authority registers, considers or passes on: "the European Court
    communicated his complaint", "her application is being considered by the court"."""
    if tok.dep_ not in OBJECTS or not _is_verb(tok.head) or _lemma(tok.head) not in data()["acting_on_verbs"]:
        return False
    verb = tok.head
    if unreal(verb):
        return False
    if tok.dep_ == "nsubjpass":
        return True
    return any(c.dep_ == "nsubj" and is_addressee(c) for c in verb.children)


def _denied(tok: Token) -> bool:
    """A detainee kept from what they need: "barred her from phoning her family", "kept his
    lawyer from seeing him", "refused to let a doctor examine her", "was given no medication",
    "turned his family away", "a ban on family visits", "lay untreated for two days"."""
    d = data()
    lemma = _lemma(tok)
    if tok.lower_ in d["untreated"]:
        return True
    if lemma == "ban" and tok.pos_ == "NOUN":
        return any(c.dep_ == "prep" and c.lower_ == "on" and any(
            p.dep_ == "pobj" and p.lower_ in d["banned_things"] for p in c.children) for c in tok.children)
    if not _is_verb(tok):
        return False
    if lemma in d["barring_verbs"] and any(c.dep_ == "prep" and c.lower_ == "from" for c in tok.children):
        return not any(c.dep_ == "nsubj" and _words_of(c) & d["sentencing_subjects"] for c in tok.children)
    if lemma in ("refuse", "decline", "fail") and any(c.dep_ == "xcomp" and _lemma(c) in d["letting_verbs"]
                                                      for c in tok.children):
        return True
    if lemma == "turn" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in tok.children):
        return any(c.dep_ in OBJECTS and c.lower_ in d["turned_away"] for c in tok.children)
    if lemma in d["stopping_verbs"] and any(c.dep_ == "auxpass" for c in tok.children) and \
            (lemma != "cut" or any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children)):
        # "all contact with his family was banned", "her visits have been suspended" (a
        # person's: not "meetings of the party were banned")
        return any(c.dep_ == "nsubjpass" and _lemma(c) in d["banned_things"] and any(
            x.dep_ == "poss" or (x.dep_ == "prep" and x.lower_ in ("with", "to", "from", "between")) or
            (x.dep_ == "prep" and x.lower_ == "of" and any(p.pos_ in ("PROPN", "PRON") for p in x.children))
            for x in c.children) for c in tok.children)
    if lemma in d["giving_verbs"]:
        for c in tok.children:
            if c.dep_ in OBJECTS and _lemma(c) in d["had_withheld" if lemma == "have" else "withheld"] and (
                    any(x.dep_ == "det" and x.lower_ == "no" for x in c.children) or
                    (any(x.dep_ == "neg" for x in tok.children) and lemma != "allow")):
                return True
    return False


def denied_what(tok: Token) -> str | None:
    """What a construction says was withheld: "phoning her family", "family visits"."""
    def words(t: Token) -> str:
        return " ".join(x.text for x in t.subtree if not x.is_space).strip(" ,.")

    if tok.lower_ in data()["untreated"]:
        return "medical care"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "on"):
            inner = [x for x in c.children if x.dep_ in ("pcomp", "pobj")]
            if inner:
                return words(inner[0])
        if c.dep_ == "xcomp":
            return words(c)
        if c.dep_ in OBJECTS and _lemma(c) in data()["withheld"]:
            return c.text
        if c.dep_ in OBJECTS and c.lower_ in data()["turned_away"]:
            return f"visits by {c.text}"
    return None


def denial_triggers(sent: Span) -> list:
    from habeas.nlp.events import Trigger

    return [Trigger("denial", t, t.idx, t.idx + len(t.text), t.text, pattern="remedy.denied")
            for t in _candidates(sent) if _denied(t)]


def _candidates(sent: Span) -> list[Token]:
    """The sentence's tokens a construction here can start from: nouns, verbs (`_is_verb`),
    and the words of `unanswered` and `untreated`; every other token `triggers` and
    `_denied` pass over. Found once per Doc from its POS, TAG and LOWER columns."""
    doc = sent.doc
    found = doc.user_data.get("habeas.remedy_candidates")
    if found is None:
        strings = doc.vocab.strings
        pos = {POS_IDS["NOUN"]} | {POS_IDS[p] for p in VERBAL}
        tags = {strings[t] for t in VERB_TAGS}
        words = {strings[w] for w in data()["unanswered"] | data()["untreated"]}
        found = doc.user_data["habeas.remedy_candidates"] = [
            i for i, (p, t, w) in enumerate(doc.to_array([POS, TAG, LOWER]).tolist())
            if p in pos or t in tags or w in words]
    return [doc[i] for i in found[bisect_left(found, sent.start):bisect_left(found, sent.end)]]


def classify(trigger, sent: Span) -> str | None:
    """The type of a trigger this module made, or None where the request is wanted, planned,
    conditional or a public campaign rather than made."""
    tok = trigger.token
    if trigger.pattern == "remedy.light_verb" and _is_verb(tok) and request_object(tok) is not None and \
            public_petition(request_object(tok)):
        return None  # "supporters launched a petition calling for his release"
    if trigger.type in ("petition", "appeal") and (unreal(tok) or (trigger.pattern != "remedy.ruling" and campaign(tok))):
        return None
    if trigger.pattern == "remedy.answer" and unreal(tok) and not any(c.dep_ == "neg" for c in tok.children):
        return None  # "if the court rejects the appeal"
    if trigger.pattern == "remedy.denied" and conditional(tok):
        return None  # "if he does not receive his medication"
    if trigger.pattern == "remedy.denied" and tok.pos_ != "ADJ" and unreal(tok) and \
            not any(c.dep_ == "neg" for c in tok.children):
        return None  # "could bar him from seeing his lawyer"
    return trigger.type


def conditional(tok: Token) -> bool:
    """"If a reply is received…", "unless the court grants…": a clause of condition."""
    marks = data()["conditional_marks"]
    return any(c.dep_ == "mark" and c.lower_ in marks for t in (tok, tok.head) for c in t.children)


def addressed(tok: Token) -> bool:
    """A request trigger told with an authority it goes to ("a complaint to the prosecutor")."""
    return bool(addressee_tokens(tok))


def answered(tok: Token) -> bool:
    """A request noun that an answering verb acts on ("rejected her application"): the request
    was made before."""
    if tok.dep_ == "nsubj" and any(c.lower_ in data()["unanswered"] for c in tok.head.children):
        return True  # "her inquiry went unanswered", "the complaint remained unanswered"
    if tok.dep_ not in OBJECTS:
        return False
    for head in (tok.head, tok.head.head):
        obj = _answered_object(head)
        if obj is not None and obj.i == tok.i:
            return True
    return False


def by_authority(tok: Token) -> bool:
    """An answer whose subject is an authority and that says something or answers something:
    "the Ombudsman's office replied that…", "the ministry responded to the letter" (not
    "police responded with batons")."""
    says = any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ == "to" and any(
        p.dep_ == "pobj" and is_request(p) for p in c.children)) for c in tok.children)
    return says and _authority_subject(tok)


def _authority_subject(tok: Token) -> bool:
    return any(c.dep_ == "nsubj" and is_addressee(c) for c in tok.children)


def own_refusal(tok: Token) -> bool:
    """"he refused to write a letter of repentance": someone declining to act, not an
    authority refusing a request."""
    acts = [c for c in tok.children if c.dep_ == "xcomp"]
    return bool(acts) and not any(_lemma(c) in data()["act_on_verbs"] for c in acts) and \
        not any(c.dep_ == "nsubj" and is_addressee(c) for c in tok.children)


def outcome(trigger) -> str | None:
    """The outcome of a response or an appeal ruling told by a construction."""
    if trigger.pattern == "remedy.silent":
        return "no_response"
    if trigger.pattern == "remedy.ruling":
        return ruling(trigger.token)
    if trigger.pattern == "remedy.answer":
        return answer_outcome(trigger.token)
    if trigger.pattern == "remedy.on_request":
        found = answer_outcome(trigger.token)
        if found is None and any(c.dep_ == "neg" for c in trigger.token.children):
            return "rejected"
        return found or "granted"
    if trigger.pattern == "remedy.finding":
        return _finding_outcome(trigger.token)
    return None


def petitioner(tok: Token) -> str | None:
    """Who made a request named by its noun: "appeals made … by her lawyers" -> "lawyers",
    "requests from medical professionals" -> "medical professionals"."""
    if _is_verb(tok) and request_object(tok) is not None:
        tok = request_object(tok)  # "a request from his doctors was made"
    if is_request(tok):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                        return phrase(p, ())
    for c in tok.children:
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    for p in a.children:
                        if p.dep_ == "pobj":
                            return p.lower_ if p.pos_ == "NOUN" else phrase(p)
    return None


def _body_name(t: Token) -> str:
    """The name of a body without what is said about it: "the prison administration", "the
    Department for the Enforcement of Sentences" (a "for" inside a capitalised name), not "the
    hospital on the ground that…"."""
    capitalised = any(c.dep_ == "prep" and c.lower_ == "for" and any(p.dep_ == "pobj" and p.is_title for p in c.children)
                      for c in t.children) and t.is_title
    return phrase(t, ("of", "for") if capitalised else ("of",))


def told_again(tok: Token) -> bool:
    """A request or answer marked as one more of its kind: "his previous bail requests",
    "another complaint", "appealed again", "a second petition", "earlier applications"."""
    words = data()["again_words"]
    heads = [tok] + [x for x in (request_object(tok) if _is_verb(tok) else None, _answered_object(tok))
                     if x is not None]
    if tok.dep_ in OBJECTS + ("nsubjpass",) and _is_verb(tok.head):
        heads.append(tok.head)  # "previous requests were rejected": the noun and its verb
    return any(c.dep_ in ("amod", "advmod", "det") and c.lower_ in words for h in heads for c in h.children)


def answerer(tok: Token) -> str | None:
    """Who gave an answer, as the parse attaches it: the agent of a passive ("was denied by
    the hospital") or the subject ("the prison administration rejected…"), when an authority."""
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                    return _body_name(p)  # whoever did the refusing: "by the hospital"
        if c.dep_ == "nsubj" and is_addressee(c):
            return _body_name(c)
    asked = _answered_object(tok)
    if asked is not None:
        # "a complaint to the prosecutor's office was returned": the body it went to
        to = [p for c in asked.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
              for p in c.children if p.dep_ == "pobj" and is_addressee(p)]
        if to:
            return _body_name(to[0])
    return None


def addressees(tok: Token) -> list[str]:
    """The authorities a request goes to, as the parse attaches them."""
    return list(dict.fromkeys(phrase(t) for t in addressee_tokens(tok)))
