"""The archive on SQLite and on PostgreSQL (when HABEAS_TEST_DATABASE_URL is set, as CI does):
ingesting, re-ingesting, persons merged across reports, failures kept."""

import pytest

from casefiles import Reports, detainee, event

from habeas.model import Term
from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.settings import load

REPORT_A = ("TITLE: First report\nPUBLISHED: 2023-05-02\n\n"
            "Land activist Maks Bokayev was arrested in Atyrau in April 2023 and sentenced to five years "
            "in prison. Bokayev, 46, is held in a colony in Petropavl.")
REPORT_B = ("TITLE: Second report\nPUBLISHED: 2023-09-10\n\n"
            "Activist Max Bokaev went on a hunger strike in September. His lawyer said Bokaev "
            "has lost 10 kilograms.")
REPORT_C = ("TITLE: Third report\n\nJournalist Aigul Bekova was detained in Almaty on 3 March 2023.")


def pipeline(documents):
    return default_extractor().extract_many(documents)


# What the pipeline makes of the three reports, written by hand: the tests below check what
# the archive does with case files, and state the facts they store.
extract_all = (Reports()
               .add("First report", lambda t: (
                   [detainee(t, "Maks Bokayev", aliases=("Bokayev",), age=46, facilities=("a colony in Petropavl",),
                             sentence=Term(years=5), status="imprisoned")],
                   [event(t, "arrest", ["Maks Bokayev"], "2023-04", "arrested"),
                    event(t, "sentence", ["Maks Bokayev"], "2023-04", "sentenced")]), country="Kazakhstan")
               .add("Second report", lambda t: (
                   [detainee(t, "Max Bokaev", aliases=("Bokaev",), status="imprisoned")],
                   [event(t, "hunger_strike", ["Max Bokaev"], "2023-09", "hunger strike")]))
               .add("Third report", lambda t: (
                   [detainee(t, "Aigul Bekova", status="pretrial")],
                   [event(t, "arrest", ["Aigul Bekova"], "2023-03-03", "detained")]), country="Kazakhstan"))


def test_the_pipeline_makes_one_case_file_per_person_across_reports(archive, write):
    """The one test of this file through spaCy: the reports' case files as the pipeline makes them."""
    summary = ingest(archive, [write("a.txt", REPORT_A), write("b.txt", REPORT_B),
                               write("c.txt", REPORT_C)], pipeline)
    assert len(summary.new) == 3 and not summary.failed
    persons = {p["name"]: p for p in archive.persons()}
    assert set(persons) == {"Maks Bokayev", "Aigul Bekova"}
    assert "Max Bokaev" in persons["Maks Bokayev"]["aliases"]


def test_one_case_file_per_person_across_reports(archive, write):
    summary = ingest(archive, [write("a.txt", REPORT_A), write("b.txt", REPORT_B),
                               write("c.txt", REPORT_C)], extract_all)
    assert len(summary.new) == 3 and not summary.failed
    persons = {p["name"]: p for p in archive.persons()}
    assert set(persons) == {"Maks Bokayev", "Aigul Bekova"}
    bokayev = persons["Maks Bokayev"]
    assert {d["title"] for d in bokayev["documents"]} == {"First report", "Second report"}
    assert "Max Bokaev" in bokayev["aliases"]
    assert all(len(d["sha256"]) == 64 and d["path"].endswith(".txt") for d in bokayev["documents"])


def test_person_filters(archive, write):
    ingest(archive, [write("a.txt", REPORT_A), write("c.txt", REPORT_C)], extract_all)
    assert [p["name"] for p in archive.persons(facility="colony")] == ["Maks Bokayev"]
    assert [p["name"] for p in archive.persons(status="pretrial")] == ["Aigul Bekova"]
    assert archive.persons(status="released") == []


def test_search_finds_documents_and_the_matching_sentence(archive, write):
    ingest(archive, [write("a.txt", REPORT_A), write("b.txt", REPORT_B), write("c.txt", REPORT_C)],
           extract_all)
    (hit,) = archive.search("hunger strike")
    assert hit["document"]["title"] == "Second report"
    assert hit["sentence"].startswith("Activist Max Bokaev went on a hunger strike")
    assert hit["persons"] == ["Max Bokaev"]
    assert len(archive.search("arrested")) == 1 and archive.search("Almaty")[0]["persons"] == ["Aigul Bekova"]
    assert archive.search("nothing-like-this") == []


def test_the_same_bytes_again_change_nothing(archive, write):
    path = write("a.txt", REPORT_A)
    ingest(archive, [path], extract_all)
    again = ingest(archive, [path, write("copy.txt", REPORT_A)], extract_all)
    assert again.new == [] and len(again.known) == 2
    assert archive.document_count() == 1
    assert len(archive.persons()) == 1


