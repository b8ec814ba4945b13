"""Russian domain knowledge shipped beside the code (nlp/ru/data/*.yml)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed YAML data file `name` (without extension)."""
    text = resources.files("habeas.nlp.ru").joinpath("data", f"{name}.yml").read_text("utf-8")
    return yaml.safe_load(text)


def fold(word: str) -> str:
    """Lower case with ё as е: how lemmas are written in the data files."""
    return word.lower().replace("ё", "е")
