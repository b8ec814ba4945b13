"""Health events told as the outcome of something else ("the beating ended in hospital"):
our own sentences, several per wording, with rows that must not fire (modal, negated,
conditional, a fear, a relative's own illness)."""

import pytest

from habeas import extract

HELD = "Blogger Timur Nazarov is held in Prison No. 5. "


def health_of(text, published="2024-06-20", language=None):
    case = extract(text, published=published, language=language)
    return [e.persons for e in case.events if e.type == "health"]


@pytest.mark.parametrize(("text", "expected"), [
    # a hospital stay or an operation as the result of what was done to him
    (HELD + "Guards beat him so badly that the injuries led to his hospitalisation.", [["Timur Nazarov"]]),
    (HELD + "In March he was tortured by officers, which resulted in his hospitalization.", [["Timur Nazarov"]]),
    (HELD + "Repeated beatings by guards necessitated his hospitalization.", [["Timur Nazarov"]]),
    (HELD + "His broken leg required surgery.", [["Timur Nazarov"]]),
    (HELD + "The untreated wound on his foot ended in amputation.", [["Timur Nazarov"]]),
    # … and what tells none
    (HELD + "His lawyer says the beatings could lead to his hospitalisation.", []),
    (HELD + "The bruises did not require hospitalization.", []),
    (HELD + "If he does not receive treatment, the wound may require surgery.", []),
    (HELD + "His lawyer fears for his health.", []),
    (HELD + "Doctors warned that he could fall ill.", []),
    # a relative's own illness is not the prisoner's
    (HELD + "His mother was hospitalised after a stroke.", []),
    (HELD + "His wife's illness led to her hospitalisation.", []),
    (HELD + "His father suffers from diabetes.", []),
    (HELD + "His elderly father underwent heart surgery last month.", []),
    (HELD + "His daughter was diagnosed with asthma.", []),
    (HELD + "His mother said that he suffers from diabetes.", [["Timur Nazarov"]]),
])
def test_health_as_an_outcome(text, expected):
    assert health_of(text) == expected


RU_HELD = "Активист Тимур Назаров отбывает срок в колонии № 3. "


@pytest.mark.parametrize(("text", "expected"), [
    # weight lost, complaints of pain, falling ill with a medical unit in view
    (RU_HELD + "За полгода в заключении он похудел на двенадцать килограммов.", [["Тимур Назаров"]]),
    (RU_HELD + "По словам адвоката, Назаров потерял в колонии 15 кг.", [["Тимур Назаров"]]),
    (RU_HELD + "Назаров постоянно жалуется на боли в сердце.", [["Тимур Назаров"]]),
    (RU_HELD + "Он неоднократно жаловался на свое здоровье.", [["Тимур Назаров"]]),
    (RU_HELD + "Назаров заболел, и его отвели в медчасть.", [["Тимур Назаров"]]),
    # … and what tells none
    (RU_HELD + "Он жаловался на условия содержания в колонии.", []),
    (RU_HELD + "Мать Назарова опасается за его здоровье.", []),
    (RU_HELD + "Адвокат опасается, что Назаров может заболеть.", []),
    (RU_HELD + "Он не похудел за время заключения.", []),
    (RU_HELD + "Назаров потерял работу после ареста.", []),
])
def test_russian_health(text, expected):
    assert health_of(text, language="ru") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a weight loss without a figure is named as a condition; with one, the figure stays
    ("In the colony he has lost a lot of weight.", ["weight loss"]),
    ("Visitors said she had lost weight.", ["weight loss"]),
    ("He is losing weight quickly.", ["weight loss"]),
    ("He lost much weight during the hunger strike.", ["weight loss"]),
    ("Since the arrest he has lost significant weight.", ["weight loss"]),
    ("He has lost 14 kilograms since his arrest.", ["lost 14 kilograms"]),
    ("She lost over 20 pounds in detention.", ["lost over 20 pounds"]),
    ("He lost his job after the arrest.", []),
])
def test_weight_loss_named(text, expected):
    from habeas.nlp.conditions import find_conditions
    assert [c.name for c in find_conditions(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a vague word made medical by what goes with it
    ("У него проблемы с печенью.", ["проблемы с печенью"]),
    ("Активистка жалуется на проблемы с сердцем.", ["проблемы с сердцем"]),
    ("В колонии у него начались проблемы со зрением.", ["проблемы со зрением"]),
    ("Ему вызвали скорую из-за повышенного давления.", ["повышенное давление"]),
    ("У заключенного высокое артериальное давление.", ["высокое артериальное давление"]),
    # … and none
    ("У него проблемы с адвокатом.", []),
    ("Власти оказывают давление на его семью.", []),
    ("Следователи усилили давление на активиста.", []),
])
def test_russian_qualified_conditions(text, expected):
    from habeas.nlp.ru.analysis import analyse
    from habeas.nlp.ru.conditions import find_conditions
    assert [c.name for c in find_conditions(analyse(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a medical finding that he cannot be held
    (HELD + "Doctors found him unfit for prison because of his heart.", [["Timur Nazarov"]]),
    (HELD + "A commission declared him unfit for detention in March.", [["Timur Nazarov"]]),
    (HELD + "He was jailed although he is unfit for custody.", [["Timur Nazarov"]]),
    (HELD + "His lawyer says he is unfit to be held in prison.", [["Timur Nazarov"]]),
    (HELD + "Medical experts ruled that he was unfit to serve his sentence.", [["Timur Nazarov"]]),
    (HELD + "A commission found him not unfit for detention.", []),
])
def test_unfit_for_prison(text, expected):
    assert health_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("At the hearing he looked emaciated.", ["emaciated"]),
    ("He has grown gaunt in custody.", ["gaunt"]),
    ("The guards were gauntleted.", []),
])
def test_looks_of_illness(text, expected):
    from habeas.nlp.conditions import find_conditions
    assert [c.name for c in find_conditions(text)] == expected
