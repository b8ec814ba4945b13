"""What the finders found, kept on the Doc as labelled spans in `doc.spans["habeas"]` — what a
person sees highlighted (displaCy's span style). English (habeas.nlp.components) and Russian
(habeas.nlp.ru.casefile) keep their finders' records the same way, under the same labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span

SPANS_KEY = "habeas"


def label_spans(doc: Doc, labelled: Sequence[tuple[str, Iterable[Any]]]) -> list[Span]:
    """Each record (anything with character offsets `start`, `end`) as a span with its label,
    widened to whole tokens; the spans replace `doc.spans[SPANS_KEY]`."""
    spans: list[Span] = []
    for label, records in labelled:
        for r in records:
            span = doc.char_span(r.start, r.end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans[SPANS_KEY] = spans
    return spans
