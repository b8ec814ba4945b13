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


class PatternSet:
    """Many patterns that begin alike (`lead`: a lookbehind, a `\\b`), run over one text as
    one: `finditer_each(text)` gives what each pattern's own `finditer(text)` gives, the same
    matches in the same order, from one pass of the text.

    Each pattern alone makes the regex engine try its lead and first letters at every place
    of the text. Here one scan finds the places where any of them matches (the lead once, then
    the bodies side by side, all in a lookahead), and each pattern is tried at those places only,
    as finditer tries them: left to right, each match starting at or after the last one's end.
    Where the bodies cannot stand side by side (a group name twice, a numbered reference), or a
    pattern matches the empty string, each pattern runs alone."""

    def __init__(self, lead: str, bodies: Iterable[str], flags: int = 0):
        bodies = list(bodies)
        self.patterns = tuple(re.compile(lead + body, flags) for body in bodies)
        self._any: re.Pattern[str] | None = None
        if bodies and not any(_NUMBERED.search(body) for body in bodies):
            any_body = lead + "(?:" + "|".join(f"(?:{body})" for body in bodies) + ")"
            try:
                first = first_letters(any_body, flags)    # skimming, inside the lookahead
                self._any = re.compile(("" if first is None else f"(?={first})") + f"(?={any_body})", flags)
            except re.error:
                pass

    def finditer_each(self, text: str) -> list[list[re.Match[str]]]:
        if self._any is None:
            return [list(p.finditer(text)) for p in self.patterns]
        places = [m.start() for m in self._any.finditer(text)]
        out: list[list[re.Match[str]]] = []
        for pattern in self.patterns:
            found: list[re.Match[str]] = []
            end = 0
            for place in places:
                if place >= end and (m := pattern.match(text, place)) is not None:
                    if m.end() == place:     # empty: finditer goes on differently
                        return [list(p.finditer(text)) for p in self.patterns]
                    found.append(m)
                    end = m.end()
            out.append(found)
        return out


# A numbered back-reference or condition, which would point elsewhere among many bodies.
_NUMBERED = re.compile(r"\\[1-9]|\(\?\(\d")


def first_letters(pattern: str, flags: int = 0) -> str | None:
    """A character class of every character a match of `pattern` can start with (both cases
    of each letter), or None where that cannot be told: a pattern that may match nothing,
    starts with a class of its own kind (`\\w`, `.`) or sets flags inside.

    It reads the pattern with `re`'s own parser, which is not a public interface: where a
    Python version moves or changes it, the answer is None and the patterns run without the
    lookahead (the same matches, only slower)."""
    try:
        from re import _constants as c, _parser
    except ImportError:
        return None

    chars: set[str] = set()
    categories = {c.CATEGORY_DIGIT: r"\d"}

    def walk(items) -> bool:
        """Adds the first characters of `items`; False where they can match nothing."""
        for op, av in items:
            if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                chars.update({chr(av).lower(), chr(av).upper()})
                return True
            if op is c.IN:
                for o, a in av:
                    if o is c.LITERAL:
                        chars.update({chr(a).lower(), chr(a).upper()})
                    elif o is c.CATEGORY and a in categories:
                        chars.add(categories[a])
                    else:
                        raise ValueError(o)
                return True
            if op is c.SUBPATTERN:
                if av[1] or av[2]:
                    raise ValueError("flags")
                if walk(av[-1]):
                    return True
                continue
            if op is c.BRANCH:
                if all([walk(b) for b in av[1]]):
                    return True
                continue
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                if walk(av[2]) and av[0] > 0:
                    return True
                continue
            raise ValueError(op)
        return False

    try:
        if not walk(_parser.parse(pattern, flags)):
            return None
    except (ValueError, AttributeError, TypeError):     # a construct not read here, or a parser changed
        return None
    escaped = sorted(ch if ch == r"\d" else re.escape(ch) for ch in chars)
    return "[" + "".join(escaped) + "]"


def skimming(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead for the characters it can start with: the same
    matches, but the scan passes over other places without trying each alternative (a
    case-blind alternation is tried branch by branch at every place it may start)."""
    first = first_letters(pattern, flags)
    return re.compile(pattern if first is None else f"(?={first})(?:{pattern})", flags)
