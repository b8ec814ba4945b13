"""Outputs are inert by construction: no CSV cell a spreadsheet would run, no link but an
http(s) one (HTML dossiers, PDF link annotations, Markdown), whatever a report says."""

import csv
import io

import pytest
from pypdf import PdfReader

from habeas.nlp.pipeline import default_extractor
from habeas.outputs.dossier import dossier_html, html_to_pdf
from habeas.outputs.exports import export
from habeas.outputs.inert import FORMULA_STARTS, csv_cell, markdown_text, web_url
from habeas.outputs.wgad import wgad_draft
from habeas.service import ingest


@pytest.mark.parametrize(("cell", "written"), [
    ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
    ("+7 (701) 555-0101", "'+7 (701) 555-0101"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Aziz Karimov", "Aziz Karimov"),
    ("a=b", "a=b"),                    # only the first character counts
    ("", ""),
    ("'quoted", "'quoted"),
])
def test_csv_cells(cell, written):
    assert csv_cell(cell) == written


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.org/report", "https://example.org/report"),
    ("http://example.org/a?b=c#d", "http://example.org/a?b=c#d"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox(1)", None),
    ("file:///etc/passwd", None),
    ("//evil.example/x", None),        # no scheme: relative to wherever the file is opened
    ("https:javascript:alert(1)", None),
    ("http://", None),
    ("example.org/report", None),
    ("", None),
    (None, None),
])
def test_only_http_urls_become_links(url, link):
    assert web_url(url) == link


@pytest.mark.parametrize(("text", "escaped"), [
    ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
    ("<javascript:alert(1)>", "\\<javascript:alert(1)\\>"),
    ("<a href='javascript:alert(1)'>x</a>", "\\<a href='javascript:alert(1)'\\>x\\</a\\>"),
    ("![img](data:image/png;base64,AAAA)", "!\\[img\\](data:image/png;base64,AAAA)"),
    ("\\[not undone]", "\\\\\\[not undone\\]"),
    ("Aziz Karimov (41)", "Aziz Karimov (41)"),
])
def test_markdown_values_never_make_links(text, escaped):
    assert markdown_text(text) == escaped
    assert markdown_text({"a": [text, 1, None]}) == {"a": [escaped, 1, None]}


HOSTILE = ('TITLE: =HYPERLINK("http://x.example/","click")\nURL: javascript:alert(document.cookie)\n'
           "PUBLISHED: 2024-05-10\n\n"
           "Blogger Aziz Karimov, 41, was detained in Tashkent on 3 May 2024 and is held in SIZO-1. "
           "His last post read [click](javascript:alert(1)) and <a href=\"data:text/html,x\">this</a>. "
           "Karimov is charged with insulting the president.")
FRIENDLY = ("TITLE: Karimov sentenced\nURL: https://example.org/karimov\nPUBLISHED: 2024-09-01\n\n"
            "Blogger Aziz Karimov was sentenced to five years in prison on 20 August 2024.")


@pytest.fixture
def hostile(archive, write):
    summary = ingest(archive, [write("hostile.txt", HOSTILE), write("friendly.txt", FRIENDLY)],
                     lambda docs: default_extractor().extract_many(docs))
    assert len(summary.new) == 2, summary
    return archive, archive.find_person("Aziz Karimov")


@pytest.mark.parametrize("kind", ["persons", "events", "uwazi"])
def test_no_csv_export_holds_a_formula(hostile, kind):
    archive, _ = hostile
    rows = list(csv.reader(io.StringIO(export(archive, kind, "csv"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]
    if kind == "events":
        assert '\'=HYPERLINK("http://x.example/","click")' in cells


def test_dossier_links_only_http(hostile):
    archive, person = hostile
    html = dossier_html(archive, person)
    assert 'href="https://example.org/karimov"' in html
    assert "javascript:alert(document.cookie)" in html           # shown, as text
    assert "href=\"javascript" not in html and "href=\"data" not in html
    uris = [annot.get_object()["/A"]["/URI"] for page in PdfReader(io.BytesIO(html_to_pdf(html))).pages
            for annot in page.get("/Annots") or [] if "/A" in annot.get_object()]
    assert set(uris) == {"https://example.org/karimov"}


def test_wgad_draft_makes_no_link_of_a_reports_text(hostile):
    archive, person = hostile
    draft = wgad_draft(archive, person)
    assert "](javascript" not in draft.replace("\\](javascript", "")
    assert "<a href" not in draft.replace("\\<a href", "")
