"""Each procedure's state machine, as tables: filed, answered, refused (and the remedies
against the refusal, with their deadlines counted from it), deadline passed. Events are told
in our own words."""

from __future__ import annotations

from datetime import date

import pytest

from habeas.remedies.service import track
from habeas.remedies.tracking import Told


def told(type_, date_, evidence, **attrs):
    return Told(type_, date_, attrs, [{"document": hash(evidence) % 1000, "title": "t", "path": None,
                                       "url": None, "published": None, "evidence": evidence}])


RU_PETITION = told("petition", "2024-10-01", "Her lawyer petitioned the district court to free her because of "
                   "a serious illness under Article 81 of the Criminal Code.", by="lawyer", to=["district court"],
                   basis=["Criminal Code art. 81"])
RU_REFUSED = told("response", "2024-10-20", "The district court refused to release her on health grounds.",
                  by="district court", outcome="rejected")
RU_COMMISSION = told("health", "2024-08", "A medical commission of the prison service examined her.")
RU_APPEAL_UPHELD = told("appeal", "2024-01-10", "The city court upheld the verdict on appeal.", outcome="upheld")
ECHR_ASKED = told("petition", "2024-03-01", "His lawyers asked the European Court of Human Rights for interim "
                  "measures under Rule 39.", by="lawyers", to=["European Court of Human Rights"])
ECHR_GRANTED = told("response", "2024-03-05", "The Court granted the interim measures and told the State to "
                    "give him treatment.", by="European Court of Human Rights", outcome="granted")
WGAD_SENT = told("petition", "2024-05", "The family sent a communication to the UN Working Group on Arbitrary "
                 "Detention.", by="family", to=["Working Group on Arbitrary Detention"])
WGAD_OPINION = told("response", "2024-11", "The Working Group adopted an opinion finding his detention arbitrary.",
                    by="Working Group on Arbitrary Detention", outcome="granted")
HRC_VIEWS = told("appeal", "2019", "The UN Human Rights Committee found that his conviction breached the Covenant.",
                 outcome="overturned")
NGO_ALERT = told("appeal", "2017-02-01", "Urgent Appeal: sentencing in appeal of the two activists.",
                 outcome="pending")
CARE_ASKED = told("petition", "2024-09-02", "Her mother asked the colony head for an independent medical "
                  "examination.", by="mother", to=["colony administration"], request="an independent medical examination")
CARE_REFUSED = told("response", "2024-09-30", "The colony refused the examination.", by="colony administration",
                    outcome="rejected")
PAROLE_ASKED = told("petition", "2024-06-03", "His lawyer petitioned the court for his release on parole.",
                    by="lawyer", to=["court"])
PAROLE_REFUSED = told("response", "2024-07-01", "The court refused him parole, saying he had not admitted guilt.",
                      by="court", outcome="rejected")
BY_PETITION = told("petition", "2024-10-01", "His wife asked the court to free him from the rest of his term "
                   "because of illness under Article 92 of the Criminal Code.", by="wife", to=["court"],
                   basis=["Criminal Code art. 92"])
BY_SUBMISSION = told("petition", "2024-10-03", "The colony head sent the court a submission to release the "
                     "prisoner on medical grounds: he has late-stage cancer.", by="colony head", to=["court"])
BY_PETITION_RU = told("petition", "2024-10-02", "Адвокат подал в суд ходатайство об освобождении от наказания "
                      "по заболеванию (ст. 92 УК).", by="адвокат", to=["суд"])
BY_COMMISSION = told("health", "2024-09", "A medical commission examined the prisoner in the colony hospital.")
BY_COMMISSION_RU = told("health", "2024-09", "Врачебная комиссия провела освидетельствование осуждённого.")
BY_REFUSED = told("response", "2024-10-25", "The district court declined to release him because of illness.",
                  by="district court", outcome="rejected")
BY_REFUSED_RU = told("response", "2024-10-25", "Суд отказал в освобождении по заболеванию.", by="суд",
                     outcome="rejected")
BY_GRANTED = told("release", "2024-11-05", "He was freed on health grounds after the court's ruling.")
TODAY = date(2024, 12, 1)


def remedy(events, country, procedure, today=TODAY, closed=None):
    remedies, others = track(events, country, today, closed=closed)
    return next(r for r in remedies if r["procedure"] == procedure), others


