"""Where the web app's fetches may connect: public addresses only, checked on every hop at
connection time. Names resolve through a fake resolver and the network is a stub: the one
"public" address is routed to a server of ours on 127.0.0.1, and any other connection fails
the test. Nothing here connects anywhere but loopback."""

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import pytest

from habeas.errors import InputError
from habeas.ingest import web
from habeas.ingest.netpolicy import PUBLIC_ONLY, BlockedAddress, FetchPolicy, is_public
from habeas.ingest.web import UNFETCHABLE

PUBLIC = "93.184.216.34"
ARTICLE = ("<html><head><title>Reporter held</title></head><body><article><h1>Reporter held</h1>"
           "<p>Reporter Lena Orlova was detained in Minsk on 4 June 2024 and charged with extremism, "
           "her colleagues said.</p><p>Orlova, 29, is held in a pre-trial prison.</p></article></body></html>")


def resolver(table: dict[str, list[str]]):
    """A fake DNS: names from the table, address literals as themselves, others unknown."""
    def resolve(host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]
    return resolve


class StubNetwork(httpcore.NetworkBackend):
    """Connecting to PUBLIC reaches our server on 127.0.0.1 (or fails with `fail`, when set);
    connecting to anything else is a test failure. Every attempt is recorded."""

    def __init__(self, port: int = 0, fail: Exception | None = None):
        self.port, self.fail, self.calls = port, fail, []

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.calls.append((host, port))
        assert host == PUBLIC, f"the policy let a connection to {host} through"
        if self.fail is not None:
            raise self.fail
        return httpcore.SyncBackend().connect_tcp("127.0.0.1", self.port, timeout=timeout)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AssertionError("no unix sockets")

    def sleep(self, seconds):
        pass


def strict(network: StubNetwork, names: dict[str, list[str]] | None = None) -> FetchPolicy:
    """The web's rule (PUBLIC_ONLY), on a fake DNS and the stub network."""
    return FetchPolicy(allowed=PUBLIC_ONLY.allowed, resolve=resolver(names or {"news.test": [PUBLIC]}),
                       backend=network)


