"""The pipeline never crashes, whatever text it is given, and its evidence always points
inside the text. The header parser either returns a Document or says why it cannot."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habeas.errors import InputError
from habeas.ingest.header import split_header
from habeas.model import EVENT_TYPES, STATUSES, Document
from habeas.nlp.pipeline import default_extractor

FRAGMENTS = st.sampled_from([
    "Activist", "Aziz Karimov", "Karimov", "Mansur Mingelov", "was arrested", "arrested",
    "was detained", "was sentenced to", "sentenced to", "7 years", "22 years", "in prison",
    "life imprisonment", "on charges of", "fraud", "smuggling", "In June 2012", "June 2012",
    "two weeks later", "Later that year", "October 20", "the summer of 2024", "In September",
    "Article 5 of the Criminal Code", "Part 2 of Article 280", "Article 76 (“Release”)",
    "presidential decree of May 11, 2017", "MR-B/15", "IK-2", "SIZO-1", "prison hospital",
    "his family petitioned", "the Interior Ministry", "rejected", "released", "his lawyer",
    "he", "she", "according to turkmen.news", "died", "hunger strike", "tuberculosis", "50,",
    "aged 37", "45", ",", ".", ":", ";", "\n", "\n\n", "“", "”", "(", ")", "—", "-", "/", "'s",
])
HEADER_KEYS = st.sampled_from(["URL", "TITLE", "OUTLET", "PUBLISHED", "LANG", "DATE", "SOURCE",
                               "TRUNCATED", "AUTHOR", "url"])
HEADER_VALUES = st.one_of(st.text(max_size=30), st.sampled_from([
    "2024-11-05", "2024-02-30", "2024-13", "2024", "unknown", "unknown (seed document)", "",
    "en", "https://example.org/x"]))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def extractor():
    # Loading the model is slow: once for the module (and shared with the other tests).
    return default_extractor()


def check(extractor, text: str) -> None:
    case = extractor.extract(Document(text=text))
    json.dumps(case.to_json())
    spans = [e.evidence for e in case.events] + [c.evidence for c in case.citations] + \
        [s.evidence for s in case.sources] + [ev for p in case.persons for ev in p.evidence] + \
        [ev for p in case.persons for values in p.slot_evidence.values() for ev in values.values()]
    for ev in spans:
        assert 0 <= ev.start <= ev.end <= len(text), (ev, len(text))
    assert {e.type for e in case.events} <= set(EVENT_TYPES)
    assert {p.status for p in case.persons} <= set(STATUSES)


@SETTINGS
@given(text=st.text(max_size=400))
def test_arbitrary_text(extractor, text):
    check(extractor, text)


@SETTINGS
@given(text=st.lists(FRAGMENTS, max_size=60).map(" ".join))
def test_report_like_text(extractor, text):
    check(extractor, text)


@SETTINGS
@given(text=st.lists(FRAGMENTS, max_size=60).map("".join))
def test_report_like_text_without_spaces(extractor, text):
    check(extractor, text)


def check_header(text: str) -> None:
    try:
        doc = split_header(text, "r.txt")
    except InputError as exc:
        assert exc.source == "r.txt" and exc.reason
    else:
        assert isinstance(doc, Document)
        assert doc.text in text


@SETTINGS
@given(text=st.text(max_size=300))
def test_header_parser_on_arbitrary_text(text):
    check_header(text)


@SETTINGS
@given(lines=st.lists(st.tuples(HEADER_KEYS, HEADER_VALUES), max_size=6),
       separator=st.sampled_from(["\n", "\r\n", "\n\n", "\n \n"]), body=st.text(max_size=100))
def test_header_parser_on_header_like_text(lines, separator, body):
    header = "\n".join(f"{key}: {value}" for key, value in lines)
    check_header(header + separator + body)
