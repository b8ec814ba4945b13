"""Word lists as PhraseMatchers (habeas.nlp.phrases): on the tokens' lower case, the longest
phrase first at each place, as the regex alternation they replace over the text."""

from __future__ import annotations

import re

import pytest
import spacy

from habeas.nlp.alternation import trie_alternation
from habeas.nlp.phrases import leftmost_longest, lower_matcher

NLP = spacy.blank("en")
PHRASES = ["put behind bars", "behind bars", "held in custody", "custody", "pre-trial detention",
           "non-custodial", "fine", "fined"]


def found(text: str) -> list[str]:
    doc = NLP(text)
    matches = lower_matcher(NLP.vocab, {"p": PHRASES})(doc)
    return [doc[start:end].text for _, start, end in leftmost_longest(matches)]


@pytest.mark.parametrize("text, expected", [
    ("He was Put Behind Bars in May.", ["Put Behind Bars"]),
    ("She stayed behind bars; custody was extended.", ["behind bars", "custody"]),
    ("held in custody since pre-trial detention began", ["held in custody", "pre-trial detention"]),
    ("a non-custodial term and a fine", ["non-custodial", "fine"]),
    ("he was fined twice", ["fined"]),
    # must not fire: words inside other words, or a phrase broken by a line or a hyphen
    ("the refined custodian", []),
    ("behind\nbars, behind-bars", []),
    ("pretrial detention", []),
])
def test_the_longest_phrase_at_each_place(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "He was put behind bars and held in custody; the court fined him.",
    "A fine, a fined man, a non-custodial sentence after pre-trial detention behind bars.",
])
def test_it_finds_what_the_regex_alternation_finds(text):
    regex = re.compile(r"\b" + trie_alternation(PHRASES) + r"\b", re.IGNORECASE)
    assert found(text) == [m.group(0) for m in regex.finditer(text)]


@pytest.mark.parametrize("matches, kept", [
    ([(1, 0, 2), (1, 0, 3), (1, 1, 2)], [(1, 0, 3)]),
    ([(1, 2, 4), (1, 0, 3), (1, 3, 5)], [(1, 0, 3), (1, 3, 5)]),
    ([], []),
])
def test_leftmost_longest(matches, kept):
    assert leftmost_longest(matches) == kept
