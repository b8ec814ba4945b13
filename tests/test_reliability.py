"""A report never stops a run: case-blind lookups that survive Unicode case mapping, long
reports extracted in pieces into one case file, unreadable PDFs as one-line reasons, and every
failure of one report (reading, extracting, storing) recorded while the others go on, in
`habeas extract`, `habeas ingest` (one process and --jobs) and the web upload."""

import io
import os
import re
import sys
import zlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from habeas.cli import app
from habeas.errors import InputError
from habeas.ingest.readers import decode_text, read_html, read_pdf, read_source
from habeas.model import Document
from habeas.nlp import pieces
from habeas.nlp.fold import fold
from habeas.nlp.pipeline import Extractor, default_extractor

sys.path.insert(0, str(Path(__file__).parent))
from test_readers import _pdf_with_text, one_page_pdf  # noqa: E402  (hand-written PDFs)

runner = CliRunner()
GOOD = {
    "baku.txt": "TITLE: Blogger held\nPUBLISHED: 2023-06-01\n\n"
                "Blogger Farid Nasirov was detained in Baku on 12 May 2023 on charges of hooliganism.",
    "tashkent.txt": "Activist Aziz Karimov was detained in Tashkent on 3 May 2022 and is held in SIZO-1.",
    "istanbul.txt": "Gazeteci Ayşe Yıldız İstanbul'da gözaltına alındı. İzmir ve İSTANBUL'da protestolar "
                    "sürüyor. Activist Aziz Karimov was detained in İstanbul on 3 May 2022.",
    "arabic.txt": "اعتقلت السلطات الناشط أحمد منصور في أبوظبي في 20 مارس 2017 وحكم عليه بالسجن عشر سنوات.",
    "chinese.txt": "维吾尔族学者伊力哈木·土赫提于2014年1月在北京被拘留，后被判处无期徒刑。",
}
# Markers in a report's text that make the (monkeypatched) pipeline raise, or kill the
# worker process that extracts it.
BOOM = "Q-BOOM-Q"
KILLER = "Q-KILLER-Q"


# ------------------------------------------------------------------ case-blind lookups

@pytest.mark.parametrize(("a", "b"), [
    ("İstanbul", "istanbul"),          # dotted capital: lower() gives i + combining dot
    ("ıstanbul", "istanbul"),          # dotless small i: re.IGNORECASE takes it for i
    ("İZMİR", "izmir"),
    ("ſentenced", "sentenced"),         # long s
    ("\u212aazakh", "kazakh"),         # Kelvin sign
    ("Рᲂᲃᲃия", "россия"),              # old Cyrillic letter forms
    ("STRASSE", "straße"),
])
def test_fold_is_one_key_for_letters_the_regex_engine_equates(a, b):
    assert fold(a) == fold(b)


