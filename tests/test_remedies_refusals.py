"""What follows a refusal, as tables: it depends on who refused (a court's decision is
appealed, a prison's refusal goes to a prosecutor or a court, a prosecutor's to a court), and
on which step was refused (after the cassation, supervisory review and the international
bodies, never the cassation again). Events are told in our own words."""

from __future__ import annotations

from datetime import date

import pytest

from habeas.remedies.procedures import ProcedureError, parse_procedure
from habeas.remedies.refusers import refuser_of
from habeas.remedies.service import track
from habeas.remedies.tracking import Told

TODAY = date(2025, 3, 1)


def told(type_, date_, *sentences, **attrs):
    return Told(type_, date_, attrs, [{"document": 7, "title": "t", "path": None, "url": None, "published": None,
                                       "evidence": s} for s in sentences])


def remedy(events, country, procedure, today=TODAY):
    remedies, _ = track(events, country, today)
    return next(r for r in remedies if r["procedure"] == procedure)


@pytest.mark.parametrize(("author", "sentences", "ruling", "kind"), [
    ("Kirovsky district court", [], False, "court"),
    ("судья", [], False, "court"),
    ("regional prosecutor's office", [], False, "prosecutor"),
    ("прокуратура области", [], False, "prosecutor"),
    ("colony administration", [], False, "administration"),
    ("УФСИН", [], False, "administration"),
    ("Interior Ministry", [], False, "administration"),
    # No author: the one kind the sentence names.
    (None, ["The prison governor turned the request down."], False, "administration"),
    # The sentence names two kinds: unknown, and every remedy is offered.
    (None, ["The prosecutor declined to pass her complaint on to the court."], False, None),
    # Names nobody at all.
    (None, ["The request was turned down."], False, None),
    ("the authorities", [], False, None),
    # A ruling on appeal is a court's, whatever the sentence says.
    (None, ["The verdict was upheld."], True, "court"),
])
def test_who_refused(author, sentences, ruling, kind):
    assert refuser_of(author, sentences, ruling) == kind


CARE = told("petition", "2024-11-04", "Her son asked the colony for a hospital transfer.", by="son",
            to=["colony administration"], request="a hospital transfer")
BY_COLONY = told("response", "2024-11-25", "The colony refused the transfer.", by="colony administration",
                 outcome="rejected")
BY_COURT = told("response", "2024-12-10", "A judge of the district court turned down the hospital transfer.",
                by="district court", outcome="rejected")
BY_PROSECUTOR = told("response", "2024-12-10", "The prosecutor's office found no ground to order a hospital transfer.",
                     by="prosecutor's office", outcome="rejected")
BY_NOBODY = told("response", "2024-12-10", "The transfer was refused.", outcome="rejected")
# The author is the colony, though the sentence speaks of a court it could go to.
BY_COLONY_COURT_MENTIONED = told("response", "2024-11-25", "The colony refused, saying she could go to court.",
                                 by="colony administration", outcome="rejected")


@pytest.mark.parametrize(("events", "refused_by", "offered", "not_offered"), [
    ([CARE, BY_COLONY], "administration", ["ru-complaint-prosecutor", "ru-complaint-court"], ["ru-appeal-cassation"]),
    ([CARE, BY_COLONY_COURT_MENTIONED], "administration", ["ru-complaint-prosecutor", "ru-complaint-court"],
     ["ru-appeal-cassation"]),
    # A court refused: the appeal (15 days), not a complaint against the prison administration.
    ([CARE, BY_COURT], "court", ["ru-appeal-cassation"], ["ru-complaint-prosecutor", "ru-complaint-court"]),
    # The prosecutor refused: a claim to a court, not a complaint to the prosecutor again.
    ([CARE, BY_PROSECUTOR], "prosecutor", ["ru-complaint-court"], ["ru-complaint-prosecutor", "ru-appeal-cassation"]),
    # Who refused is not told: every remedy against a refusal is offered.
    ([CARE, BY_NOBODY], None, ["ru-complaint-prosecutor", "ru-complaint-court", "ru-appeal-cassation"], []),
])
def test_what_follows_depends_on_who_refused(events, refused_by, offered, not_offered):
    found = remedy(events, "Russia", "medical-request")
    offers = [o["procedure"] for o in found["after_refusal"]]
    assert found["refused_by"] == refused_by
    assert set(offered) <= set(offers) and not set(not_offered) & set(offers)
    assert offers[-1] == "un-urgent-appeal"          # the country's own remedies come first


def test_a_court_refusal_to_transfer_is_appealed_within_fifteen_days():
    found = remedy([CARE, BY_COURT], "Russia", "medical-request", date(2024, 12, 20))
    appeal = next(o for o in found["after_refusal"] if o["procedure"] == "ru-appeal-cassation")
    assert (appeal["deadline"]["file_by"], appeal["deadline"]["days_left"]) == ("2024-12-25", 5)
    assert "art. 389.4 part 1" in appeal["deadline"]["rule"]


APPEAL_LOST = told("appeal", "2024-02-15", "The regional court upheld the sentence on appeal.", outcome="upheld")
CASSATION_LOST = told("appeal", "2024-09-03", "The Supreme Court dismissed his cassation complaint.",
                      outcome="upheld")
