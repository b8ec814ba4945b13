"""natasha's reading of a Russian report: sentences, tokens with morphology and lemmas,
and named entities with their nominative forms.

The models ship inside the natasha wheel (nothing is downloaded); they are loaded once
per process, on first use. The syntax parser is not used: our grammars work on lemmas,
case and position, which keeps the pipeline within twice the cost of natasha's NER.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
from natasha.norm import inflect_word, normalize, recover_shape
from pymorphy2.analyzer import Parse

from habeas.nlp.ru.resources import fold


@dataclass(frozen=True)
class Models:
    segmenter: Segmenter
    morph: NewsMorphTagger
    ner: NewsNERTagger
    vocab: MorphVocab


@lru_cache(maxsize=1)
def models() -> Models:
    embedding = NewsEmbedding()
    return Models(Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab())


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
    parses = [p for p in models().vocab.parse(noun.lemma) if p.tag.POS == "NOUN"]
    return parses[0].tag.gender if parses else None


def _nominative_word(t: Token, gender: str | None) -> str:
    """natasha's inflection to the nominative; where the tagger's features match no form
    of the word, the dictionary's: a noun's lemma, an adjective agreeing with its noun."""
    if t.feats.get("Case") == "Nom":
        return t.text.lower()
    word = inflect_word(models().vocab, t) if t.pos != "VERB" else t.text.lower()
    if word != t.text.lower().replace("ё", "е"):
        return word
    if t.pos in ("NOUN", "PROPN"):
        return t.lemma
    for p in models().vocab.parse(t.text.lower()):
        if p.tag.POS == "ADJF":
            form = inflect_oc(p, {"nomn", gender, "sing"} if gender else {"nomn", "plur"})
            if form is not None:
                return form.word
    return word


def inflect_oc(parse: Parse, grams: set[str]) -> Parse | None:
    """pymorphy2's own inflection, with OpenCorpora grammemes ("nomn", "plur")."""
    return Parse.inflect(parse, grams)


def parses(word: str) -> list[Parse]:
    return models().vocab.parse(word.lower())


@lru_cache(maxsize=65536)
def _lemma(word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    try:
        return fold(models().vocab.lemmatize(word, pos, dict(feats)))
    except (KeyError, ValueError):
        return fold(word)   # pymorphy2 has no shape for a character Unicode left unnamed


def lemma_of(word: str) -> str:
    """The most likely lemma of a word out of context."""
    parses = models().vocab.parse(word.lower())
    return fold(parses[0].normal_form) if parses else fold(word)


# natasha's sentence splitter keeps a title line and the paragraph after it together.
LINE_BREAK = re.compile(r"\n+")


def analyse(text: str) -> Analysis:
    m = models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph)
    doc.tag_ner(m.ner)
    tokens: list[Token] = []
    for t in doc.tokens:
        lemma = _lemma(t.text, t.pos, tuple(sorted(t.feats.items()))) if t.pos not in ("PUNCT", "NUM", "X") \
            else t.text.lower()
        tokens.append(Token(len(tokens), t.text, t.start, t.stop, t.pos, t.feats, lemma))
    sents: list[Sentence] = []
    ti = 0
    for s in doc.sents:
        pieces = [(s.start, s.stop)]
        for br in LINE_BREAK.finditer(text, s.start, s.stop):
            a, b = pieces.pop()
            if br.start() > a:
                pieces.append((a, br.start()))
            pieces.append((br.end(), b))
        for a, b in pieces:
            first = ti
            while ti < len(tokens) and tokens[ti].start < b:
                ti += 1
            if ti > first:
                sents.append(Sentence(len(sents), a, b, text[a:b], first, ti))
    index = {(t.start, t.stop): tok for t, tok in zip(doc.tokens, tokens)}
    entities = []
    for span in doc.spans:
        span_tokens = [index[(t.start, t.stop)] for t in span.tokens if (t.start, t.stop) in index]
        normal = normalize(m.vocab, span.tokens) if span.type in ("PER", "LOC") else span.text
        entities.append(Entity(span.type, span.start, span.stop, span.text, normal, span_tokens))
    return Analysis(text, tokens, sents, entities)


def nominative_tokens(tokens: list[Any]) -> str:
    """natasha's normal form of a name's tokens: «Акылбека Муратова» -> «Акылбек Муратов»."""
    return normalize(models().vocab, tokens)