@pytest.mark.parametrize(("events", "country", "procedure", "today", "state", "next_step"), [
    ([RU_PETITION], "Russia", "ru-illness-release", date(2024, 10, 15), "awaiting", "medical_commission"),
    ([RU_PETITION], "Russia", "ru-illness-release", TODAY, "stalled", "medical_commission"),
    # The commission sat before the petition was told: the next step is the court's decision.
    ([RU_COMMISSION, RU_PETITION], "Russia", "ru-illness-release", date(2024, 10, 15), "awaiting", "court"),
    ([RU_PETITION, RU_REFUSED], "Russia", "ru-illness-release", TODAY, "rejected", None),
    ([RU_APPEAL_UPHELD], "Russia", "ru-appeal-cassation", TODAY, "rejected", "cassation"),
    ([ECHR_ASKED], "Azerbaijan", "echr-rule39", date(2024, 3, 2), "awaiting", "decision"),
    ([ECHR_ASKED, ECHR_GRANTED], "Azerbaijan", "echr-rule39", TODAY, "granted", None),
    ([WGAD_SENT], "Tajikistan", "un-wgad", TODAY, "stalled", "government_reply"),
    ([WGAD_SENT, WGAD_OPINION], "Tajikistan", "un-wgad", TODAY, "granted", None),
    ([CARE_ASKED], "Russia", "medical-request", date(2024, 9, 20), "awaiting", None),
    ([CARE_ASKED, CARE_REFUSED], "Russia", "medical-request", TODAY, "rejected", None),
    ([PAROLE_ASKED], "Russia", "ru-parole", date(2024, 6, 20), "awaiting", "court"),
    ([PAROLE_ASKED, PAROLE_REFUSED], "Russia", "ru-parole", TODAY, "rejected", None),
    ([HRC_VIEWS], "Kyrgyzstan", "un-hrc", TODAY, "granted", None),
    ([HRC_VIEWS], "Kyrgyzstan", "appeal-cassation", TODAY, "not_started", None),   # Views are no appeal
    ([NGO_ALERT], "Kazakhstan", "appeal-cassation", TODAY, "not_started", None),   # an NGO's urgent appeal
    # Belarus, Criminal Code art. 92: petition or submission, medical commission, court.
    ([BY_PETITION], "Belarus", "by-illness-release", date(2024, 10, 10), "awaiting", "medical_commission"),
    ([BY_PETITION_RU], "Belarus", "by-illness-release", date(2024, 10, 10), "awaiting", "medical_commission"),
    ([BY_SUBMISSION], "Belarus", "by-illness-release", date(2024, 10, 10), "awaiting", "medical_commission"),
    ([BY_COMMISSION, BY_PETITION], "Belarus", "by-illness-release", date(2024, 10, 10), "awaiting", "court"),
    ([BY_COMMISSION_RU, BY_PETITION], "Belarus", "by-illness-release", date(2024, 10, 10), "awaiting", "court"),
    ([BY_PETITION, BY_REFUSED], "Belarus", "by-illness-release", TODAY, "rejected", None),
    ([BY_PETITION, BY_REFUSED_RU], "Belarus", "by-illness-release", TODAY, "rejected", None),
    ([BY_PETITION, BY_COMMISSION, BY_GRANTED], "Belarus", "by-illness-release", TODAY, "granted", None),
    ([], "Belarus", "by-illness-release", TODAY, "not_started", None),
    # A petition in Belarus about something else, and a parole ruling, do not start it.
    ([PAROLE_ASKED, PAROLE_REFUSED], "Belarus", "by-illness-release", TODAY, "not_started", None),
    ([CARE_ASKED], "Belarus", "by-illness-release", TODAY, "not_started", None),
])
def test_state_and_next_step(events, country, procedure, today, state, next_step):
    found, _ = remedy(events, country, procedure, today)
    assert found["state"] == state, found["summary"]
    assert (found["next_step"] or {}).get("id") == next_step


@pytest.mark.parametrize(("events", "country", "procedure", "offers"), [
    # A court refused: its decision is appealed; no complaint against the prison administration.
    ([RU_PETITION, RU_REFUSED], "Russia", "ru-illness-release",
     ["ru-illness-release", "ru-appeal-cassation", "un-urgent-appeal", "un-wgad"]),
    # Russia's own complaints replace the generic ones; the ECtHR is not open against Russia.
    ([CARE_ASKED, CARE_REFUSED], "Russia", "medical-request",
     ["ru-complaint-prosecutor", "ru-complaint-court", "un-urgent-appeal"]),
    ([PAROLE_ASKED, PAROLE_REFUSED], "Russia", "ru-parole", ["ru-appeal-cassation", "un-wgad"]),
    ([CARE_ASKED, CARE_REFUSED], "Georgia", "medical-request",
     ["complaint-prosecutor", "complaint-court", "un-urgent-appeal", "echr-rule39"]),
    # Belarus, a court refused: filing again, the appeal, the UN bodies; no ECtHR (not a Council
    # of Europe member).
    ([BY_PETITION, BY_REFUSED], "Belarus", "by-illness-release",
     ["by-illness-release", "appeal-cassation", "un-urgent-appeal", "un-wgad", "un-hrc"]),
])
def test_a_refusal_offers_the_remedies_against_it(events, country, procedure, offers):
    found, _ = remedy(events, country, procedure)
    assert [o["procedure"] for o in found["after_refusal"]] == offers


