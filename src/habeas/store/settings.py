"""Where the archive lives: `--db URL`, else `HABEAS_DATABASE_URL`, else an SQLite file in
`$HABEAS_HOME` (default `~/.local/share/habeas`)."""

from __future__ import annotations

import os
from pathlib import Path

from habeas.errors import HabeasError


def habeas_home() -> Path:
    return Path(os.environ.get("HABEAS_HOME") or Path.home() / ".local" / "share" / "habeas")


def database_key() -> str | None:
    """The passphrase of an encrypted SQLite archive, from `HABEAS_DB_KEY` (never stored)."""
    return os.environ.get("HABEAS_DB_KEY") or None


def database_url(cli_value: str | None = None) -> str:
    url = cli_value or os.environ.get("HABEAS_DATABASE_URL")
    if not url:
        home = habeas_home()
        home.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{home / 'habeas.db'}"
    # psycopg 3 is the PostgreSQL driver we ship; plain postgresql:// URLs mean it.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise HabeasError(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://…")
    return url
