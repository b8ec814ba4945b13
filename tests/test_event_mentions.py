"""Event mentions: a noun that names an event told elsewhere ("since his arrest") joins that
event; a noun that names the time spent held ("in detention", "house arrest") is no event;
and the wordings of the events that must be found, with rows that must not fire."""

import pytest

from habeas import extract


def of_type(text, etype):
    return [(e.persons, e.date) for e in extract(text).events if e.type == etype]


@pytest.mark.parametrize(("text", "expected"), [
    # a re-mention after the event told: one arrest, with the date of the telling
    ("Police arrested blogger Aidos Karimov on 3 May 2021. Since his arrest in May he has lost "
     "much weight.", [(["Aidos Karimov"], "2021-05-03")]),
    ("Journalist Lena Orlova was detained in Minsk on 12 June 2020. The day after her detention "
     "she was questioned without a lawyer.", [(["Lena Orlova"], "2020-06-12")]),
    ("Security officers detained poet Ruslan Adilov in March 2019. In April 2019 rights groups "
     "condemned the arrest of Adilov.", [(["Ruslan Adilov"], "2019-03")]),
    ("Activist Omar Saidov was arrested in January 2018. In November 2019 the UN described "
     "Saidov's detention as arbitrary.", [(["Omar Saidov"], "2018-01")]),
    # a re-mention told alone stands for the event
    ("The arrest of journalist Farid Aliyev on 4 April 2022 drew protests.",
     [(["Farid Aliyev"], "2022-04-04")]),
    # placing someone in detention is the act, however the parse hangs it
    ("A court placed lawyer Dana Kimova in pretrial detention on 2 May 2023.",
     [(["Dana Kimova"], "2023-05-02")]),
    ("Poet Ilya Sorin was placed under house arrest on 9 March 2024.", [(["Ilya Sorin"], "2024-03-09")]),
    ("A judge put economist Mira Tal under house arrest in June 2023.", [(["Mira Tal"], "2023-06")]),
    # the time held, not an arrest
    ("Teacher Olga Brant has lost ten kilograms in detention.", []),
    ("Blogger Sanjar Rakhimov was moved to house arrest in May 2022.", []),
    ("Blogger Timur Ismailov is on hunger strike against his detention.", []),
    ("The authorities continue the unlawful detention of lawyer Rustam Davletov.", []),
    ("Lawyer Rustam Davletov has spent three years under house arrest.", []),
])
def test_arrest_mentions(text, expected):
    assert of_type(text, "arrest") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Guards beat activist Nodir Usmonov in the colony in May 2022.", [(["Nodir Usmonov"], "2022-05")]),
    ("Officers threatened Nodir Usmonov's family in June 2021.", [(["Nodir Usmonov"], "2021-06")]),
    # an adjective built on the verb names no act
    ("Activist Nodir Usmonov suffers from a life-threatening heart condition.", []),
    ("Blogger Nodir Usmonov has a health-threatening form of diabetes.", []),
])
def test_ill_treatment_mentions(text, expected):
    assert of_type(text, "ill_treatment") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Teacher Ravshan Qodirov was dispatched to a penal colony in the far north in May 2021.",
     [(["Ravshan Qodirov"], "2021-05")]),
    ("On 3 March 2022 Ravshan Qodirov was taken from the colony near Navoi to the prison hospital.",
     [(["Ravshan Qodirov"], "2022-03-03")]),
    ("Ravshan Qodirov was returned to the colony on 9 June 2022.", [(["Ravshan Qodirov"], "2022-06-09")]),
    ("After treatment Ravshan Qodirov was sent back to the prison on 1 July 2022.",
     [(["Ravshan Qodirov"], "2022-07-01")]),
    ("In April 2023 Ravshan Qodirov was rushed to the prison hospital with bleeding.",
     [(["Ravshan Qodirov"], "2023-04")]),
    ("In 2020 the two men, Ravshan Qodirov and Bakhrom Aliev, were taken to two separate colonies.",
     [(["Ravshan Qodirov", "Bakhrom Aliev"], "2020")]),
    # no destination that is a place of detention, or not moved by others
    ("Ravshan Qodirov returned to his village after his release in 2019.", []),
    ("Ravshan Qodirov was sent a parcel by his wife.", []),
    ("His lawyer was brought back to the question of the fine by Ravshan Qodirov.", []),
])
def test_transfer_wordings(text, expected):
    assert of_type(text, "transfer") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a condition told as the person's state beside another event of the sentence
    ("Blogger Anvar Tursunov, who has tuberculosis, was moved to a colony in 2021.", 1),
    ("In 2022 Anvar Tursunov was taken to the prison hospital with a perforated ulcer.", 1),
    ("Anvar Tursunov was moved to a clinic, where doctors found hepatitis C.", 1),
    ("Guards refused Anvar Tursunov a specialist despite his diabetes.", 1),
    # the ground of a request is no health event of its own
    ("His wife petitioned for the release of Anvar Tursunov in light of his tuberculosis.", 0),
    ("The lawyer of Anvar Tursunov filed a petition for his release on account of his diabetes.", 0),
    ("His mother asked the court to free Anvar Tursunov because he is ill with tuberculosis.", 0),
])
def test_condition_beside_another_event(text, expected):
    assert len(of_type(text, "health")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a state dated from the arrest stands for it when the arrest is told nowhere else
    ("Economist Kamal Rustamov has been in pretrial detention since July 2023.", [(["Kamal Rustamov"], "2023-07")]),
    ("Police arrested economist Kamal Rustamov on 23 July 2023. He has been in pretrial detention since July.",
     [(["Kamal Rustamov"], "2023-07-23")]),
])
def test_held_since(text, expected):
    assert of_type(text, "arrest") == expected


def test_rementions_told_nowhere_else_stand_once():
    text = ("Economist Kamal Rustamov denies the charges and says his arrest was ordered by the "
            "government. Officials insist the arrest of Rustamov is not political.")
    assert len(of_type(text, "arrest")) == 1


@pytest.mark.parametrize(("text", "expected"), [
    # background in a relative clause or participle joins the sentence told
    ("Scholar Erkin Nazarov was sentenced to life in prison on 23 September 2014. In 2020 Nazarov, "
     "who was sentenced to life in prison, was denied visits.", [(["Erkin Nazarov"], "2014-09-23")]),
    ("A court sentenced Erkin Nazarov to eleven years on 6 September 2021. On 28 November Nazarov, "
     "sentenced to eleven years, was taken to intensive care.", [(["Erkin Nazarov"], "2021-09-06")]),
    # told only as background, it still stands for the sentence
    ("Erkin Nazarov, who was sentenced to life in 2014, has died in prison.", [(["Erkin Nazarov"], "2014")]),
])
def test_sentence_background(text, expected):
    assert of_type(text, "sentence") == expected
