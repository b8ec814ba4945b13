"""Commands of the parts built on the archive (web app, remedies and outputs, batch ingest).
Each module here adds its commands to `habeas.cli.app` when imported; `habeas.cli` imports
them all at start-up, so a new module needs no edit elsewhere."""
