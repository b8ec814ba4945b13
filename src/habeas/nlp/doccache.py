"""Cheap access to a Doc's text and sentences.

`Doc.text` joins every token anew on each access and `Token.sent` walks the sentence
boundaries each time; the resolvers ask for both thousands of times per report, so they
are computed once and kept in `doc.user_data`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def text_of(doc: Doc) -> str:
    cached = doc.user_data.get("habeas.text")
    if cached is None:
        cached = doc.user_data["habeas.text"] = doc.text
    return cached


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
