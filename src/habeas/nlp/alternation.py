"""One regular-expression group for a long list of words and phrases, built as a trie.

`a|b|c…` over a hundred phrases makes the regex engine try every phrase at every place of a
text; the same phrases folded by their common prefixes (`ka(?:zakh(?:stan)?|rakalpak…)`) are
followed once. It matches exactly what the plain alternation sorted longest first matches.

Its users match over text, and stay string-level for these reasons:
- the batch pre-filter (batch/prefilter.py), whose point is to decide whether to run spaCy at
  all, and the report's country (countries.main_country): no Doc exists yet;
- the English finders that take a text, not a Doc — facilities (`find_facilities(text)`),
  charges (`find_charges(text)`: offences known by name, also checked against substrings of
  a listed item, and the legal words of a sentence's text), citations (instrument names and
  abbreviations): there the alternation is one piece of a larger pattern that reads the
  characters around it ("colonies", "No. 5", "art. 159 CC", a capitalised name before a
  head word), which a PhraseMatcher over tokens cannot say. They move when the finder itself
  reads the Doc.
Lists matched over the tokens of a Doc are PhraseMatchers on LOWER instead (nlp/phrases.py):
the event trigger phrases (events.find_triggers), the non-custodial sentence words
(detainees) and the known conditions (conditions.find_conditions); the extraction of the dev
and challenge corpora was byte-identical after the move."""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_alternation(phrases: Iterable[str], *, gap: str | None = None) -> str:
    """A non-capturing group matching any of `phrases`, preferring the longest at each place.
    With `gap`, a space inside a phrase matches that pattern (r"[\\s\\-]+": "hunger strike"
    and "hunger-strike"); otherwise it is a literal space. Flags are the caller's; for a
    case-blind match give the phrases in one case."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _group(trie, gap) or "(?:)"


def _group(node: dict, gap: str | None) -> str:
    branches = [(gap if char == " " and gap else re.escape(char)) + _group(child, gap)
                for char, child in node.items() if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A phrase that ends here while longer ones go on: the longer are tried first.
    return f"(?:{body})?" if _END in node else body
