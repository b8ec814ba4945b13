"""natasha as spaCy: a tokenizer and a pipeline component that fill a spaCy Doc from natasha's
models (they ship inside the natasha wheel; nothing is downloaded).

    nlp = russian_nlp()                      # spacy.blank("ru") with both, built once per process
    doc = nlp("Суд арестовал Ивана Петрова.")

- the tokenizer `habeas.natasha_tokenizer.v1`: natasha's (razdel's) tokens, with `spaces` true
  where a single space follows a token; any other gap (a newline, two spaces) is a whitespace
  token of its own, so `doc.text` is the text as written and character offsets agree with it.
  Sentence starts are natasha's sentences.
- the component `natasha_analysis`: part of speech (`pos_`), features (`morph`), lemmas
  (`lemma_`, case-folded with ё as е, as our data files write them), the dependency parse
  (`head`, `dep_`; natasha's NewsSyntaxParser, off with `syntax: false`), named entities
  (`doc.ents`: PER, LOC, ORG) with their nominative form in `span._.nominative` (a getter: worked
  out from the tokens when asked, so nothing is stored beside the Doc), and the
  sentences: natasha's, split again at line breaks (its splitter keeps a title line with the
  paragraph after it). With a parse, each sentence is one tree: an arc natasha drew across a
  line break, a second root or a cycle is re-attached to the sentence's root (label `dep`).

natasha's models run as copies of their own (`_ours`: the same weights, word and shape ids kept
for words met before), read through slovnet's decoders without natasha's markup objects; the
NER tagger takes the Doc's words rather than tokenizing the text again (they are razdel's
tokens either way).

The Doc saves with DocBin and renders with displaCy. Whitespace tokens get `pos_` SPACE and
hang from the token before them.
"""

# No `from __future__ import annotations`: spaCy reads the factory's annotations at run time.

import bisect
import copy
import gc
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
import razdel
import spacy
from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
from natasha.norm import normalize, syntax_normalize
from slovnet.bio import bio_spans
from slovnet.chop import chop
from slovnet.conll import parse_conll_tag
from slovnet.exec.encoders import WordShapeEncoder
from slovnet.shape import word_shape
from slovnet.token import find_tokens
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, MORPH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from habeas.nlp.doccache import remember_text, text_of
from habeas.nlp.ru.resources import fold

NOMINATIVE = "nominative"

# natasha's sentence splitter keeps a title line and the paragraph after it together.
LINE_BREAK = re.compile(r"\n+")
# Rows (POS, MORPH, LEMMA) kept for words met before, at most (then forgotten and begun anew).
ROWS_KEPT = 65536
# Parts of speech whose lemma is the word itself, lower-cased.
UNLEMMATISED = ("PUNCT", "NUM", "X")


@lru_cache(maxsize=1)
def embedding() -> NewsEmbedding:
    return NewsEmbedding()


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    return Segmenter()


@lru_cache(maxsize=1)
def morph_vocab() -> MorphVocab:
    return MorphVocab()


@lru_cache(maxsize=1)
def morph_tagger() -> NewsMorphTagger:
    return NewsMorphTagger(embedding())


@lru_cache(maxsize=1)
def syntax_parser() -> NewsSyntaxParser:
    return NewsSyntaxParser(embedding())


@lru_cache(maxsize=1)
def ner_tagger() -> NewsNERTagger:
    return NewsNERTagger(embedding())


class _KnownWords(WordShapeEncoder):
    """slovnet's encoder of a model's input (a word's id and its shape's id), kept for words met
    before: slovnet works both out for every word of every sentence anew, once per model."""

    def __init__(self, encoder: WordShapeEncoder):
        super().__init__(encoder.words_vocab, encoder.shapes_vocab, encoder.batch_size)
        self.known: dict[str, tuple[int, int]] = {}

    def item(self, words):
        known = self.known
        if len(known) > ROWS_KEPT:
            known.clear()
        word_ids, shape_ids = [], []
        for word in words:
            ids = known.get(word)
            if ids is None:
                ids = known[word] = (self.words_vocab.encode(word.lower()), self.shapes_vocab.encode(word_shape(word)))
            word_ids.append(ids[0])
            shape_ids.append(ids[1])
        return word_ids, shape_ids


