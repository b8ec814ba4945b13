"""Errors of our own types, raised where they happen and translated once at each edge."""

from __future__ import annotations


class HabeasError(Exception):
    """Base class of every error Habeas reports to a user."""


class InputError(HabeasError):
    """A source that cannot be read or holds no usable text.

    `source` names the file, URL or '-' for standard input; `reason` says why, in a short
    phrase a user can act on.
    """

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        # Rebuilt from its two fields when it comes back from a worker process.
        return (type(self), (self.source, self.reason))


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """An unexpected exception as a reason a user can read: one line, its type and the start
    of its message (the traceback belongs in a log, not in `habeas failures`)."""
    message = " ".join(str(exc).split())
    if len(message) > limit:
        message = message[:limit - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
