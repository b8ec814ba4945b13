"""Extraction speed, measured against references taken in the same run.

1. Bare spaCy `nlp.pipe` with the same model against the full Habeas extraction, over the
   English dev reports (the Russian ones go to natasha, part 2), passed over `--repeat` times,
   seven reports at a time by each in turn: documents/s for both and their ratio (target:
   full <= 1.3x bare).
2. Russian: the Russian extraction against natasha's models alone (segmenter, morphology,
   the syntax parser when the Russian extractor runs it — by default — and NER, on natasha's
   own Doc) on the same Russian texts — our own generated reports plus the dev corpus's Russian
   reports, read in place, timed as in part 1 (target: <= 1.3x). Run it with
   OPENBLAS_NUM_THREADS=1, or OpenBLAS threads that spin while waiting count as CPU time.
3. `habeas extract --jobs 1` against `--jobs 2` on 500 documents (the dev reports repeated),
   as a user runs them: the speedup (target: >= 1.6x), and the cores each run got.

Parts 1 and 2 give ratios by wall time and by CPU time of this process; on a machine shared
with other work the wall time mostly measures the others' load, so the CPU ratio decides.
Part 3 can only be judged by wall time: when the command got fewer than two cores (the
kernel shares the CPU among sessions, not processes, where autogroup scheduling is on),
the bench says so.

    python bench/extract_speed.py [--corpus DIR] [--repeat N] [--docs N] [--skip-jobs] [--skip-ru] [--only-ru]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from habeas.ingest.header import split_header
from habeas.nlp.pipeline import Extractor, load_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "dev" / "corpus"


def timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) that `fn()` took."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


# Reports timed at a time, the reference and ours in turn: a minute of other load then hits
# both alike, where whole runs in turn differ by a fifth from one run to the next.
GROUP = 7


def in_turn(items: list, reference, ours, passes: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds of `reference(group)` and of `ours(group)` summed over `passes`
    passes over `items`, GROUP items at a time, the two timed in turn."""
    ref, own = [0.0, 0.0], [0.0, 0.0]
    for _ in range(passes):
        for i in range(0, len(items), GROUP):
            group = items[i:i + GROUP]
            for total, fn in ((ref, reference), (own, ours)):
                wall, cpu = timed(lambda: fn(group))
                total[0] += wall
                total[1] += cpu
    return (ref[0], ref[1]), (own[0], own[1])


def pipeline_ratio(paths: list[Path], repeat: int):
    """(bare model, full extraction) as (wall, CPU) seconds over the English reports repeated,
    the number of texts timed and of English reports.
    The Russian reports go to natasha, not to the English model: part 2 measures them."""
    from habeas.nlp.ru.language import is_russian
    documents = [d for d in (split_header(p.read_text("utf-8"), str(p)) for p in paths) if not is_russian(d)]
    english = len(documents)
    nlp = load_model()
    extractor = Extractor(nlp)                      # the same model object for both
    ours = [name for name in nlp.pipe_names if name.startswith("habeas")]

    def bare_pipe(group):
        with nlp.select_pipes(disable=ours):        # the model's own components only
            list(nlp.pipe([d.text for d in group]))

    def full(group):
        list(extractor.extract_many(group))

    bare_pipe(documents[:8])                        # warm up both
    full(documents[:8])
    bare, ours_time = in_turn(documents, bare_pipe, full, repeat)
    return bare, ours_time, len(documents) * repeat, english


# Sentences of our own, combined into generated Russian reports.
RU_SENTENCES = [
    "Активиста {name} задержали {date} в {city}.",
    "Его обвиняют в участии в экстремистском сообществе по части 2 статьи 282.1 УК РФ.",
    "Суд приговорил {name2} к {years} годам колонии строгого режима.",
    "Летом 2023 года его этапировали в ИК-{n} в Мордовии.",
    "По словам адвоката, у него диагностировали туберкулёз лёгких, но ему не оказывают медпомощь.",
    "Его жена подала ходатайство в Генеральную прокуратуру с просьбой освободить мужа по болезни.",
    "Через две недели прокуратура отказала в удовлетворении ходатайства, сообщает Азаттык.",
    "В колонии его неоднократно помещали в ШИЗО, а в сентябре он объявил голодовку.",
]
RU_NAMES = [("Ивана Сидорова", "Сидорова"), ("Тимура Алиева", "Алиева"), ("Азамата Бекова", "Бекова"),
            ("Олега Морозова", "Морозова"), ("Руслана Каримова", "Каримова")]
