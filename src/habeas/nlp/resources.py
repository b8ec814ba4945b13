"""Domain knowledge shipped as data files beside the code (nlp/data/*.yml)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed YAML data file `name` (without extension)."""
    text = resources.files("habeas.nlp").joinpath("data", f"{name}.yml").read_text("utf-8")
    return yaml.safe_load(text)
