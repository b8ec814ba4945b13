"""The archive's costs, measured against references taken in the same run.

1. Storage overhead: ingesting reports (read, extract, store) against extracting the same
   reports only, with the same warmed-up pipeline; target ratio ≤ 1.2.
2. Latency on a large archive: 100,000 synthetic documents and 20,000 persons (with their
   mentions, facts and events) are bulk-loaded, then `search` and `case_file` are timed
   (p50/p95 over many calls); targets: search p95 ≤ 50 ms, case file p95 ≤ 20 ms, on SQLite
   and, when a PostgreSQL URL is given (or HABEAS_TEST_DATABASE_URL is set), on PostgreSQL.

    python bench/archive_bench.py [--docs 100000] [--persons 20000] [--pg URL] [--corpus DIR]

Prints a table, marks each target ok or MISSED, and exits 0 either way: it reports, it does
not gate CI.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
import zlib
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from habeas.ingest.readers import read_source
from habeas.nlp.pipeline import default_extractor
from habeas.service import expand_sources, ingest
from habeas.settings import database_url
from habeas.settings import load as load_settings
from habeas.store.archive import Archive
from habeas.store.tables import DocumentRow, EventRow, FactRow, MentionRow, PersonRow

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "dev" / "corpus"
GOLDEN = ROOT / "tests" / "data" / "golden"

SYLLABLES = ["ka", "ri", "mo", "za", "bek", "tur", "san", "gul", "dil", "nur", "ras", "ul", "fa",
             "rid", "ay", "den", "iz", "ol", "mur", "at", "sha", "hin", "lo", "vi", "ch"]
FILLER = ("the court said on Monday that the appeal hearing was postponed again while relatives waited "
          "outside the building for news about the case and lawyers asked for access to the file "
          "a statement by the ministry described the charges as lawful and the trial as open but "
          "observers were not admitted and journalists were kept away from the courtroom").split()
TOPICS = [("hunger strike", "hunger_strike"), ("tuberculosis", "health"), ("detained", "arrest"),
          ("sentenced", "sentence"), ("petition", "petition"), ("released", "release"),
          ("tortured", "ill_treatment"), ("transferred", "transfer")]
FACILITIES = ["penal colony No. 2", "pretrial detention centre SIZO-1", "Jaslyk prison", "Ovadan-Depe prison",
              "colony in Petropavl", "prison hospital LB-K/11", "Evin prison"]
COUNTRIES = ["Turkmenistan", "Uzbekistan", "Kazakhstan", "Tajikistan", "Azerbaijan", "Belarus", "Iran"]


def name(rng: random.Random) -> str:
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()  # noqa: E731
    return f"{word()} {word()}ov"


# ------------------------------------------------------------------ 1. storage overhead

def report_files(corpus: Path) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("*.txt")) if corpus.is_dir() else []
    return files or sorted(str(p) for p in GOLDEN.glob("*.txt"))


def storage_overhead(files: list[str], repeat: int) -> dict:
    extractor = default_extractor()
    documents = [read_source(f) for f in files]
    list(extractor.extract_many(documents))                      # warm up
    extract_times, ingest_times = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        for f in files:                                           # read and extract only
            list(extractor.extract_many([read_source(f)]))
        extract_times.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as tmp:
            archive = Archive.open(f"sqlite:///{tmp}/habeas.db")
            start = time.perf_counter()
            summary = ingest(archive, list(expand_sources(files)), extractor.extract_many)
            ingest_times.append(time.perf_counter() - start)
            assert len(summary.new) == len(files), summary.failed
            archive.engine.dispose()
    extract, stored = min(extract_times), min(ingest_times)
    return {"docs": len(files), "extract_s": extract, "ingest_s": stored, "ratio": stored / extract}


# ------------------------------------------------------------------ 2. a large archive

def fill(archive: Archive, docs: int, persons: int, seed: int = 7) -> tuple[list[str], list[int]]:
    """Bulk-load synthetic documents and persons; returns (surnames used, person ids)."""
    rng = random.Random(seed)
    names = [name(rng) for _ in range(persons)]
    batch = 2000
    with archive.session() as session:
        session.execute(insert(PersonRow), [
            {"id": i + 1, "name": n, "detained": True, "status": rng.choice(["imprisoned", "pretrial", "released"]),
             "country": rng.choice(COUNTRIES), "confidential": False} for i, n in enumerate(names)])
    for start in range(0, docs, batch):
        rows, mentions, facts, events = [], [], [], []
        for d in range(start, min(start + batch, docs)):
            pid = d % persons + 1
            person = names[pid - 1]
            topic, etype = rng.choice(TOPICS)
            facility = rng.choice(FACILITIES)
            words = rng.choices(FILLER, k=40)
            body = (f"{person} was {topic if etype != 'hunger_strike' else 'on a ' + topic} in {facility}, "
                    f"{rng.choice(COUNTRIES)}, relatives said. " + " ".join(words) + ". "
                    f"{person.split()[-1]} is {rng.randint(25, 70)} years old. " + " ".join(rng.choices(FILLER, k=60)) + ".")
            year = rng.randint(2010, 2026)
            rows.append({"id": d + 1, "sha256": uuid.uuid4().hex + uuid.uuid4().hex, "path": f"/synthetic/{d}.txt",
                         "url": None, "version": 1, "title": f"Report {d}", "outlet": None,
                         "published": f"{year}-{rng.randint(1, 12):02d}-01", "language": "en",
                         "raw": zlib.compress(body.encode()), "text": body, "pipeline": "bench",
                         "extract": {"persons": [{"id": "P1", "name": person, "detained": True}], "events": []},
                         "confidential": False})
            mentions.append({"person_id": pid, "document_id": d + 1, "local_id": "P1", "name": person,
                             "aliases": [], "detained": True})
            facts += [{"person_id": pid, "document_id": d + 1, "slot": "facilities", "value": facility,
                       "evidence": body[:120]},
                      {"person_id": pid, "document_id": d + 1, "slot": "age", "value": str(rng.randint(25, 70)),
                       "evidence": None}]
            events.append({"person_id": pid, "document_id": d + 1, "type": etype,
                           "date": f"{year}-{rng.randint(1, 12):02d}", "attrs": {}, "trigger": topic,
                           "evidence": body[:120]})
        with archive.session() as session:
            for table, data in ((DocumentRow, rows), (MentionRow, mentions), (FactRow, facts), (EventRow, events)):
                session.execute(insert(table), data)
    if archive.engine.dialect.name == "postgresql":
        # What autovacuum does to a live archive soon after a bulk load: statistics for the
        # planner and the visibility map that lets index-only scans skip the table.
        with archive.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return names, list(range(1, persons + 1))


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def latency(archive: Archive, names: list[str], ids: list[int], calls: int) -> dict:
    rng = random.Random(11)
    queries = []
    for i in range(calls):
        kind = i % 4
        if kind == 0:
            queries.append((rng.choice(names).split()[-1], {}))                    # a surname
        elif kind == 1:
            queries.append((rng.choice(TOPICS)[0], {"limit": 20}))                   # a common phrase
        elif kind == 2:
            queries.append((rng.choice(FACILITIES).split()[-1], {"country": rng.choice(COUNTRIES)}))
        else:
            topic, etype = rng.choice(TOPICS)
            queries.append((topic, {"event_type": etype, "since": "2020"}))
    search_times, case_times, search_cpu, case_cpu = [], [], [], []
    for query, filters in queries:
        start, cpu = time.perf_counter(), time.thread_time()
        archive.search(query, **filters)
        search_times.append(time.perf_counter() - start)
        search_cpu.append(time.thread_time() - cpu)
    for person in rng.sample(ids, min(calls, len(ids))):
        start, cpu = time.perf_counter(), time.thread_time()
        archive.case_file(person)
        case_times.append(time.perf_counter() - start)
        case_cpu.append(time.thread_time() - cpu)
    # CPU time of this thread (SQLite works in it; PostgreSQL's server process is not counted):
    # what a call costs, apart from waiting for a CPU on a busy machine.
    return {"search": percentiles(search_times), "case_file": percentiles(case_times),
            "search_cpu": percentiles(search_cpu), "case_file_cpu": percentiles(case_cpu)}


def pg_archive(url: str) -> tuple[Archive, callable]:
    schema = f"habeas_bench_{uuid.uuid4().hex[:8]}"
    base = database_url(url)
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    return Archive.open(base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--pg", default=load_settings().test_database_url)
    parser.add_argument("--skip-overhead", action="store_true")
    args = parser.parse_args()
    rows = []
    if not args.skip_overhead:
        o = storage_overhead(report_files(args.corpus), args.repeat)
        rows.append((f"ingest / extract-only, {o['docs']} reports (SQLite)",
                     f"{o['ingest_s']:.2f} s / {o['extract_s']:.2f} s = {o['ratio']:.2f}×", "≤ 1.2×", o["ratio"] <= 1.2))
    backends = [("SQLite", None)] + ([("PostgreSQL", args.pg)] if args.pg else [])
    for label, url in backends:
        with tempfile.TemporaryDirectory() as tmp:
            archive, drop = (Archive.open(f"sqlite:///{tmp}/habeas.db"), lambda: None) if url is None else pg_archive(url)
            try:
                start = time.perf_counter()
                names, ids = fill(archive, args.docs, args.persons)
                load = time.perf_counter() - start
                result = latency(archive, names, ids, args.calls)
            finally:
                archive.engine.dispose()
                drop()
        size = f"{args.docs:,} docs, {args.persons:,} persons, loaded in {load:.0f} s"
        p50, p95 = result["search"]
        c50, c95 = result["search_cpu"]
        rows.append((f"search p50/p95 ({label}; {size})", f"{p50:.1f} / {p95:.1f} ms (CPU {c50:.1f} / {c95:.1f})",
                     "p95 ≤ 50 ms", p95 <= 50))
        p50, p95 = result["case_file"]
        c50, c95 = result["case_file_cpu"]
        rows.append((f"case file p50/p95 ({label})", f"{p50:.1f} / {p95:.1f} ms (CPU {c50:.1f} / {c95:.1f})",
                     "p95 ≤ 20 ms", p95 <= 20))
    print(f"load average {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    width = max(len(r[0]) for r in rows)
    for measure, value, target, ok in rows:
        print(f"{measure:<{width}}  {value:<40} {target:<14} {'ok' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
