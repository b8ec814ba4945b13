"""Procedure files: the shipped ones are valid, user files add or replace procedures, and a
malformed file is refused with one line naming the file and the field."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from habeas.cli import app
from habeas.remedies.procedures import ProcedureError, check_references, for_country, load_procedures, parse_procedure

GOOD = """\
id: local-complaint
title: Complaint to the ombudsman
jurisdiction: Kazakhstan
legal_basis: [Law on the Ombudsman]
sources: [Law on the Ombudsman, as we read it]
applies: [ombudsman]
steps:
  - id: complaint
    title: Complaint
    actor: the family
    answer_days: 30
    match: {types: [petition]}
    leads_to: {granted: done, rejected: end}
"""


SHIPPED = {"access-request", "amnesty", "appeal-cassation", "by-illness-release", "complaint-court", "complaint-prosecutor", "detention-appeal",
           "echr-application", "echr-rule39", "illness-release", "kz-illness-release", "medical-request", "pardon",
           "ru-appeal-cassation", "ru-complaint-court", "ru-complaint-prosecutor", "ru-illness-release",
           "ru-pardon", "ru-parole", "tm-illness-release", "un-cat", "un-ced-urgent-action", "un-hrc", "un-urgent-appeal",
           "un-wgad", "un-wgad-urgent", "un-wgeid"}


def test_shipped_procedures():
    procedures = {p.id: p for p in load_procedures()}
    assert set(procedures) == SHIPPED
    assert check_references(list(procedures.values())) == []
    assert all(p.sources for p in procedures.values())
    illness = procedures["tm-illness-release"]
    assert illness.legal_basis == ["Criminal Code art. 76", "Penal Enforcement Code art. 166",
                                   "Presidential decree of 2017-05-11 (list of illnesses)"]
    assert [s.id for s in illness.steps] == ["request", "medical_commission", "joint_submission", "court"]
    belarus = procedures["by-illness-release"]
    assert (belarus.jurisdiction, belarus.replaces, belarus.legal_basis) == ("Belarus", "illness-release",
                                                                            ["Criminal Code art. 92"])
    assert [s.id for s in belarus.steps] == ["petition", "medical_commission", "court"]


@pytest.mark.parametrize(("change", "error"), [
    (("title: Complaint to the ombudsman\n", ""), "title: Field required"),
    (("types: [petition]", "types: [petitoin]"), "steps.0.match.0.types: unknown event type 'petitoin'"),
    (("answer_days: 30", "answer_days: -3"), "steps.0.answer_days: Input should be greater than 0"),
    (("granted: done", "granted: court"), "steps.0.leads_to.granted: 'court' is no step id"),
    (("  - id: complaint", "  - id: Complaint Step"), "steps.0.id: String should match pattern"),
    (("actor: the family\n", "actor: the family\n    deadline: 3\n"), "steps.0.deadline: Extra inputs"),
    (("applies: [ombudsman]", "applies: [ombudsman"), "not valid YAML"),
    ((GOOD, "- a list\n- of things\n"), "a procedure is a mapping"),
])
def test_malformed_procedure(change, error):
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(ProcedureError) as caught:
        parse_procedure(text, "mine.yml")
    message = str(caught.value)
    assert message.startswith("mine.yml: ") and error in message and "\n" not in message


def test_user_procedures_added_and_replacing(tmp_path):
    folder = tmp_path / "procedures"
    folder.mkdir()
    (folder / "ombudsman.yml").write_text(GOOD, "utf-8")
    (folder / "pardon.yml").write_text(GOOD.replace("local-complaint", "pardon"), "utf-8")
    procedures = {p.id: p for p in load_procedures(tmp_path)}
    assert procedures["local-complaint"].jurisdiction == "Kazakhstan"
    assert procedures["pardon"].title == "Complaint to the ombudsman"


def test_procedures_check_command(tmp_path):
    good, bad = tmp_path / "good.yml", tmp_path / "bad.yml"
    good.write_text(GOOD, "utf-8")
    bad.write_text(GOOD.replace("answer_days: 30", "answer_days: soon"), "utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["procedures", "check", str(good)])
    assert result.exit_code == 0 and "ok" in result.output
    result = runner.invoke(app, ["procedures", "check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: steps.0.answer_days: Input should be a valid integer" in result.output
    result = runner.invoke(app, ["procedures", "check"])
    assert result.exit_code == 0 and "tm-illness-release" in result.output
    dangling = tmp_path / "dangling.yml"
    dangling.write_text(GOOD.replace("applies:", "after_refusal: [no-such-remedy]\napplies:"), "utf-8")
    result = runner.invoke(app, ["procedures", "check", str(dangling)])
    assert result.exit_code == 1 and "names 'no-such-remedy', which is no procedure id" in result.output


@pytest.mark.parametrize(("country", "has", "lacks"), [
    ("Russia", {"ru-illness-release", "ru-appeal-cassation", "ru-complaint-court", "un-wgad"},
     {"illness-release", "appeal-cassation", "complaint-court", "echr-application"}),
    ("Turkmenistan", {"tm-illness-release", "appeal-cassation", "un-hrc"}, {"illness-release", "ru-pardon"}),
    ("Azerbaijan", {"echr-rule39", "echr-application", "illness-release"}, {"tm-illness-release"}),
    ("Karakalpakstan (Uzbekistan)", {"illness-release", "un-wgad"}, {"echr-rule39"}),
    ("Kazakhstan", {"kz-illness-release", "un-hrc"}, {"illness-release", "echr-application"}),
    # Belarus has its own file; it is no Council of Europe member.
    ("Belarus", {"by-illness-release", "appeal-cassation", "un-wgad"}, {"illness-release", "echr-application",
                                                                       "kz-illness-release", "ru-illness-release"}),
    # Tajikistan, Uzbekistan and Azerbaijan: no article read in a source, so the generic outline.
    ("Tajikistan", {"illness-release"}, {"by-illness-release", "tm-illness-release"}),
    ("Uzbekistan", {"illness-release"}, {"by-illness-release", "kz-illness-release"}),
    (None, {"un-wgad", "appeal-cassation"}, {"ru-illness-release", "echr-application"}),
])
def test_procedures_of_a_country(country, has, lacks):
    ids = {p.id for p in for_country(load_procedures(), country)}
    assert has <= ids and not lacks & ids


def test_readme_lists_every_shipped_procedure():
    from pathlib import Path
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    missing = [p.id for p in load_procedures() if f"`{p.id}`" not in readme]
    assert missing == []
