"""Ages beside a name, read from the text on either side of it."""

import pytest

from habeas.nlp.ages import AGE, AGE_AFTER, AGE_BEFORE


@pytest.mark.parametrize(("after", "expected"), [
    (", 50, was detained", 50),
    (" (37) was detained", 37),
    (", aged 29, was freed", 29),
    (", now 70, walked free", 70),
    (", a 38-year-old pastor, was jailed", 38),
    (", an 81-year-old veteran, died", 81),
    (", 2019 was the year", None),        # a year is no age
    (", who was jailed in 1999", None),
])
def test_age_right_after_a_name(after, expected):
    m = AGE.search(after)
    assert (int(m.group("a")) if m else None) == expected


@pytest.mark.parametrize(("before", "expected"), [
    ("the court jailed 26-year-old ", 26),
    ("a 45-year-old Baptist pastor ", 45),
    ("20-year-old Ali Karimov and 26-year-old ", 26),   # the nearest one
    ("after 15 years in prison, ", None),
])
def test_age_before_a_name(before, expected):
    m = AGE_BEFORE.search(before)
    assert (int(m.group("a")) if m else None) == expected


@pytest.mark.parametrize(("after", "expected"), [
    (" who is 45, has been ill", 45),
    (" turned 61 in prison", 61),
    (" spent 10 years in a colony", None),
])
def test_age_further_on(after, expected):
    m = AGE_AFTER.search(after)
    assert (int(m.group("a")) if m else None) == expected


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("суд приговорил 41-летнего ", " к пяти годам", 41),
    ("в колонии в возрасте 70 лет умер ", ", бывший депутат", 70),
    ("20-летнего Петра Орлова и 26-летнего ", " задержали", 26),
    ("задержали ", ", которому 29 лет, в аэропорту", 29),
    ("блогер ", " (44 года) находится под арестом", 44),
    ("журналистку ", ", которой уже 52 года, этапировали", 52),
    ("спустя 15 лет задержали ", " в Омске", None),
])
def test_russian_age_beside_a_name(before, after, expected):
    from habeas.nlp.ru.attributes import AGE_AFTER as RU_AFTER
    from habeas.nlp.ru.attributes import AGE_BEFORE as RU_BEFORE
    from habeas.nlp.ru.attributes import age_of
    found = age_of(RU_BEFORE.search(before)) or age_of(RU_AFTER.search(after))
    assert (int(found) if found else None) == expected
