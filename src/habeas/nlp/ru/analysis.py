"""The Russian finders' view of a report: sentences, tokens with morphology and lemmas, and
named entities with their nominative forms — all read from the spaCy Doc that natasha filled
(habeas.nlp.ru.component); natasha's own objects stay inside the component.

`Analysis.doc` is that Doc. The views below keep the words only (whitespace tokens are left out,
so a view token's `i` is its place among words; `doc_i` is its index in the Doc).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from natasha.norm import inflect_word, recover_shape, recover_spaces
from pymorphy2.analyzer import Parse
from spacy.attrs import IDX, LEMMA, LENGTH, MORPH, POS, SENT_START
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.parts_of_speech import SPACE
from spacy.tokens import Doc, Span

from habeas.nlp.alternation import PatternSet
from habeas.nlp.doccache import text_of
from habeas.nlp.ru.component import NOMINATIVE, morph_vocab, russian_nlp
from habeas.nlp.ru.resources import fold


@dataclass(eq=False)
class Token:
    """A word with natasha's part of speech, features and lemma. `start`/`stop` are character
    offsets (natasha's own names, so natasha's normaliser takes these tokens)."""

    i: int
    text: str
    start: int
    stop: int
    pos: str
    feats: dict[str, str]
    lemma: str
    doc_i: int = -1

    @property
    def end(self) -> int:
        return self.stop


@dataclass(eq=False)
class Sentence:
    index: int
    start_char: int
    end_char: int
    text: str
    start: int     # first token index
    end: int       # one past the last token index


@dataclass(eq=False)
class Entity:
    """A PER, LOC or ORG span of the Doc (`span`); `normal` is its nominative form."""

    type: str
    start: int
    end: int
    text: str
    span: Span
    tokens: list[Token] = field(default_factory=list)

    @property
    def normal(self) -> str:
        return self.span._.get(NOMINATIVE)


@dataclass(eq=False)
class Analysis:
    doc: Doc
    text: str
    tokens: list[Token]
    sents: list[Sentence]
    entities: list[Entity]
    _starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _matches: dict[re.Pattern[str], tuple[list[int], list[re.Match[str]]]] = field(default_factory=dict)
    _view: dict[int, int] = field(default_factory=dict)
    roles: dict[tuple, Any] = field(default_factory=dict)   # habeas.nlp.ru.syntax's, per trigger
    _where: dict[PatternSet, dict[int, list[int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        self._sent_starts = [s.start_char for s in self.sents]

    def view_index(self, doc_i: int) -> int:
        """The view index of the Doc's token `doc_i` (-1 for a whitespace token)."""
        if not self._view:
            self._view = {t.doc_i: t.i for t in self.tokens}
        return self._view.get(doc_i, -1)

    def sent_at(self, offset: int) -> Sentence:
        return self.sents[max(0, bisect.bisect_right(self._sent_starts, offset) - 1)]

    def token_at(self, offset: int) -> int:
        """The index of the token at or after a character offset."""
        return min(bisect.bisect_left(self._starts, offset), len(self.tokens) - 1)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.tokens[lo:hi]

    def matches_in(self, pattern: re.Pattern[str], sent: Sentence) -> Iterator[tuple[int, int, re.Match[str]]]:
        """`pattern.finditer(sent.text)` as (start, end, match) with start and end in the text.
        The pattern runs once over the whole text and each sentence takes the matches inside
        it; where a match straddles the sentence's edge, the sentence is searched on its own."""
        starts, ms = self._found(pattern)
        if not starts:
            return iter(())
        lo = bisect.bisect_left(starts, sent.start_char)
        hi = bisect.bisect_left(starts, sent.end_char)
        if (lo > 0 and ms[lo - 1].end() > sent.start_char) or (hi > lo and ms[hi - 1].end() > sent.end_char):
            base = sent.start_char
            return ((base + m.start(), base + m.end(), m) for m in pattern.finditer(sent.text))
        return ((m.start(), m.end(), m) for m in ms[lo:hi])

    def _found(self, pattern: re.Pattern[str]) -> tuple[list[int], list[re.Match[str]]]:
        """The pattern's matches over the whole text (and their starts), found once."""
        found = self._matches.get(pattern)
        if found is None:
            ms = list(pattern.finditer(self.text))
            found = self._matches[pattern] = ([m.start() for m in ms], ms)
        return found

    def patterns_in(self, patterns: PatternSet, sent: Sentence) -> list[int]:
        """The indices of those `patterns` that `matches_in` can find anything for in the
        sentence, in order: those with a match over the whole text that starts in it or runs
        into it (the others find nothing there, so a finder need not ask for each). The set's
        matches over the whole text are found together (PatternSet), for `matches_in`."""
        where = self._where.get(patterns)
        if where is None:
            where = self._where[patterns] = {}
            for pattern, ms in zip(patterns.patterns, patterns.finditer_each(self.text)):
                self._matches.setdefault(pattern, ([m.start() for m in ms], ms))
            for k, pattern in enumerate(patterns.patterns):
                for m in self._found(pattern)[1]:
                    first = bisect.bisect_right(self._sent_starts, m.start()) - 1
                    last = bisect.bisect_left(self._sent_starts, m.end()) - 1
                    for s in range(max(first, 0), max(last, 0) + 1):
                        ks = where.setdefault(s, [])
                        if not ks or ks[-1] != k:
                            ks.append(k)
        return where.get(sent.index, [])

    def sent_tokens(self, sent: Sentence) -> list[Token]:
        return self.tokens[sent.start:sent.end]

    def nominative(self, start: int, end: int) -> str:
        """The phrase at [start, end) with its head put in the nominative: the words up to
        and including the first noun are inflected, the rest (its genitive complements)
        kept as written: «тяжелой формой артроза» -> «тяжелая форма артроза»."""
        toks = self.tokens_between(start, end)
        if not toks:
            return self.text[start:end]
        head = next((k for k, t in enumerate(toks) if t.pos in ("NOUN", "PROPN")), None)
        gender = _gender(toks[head]) if head is not None else None
        words = []
        for k, t in enumerate(toks):
            inflect = head is not None and k <= head and t.pos in ("NOUN", "PROPN", "ADJ", "VERB") and \
                not (t.pos == "PROPN" and k < head)
            words.append(recover_shape(_nominative_word(t, gender), t.text) if inflect else t.text)
        out = []
        for k, (word, t) in enumerate(zip(words, toks)):
            if k:
                out.append(self.text[toks[k - 1].stop:t.start])
            out.append(word)
        return "".join(out)