@lru_cache(maxsize=None)
def _ours(model: str):
    """Our copy of one of natasha's models (`morph`, `syntax`, `ner`): the same weights, with an
    encoder that keeps the words it met (_KnownWords); natasha's own objects are left as
    they are."""
    original = {"morph": morph_tagger, "syntax": syntax_parser, "ner": ner_tagger}[model]()
    if not isinstance(original.infer.encoder, WordShapeEncoder):
        return original
    api = copy.copy(original)
    api.infer = copy.copy(original.infer)
    api.infer.encoder = _KnownWords(original.infer.encoder)
    return api


def _decoded(model: str, chunk: list[list[str]]):
    """What one of our model copies says of each sentence of `chunk` (lists of words), as
    slovnet's decoder gives it — batched as natasha's `map` batches — without the markup
    objects slovnet and natasha make of it: the morphology's tags («NOUN|Case=Nom|…»); the
    parser's token numbers, head numbers and labels."""
    api = _ours(model)
    infer = api.infer
    for part in chop(chunk, api.batch_size):
        yield from infer.decoder(infer.process(infer.encoder(part)))


class NatashaTokenizer:
    """Text -> Doc with natasha's tokens and sentence starts."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        # razdel's, which natasha's Segmenter wraps in objects of its own
        sent_starts = {s.start for s in razdel.sentenize(text)} if text else set()
        offset = 0
        for start, stop, word in razdel.tokenize(text):
            if start > offset:
                gap = text[offset:start]
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    words.append(gap)
                    spaces.append(False)
                    starts.append(False)
            words.append(word)
            spaces.append(False)
            starts.append(start in sent_starts)
            offset = stop
        if offset < len(text):
            words.append(text[offset:])
            spaces.append(False)
            starts.append(False)
        if starts:
            starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts if words else None)
        return remember_text(doc, text)     # the tokens join up to it: no need to join them anew

    # spaCy's Language.to_disk/from_disk ask the tokenizer for these; it has no state.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "NatashaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "NatashaTokenizer":
        return self


def _blank(word: str) -> bool:
    return not word.strip()


@registry.tokenizers("habeas.natasha_tokenizer.v1")
def create_natasha_tokenizer():
    def make(nlp: Language) -> NatashaTokenizer:
        return NatashaTokenizer(nlp.vocab)
    return make


@lru_cache(maxsize=65536)
def lemma(word: str, pos: str, feats: tuple) -> str:
    """pymorphy2's lemma for natasha's tag, case-folded with ё as е."""
    if pos in UNLEMMATISED:
        return word.lower()
    try:
        return fold(morph_vocab().lemmatize(word, pos, dict(feats)))
    except (KeyError, ValueError):
        return fold(word)   # pymorphy2 has no shape for a character Unicode left unnamed


@dataclass
class _Word:
    """What natasha's normaliser reads of a token."""

    text: str
    start: int
    stop: int
    pos: str
    feats: dict
    id: str = ""          # the token's number and its head's (natasha's normaliser reads these)
    head_id: str = ""


