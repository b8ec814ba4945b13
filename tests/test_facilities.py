"""Places of detention, including prison codes the tokenizer must keep whole."""

import pytest

from habeas.nlp.facilities import find_facilities


@pytest.mark.parametrize(("text", "expected"), [
    ("He is held in the LB-K/11 prison hospital.", ["LB-K/11 prison hospital"]),
    ("She was moved to IK-2 last week.", ["IK-2"]),  # a known code names a facility by itself
    ("He was brought back to SIZO-3 in Tashkent.", ["SIZO-3 in Tashkent"]),
    ("Doctors at a COVID-19 hospital treated him.", []),  # an illness names no place
    ("He had COVID-19 while in custody.", []),
    ("The MiG-29 flew over the camp.", []),               # a code of no known prison
    ("He is held in the Thanh Hoa provincial detention centre.", ["Thanh Hoa provincial detention centre"]),
    ("She spent a year in Qarchak 2 prison.", ["Qarchak 2 prison"]),
    ("He was released from Stanley Correctional Institution.", ["Stanley Correctional Institution"]),
    ("held in the detention centre of the State Security Committee in Minsk",
     ["detention centre of the State Security Committee in Minsk"]),
    ("He is held in the detention facility of the Bishkek city police.",
     ["detention facility of the Bishkek city police"]),
    ("He was sent to Belarus’s notorious Hlybokaye colony.", ["Hlybokaye colony"]),
    ("He was moved to the Minsk SIZO last week.", ["Minsk SIZO"]),
    ("The Regional Prison Board did not reply.", []),           # an authority
    ("a complaint to the State Penitentiary Service", []),
    ("Torture is common in Egyptian prisons.", []),             # places in general
    ("He is held in Karlag colony No. 3.", ["Karlag colony No. 3"]),
    ("She was sent to the Kazan general regime prison colony No. 5 in Tatarstan.",
     ["Kazan general regime prison colony No. 5 in Tatarstan"]),
    ("He spent a year in Kara-Bogaz prison.", ["Kara-Bogaz prison"]),
    ("inmates of penal colony No. 3 in Navoi", ["penal colony No. 3 in Navoi"]),
    ("He was taken to the hospital of the correctional colony No. 12.",
     ["hospital of the correctional colony No. 12"]),
    ("held at the pretrial detention center in Shymkent", ["pretrial detention center in Shymkent"]),
    ("She is confined in a psychiatric hospital.", ["psychiatric hospital"]),
    ("He is in detention centre #2 in Khujand.", ["detention centre #2 in Khujand"]),
    ("He was sent to a prison in Iran.", []),          # a country names no prison
    ("Conditions in the prison are harsh.", []),       # too generic
    ("Jailed Poet Gets Six-Year Prison Term\nThe poet was jailed.", []),  # a headline
])
def test_facilities(text, expected):
    assert [f.name for f in find_facilities(text)] == expected


@pytest.mark.parametrize("code", ["MR-B/15", "LB-K/11", "IK-2", "SIZO-1", "AH-T/2"])
def test_prison_codes_stay_one_token(code):
    from habeas.nlp.pipeline import default_extractor
    doc = default_extractor().nlp.make_doc(f"He was moved to {code}, far from home.")
    assert code in [t.text for t in doc]


def test_finders_component_labels_spans_for_display():
    from habeas.nlp.components import SPANS_KEY
    from habeas.nlp.pipeline import default_extractor
    doc = default_extractor().nlp("In May 2019 he was moved to the IK-2 prison under Article 5 of the Criminal Code.")
    labels = {(s.label_, s.text) for s in doc.spans[SPANS_KEY]}
    assert {("DATE", "May 2019"), ("FACILITY", "IK-2 prison"),
            ("CITATION", "Article 5 of the Criminal Code")} <= labels
