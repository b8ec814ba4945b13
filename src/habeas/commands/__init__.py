"""The `habeas` command's parts: `common` (the archive option, formats, errors as messages
and exit codes) and one module per group of commands — extract, archive, identity (merge,
split, review, fact, watch), web (serve, users, tokens), remedies, alerts, outputs (dossier,
wgad, export), vault (encryption, backups) — each a Typer that `habeas.cli` merges into the
one command. A new module is listed there."""
