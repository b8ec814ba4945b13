"""habeas.nlp.treematch finds what spaCy's DependencyMatcher finds, in the same order, for the
patterns Habeas writes (custody roles, governed triggers) and for patterns of each operator;
what it cannot match it refuses when the pattern is added. Texts are invented."""

import pytest
from spacy.matcher import DependencyMatcher

from habeas.nlp import events, roles
from habeas.nlp.pipeline import default_extractor
from habeas.nlp.resources import load
from habeas.nlp.treematch import TreeMatcher


@pytest.fixture(scope="module")
def nlp():
    return default_extractor().nlp


def governed_patterns():
    out = []
    for etype, spec in load("triggers").items():
        for remention in (False, True):
            patterns = [events._governed_pattern(e) for e in spec.get("governed") or []
                        if bool(e.get("remention")) == remention]
            if patterns:
                out.append((etype + (":remention" if remention else ""), patterns))
    return out


def word(name, lemma):
    return {"RIGHT_ID": name, "RIGHT_ATTRS": {"LEMMA": lemma}}


OPERATOR_PATTERNS = [
    # ">": a child; "<": the head; ">>": anywhere below; several nodes of one kind
    ("child", [[word("v", "arrest"), {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "x",
                                      "RIGHT_ATTRS": {"DEP": {"IN": ["nsubjpass", "dobj", "prep"]}}}]]),
    ("head", [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": ["detain", "jail"]}, "DEP": "acl"}},
               {"LEFT_ID": "v", "REL_OP": "<", "RIGHT_ID": "n", "RIGHT_ATTRS": {"POS": {"IN": ["PROPN", "NOUN"]}}}]]),
    ("below", [[word("v", "sentence"), {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "x",
                                        "RIGHT_ATTRS": {"POS": {"IN": ["NUM", "NOUN"]}}}],
               [word("v", "say"), {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "x", "RIGHT_ATTRS": {}},
                {"LEFT_ID": "x", "REL_OP": ">", "RIGHT_ID": "y", "RIGHT_ATTRS": {"TAG": {"IN": ["IN", "DT"]}}}]]),
    ("no_lemma", [[{"RIGHT_ID": "p", "RIGHT_ATTRS": {"LOWER": {"IN": ["in", "at"]}, "DEP": "prep"}},
                   {"LEFT_ID": "p", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "pobj"}}]]),
]

TEXTS = [
    "Police arrested the poet Aliya Bekova in Almaty on 3 May and took her away in a van.",
    "Ruslan Sadykov was arrested at his home; his brother, detained a week later, was released.",
    "The court sentenced the blogger to seven years in a strict-regime colony, his lawyer said.",
    "A journalist jailed in 2019 is serving a nine-year term in Penal Colony No. 2, where he fell ill.",
    "Agents picked him up outside the mosque. Nobody knew where he was for two weeks.",
    "President Omar Ruziev pardoned the activist, who had spent four years behind bars.",
    "She was not arrested. If convicted, he could face ten years. They called for his release.",
    "",
    "Detained.",
]


def both(nlp, items):
    spacy_matcher, ours = DependencyMatcher(nlp.vocab), TreeMatcher(nlp.vocab)
    for key, patterns in items:
        spacy_matcher.add(key, patterns)
        ours.add(key, patterns)
    return spacy_matcher, ours


@pytest.mark.parametrize("which", ["roles", "governed", "operators"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_same_matches_in_the_same_order(nlp, which, text):
    items = {"roles": lambda: list(roles._patterns().items()), "governed": governed_patterns,
             "operators": lambda: OPERATOR_PATTERNS}[which]()
    spacy_matcher, ours = both(nlp, items)
    doc = nlp(text)
    assert ours(doc) == [(key, list(tokens)) for key, tokens in spacy_matcher(doc)]


def test_the_texts_match_something(nlp):
    _, ours = both(nlp, OPERATOR_PATTERNS + list(roles._patterns().items()))
    found = {nlp.vocab.strings[key] for text in TEXTS for key, _ in ours(nlp(text))}
    assert {"child", "head", "below", "no_lemma", "held:passive", "held:object"} <= found


@pytest.mark.parametrize(("pattern", "reason"), [
    ([word("v", "arrest"), {"LEFT_ID": "v", "REL_OP": ".", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}],
     "operator '.'"),
    ([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"ENT_TYPE": "PERSON"}}], "ENT_TYPE"),
    ([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"NOT_IN": ["arrest"]}}}], "only {'IN'"),
    ([word("v", "arrest"), {"LEFT_ID": "w", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}],
     "LEFT_ID 'w'"),
    ([word("v", "arrest"), {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "v", "RIGHT_ATTRS": {}}],
     "named twice"),
    ([{"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}], "first node"),
])
def test_what_it_cannot_match_it_refuses(nlp, pattern, reason):
    with pytest.raises(ValueError, match="pattern 'k'.*" + reason.replace("(", r"\(").replace("[", r"\[")
                       .replace("{", r"\{").replace(".", r"\.")):
        TreeMatcher(nlp.vocab).add("k", [pattern])
