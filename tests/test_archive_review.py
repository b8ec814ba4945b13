"""Human verdicts on facts, re-extraction, search filters, events as rows, the audit log and
watched persons, on SQLite and PostgreSQL."""

import pytest

from casefiles import Reports, detainee, event

from habeas.errors import HabeasError
from habeas.model import Term
from habeas.service import ingest
from habeas.store.visibility import Visibility

VIEWER = Visibility.of("viewer")

FIRST = ("TITLE: Arrest in Atyrau\nPUBLISHED: 2023-05-02\n\n"
         "Land activist Maks Bokayev was arrested in Atyrau in April 2023 and sentenced to five years "
         "in prison. Bokayev, 46, is held in a colony in Petropavl in Kazakhstan.")
SECOND = ("TITLE: Hunger strike\nPUBLISHED: 2023-09-10\n\n"
          "Kazakh activist Max Bokaev, 47, went on a hunger strike in September. His lawyer said "
          "Bokaev has lost 10 kilograms.")
OTHER = ("TITLE: Minsk court\nPUBLISHED: 2022-03-01\n\n"
         "Belarusian blogger Ihar Losik was sentenced to 15 years in prison in Minsk in December 2021. "
         "Losik went on a hunger strike in February.")


# The three case files written by hand, as the pipeline makes them: these tests are about what
# the archive does with facts, so each fact is stated here (test_archive.py runs the pipeline).
extract_all = (Reports()
               .add("Arrest in Atyrau", lambda t: (
                   [detainee(t, "Maks Bokayev", aliases=("Bokayev",), age=46, facilities=("colony in Petropavl",),
                             sentence=Term(years=5), status="imprisoned")],
                   [event(t, "arrest", ["Maks Bokayev"], "2023-04", "arrested"),
                    event(t, "sentence", ["Maks Bokayev"], "2023-04", "sentenced")]), country="Kazakhstan")
               .add("Hunger strike", lambda t: (
                   [detainee(t, "Max Bokaev", aliases=("Bokaev",), age=47, status="imprisoned")],
                   [event(t, "hunger_strike", ["Max Bokaev"], "2023-09", "hunger strike")]), country="Kazakhstan")
               .add("Minsk court", lambda t: (
                   [detainee(t, "Ihar Losik", aliases=("Losik",), sentence=Term(years=15), status="imprisoned")],
                   [event(t, "sentence", ["Ihar Losik"], "2021-12", "sentenced"),
                    event(t, "hunger_strike", ["Ihar Losik"], "2022-02", "hunger strike")]), country="Belarus"))


@pytest.fixture
def filled(archive, write):
    ingest(archive, [write("a.txt", FIRST), write("b.txt", SECOND), write("c.txt", OTHER)], extract_all)
    return archive


def values(case, slot):
    return [f["value"] for f in case["facts"].get(slot, [])]


def test_a_rejected_value_leaves_the_case_file(filled):
    person = filled.find_person("Bokayev")
    assert values(filled.case_file(person), "age") == ["47", "46"]          # the more recent first
    filled.review_fact(person, "age", "47", "reject", note="the second report is wrong")
    case = filled.case_file(person)
    assert values(case, "age") == ["46"] and case["conflicts"] == []
    assert [(r["slot"], r["value"]) for r in case["rejected"]] == [("age", "47")]


def test_a_correction_replaces_the_value_and_keeps_its_sources(filled):
    person = filled.find_person("Bokayev")
    filled.review_fact(person, "facilities", "colony in Petropavl", "correct",
                       corrected="penal colony EC-158/3, Petropavl")
    (fact,) = filled.case_file(person)["facts"]["facilities"]
    assert fact["value"] == "penal colony EC-158/3, Petropavl"
    assert fact["review"]["action"] == "correct" and fact["review"]["actor"] == "tester"
    assert fact["sources"][0]["title"] == "Arrest in Atyrau"


def test_an_accepted_value_goes_first(filled):
    person = filled.find_person("Bokayev")
    filled.review_fact(person, "age", "46", "accept")
    ages = filled.case_file(person)["facts"]["age"]
    assert [(f["value"], bool(f["review"])) for f in ages] == [("46", True), ("47", False)]


def test_a_fact_no_report_gave_can_be_added(filled):
    person = filled.find_person("Bokayev")
    filled.review_fact(person, "charges", None, "correct", corrected="inciting social discord")
    (fact,) = filled.case_file(person)["facts"]["charges"]
    assert fact["value"] == "inciting social discord" and fact["sources"] == []


@pytest.mark.parametrize(("slot", "value", "action", "corrected", "error"), [
    ("height", "180", "accept", None, "unknown fact"),
    ("age", "46", "approve", None, "unknown verdict"),
    ("age", "46", "correct", "  ", "needs the corrected value"),
    ("age", "99", "reject", None, "has no age '99'"),
    ("age", None, "reject", None, "only a correction can add"),
])
def test_bad_verdicts_are_refused(filled, slot, value, action, corrected, error):
    with pytest.raises(HabeasError, match=error):
        filled.review_fact(filled.find_person("Bokayev"), slot, value, action, corrected=corrected)


