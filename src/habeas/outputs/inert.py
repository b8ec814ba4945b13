"""What keeps a report's text inert in every output: a report is written by someone we do not
know, and its words end up in spreadsheets, HTML, PDF and Markdown.

- CSV: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
  return as a formula (`=HYPERLINK(...)`, `@SUM(...)`); OWASP's rule prefixes such a cell
  with a single quote, which makes it text.
- Links: only an absolute http(s) URL becomes a link; `javascript:`, `data:`, `file:` and
  anything else a report's header says is shown as text.
- Markdown: the characters that make a link, an image or raw HTML (`[`, `]`, `<`, `>`) in a
  report's text are escaped, so no value becomes one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK_SCHEMES = ("http", "https")
# The backslash first, so that a report's own backslash cannot undo an escape.
_MARKDOWN_ACTIVE = str.maketrans({c: "\\" + c for c in "\\[]<>"})


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs (OWASP CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def web_url(url: Any) -> str | None:
    """`url` when it may become a link (an absolute http or https URL with a host), else None."""
    if not isinstance(url, str) or url != url.strip():
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in LINK_SCHEMES and parts.netloc else None


def markdown_text(value: Any) -> Any:
    """`value` with every string in it (in lists and dicts too) escaped for Markdown."""
    if isinstance(value, str):
        return value.translate(_MARKDOWN_ACTIVE)
    if isinstance(value, dict):
        return {k: markdown_text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(markdown_text(v) for v in value)
    return value
