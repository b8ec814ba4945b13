"""Who is held and who holds them, read off the dependency parse.

"President A pardoned B" makes B the one held and A the one who acts; "B was sentenced",
"the arrest of B", "B, who remains in custody", "B received nine years" make B the one
held. The verbs and nouns are data (lexicon.yml `custody_roles`); each pattern has an id
("held:passive", "agent:subject", ...) so what fired can be counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from habeas.nlp.resources import load
from habeas.nlp.treematch import TreeMatcher

# A verb told as wanted, feared or conditional: "could be arrested", "if convicted".
MODALS = {"could", "may", "might", "would", "should", "must", "can", "will", "'ll", "shall"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
RELATIVE_PRONOUNS = {"who", "whom", "that", "which"}
# Where the person sits among a pattern's nodes, when not second.
PERSON_AT = {"held:noun_of": 2, "agent:by": 2}


@dataclass
class Roles:
    """Per person (by id): how often the parse makes them the one held, and the one acting."""

    held: Counter = field(default_factory=Counter)
    held_by_name: Counter = field(default_factory=Counter)   # through a name, not a pronoun
    agent: Counter = field(default_factory=Counter)
    fired: Counter = field(default_factory=Counter)          # pattern id -> matches


def _patterns() -> dict[str, list[list[dict]]]:
    lex = load("lexicon")["custody_roles"]
    patient, agent = lex["patient_verbs"], lex["agent_verbs"]

    def verb(lemmas: list[str]) -> dict:
        return {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "AUX"]}}}

    def child(name: str, deps: list[str], extra: dict | None = None, parent: str = "verb") -> dict:
        return {"LEFT_ID": parent, "REL_OP": ">", "RIGHT_ID": name,
                "RIGHT_ATTRS": {"DEP": {"IN": deps}, **(extra or {})}}

    def verb_acl(lemmas: list[str]) -> dict:
        return {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "DEP": "acl"}}

    def head() -> dict:
        return {"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ID": "person",
                "RIGHT_ATTRS": {"POS": {"IN": ["PROPN", "NOUN", "PRON"]}}}

    noun = {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LEMMA": {"IN": lex["patient_nouns"]}, "POS": "NOUN"}}
    return {
        # "B was sentenced", "B had been held"
        "held:passive": [[verb(patient), child("person", ["nsubjpass"])]],
        # "police detained B", "the court sentenced B"
        "held:object": [[verb(patient), child("person", ["dobj"])]],
        # "B remains in custody", "B spent a year in prison", "B died in detention"
        "held:place": [[verb(lex["held_in_verbs"]), child("person", ["nsubj", "nsubjpass"]),
                        child("prep", ["prep"], {"LOWER": {"IN": ["in", "at", "behind", "into", "inside"]}}),
                        child("place", ["pobj"], {"LEMMA": {"IN": lex["custody_places"]}}, parent="prep")]],
        # "B received nine years", "B is serving a life sentence", "B was handed a 12-year term"
        "held:term": [[verb(lex["term_verbs"]), child("person", ["nsubj", "nsubjpass", "dative"]),
                       child("term", ["dobj"], {"LEMMA": {"IN": lex["term_nouns"]}})]],
        # "B, a Muslim serving seven years", "B, jailed in 2019,", "B, held in Evin prison"
        "held:term_acl": [[verb_acl(lex["term_verbs"]), head(),
                           child("term", ["dobj"], {"LEMMA": {"IN": lex["term_nouns"]}})]],
        "held:participle": [[{**verb_acl(patient), "RIGHT_ATTRS": {
            "LEMMA": {"IN": patient}, "DEP": "acl", "TAG": "VBN"}}, head()]],
        # "his arrest", "B's detention", "the trial of B"
        "held:owner": [[noun, child("person", ["poss"], parent="noun")]],
        "held:noun_of": [[noun, child("prep", ["prep"], {"LOWER": {"IN": ["of", "against"]}}, parent="noun"),
                          child("person", ["pobj"], parent="prep")]],
        # "President A pardoned B", "Judge A sentenced him"
        "agent:subject": [[verb(agent), child("person", ["nsubj"]), child("object", ["dobj"])]],
        # "B was pardoned by A"
        "agent:by": [[verb(patient), child("by", ["agent"]), child("person", ["pobj"], parent="by")]],
        # "A signed a pardon decree", "A ordered his release"
        "agent:order": [[verb(lex["order_verbs"]), child("person", ["nsubj"]),
                         {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "what",
                          "RIGHT_ATTRS": {"LEMMA": {"IN": lex["patient_nouns"] + patient}}}]],
    }


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> TreeMatcher:
    matcher = TreeMatcher(vocab)
    for key, patterns in _patterns().items():
        matcher.add(key, patterns)
    return matcher


def _unreal(verb: Token) -> bool:
    """ "could be arrested", "was not charged", "if convicted", "faces arrest"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) or \
                (c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS):
            return True
    return verb.dep_ in ("xcomp",) and verb.head.lemma_ in ("face", "risk", "threaten", "fear")


def _referents(tok: Token) -> list[Token]:
    """The tokens a matched argument stands for: itself, its conjuncts and appositions, and
    for "who" the noun its clause hangs on ("B, who remains in custody")."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    out = [tok]
    for t in out:   # grows as it goes: a list's members and their appositions
        near = [*t.conjuncts, *(a for a in t.children if a.dep_ == "appos")]
        if t.dep_ == "appos":
            near.append(t.head)   # "B, a Muslim serving seven years": the Muslim is B
        out += [x for x in near if x not in out]
    return out


def custody_roles(doc: Doc, token_person: dict) -> Roles:
    """Who the parse makes the one held, and the one acting, in each custody clause."""
    roles = Roles()
    names = {i for i, c in token_person.items() if doc[i].pos_ == "PROPN" or doc[i].text[:1].isupper()}
    for match_id, tokens in _matcher(doc.vocab)(doc):
        key = doc.vocab.strings[match_id]
        anchor = doc[tokens[0]]
        person = doc[tokens[PERSON_AT.get(key, 1)]]
        if key.startswith("held:") and _unreal(anchor):
            continue
        roles.fired[key] += 1
        for t in _referents(person):
            c = token_person.get(t.i)
            if c is None:
                continue
            if key.startswith("held:"):
                roles.held[id(c)] += 1
                if t.i in names and t.pos_ != "PRON":
                    roles.held_by_name[id(c)] += 1
            else:
                roles.agent[id(c)] += 1
    return roles
