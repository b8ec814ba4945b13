"""Outputs: the dossier (HTML, and PDF read back with pypdf), the WGAD draft, CSV/JSON/Uwazi
exports, and confidential items left out unless asked.

Golden files live in tests/data/golden/outputs/; after a deliberate change rewrite them with
`HABEAS_UPDATE_GOLDEN=1 pytest tests/test_outputs.py` and review the diff."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from habeas.cli import app
from habeas.outputs.dossier import dossier_html, html_to_pdf
from habeas.outputs.exports import UWAZI_COLUMNS, export, uwazi_date
from habeas.outputs.wgad import GAP, wgad_draft
from habeas.store.visibility import EVERYTHING
from remedies_support import DATA, REFERENCE, archive_of

GOLDEN = Path(__file__).parent / "data" / "golden" / "outputs"
TODAY = date(2024, 12, 1)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('outputs') / 'habeas.db'}"
    archive = archive_of(url, REFERENCE, DATA / "alerts_report.txt")
    yield archive, url
    archive.engine.dispose()


def golden(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HABEAS_UPDATE_GOLDEN"):
        path.write_text(got, "utf-8")
    assert path.exists(), f"no golden file {name}: run with HABEAS_UPDATE_GOLDEN=1"
    assert got == path.read_text("utf-8")


def mingelov(archive) -> int:
    return archive.find_person("Mansur Mingelov")


def test_dossier_html_golden(reference):
    golden("dossier_reference.html", dossier_html(reference[0], mingelov(reference[0]), today=TODAY))


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def dossier_pdf_text(reference):
    return pdf_text(html_to_pdf(dossier_html(reference[0], mingelov(reference[0]), today=TODAY)))


@pytest.mark.parametrize("expected", [
    "Mansur Mingelov",
    "Arrested 2012; 2012-06",                                   # the arrest dates
    "MR-B/15 prison hospital",                                  # the facility
    "22 years",                                                 # the sentence
    "2024-09 petition — by: family",                            # the petition in the timeline
    "Filed 2024-09 by family to General Prosecutor's Office, Interior Ministry",
    "Rejected 2024-10-20 by Department for the Enforcement of Sentences, after 20–49 days",
    "Against the refusal:",
    "Complaint to the prosecutor against a refusal of the prison administration",
    "an EXAMPLE list, not an official one",
    "Enforcement department refuses to release sick activist, 2024-11-05",   # the source
    "https://example.org/reports/tm-ill-prisoner",
    "“In September, his family petitioned the General Prosecutor’s Office",   # quoted evidence
])
def test_dossier_pdf_read_back(dossier_pdf_text, expected):
    assert expected in dossier_pdf_text


def test_wgad_draft_golden(reference):
    draft = wgad_draft(reference[0], mingelov(reference[0]), today=TODAY)
    golden("wgad_reference.md", draft)


def test_wgad_draft_of_a_person_in_two_reports_golden(tmp_path):
    """Arrest report and verdict report (our own): the legal basis from the cited article, and
    a sentence for each of categories I, II, III and V; category IV left as a gap."""
    archive = archive_of(f"sqlite:///{tmp_path / 'w.db'}", DATA / "wgad_arrest.txt", DATA / "wgad_verdict.txt")
    draft = wgad_draft(archive, archive.find_person("Aigerim Nurlanova"), today=date(2024, 1, 10))
    golden("wgad_two_reports.md", draft)
    assert "   - Criminal Code art. 274 (Kazakhstan)" in draft
    categories = draft.split("### Why the detention is arbitrary", 1)[1].split("## V.", 1)[0]
    blocks = dict(re.findall(r"\*\*Category (\w+):.*?\*\*\n\n(.*?)(?=\n\*\*Category|\Z)", categories, re.S))
    assert {k for k, v in blocks.items() if v.startswith("  > ")} == {"I", "II", "III", "V"}
    assert blocks["IV"].startswith("[GAP:")
    archive.engine.dispose()


@pytest.mark.parametrize(("section", "prefilled", "gap"), [
    ("## I. Identity", "1. Family name: Mingelov", "3. Sex: [GAP: sex]"),
    # Arrested in June 2012, released two weeks later, arrested again: the new arrest began it.
    ("## II. Arrest", "The arrest that began the present detention:\n1. Date of arrest: 2012\n",
     "Was a warrant shown? [GAP:"),
    ("## II. Arrest", "Other arrests the reports tell:\n- 2012-06", "Place: [GAP:"),
    ("## III. Detention", "4. Places of detention: MR-B/15 prison hospital",
     "7. Legal basis for the detention (articles the reports cite with the charges or the sentence):\n   [GAP:"),
    ("## IV. Circumstances of the arrest and detention, and why the detention is arbitrary",
     "### Trial and sentence\n\n- 2012: sentence", "**Category I: no legal basis can be invoked to justify the "
                                                    "deprivation of liberty**\n\n[GAP:"),
    ("## IV. Circumstances of the arrest and detention, and why the detention is arbitrary",
     "### Release or death\n\n- 2012-06: release", "[GAP: facts showing this category, or delete it]"),
    ("## V. Domestic remedies pursued and their results",
     "rejected 2024-10-20 by Department for the Enforcement of Sentences", "does not require domestic remedies"),
    ("## VI. Submitter", "", "- Name: [GAP:"),
])
def test_wgad_sections(reference, section, prefilled, gap):
    draft = wgad_draft(reference[0], mingelov(reference[0]), today=TODAY)
    body = draft.split(section, 1)[1].split("\n## ", 1)[0]
    assert prefilled in body and gap in body
    assert GAP in draft


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_persons_csv_and_json(reference):
    archive = reference[0]
    by_name = {r["name"]: r for r in rows(export(archive, "persons", "csv"))}
    assert set(by_name) == {"Mansur Mingelov", "Aziz Karimov"}
    m = by_name["Mansur Mingelov"]
    assert (m["facilities"], m["sentence"], m["charges"]) == (
        "MR-B/15 prison hospital", "22 years", "smuggling; distributing pornography")
    as_json = {r["name"]: r for r in json.loads(export(archive, "persons", "json"))}
    assert as_json["Aziz Karimov"]["arrested"] == ["2015-03-03"]


def test_export_events(reference):
    archive = reference[0]
    events = rows(export(archive, "events", "csv"))
    petition = next(e for e in events if e["type"] == "petition" and e["date"] == "2024-09")
    assert (petition["person"], json.loads(petition["attrs"])["by"]) == ("Mansur Mingelov", "family")
    assert petition["document_url"] == "https://example.org/reports/tm-ill-prisoner"
    assert len(json.loads(export(archive, "events", "json"))) == len(events)


def test_export_uwazi(reference):
    text = export(reference[0], "uwazi", "csv")
    assert text.splitlines()[0] == ",".join(UWAZI_COLUMNS)
    by_title = {r["title"]: r for r in rows(text)}
    m, k = by_title["Mansur Mingelov"], by_title["Aziz Karimov"]
    assert m["charges"] == "smuggling|distributing pornography"
    assert m["health_conditions"].split("|")[:2] == ["bone tuberculosis", "tuberculous arthritis"]
    assert (m["arrest_dates"], m["arrest_dates_as_reported"]) == ("", "2012|2012-06")
    assert k["arrest_dates"] == "2015/03/03"


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-03-03", "2015/03/03"), ("2015-03", None), ("2015", None), ("XXXX-10-20", None), (None, None)])
def test_uwazi_dates(value, expected):
    assert uwazi_date(value) == expected


def test_confidential_left_out_unless_asked(tmp_path):
    archive = archive_of(f"sqlite:///{tmp_path / 'c.db'}", REFERENCE, DATA / "alerts_report.txt")
    karimov = archive.find_person("Aziz Karimov")
    archive.set_confidential("person", karimov)
    for kind in ("persons", "events", "uwazi"):
        assert "Karimov" not in export(archive, kind, "csv")
        assert "Karimov" in export(archive, kind, "csv", seen=EVERYTHING)
    # The organisations a report names as its sources are named only for an admin.
    person = mingelov(archive)
    assert "turkmen.news" not in dossier_html(archive, person, today=TODAY)
    assert "Attributes information to: turkmen.news" in dossier_html(archive, person, today=TODAY,
                                                                      seen=EVERYTHING)
    assert "turkmen.news" not in wgad_draft(archive, person, today=TODAY)
    archive.engine.dispose()


@pytest.mark.parametrize(("args", "check"), [
    (["dossier", "Mingelov", "--today", "2024-12-01"], lambda out, path: "<h1>Mansur Mingelov</h1>" in out),
    (["dossier", "Mingelov", "--pdf", "--out", "{out}"],
     lambda out, path: path.read_bytes().startswith(b"%PDF") and "MR-B/15" in pdf_text(path.read_bytes())),
    (["wgad", "Mingelov", "--out", "{out}"], lambda out, path: "## VI. Submitter" in path.read_text("utf-8")),
    (["export", "uwazi"], lambda out, path: out.startswith("title,")),
    (["export", "events", "--format", "json", "--out", "{out}"],
     lambda out, path: json.loads(path.read_text("utf-8"))[0]["person_id"]),
])
def test_output_commands(reference, tmp_path, args, check):
    out = tmp_path / "out.file"
    result = CliRunner().invoke(app, [a.replace("{out}", str(out)) for a in args] + ["--db", reference[1]])
    assert result.exit_code == 0, result.output
    assert check(result.stdout, out)


@pytest.mark.parametrize(("args", "message"), [
    (["dossier", "Nobody Known"], "no person 'Nobody Known'"),
    (["wgad", "Mingelov", "--out", "/nonexistent-dir/x.md"], "cannot write"),
    (["export", "prisoners"], "Invalid value"),
])
def test_output_command_errors(reference, args, message):
    result = CliRunner().invoke(app, args + ["--db", reference[1]])
    assert result.exit_code != 0 and message in result.output


def test_uwazi_template_matches_the_csv(reference):
    template = json.loads(export(reference[0], "uwazi-template", "csv"))
    person = next(t for t in template["templates"] if t["name"] == "Detained person")
    names = [p["name"] for p in person["commonProperties"] if p["name"] == "title"] + [
        p["name"] for p in person["properties"]]
    assert names == list(UWAZI_COLUMNS)
    related = {p["content"] for p in person["properties"] if p["type"] == "relationship"}
    assert related == {"Detention facility", "Report"} <= {t["name"] for t in template["templates"]}
    by_title = {r["title"]: r for r in rows(export(reference[0], "uwazi", "csv"))}
    assert by_title["Mansur Mingelov"]["reports"] == "Enforcement department refuses to release sick activist"
    assert by_title["Mansur Mingelov"]["detention_facilities"] == "MR-B/15 prison hospital"