RU_DATES = ["3 марта 2021 года", "в июне 2019 года", "в сентябре", "20 октября 2022 года"]
RU_CITIES = ["Москве", "Казани", "Бишкеке", "Минске"]
RU_DEV = ("038.txt", "039.txt", "060.txt")


def russian_documents(corpus: Path, n: int) -> list:
    from habeas.model import Document
    docs = []
    for i in range(n):
        name, name2 = RU_NAMES[i % len(RU_NAMES)]
        text = " ".join(s.format(name=name, name2=name2, date=RU_DATES[i % len(RU_DATES)],
                                 city=RU_CITIES[i % len(RU_CITIES)], years=5 + i % 7, n=1 + i % 9)
                        for k, s in enumerate(RU_SENTENCES) if (i + k) % 5)
        docs.append(Document(text=text, published="2024-11-05", language="ru"))
    docs += [split_header(p.read_text("utf-8"), str(p)) for p in (corpus / name for name in RU_DEV) if p.exists()]
    return docs


def russian_ratio(documents: list, repeat: int):
    """(natasha's models alone, full Russian extraction) as (wall, CPU) seconds over the same
    texts, and the number of texts timed. The reference runs every natasha model the Russian
    pipeline runs — segmenter, morphology, the syntax parser when the extractor runs it (it does
    by default), NER — on natasha's own Doc, nothing of ours."""
    from natasha import Doc

    from habeas.nlp.ru import component as c
    from habeas.nlp.ru.pipeline import RussianExtractor
    extractor = RussianExtractor()

    def natasha_alone(group):
        for document in group:
            doc = Doc(document.text)
            doc.segment(c.segmenter())
            doc.tag_morph(c.morph_tagger())
            if extractor.syntax:
                doc.parse_syntax(c.syntax_parser())
            doc.tag_ner(c.ner_tagger())

    def full(group):
        list(extractor.extract_many(group))

    full(documents[:4])                             # warm up both
    natasha_alone(documents[:4])
    bare, ours = in_turn(documents, natasha_alone, full, repeat)
    return bare, ours, len(documents) * repeat


def habeas_command() -> Path | None:
    """The project's `habeas` script, if it is installed and its `extract` command runs."""
    for candidate in (ROOT / ".venv" / "bin" / "habeas", Path(sys.executable).with_name("habeas")):
        if candidate.exists():
            probe = subprocess.run([str(candidate), "extract", "--help"], capture_output=True)
            if probe.returncode == 0:
                return candidate
            print(f"skipped --jobs: `{candidate} extract --help` exited {probe.returncode}")
            return None
    print("skipped --jobs: no habeas command in .venv/bin (run `make install`)")
    return None


