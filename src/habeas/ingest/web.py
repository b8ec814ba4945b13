"""Reports on the web: a page by its URL, or every entry of an RSS/Atom feed.

Only what the user names is fetched (never what a page links to), with timeouts, a limit on
redirects, a size cap read as the body streams in, and the content type checked.
"""

from __future__ import annotations

import hashlib

import httpx
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from habeas import __version__
from habeas.errors import InputError
from habeas.ingest.readers import MAX_BYTES, read_html, read_pdf
from habeas.model import Document

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
ATOM = "{http://www.w3.org/2005/Atom}"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                        headers={"User-Agent": f"habeas/{__version__}"})


def fetch(url: str, *, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """The body and content type of a URL; an InputError naming the URL when it fails."""
    try:
        with _client() as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise InputError(url, f"too large: {declared / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.0f} MB")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(url, f"too large: over {max_bytes / 1e6:.0f} MB")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return bytes(body), kind
    except httpx.TooManyRedirects:
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise InputError(url, "timed out") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"unreachable ({type(exc).__name__})") from None


def read_web(url: str) -> list[tuple[Document, bytes] | InputError]:
    """The report at a URL, or the reports a feed at that URL links to, with their bytes.
    A feed entry that cannot be read does not stop the others: it comes back as its error."""
    body, kind = fetch(url)
    if kind in FEED_TYPES:
        out: list[tuple[Document, bytes] | InputError] = []
        for link in feed_links(url, body):
            try:
                page, page_kind = fetch(link)
                out.append((page_document(link, page, page_kind), page))
            except InputError as exc:
                out.append(exc)
        return out
    return [(page_document(url, body, kind), body)]


def page_document(url: str, body: bytes, kind: str) -> Document:
    """A page (HTML or PDF) as a Document."""
    if kind == "application/pdf":
        document = read_pdf(body, url)
    elif kind in HTML_TYPES or not kind:
        document = read_html(body, url)
    else:
        raise InputError(url, f"not a report page (content type {kind})")
    document.url = document.url or url
    document.path = None
    document.sha256 = hashlib.sha256(body).hexdigest()
    return document


def feed_links(url: str, body: bytes) -> list[str]:
    """The entry links of an RSS or Atom feed."""
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException):
        raise InputError(url, "not a feed (the body is not XML)") from None
    links = [item.findtext("link") for item in root.iter("item")]
    links += [link.get("href") for entry in root.iter(f"{ATOM}entry")
              for link in entry.iter(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
    links = [link.strip() for link in links if link and link.strip()]
    if root.tag not in ("rss", f"{ATOM}feed") and not links:
        raise InputError(url, "not an RSS or Atom feed")
    return links
