"""Every setting Habeas reads from the environment, declared once (pydantic-settings).

Each entry point reads them once with `load()` — the `habeas` command on each run
(habeas.cli, which keeps them on the run's context for the commands), each web worker
(habeas.web.app.from_environment), the benchmarks — and passes them down as arguments: the
archive its URL and key, remedies and alerts the user's folder (`home`). A bad value stops
the entry point with one line naming the variable. Nothing below the entry points reads the
settings or the environment.

| variable | setting | default |
| --- | --- | --- |
| `HABEAS_HOME` | `home`: the default archive `habeas.db`, user procedures, illness lists, `alerts.yml` | `~/.local/share/habeas` |
| `HABEAS_DATABASE_URL` | `database_url`: the archive, `sqlite:///PATH` or `postgresql://…` (`--db` wins) | `$HABEAS_HOME/habeas.db` |
| `HABEAS_DB_KEY` | `db_key`: the passphrase of an encrypted SQLite archive (never stored) | none |
| `HABEAS_SECRET_KEY` | `secret_key`: signs the web app's session cookies | none (loopback: drawn at start) |
| `HABEAS_SECURE_COOKIES` | `secure_cookies`: mark session cookies Secure (`1`/`0`, `true`/`false`) | off |
| `HABEAS_BACKUP_RECIPIENT` | `backup_recipient`: age public keys of `habeas backup`, comma-separated | none |
| `HABEAS_TEST_DATABASE_URL` | `test_database_url`: the PostgreSQL server of the tests and benchmarks (empty: none) | unset |
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from habeas.errors import HabeasError

PREFIX = "HABEAS_"
# Settings whose value an error message must not repeat.
SECRET = {"db_key", "secret_key"}


class SettingsError(HabeasError):
    """A setting whose value cannot be used; names the environment variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    home: Path = Field(default_factory=lambda: Path.home() / ".local" / "share" / "habeas")
    database_url: str | None = None
    db_key: str | None = None
    secret_key: str | None = None
    secure_cookies: bool = False
    backup_recipient: Annotated[list[str], NoDecode] = []
    test_database_url: str | None = None     # "" (set empty) is kept: it turns PostgreSQL tests off

    @field_validator("home", "database_url", "db_key", "secret_key", "secure_cookies", mode="before")
    @classmethod
    def _empty_is_unset(cls, value, info):
        # An empty variable counts as unset, as it always has.
        if value == "":
            return cls.model_fields[info.field_name].get_default(call_default_factory=True)
        return value

    @field_validator("backup_recipient", mode="before")
    @classmethod
    def _comma_separated(cls, value):
        return [r for r in value.split(",") if r] if isinstance(value, str) else value

    def archive_url(self, given: str | None = None) -> str:
        """Where the archive lives: `given` (`--db URL`), else HABEAS_DATABASE_URL, else an
        SQLite file in HABEAS_HOME (made when missing)."""
        url = given or self.database_url
        if not url:
            self.home.mkdir(parents=True, exist_ok=True)
            return f"sqlite:///{self.home / 'habeas.db'}"
        return database_url(url)


def database_url(url: str) -> str:
    """`url` as SQLAlchemy takes it: psycopg 3 is the PostgreSQL driver we ship, so plain
    postgresql:// URLs mean it."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise HabeasError(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://…")
    return url


def load(**given) -> Settings:
    """The settings from the environment (`given` values win); a bad value is a SettingsError
    of one line naming its variable."""
    try:
        return Settings(**given)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "settings"
        shown = "" if field in SECRET else f" (got {error.get('input')!r})"
        raise SettingsError(f"{PREFIX}{field.upper()}: {error['msg']}{shown}") from None