def test_fold_never_splits_what_ignorecase_joins():
    """Over every code point that has a case (the last is Adlam's, U+1E943): two letters one
    case-blind pattern takes for each other have one key (else a lookup by the matched text
    fails, as 'İstanbul' once did)."""
    for code in range(0x1F000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        for d in {c.lower(), c.upper(), c.casefold(), *_extra_cases(code)}:
            if len(d) == 1 and d != c and re.fullmatch(re.escape(c), d, re.IGNORECASE):
                assert fold(c) == fold(d), (c, d)


def _extra_cases(code: int) -> list[str]:
    from re import _casefix   # the engine's own table of letters equated beyond lower()
    return [chr(x) for x in _casefix._EXTRA_CASES.get(code, ())]


@pytest.mark.parametrize(("find", "text", "expected"), [
    ("countries", "Protests went on in İstanbul, İzmir and IZMIR.", "Turkey"),
    ("countries", "He was held in İSTANBUL.", "Turkey"),
    ("ru_countries", "Его задержали в Рᲂᲃᲃии.", "Russia"),
    ("facilities", "He is held in SİZO-1 in Tashkent.", None),
])
def test_lookups_survive_unicode_case_mapping(find, text, expected):
    from habeas.nlp.countries import main_country
    from habeas.nlp.facilities import find_facilities
    from habeas.nlp.ru.citations import main_country as ru_main_country
    if find == "countries":
        assert main_country(text) == expected
    elif find == "ru_countries":
        assert ru_main_country(text) == expected
    else:
        find_facilities(text)    # no KeyError is the point


@pytest.mark.parametrize("text", [
    "Activist Aziz Karimov was detaıned in İstanbul on 3 May 2022 on charges of İNSULTİNG the president.",
    "The Kazakh journalist was ſentenced to ſeven years under Article 174 of the Criminal Code.",
    "Активиста Иванова задержали в Мᲂᲃкве 3 мая 2022 года по ч. 2 ᲃт. 280 УК РФ.",
    "DETENTİON of the blogger: the day after her arrest İN SEPTEMBER she was released.",
])
def test_pipeline_on_turkish_and_look_alike_letters(text):
    default_extractor().extract(Document(text=text, path="t.txt"))


# ------------------------------------------------------------------ long reports in pieces

@pytest.mark.parametrize(("text", "size", "pieces_at"), [
    ("a" * 10, 100, [0]),
    ("para one.\n\npara two.\n\npara three.", 16, [0, 11, 22]),   # at blank lines
    ("line one\nline two\nline three", 12, [0, 9, 18]),          # else at line breaks
    ("x" * 25, 10, [0, 10, 20]),                                  # else where the piece is full
])
def test_split_at_paragraph_boundaries(text, size, pieces_at):
    parts = pieces.split(text, size)
    assert "".join(p for _, p in parts) == text
    assert [offset for offset, _ in parts] == pieces_at
    assert all(len(p) <= size for _, p in parts)


HEAD = "Blogger Farid Nasirov was detained in Baku on 12 May 2023 on charges of hooliganism."
TAIL = "Nasirov was sentenced to five years in prison."


def long_report(length: int) -> str:
    """A report whose first and last paragraphs tell of one person, with `length` characters
    of cheap filler paragraphs between them (long words: few tokens, fast to parse)."""
    filler = "\n\n".join(["Q" * 3990 + " end."] * (length // 3997 + 1))
    return f"{HEAD}\n\n{filler[:length]}\n\n{TAIL}"


def test_a_report_over_spacys_limit_is_one_case_file():
    text = long_report(1_200_000)
    assert len(text) > 1_200_000 > default_extractor().nlp.max_length
    case = default_extractor().extract(Document(text=text, path="long.txt"))
    (person,) = case.persons
    assert person.name == "Farid Nasirov" and person.detained and str(person.sentence) == "5 years"
    assert [e.type for e in case.events] == ["arrest", "charge", "sentence"]
    for event in case.events:
        assert text[event.evidence.start:event.evidence.end].strip() == event.evidence.text
    assert case.events[-1].persons == ["Farid Nasirov"] and case.events[-1].evidence.start > 1_200_000


def test_pieces_give_the_case_file_of_the_whole():
    text = f"{HEAD}\n\nHe is held in SIZO-1 in Baku.\n\n{TAIL}"
    whole = default_extractor().extract(Document(text=text, path="r.txt"))
    small = Extractor(default_extractor().nlp, piece_chars=len(HEAD) + 5)
    parts = small.extract(Document(text=text, path="r.txt"))
    assert [p.name for p in parts.persons] == [p.name for p in whole.persons] == ["Farid Nasirov"]
    assert [(e.type, e.evidence) for e in parts.events] == [(e.type, e.evidence) for e in whole.events]


# ------------------------------------------------------------------ unreadable PDFs

def encrypted_pdf(password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_with_text(HEAD))))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb_pdf() -> bytes:
    """One page whose content stream inflates past the reader's limit (75 MB) from 100 KB."""
    return one_page_pdf(zlib.compress(b" " * 100_000_000, 9), b"FlateDecode")


@pytest.mark.parametrize(("content", "reason"), [
    (encrypted_pdf("secret"), "the PDF is encrypted"),
    (encrypted_pdf(""), "the PDF is encrypted"),
    (bomb_pdf(), "beyond the reader's limits"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
     "PDF"),
    (b"%PDF-1.7\n" + b"[" * 5000, "PDF"),
])
def test_unreadable_pdfs_are_one_line_reasons(write, content, reason):
    with pytest.raises(InputError) as err:
        read_source(write("r.pdf", content))
    assert reason in err.value.reason and "\n" not in err.value.reason


# ------------------------------------------------------------------ runs that go on

@pytest.fixture
def reports(tmp_path, monkeypatch):
    """A directory of good reports and bad ones; the pipeline raises on the BOOM report."""
    import habeas.nlp.pipeline as pipeline
    build = pipeline.build

    def fragile_build(doc, document):
        if BOOM in document.text:
            raise KeyError("i̇stanbul")
        if KILLER in document.text and os.getpid() != parent:
            os._exit(1)             # a worker process dies on it (as one killed for its memory)
        return build(doc, document)
    parent = os.getpid()
    monkeypatch.setattr(pipeline, "build", fragile_build)
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "long.txt").write_text(long_report(1_200_000), encoding="utf-8")
    (folder / "locked.pdf").write_bytes(encrypted_pdf("secret"))
    (folder / "boom.txt").write_text(f"Activist Aziz Karimov was detained. {BOOM}", encoding="utf-8")
    (folder / "nul.txt").write_bytes(HEAD.encode() + b" " * 9000 + b"\x00 more")
    bad = {"locked.pdf": "the PDF is encrypted", "boom.txt": "extraction failed (KeyError: 'i̇stanbul')",
           "nul.txt": "binary data, not text (a NUL byte at offset"}
    return folder, sorted([*GOOD, "long.txt"]), bad


