"""Ill-treatment told as having happened, not denied, feared or named in an offence. Texts
are our own."""

import pytest

from habeas.model import Document
from habeas.nlp.pipeline import default_extractor


def _types(text: str) -> list[str]:
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    return [e.type for e in case.events]


@pytest.mark.parametrize("text", [
    "Guards beat Anvar Tursunov in custody, his lawyer said.",
    "Police tortured blogger Emil Hasanov during questioning in Baku.",
    "Activist Karim Nazarov was threatened by investigators in the SIZO.",
    "Journalist Lina Haddad was placed in solitary confinement for ten days.",
    "Prisoner Dmitry Orlov was beaten by other inmates on the orders of the warden.",
])
def test_ill_treatment_told(text):
    assert "ill_treatment" in _types(text)


@pytest.mark.parametrize("text", [
    # denied, feared or possible
    "His lawyer denied reports that Anvar Tursunov had been beaten in custody.",
    "The police denied that blogger Emil Hasanov had been tortured.",
    "Activist Nodir Karimov could face torture if he is deported to Uzbekistan.",
    "Rights groups fear that reporter Dilnoza Saidova will be beaten in the colony.",
    # the name of an offence
    "Former official Batyr Orazov was jailed in 2009 for “abuse of office”.",
    "Blogger Le Van Minh was sentenced to five years for “abusing democratic freedoms”.",
])
def test_ill_treatment_not_told(text):
    assert "ill_treatment" not in _types(text)
