"""`habeas db encrypt`, `habeas backup`, `habeas restore`: the archive at rest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from habeas.commands.common import DbOption, archive_key, db_app, open_archive, or_exit, run_settings
from habeas.errors import HabeasError

app = typer.Typer()   # merged into the `habeas` command by habeas.cli


@db_app.command("encrypt")
def db_encrypt(db: DbOption = None) -> None:
    """Encrypt an SQLite archive in place with SQLCipher. The key comes from HABEAS_DB_KEY or
    is asked for twice; every later command needs it. Keep it safe: without it the archive
    cannot be read by anyone, you included."""
    from habeas.store.encryption import encrypt_file

    def run() -> Path:
        url = run_settings().archive_url(db)
        key = archive_key(url, new=True)
        if key is None:
            raise HabeasError("only an SQLite archive file can be encrypted (PostgreSQL: encrypt its disk)")
        return encrypt_file(url, key)

    typer.echo(f"encrypted {or_exit(run)}")


@app.command()
def backup(
    out: Annotated[Path, typer.Argument(help="The backup file to write.", show_default=False)],
    recipient: Annotated[Optional[list[str]], typer.Option(
        "--recipient", "-r", help="age public key (age1…) to encrypt to; repeat for several. "
        "Default: $HABEAS_BACKUP_RECIPIENT.")] = None,
    db: DbOption = None,
) -> None:
    """Write an encrypted backup of the whole archive (persons, documents, verdicts, audit
    log, accounts) that only the holder of the recipient's identity can read."""
    from habeas.store.backup import backup as run_backup
    recipients = recipient or run_settings().backup_recipient
    archive = open_archive(db)
    counts = or_exit(lambda: run_backup(archive, out, recipients))
    typer.echo(f"backup written to {out}: {counts.get('documents', 0)} documents, "
               f"{counts.get('persons', 0)} persons, {sum(counts.values())} rows")


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A backup written by `habeas backup`.", show_default=False)],
    identity: Annotated[Path, typer.Option("--identity", "-i", help="age identity file "
                                           "(AGE-SECRET-KEY-1…).", show_default=False)],
    db: DbOption = None,
) -> None:
    """Restore a backup into a new, empty archive."""
    from habeas.store.backup import identities_from
    from habeas.store.backup import restore as run_restore
    identities = or_exit(lambda: identities_from(identity))
    archive = open_archive(db)
    counts = or_exit(lambda: run_restore(archive, source, identities))
    typer.echo(f"restored {counts.get('documents', 0)} documents, {counts.get('persons', 0)} persons, "
               f"{sum(counts.values())} rows")
