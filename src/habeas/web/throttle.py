"""Slowing down whoever guesses passwords, without locking anyone out.

Failed logins are counted per client address, not per account: a stranger who sends wrong
passwords for an account slows down only themself, and every answer is the same whether the
account exists or not. After `free` failures a client must wait before its next attempt, twice
as long after each further failure, up to `longest`; a success clears its count. Kept in the
memory of the server process (one uvicorn process serves Habeas): a restart forgets it.
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
class LoginThrottle:
    free: int = 5
    first_wait: float = 2.0
    longest: float = 15 * 60.0
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
        if record.failures >= self.free:
            delay = min(self.longest, self.first_wait * 2 ** (record.failures - self.free))
            record.until = self.clock() + delay

    def succeeded(self, client: str) -> None:
        self._clients.pop(client, None)

    def _forget_oldest(self) -> None:
        now = self.clock()
        for client in [c for c, r in self._clients.items() if r.until <= now][: self.max_clients // 10 or 1]:
            del self._clients[client]
        if len(self._clients) >= self.max_clients:
            self._clients.pop(next(iter(self._clients)))
