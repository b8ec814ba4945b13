"""Remedies: procedures as data, events matched to their steps, the state of each remedy,
illness lists. The reference case is told in our own words (tests/data/remedies/reference.txt)."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from habeas.cli import app
from habeas.remedies.illnesses import load_lists, match_conditions
from habeas.remedies.procedures import for_country, load_procedures
from habeas.remedies.service import remedies_for
from habeas.remedies.tracking import Remedy, Told, assign
from remedies_support import REFERENCE, archive_of

TODAY = date(2024, 12, 1)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'habeas.db'}"
    archive = archive_of(url, REFERENCE)
    yield archive, url
    archive.engine.dispose()


def illness_remedy(archive):
    person = archive.find_person("Mansur Mingelov")
    return next(r for r in remedies_for(archive, person, TODAY) if r["procedure"] == "tm-illness-release")


def test_reference_case_illness_release(reference):
    remedy = illness_remedy(reference[0])
    assert remedy["state"] == "rejected"
    filed = remedy["filed"]
    assert (filed["type"], filed["date"], filed["by"]) == ("petition", "2024-09", "family")
    assert "Criminal Code art. 76" in filed["basis"] and "Penal Enforcement Code art. 166" in filed["basis"]
    assert "In September, his family petitioned" in filed["sources"][0]["evidence"]
    answer = remedy["answer"]
    assert (answer["date"], answer["by"], answer["outcome"]) == (
        "2024-10-20", "Department for the Enforcement of Sentences", "rejected")
    assert "does not meet the requirements" in answer["reason"]
    # Filed some day in September, answered on 20 October: 20 to 49 days.
    assert remedy["waited_days"] == {"min": 20, "max": 49}
    assert remedy["days_since"] == 42
    steps = {s["id"]: s["status"] for s in remedy["steps"]}
    assert steps == {"request": "done", "medical_commission": "done", "joint_submission": "missing",
                     "court": "missing"}
    # Refused: no step of the refused road is proposed, but the remedies against the refusal.
    assert remedy["next_step"] is None
    offers = [o["procedure"] for o in remedy["after_refusal"]]
    assert offers == ["tm-illness-release", "complaint-prosecutor", "complaint-court", "un-urgent-appeal",
                      "un-wgad", "un-hrc"]
    assert remedy["after_refusal"][0]["again"]


def test_reference_case_conditions_match_the_example_list(reference):
    matches = illness_remedy(reference[0])["illness_matches"]
    assert {m["condition"] for m in matches} >= {"bone tuberculosis", "tuberculous arthritis"}
    assert {(m["list"], m["example"], m["opens"]) for m in matches} == {("example", True, "tm-illness-release")}


def test_reference_case_other_remedies_not_started(reference):
    archive = reference[0]
    found = remedies_for(archive, archive.find_person("Mingelov"), TODAY)
    assert found[0]["procedure"] == "tm-illness-release"   # under way first
    assert {r["state"] for r in found[1:]} == {"not_started"}
    assert {"appeal-cassation", "pardon", "amnesty", "un-wgad", "un-urgent-appeal", "un-hrc"} <= {
        r["procedure"] for r in found}
    assert "illness-release" not in {r["procedure"] for r in found}    # Turkmenistan's own replaces it


def test_remedies_command(reference):
    result = CliRunner().invoke(app, ["remedies", "Mingelov", "--db", reference[1], "--today", "2024-12-01"])
    assert result.exit_code == 0, result.output
    assert "REJECTED" in result.output
    assert "rejected 2024-10-20 by Department for the Enforcement of Sentences after 20–49 days" in result.output
    assert "against the refusal (refused by the administration):" in result.output
    assert "Complaint to the prosecutor against a refusal" in result.output
    assert "EXAMPLE list" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["remedies", "Nobody Known"], "no person 'Nobody Known'"),
    (["remedies", "Mingelov", "--today", "soon"], "is not a date"),
])
def test_remedies_command_errors(reference, args, message):
    result = CliRunner().invoke(app, args + ["--db", reference[1]])
    assert result.exit_code != 0
    assert message in result.output


# ------------------------------------------------------------------ states, from events

def told(type_, date_, evidence="", **attrs):
    return Told(type_, date_, attrs, [{"document": 1, "title": "t", "path": None, "url": None,
                                       "published": None, "evidence": evidence}])


ILL_PETITION = told("petition", "2024-09-02", "The family asked for his release on health grounds.",
                    by="family", to=["Interior Ministry"], basis=["Criminal Code art. 76"])
PARDON = told("petition", "2024-03", "His mother asked the president for a pardon.", by="mother")
APPEAL_UPHELD = told("appeal", "2013-02", "The regional court upheld the verdict on appeal.", outcome="upheld")
REJECTED = told("response", "2024-10-20", "The department rejected the request.", by="department",
                outcome="rejected")
GRANTED = told("response", "2024-04-10", "The pardon was granted.", by="President", outcome="granted")
ILL_RELEASE = told("release", "2025-01-15", "A court freed him because of his illness.", reason="illness")


@pytest.mark.parametrize(("events", "today", "procedure", "state", "days_since"), [
    ([], TODAY, "tm-illness-release", "not_started", None),
    ([ILL_PETITION], date(2024, 9, 20), "tm-illness-release", "awaiting", 18),
    ([ILL_PETITION], date(2024, 10, 2), "tm-illness-release", "awaiting", 30),
    ([ILL_PETITION], date(2024, 10, 3), "tm-illness-release", "stalled", 31),
    ([told("petition", "XXXX-09", "They sought release on health grounds.", basis=["Criminal Code art. 76"])],
     TODAY, "tm-illness-release", "filed", None),
    ([ILL_PETITION, REJECTED], TODAY, "tm-illness-release", "rejected", 42),
    ([told("petition", "XXXX-09", "They sought release on health grounds.", basis=["Criminal Code art. 76"]),
      REJECTED], TODAY, "tm-illness-release", "rejected", 42),     # a year unknown may precede any answer
    ([ILL_PETITION, REJECTED, ILL_RELEASE], date(2025, 2, 1), "tm-illness-release", "granted", None),
    ([PARDON, GRANTED], TODAY, "pardon", "granted", None),   # the decree step: done
    ([PARDON], TODAY, "pardon", "stalled", 275),
    ([APPEAL_UPHELD], TODAY, "appeal-cassation", "rejected", 4321),
    ([ILL_PETITION, PARDON], TODAY, "appeal-cassation", "not_started", None),
])
def test_remedy_state(events, today, procedure, state, days_since):
    procedures = for_country(load_procedures(), "Turkmenistan")
    owned = assign(procedures, events)
    remedy = Remedy(next(p for p in procedures if p.id == procedure), owned[procedure], today).to_json()
    assert (remedy["state"], remedy["days_since"]) == (state, days_since), remedy["summary"]


def test_a_filing_read_from_an_answer_sentence_is_not_a_filing():
    echo = told("petition", None, REJECTED.sources[0]["evidence"], by="department")
    procedure = next(p for p in load_procedures() if p.id == "tm-illness-release")
    remedy = Remedy(procedure, [ILL_PETITION, REJECTED, echo], TODAY).to_json()
    assert (remedy["state"], remedy["filed"]["date"]) == ("rejected", "2024-09-02")


def test_an_answer_goes_to_the_filing_it_follows():
    procedures = for_country(load_procedures(), "Turkmenistan")
    owned = assign(procedures, [PARDON, ILL_PETITION, REJECTED])
    assert REJECTED in owned["tm-illness-release"] and REJECTED not in owned["pardon"]


def test_appeal_rejected_leads_to_cassation():
    procedure = next(p for p in load_procedures() if p.id == "appeal-cassation")
    remedy = Remedy(procedure, [APPEAL_UPHELD], TODAY).to_json()
    assert remedy["next_step"]["id"] == "cassation"


def test_country_procedures_only_for_that_country():
    ids = {p.id for p in load_procedures() if p.applies_to("Kazakhstan")}
    assert "tm-illness-release" not in ids and {"un-wgad", "appeal-cassation"} <= ids


# ------------------------------------------------------------------ illness lists

@pytest.mark.parametrize(("condition", "illness"), [
    ("bone tuberculosis", "tuberculosis of bones and joints"),
    ("tuberculous arthritis in both knees", "tuberculosis of bones and joints"),
    ("tuberculosis complicated by osteomyelitis", "tuberculosis of bones and joints"),
    ("a severe form of Bone Tuberculosis", "tuberculosis of bones and joints"),
    ("stage four cancer", "malignant neoplasms, advanced"),
    ("renal failure", "chronic kidney failure, terminal stage"),
    ("tuberculosis", None),          # too vague to say which illness of the list it is
    ("a broken leg", None),
    ("high blood pressure", None),
])
def test_illness_matching(condition, illness):
    found = match_conditions([condition], load_lists())
    assert [m.illness for m in found] == ([illness] if illness else [])


def test_user_illness_list(tmp_path):
    (tmp_path / "illnesses").mkdir()
    (tmp_path / "illnesses" / "mine.yml").write_text(
        "id: mine\ntitle: Our list\nopens: pardon\nillnesses:\n"
        "  - name: hepatitis C\n    synonyms: [chronic hepatitis C]\n", "utf-8")
    (found,) = match_conditions(["chronic hepatitis C"], load_lists(tmp_path))
    assert (found.list, found.example, found.opens) == ("mine", False, "pardon")


@pytest.mark.parametrize(("earlier", "later", "days"), [
    ("2024-09", "2024-10-20", (20, 49)),
    ("XXXX-09", "2024-10-20", (20, 49)),          # the answer tells the filing's year
    ("XXXX-11", "2024-10-20", (325, 354)),        # a November filing answered in October: the year before
    ("XXXX-09", None, None),
    ("XXXX-09", "XXXX-10-20", None),
])
def test_days_between_dates_of_unknown_year(earlier, later, days):
    from habeas.remedies.periods import days_between
    assert days_between(earlier, later) == days