CASSATION_LOST_RU = told("appeal", "2024-09-03", "Кассационный суд оставил приговор без изменения.", outcome="upheld")
SUPERVISORY_LOST = told("appeal", "2025-01-20", "The Supreme Court refused to take up his supervisory complaint.",
                        outcome="upheld")
# The appeal's ruling and the filing that follows it, told as one event (two sentences).
APPEAL_THEN_FILING = told("appeal", "2024-02-15", "The appeal chamber of the regional court upheld the five-year term.",
                          "Her lawyer is taking the case to the Supreme Court.", outcome="upheld")
# The same in one sentence.
APPEAL_THEN_FILING_ONE = told("appeal", "2024-02-15", "The appeals court upheld the verdict and the defence said "
                              "it would turn to the Supreme Court.", outcome="upheld")


@pytest.mark.parametrize(("events", "country", "procedure", "next_id", "file_by"), [
    # Appeal lost: the cassation, six months from the appeal's ruling.
    ([APPEAL_LOST], "Russia", "ru-appeal-cassation", "cassation", "2024-08-15"),
    # Cassation lost: supervisory review, a year from the judgment's entry into force (the
    # appeal's ruling of 15 February), never from the cassation's ruling.
    ([APPEAL_LOST, CASSATION_LOST], "Russia", "ru-appeal-cassation", "supervisory", "2025-02-15"),
    ([APPEAL_LOST, CASSATION_LOST_RU], "Russia", "ru-appeal-cassation", "supervisory", "2025-02-15"),
    # No appeal ruling told: the rule is shown, no day is guessed.
    ([CASSATION_LOST], "Russia", "ru-appeal-cassation", "supervisory", None),
    # Supervisory review lost: nothing is left at home.
    ([APPEAL_LOST, CASSATION_LOST, SUPERVISORY_LOST], "Russia", "ru-appeal-cassation", None, None),
    # A country with no file of its own: the generic outline, with no time limits.
    ([APPEAL_LOST, CASSATION_LOST], "Kazakhstan", "appeal-cassation", "supervisory_review", None),
    # Rows that must not read as a lost cassation: the appeal's ruling told with the next filing.
    ([APPEAL_THEN_FILING], "Kazakhstan", "appeal-cassation", "cassation", None),
    ([APPEAL_THEN_FILING_ONE], "Russia", "ru-appeal-cassation", "cassation", "2024-08-15"),
])
def test_after_each_court_the_next_one(events, country, procedure, next_id, file_by):
    found = remedy(events, country, procedure)
    assert found["state"] == "rejected" and found["refused_by"] == "court"
    step = found["next_step"] or {}
    assert step.get("id") == next_id
    assert ((step.get("deadline") or {}).get("file_by")) == file_by


@pytest.mark.parametrize(("events", "country", "offers"), [
    # The UN bodies; the ECtHR is not open against Russia (left the Council of Europe).
    ([APPEAL_LOST, CASSATION_LOST, SUPERVISORY_LOST], "Russia", ["un-hrc", "un-wgad"]),
    ([APPEAL_LOST, CASSATION_LOST], "Armenia", ["un-wgad", "un-hrc", "echr-application"]),
])
def test_after_the_last_court_the_international_bodies(events, country, offers):
    procedure = "ru-appeal-cassation" if country == "Russia" else "appeal-cassation"
    found = remedy(events, country, procedure)
    assert [o["procedure"] for o in found["after_refusal"]] == offers
    assert "cassation" not in {o["procedure"] for o in found["after_refusal"]}


BASE = """
id: mine
title: A test procedure
jurisdiction: any
legal_basis: [a law]
sources: [a text]
applies: [word]
steps:
  - id: first
    title: First
    actor: someone
    match: {types: [petition]}
    leads_to: {rejected: second}
  - id: second
    title: Second
    actor: someone
    file_within: {days: 10, from: the first ruling, basis: art. 1, after_step: AFTER}
    match: {types: [petition], words: [second]}
"""


@pytest.mark.parametrize(("after_refusal", "after_step", "error"), [
    ("[un-wgad]", "first", None),                                  # a list: whoever refused
    ("{court: [un-wgad], administration: [un-hrc]}", "first", None),
    ("{judge: [un-wgad]}", "first", "after_refusal.judge"),         # no such kind of authority
    ("[un-wgad]", "second", "after_step: 'second' is no earlier step id"),
    ("[un-wgad]", "third", "after_step: 'third' is no earlier step id"),
])
def test_procedure_files_say_who_refused_and_when_the_clock_starts(after_refusal, after_step, error):
    text = BASE.replace("AFTER", after_step) + f"after_refusal: {after_refusal}\n"
    if error is None:
        procedure = parse_procedure(text, "mine.yml")
        assert procedure.offers_for("court") and procedure.offers_for(None)
    else:
        with pytest.raises(ProcedureError, match=error):
            parse_procedure(text, "mine.yml")


def test_a_list_is_for_any_refusal_and_keys_add_to_it():
    procedure = parse_procedure(BASE.replace("AFTER", "first")
                                + "after_refusal: {any: [un-wgad], court: [appeal-cassation], "
                                  "administration: [complaint-court]}\n", "mine.yml")
    assert procedure.offers_for("court") == ["un-wgad", "appeal-cassation"]
    assert procedure.offers_for("prosecutor") == ["un-wgad"]
    assert procedure.offers_for(None) == ["un-wgad", "appeal-cassation", "complaint-court"]