def assert_failures_listed(stderr: str, folder: Path, bad: dict[str, str]) -> None:
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(bad)
    for name, reason in bad.items():
        assert any(line.startswith(f"error: {folder / name}: {reason}") for line in errors), (name, errors)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_stores_every_good_report_and_lists_every_bad_one(reports, tmp_path, jobs):
    folder, good, bad = reports
    if jobs == "2":
        (folder / "killer.txt").write_text(f"Activist Aziz Karimov was detained. {KILLER}", encoding="utf-8")
        bad = {**bad, "killer.txt": "extraction failed (worker process: BrokenProcessPool"}
    db = f"sqlite:///{tmp_path / 'habeas.db'}"
    result = runner.invoke(app, ["ingest", "--db", db, "--jobs", jobs, str(folder)])
    assert result.exit_code == 1, result.output
    assert_failures_listed(result.stderr, folder, bad)
    assert f"{len(good)} new, 0 already known, {len(bad)} failed" in result.stderr
    from habeas.store.archive import Archive
    archive = Archive.open(db)
    assert sorted(Path(d["path"]).name for d in archive.documents(limit=100)) == good
    failures = runner.invoke(app, ["failures", "--db", db])
    assert failures.exit_code == 0
    lines = failures.stdout.strip().splitlines()
    assert len(lines) == len(bad) and all(f"{folder / name}: {reason}" in "\n".join(lines)
                                          for name, reason in bad.items())
    archive.engine.dispose()


def test_extract_goes_on_past_every_bad_report(reports, tmp_path):
    folder, good, bad = reports
    out = tmp_path / "out"
    files = sorted(str(p) for p in folder.iterdir())
    result = runner.invoke(app, ["extract", "--format", "json", "--out", str(out), *files])
    assert result.exit_code == 1, result.output
    assert_failures_listed(result.stderr, folder, bad)
    assert sorted(p.stem + ".txt" for p in out.iterdir()) == good


def test_ingest_streams_in_batches(reports, tmp_path):
    """Single-process ingest reads, extracts and stores a batch at a time: no batch the
    extractor sees is larger than the batch size, and the run stores them all."""
    from habeas.service import ingest
    from habeas.store.archive import Archive
    folder, good, bad = reports
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    sizes = []

    def extract_all(documents):
        sizes.append(len(documents))
        return default_extractor().extract_many(documents)
    summary = ingest(archive, [str(folder)], extract_all, batch=2)
    assert max(sizes) <= 2 and len(summary.new) == len(good)
    assert sorted(Path(s).name for s, _ in summary.failed) == sorted(bad)
    archive.engine.dispose()


def test_a_report_the_archive_refuses_is_that_reports_failure(archive, write, monkeypatch):
    from habeas.service import ingest
    add = type(archive)._add

    def fragile_add(self, session, stored, document, raw, case):
        if "Karimov" in document.text:
            raise ValueError("refused by the database")
        return add(self, session, stored, document, raw, case)
    monkeypatch.setattr(type(archive), "_add", fragile_add)
    a, b = write("a.txt", GOOD["baku.txt"]), write("b.txt", GOOD["tashkent.txt"])
    summary = ingest(archive, [a, b], lambda docs: default_extractor().extract_many(docs))
    assert summary.new == [a]
    assert summary.failed == [(b, "could not be stored (ValueError: refused by the database)")]
    assert archive.failures()[-1]["source"] == b


