"""Russian domain knowledge shipped beside the code (nlp/ru/data/*.yml)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from habeas.nlp.fold import fold as case_fold


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed YAML data file `name` (without extension)."""
    text = resources.files("habeas.nlp.ru").joinpath("data", f"{name}.yml").read_text("utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-folded (habeas.nlp.fold) with ё as е: how lemmas are written in the data files."""
    return case_fold(word).replace("ё", "е")
