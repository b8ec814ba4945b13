"""Who a fact is about: names, pronouns and "the activist" mapped to persons, the
persons an event trigger names through the parse, and the owner of a slot value."""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from habeas.nlp import remedy
from habeas.nlp.doccache import sent_of
from habeas.nlp.persons import PersonCluster
from habeas.nlp.resources import load

# Types a relative, lawyer or NGO takes part in on a detainee's behalf.
ON_BEHALF_TYPES = {"petition", "response", "denial", "health"}


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    lex = load("lexicon")
    return frozenset(w for w in lex["roles"] + lex["detainee_nouns"] if " " not in w)


def token_person_map(doc: Doc, clusters, pronouns, focus) -> dict[int, PersonCluster]:
    """Token index -> person, for names, pronouns and "the activist"-style references."""
    out: dict[int, PersonCluster] = {}
    for c in clusters:
        for m in c.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or []:
                out[t.i] = c
    out.update(pronouns)
    if focus is not None:
        roles = _role_nouns()
        strings = doc.vocab.strings
        lowers = [strings[w] for w in doc.to_array(LOWER).tolist()]   # no Token made per word
        for i, lower in enumerate(lowers):
            if i not in out and lower in roles and i > 0 and lowers[i - 1] in ("the", "this"):
                out[i] = focus
    doc.user_data["habeas.plural"] = _plural_references(doc, out)
    return out


def _plural_references(doc: Doc, token_person) -> dict[int, list[PersonCluster]]:
    """Token index of "they", "both" or "the defenders" -> the persons last named together
    (in one list or conjoined) earlier in its sentence or in the sentence before: "The court
    sentenced A and B to ten days. They were found guilty of hooliganism." """
    words = load("lexicon")["plural_references"]
    pronouns, dets, nouns = set(words["pronouns"]), set(words["determiners"]), set(words["nouns"]) | _role_nouns()
    out: dict[int, list[PersonCluster]] = {}
    groups: list[tuple[int, int, list[PersonCluster]]] = []   # (token, sentence start, persons)
    for sent in doc.sents:
        for t in sent:
            c = token_person.get(t.i)
            if c is not None and (t.i + 1 >= sent.end or token_person.get(t.i + 1) is not c):
                group = [c] + [p for p in _listed_with(t, c, token_person) if p is not c]
                group += [token_person[x.i] for x in t.conjuncts if x.i in token_person and token_person[x.i] not in group]
                if len(group) >= 2:
                    groups.append((t.i, sent.start, group))
                continue
            if t.i in token_person:
                continue
            plural = (t.lower_ in pronouns and t.pos_ in ("PRON", "DET")) or (
                t.tag_ == "NNS" and t.lemma_.lower() in nouns and
                any(c.dep_ in ("det", "predet", "nummod") and c.lower_ in dets | {"two", "three"} for c in t.children)
                and not any(x.i in token_person for x in t.subtree)) or (
                # "All six have been in pretrial detention", "the two were released"
                t.tag_ == "CD" and t.dep_ in ("nsubj", "nsubjpass", "dobj") and
                any(c.dep_ in ("det", "predet") and c.lower_ in dets for c in t.children))
            if not plural:
                continue
            prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            near = [g for g in groups if g[0] < t.i and g[1] >= prev_start]
            if near:
                # every group of the last sentence that names one: "A, B and C, editors D and E"
                union: list[PersonCluster] = []
                for g in near:
                    if g[1] == near[-1][1]:
                        union += [p for p in g[2] if p not in union]
                out[t.i] = union
    return out


def plural_of(tok: Token) -> list[PersonCluster]:
    """The persons a plural reference stands for (_plural_references), else none."""
    return tok.doc.user_data.get("habeas.plural", {}).get(tok.i, [])