@Language.factory("natasha_analysis", default_config={"syntax": True, "ner": True})
class NatashaAnalysis:
    """Morphology, lemmas, syntax and entities from natasha on the Doc's tokens."""

    def __init__(self, nlp: Language, name: str, syntax: bool, ner: bool):
        self.name = name
        self.syntax = syntax
        self.ner = ner
        self.vocab = nlp.vocab
        self._morphs: dict[tuple, int] = {}
        self._rows: dict[tuple, tuple[int, int, int]] = {}
        _ours("morph"), morph_vocab()
        if syntax:
            _ours("syntax")
        if ner:
            _ours("ner")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        columns = doc.to_array([IDX, LENGTH]).tolist()
        texts = [text[i:i + n] for i, n in columns]     # without a spaCy Token object each
        idx = [i for i, _ in columns]
        # natasha's sentences as the Doc has them, whitespace tokens left out.
        groups: list[list[int]] = []
        for i, start in enumerate(doc.to_array(SENT_START).astype("int64").tolist()):
            if start == 1 or not groups:
                groups.append([])
            if texts[i].strip():
                groups[-1].append(i)
        groups = [g for g in groups if g]
        if not groups:
            return doc
        chunk = [[texts[i] for i in g] for g in groups]
        strings = doc.vocab.strings
        # POS, MORPH, LEMMA of every token; whitespace is SPACE with itself as lemma.
        # (rows built as a list: one numpy assignment per token costs more than the row)
        rows: list = [None] * len(texts)
        words: set[int] = set()      # the tokens natasha tagged (no whitespace)
        known = self._rows if doc.vocab is self.vocab else {}
        if len(known) > ROWS_KEPT:
            known.clear()
        for g, tags in zip(groups, _decoded("morph", chunk)):
            for i, tag in zip(g, tags):
                # the same word with the same tag: the same row (its strings already in the vocab)
                key = (texts[i], tag)
                row = known.get(key)
                if row is None:
                    pos, found = parse_conll_tag(tag)
                    feats = tuple(sorted(found.items()))
                    row = known[key] = (POS_IDS.get(pos, POS_IDS["X"]), self._morph(doc.vocab, feats),
                                        strings.add(lemma(texts[i], pos, feats)))
                rows[i] = row
                words.add(i)
        space = POS_IDS["SPACE"]
        for i, row in enumerate(rows):
            if row is None:
                rows[i] = (space, 0, strings.add(texts[i]))
        doc.from_array([POS, MORPH, LEMMA], numpy.array(rows, dtype="uint64"))
        pieces = self._pieces(text, groups, texts, idx)
        if self.syntax:
            self._parse(doc, groups, pieces, words, chunk)
        else:
            starts = numpy.full((len(doc), 1), -1, dtype="int64")
            for piece in pieces:
                starts[piece[0], 0] = 1
            starts[0, 0] = 1
            doc.from_array([SENT_START], starts.astype("uint64"))
        if self.ner:
            self._entities(doc, sorted(words), texts, idx)
        return doc

    def _morph(self, vocab: Vocab, feats: tuple) -> int:
        """The hash spaCy's MORPH column takes for natasha's features, added to the vocab."""
        if not feats:
            return 0
        if vocab is not self.vocab:
            return vocab.morphology.add(dict(feats))
        h = self._morphs.get(feats)
        if h is None:
            h = self._morphs[feats] = vocab.morphology.add(dict(feats))
        return h

    @staticmethod
    def _pieces(text: str, groups: list[list[int]], texts: list[str], idx: list[int]) -> list[list[int]]:
        """natasha's sentences split at line breaks inside them, as lists of token indices
        (whitespace tokens with the piece before them; those before the first word with it)."""
        pieces: list[list[int]] = []
        for g in groups:
            last = g[-1]
            breaks = [br.start() for br in LINE_BREAK.finditer(text, idx[g[0]], idx[last] + len(texts[last]))]
            piece: list[int] = []
            b = 0
            for i in range(g[0], last + 1):
                if b < len(breaks) and idx[i] >= breaks[b] and texts[i].strip() and piece:
                    while b < len(breaks) and idx[i] >= breaks[b]:
                        b += 1
                    pieces.append(piece)
                    piece = []
                piece.append(i)
            pieces.append(piece)
        # Whitespace between sentences joins the piece before it; at the start, the first.
        out: list[list[int]] = [[] for _ in pieces]
        n = 0
        for i in range(len(texts)):
            while n + 1 < len(pieces) and i >= pieces[n + 1][0]:
                n += 1
            out[n].append(i)
        return out

    def _parse(self, doc: Doc, groups, pieces, words, chunk) -> None:
        heads = list(range(len(doc)))
        deps = [""] * len(doc)
        for g, (numbers, head_numbers, rels) in zip(groups, _decoded("syntax", chunk)):
            ids = {n: i for i, n in zip(g, numbers)}
            for i, head, rel in zip(g, head_numbers, rels):
                heads[i] = ids.get(head, i)
                deps[i] = rel
        for piece in pieces:
            _one_tree(doc, piece, heads, deps, words)
        strings = doc.vocab.strings
        array = numpy.array([[(heads[i] - i) % 2 ** 64, strings.add(deps[i])] for i in range(len(doc))],
                            dtype="uint64")
        doc.from_array([HEAD, DEP], array)

    def _entities(self, doc: Doc, order: list[int], texts: list[str], idx: list[int]) -> None:
        """`order`: the words' token indices, in order."""
        text = text_of(doc)
        if not text.strip():
            return
        starts = [idx[i] for i in order]
        ents = []
        for start, stop, label in _ner_spans(text, [texts[i] for i in order]):
            # natasha's own grouping: the tokens wholly inside the span.
            inside = []
            for k in range(bisect.bisect_left(starts, start), len(order)):
                if starts[k] + len(texts[order[k]]) > stop:
                    break
                inside.append(order[k])
            if inside:
                ents.append(Span(doc, inside[0], inside[-1] + 1, label=label))
        doc.ents = ents


