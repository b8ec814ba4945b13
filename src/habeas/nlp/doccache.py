"""Cheap access to a Doc's text and sentences.

`Doc.text` joins every token anew on each access and `Token.sent` walks the sentence
boundaries each time; the resolvers ask for both thousands of times per report, so they
are computed once and kept in `doc.user_data`.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from habeas.model import Evidence


def text_of(doc: Doc) -> str:
    cached = doc.user_data.get("habeas.text")
    if cached is None:
        cached = doc.user_data["habeas.text"] = doc.text
    return cached


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a tokenizer made `doc` from (its `doc.text`), for `text_of`."""
    doc.user_data["habeas.text"] = text
    return doc


def span_text(span: Span):
    """`span.text` (a Span's text is its Doc's text from its first character to its last)
    without joining its tokens anew; any other sentence record gives its own `text`."""
    if isinstance(span, Span):
        return text_of(span.doc)[span.start_char:span.end_char]
    return span.text


def sentences(doc: Doc) -> list[Span]:
    cached = doc.user_data.get("habeas.sents")
    if cached is None:
        cached = doc.user_data["habeas.sents"] = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(cached):
            for i in range(sent.start, sent.end):
                index[i] = n
        doc.user_data["habeas.sent_index"] = index
    return cached


def sent_of(tok: Token) -> Span:
    sents = sentences(tok.doc)
    return sents[tok.doc.user_data["habeas.sent_index"][tok.i]]


def sent_index(doc: Doc) -> list[int]:
    sentences(doc)
    return doc.user_data["habeas.sent_index"]


def sentence_lookup(doc: Doc, sents: list[Span]):
    starts = [s.start_char for s in sents]

    def at(offset: int) -> int:
        """The last sentence starting at or before `offset` (the first when none does)."""
        return max(bisect_right(starts, offset) - 1, 0)
    return at


def evidence(doc: Doc, sents: list[Span], sent_at, start: int, end: int) -> Evidence:
    s = sents[sent_at(start)] if sents else None
    return Evidence(start, end, span_text(s).strip() if s is not None else text_of(doc)[start:end])
