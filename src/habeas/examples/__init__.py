"""Reports written for the demo and the tests (our own words, telling real published facts)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_path(name: str = "mingelov.txt") -> Path:
    return Path(str(resources.files("habeas.examples").joinpath(name)))