def persons_of(tok: Token, sent: Span, token_person, focus, etype: str,
                nearest: bool = True) -> list[PersonCluster]:
    """The persons an event trigger is about, read off the parse; with `nearest`, else the
    person named nearest to it in the sentence, else the report's focus person."""

    def people(t: Token) -> list[PersonCluster]:
        found = []
        if t.lower_ in RELATIVE_PRONOUNS and t.head.dep_ == "relcl":
            t = t.head.head  # "a shopkeeper who was released": the one the clause is about
            if t.dep_ == "appos" and t.i not in token_person:
                t = t.head  # "his brother, Memet, a shopkeeper who …"
        if t.i not in token_person and plural_of(t):
            return list(plural_of(t))  # "They were sentenced", "the defenders were jailed"
        group = [t, *t.conjuncts]
        for x in list(group):
            group += [a for a in x.children if a.dep_ == "appos"]
            for a in x.children:
                if a.dep_ == "appos":
                    group += list(a.conjuncts)
        # "Her brother, Timur, was released": the brother named is the patient, not her.
        named = etype in _arguments()[0] and any(x.i in token_person for x in group[1:])
        for x in group:
            c = token_person.get(x.i)
            if c is None and not named:
                # "Mingelov’s family", "the family of X": the person owning the noun.
                for child in x.children:
                    if child.dep_ == "compound" and child.i in token_person:
                        c = token_person[child.i]
                    elif child.dep_ == "poss" and child.i in token_person and (
                            x.lower_ in _relation_nouns() or x.i == tok.i or
                            (etype == "response" and remedy.is_request(x))):
                        # "rejected her request": an answer is about whom the request was for
                        c = token_person[child.i]
            if c is not None and c not in found:
                found.append(c)
        for c in list(found):
            for other in _listed_with(t, c, token_person):
                if other not in found:
                    found.append(other)
        return found

    order = ("nsubjpass", "dobj", "dative", "nsubj", "poss", "attr", "appos") if etype in (
        "arrest", "sentence", "release", "transfer", "charge") else ("nsubj", "nsubjpass", "poss", "dobj", "attr")
    node = tok
    agents: set[int] = set()
    for _ in range(3):
        children = list(node.children)
        for child in children:
            if _is_agent(child, node, etype):
                agents.update(t.i for t in child.subtree)
        for dep in order:
            for child in children:
                if child.dep_ == dep and child.i not in agents:
                    found = people(child)
                    if found:
                        return found
        for child in children:
            if child.dep_ in ("prep", "agent") and (child.lower_ in ("of", "against", "for", "on", "to") or (
                    etype == "disappearance" and child.lower_ == "from")):  # "nothing heard from him"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = people(pobj)
                        if found and not (etype == "petition" and child.lower_ == "to"):
                            return found
        if node.dep_ in ("ROOT",) or node.head.i == node.i:
            break
        node = node.head
    if not nearest:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in token_person and c.pos_ == "NUM"
           and any(p.lower_ == "of" for p in c.children) for c in tok.children):
        return []  # "two of his co-defendants died": others than the one named
    # Nearest person mentioned in the sentence, before the trigger first; one named after
    # it must be an argument (subject, object, apposition), not any name in a phrase.
    doc = sent.doc
    before = [(tok.i - i, i) for i in token_person if sent.start <= i < tok.i and i not in agents
              and not _owner_of_other(_name_head(doc[i], token_person), tok)]
    after = [(i - tok.i, i) for i in token_person if tok.i < i < sent.end and i not in agents
             and _is_argument(_name_head(doc[i], token_person))]
    pick = min(before)[1] if before else (min(after)[1] if after else None)
    if pick is not None:
        return people(doc[pick]) or [token_person[pick]]
    if focus is not None and etype in ON_BEHALF_TYPES | {"ill_treatment", "hunger_strike"}:
        return [focus]
    return []


RELATIVE_PRONOUNS = {"who", "whom", "whose", "that", "which"}


@lru_cache(maxsize=1)
def _arguments() -> tuple[frozenset[str], frozenset[str]]:
    data = load("arguments")
    return frozenset(data["patient_types"]), frozenset(data["patient_subject_verbs"])


