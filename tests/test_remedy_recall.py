"""Remedies told more than once: several requests and several answers about one detainee stay
apart when the text marks them as distinct (another body, "previous", "another", "again"),
and answers told by what the authority did on a request."""

import pytest

from habeas import extract

HELD = "Blogger Timur Rakhimov, activist Murad Saparov and journalist Anna Petrova are serving prison terms."


def events(text, kinds=("petition", "response", "appeal")):
    return [(e.type, e.attrs.get("outcome")) for e in extract(f"{HELD} {text}").events if e.type in kinds]


def count(text, kind):
    return [t for t, _ in events(text)].count(kind)


# Two bodies refusing one request: two answers.
@pytest.mark.parametrize("text", [
    "The request of Anna Petrova's husband for her case file was rejected by the colony administration. "
    "The request was also turned down by the regional hospital.",
    "The complaint of activist Murad Saparov was dismissed by the district court. "
    "Saparov's complaint was later rejected by the regional Ombudsman as well.",
    "The application of blogger Timur Rakhimov for a transfer was refused by the prison service. "
    "The application was also refused by the Ministry of Justice.",
])
def test_answers_by_two_bodies_stay_two(text):
    assert count(text, "response") == 2


# One body named twice (a name, then a common noun for it): one answer.
@pytest.mark.parametrize("text", [
    "The Department of Corrections rejected the petition of Anna Petrova's mother. "
    "The department rejected the petition without explanation.",
    "The prosecutor's office of Almaty region dismissed the complaint of activist Murad Saparov. "
    "The office dismissed the complaint, saying it had no grounds.",
])
def test_one_body_named_twice_answers_once(text):
    assert count(text, "response") == 1


# "previous", "another", "earlier", "again": one more request or answer, not the one told.
@pytest.mark.parametrize("text", [
    "In May 2021 the court rejected a request for bail from blogger Timur Rakhimov. "
    "His previous bail requests had all been rejected.",
    "In June 2022 the prosecutor turned down a complaint from activist Murad Saparov. "
    "An earlier complaint of his was dismissed as well.",
    "In March 2020 the judge refused an application for parole by journalist Anna Petrova. "
    "A second application was refused by the judge too.",
])
def test_answers_marked_as_another_stay_apart(text):
    assert count(text, "response") == 2
    assert count(text, "petition") == 2


@pytest.mark.parametrize("text", [
    "In May 2021 the court rejected a request for bail from blogger Timur Rakhimov. "
    "The request was rejected on health grounds.",
    "In June 2022 the prosecutor turned down a complaint from activist Murad Saparov. "
    "The complaint was turned down without a hearing.",
])
def test_the_same_answer_told_twice_is_one(text):
    assert count(text, "response") == 1
