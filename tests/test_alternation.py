"""trie_alternation matches what the plain alternation of the same phrases, longest first, matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habeas.nlp.alternation import trie_alternation


def plain(phrases: list[str], gap: str | None = None) -> str:
    def one(phrase: str) -> str:
        return (gap or re.escape(" ")).join(map(re.escape, phrase.split(" ")))
    return "(?:" + "|".join(sorted(map(one, phrases), key=len, reverse=True)) + ")"


@pytest.mark.parametrize("phrases, text, found", [
    (["kazakh", "kazakhstan", "kyrgyz"], "Kazakhstan and kyrgyz and Kazakh.", ["Kazakhstan", "kyrgyz", "Kazakh"]),
    (["st. petersburg", "petersburg"], "in St. Petersburg, not Petersburg", ["St. Petersburg", "Petersburg"]),
    (["hunger strike"], "a hunger-strike, a hunger\nstrike", ["hunger-strike", "hunger\nstrike"]),
    (["a"], "b", []),
])
def test_finds_the_longest_phrase_at_each_place(phrases, text, found):
    pattern = re.compile(r"\b" + trie_alternation(phrases, gap=r"[\s\-]+") + r"\b", re.IGNORECASE)
    assert [m.group(0) for m in pattern.finditer(text)] == found


def test_no_phrases_matches_nothing_but_the_empty_string():
    assert re.fullmatch(trie_alternation([]), "")


words = st.text(alphabet="abc .-", min_size=1, max_size=6).map(lambda w: " ".join(w.split()) or "a")


@given(st.lists(words, min_size=1, max_size=8), st.text(alphabet="abcABC .-\n", max_size=40))
def test_same_matches_as_the_plain_alternation(phrases, text):
    trie = re.compile(r"\b" + trie_alternation(phrases) + r"\b", re.IGNORECASE)
    flat = re.compile(r"\b" + plain(phrases) + r"\b", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


@given(st.lists(words, min_size=1, max_size=8), st.text(alphabet="abc .-\n", max_size=40))
def test_with_a_gap_it_finds_a_phrase_wherever_the_plain_alternation_does(phrases, text):
    gap = r"[\s\-]+"
    trie = re.compile(r"\b" + trie_alternation(phrases, gap=gap), re.IGNORECASE)
    flat = re.compile(r"\b" + plain(phrases, gap), re.IGNORECASE)
    assert bool(trie.search(text)) == bool(flat.search(text))
