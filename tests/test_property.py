"""The pipeline never crashes, whatever text it is given, and its evidence always points
inside the text."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habeas.errors import InputError
from habeas.ingest.header import split_header
from habeas.model import Document
from habeas.nlp.pipeline import default_extractor

FRAGMENTS = st.sampled_from([
    "Activist", "Aziz Karimov", "Karimov", "was arrested", "was sentenced to", "7 years",
    "in prison", "life imprisonment", "on charges of", "fraud", "In June 2012", "two weeks later",
    "Later that year", "October 20", "the summer of 2024", "Article 5 of the Criminal Code",
    "Part 2 of Article 280", "presidential decree of May 11, 2017", "MR-B/15", "IK-2",
    "prison hospital", "his lawyer", "he", "she", "according to turkmen.news", "died",
    "hunger strike", "tuberculosis", ",", ".", "\n", "“", "”", "(", ")", "—", "45", "aged 37",
])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    case = default_extractor().extract(Document(text=text))
    json.dumps(case.to_json())
    spans = [e.evidence for e in case.events] + [c.evidence for c in case.citations] + \
        [s.evidence for s in case.sources] + [ev for p in case.persons for ev in p.evidence]
    for ev in spans:
        assert 0 <= ev.start <= ev.end <= len(text)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check(text)


@SETTINGS
@given(st.lists(FRAGMENTS, max_size=60).map(" ".join))
def test_report_like_text(text):
    check(text)


@SETTINGS
@given(st.text(max_size=300))
def test_header_parser_returns_a_document_or_says_why(text):
    try:
        doc = split_header(text, "r.txt")
    except InputError as exc:
        assert exc.reason
    else:
        assert doc.text in text
