"""Ingest on a Dask LocalCluster (2 worker processes) into SQLite and PostgreSQL (when
HABEAS_TEST_DATABASE_URL is set): one worker is killed midway, and the archive must still equal
the one a single-process ingest of the same reports produces."""

import importlib.util
import os
import shutil
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from habeas.batch.cluster import cluster_client, ingest_on_cluster
from habeas.batch.prefilter import worth_extracting
from habeas.cli import app
from habeas.ingest.readers import read_source
from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.store.archive import Archive

REPORTS = 240


def _synth():
    spec = importlib.util.spec_from_file_location("synth", Path(__file__).parents[1] / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Short generated reports, half about a detention, plus a copy of one and an empty file."""
    folder = tmp_path_factory.mktemp("reports")
    paths = _synth().generate(folder, REPORTS, share=0.5, short=True, seed=6)
    shutil.copy(next(p for p in paths if worth_extracting(read_source(str(p)))), folder / "copy.txt")
    (folder / "empty.txt").write_text("")
    return folder


@pytest.fixture(scope="module")
def single_process(reports, tmp_path_factory):
    """What a plain ingest of the reports that pass the pre-filter leaves in an archive."""
    archive = Archive.open(f"sqlite:///{tmp_path_factory.mktemp('single') / 'habeas.db'}")
    ingest(archive, [str(reports)],
           lambda documents: default_extractor().extract_many([d for d in documents if worth_extracting(d)]))
    yield snapshot(archive)
    archive.engine.dispose()


def snapshot(archive: Archive) -> dict:
    """The archive's content without its ids: documents, persons with their names, statuses,
    documents and facts, events, review items and failures."""
    sha = {d["id"]: d["sha256"] for d in archive.documents()}
    persons = []
    for person in archive.persons(detained=None):
        case = archive.case_file(person["id"])
        facts = sorted((slot, f["value"], tuple(sorted(sha[s["document"]] for s in f["sources"])))
                       for slot, values in case["facts"].items() for f in values)
        persons.append((person["name"], person["status"], person["detained"], tuple(sorted(person["aliases"])),
                        tuple(sorted(d["sha256"] for d in person["documents"])), tuple(map(str, facts))))
    return {"documents": sorted(sha.values()), "persons": sorted(persons),
            "events": sorted((e["type"], e["date"] or "", sha[e["document"]["id"]]) for e in archive.events()),
            "reviews": len(archive.review_items()),
            "failures": sorted(Path(f["source"]).name for f in archive.failures())}


def test_a_killed_worker_changes_nothing(archive_url, reports, single_process):
    archive = Archive.open(archive_url)
    killed = []

    with cluster_client("local", 2) as client:
        def kill_one_worker_midway(done, total):
            # Once a few batches are stored, kill a worker that is extracting one.
            if killed or archive.document_count() < 16:
                return
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(busy[0])

        summary = ingest_on_cluster(archive, [str(reports)], client, batch=8, on_progress=kill_one_worker_midway)
        assert killed, "no worker was busy to be killed"
        assert killed[0] not in client.scheduler_info()["workers"]

    assert snapshot(archive) == single_process
    assert len(summary.new) == len(single_process["documents"])
    assert len(summary.known) == 1 and [Path(p).name for p, _ in summary.failed] == ["empty.txt"]
    assert len(summary.new) + len(summary.skipped) == REPORTS
    assert summary.new and summary.skipped and single_process["persons"] and single_process["events"]
    archive.engine.dispose()


def test_a_second_run_resumes(archive_url, reports, single_process):
    """Reports stored by an earlier, interrupted run are not sent again."""
    archive = Archive.open(archive_url)
    first = sorted(reports.glob("report-*.txt"))[:REPORTS // 2]
    with cluster_client("local", 1) as client:
        ingest_on_cluster(archive, map(str, first), client)
        stored = archive.document_count()
        again = ingest_on_cluster(archive, [str(reports)], client)
    assert len(again.known) == stored + 1          # and the copy
    assert len(again.new) == len(single_process["documents"]) - stored
    assert snapshot(archive) == single_process
    archive.engine.dispose()


def test_cli_on_a_local_cluster(tmp_path):
    folder = tmp_path / "in"
    _synth().generate(folder, 12, share=0.5, short=True, seed=7)
    db = f"sqlite:///{tmp_path / 'habeas.db'}"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--dask", "local", "--workers", "1"])
    assert result.exit_code == 0, result.output
    stored = Archive.open(db).document_count()
    assert f"{stored} new, 0 already known, {12 - stored} without any sign of detention" in result.output


@pytest.mark.parametrize("args", [["--workers", "2"], ["--dask", "tcp://127.0.0.1:1", "--workers", "2"],
                                  ["--dask", "local", "--jobs", "2"]])
def test_cli_refuses_options_that_do_not_go_together(tmp_path, args):
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'h.db'}", *args])
    assert result.exit_code == 2
