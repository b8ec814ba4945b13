"""What every command shares: the archive option and opening, the output format, the
options of dates and confidentiality, the progress bar, and the one place an error becomes a
message and an exit code (1: an input or action failed, 2: the archive could not be opened).
Commands import it; it imports no command."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from habeas.errors import HabeasError, InputError
from habeas.settings import Settings

stderr = Console(stderr=True)


class Format(str, Enum):
    text = "text"
    json = "json"


DbOption = Annotated[Optional[str], typer.Option(
    "--db", metavar="URL", help="Archive database: sqlite:///PATH or postgresql://… "
    "(default: $HABEAS_DATABASE_URL, else $HABEAS_HOME/habeas.db).")]
PersonArg = Annotated[str, typer.Argument(help="A person's id or name (any spelling).", show_default=False)]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, max=64,
                                         help="Extract in N processes (the model loads once per process).")]
db_app = typer.Typer(help="Manage the archive database.", no_args_is_help=True)


def fail(message: str) -> None:
    # Escaped: a file name or a reason may hold "[…]", which rich would read as markup.
    stderr.print(f"[red]error:[/red] {escape(one_line(message))}", highlight=False, soft_wrap=True)


def one_line(text: str) -> str:
    """`text` on one line with no control character a terminal would obey (a file name may
    hold a line break or an escape sequence): each is written as its escape."""
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in text)


# The settings of this run of `habeas`: read once by cli.main_options, forgotten when the run
# ends. A command passes what the lower layers need of them (the archive's URL and key, the
# user's `home`) down as arguments; nothing below the commands reads them.
_run: Settings | None = None


def start_run(settings: Settings | None) -> None:
    global _run
    _run = settings


def run_settings() -> Settings:
    if _run is None:
        raise RuntimeError("no settings: a command runs through habeas.cli, which reads them")
    return _run


def open_archive(db: str | None):
    from habeas.store.archive import Archive
    try:
        url = run_settings().archive_url(db)
        return Archive.open(url, key=archive_key(url))
    except HabeasError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None


def archive_key(url: str, *, new: bool = False) -> str | None:
    """The key of an encrypted SQLite archive: `HABEAS_DB_KEY`, else asked for in a terminal
    (twice for a `new` key). None for a plain archive. The key is never written anywhere."""
    from habeas.store.encryption import is_encrypted, sqlite_path
    key = run_settings().db_key
    path = sqlite_path(url)
    if key is not None or path is None or not (new or is_encrypted(path)):
        return key
    if not sys.stdin.isatty():
        raise HabeasError(f"{path}: the archive is encrypted: set HABEAS_DB_KEY or run in a terminal")
    import getpass
    key = getpass.getpass(f"key of {path}: ")
    if new and getpass.getpass("the same key again: ") != key:
        raise HabeasError("the two keys differ")
    if new and len(key) < 12:
        raise HabeasError("a key needs at least 12 characters (a passphrase of several words is best)")
    return key


def printed_as_json(data, format: Format) -> bool:
    """With --format json, print `data` for scripts and say so; else leave it to the caller."""
    if format is Format.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return format is Format.json


def or_exit(action):
    try:
        return action()
    except HabeasError as exc:
        fail(str(exc))
        raise typer.Exit(1) from None


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def parse_partial_date(value: str | None, option: str) -> str | None:
    """A date of an option as reports write them (YYYY, YYYY-MM or YYYY-MM-DD), normalised;
    a bad one is the option's error."""
    if value is None:
        return None
    from habeas.ingest.header import parse_published
    try:
        return parse_published(value, option)
    except InputError as exc:
        raise typer.BadParameter(exc.reason, param_hint=option) from None


TodayOption = Annotated[Optional[str], typer.Option(
    "--today", metavar="YYYY-MM-DD", help="Count days up to this date instead of today.")]


def owner_view(asked: bool):
    """What the CLI's outputs hold: the local owner is the archive's admin."""
    from habeas.store.visibility import Visibility
    return Visibility.of("admin", asked=asked, output=True)


ConfidentialOption = Annotated[bool, typer.Option(
    "--include-confidential", help="Admins only: include confidential persons and documents, "
    "and named sources.")]


def progress() -> Progress:
    """A progress bar on standard error that leaves nothing behind."""
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeRemainingColumn(), console=stderr, transient=True)
