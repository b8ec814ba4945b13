"""Every command, every subcommand (`habeas db upgrade`, `habeas user add`, …) and every
option has help text and is documented in the README."""

from pathlib import Path

import pytest
import typer.main

from habeas.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
COMMAND = typer.main.get_command(app)


def _leaves(group, path=()):
    """(`db upgrade`, command) for every command that runs, however deep its group."""
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            assert command.help and command.help.strip(), f"habeas {' '.join((*path, name))} has no help"
            yield from _leaves(command, (*path, name))
        else:
            yield " ".join((*path, name)), command


COMMANDS = list(_leaves(COMMAND))


def test_the_groups_and_their_subcommands_are_all_there():
    names = {n for n, _ in COMMANDS}
    for expected in ("db upgrade", "db encrypt", "user add", "user list", "user password", "user delete",
                     "token add", "token list", "token revoke", "procedures check", "extract", "ingest"):
        assert expected in names


def test_readme_starts_with_the_two_commands():
    head = README[:400]
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_and_is_in_readme(name, command):
    assert command.help and command.help.strip()
    assert f"habeas {name}" in README
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{name} {param.opts} has no help"
            assert any(opt in README for opt in param.opts if opt.startswith("--")), param.opts
