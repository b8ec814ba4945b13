"""People: who is named, under which spellings, and who is the detainee."""

import pytest

from habeas import extract


def persons(text, **kw):
    return {p.name: p for p in extract(text, **kw).persons}


@pytest.mark.parametrize(("text", "name", "aliases"), [
    ("Journalist Ruslan Tashkentov was arrested in May 2020. Tashkentov denies the charges.",
     "Ruslan Tashkentov", ["Tashkentov"]),
    # transliterations of one surname are one person
    ("Blogger Bakhtiyar Nurmukhamedov was detained in 2019. Nurmukhammedov, 41, is in poor health.",
     "Bakhtiyar Nurmukhamedov", ["Nurmukhammedov"]),
    # a lone surname is not someone else's given name that merely sounds alike
    ("Blogger Narges Mohammadi is back in Evin Prison. According to Mohammadi’s lawyer Mahmood "
     "Behzadirad, her requests are denied.", "Narges Mohammadi", ["Mohammadi"]),
])
def test_aliases_resolve_to_the_full_name(text, name, aliases):
    found = persons(text)
    assert name in found
    assert set(aliases) <= set(found[name].aliases)
    assert all(not set(aliases) & set(p.aliases) for n, p in found.items() if n != name)


@pytest.mark.parametrize(("text", "detained", "free"), [
    ("Activist Oraz Hallyev was arrested in 2021. His lawyer, Vadim Sorokin, said the case was "
     "fabricated.", ["Oraz Hallyev"], ["Vadim Sorokin"]),
    ("Teacher Kamila Yusupova was sentenced to seven years in prison. Her brother Timur Yusupov "
     "said she is ill.", ["Kamila Yusupova"], ["Timur Yusupov"]),
    ("President Nursultan Akhmetov pardoned 300 people. Political prisoner Dilnoza Ergasheva "
     "remains in prison.", ["Dilnoza Ergasheva"], ["Nursultan Akhmetov"]),
    ("Blogger Timur Yusupov was arrested in April. Sergei Volkov, Yusupov's lawyer, went on hunger "
     "strike in July in protest.", ["Timur Yusupov"], ["Sergei Volkov"]),
])
def test_detainees_are_told_from_relatives_lawyers_and_officials(text, detained, free):
    found = persons(text)
    for name in detained:
        assert found[name].detained, name
    for name in free:
        # Named, and not held: a person who disappeared from the case file would tell nothing.
        assert name in found and not found[name].detained, name


@pytest.mark.parametrize(("text", "age"), [
    ("Rustam Aliyev, 47, was detained on Monday.", 47),
    ("The 33-year-old Gulnara Sadykova was arrested in Almaty in 2022.", 33),
    ("Pavel Drozdov, aged 58, was sentenced to five years in prison.", 58),
])
def test_age(text, age):
    (person,) = [p for p in extract(text).persons if p.detained]
    assert person.age == age


def test_slots_of_a_detainee():
    text = ("Human rights defender Sanjar Umarov, 52, was sentenced in 2016 to 11 years in prison on "
            "charges of extremism and fraud. He is held in Jaslyk prison, where he was diagnosed with "
            "tuberculosis in 2019.")
    (p,) = [p for p in extract(text).persons if p.detained]
    assert p.name == "Sanjar Umarov"
    assert p.age == 52
    assert p.sentence is not None and p.sentence.years == 11
    assert {"extremism", "fraud"} <= set(p.charges)
    assert p.facilities == ["Jaslyk prison"]
    assert "tuberculosis" in p.conditions
    assert p.status == "imprisoned"
    assert "human rights defender" in p.roles
    assert p.evidence and p.slot_evidence["age"]["52"].text.startswith("Human rights defender")


@pytest.mark.parametrize(("text", "status"), [
    ("Blogger Arslan Nazarov was arrested in March 2023 and awaits trial.", "pretrial"),
    ("Blogger Arslan Nazarov was sentenced to four years in prison in 2021.", "imprisoned"),
    ("Blogger Arslan Nazarov was arrested in 2020. He was released in June 2022.", "released"),
    ("Blogger Arslan Nazarov died in prison in 2021.", "deceased"),
    ("Blogger Arslan Nazarov was placed under house arrest in 2024.", "house_arrest"),
])
def test_status(text, status):
    (p,) = [p for p in extract(text).persons if p.detained]
    assert p.status == status


def test_pronouns_agree_with_what_a_name_tells_of_gender():
    text = ("Journalist Aziz Karimov was arrested in 2020. His colleague Gulnara Sadykova was "
            "detained in 2021. She was released a month later.")
    release = next(e for e in extract(text).events if e.type == "release")
    assert release.persons == ["Gulnara Sadykova"]


def test_partitive_subjects_are_not_the_person_named():
    text = "Teacher Rustam Aliyev, 40, is in Jaslyk prison. Two of Aliyev's co-defendants have died."
    case = extract(text)
    assert [p.name for p in case.persons if p.detained] == ["Rustam Aliyev"]   # still there, held
    assert not [e for e in case.events if e.type == "death"]


def test_a_pronoun_after_a_relative_spoke_is_the_prisoner_named_with_them():
    text = ("Economist Rustam Aliyev, 58, was arrested in July and is held in a pretrial detention centre. "
            "His son, Farid Aliyev, visited Rustam Aliyev last week. He was diagnosed with diabetes.")
    persons = {p.name: p for p in extract(text).persons}
    assert persons["Rustam Aliyev"].conditions == ["diabetes"]
    assert not persons["Farid Aliyev"].conditions


def test_a_name_listed_beside_persons_counts_even_when_ner_missed_it():
    from habeas.nlp.persons import find_persons
    from habeas.nlp.pipeline import default_extractor

    doc = default_extractor().nlp("Twelve prisoners were released, including Pavel Piatrou, Kiryl Zhohau, "
                                  "Maksim Siarhei, Yahor Zialko.")
    doc.ents = [e for e in doc.ents if e.text != "Yahor Zialko"]   # as NER sometimes leaves the last one
    assert "Yahor Zialko" in [c.name for c in find_persons(doc, [])]
