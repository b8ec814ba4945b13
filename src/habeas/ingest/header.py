"""The optional `Key: Value` header block at the top of a text report.

    URL: https://example.org/news/1
    TITLE: Activist sentenced
    PUBLISHED: 2024-11-05
    LANG: en

The block ends at the first blank line. Values such as `unknown (seed document)` mean
"not known" and are dropped.
"""

from __future__ import annotations

import re
from datetime import date

from habeas.errors import InputError
from habeas.model import Document

# A header line: an upper-case key of letters/underscores, a colon, a value.
HEADER_LINE = re.compile(r"^([A-Z][A-Z_]{1,20}):[ \t]*(.*)$")
KNOWN_KEYS = {"URL", "TITLE", "OUTLET", "PUBLISHED", "LANG", "TRUNCATED", "DATE", "SOURCE"}


def _known(value: str) -> str | None:
    value = value.strip()
    if not value or value.lower().startswith("unknown"):
        return None
    return value


def parse_published(value: str, source: str) -> str:
    """Check an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) and return it unchanged."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        raise InputError(source, f"unparseable publication date {value.strip()!r} "
                                 "(expected YYYY-MM-DD)")
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        date(y, mo or 1, d or 1)
    except ValueError:
        raise InputError(source, f"impossible publication date {value.strip()!r}") from None
    return value.strip()


def split_header(raw: str, source: str = "-") -> Document:
    """Split a text into header metadata and body; the body keeps its own offsets."""
    lines = raw.split("\n")
    meta: dict[str, str] = {}
    consumed = 0
    for line in lines:
        m = HEADER_LINE.match(line.rstrip("\r"))
        if not m or m.group(1) not in KNOWN_KEYS:
            break
        meta[m.group(1)] = m.group(2)
        consumed += 1
    if not meta or consumed >= len(lines) or lines[consumed].strip():
        # No header, or a block not closed by a blank line: all of it is body.
        return Document(text=raw, path=source if source != "-" else None)
    body = "\n".join(lines[consumed + 1:])
    published = _known(meta.get("PUBLISHED", "") or meta.get("DATE", ""))
    return Document(
        text=body,
        path=source if source != "-" else None,
        title=_known(meta.get("TITLE", "")),
        url=_known(meta.get("URL", "")),
        outlet=_known(meta.get("OUTLET", "")),
        published=parse_published(published, source) if published else None,
        language=(_known(meta.get("LANG", "")) or "en").lower(),
    )
