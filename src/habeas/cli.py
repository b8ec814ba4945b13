"""The `habeas` command. Errors are translated here, once: a one-line message naming the
input and the reason, exit code 1 when an input failed, 2 for a usage error. The commands
live in habeas/commands/, one module per group, each a Typer merged in here."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from habeas import __version__
from habeas.commands import alerts, archive, extract, identity, outputs, remedies, vault, web
from habeas.commands.common import db_app, fail, start_run
from habeas.errors import HabeasError

app = typer.Typer(
    help="Habeas: sourced, structured case files of detained people, extracted from reports.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"habeas {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """Habeas turns reports about detained people into sourced case files."""
    # The settings, read once for this run (a bad value: one line naming the variable, exit 2),
    # for the commands to pass down (commands.common.run_settings).
    from habeas.settings import load
    try:
        start_run(load())
    except HabeasError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    ctx.call_on_close(lambda: start_run(None))


# In the order `habeas --help` lists them.
for _commands in (extract, archive, identity, web, remedies, alerts, outputs, vault):
    app.add_typer(_commands.app)
app.add_typer(db_app, name="db")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
