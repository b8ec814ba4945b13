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
