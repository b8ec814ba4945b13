""""They", "both" and "the activists" refer back to the persons just named together: the
charges and events told of them are each person's. Texts are our own."""

import pytest

from habeas.model import Document
from habeas.nlp.pipeline import default_extractor


def _case(text: str):
    return default_extractor().extract(Document(text=text, published="2024-03-15"))


def _charges(case, surname: str) -> list[str]:
    return [ch.lower() for p in case.persons if surname in p.name for ch in p.charges]


@pytest.mark.parametrize(("text", "names", "charge"), [
    ("The court sentenced Mahmud Karimov and Nodira Azimova to ten days of arrest. "
     "They were found guilty of petty hooliganism.", ["Karimov", "Azimova"], "petty hooliganism"),
    ("Police detained Ali Rezaei and Hossein Ahmadi in Tehran on Monday. Both were charged with espionage.",
     ["Rezaei", "Ahmadi"], "espionage"),
    ("A city court jailed Yusuf Demir and Hakan Yilmaz for six years. They were convicted of terrorism.",
     ["Demir", "Yilmaz"], "terrorism"),
    ("On 3 May a court sentenced blogger Anna Volkova and reporter Sergei Petrov to four years. "
     "The court found the journalists guilty of treason.", ["Volkova", "Petrov"], "treason"),
    ("Investigators arrested activists Aigul Bekova and Timur Saparov in Bishkek. "
     "The activists were charged with organizing mass riots.", ["Bekova", "Saparov"], "organizing mass riots"),
])
def test_plural_reference_gives_each_person_the_charge(text, names, charge):
    case = _case(text)
    for name in names:
        assert charge in _charges(case, name), name


@pytest.mark.parametrize(("text", "name", "charge"), [
    # a possessive names others: "their lawyers"
    ("Police detained Ali Rezaei and Hossein Ahmadi in Tehran. Their lawyers were later charged with fraud.",
     "Rezaei", "fraud"),
    # "they" after one person named: the police, not a group of detainees
    ("Police detained Karim Nasri in Tunis. They said a court had jailed a cousin for smuggling.",
     "Nasri", "smuggling"),
    # a group named two sentences back is out of reach
    ("The court sentenced Mahmud Karimov and Nodira Azimova to ten days of arrest. The hearing lasted "
     "an hour. A week later the prosecutor said they were suspected of fraud.", "Azimova", "fraud"),
])
def test_plural_reference_must_not_reach(text, name, charge):
    assert charge not in _charges(_case(text), name)


def _detained(case) -> set[str]:
    return {p.name for p in case.persons if p.detained}


@pytest.mark.parametrize(("text", "names"), [
    # a number with "all"/"the" stands for every person of the list before it, however the
    # list breaks into groups with titles between them
    ("The defendants include journalist Aliya Mamedova, blogger Rauf Guliyev and reporters Nigar Hasanova "
     "and Tofig Aliyev. All four have been in pretrial detention since May 2023.",
     {"Aliya Mamedova", "Rauf Guliyev", "Nigar Hasanova", "Tofig Aliyev"}),
    ("Police detained Ali Rezaei and Hossein Ahmadi at a rally. The two were taken to Evin prison.",
     {"Ali Rezaei", "Hossein Ahmadi"}),
    ("Activists Erlan Bekov and Aida Sadykova spoke at the protest. Both were arrested the next day.",
     {"Erlan Bekov", "Aida Sadykova"}),
])
def test_plural_number_reference_makes_each_detained(text, names):
    assert names <= _detained(_case(text))


@pytest.mark.parametrize(("text", "name"), [
    # a number with no determiner, or counting others than the ones named
    ("Lawyers Aliya Mamedova and Rauf Guliyev visited the prison. Six inmates have been in "
     "pretrial detention since May.", "Rauf Guliyev"),
    ("Judges Aliya Mamedova and Rauf Guliyev heard the case. Two of the defendants were jailed.",
     "Rauf Guliyev"),
])
def test_plural_number_reference_must_not_reach(text, name):
    assert name not in _detained(_case(text))
