"""trie_alternation matches what the plain alternation of the same phrases, longest first, matches;
PatternSet finds what each of its patterns' own finditer finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habeas.nlp.alternation import PatternSet, first_letters, skimming, trie_alternation


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


def each_alone(pattern_set: PatternSet, text: str) -> list[list[tuple]]:
    return [[(m.span(), m.groups()) for m in p.finditer(text)] for p in pattern_set.patterns]


def together(pattern_set: PatternSet, text: str) -> list[list[tuple]]:
    return [[(m.span(), m.groups()) for m in ms] for ms in pattern_set.finditer_each(text)]


@pytest.mark.parametrize("lead, bodies, text", [
    # overlapping matches of different patterns: each pattern keeps its own
    (r"(?<![\w-])", [r"взят\w*\s+под\s+стражу", r"под\s+стражу", r"стражу"], "Его взяли под стражу, потом — под стражу."),
    # a pattern whose matches overlap one another: finditer's go on from each end
    (r"\b", [r"ab\w*", r"\w+b"], "abab abb bab"),
    # named groups, each in one body
    (r"\b", [r"(?P<n>\d+) years?", r"(?P<m>\w+) months?"], "5 years, six months and 3 year"),
    # nothing found
    (r"\b", [r"xyz", r"qq"], "no match here"),
    # runs alone: one group name in two bodies
    (r"\b", [r"(?P<n>\d+) days", r"(?P<n>\d+) weeks"], "3 days and 2 weeks"),
    # runs alone: a numbered back-reference
    (r"\b", [r"(\w)\1", r"aa"], "aa bb cc"),
    # runs alone: a body that matches the empty string
    (r"", [r"a*", r"b"], "baab"),
])
def test_pattern_set_finds_what_each_pattern_finds(lead, bodies, text):
    pattern_set = PatternSet(lead, bodies, re.IGNORECASE)
    assert together(pattern_set, text) == each_alone(pattern_set, text)


bodies = st.lists(st.sampled_from([r"a\w*", r"b+a", r"(?:ab|ba)\s+c", r"c(?P<x>a)?", r"\w+\s+b", r"ab?c?"]),
                  min_size=1, max_size=5)


@given(bodies, st.sampled_from([r"\b", r"(?<![\w-])", "", r"(?:\s|^)"]), st.text(alphabet="abcAB -\n", max_size=40))
def test_pattern_set_same_as_finditer(bodies, lead, text):
    pattern_set = PatternSet(lead, bodies, re.IGNORECASE)
    assert together(pattern_set, text) == each_alone(pattern_set, text)


@pytest.mark.parametrize("pattern, flags, starts", [
    (r"\b(?:early|late) (?:june|july)", re.I, "eElL"),
    (r"\b(?:in |during )?the (?:summer|winter)", re.I, "dDiItT"),          # an optional word first
    (r"(?:(?:from|between)\s+)?\d{1,2} (?:may|june)", 0, "bBfF" + "\\d"),   # a digit after it
    (r"[,;]\s+the (?:outlet|site)", 0, ",;"),
    (r"(?<![\w-])(?:sued|fined)\b", 0, "fFsS"),                            # a lookbehind reads nothing
])
def test_first_letters_of_a_pattern(pattern, flags, starts):
    found = first_letters(pattern, flags)
    assert found[0] == "[" and found[-1] == "]"
    assert set(re.findall(r"\\d|.", found[1:-1])) == set(re.findall(r"\\d|.", starts))


@pytest.mark.parametrize("pattern", [
    r"\w+ (?:was|were) held",        # a class of its own kind: any word
    r"(?:the )?",                       # may match nothing
    r"(?i:the) court",                  # flags set inside
    r"[^a-z]+ jailed",                  # a negated class
])
def test_no_first_letters_where_they_cannot_be_told(pattern):
    assert first_letters(pattern) is None
    assert skimming(pattern).pattern == pattern


@given(st.text(alphabet="abdeilnorstuy 0123-,.SLNT", max_size=60))
def test_skimming_finds_what_the_plain_pattern_finds(text):
    pattern = r"\b(?:(?:early|late)[- ](?:june|july|20\d\d)|the (?:next|same) day|\d{1,2} (?:june|july))\b"
    plain, skim = re.compile(pattern, re.I), skimming(pattern, re.I)
    assert [m.span() for m in skim.finditer(text)] == [m.span() for m in plain.finditer(text)]