@pytest.mark.parametrize(("events", "procedure", "today", "where", "file_by", "days_left", "passed"), [
    # The colony's refusal of 30 September goes to a court within three months (Code of
    # Administrative Procedure art. 219): until 30 December.
    ([CARE_ASKED, CARE_REFUSED], "medical-request", TODAY, ("offer", "ru-complaint-court"), "2024-12-30", 29, False),
    ([CARE_ASKED, CARE_REFUSED], "medical-request", date(2025, 1, 10), ("offer", "ru-complaint-court"),
     "2024-12-30", -11, True),
    # Cassation within six months (Criminal Procedure Code art. 401.3) of the appeal ruling of 10 January.
    ([RU_APPEAL_UPHELD], "ru-appeal-cassation", date(2024, 5, 1), ("next", None), "2024-07-10", 70, False),
    ([RU_APPEAL_UPHELD], "ru-appeal-cassation", TODAY, ("next", None), "2024-07-10", -144, True),
])
def test_filing_deadlines_count_from_the_refusal(events, procedure, today, where, file_by, days_left, passed):
    found, _ = remedy(events, "Russia", procedure, today)
    item = found["next_step"] if where[0] == "next" else next(
        o for o in found["after_refusal"] if o["procedure"] == where[1])
    deadline = item["deadline"]
    assert (deadline["file_by"], deadline["days_left"], deadline["passed"], deadline["exact"]) == (
        file_by, days_left, passed, True)


@pytest.mark.parametrize(("events", "country", "procedure", "today", "offer", "file_by", "days_left", "passed"), [
    # Russia: the court's refusal of 20 October may be appealed within 15 days (Criminal Procedure
    # Code art. 389.4 part 1): until 4 November.
    ([RU_PETITION, RU_REFUSED], "Russia", "ru-illness-release", date(2024, 10, 25), "ru-appeal-cassation",
     "2024-11-04", 10, False),
    ([RU_PETITION, RU_REFUSED], "Russia", "ru-illness-release", TODAY, "ru-appeal-cassation", "2024-11-04", -27, True),
    # The UN Human Rights Committee: five years from the last domestic decision (rule 96 (c)).
    ([BY_PETITION, BY_REFUSED], "Belarus", "by-illness-release", TODAY, "un-hrc", "2029-10-25", 1789, False),
    # No time limit was read for a second petition in Belarus: none is invented.
    ([BY_PETITION, BY_REFUSED], "Belarus", "by-illness-release", TODAY, "by-illness-release", None, None, None),
])
def test_offers_carry_their_own_time_to_file(events, country, procedure, today, offer, file_by, days_left, passed):
    found, _ = remedy(events, country, procedure, today)
    deadline = next(o for o in found["after_refusal"] if o["procedure"] == offer)["deadline"] or {}
    assert (deadline.get("file_by"), deadline.get("days_left"), deadline.get("passed")) == (file_by, days_left, passed)


def test_a_russian_conviction_appeal_has_fifteen_days():
    from habeas.remedies.procedures import load_procedures
    appeal = next(p for p in load_procedures() if p.id == "ru-appeal-cassation").steps[0]
    assert (appeal.id, appeal.file_within.days, appeal.file_within.basis) == (
        "appeal", 15, "Criminal Procedure Code art. 389.4 part 1")


def test_a_refusal_known_to_the_month_gives_the_earliest_day():
    refused = told("response", "2024-10", "The district court refused to release her on health grounds.",
                   by="district court", outcome="rejected")
    found, _ = remedy([RU_PETITION, refused], "Russia", "ru-illness-release")
    # Some day in October: the 15 days to appeal counted from the 1st, the earliest it can be.
    deadline = next(o for o in found["after_refusal"] if o["procedure"] == "ru-appeal-cassation")["deadline"]
    assert (deadline["file_by"], deadline["exact"]) == ("2024-10-16", False)


def test_no_next_step_for_a_person_who_died():
    found, _ = remedy([RU_PETITION, RU_REFUSED], "Russia", "ru-illness-release", closed="the person has died")
    assert (found["state"], found["next_step"], found["after_refusal"]) == ("rejected", None, [])


@pytest.mark.parametrize(("events", "country", "filed", "answer", "waited"), [
    ([NGO_ALERT], "Kazakhstan", "2017-02-01", None, None),
    ([told("petition", "2021-03-01", "Forty writers signed a letter to the president about him.", by="writers"),
      told("response", "2021-04-15", "The administration replied that he was well.", outcome="rejected")],
     None, "2021-03-01", "2021-04-15", {"min": 45, "max": 45}),
])
def test_filings_that_fit_no_procedure_are_kept(events, country, filed, answer, waited):
    _, others = track(events, country, TODAY)
    (other,) = others
    assert other["filed"]["date"] == filed
    assert (other["answer"] or {}).get("date") == answer and other["waited_days"] == waited


@pytest.mark.parametrize(("start", "months", "last"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),     # a leap February keeps its 29th
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 8, 31), 3, date(2024, 11, 30)),
    (date(2024, 11, 15), 2, date(2025, 1, 15)),    # across the year
    (date(2024, 3, 10), 12, date(2025, 3, 10)),
])
def test_a_deadline_in_months_counts_calendar_months(start, months, last):
    from habeas.remedies.procedures import Deadline
    from habeas.remedies.tracking import _add
    assert _add(start, Deadline(months=months, **{"from": "the ruling"}, basis="art. 1")) == last
