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
    # amounts in words, hyphenated or not
    ("A judge sentenced the poet to twenty-six years in prison.", Term(years=26)),
    ("The court gave her thirty-one years behind bars.", Term(years=31)),
    ("He is serving a twelve-year term in a strict-regime colony.", Term(years=12)),
    ("She got four and a half years.", Term(years=4, months=6)),
    ("a sentence of a year in prison", Term(years=1)),
    # the verb that passes it, without "to"
    ("The regional court jailed the engineer, 41, for seven years in March.", Term(years=7)),
    ("He was handed a 12-year term for treason.", Term(years=12)),
    ("The blogger, who is serving eight years for extremism, fell ill.", Term(years=8)),
    ("His co-defendant received six years on the same charge.", Term(years=6)),
    ("A tribunal in the capital imprisoned the lawyer for three years and four months.",
     Term(years=3, months=4)),
    ("Five years and eight months of imprisonment were imposed.", Term(years=5, months=8)),
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
    "She could face up to 10 years in jail.",
    "If found guilty, the activist risks twenty years in prison.",
    "The prosecution had demanded eight years for him.",
    "Prosecutors asked the judge for a twelve-year term.",
    "Offences under the article are punishable by up to five years of imprisonment.",
    "He was released after two years.",
    "Three years ago the police searched his flat.",
    "He received a two-year suspended sentence.",
    "Her 15-year-old son was questioned.",
    "He had been held for seven years without trial.",
    "The first year in prison was the hardest.",
    "Guards gave him only bread and water for 12 days in March.",
    "He was remanded in custody for two months.",
    "The court extended his pretrial detention by three months.",
    "He spent two months in pre-trial detention.",
])
def test_not_a_term(text):
    assert find_terms(text) == []


@pytest.mark.parametrize("text", [
    "The appeal court cut his term to 13 years.",
    "On appeal the sentence was reduced to 6 years.",
    "The Supreme Court later increased it to nine years in prison.",
])
def test_changed_terms(text):
    (term,) = find_terms(text)
    assert term.change


def test_a_part_served_is_no_term():
    found = find_terms("She was freed after serving 14 months of a three-year term.")
    assert [t.term for t in found] == [Term(years=3)]


def test_a_changed_term_is_marked():
    (term,) = find_terms("The sentence was reduced to 6 years.")
    assert term.change and term.term == Term(years=6)


@pytest.mark.parametrize("text", [
    # probation or restricted freedom after "of" or an apostrophe: no custodial term
    "Two other bloggers received three years of probation.",
    "She was given two years of restricted freedom.",
    "He received three years' probation for the same charges.",
    "The activist got two years of probation and a fine.",
    "The court handed him 18 months of probation.",
    "He was sentenced to a suspended term of two years.",
])
def test_probation_is_no_term(text):
    assert find_terms(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("He received three years of imprisonment.", Term(years=3)),
    ("She was handed four years of deprivation of liberty.", Term(years=4)),
])
def test_a_term_of_prison_is_still_one(text, expected):
    assert [t.term for t in find_terms(text)] == [expected]
