"""Reports on the web, served by a small server of our own on 127.0.0.1: pages, feeds and
every way fetching them goes wrong."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from habeas.errors import InputError
from habeas.ingest import web
from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.store.archive import Archive

ARTICLE = ("<html><head><title>Blogger detained</title></head><body><article><h1>Blogger detained</h1>"
           "<p>Blogger Farid Nasirov was detained in Baku on 12 May 2023 on charges of hooliganism, "
           "his lawyer said.</p><p>Nasirov, 34, denies the charges and says the case is revenge.</p>"
           "</article></body></html>")


def routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    rss = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
           f"<item><title>One</title><link>{base}/article</link></item>"
           f"<item><title>Gone</title><link>{base}/missing</link></item></channel></rss>")
    return {
        "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
        "/feed": (200, "application/rss+xml", rss.encode()),
        "/broken-feed": (200, "application/rss+xml", b"this is not xml <"),
        "/error": (500, "text/plain", b"boom"),
        "/image": (200, "image/png", b"\x89PNG...."),
        "/huge": (200, "text/html", b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>"),
    }


SERVERS: dict[str, dict] = {}


def server_routes(base: str) -> dict:
    """The live routing table of the test server at `base`, to change a page between fetches."""
    return SERVERS[base]


@pytest.fixture(scope="module")
def server():
    holder = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            status, kind, body = holder["routes"].get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    holder["routes"] = routes(base)
    SERVERS[base] = holder["routes"]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def test_a_page(server):
    ((document, raw),) = web.read_web(f"{server}/article")
    assert "Farid Nasirov" in document.text and document.url == f"{server}/article"
    assert raw == ARTICLE.encode() and len(document.sha256) == 64


def test_a_feed_gives_its_entries_and_their_errors(server):
    items = web.read_web(f"{server}/feed")
    assert "Farid Nasirov" in items[0][0].text
    assert isinstance(items[1], InputError) and items[1].reason == "HTTP 404"


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "HTTP 404"),
    ("/error", "HTTP 500"),
    ("/loop", "more than 5 redirects"),
    ("/image", "not a report page (content type image/png)"),
    ("/broken-feed", "not a feed (the body is not XML)"),
])
def test_failures_say_why(server, path, reason):
    with pytest.raises(InputError) as err:
        web.read_web(server + path)
    assert err.value.reason == reason and err.value.source == server + path


def test_size_cap(server):
    with pytest.raises(InputError, match="too large"):
        web.fetch(f"{server}/huge", max_bytes=1024 * 1024)


def test_unreachable():
    with pytest.raises(InputError, match="unreachable"):
        web.fetch("http://127.0.0.1:9/nothing-listens-here")


def test_ingest_a_feed_into_the_archive(server, tmp_path):
    archive = Archive.open(f"sqlite:///{tmp_path / 'a.db'}")
    summary = ingest(archive, [f"{server}/feed"], lambda docs: default_extractor().extract_many(docs))
    assert summary.new == [f"{server}/article"]
    assert summary.failed == [(f"{server}/missing", "HTTP 404")]
    assert archive.persons()[0]["documents"][0]["url"] == f"{server}/article"
    again = ingest(archive, [f"{server}/article"], lambda docs: default_extractor().extract_many(docs))
    assert again.known == [f"{server}/article"] and again.new == []


def test_a_changed_page_is_a_new_version(server, tmp_path):
    archive = Archive.open(f"sqlite:///{tmp_path / 'a.db'}")
    extract = lambda docs: default_extractor().extract_many(docs)  # noqa: E731
    ingest(archive, [f"{server}/article"], extract)
    routes_ = server_routes(server)
    routes_["/article"] = (200, "text/html", ARTICLE.replace("34", "35").encode())
    try:
        assert ingest(archive, [f"{server}/article"], extract).new == [f"{server}/article"]
    finally:
        routes_["/article"] = (200, "text/html; charset=utf-8", ARTICLE.encode())
    versions = sorted(d["version"] for d in archive.persons()[0]["documents"])
    assert versions == [1, 2]