def test_failures_are_recorded_and_the_rest_ingested(archive, write):
    summary = ingest(archive, [write("empty.txt", ""), write("c.txt", REPORT_C)], extract_all)
    assert [p for p, _ in summary.failed] == [write("empty.txt", "")]
    assert archive.failures()[0]["reason"].startswith("empty file")
    assert [p["name"] for p in archive.persons()] == ["Aigul Bekova"]


def test_directories_are_read_recursively(archive, tmp_path):
    (tmp_path / "reports" / "2023").mkdir(parents=True)
    (tmp_path / "reports" / "a.txt").write_text(REPORT_A)
    (tmp_path / "reports" / "2023" / "c.txt").write_text(REPORT_C)
    (tmp_path / "reports" / "notes.json").write_text("{}")
    summary = ingest(archive, [str(tmp_path / "reports")], extract_all)
    assert sorted(p.rsplit("/", 1)[-1] for p in summary.new) == ["a.txt", "c.txt"]


def test_database_url_settings(monkeypatch, tmp_path):
    monkeypatch.delenv("HABEAS_DATABASE_URL", raising=False)
    monkeypatch.setenv("HABEAS_HOME", str(tmp_path))
    assert load().archive_url() == f"sqlite:///{tmp_path / 'habeas.db'}"
    assert load().archive_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("HABEAS_DATABASE_URL", "sqlite:///x.db")
    assert load().archive_url() == "sqlite:///x.db"


def test_case_file_and_timeline_across_reports(archive, write):
    ingest(archive, [write("a.txt", REPORT_A), write("b.txt", REPORT_B)], extract_all)
    person = archive.find_person("Bokaev")                  # any spelling finds the person
    case = archive.case_file(person)
    assert case["facts"]["age"][0]["value"] == "46"
    assert case["facts"]["age"][0]["sources"][0]["title"] == "First report"
    assert case["facts"]["age"][0]["sources"][0]["evidence"] == "Bokayev, 46, is held in a colony in Petropavl."
    assert [f["value"] for f in case["facts"]["sentence"]] == ["5 years"]
    assert case["aliases"] and "Max Bokaev" in case["aliases"]
    events = archive.timeline(person)
    assert [(e["type"], e["date"]) for e in events][:2] == [("arrest", "2023-04"), ("sentence", "2023-04")]
    assert ("hunger_strike", "2023-09") in [(e["type"], e["date"]) for e in events]


def test_unknown_person_is_an_error(archive):
    from habeas.errors import HabeasError
    with pytest.raises(HabeasError, match="no person"):
        archive.find_person("Nobody Atall")


# ---------------------------------------------------------------- robustness, as processes

NAMES = ["Farid Nasirov", "Aigul Bekova", "Ruslan Tashkentov", "Dilnoza Ergasheva"]


def _reports(folder, n):
    folder.mkdir()
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        (folder / f"r{i:03d}.txt").write_text(
            f"TITLE: Report {i}\n\nActivist {name} was detained in Almaty on {i % 28 + 1} May 2023. "
            f"Report number {i}.")
    return folder


