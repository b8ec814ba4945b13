"""Reading one source into a Document: text files with a header block, HTML pages, PDFs,
standard input. Every way a source can be unusable is an InputError with a short reason."""

from __future__ import annotations

import hashlib
import io
import re
import sys
from pathlib import Path

from habeas.errors import InputError, short_reason
from habeas.ingest.header import split_header
from habeas.model import Document

MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Text with more control characters than this share is binary, whatever its encoding.
MAX_CONTROL_SHARE = 0.01
# Control characters other than line breaks, tabs and form feeds.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# A page whose main text is shorter than this is navigation or a stub, not a report.
MIN_ARTICLE_WORDS = 8


def read_source(source: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """The Document in a file path, or in standard input for "-"."""
    return read_file(source, max_bytes=max_bytes)[0]


def read_file(source: str, *, max_bytes: int = MAX_BYTES) -> tuple[Document, bytes]:
    """The Document in a file path (or standard input for "-") and the bytes it was read from."""
    if source == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(source, len(raw), max_bytes)
        return decode_text(raw, source), raw
    path = Path(source)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise InputError(source, "is a directory, not a file")
    _check_size(source, stat.st_size, max_bytes)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".pdf" or raw.startswith(b"%PDF-"):
        document = read_pdf(raw, source)
    elif suffix in HTML_SUFFIXES:
        document = read_html(raw, source)
    else:
        document = decode_text(raw, source)
    return document, raw


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise InputError(source, "empty file")
    if size > max_bytes:
        raise InputError(source, f"too large: {size / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.0f} MB")


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode_text(raw: bytes, source: str) -> Document:
    """A UTF-8 text report (a byte-order mark is allowed), with its optional header block."""
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary data, not text")
    nul = raw.find(b"\x00")
    if nul >= 0:  # no text holds one, and PostgreSQL refuses to store it
        raise InputError(source, f"binary data, not text (a NUL byte at offset {nul})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})") from None
    _check_text(text, source)
    document = split_header(text.replace("\r\n", "\n"), source)
    if not document.text.strip():
        raise InputError(source, "no text after the header")
    document.sha256 = _sha256(raw)
    document.path = None if source == "-" else source
    return document


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise InputError(source, "empty file (only white space)")
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise InputError(source, "binary data, not text")


def read_html(raw: bytes, source: str) -> Document:
    """The article of an HTML page and its metadata, by trafilatura."""
    import trafilatura

    html = raw.decode("utf-8", errors="replace")
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # noqa: BLE001 - a parser of untrusted markup: its failure is this page's
        raise InputError(source, f"unreadable HTML ({short_reason(exc)})") from None
    text = text.replace("\x00", "") if text else text
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(source, "no article text found in the HTML")
    published = getattr(meta, "date", None) if meta is not None else None
    language = (getattr(meta, "language", None) or "en") if meta is not None else "en"
    return Document(text=text, path=source, title=getattr(meta, "title", None) if meta else None,
                    url=getattr(meta, "url", None) if meta else None,
                    outlet=getattr(meta, "sitename", None) if meta else None,
                    published=published[:10] if published else None, language=language[:2],
                    sha256=_sha256(raw))


def read_pdf(raw: bytes, source: str) -> Document:
    """The text layer of a PDF, by pypdf. A scanned PDF has none: that is an error, not an
    empty report."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(source, "the PDF is encrypted (save a copy without a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title = str(info.title) if info is not None and info.title else None
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise InputError(source, "the PDF is encrypted (save a copy without a password)") from None
    except LimitReachedError:
        raise InputError(source, "the PDF expands beyond the reader's limits (a compression bomb?)") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on malformed input: each is this file's fault
        raise InputError(source, f"broken PDF ({short_reason(exc)})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip()).replace("\x00", "")
    if not text.strip():
        raise InputError(source, "the PDF has no text layer (a scanned image?)")
    return Document(text=text, path=source, title=title, sha256=_sha256(raw))

