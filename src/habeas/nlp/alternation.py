"""One regular-expression group for a long list of words and phrases, built as a trie.

`a|b|c…` over a hundred phrases makes the regex engine try every phrase at every place of a
text; the same phrases folded by their common prefixes (`ka(?:zakh(?:stan)?|rakalpak…)`) are
followed once. It matches exactly what the plain alternation sorted longest first matches.

Its users: the batch pre-filter (batch/prefilter.py), whose point is to decide whether to run
spaCy at all, and the report's country (countries.main_country), both over raw text where no
Doc exists; and the word lists the English finders still match over sentence text (trigger
phrases, conditions, charges, facility heads, instrument names). For those last, spaCy's
PhraseMatcher on LOWER over the Doc is the intended replacement (issue 16): it draws token
boundaries where these patterns draw `\b` ones, so each move needs the eval to show no change."""

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
