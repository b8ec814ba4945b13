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
    ("She has lost weight.", ["weight loss"]),
    ("The pandemic coronavirus spread in prisons.", []),
])
def test_conditions(text, expected):
    assert [c.name for c in find_conditions(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an offence in quotation marks after "for", "of", "with"
    ('The blogger was jailed in 2019 for five years for “abuse of power” and released.', ["abuse of power"]),
    ('She is serving six years for "hooliganism", her lawyer said.', ["hooliganism"]),
    ('A court found him guilty of "insulting a public official" last week.', ["insulting a public official"]),
    ('He was sentenced to 9 years for "extremism" and "calls to seize power", the group said.',
     ["extremism", "calls to seize power"]),
    ('a new case was opened against her for "spreading fake news" in May', ["spreading fake news"]),
    # or right before the article that names it
    ('Prosecutors said the posts amounted to "calls for separatism" (art. 180 CC).', ["calls for separatism"]),
    # "in" after an action belongs to the offence
    ("He was detained on charges of participating in a banned party under Article 405.",
     ["participating in a banned party"]),
    # a term before "for" is no part of the offence
    ("He was jailed for seven years in 2020 for tax evasion.", ["tax evasion"]),
    # no charge: negation, quoted speech, a quote about something else
    ('The ministry said he had not been charged with "treason".', []),
    ('He told the court "I am innocent" and was jailed.', []),
    ('She was detained after she posted a poem called "the long road" online.', []),
    # after the term: "serving N years for X", "an N-year sentence for X"
    ("The editor is serving eight years for tax evasion under Article 213.", ["tax evasion"]),
    ("Her 12-year sentence for alleged membership of a banned party was upheld.",
     ["membership of a banned party"]),
    ("His three-year term for hooliganism ended in May.", ["hooliganism"]),
    # a reason, a term, a headline or a negation is no offence
    ("Blogger Gets Five-Year Prison Term for Sharing Video of Protest", []),
    ("Dozens were accused of undermining public order for joining a rally.", ["undermining public order"]),
    ("She faces charges of \"insulting officials\" and not wearing a headscarf.",
     ["insulting officials", "not wearing a headscarf"]),
    ("The judge was criticised for raising his sentence to 12 years in prison.", []),
])
def test_charges_in_other_words(text, expected):
    assert [c.name for c in find_charges(text)] == expected


def test_a_cited_article_lends_its_title():
    from habeas.nlp.citations import find_citations
    text = "He was remanded under art. 244-1 part 3 CC (distributing materials that threaten order)."
    cites = find_citations(text, lambda _: text, "Uzbekistan")
    assert [c.name for c in find_charges(text, cites)] == ["distributing materials that threaten order"]


def test_a_prison_code_title_names_no_charge():
    from habeas.nlp.citations import find_citations
    text = "Under Article 115 of the Prison Code (disciplinary measures for convicts) he was put in a cell."
    cites = find_citations(text, lambda _: text, "Russia")
    assert [c.name for c in find_charges(text, cites)] == []


@pytest.fixture(scope="module")
def nlp():
    from habeas.nlp.pipeline import load_model
    return load_model()


@pytest.mark.parametrize(("text", "expected"), [
    # a diagnosis by its head noun, with the words that qualify it
    ("His wife says he now has advanced glaucoma.", ["advanced glaucoma"]),
    ("Tests in the clinic showed chronic kidney disease.", ["chronic kidney disease"]),
    ("The pastor, who has Parkinson's disease, was denied care.", ["Parkinson's disease"]),
    ("A doctor found a benign brain tumour in March.", ["benign brain tumour"]),
    ("She was admitted with internal bleeding.", ["internal bleeding"]),
    ("He has cirrhosis of the liver.", ["cirrhosis of the liver"]),
    ("His lawyer listed severe back pain and heart problems.", ["severe back pain", "heart problems"]),
    ("He has lost about 15 kilograms.", ["lost about 15 kilograms"]),
    # a date after a cue is no part of the diagnosis
    ("He was diagnosed with asthma last year.", ["asthma"]),
    # vague words name no illness
    ("His condition is a matter for the court.", []),
    ("The problem is the lack of visits.", []),
    ("He was taken to a COVID-19 hospital for a check-up.", []),
])
def test_conditions_by_head(nlp, text, expected):
    assert [c.name for c in find_conditions(nlp(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an accusation of being or having done something names the offence
    ("Five students were charged with being involved with a banned website.", ["being involved with a banned website"]),
    ("He was accused of being a member of a prohibited party.", ["being a member of a prohibited party"]),
    ("She was convicted of being a spy for a foreign state.", ["being a spy for a foreign state"]),
    ("The blogger was found guilty of having links to an extremist group.", ["having links to an extremist group"]),
    ("He is suspected of having financed a terrorist group.", ["having financed a terrorist group"]),
    # a reason given for jailing or arresting is no charge
    ("He was jailed for being a human rights defender.", []),
    ("She was arrested for being at the rally.", []),
    ("He has not been charged with being a member of any group.", []),
])
def test_charges_of_being_or_having(text, expected):
    assert [c.name for c in find_charges(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a vague head "with" a body part names the illness, with every organ listed
    ("She now has problems with her heart and nervous system.", ["problems with her heart and nervous system"]),
    ("He has had problems with his kidneys since the beatings.", ["problems with his kidneys"]),
    ("He complained of trouble with his lungs.", ["trouble with his lungs"]),
    ("She has issues with her eyes and liver.", ["issues with her eyes and liver"]),
    # ill health and pain as reports name them
    ("The prisoner is in poor health and constant pain.", ["poor health", "constant pain"]),
    # a vague head with no body part names nothing
    ("She had problems with the prison administration.", []),
    ("He has issues with his lawyer.", []),
])
def test_conditions_with_a_body_part(nlp, text, expected):
    assert [c.name for c in find_conditions(nlp(text))] == expected
