"""Lists of illnesses that qualify a prisoner for release, as user data, and a person's
conditions matched against them.

A list names the procedure a match opens. Matching is by synonyms: a condition matches an
illness when it contains one of the illness's names as whole words ("tuberculous arthritis
in both knees" holds "tuberculous arthritis"), or when the two read nearly the same (rapidfuzz),
which absorbs spelling variants such as "tuberculosis of the bones"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import fuzz

from habeas.remedies.procedures import ProcedureError, first_error

# How alike a condition and a name must read (rapidfuzz ratio) to match without containment.
NEAR = 0.86
# Words that say nothing about which illness it is.
FILLER = re.compile(r"\b(?:a|an|the|of|in|on|both|severe|serious|form|chronic|acute|his|her|their|"
                    r"left|right|knees?|legs?|arms?|hips?)\b")


class Illness(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    synonyms: list[str] = []


class IllnessList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    example: bool = False
    opens: str = Field(min_length=1, description="id of the procedure a match opens")
    illnesses: list[Illness] = Field(min_length=1)


@dataclass(frozen=True)
class IllnessMatch:
    condition: str
    illness: str
    matched: str          # the name or synonym that matched
    list: str
    example: bool
    opens: str

    def to_json(self) -> dict:
        return {"condition": self.condition, "illness": self.illness, "matched": self.matched,
                "list": self.list, "example": self.example, "opens": self.opens}


@lru_cache(maxsize=64)
def parse_list(text: str, source: str) -> IllnessList:
    """One illness list from YAML text, parsed once per text."""
    try:
        data = yaml.safe_load(text)
        return IllnessList.model_validate(data)
    except yaml.YAMLError as exc:
        raise ProcedureError(source, f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except ValidationError as exc:
        raise ProcedureError(source, first_error(exc)) from None


@lru_cache(maxsize=1)
def _shipped_lists() -> tuple[tuple[str, str], ...]:
    """The lists shipped in the package, read once per process (the user's are read every time)."""
    shipped = resources.files("habeas.remedies").joinpath("illnesses")
    return tuple((f"illnesses/{f.name}", f.read_text("utf-8")) for f in shipped.iterdir() if f.name.endswith(".yml"))


def load_lists(home: Path | None = None) -> list[IllnessList]:
    """The shipped example list and the user's lists, `home`/illnesses/*.yml (`home`: the
    settings' HABEAS_HOME as the entry point passes it; None: the shipped list alone)."""
    files = list(_shipped_lists())
    folder = home / "illnesses" if home else None
    if folder is not None and folder.is_dir():
        files += [(str(p), p.read_text("utf-8")) for p in sorted(folder.glob("*.yml"))]
    return [parse_list(text, source) for source, text in sorted(files)]


def _plain(text: str) -> str:
    text = re.sub(r"[^\w\s'-]", " ", text.lower().replace("’", "'"))
    return " ".join(FILLER.sub(" ", text).split())


def _matches(condition: str, name: str) -> bool:
    c, n = _plain(condition), _plain(name)
    if not c or not n:
        return False
    if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", c):
        return True
    return fuzz.ratio(c, n) / 100 >= NEAR


def match_conditions(conditions: list[str], lists: list[IllnessList]) -> list[IllnessMatch]:
    """Each condition that matches an illness of a list (the first illness of each list)."""
    found = []
    for condition in conditions:
        for illness_list in lists:
            for illness in illness_list.illnesses:
                name = next((n for n in [illness.name, *illness.synonyms] if _matches(condition, n)), None)
                if name:
                    found.append(IllnessMatch(condition, illness.name, name, illness_list.id,
                                              illness_list.example, illness_list.opens))
                    break
    return found
