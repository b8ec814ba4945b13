"""Events: type, persons, date and attributes, from our own sentences."""

import pytest

from habeas import extract


def events(text, published=None):
    return [(e.type, e.persons, e.date) for e in extract(text, published=published).events]


@pytest.mark.parametrize(("text", "expected"), [
    ("Police arrested activist Murad Saparov in April 2019.",
     [("arrest", ["Murad Saparov"], "2019-04")]),
    ("Activist Murad Saparov was sentenced to six years in prison in August 2019.",
     [("sentence", ["Murad Saparov"], "2019-08")]),
    ("Journalist Aigul Bekova went on a hunger strike on 3 March 2022.",
     [("hunger_strike", ["Aigul Bekova"], "2022-03-03")]),
    ("Blogger Timur Rakhimov died in prison in October 2020.",
     [("death", ["Timur Rakhimov"], "2020-10")]),
    ("Activist Murad Saparov was transferred to a hospital in May 2021.",
     [("transfer", ["Murad Saparov"], "2021-05")]),
    ("Blogger Timur Rakhimov has not received proper medical care in the colony.",
     [("denial", ["Timur Rakhimov"], None)]),
    ("Since May, all visits to journalist Aigul Bekova have been banned.",
     [("denial", ["Aigul Bekova"], "XXXX-05")]),
    # requests, fears and possibilities are not events
    ("Activist Murad Saparov should be released immediately.", []),
    ("Rights groups fear that activist Murad Saparov will be transferred to a colony.", []),
    # a record of many occasions is no one arrest or sentence; one occasion counted is
    ("Over the years, activist Leyla Yunus has been detained numerous times.", []),
    ("Blogger Ruslan Amirov has been arrested repeatedly since 2015.", []),
    ("Journalist Anna Petrova has been jailed several times for her reporting.", []),
    ("Poet Oleg Frolov became known in 2011 and has been detained for most of the time since then.", []),
    ("Activist Murad Saparov has often been detained at protests, his wife said.", []),
    ("Activist Leyla Yunus was detained on 3 May 2023 for the third time.",
     [("arrest", ["Leyla Yunus"], "2023-05-03")]),
    ("Activist Murad Saparov has been held in Colony 5 since 2021.", [("arrest", ["Murad Saparov"], "2021")]),
    # the time spent held is no arrest
    ("Blogger Timur Rakhimov wrote two books during his two-year detention.", []),
    # an illness told of a detainee is a health event, with or without a word for one
    # ("held … since 2021" is the arrest, dated by it: GUIDELINES, arrest and remand)
    ("Journalist Aigul Bekova has been held in the women's colony in Tashkent since 2021. "
     "She also has low hemoglobin levels.",
     [("arrest", ["Aigul Bekova"], "2021"), ("health", ["Aigul Bekova"], None)]),
    ("Journalist Aigul Bekova has been held in the women's colony in Tashkent since 2021. "
     "Doctors found no sign of tuberculosis.", [("arrest", ["Aigul Bekova"], "2021")]),
    ("Journalist Aigul Bekova has been held in the women's colony in Tashkent since 2021. "
     "Her family asked the prosecutor to release her because of her tuberculosis.",
     [("arrest", ["Aigul Bekova"], "2021"), ("petition", ["Aigul Bekova"], None)]),
    # an answer answers a request named in its sentence or the one before
    ("Relatives of blogger Timur Rakhimov protested outside the colony where he is held. "
     "Police responded with batons.", []),
    ("UN experts sent a communication about blogger Timur Rakhimov to the government in May 2021. "
     "The government did not reply.", [("petition", ["Timur Rakhimov"], "2021-05"),
                                       ("response", ["Timur Rakhimov"], "2021-05")]),
])
def test_event_types_persons_and_dates(text, expected):
    assert events(text) == expected


def test_relative_dates_follow_the_previous_event():
    text = ("Activist Nodir Khasanov was first detained in June 2014 but was released two weeks later. "
            "Shortly afterwards he was arrested again. Later that year, a court sentenced him to "
            "eight years in prison.")
    got = events(text)
    assert ("arrest", ["Nodir Khasanov"], "2014-06") in got
    assert ("release", ["Nodir Khasanov"], "2014-06") in got
    assert ("arrest", ["Nodir Khasanov"], "2014") in got
    assert ("sentence", ["Nodir Khasanov"], "2014") in got


