"""How well the archive resolves people across reports, on the dev set.

Ingests ../shared/eval/dev/corpus into a fresh SQLite archive and compares, over the gold
detainees, every pair of mentions: "same person" in the gold (names that the shared scorer
considers the same person, across reports) against "same archive person". Prints pairwise
precision and recall.

    python bench/person_resolution.py [--corpus DIR] [--gold DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
import tempfile
from pathlib import Path

from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.store.archive import Archive

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=EVAL / "dev" / "corpus")
    parser.add_argument("--gold", type=Path, default=EVAL / "dev" / "gold")
    parser.add_argument("--misses", action="store_true", help="List the pairs the archive got wrong.")
    args = parser.parse_args()
    score = load_scorer(EVAL / "score.py")
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive.open(f"sqlite:///{tmp}/habeas.db")
        ingest(archive, [str(args.corpus)], lambda docs: default_extractor().extract_many(docs))
        persons = archive.persons()
        mentions = []  # (stem, gold names, archive person id)
        for gold_path in sorted(args.gold.glob("*.json")):
            gold = json.loads(gold_path.read_text())
            for gp in (p for p in gold["persons"] if p["detained"]):
                names = score.names_of(gp)
                pid = next((p["id"] for p in persons
                            if any(Path(d["path"]).stem == gold_path.stem for d in p["documents"])
                            and score.same_person(names, [p["name"], *p["aliases"]])), None)
                mentions.append((gold_path.stem, names, pid))
    tp = fp = fn = 0
    for (sa, na, pa), (sb, nb, pb) in itertools.combinations(mentions, 2):
        if sa == sb:
            continue
        gold_same = score.same_person(na, nb)
        pred_same = pa is not None and pa == pb
        tp += gold_same and pred_same
        fp += pred_same and not gold_same
        fn += gold_same and not pred_same
        if args.misses and gold_same != pred_same:
            kind = "merged, not the same" if pred_same else "the same, kept apart"
            print(f"{kind}: {sa} {na[0]!r} (#{pa}) ~ {sb} {nb[0]!r} (#{pb})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"gold detainee mentions: {len(mentions)}, found in the archive: "
          f"{sum(m[2] is not None for m in mentions)}")
    print(f"cross-report pairs: same in gold {tp + fn}, same in archive {tp + fp}, both {tp}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    sys.exit(main())