def jobs_speedup(paths: list[Path], n_docs: int):
    """((documents/s, cores used) with --jobs 1, the same with --jobs 2), or None."""
    habeas = habeas_command()
    if habeas is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        # Distinct names: --out writes DIR/<stem>.json, so repeated reports need their own stems.
        inputs = []
        for i in range(n_docs):
            src = paths[i % len(paths)]
            dst = Path(tmp, "in", f"{i:04d}_{src.name}")
            dst.parent.mkdir(exist_ok=True)
            shutil.copyfile(src, dst)
            inputs.append(str(dst))
        rates = []
        for jobs in (1, 2):
            out = Path(tmp, f"out{jobs}")
            cmd = [str(habeas), "extract", "--format", "json", "--out", str(out), "--jobs", str(jobs), *inputs]
            start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)   # the command and its workers
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            if proc.returncode != 0:
                tail = proc.stderr.strip().splitlines()[-3:]
                print(f"skipped --jobs: habeas extract --jobs {jobs} exited {proc.returncode}: {' | '.join(tail)}")
                return None
            written = len(list(out.glob("*.json")))
            if written != n_docs:
                print(f"skipped --jobs: --jobs {jobs} wrote {written} of {n_docs} case files")
                return None
            rates.append((n_docs / seconds, cpu / seconds))
    return rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus (parts 1 and 2)")
    parser.add_argument("--docs", type=int, default=500, help="documents for the --jobs comparison")
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--skip-ru", action="store_true", help="skip the Russian measurement")
    parser.add_argument("--only-ru", action="store_true", help="only the Russian measurement")
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        sys.exit(f"no .txt reports in {args.corpus}")

    if not args.only_ru:
        print(f"{len(paths)} reports from {args.corpus}, repeated {args.repeat}x; "
              f"{os.cpu_count()} cores; model {load_model.__module__}.load_model()", flush=True)
        (bare_wall, bare_cpu), (full_wall, full_cpu), n, english = pipeline_ratio(paths, args.repeat)
        print(f"English: {english} of the {len(paths)} reports; {n} texts timed")
        print(f"{'measure':44} {'wall':>8} {'CPU':>8}")
        print(f"{'bare spaCy nlp.pipe (docs/s)':44} {n / bare_wall:8.1f} {n / bare_cpu:8.1f}")
        print(f"{'full Habeas extraction (docs/s)':44} {n / full_wall:8.1f} {n / full_cpu:8.1f}")
        verdict(f"{'time ratio full/bare (target <= 1.3)':44}", full_wall / bare_wall, full_cpu / bare_cpu, 1.3)
    if not args.skip_ru:
        documents = russian_documents(args.corpus, 40)
        (ner_wall, ner_cpu), (ours_wall, ours_cpu), n = russian_ratio(documents, args.repeat)
        print(f"Russian: {len(documents)} reports ({len(documents) - 40} from the dev corpus), repeated {args.repeat}x")
        print(f"{'natasha models alone (docs/s)':44} {n / ner_wall:8.1f} {n / ner_cpu:8.1f}")
        print(f"{'full Russian extraction (docs/s)':44} {n / ours_wall:8.1f} {n / ours_cpu:8.1f}")
        verdict(f"{'time ratio full/natasha (target <= 1.3)':44}", ours_wall / ner_wall, ours_cpu / ner_cpu, 1.3)
    if not args.skip_jobs and not args.only_ru:
        print(f"habeas extract --jobs 1 vs --jobs 2 over {args.docs} documents ...", flush=True)
        rates = jobs_speedup(paths, args.docs)
        if rates:
            (one, one_cores), (two, two_cores) = rates
            speedup = two / one
            print(f"{'measure':44} {'docs/s':>8} {'cores':>8}")
            print(f"{'habeas extract --jobs 1':44} {one:8.1f} {one_cores:8.2f}")
            print(f"{'habeas extract --jobs 2':44} {two:8.1f} {two_cores:8.2f}")
            print(f"{'speedup jobs 2/1 (target >= 1.6)':44} {speedup:8.2f}  {'ok' if speedup >= 1.6 else 'MISSED'}")
            if two_cores < 1.6:
                print(f"  --jobs 2 got {two_cores:.2f} cores (CPU time of the command and its workers / wall "
                      "time): other load leaves it less than two, so the speedup cannot reach 1.6 here")


def verdict(label: str, wall: float, cpu: float, target: float) -> None:
    """Ratios by wall time and by CPU time; on a machine others use too, the CPU time (what this
    process itself spent) is the one that other load does not skew, and decides."""
    print(f"{label} {wall:8.2f} {cpu:8.2f}  {'ok' if cpu <= target else 'MISSED'}")


if __name__ == "__main__":
    main()
