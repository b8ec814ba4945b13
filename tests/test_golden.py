"""Whole case files: our own reports, extracted and compared with their golden extract-v1 JSON.

After a deliberate change of the pipeline, rewrite the golden files with
`HABEAS_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest

from habeas.examples import example_path
from habeas.ingest.header import split_header
from habeas.nlp.pipeline import default_extractor

GOLDEN = Path(__file__).parent / "data" / "golden"
# Each report's golden file is GOLDEN/<stem>.json; the reference case is the shipped example.
REPORTS = sorted(GOLDEN.glob("*.txt")) + [example_path("mingelov.txt")]


def extract_file(path: Path) -> dict:
    document = split_header(path.read_text("utf-8"), path.name)
    return json.loads(default_extractor().extract(document).dumps())


@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_golden_case_file(report):
    got = extract_file(report)
    expected_path = GOLDEN / f"{report.stem}.json"
    if os.environ.get("HABEAS_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert expected_path.exists(), f"no golden file for {report.name}: run with HABEAS_UPDATE_GOLDEN=1"
    assert got == json.loads(expected_path.read_text("utf-8"))


def test_reference_case_has_every_fact():
    """The reference case (told in our own words): every item a researcher needs."""
    case = extract_file(example_path("mingelov.txt"))
    (person,) = [p for p in case["persons"] if p["detained"]]
    assert person["name"] == "Mansur Mingelov"
    assert person["age"] == 50
    assert person["facilities"] == ["MR-B/15 prison hospital"]
    assert person["sentence"] == {"years": 22}
    assert person["charges"] == ["smuggling", "distributing pornography"]
    assert {"bone tuberculosis", "tuberculous arthritis", "tuberculosis", "osteomyelitis"} <= set(person["conditions"])
    assert person["status"] == "imprisoned"
    events = {(e["type"], e["date"]) for e in case["events"]}
    assert {("petition", "2024-09"), ("response", "2024-10-20"), ("arrest", "2012-06"),
            ("release", "2012-06"), ("arrest", "2012"), ("sentence", "2012"),
            ("health", "2018"), ("health", "2024-SU")} <= events
    petition = next(e for e in case["events"] if e["type"] == "petition")
    assert petition["attrs"]["to"] == ["General Prosecutor's Office", "Interior Ministry"]
    assert petition["attrs"]["basis"] == ["Criminal Code art. 76", "Penal Enforcement Code art. 166",
                                          "Presidential decree of 2017-05-11"]
    response = next(e for e in case["events"] if e["type"] == "response")
    assert response["attrs"] == {"by": "Department for the Enforcement of Sentences", "outcome": "rejected",
                                 "reason": "the evidence fell short of what the law requires"}
    assert [(c["instrument"], c["article"], c.get("date")) for c in case["citations"]] == [
        ("Criminal Code", "76", None), ("Penal Enforcement Code", "166", None),
        ("Presidential decree", None, "2017-05-11")]
    assert case["sources"] == ["turkmen.news"]