def test_petition_and_response_attributes():
    text = ("Jailed poet Dovlet Annayev has tuberculosis. In March, his wife petitioned the Supreme "
            "Court and the Ombudsman, requesting his release on health grounds. She cited Article 76 "
            "of the Criminal Code. On May 2, the court rejected the petition.")
    case = extract(text, published="2024-06-01")
    petition = next(e for e in case.events if e.type == "petition")
    assert petition.date == "2024-03"
    assert petition.persons == ["Dovlet Annayev"]
    assert petition.attrs["by"] == "wife"
    assert "Supreme Court" in petition.attrs["to"]
    assert petition.attrs["basis"] == ["Criminal Code art. 76"]
    response = next(e for e in case.events if e.type == "response")
    assert response.date == "2024-05-02"
    assert response.attrs["outcome"] == "rejected"


def test_every_event_carries_its_sentence_as_evidence():
    text = "Activist Murad Saparov was arrested in April 2019. Nothing else happened."
    (event,) = extract(text).events
    assert text[event.evidence.start:event.evidence.end].strip() == event.evidence.text
    assert event.evidence.text == "Activist Murad Saparov was arrested in April 2019."


def test_a_further_request_leans_on_the_one_before():
    text = ("Blogger Timur Rakhimov is gravely ill. In May his mother asked the Ombudsman to release him. "
            "On 10 June she sent a request again.")
    petitions = [e for e in extract(text, published="2024-07-01").events if e.type == "petition"]
    assert [p.date for p in petitions] == ["2024-05", "2024-06-10"]


@pytest.mark.parametrize(("text", "petitioners"), [
    # Requests by different people are different petitions, dated or not…
    ("Blogger Timur Rakhimov is gravely ill. His lawyer applied to the prison governor for a medical "
     "examination. Amnesty International appealed to the President of Uzbekistan to release Rakhimov.",
     ["lawyer", "Amnesty"]),
    # …but any two relatives stand for one family asking once.
    ("Blogger Timur Rakhimov is gravely ill. His family appealed to the prosecutor to release him. "
     "The prosecutor rejected the request filed by his relatives.", ["family"]),
])
def test_petitions_by_different_people_stay_apart(text, petitioners):
    petitions = [e for e in extract(text, published="2024-07-01").events if e.type == "petition"]
    assert len(petitions) == len(petitioners), [p.attrs for p in petitions]
    for petition, who in zip(petitions, petitioners):
        assert who.lower() in petition.attrs["by"].lower()


@pytest.mark.parametrize(("text", "etype", "attrs"), [
    ("Activist Aziz Karimov is ill. In May his wife asked the prosecutor to release him. On 3 June the "
     "prosecutor rejected the request, saying that his illness is not on the list.",
     "response", {"reason": "his illness is not on the list"}),
    ("Activist Aziz Karimov is ill. In May his wife asked the prosecutor to release him. On 3 June the "
     "prosecutor's office replied. The letter stated that no grounds for release were found.",
     "response", {"reason": "no grounds for release were found"}),
    ("Activist Aziz Karimov, 61, is serving ten years. In July 2024 a Health Ministry commission "
     "confirmed that he has tuberculous arthritis.",
     "health", {"condition": "tuberculous arthritis", "by": "Health Ministry commission"}),
])
def test_response_reasons_and_who_found_an_illness(text, etype, attrs):
    (event,) = [e for e in extract(text, published="2024-09-01").events if e.type == etype]
    assert {k: event.attrs.get(k) for k in attrs} == attrs


TWO_HELD = "Police detained cameraman Elvin Mammadov and editor Nigar Hasanova last year. A court freed Mammadov on Tuesday."


@pytest.mark.parametrize(("text", "person", "not_person"), [
    # an answer is about whom the request was for, not the official who gave it nor the
    # detainee named last
    ("Hasanova remains in custody after Judge Rauf Aliyev turned down her request to be moved to house arrest.",
     "Nigar Hasanova", "Rauf Aliyev"),
    ("The Supreme Court rejected Hasanova's application for parole.", "Nigar Hasanova", "Elvin Mammadov"),
    ("The prison governor refused her request for a visit from a doctor, Hasanova's sister said.",
     "Nigar Hasanova", "Elvin Mammadov"),
    ("Her petition for a pardon was rejected by the president in May, Hasanova's lawyer said.",
     "Nigar Hasanova", "Elvin Mammadov"),
    ("The prosecutor's office dismissed Hasanova's complaint about the beating.", "Nigar Hasanova",
     "Elvin Mammadov"),
    # must not: a request of the state is no one's remedy, the one it concerns is named
    ("Judge Rauf Aliyev granted the prosecutor's request to keep Hasanova in custody.", None, "Rauf Aliyev"),
])
def test_an_answer_is_about_whom_the_request_was_for(text, person, not_person):
    answers = [e.persons for e in extract(f"{TWO_HELD} {text}").events if e.type == "response"]
    assert all(not_person not in persons for persons in answers)
    if person is not None:
        assert any(person in persons for persons in answers)
