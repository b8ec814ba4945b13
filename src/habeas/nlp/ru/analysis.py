"""The Russian finders' view of a report: sentences, tokens with morphology and lemmas, and
named entities with their nominative forms — all read from the spaCy Doc that natasha filled
(habeas.nlp.ru.component); natasha's own objects stay inside the component.

`Analysis.doc` is that Doc. The views below keep the words only (whitespace tokens are left out,
so a view token's `i` is its place among words; `doc_i` is its index in the Doc).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from natasha.norm import inflect_word, normalize, recover_shape
from pymorphy2.analyzer import Parse
from spacy.tokens import Doc

from habeas.nlp.ru.component import NOMINATIVE, morph_vocab, russian_nlp
from habeas.nlp.ru.resources import fold


def load_models() -> None:
    """Load the pipeline and natasha's models now rather than on the first report."""
    russian_nlp()


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
    """A PER, LOC or ORG span; `normal` is its nominative form."""

    type: str
    start: int
    end: int
    text: str
    normal: str
    tokens: list[Token] = field(default_factory=list)


@dataclass(eq=False)
class Analysis:
    doc: Doc
    text: str
    tokens: list[Token]
    sents: list[Sentence]
    entities: list[Entity]
    _starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        self._sent_starts = [s.start_char for s in self.sents]

    def sent_at(self, offset: int) -> Sentence:
        return self.sents[max(0, bisect.bisect_right(self._sent_starts, offset) - 1)]

    def token_at(self, offset: int) -> int:
        """The index of the token at or after a character offset."""
        return min(bisect.bisect_left(self._starts, offset), len(self.tokens) - 1)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.tokens[lo:hi]

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
    parses = [p for p in morph_vocab().parse(noun.lemma) if p.tag.POS == "NOUN"]
    return parses[0].tag.gender if parses else None


def _nominative_word(t: Token, gender: str | None) -> str:
    """natasha's inflection to the nominative; where the tagger's features match no form
    of the word, the dictionary's: a noun's lemma, an adjective agreeing with its noun."""
    if t.feats.get("Case") == "Nom":
        return t.text.lower()
    word = inflect_word(morph_vocab(), t) if t.pos != "VERB" else t.text.lower()
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


def analyse(text: str) -> Analysis:
    """The report through the Russian spaCy pipeline, and the finders' view of its Doc."""
    return from_doc(russian_nlp()(text))


def from_doc(doc: Doc) -> Analysis:
    text = doc.text
    tokens: list[Token] = []
    sents: list[Sentence] = []
    for sent in doc.sents:
        first = len(tokens)
        for t in sent:
            if t.pos_ != "SPACE" and t.text.strip():
                tokens.append(Token(len(tokens), t.text, t.idx, t.idx + len(t.text), t.pos_,
                                    t.morph.to_dict(), t.lemma_, t.i))
        if len(tokens) > first:
            a, b = tokens[first].start, tokens[-1].stop
            sents.append(Sentence(len(sents), a, b, text[a:b], first, len(tokens)))
    view = {t.doc_i: t for t in tokens}
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text, e._.get(NOMINATIVE) or e.text,
                       [view[i] for i in range(e.start, e.end) if i in view])
                for e in doc.ents]
    return Analysis(doc, text, tokens, sents, entities)


def nominative_tokens(tokens: list[Any]) -> str:
    """natasha's normal form of a name's tokens: «Акылбека Муратова» -> «Акылбек Муратов»."""
    return normalize(morph_vocab(), tokens)
