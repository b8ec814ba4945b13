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


@pytest.mark.parametrize(("text", "country"), [
    # A Russian report that never names Russia still names its bodies or its cities.
    ("Члены ОНК навестили его в колонии и записали жалобы.", "Russia"),
    ("Заключённого этапировали в СИЗО-5 Ростова-на-Дону.", "Russia"),
    ("Пресс-служба УФСИН по области ответила адвокату.", "Russia"),
    ("Его перевели в больницу ГУФСИН после операции.", "Russia"),
    # Must not fire: the letters inside another word, and a report that names Belarus more often.
    ("Тонкий конкурс прошёл без происшествий.", None),
    ("В Минске суд отказал; в Минске же его и держат, хотя ФСИН запрашивала документы.", "Belarus"),
])
def test_russian_report_country(text, country):
    from habeas.nlp.ru.citations import main_country as ru_main_country
    assert ru_main_country(text) == country