def _habeas(*args):
    import subprocess
    import sys
    from pathlib import Path
    return subprocess.Popen([str(Path(sys.executable).with_name("habeas")), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _url(archive):
    return archive.engine.url.render_as_string(hide_password=False)


def _consistent(archive, n):
    from sqlalchemy import func, select
    from habeas.store.tables import DocumentRow, MentionRow
    assert archive.document_count() == n
    with archive.session() as session:
        for doc in session.scalars(select(DocumentRow)):
            stored = session.scalar(select(func.count()).select_from(MentionRow)
                                    .where(MentionRow.document_id == doc.id))
            assert stored == len(doc.extract["persons"]), doc.path
    names = [p["name"] for p in archive.persons()]
    assert len(names) == len(set(names)), names


def test_killed_ingest_resumes_without_duplicates(archive, tmp_path):
    """SIGKILL in the middle of a 1,000-document ingest; the second run stores the rest."""
    import signal
    import time
    folder = _reports(tmp_path / "in", 1000)
    proc = _habeas("ingest", "--db", _url(archive), str(folder))
    deadline = time.time() + 300
    while archive.document_count() < 200 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = archive.document_count()
    assert 0 < stored < 1000, "the ingest finished before it could be killed"
    again = _habeas("ingest", "--db", _url(archive), str(folder))
    assert again.wait(timeout=900) == 0, again.stderr.read()
    _consistent(archive, 1000)
    assert len(archive.persons()) == len(NAMES)


def test_two_ingests_at_once(archive, tmp_path):
    folder = _reports(tmp_path / "in", 30)
    first = _habeas("ingest", "--db", _url(archive), str(folder))
    second = _habeas("ingest", "--db", _url(archive), str(folder))
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    _consistent(archive, 30)


# ---------------------------------------------------------------- human decisions

# Names no place: nothing but the surname says this Bekova is the Almaty one.
REPORT_D = ("TITLE: Fourth report\n\nPolice detained Bekova on 9 June 2023, "
            "her colleagues said. Bekova was later sentenced to two years in prison.")
extract_all.add("Fourth report", lambda t: ([detainee(t, "Bekova", status="imprisoned")],
                                            [event(t, "arrest", ["Bekova"], "2023-06-09", "detained")]))


@pytest.mark.parametrize(("later", "country", "age", "merged"), [
    ("Police detained Bekova in Shymkent on 9 June 2023", "Kazakhstan", None, True),   # same country, one Bekova
    ("Police detained Bekova in Bishkek on 9 June 2023", "Kyrgyzstan", None, False),   # another country
    ("Police detained Bekova on 9 June 2023", None, None, False),                       # no country to agree on
    ("Police detained Bekova, 61, in Shymkent on 9 June 2023", "Kazakhstan", 61, False),  # the ages disagree
    ("Police detained Bekova, 34, in Shymkent on 9 June 2023", "Kazakhstan", 34, True),   # the ages agree
])
def test_a_lone_surname_merges_only_when_everything_else_agrees(archive, write, later, country, age, merged):
    first = "TITLE: Third report\n\nJournalist Aigul Bekova, 34, was detained in Almaty on 3 March 2023."
    later = f"TITLE: Later\n\n{later}, her colleagues said. Bekova was later sentenced to two years."
    reports = (Reports()
               .add("Third report", lambda t: ([detainee(t, "Aigul Bekova", age=34, status="pretrial")], []),
                    country="Kazakhstan")
               .add("Later", lambda t: ([detainee(t, "Bekova", age=age, status="imprisoned")], []), country=country))
    ingest(archive, [write("c.txt", first), write("d.txt", later)], reports)
    assert len(archive.persons()) == (1 if merged else 2)
    assert len(archive.review_items()) == (0 if merged else 1)


def test_doubtful_match_waits_for_review_and_accepting_merges(archive, write):
    ingest(archive, [write("c.txt", REPORT_C), write("d.txt", REPORT_D)], extract_all)
    (item,) = archive.review_items()
    assert "only the surname agrees" in item["reason"]
    assert len(archive.persons()) == 2                       # kept apart until decided
    archive.decide(item["id"], accept=True)
    (person,) = archive.persons()
    assert person["name"] == "Aigul Bekova" and len(person["documents"]) == 2
    assert archive.review_items() == []


def test_rejecting_keeps_them_apart_in_later_ingests(archive, write):
    ingest(archive, [write("c.txt", REPORT_C), write("d.txt", REPORT_D)], extract_all)
    (item,) = archive.review_items()
    archive.decide(item["id"], accept=False)
    ingest(archive, [write("d2.txt", REPORT_D + " She appealed.")], extract_all)
    persons = {p["id"]: p for p in archive.persons()}
    aigul = next(p for p in persons.values() if p["name"] == "Aigul Bekova")
    assert [d["title"] for d in aigul["documents"]] == ["Third report"]   # never merged back
    # The new "Bekova" report may be the other Bekova: that is for a person to decide.
    (item,) = archive.review_items()
    assert persons[item["candidate"]]["name"] == "Bekova"


def test_merge_and_split_are_respected_by_later_ingests(archive, write):
    ingest(archive, [write("a.txt", REPORT_A), write("b.txt", REPORT_B)], extract_all)
    (person,) = archive.persons()
    second = next(d for d in person["documents"] if d["title"] == "Second report")
    with archive.session() as session:
        from sqlalchemy import select
        from habeas.store.tables import DocumentRow
        doc_id = session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == second["sha256"]))
    new_id = archive.split(person["id"], doc_id)
    assert len(archive.persons()) == 2
    # A new report naming "Max Bokaev" no longer joins the first person.
    ingest(archive, [write("b2.txt", REPORT_B + " He is 46.")], extract_all)
    first = next(p for p in archive.persons() if p["id"] == person["id"])
    assert [d["title"] for d in first["documents"]] == ["First report"]
    # …but joins the person split off, whose names it shares; merging brings all three together.
    assert len(next(p for p in archive.persons() if p["id"] == new_id)["documents"]) == 2
    archive.merge(person["id"], new_id)
    assert len(next(p for p in archive.persons() if p["id"] == person["id"])["documents"]) == 3
