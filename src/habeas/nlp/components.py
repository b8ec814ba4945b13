"""Our finders as one spaCy pipeline component, after the model's NER.

`habeas_finders` runs every finder over a Doc and keeps what it found twice: as records with
their normalised values in `doc.user_data["habeas.found"]` (what the resolvers read), and as
labelled spans in `doc.spans["habeas"]` (what a person sees highlighted, displaCy-style).
"""

# No `from __future__ import annotations`: spaCy reads the factory's annotations at run time.

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from habeas.nlp.charges import FoundCharge, find_charges
from habeas.nlp.citations import FoundCitation, country_of, find_citations
from habeas.nlp.conditions import FoundCondition, find_conditions
from habeas.nlp.dates import TimeExpr, find_dates
from habeas.nlp.doccache import sentence_lookup, sentences, span_text, text_of
from habeas.nlp.facilities import FoundFacility, find_facilities
from habeas.nlp.spans import SPANS_KEY as SPANS_KEY  # where the spans are kept, named here too
from habeas.nlp.spans import label_spans
from habeas.nlp.terms import FoundTerm, find_terms

FOUND_KEY = "habeas.found"


@dataclass
class Found:
    """Everything the finders found in one report, each record with its character span."""

    country: str | None
    facilities: list[FoundFacility]
    citations: list[FoundCitation]
    times: list[TimeExpr]
    terms: list[FoundTerm]
    charges: list[FoundCharge]
    conditions: list[FoundCondition]


def main_country(doc: Doc) -> str | None:
    """The country a report is mostly about: the jurisdiction of laws it cites bare."""
    counts = Counter(country_of(e.text) for e in doc.ents if e.label_ in ("GPE", "NORP"))
    counts.pop(None, None)
    return counts.most_common(1)[0][0] if counts else None


def find_all(doc: Doc) -> Found:
    text = text_of(doc)
    sents = sentences(doc)
    sent_at = sentence_lookup(doc, sents)
    country = main_country(doc)
    citations = find_citations(text, lambda off: span_text(sents[sent_at(off)]), country)
    # A decree's date ("the decree of May 11, 2017") dates the decree, not an event.
    times = [t for t in find_dates(doc) if not any(c.start <= t.start < c.end for c in citations)]
    return Found(country=country, facilities=find_facilities(text), citations=citations,
                 times=times, terms=find_terms(doc), charges=find_charges(text, citations),
                 conditions=find_conditions(doc))


def found_in(doc: Doc) -> Found:
    """What the component found, or the same found now for a Doc made without it."""
    found = doc.user_data.get(FOUND_KEY)
    if found is None:
        found = doc.user_data[FOUND_KEY] = find_all(doc)
    return found


@Language.factory("habeas_finders", default_config={})
class HabeasFinders:
    """Facilities, citations, dates, terms, charges and conditions of a report."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = doc.user_data[FOUND_KEY] = find_all(doc)
        label_spans(doc, [("FACILITY", found.facilities), ("CITATION", found.citations),
                          ("DATE", found.times), ("TERM", found.terms), ("CHARGE", found.charges),
                          ("CONDITION", found.conditions)])
        return doc
