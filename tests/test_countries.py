"""The country a report is about, as `habeas persons --country` files a person."""

import pytest

from habeas.nlp.countries import main_country


@pytest.mark.parametrize(("text", "country"), [
    ("An Uzbek blogger was detained in Uzbekistan.", "Uzbekistan"),
    ("Police in Baku detained the journalist.", "Azerbaijan"),
    ("The Belarusian activist was moved from Minsk to a prison in Russia. Belarus denies it.", "Belarus"),
    ("He was held in Nukus.", "Karakalpakstan (Uzbekistan)"),
    ("The court in Ashgabat, Turkmenistan, and a later hearing in Tashkent.", "Turkmenistan"),  # tie: first
    ("moscow is written in lower case here, so it is not a place name.", None),
    ("No place is named at all.", None),
])
def test_main_country(text, country):
    assert main_country(text) == country