def test_verdicts_win_over_reextraction_and_later_ingests(filled, write):
    person = filled.find_person("Bokayev")
    filled.review_fact(person, "age", "47", "reject")
    filled.review_fact(person, "status", "imprisoned", "correct", corrected="released")
    filled.review_fact(person, "name", "Maks Bokayev", "correct", corrected="Maksat Bokayev")
    report = filled.reextract(filled.stale_documents(everything=True), extract_all)
    assert report.documents == 3 and report.persons_before == report.persons_after
    ingest(filled, [write("d.txt", FIRST.replace("2023-05-02", "2023-06-01") + " He is imprisoned.")],
           extract_all)
    assert filled.find_person("Bokayev") == person                    # the same person as before
    case = filled.case_file(person)
    assert values(case, "age") == ["46"]
    assert case["name"] == "Maksat Bokayev" and case["status"] == "released"


def test_reextraction_keeps_merges_and_splits(filled):
    losik, bokayev = filled.find_person("Losik"), filled.find_person("Bokayev")
    filled.merge(bokayev, losik)                                      # a (wrong) human decision
    filled.reextract(filled.stale_documents(everything=True), extract_all)
    assert len(filled.persons()) == 1


def test_events_are_rows_with_their_documents(filled):
    person = filled.find_person("Bokaev")
    strikes = filled.events(person_id=person, type="hunger_strike")
    assert [(e["date"], e["document"]["title"]) for e in strikes] == [("2023-09", "Hunger strike")]
    assert {e["person"] for e in filled.events(type="hunger_strike")} == {person, filled.find_person("Losik")}
    assert [e["type"] for e in filled.events(since="2021-12", until="2021-12")] == ["sentence"]


@pytest.mark.parametrize(("filters", "titles"), [
    ({}, {"Hunger strike", "Minsk court"}),
    ({"country": "belarus"}, {"Minsk court"}),
    ({"person": "Bokaev"}, {"Hunger strike"}),
    ({"facility": "Petropavl"}, {"Hunger strike"}),
    ({"status": "imprisoned"}, {"Hunger strike", "Minsk court"}),
    ({"event_type": "hunger_strike", "since": "2023"}, {"Hunger strike"}),
    ({"event_type": "hunger_strike", "until": "2022-12-31"}, {"Minsk court"}),
    ({"event_type": "release"}, set()),
])
def test_search_filters(filled, filters, titles):
    filters = dict(filters)
    if "person" in filters:
        filters["person"] = filled.find_person(filters["person"])
    assert {r["document"]["title"] for r in filled.search("hunger strike", **filters)} == titles


def test_persons_by_country(filled):
    assert [p["name"] for p in filled.persons(country="Kazakhstan")] == ["Maks Bokayev"]
    assert [p["name"] for p in filled.persons(country="belarus")] == ["Ihar Losik"]
    assert filled.person_count(country="Uzbekistan") == 0


def test_confidential_items_are_hidden_when_asked(filled):
    losik = filled.find_person("Losik")
    filled.set_confidential("person", losik)
    assert [p["name"] for p in filled.persons(seen=VIEWER)] == ["Maks Bokayev"]
    with pytest.raises(HabeasError, match="no person"):
        filled.case_file(losik, seen=VIEWER)
    doc = filled.search("Minsk")[0]["document"]["id"]
    filled.set_confidential("document", doc)
    assert filled.search("Minsk", seen=VIEWER) == []


def test_every_write_is_audited(filled):
    person = filled.find_person("Bokayev")
    filled.acting_as("ana").review_fact(person, "age", "47", "reject")
    filled.acting_as("ben").watch(person)
    log = filled.audit_log()
    assert [(e["actor"], e["action"]) for e in log[:2]] == [("ben", "watch"), ("ana", "fact.reject")]
    assert log[1]["target"] == f"person:{person}" and log[1]["before"]["value"] == "47"
    assert sum(e["action"] == "ingest" for e in log) == 3


def test_watched_persons(filled):
    person = filled.find_person("Losik")
    filled.watch(person)
    assert [w["person"] for w in filled.watched()] == [person]
    filled.watch(person, on=False)
    assert filled.watched() == []


def test_doubtful_facts_wait_for_review_until_decided(filled):
    person = filled.find_person("Bokayev")
    doubtful = {(f["slot"], f["value"]) for f in filled.doubtful_facts() if f["person"] == person}
    assert {("age", "46"), ("age", "47")} <= doubtful
    filled.review_fact(person, "age", "46", "accept")
    assert ("age", "46") not in {(f["slot"], f["value"]) for f in filled.doubtful_facts()}


def test_deleting_a_document_removes_what_only_it_said(filled):
    doc = filled.search("Minsk")[0]["document"]["id"]
    filled.delete_document(doc)
    assert [p["name"] for p in filled.persons()] == ["Maks Bokayev"]
    assert filled.document_count() == 2