def _gender(noun: Token) -> str | None:
    """A noun's grammatical gender from the dictionary (the tagger's guess is often off)."""
    if noun.feats.get("Number") == "Plur" and noun.feats.get("Case") == "Nom":
        return None
    return _noun_gender(noun.lemma)


@lru_cache(maxsize=65536)
def _noun_gender(lemma: str) -> str | None:
    parses = [p for p in morph_vocab().parse(lemma) if p.tag.POS == "NOUN"]
    return parses[0].tag.gender if parses else None


@dataclass(frozen=True)
class _Form:
    """What natasha's inflect_word reads of a token."""

    text: str
    pos: str
    feats: dict[str, str]


@lru_cache(maxsize=65536)
def _inflected(text: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    """natasha's inflect_word for one word in context-free form (kept: names and words recur)."""
    return inflect_word(morph_vocab(), _Form(text, pos, dict(feats)))


def _inflect(t: Any) -> str:
    return _inflected(t.text, t.pos, tuple(sorted((t.feats or {}).items())))


def _nominative_word(t: Token, gender: str | None) -> str:
    """natasha's inflection to the nominative; where the tagger's features match no form
    of the word, the dictionary's: a noun's lemma, an adjective agreeing with its noun."""
    if t.feats.get("Case") == "Nom":
        return t.text.lower()
    word = _inflect(t) if t.pos != "VERB" else t.text.lower()
    if word != t.text.lower().replace("ё", "е"):
        return word
    if t.pos in ("NOUN", "PROPN"):
        return t.lemma
    for p in morph_vocab().parse(t.text.lower()):
        if p.tag.POS == "ADJF":
            form = inflect_oc(p, {"nomn", gender, "sing"} if gender else {"nomn", "plur"})
            if form is not None:
                return form.word
    return word


def inflect_oc(parse: Parse, grams: set[str]) -> Parse | None:
    """pymorphy2's own inflection, with OpenCorpora grammemes ("nomn", "plur")."""
    return Parse.inflect(parse, grams)


def parses(word: str) -> list[Parse]:
    return morph_vocab().parse(word.lower())


def lemma_of(word: str) -> str:
    """The most likely lemma of a word out of context."""
    parses = morph_vocab().parse(word.lower())
    return fold(parses[0].normal_form) if parses else fold(word)


def analyse(text: str, syntax: bool = True) -> Analysis:
    """The report through the Russian spaCy pipeline, and the finders' view of its Doc."""
    return from_doc(russian_nlp(syntax)(text))


def from_doc(doc: Doc) -> Analysis:
    """The finders' view: words (whitespace tokens left out) and sentences with words."""
    text = text_of(doc)
    strings = doc.vocab.strings
    columns = doc.to_array([IDX, LENGTH, POS, MORPH, LEMMA, SENT_START]).astype("int64").tolist()
    texts = [text[row[0]:row[0] + row[1]] for row in columns]   # the tokens' texts, without a Token each
    tokens: list[Token] = []
    sents: list[Sentence] = []
    first = 0
    for i, (start, _, pos, morph, lemma, sent_start) in enumerate(columns):
        if sent_start == 1 and len(tokens) > first:
            sents.append(_sentence(text, tokens, len(sents), first))
            first = len(tokens)
        if pos != SPACE and texts[i].strip():
            tokens.append(Token(len(tokens), texts[i], start, start + len(texts[i]), POS_NAMES[pos],
                                _feats(strings, morph), strings[lemma % 2 ** 64] if lemma else "", i))
    if len(tokens) > first:
        sents.append(_sentence(text, tokens, len(sents), first))
    view = {t.doc_i: t for t in tokens}
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text, e, [view[i] for i in range(e.start, e.end) if i in view])
                for e in doc.ents]
    return Analysis(doc, text, tokens, sents, entities)


def _sentence(text: str, tokens: list[Token], index: int, first: int) -> Sentence:
    a, b = tokens[first].start, tokens[-1].stop
    return Sentence(index, a, b, text[a:b], first, len(tokens))


_FEATS: dict[int, dict[str, str]] = {}


def _feats(strings, morph: int) -> dict[str, str]:
    """A MORPH hash as natasha's feature dict (a fresh copy: callers may keep it)."""
    if not morph:
        return {}
    morph %= 2 ** 64
    feats = _FEATS.get(morph)
    if feats is None:
        feats = _FEATS[morph] = dict(f.split("=", 1) for f in strings[morph].split("|") if "=" in f)
    return dict(feats)


def nominative_tokens(tokens: list[Any]) -> str:
    """natasha's normal form of a name's tokens (its `normalize`, with each word's inflection
    kept): «Акылбека Муратова» -> «Акылбек Муратов»."""
    return recover_spaces([recover_shape(_inflect(t), t.text) for t in tokens], tokens)
