"""The `habeas` command's parts: `common` (the archive option, formats, errors as messages
and exit codes), and one module per group of commands built on the archive (web app and
accounts, remedies and outputs, the archive at rest), each a Typer that `habeas.cli` merges
into the one command. A new module is listed there."""
