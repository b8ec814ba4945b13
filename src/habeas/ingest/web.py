"""Reports on the web: a page by its URL, or every entry of an RSS/Atom feed.

Only what the user names is fetched (never what a page links to), with timeouts, a limit on
redirects (each one followed here, to http or https only), a size cap read as the body streams
in, and the content type checked. Where a fetch may connect is a FetchPolicy (netpolicy.py):
the CLI may reach any address, the web app only public ones, and then a failed fetch says only
that it failed, never what it found inside the network.
"""

from __future__ import annotations

import hashlib
import re

import httpx
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from habeas import __version__
from habeas.errors import InputError
from habeas.ingest.netpolicy import ANY_ADDRESS, FetchPolicy, GuardedTransport
from habeas.ingest.readers import MAX_BYTES, read_html, read_pdf
from habeas.model import Document

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMES = ("http", "https")
MAX_URL_CHARS = 2048
# What a guarded fetch says for every failure to connect, refused or not: the same words
# whether a host is missing, closed, filtered or forbidden, so they map nothing.
UNFETCHABLE = "could not fetch the page"
# Characters that have no place in a URL typed by a person: spaces, controls, NUL.
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def web_url(value: str) -> str:
    """value as an absolute http(s) URL with a host; an InputError saying so otherwise (a
    path, a glob, "-", file:, javascript:, a URL with spaces or control characters)."""
    if len(value) > MAX_URL_CHARS:
        raise InputError(value[:80] + "…", f"longer than {MAX_URL_CHARS} characters")
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL:
        url = None
    if url is None or _NOT_IN_URL.search(value) or url.scheme not in SCHEMES or not url.host:
        raise InputError(value, "not an http:// or https:// address")
    return str(url)


def _client(policy: FetchPolicy) -> httpx.Client:
    transport = GuardedTransport(policy) if policy.guarded else None
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False, transport=transport, trust_env=not policy.guarded,
                        headers={"User-Agent": f"habeas/{__version__}"})


def fetch(url: str, *, max_bytes: int = MAX_BYTES, policy: FetchPolicy = ANY_ADDRESS) -> tuple[bytes, str]:
    """The body and content type of a URL; an InputError naming the URL when it fails.
    Redirects are followed here, one hop at a time, and only to http or https; each hop
    connects under the policy."""
    web_url(url)
    try:
        with _client(policy) as client:
            request = client.build_request("GET", url)
            for _hop in range(MAX_REDIRECTS + 1):
                response = client.send(request, stream=True)
                try:
                    if not response.is_redirect:
                        return _body(url, response, max_bytes)
                    request = response.next_request
                    if request is None or request.url.scheme not in SCHEMES:
                        raise InputError(url, "redirected to an address that is not http:// or https://")
                finally:
                    response.close()
            raise InputError(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        raise InputError(url, UNFETCHABLE if policy.guarded else "timed out") from None
    except httpx.HTTPError as exc:
        raise InputError(url, UNFETCHABLE if policy.guarded else f"unreachable ({type(exc).__name__})") from None


def _body(url: str, response: httpx.Response, max_bytes: int) -> tuple[bytes, str]:
    if response.status_code >= 400:
        raise InputError(url, f"HTTP {response.status_code}")
    length = response.headers.get("content-length", "")
    declared = int(length) if length.isdigit() else 0
    if declared > max_bytes:
        raise InputError(url, f"too large: {declared / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.0f} MB")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise InputError(url, f"too large: over {max_bytes / 1e6:.0f} MB")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return bytes(body), kind


def read_web(url: str, *, policy: FetchPolicy = ANY_ADDRESS) -> list[tuple[Document, bytes] | InputError]:
    """The report at a URL, or the reports a feed at that URL links to, with their bytes.
    A feed entry that cannot be read does not stop the others: it comes back as its error.
    Every fetch, the feed's entries too, connects under the policy."""
    body, kind = fetch(url, policy=policy)
    if kind in FEED_TYPES:
        out: list[tuple[Document, bytes] | InputError] = []
        for link in feed_links(url, body):
            try:
                page, page_kind = fetch(link, policy=policy)
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
