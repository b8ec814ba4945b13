"""The habeas command, run as a user runs it: output formats, --out, --jobs, exit codes and
one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from habeas.cli import app
from habeas.examples import example_path

runner = CliRunner()
REPORT = ("TITLE: Blogger detained\nPUBLISHED: 2023-06-01\n\n"
          "Blogger Farid Nasirov was detained in Baku on 12 May 2023 on charges of hooliganism.")


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_json_for_each_input(write):
    a, b = write("a.txt", REPORT), write("b.txt", REPORT.replace("Farid Nasirov", "Leyla Huseynova"))
    result = run("extract", "--format", "json", a, b)
    assert result.exit_code == 0, result.output
    docs = _split_json(result.stdout)
    assert [d["schema"] for d in docs] == ["habeas/extract-v1"] * 2
    assert [d["file"] for d in docs] == ["a.txt", "b.txt"]
    assert docs[0]["persons"][0]["name"] == "Farid Nasirov"
    assert docs[0]["events"][0]["date"] == "2023-05-12"


def test_out_dir_writes_one_file_per_input(write, tmp_path):
    out = tmp_path / "out"
    result = run("extract", "--format", "json", "--out", str(out), write("case1.txt", REPORT))
    assert result.exit_code == 0
    assert json.loads((out / "case1.json").read_text())["document"]["title"] == "Blogger detained"


def test_text_format_shows_people_timeline_and_sources(write):
    result = run("extract", write("a.txt", REPORT))
    assert result.exit_code == 0
    for expected in ("Farid Nasirov", "2023-05-12 (day)", "arrest", "hooliganism",
                     "“Blogger Farid Nasirov was detained"):
        assert expected in result.stdout


def test_standard_input():
    result = run("extract", "--format", "json", "-", input=REPORT)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["persons"][0]["name"] == "Farid Nasirov"


def test_published_option_anchors_dates(write):
    text = "Blogger Farid Nasirov was detained in Baku in September."
    result = run("extract", "--format", "json", "--published", "2021-11-02", write("a.txt", text))
    assert json.loads(result.stdout)["events"][0]["date"] == "2021-09"


def test_a_bad_input_fails_alone(write):
    good, empty = write("good.txt", REPORT), write("empty.txt", "")
    result = run("extract", "--format", "json", empty, good, str(Path(good).parent / "missing.txt"))
    assert result.exit_code == 1
    assert "Farid Nasirov" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert errors == [f"error: {empty}: empty file",
                      f"error: {Path(good).parent / 'missing.txt'}: no such file"]


@pytest.mark.parametrize("args", [
    ["extract", "--format", "yaml", "x.txt"],
    ["extract", "--published", "2021-02-30", "x.txt"],
    ["extract", "--jobs", "0", "x.txt"],
    ["extract", "--no-such-option", "x.txt"],
    ["extract"],
])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("habeas ")


def test_jobs_2_keeps_input_order_in_real_processes(tmp_path):
    """End to end, as installed: the console script, two worker processes, the real model."""
    files = []
    for i in range(6):
        path = tmp_path / f"r{i}.txt"
        path.write_text(REPORT)
        files.append(str(path))
    habeas = Path(sys.executable).with_name("habeas")
    proc = subprocess.run([str(habeas), "extract", "--format", "json", "--jobs", "2", *files],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    docs = _split_json(proc.stdout)
    assert [d["file"] for d in docs] == [f"r{i}.txt" for i in range(6)]
    assert all(d["persons"][0]["name"] == "Farid Nasirov" for d in docs)


def test_demo_example_is_the_reference_case():
    result = run("extract", "--format", "json", str(example_path()))
    case = json.loads(result.stdout)
    assert case["persons"][0]["name"] == "Mansur Mingelov"


def _split_json(stream: str) -> list[dict]:
    decoder, docs, pos = json.JSONDecoder(), [], 0
    stream = stream.strip()
    while pos < len(stream):
        doc, end = decoder.raw_decode(stream, pos)
        docs.append(doc)
        pos = end
        while pos < len(stream) and stream[pos].isspace():
            pos += 1
    return docs


def test_archive_commands(write, tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert run("db", "upgrade", "--db", db).exit_code == 0
    result = run("ingest", "--db", db, write("a.txt", REPORT), write("empty.txt", ""))
    assert result.exit_code == 1
    assert "1 new, 0 already known, 1 failed" in result.stderr
    assert run("ingest", "--db", db, write("a.txt", REPORT)).exit_code == 0
    persons = json.loads(run("persons", "--db", db, "--format", "json").stdout)
    assert [p["name"] for p in persons] == ["Farid Nasirov"]
    assert persons[0]["documents"][0]["title"] == "Blogger detained"
    assert "empty file" in run("failures", "--db", db).stdout


def test_bad_database_url_is_a_usage_error():
    assert run("persons", "--db", "mysql://x").exit_code == 2


def test_show_and_timeline(write, tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    run("ingest", "--db", db, write("a.txt", REPORT))
    shown = json.loads(run("show", "Nasirov", "--db", db, "--format", "json").stdout)
    assert shown["name"] == "Farid Nasirov" and "charges" in shown["facts"]
    result = run("timeline", "Farid Nasirov", "--db", db)
    assert "2023-05-12 (day)" in result.stdout and "arrest" in result.stdout
    assert run("show", "Nobody Atall", "--db", db).exit_code == 1


def test_review_merge_and_split_commands(write, tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    run("ingest", "--db", db, write("a.txt", REPORT),
        write("b.txt", "Police detained Nasirov on 3 June 2023, his wife said."))
    listing = run("review", "--db", db).stdout
    assert "only the surname agrees" in listing
    item = listing.split()[0].lstrip("#")
    assert run("review", "--db", db, "--accept", item).stdout.strip() == "accepted: merged"
    (person,) = json.loads(run("persons", "--db", db, "--format", "json").stdout)
    assert len(person["documents"]) == 2
    doc = person["documents"][1]["id"]
    assert "split off as person" in run("split", "Farid Nasirov", "--document", str(doc), "--db", db).stdout
    assert len(json.loads(run("persons", "--db", db, "--format", "json").stdout)) == 2
    assert run("merge", "Farid Nasirov", "#nobody", "--db", db).exit_code == 1


def test_fact_verdicts_reextract_watch_and_filtered_search(write, tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    run("ingest", "--db", db, write("a.txt", REPORT))
    assert run("fact", "Nasirov", "charges", "hooliganism", "--correct", "hooliganism (art. 221)",
               "--db", db).stdout.startswith("corrected: charges hooliganism -> hooliganism (art. 221)")
    assert run("fact", "Nasirov", "charges", "hooliganism", "--accept", "--reject", "--db", db).exit_code == 2
    failed = run("fact", "Nasirov", "age", "30", "--reject", "--db", db)
    assert failed.exit_code == 1 and "has no age '30'" in failed.stderr
    assert "re-extracted 1 document(s)" in run("reextract", "--all", "--db", db).stdout
    assert "nothing to re-extract" in run("reextract", "--db", db).stdout
    shown = json.loads(run("show", "Nasirov", "--db", db, "--format", "json").stdout)
    assert [f["value"] for f in shown["facts"]["charges"]] == ["hooliganism (art. 221)"]
    assert run("watch", "Nasirov", "--db", db).stdout.strip() == "watching"
    assert "Blogger detained" in run("search", "Baku", "--event", "arrest", "--since", "2023-05", "--db", db).stdout
    assert run("search", "Baku", "--event", "release", "--db", db).stdout == ""
    assert run("search", "Baku", "--event", "picnic", "--db", db).exit_code == 2
    assert run("search", "Baku", "--since", "May 2023", "--db", db).exit_code == 2
    assert "Farid Nasirov" in run("persons", "--country", "azerbaijan", "--db", db).stdout
