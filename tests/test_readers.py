"""Reading sources: what becomes a Document, and the one-line reason when nothing can."""

import io

import pytest
from pypdf import PdfWriter

from habeas.errors import InputError
from habeas.ingest.header import split_header
from habeas.ingest.readers import read_source

REPORT = "Activist Aziz Karimov was detained in Tashkent on 3 May 2022."


@pytest.mark.parametrize(("raw", "title", "published", "body"), [
    (f"TITLE: A case\nPUBLISHED: 2022-05-10\nLANG: en\n\n{REPORT}", "A case", "2022-05-10", REPORT),
    (f"URL: unknown (seed)\nPUBLISHED: unknown\n\n{REPORT}", None, None, REPORT),
    (REPORT, None, None, REPORT),                         # no header at all
    (f"Note: this is not a header\n{REPORT}", None, None, f"Note: this is not a header\n{REPORT}"),
])
def test_header_block(raw, title, published, body):
    doc = split_header(raw, "r.txt")
    assert (doc.title, doc.published, doc.text) == (title, published, body)


def test_text_file(write):
    doc = read_source(write("a.txt", f"TITLE: T\nPUBLISHED: 2022-05-10\n\n{REPORT}"))
    assert doc.text == REPORT and doc.title == "T" and len(doc.sha256) == 64


def test_byte_order_mark_and_windows_lines(write):
    doc = read_source(write("b.txt", b"\xef\xbb\xbfTITLE: T\r\n\r\n" + REPORT.encode()))
    assert doc.title == "T" and doc.text == REPORT


def test_html_page(write):
    html = (f"<html><head><title>Detention in Tashkent</title></head><body><nav>Menu</nav>"
            f"<article><h1>Detention in Tashkent</h1><p>{REPORT}</p><p>{REPORT}</p></article></body></html>")
    doc = read_source(write("page.html", html))
    assert REPORT in doc.text and "Menu" not in doc.text


def _pdf_with_text(text: str) -> bytes:
    # A minimal one-page PDF with a text layer, written by hand (pypdf only reads it).
    return one_page_pdf(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())


def one_page_pdf(content: bytes, filter: bytes | None = None) -> bytes:
    """A one-page PDF whose page shows `content` (a content stream, encoded by `filter`)."""
    dictionary = b"<< /Length %d%s >>" % (len(content), b" /Filter /" + filter if filter else b"")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               dictionary + b"\nstream\n" + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_text_layer(write):
    doc = read_source(write("r.pdf", _pdf_with_text(REPORT)))
    assert "Aziz Karimov" in doc.text


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "empty file"),
    ("junk.bin", bytes(range(256)) * 8, "binary data"),
    ("latin1.txt", "caf\u00e9 au lait".encode("latin-1"), "not valid UTF-8"),
    ("date.txt", b"PUBLISHED: 2024-02-30\n\nText.", "impossible publication date"),
    ("date2.txt", b"PUBLISHED: last Tuesday\n\nText.", "unparseable publication date"),
    ("nobody.txt", b"TITLE: only a header\n\n", "no text after the header"),
    ("empty.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ("scan.pdf", _blank_pdf(), "no text layer"),
    ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "broken PDF"),
])
def test_bad_inputs_say_why(write, name, content, reason):
    with pytest.raises(InputError) as err:
        read_source(write(name, content))
    assert reason in err.value.reason
    assert name in str(err.value)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


def test_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:       # a sparse 50 MB file: nothing is loaded to refuse it
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large: 52.4 MB"):
        read_source(str(path))
