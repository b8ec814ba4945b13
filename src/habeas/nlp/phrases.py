"""Word lists of the data files as spaCy PhraseMatchers over the tokens of a Doc.

A phrase of a list ("taken into custody", "pre-trial", "non-custodial") is cut into tokens by
the English tokenizer, as the report's words are, and matched on each token's LOWER form:
token boundaries stand where the regexes these replace drew `\\b` ones. `leftmost_longest`
keeps of the overlapping matches those a `re.finditer` over the text would have found.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=1)
def _english() -> Language:
    return spacy.blank("en")


def tokens(text: str) -> Doc:
    """A text no pipeline has read, cut into tokens by the English tokenizer."""
    return _english().make_doc(text)


def lower_matcher(vocab: Vocab, lists: dict[str, Iterable[str]]) -> PhraseMatcher:
    """A PhraseMatcher on LOWER whose match ids are the keys of `lists` (key -> phrases)."""
    make_doc = spacy.blank("en", vocab=vocab).make_doc
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for key, phrases in lists.items():
        matcher.add(key, [make_doc(p) for p in phrases])
    return matcher


def leftmost_longest(matches: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Of (match id, start, end) matches, the first to start, the longest there, then the same
    after its end: what a regex alternation preferring the longest finds scanning the text."""
    kept: list[tuple[int, int, int]] = []
    for match in sorted(matches, key=lambda m: (m[1], -m[2])):
        if not kept or match[1] >= kept[-1][2]:
            kept.append(match)
    return kept