def test_a_web_upload_the_pipeline_fails_on_is_recorded(archive, reports):
    from habeas.web import create_app
    archive.add_user("editor", "editor", "a long enough password")
    web = create_app(archive, secret_key="test-secret")
    api = TestClient(web, headers={"Authorization": f"Bearer {archive.add_token('editor')}"})
    boom = api.post("/api/v1/ingest", files={"file": ("boom.txt", f"Aziz Karimov. {BOOM}".encode(), "text/plain")})
    locked = api.post("/api/v1/ingest", files={"file": ("locked.pdf", encrypted_pdf("x"), "application/pdf")})
    good = api.post("/api/v1/ingest", files={"file": ("baku.txt", GOOD["baku.txt"].encode(), "text/plain")})
    assert (boom.status_code, locked.status_code, good.status_code) == (200, 200, 200)
    assert boom.json()["failed"] == [["boom.txt", "extraction failed (KeyError: 'i̇stanbul')"]]
    assert locked.json()["failed"][0][1].startswith("the PDF is encrypted")
    assert good.json()["new"] == ["baku.txt"]
    assert [f["source"] for f in archive.failures()] == ["boom.txt", "locked.pdf"]


# ------------------------------------------------------------------ fuzz: full Unicode

# Letters that case mapping, bidirectional text and joiners make hard: dotted and dotless i,
# combining marks, right-to-left scripts and marks, zero-width joiners, NBSP, emoji, CJK.
HARD = st.sampled_from([
    "İ", "ı", "i̇", "I", "ſ", "K", "ß", "ẞ", "ᲃ", "\u0301", "\u0308", "\u200d", "\u200c", "\u200f",
    "\u202e", "\u00a0", "\u2028", "\ufeff", "👨‍👩‍👧", "🇹🇷", "ﷺ", "اعتقل", "שלום", "拘留", "İstanbul",
    "İZMİR", "Aziz Karimov", "was detained", "sentenced to", "years", "SIZO-1", "Article 5", "May 2022",
    "задержан", "ст. 280 УК РФ", "\n\n", ". ", " ",
])
FUZZ_TEXT = st.lists(st.one_of(HARD, st.text(max_size=8)), max_size=40).map("".join)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=FUZZ_TEXT)
def test_fuzz_pipeline_full_unicode(text):
    case = default_extractor().extract(Document(text=text, path="f.txt"))
    for e in case.events:
        assert 0 <= e.evidence.start <= e.evidence.end <= len(text)


@FUZZ
@given(text=FUZZ_TEXT, header=st.booleans())
def test_fuzz_readers_full_unicode(text, header):
    raw = (f"TITLE: {text[:40]}\nPUBLISHED: 2024-01-01\n\n{text}" if header else text).encode("utf-8")
    for read in (decode_text, read_html, read_pdf):
        try:
            read(raw, "f")
        except InputError:
            pass


@FUZZ
@given(data=st.binary(max_size=300))
def test_fuzz_pdf_reader_on_broken_bytes(data):
    try:
        read_pdf(b"%PDF-1.4\n" + data, "f.pdf")
    except InputError as err:
        assert "\n" not in err.reason


def test_dask_ingest_records_each_bad_report_and_goes_on(reports, tmp_path, monkeypatch):
    """--dask: a report the pipeline raises on, an encrypted PDF, and a report that makes its
    batch fail on the cluster every time (as one that kills its worker does) are each that
    report's failure; the batch is redone one report per task and the others are stored."""
    from distributed import Client, LocalCluster

    import habeas.batch.cluster as cluster
    from habeas.store.archive import Archive
    folder, good, bad = reports
    (folder / "long.txt").unlink()            # the pieces are tested above; keep this run short
    good.remove("long.txt")
    (folder / "killer.txt").write_text(f"Activist Aziz Karimov was detained. {KILLER}", encoding="utf-8")
    extract_batch = cluster.extract_batch

    def dying_batch(documents):
        if any(KILLER in d.text for d in documents):
            raise RuntimeError("worker died")
        return extract_batch(documents)
    monkeypatch.setattr(cluster, "extract_batch", dying_batch)
    archive = Archive.open(f"sqlite:///{tmp_path / 'habeas.db'}")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0") as local, \
            Client(local) as client:
        summary = cluster.ingest_on_cluster(archive, [str(folder)], client, batch=3, prefilter=False)
    assert sorted(Path(p).name for p in summary.new) == good
    failed = {Path(s).name: r for s, r in summary.failed}
    assert sorted(failed) == sorted([*bad, "killer.txt"])
    assert failed["killer.txt"] == "extraction failed on the cluster (RuntimeError: worker died)"
    assert failed["boom.txt"] == bad["boom.txt"]
    assert len(archive.failures()) == len(bad) + 1
    archive.engine.dispose()
