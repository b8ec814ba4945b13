"""How often each event pattern fires on a gold set, and with what precision.

    python bench/pattern_stats.py ../shared/eval/dev [../shared/eval/challenge …] [--min 1]

Extracts every report of each set's corpus/ in this process, matches the events to the gold
case files (gold/) the way the eval scorer does (same type, a shared person, dates agreeing
first), and prints one row per (event type, pattern id): times fired, how many matched a gold
event, the precision, and the sets it fired in. A pattern that fired once, or only in one
report, is marked: a rule that fits one sentence rather than the language.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

from habeas.ingest.readers import read_file
from habeas.nlp.pipeline import Extractor


def _scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("score", eval_dir.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matched_events(score, gold: dict, pred: dict) -> set[int]:
    """Indices of `pred`'s events the scorer counts as found (its own matching, in order)."""
    def names(ev, people):
        out = []
        for n in ev.get("persons") or []:
            out.extend(next((score.names_of(p) for p in people if n in score.names_of(p)), [n]))
        return out

    gev = [e for e in gold.get("events", []) if e.get("type") in score.EVENT_TYPES]
    pev = [(i, e) for i, e in enumerate(pred.get("events", [])) if e.get("type") in score.EVENT_TYPES]
    used: set[int] = set()
    done: set[int] = set()
    for strict in (True, False):
        for gi, g in enumerate(gev):
            if gi in done:
                continue
            for pi, p in pev:
                if pi in used or p["type"] != g["type"]:
                    continue
                gn, pn = names(g, gold.get("persons", [])), names(p, pred.get("persons", []))
                if gn and pn and not score.same_person(gn, pn):
                    continue
                if strict and score.date_ok(g.get("date"), p.get("date")) is False:
                    continue
                used.add(pi)
                done.add(gi)
                break
    return used


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="folders with corpus/ and gold/")
    parser.add_argument("--min", type=int, default=1, help="only patterns fired at least this often")
    args = parser.parse_args(argv)
    extractor = Extractor()
    fired: dict[tuple[str, str], dict] = defaultdict(lambda: {"n": 0, "tp": 0, "reports": set(), "sets": set()})
    for folder in args.sets:
        score = _scorer(folder)
        files = sorted((folder / "corpus").glob("*.txt"))
        documents = [read_file(str(f))[0] for f in files]
        for path, case in zip(files, extractor.extract_many(documents)):
            gold_path = folder / "gold" / f"{path.stem}.json"
            if not gold_path.exists():
                continue
            pred = json.loads(case.dumps())
            hits = matched_events(score, json.loads(gold_path.read_text("utf-8")), pred)
            for i, event in enumerate(case.events):
                row = fired[(event.type, event.pattern or "(none)")]
                row["n"] += 1
                row["tp"] += int(i in hits)
                row["reports"].add(f"{folder.name}/{path.stem}")
                row["sets"].add(folder.name)
    rows = sorted(fired.items(), key=lambda kv: (kv[0][0], -kv[1]["n"]))
    print(f"{'type':14} {'pattern':48} {'fired':>5} {'hits':>5} {'prec':>5}  sets")
    for (etype, pattern), row in rows:
        if row["n"] < args.min:
            continue
        mark = "  ← one report" if len(row["reports"]) == 1 else ""
        print(f"{etype:14} {pattern[:48]:48} {row['n']:5d} {row['tp']:5d} {row['tp'] / row['n']:5.2f}  "
              f"{','.join(sorted(row['sets']))}{mark}")
    once = sum(1 for r in fired.values() if len(r["reports"]) == 1)
    print(f"{len(fired)} patterns fired; {once} of them in one report only")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