def _is_agent(child: Token, verb: Token, etype: str) -> bool:
    """Who brings an event about, not who undergoes it: the subject of an active verb that
    acts on an object ("the judge jailed three activists", "the president signed a pardon
    decree"), and the "by" phrase of a passive one ("detained by agents")."""
    patient_types, patient_subject = _arguments()
    if etype not in patient_types:
        return False
    if child.dep_ == "agent":
        return True
    if child.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lemma_.lower() in patient_subject or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(c.dep_ in ("dobj", "dative") for c in verb.children)


@lru_cache(maxsize=1)
def _relation_nouns() -> frozenset[str]:
    lex = load("lexicon")
    words = lex["relatives"] + lex["advocates"] + ["defense", "defence", "supporters", "health",
                                                   "condition", "case"]
    return frozenset(w for w in words if " " not in w)


def _owner_of_other(t: Token, trigger: Token) -> bool:
    """ "Two of X's co-defendants died": X owns the ones the event is about."""
    return t.dep_ == "poss" and t.head.i != trigger.i and t.head.lower_ not in _relation_nouns()


def _is_argument(t: Token) -> bool:
    """A name after a trigger that the trigger may be about: a subject or object, an
    apposition, or the object of "of"/"including"/"against" ("the release of X")."""
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "appos", "conj"):
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "by" and remedy.is_request(t.head.head):
        return True  # "rejected an appeal by X": the one whose request it was
    return t.dep_ == "pobj" and t.head.lower_ in ("of", "including", "against")


def _name_head(t: Token, token_person) -> Token:
    """The token a multi-word name hangs on: "Mansur" -> "Mingelov"."""
    for _ in range(4):
        if t.dep_ in ("compound", "flat") and token_person.get(t.head.i) is token_person.get(t.i):
            t = t.head
        else:
            break
    return t


def _listed_with(tok: Token, c: PersonCluster, token_person) -> list[PersonCluster]:
    """Persons named in one list with `c`: "including A, B, C and D"."""
    doc = tok.doc
    out: list[PersonCluster] = []
    idx = [i for i, p in token_person.items() if p is c and sent_of(tok).start <= i < sent_of(tok).end]
    if not idx:
        return out
    for step in (1, -1):
        i = max(idx) if step == 1 else min(idx)
        current = c
        while True:
            j = i + step
            # skip the rest of the current name
            while sent_of(tok).start <= j < sent_of(tok).end and token_person.get(j) is current:
                j += step
            seps = 0
            while sent_of(tok).start <= j < sent_of(tok).end and doc[j].lower_ in (",", "and", "as", "well"):
                j += step
                seps += 1
            nxt = token_person.get(j) if sent_of(tok).start <= j < sent_of(tok).end else None
            if not seps or nxt is None or nxt is current or doc[j].pos_ == "PRON":
                break
            out.append(nxt)
            current, i = nxt, j
    return out


def owner_of(offset: int, sent: Span, token_person, detained) -> list[PersonCluster]:
    """The person a fact at `offset` belongs to: the nearest named or pronoun mention
    before it in the sentence (and the persons conjoined with it), else after it."""
    cands = sorted((i, p) for i, p in token_person.items() if sent.start <= i < sent.end)
    tok_i = next((t.i for t in sent if t.idx >= offset), sent.end - 1)
    before = [(i, p) for i, p in cands if i < tok_i]
    chosen = before[-1] if before else (next(iter(cands), None))
    # "They were found guilty of …" (not "their lawyers": a possessive names someone else)
    plural = [i for i in sent.doc.user_data.get("habeas.plural", {}) if sent.start <= i < tok_i
              and sent.doc[i].dep_ != "poss"]
    if plural and (chosen is None or plural[-1] > chosen[0]):
        return list(plural_of(sent.doc[plural[-1]]))  # "They were found guilty of …"
    if chosen is None:
        return []
    i, p = chosen
    out = [p]
    tok = sent.doc[i]
    for conj in tok.conjuncts:
        q = token_person.get(conj.i)
        if q is not None and q not in out:
            out.append(q)
    return out
