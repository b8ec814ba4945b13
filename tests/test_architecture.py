"""The import rules of docs/architecture.md: every import between Habeas's parts points down
the flow (ingest → nlp → store → remedies, alerts, outputs → service, batch → web, commands,
cli). A part may import only the parts its row names; the top-level `habeas` package (its
version) anyone may."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "habeas"
BASE = {"errors", "model", "names", "settings"}
ALLOWED = {
    "errors": set(),
    "model": set(),
    "names": set(),
    "settings": {"errors"},
    "examples": set(),
    "ingest": BASE,
    "nlp": BASE,
    "store": BASE,
    "remedies": BASE | {"store"},
    "alerts": BASE | {"store", "remedies"},
    "outputs": BASE | {"store", "remedies"},
    "render": BASE | {"nlp"},                     # the terminal view of one extracted case file
    "service": BASE | {"ingest", "nlp", "store"},
    "batch": BASE | {"ingest", "nlp", "store", "service"},
    "web": BASE | {"ingest", "nlp", "store", "remedies", "alerts", "outputs", "service"},
    "commands": BASE | {"ingest", "nlp", "store", "remedies", "alerts", "outputs", "service", "batch", "web",
                        "render"},
    "cli": BASE | {"ingest", "nlp", "store", "remedies", "alerts", "outputs", "service", "batch", "web",
                   "render", "commands"},
}
# Known exceptions, each with its reason; the list only shrinks.
EXCEPTIONS = {
    # Alerts leave out "persons" whose name is a place (Phnom Penh) by the country gazetteer.
    ("alerts", "habeas.nlp.countries"),
}


def _part(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0] if parts[0] != "__init__" else "(package)"


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def _violations():
    for path in sorted(SRC.rglob("*.py")):
        part = _part(path)
        if part == "(package)":
            continue
        for module, line in _imports(path):
            if not module.startswith("habeas.") or (part, module) in EXCEPTIONS:
                continue
            target = module.split(".")[1]
            if target != part and target not in ALLOWED[part]:
                yield f"{path.relative_to(SRC)}:{line} ({part}) imports {module}"


def test_every_part_has_a_row():
    parts = {_part(p) for p in SRC.rglob("*.py")} - {"(package)"}
    assert parts <= set(ALLOWED), sorted(parts - set(ALLOWED))


def test_imports_point_down_the_flow():
    assert list(_violations()) == []


@pytest.mark.parametrize("part", ["nlp", "store", "ingest"])
def test_lower_parts_know_nothing_of_the_front_ends(part):
    for path in (SRC / part).rglob("*.py"):
        for module, line in _imports(path):
            assert not module.startswith(("habeas.web", "habeas.cli", "habeas.commands")), (path, line)


def test_the_exceptions_are_still_needed():
    used = {(p, m) for path in SRC.rglob("*.py") for m, _ in _imports(path) for p in [_part(path)]}
    assert EXCEPTIONS <= used, EXCEPTIONS - used


# The archive's parts (documents and versions, persons and identity, verdicts, queries,
# accounts, browsing): the facade store/archive.py mixes them in; none imports the facade.
ARCHIVE_PARTS = ["documents", "identity", "verdicts", "queries", "accounts", "browse"]


@pytest.mark.parametrize("part", ARCHIVE_PARTS)
def test_the_archive_parts_do_not_import_the_facade(part):
    path = SRC / "store" / f"{part}.py"
    assert path.exists(), path
    assert [m for m, _ in _imports(path) if m == "habeas.store.archive"] == []


def test_the_archive_is_its_parts():
    from habeas.store.archive import Archive
    mixed = {c.__module__.rsplit(".", 1)[-1] for c in Archive.__mro__[1:] if c.__module__.startswith("habeas.")}
    assert mixed == set(ARCHIVE_PARTS)


def test_every_command_module_is_merged_into_the_command():
    """commands/ holds one module per group of commands; cli.py merges each (a module it
    forgot would be commands no one can run)."""
    import typer.main

    from habeas.cli import app

    def callbacks(group):
        for command in group.commands.values():
            yield from callbacks(command) if hasattr(command, "commands") else [command.callback]

    modules = {p.stem for p in (SRC / "commands").glob("*.py")} - {"__init__", "common"}
    merged = {c.__module__.rsplit(".", 1)[-1] for c in callbacks(typer.main.get_command(app))}
    assert merged == modules


# The settings are read at the entry points only and passed down as arguments (the archive its
# URL and key, remedies and alerts the user's `home`): nothing below them reads the settings.
SETTINGS_READERS = {"cli.py", "commands/common.py", "web/app.py", "settings.py"}


def test_only_the_entry_points_read_the_settings():
    readers = {str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
               for module, _ in _imports(path) if module == "habeas.settings"}
    assert readers <= SETTINGS_READERS, sorted(readers - SETTINGS_READERS)