@pytest.fixture(scope="module")
def server():
    """Our 'public' site on 127.0.0.1: an article, and redirects to places the rule forbids.
    Yields its port and the Host headers it was sent."""
    hosts: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hosts.append(self.headers["Host"])
            port = self.server.server_address[1]
            targets = {
                "/to-loopback": f"http://127.0.0.1:{port}/article",
                "/to-localhost": f"http://localhost:{port}/article",
                "/to-ipv6-loopback": f"http://[::1]:{port}/article",
                "/to-mapped-loopback": f"http://[::ffff:127.0.0.1]:{port}/article",
                "/to-metadata": "http://169.254.169.254/latest/meta-data/",
                "/to-private": "http://10.0.0.5/admin",
                "/to-internal-name": "http://intranet.test/",
                "/to-file": "file:///etc/passwd",
                "/to-ftp": "ftp://news.test/article",
                "/to-gopher": "gopher://news.test:70/",
                "/again": "/article",
            }
            if self.path in targets:
                self.send_response(302)
                self.send_header("Location", targets[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = ARTICLE.encode() if self.path == "/article" else b"not found"
            self.send_response(200 if self.path == "/article" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], hosts
    httpd.shutdown()


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True),
    ("2606:4700::1111", True),
    ("::ffff:93.184.216.34", True),        # IPv4-mapped: judged by its IPv4 address
    ("127.0.0.1", False),
    ("::1", False),
    ("0.0.0.0", False),
    ("::", False),
    ("10.0.0.5", False),
    ("172.16.0.1", False),
    ("192.168.1.1", False),
    ("100.64.0.1", False),                 # carrier-grade NAT
    ("100.100.100.200", False),            # Alibaba Cloud metadata (in CGNAT space)
    ("169.254.169.254", False),            # AWS, GCP, Azure metadata (link-local)
    ("168.63.129.16", False),              # Azure host endpoint, on a public address
    ("192.0.0.192", False),                # Oracle Cloud metadata
    ("fd00:ec2::254", False),              # AWS metadata over IPv6 (unique local)
    ("fd00::1", False),
    ("fe80::1", False),
    ("fec0::1", False),                    # site-local (deprecated, still not public)
    ("::ffff:127.0.0.1", False),
    ("::ffff:10.0.0.5", False),
    ("2002:7f00:1::1", False),             # 6to4 around 127.0.0.1
    ("64:ff9b::7f00:1", False),            # NAT64 around 127.0.0.1
    ("224.0.0.1", False),                  # multicast
    ("ff02::1", False),
    ("240.0.0.1", False),                  # reserved
    ("255.255.255.255", False),
    ("198.18.0.1", False),                 # benchmarking
])
def test_the_address_rule(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(("answer", "allowed"), [
    (["93.184.216.34"], True),
    (["93.184.216.34", "2606:4700::1111"], True),
    (["10.0.0.5"], False),
    (["192.168.1.1"], False),
    (["169.254.169.254"], False),
    (["172.16.0.1"], False),
    (["100.64.0.1"], False),
    (["fd00::1"], False),
    (["fe80::1%eth0"], False),
    (["::ffff:127.0.0.1"], False),
    (["127.0.0.1"], False),
    (["0.0.0.0"], False),
    (["93.184.216.34", "10.0.0.5"], False),   # one private answer refuses the name whole
    ([], False),
    (["not-an-address"], False),
])
def test_a_name_is_checked_by_every_address_it_resolves_to(answer, allowed):
    policy = strict(StubNetwork(), {"host.test": answer})
    if allowed:
        assert policy.addresses("host.test", 443) == answer
    else:
        with pytest.raises(BlockedAddress):
            policy.addresses("host.test", 443)


def test_the_checked_address_is_the_one_connected_to_and_the_host_name_is_kept(server):
    port, hosts = server
    network = StubNetwork(port)
    body, kind = web.fetch("http://news.test/article", policy=strict(network))
    assert body == ARTICLE.encode() and kind == "text/html"
    assert network.calls == [(PUBLIC, 80)] and hosts[-1] == "news.test"


@pytest.mark.parametrize("path", [
    "/to-loopback", "/to-localhost", "/to-ipv6-loopback", "/to-mapped-loopback", "/to-metadata", "/to-private",
    "/to-internal-name",
])
def test_a_redirect_to_a_forbidden_address_is_refused(server, path):
    port, _ = server
    network = StubNetwork(port)
    names = {"news.test": [PUBLIC], "localhost": ["127.0.0.1", "::1"], "intranet.test": ["10.1.2.3"]}
    with pytest.raises(InputError) as err:
        web.fetch(f"http://news.test{path}", policy=strict(network, names))
    assert err.value.reason == UNFETCHABLE
    assert network.calls == [(PUBLIC, 80)]          # the first hop only; the second never connected


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp", "/to-gopher"])
def test_a_redirect_to_another_scheme_is_refused(server, path):
    port, _ = server
    network = StubNetwork(port)
    with pytest.raises(InputError, match="not http:// or https://"):
        web.fetch(f"http://news.test{path}", policy=strict(network))
    assert network.calls == [(PUBLIC, 80)]


def test_a_redirect_is_checked_again_so_rebinding_gains_nothing(server):
    """The name answers with the public address first and with loopback the second time:
    the second hop is refused, since every connection resolves and checks afresh."""
    port, _ = server
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    network = StubNetwork(port)
    policy = FetchPolicy(allowed=PUBLIC_ONLY.allowed, resolve=lambda host, port: next(answers), backend=network)
    with pytest.raises(InputError, match=UNFETCHABLE):
        web.fetch("http://news.test/again", policy=policy)
    assert network.calls == [(PUBLIC, 80)]


def test_redirects_that_stay_public_are_followed(server):
    port, hosts = server
    network = StubNetwork(port)
    body, _ = web.fetch("http://news.test/again", policy=strict(network))
    assert body == ARTICLE.encode() and network.calls == [(PUBLIC, 80), (PUBLIC, 80)]


class RecordingStream(httpcore.NetworkStream):
    def __init__(self):
        self.server_hostname = None

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        self.server_hostname = server_hostname
        raise httpcore.ConnectError("the test stops before the handshake")

    def close(self):
        pass


def test_tls_names_the_host_while_the_socket_goes_to_the_checked_address():
    stream = RecordingStream()

    class Network(StubNetwork):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            self.calls.append((host, port))
            return stream

    network = Network()
    with pytest.raises(InputError, match=UNFETCHABLE):
        web.fetch("https://news.test/article", policy=strict(network))
    assert network.calls == [(PUBLIC, 443)] and stream.server_hostname == "news.test"


@pytest.mark.parametrize(("url", "failure"), [
    ("http://news.test/", httpcore.ConnectError("connection refused")),    # public, nothing listens
    ("http://news.test/", httpcore.ConnectTimeout("timed out")),           # public, filtered
    ("http://news.test/", httpcore.ReadTimeout("timed out")),
    ("http://nowhere.test/", None),                                        # no such name
    ("http://intranet.test/", None),                                       # a private address
    ("http://127.0.0.1:22/", None),
    ("http://[::1]:5432/", None),
    ("http://169.254.169.254/latest/meta-data/", None),
])
def test_every_failure_to_connect_says_the_same(url, failure):
    network = StubNetwork(fail=failure)
    with pytest.raises(InputError) as err:
        web.fetch(url, policy=strict(network, {"news.test": [PUBLIC], "intranet.test": ["10.0.0.5"]}))
    assert err.value.reason == UNFETCHABLE


def test_proxies_from_the_environment_are_not_used(server, monkeypatch):
    port, _ = server
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")   # nothing listens there
    network = StubNetwork(port)
    assert web.fetch("http://news.test/article", policy=strict(network))[0] == ARTICLE.encode()
    assert network.calls == [(PUBLIC, 80)]


@pytest.mark.parametrize("value", [
    "/etc/passwd", "~/.ssh/id_rsa", "reports/", "*", "**/*.txt", "-", "file:///etc/passwd", "ftp://news.test/a",
    "javascript:alert(1)", "http://", "http:///etc/passwd", "//news.test/a", "news.test/a", "http://news .test/",
    "http://news.test/\x00", "https://news.test/\n", "",
])
def test_only_http_and_https_addresses_are_urls(value):
    with pytest.raises(InputError, match="not an http:// or https:// address"):
        web.web_url(value)


@pytest.mark.parametrize("value", ["http://news.test/a", "https://news.test/a?b=c", "HTTPS://News.Test/"])
def test_urls(value):
    assert web.web_url(value).lower() == value.lower()


def test_the_cli_policy_still_reaches_loopback(server):
    """The CLI's user owns the machine: `habeas ingest http://127.0.0.1/...` works."""
    port, _ = server
    assert web.fetch(f"http://127.0.0.1:{port}/article")[0] == ARTICLE.encode()
    with pytest.raises(InputError, match="not http:// or https://"):
        web.fetch(f"http://127.0.0.1:{port}/to-file")