def _ner_spans(text: str, words: list[str]) -> list:
    """natasha's NER spans of `text` (`ner_tagger()(text).spans`, as (start, stop, type)) given
    its words: the Doc's words are razdel's tokens of the text, the ones the tagger would
    tokenize the text into again."""
    infer = _ours("ner").infer
    tags = next(infer.decoder(infer.process(infer.encoder([words]))))
    return list(bio_spans(find_tokens(text, words), tags))


def nominative(span: Span) -> str:
    """`span._.nominative`: an entity's nominative by natasha's normaliser, read from the
    Doc's tokens when asked («Ивана Петрова» -> «Иван Петров»). An organisation's head word
    and what agrees with it are inflected along the parse (natasha's syntax_normalize);
    without a parse an organisation keeps its words."""
    words = [_Word(t.text, t.idx, t.idx + len(t.text), t.pos_, t.morph.to_dict(), str(t.i),
                   "0" if t.head.i == t.i else str(t.head.i))
             for t in span if t.pos_ != "SPACE"]
    if not words:
        return span.text
    if span.label_ != "ORG":
        return normalize(morph_vocab(), words)
    return syntax_normalize(morph_vocab(), words) if span.doc.has_annotation("DEP") else span.text


if not Span.has_extension(NOMINATIVE):
    Span.set_extension(NOMINATIVE, getter=nominative)


def _one_tree(doc: Doc, piece: list[int], heads: list[int], deps: list[str], words) -> None:
    """Make the piece one tree: whitespace hangs from the word before it, every other token
    whose head is outside the piece (or itself, or on a cycle) from the piece's root."""
    inside = set(piece)
    real = [i for i in piece if i in words]
    if not real:
        for i in piece:
            heads[i], deps[i] = piece[0], "dep"
        heads[piece[0]], deps[piece[0]] = piece[0], "ROOT"
        return
    loose = [i for i in real if heads[i] == i or heads[i] not in inside or heads[i] not in words]
    root = next((i for i in loose if heads[i] == i), loose[0] if loose else real[0])
    for i in loose:
        if i != root:
            heads[i], deps[i] = root, "dep"
    heads[root], deps[root] = root, "ROOT"
    # Cycles: a token that never reaches the root hangs from it.
    for i in real:
        seen = set()
        j = i
        while j != root and j not in seen:
            seen.add(j)
            j = heads[j]
        if j != root:
            heads[i], deps[i] = root, "dep"
    prev = None
    for i in piece:
        if i in words:
            prev = i
        else:
            heads[i], deps[i] = (prev if prev is not None else real[0]), "dep"


@lru_cache(maxsize=2)
def russian_nlp(syntax: bool = True) -> Language:
    """spaCy's blank Russian with natasha's tokenizer and the `natasha_analysis` component."""
    nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "habeas.natasha_tokenizer.v1"}}})
    nlp.add_pipe("natasha_analysis", config={"syntax": syntax})
    # natasha's and pymorphy2's models are some hundred thousand objects that live as long as
    # the process; left to the cyclic collector, each of its full passes walks them all again
    # (a tenth of a second; several per hundred reports). Frozen, it leaves them alone.
    gc.freeze()
    return nlp
