"""Slowing down whoever guesses passwords, without locking anyone out.

Failed logins are counted per client address, not per account: a stranger who sends wrong
passwords for an account slows down only themself, and every answer is the same whether the
account exists or not. After `free` failures a client must wait before its next attempt, twice
as long after each further failure, up to `longest`; a success clears its count.

Two keepers of the counts, one rule: `LoginThrottle` keeps them in the memory of one process
(tests, an app built by hand); `SharedLoginThrottle` keeps them in the archive (the table
`login_failures`, client addresses stored as sha256), so that every worker process of
`habeas serve --workers N` sees the same counts and the free tries are not multiplied by N.
The web app `habeas serve` runs uses the shared one; a client quiet for `longest` is forgotten.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class _Record:
    failures: int = 0
    until: float = 0.0


@dataclass
class _Rule:
    free: int = 5
    first_wait: float = 2.0
    longest: float = 15 * 60.0

    def delay(self, failures: int) -> float:
        """How long a client must wait after its `failures`-th failure (0: not yet)."""
        if failures < self.free:
            return 0.0
        return min(self.longest, self.first_wait * 2 ** (failures - self.free))


@dataclass
class LoginThrottle(_Rule):
    clock: Callable[[], float] = time.monotonic
    max_clients: int = 100_000          # memory stays bounded under a flood of addresses
    _clients: dict[str, _Record] = field(default_factory=dict)

    def wait(self, client: str) -> float:
        """Seconds the client must still wait before it may try again (0: it may)."""
        record = self._clients.get(client)
        return max(0.0, record.until - self.clock()) if record else 0.0

    def failed(self, client: str) -> None:
        if len(self._clients) >= self.max_clients and client not in self._clients:
            self._forget_oldest()
        record = self._clients.setdefault(client, _Record())
        record.failures += 1
        if delay := self.delay(record.failures):
            record.until = self.clock() + delay

    def succeeded(self, client: str) -> None:
        self._clients.pop(client, None)

    def _forget_oldest(self) -> None:
        now = self.clock()
        for client in [c for c, r in self._clients.items() if r.until <= now][: self.max_clients // 10 or 1]:
            del self._clients[client]
        if len(self._clients) >= self.max_clients:
            self._clients.pop(next(iter(self._clients)))


@dataclass
class SharedLoginThrottle(_Rule):
    """The same rule, its counts in the archive: shared by every process serving it. The clock
    is wall time (Unix seconds), the one all processes agree on."""
    archive: object = None               # a habeas.store.archive.Archive
    clock: Callable[[], float] = time.time

    def wait(self, client: str) -> float:
        return self.archive.login_wait(client, self.clock())

    def failed(self, client: str) -> None:
        self.archive.login_failed(client, self.clock(), self.delay, forget_after=self.longest)

    def succeeded(self, client: str) -> None:
        self.archive.login_succeeded(client)
