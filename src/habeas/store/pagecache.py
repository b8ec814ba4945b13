"""Search pages kept in memory while the archive does not change.

A page is kept under a key that starts with the archive's write generation (the number every
write to documents, persons and what documents say of them moves on, in the same transaction:
migration 0011) and holds the Visibility of whoever asked and the normalised query. A reader
reads the generation inside its own read transaction, so a page kept under a generation is
what the archive held at that generation: after any write, every key read is new and nothing
kept before it is found again. Two viewers who see differently never share a page. Each
process keeps its own pages; the generation, in the database, is the one all of them read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from sqlalchemy import text
from sqlalchemy.orm import Session

_GENERATION = text("SELECT n FROM archive_generation")


def generation(session: Session) -> int:
    """The archive's write generation, as the reading transaction `session` sees it."""
    return session.execute(_GENERATION).scalar_one()


class PageCache:
    """A least-recently-used map of at most `size` pages, safe to share between threads."""

    def __init__(self, size: int = 256):
        self.size = size
        self._pages: OrderedDict[Hashable, dict] = OrderedDict()
        self._lock = threading.Lock()
        self._generation: int | None = None

    def get(self, key: tuple) -> dict | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: dict) -> None:
        """Keep `page` under `key`, whose first item is the generation it was read at: pages of
        an older generation can never be asked for again and are dropped."""
        with self._lock:
            if self._generation is None or key[0] > self._generation:
                self._pages.clear()
                self._generation = key[0]
            elif key[0] < self._generation:
                return          # read before a write another reader has already seen
            self._pages[key] = page
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
