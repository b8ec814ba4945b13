"""Prison terms, and what is not one."""

import pytest

from habeas.model import Term
from habeas.nlp.terms import find_terms


@pytest.mark.parametrize(("text", "expected"), [
    ("He is serving 19 years in prison.", Term(years=19)),
    ("She received a 12-year prison sentence.", Term(years=12)),
    ("a court sentenced him to nine years", Term(years=9)),
    ("three years' imprisonment", Term(years=3)),
    ("She was sentenced to life imprisonment.", Term(life=True)),
    ("he got six and a half years in a penal colony", Term(years=6, months=6)),
    ("his six-and-a-half-year prison sentence", Term(years=6, months=6)),
    ("terms of 4 1/2 years in prison", Term(years=4, months=6)),
    ("He was given 10 days of administrative arrest.", Term(days=10)),
    ("an additional eight-month prison sentence", Term(months=8)),
    ("his term was later increased to 15 years", Term(years=15)),
    ("sentenced to 3 years and 6 months in prison", Term(years=3, months=6)),
    ("the court handed down a prison sentence of seven years.", Term(years=7)),
    ("after two trials his sentences amounted to 21 years.", Term(years=21)),
    ("terms totalling 16 years", Term(years=16)),
])
def test_terms(text, expected):
    found = find_terms(text)
    assert found and found[0].term == expected


@pytest.mark.parametrize("text", [
    "He faces up to 12 years in prison if convicted.",
    "If convicted, he faces up to eight years in prison.",
    "Prosecutors asked for 9 years in prison.",
    "Prosecutors demanded a sentence of nine years.",
    "Four years into his term, he fell ill.",
    "He has spent 20 years campaigning.",
])
def test_not_a_term(text):
    assert find_terms(text) == []


def test_a_changed_term_is_marked():
    (term,) = find_terms("The sentence was reduced to 6 years.")
    assert term.change and term.term == Term(years=6)
