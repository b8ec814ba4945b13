"""Which addresses a fetch may connect to, enforced when the connection is made.

The web app fetches URLs that its users type, from inside the network it runs in: without a
rule, a URL is a port scanner for that network and a reader of cloud metadata. The rule is
checked where the socket is opened, on the addresses the host name resolved to, for every
connection (so after every redirect), and the socket is opened to the very address that was
checked, so a name that resolves to a public address once and a private one the next time
(DNS rebinding) gains nothing. TLS still names the host (SNI and certificate check), since
httpcore passes the URL's host name to `start_tls`, not the address we connect to.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses the host name resolves to (as text, e.g. "93.184.216.34").
Resolver = Callable[[str, int], list[str]]

# Networks the standard library (3.11) counts as global that are not the public internet:
# 192.0.0.0/24 is IETF protocol assignments (Oracle Cloud's metadata service answers on
# 192.0.0.192); 168.63.129.16 is Azure's host endpoint (metadata, DNS, health), on a public
# address but reachable only from inside Azure.
NOT_PUBLIC = (ipaddress.ip_network("192.0.0.0/24"), ipaddress.ip_network("168.63.129.16/32"))


class BlockedAddress(httpcore.ConnectError):
    """A host name resolved to an address the policy does not allow (or did not resolve)."""


def is_public(ip: IPAddress) -> bool:
    """True for an address on the public internet: not loopback, private, link-local, CGNAT,
    multicast, reserved, unspecified, site-local or a cloud metadata address. An IPv6
    address that carries an IPv4 one (IPv4-mapped, 6to4) is judged by the IPv4 one too."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(ip.ipv4_mapped)
        if ip.sixtofour is not None and not is_public(ip.sixtofour):
            return False
        if ip.is_site_local:
            return False
    if not ip.is_global or ip.is_private or ip.is_loopback or ip.is_link_local:
        return False
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return False
    return not any(ip in network for network in NOT_PUBLIC)


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class FetchPolicy:
    """Where fetches may connect. `allowed` None: anywhere, through the system's resolver
    and the environment's proxies (the CLI: the local user owns the machine). Otherwise
    every connection resolves through `resolve` and goes only to addresses `allowed`
    accepts, with no proxy; and failures say nothing about why (see `guarded`).
    `backend` is the network underneath (tests give a stub that never connects)."""

    allowed: Callable[[IPAddress], bool] | None = None
    resolve: Resolver = system_resolve
    backend: httpcore.NetworkBackend = field(default_factory=httpcore.SyncBackend)

    @property
    def guarded(self) -> bool:
        return self.allowed is not None

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for host; BlockedAddress when it does not resolve or
        when any address it resolves to is not allowed (a name that mixes public and private
        answers is refused whole)."""
        try:
            found = self.resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise BlockedAddress(f"{host} does not resolve") from exc
        checked = []
        for text in found:
            try:
                ip = ipaddress.ip_address(text.split("%")[0])   # an IPv6 scope ("%eth0") is no address
            except ValueError:
                raise BlockedAddress(f"{host} resolved to {text!r}, not an address") from None
            if self.allowed is not None and not self.allowed(ip):
                raise BlockedAddress(f"{host} resolves to {ip}, which is not allowed")
            checked.append(text)
        if not checked:
            raise BlockedAddress(f"{host} does not resolve")
        return checked


ANY_ADDRESS = FetchPolicy()
PUBLIC_ONLY = FetchPolicy(allowed=is_public)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network, opening a connection only to an address the policy allows: the
    host is resolved and checked here, and the socket opened to the checked address."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self.policy.addresses(host, port):
            try:
                return self.policy.backend.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                       socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc   # try the host's next address, as the system's own connect would
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        raise BlockedAddress("no local sockets")

    def sleep(self, seconds: float) -> None:
        self.policy.backend.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (certificate checks, no proxies from the environment) on the
    guarded network: HTTPTransport takes no network backend, so its pool is rebuilt."""

    def __init__(self, policy: FetchPolicy):
        super().__init__(trust_env=False)
        context: ssl.SSLContext = httpx.create_ssl_context(trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=GuardedBackend(policy))
