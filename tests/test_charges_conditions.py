"""Charges and medical conditions as reports name them."""

import pytest

from habeas.nlp.charges import find_charges
from habeas.nlp.conditions import find_conditions


@pytest.mark.parametrize(("text", "expected"), [
    ("He was arrested on charges of fraud and tax evasion.", ["fraud", "tax evasion"]),
    ("She was convicted of inciting religious hatred.", ["inciting religious hatred"]),
    ("He was charged with hooliganism, but denies it.", ["hooliganism"]),
    ("accused of buying, storing or selling forged documents in 2019",
     ["buying, storing or selling forged documents"]),
    ("He denied all charges of wrongdoing.", []),
    ("a blogger detained for extremism", ["extremism"]),
])
def test_charges(text, expected):
    assert [c.name for c in find_charges(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He was diagnosed with hepatitis C in 2019.", ["hepatitis C"]),
    ("She suffers from chronic back pain.", ["chronic back pain"]),
    ("He has lost more than 15 kilograms.", ["lost more than 15 kilograms"]),
    ("Doctors found tuberculosis and kidney disease.", ["tuberculosis", "kidney disease"]),
    ("She has lost weight.", ["lost weight"]),
    ("The pandemic coronavirus spread in prisons.", []),
])
def test_conditions(text, expected):
    assert [c.name for c in find_conditions(text)] == expected
