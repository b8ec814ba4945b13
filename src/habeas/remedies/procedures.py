"""Remedy procedures as data: one YAML file per procedure, shipped in procedures/ and added
or overridden (same `id`) by files in $HABEAS_HOME/procedures/.

A procedure lists its steps in the order the law sets them; each step says who must act,
on what legal basis, how long an answer should take, which archived events show that the
step was taken, and what an answer leads to."""

from __future__ import annotations

from functools import lru_cache

from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from habeas.errors import HabeasError
from habeas.model import EVENT_TYPES
from habeas.store.settings import habeas_home

# Where an answer can lead besides another step of the same procedure.
TERMINAL = ("done", "end")
# Event types that ask an authority for something and so wait for an answer.
FILINGS = ("petition", "appeal")


class ProcedureError(HabeasError):
    """A procedure or illness-list file that cannot be used; names the file and the field."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Match(Strict):
    """Which events show a step was taken: one of `types`; when `words` is given, one of the
    words in the event's evidence or attributes; when `by` is given, one of them in its `by`."""
    types: list[str] = Field(min_length=1)
    words: list[str] = []
    by: list[str] = []

    @field_validator("types")
    @classmethod
    def _known_types(cls, types: list[str]) -> list[str]:
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise ValueError(f"unknown event type {unknown[0]!r}; one of: {', '.join(EVENT_TYPES)}")
        return types


class Step(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    actor: str = Field(min_length=1, description="who must act")
    basis: list[str] = []
    answer_days: int | None = Field(default=None, gt=0, description="expected time to an answer")
    # One matcher, or a list of them (any may match).
    match: list[Match] = Field(min_length=1)
    # What each answer leads to: another step's id, "done" (the remedy succeeded), "end"
    # (this road is closed), or "procedure:ID" (another remedy opens).
    leads_to: dict[Literal["granted", "rejected", "no_response"], str] = {}

    @field_validator("match", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, dict) else value

    @property
    def is_filing(self) -> bool:
        return any(t in FILINGS for m in self.match for t in m.types)


class Procedure(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    jurisdiction: str = Field(min_length=1, description="a country, or 'any' / 'international'")
    legal_basis: list[str] = Field(min_length=1)
    # A petition, appeal or answer belongs to this remedy when its text has one of these.
    applies: list[str] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    after_rejection: str | None = None
    source: str = Field(default="", exclude=True)

    @model_validator(mode="after")
    def _steps_lead_somewhere(self) -> Procedure:
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError(f"steps: step id {next(i for i in ids if ids.count(i) > 1)!r} is used twice")
        for n, step in enumerate(self.steps):
            for outcome, target in step.leads_to.items():
                if target not in ids and target not in TERMINAL and not target.startswith("procedure:"):
                    raise ValueError(f"steps.{n}.leads_to.{outcome}: {target!r} is no step id, "
                                     f"'done', 'end' or 'procedure:ID'")
        return self

    def applies_to(self, country: str | None) -> bool:
        return self.jurisdiction in ("any", "international") or (
            country is not None and self.jurisdiction.lower() == country.lower())


def first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


@lru_cache(maxsize=256)
def parse_procedure(text: str, source: str) -> Procedure:
    """One procedure from YAML text; a ProcedureError names `source` and the faulty field.
    Parsed once per text: every person page asks for the procedures again."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ProcedureError(source, f"{where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise ProcedureError(source, "a procedure is a mapping of id, title, jurisdiction, legal_basis, "
                                     "applies and steps")
    try:
        return Procedure.model_validate({**data, "source": source})
    except ValidationError as exc:
        raise ProcedureError(source, first_error(exc)) from None


def shipped_files() -> list[tuple[str, str]]:
    folder = resources.files("habeas.remedies").joinpath("procedures")
    return sorted((f"procedures/{f.name}", f.read_text("utf-8"))
                  for f in folder.iterdir() if f.name.endswith(".yml"))


def user_files(folder: Path | None = None) -> list[tuple[str, str]]:
    folder = folder or habeas_home() / "procedures"
    if not folder.is_dir():
        return []
    return [(str(p), p.read_text("utf-8")) for p in sorted(folder.glob("*.yml"))]


def load_procedures(user_folder: Path | None = None) -> list[Procedure]:
    """The shipped procedures, then the user's; a user file with a shipped id replaces it."""
    by_id: dict[str, Procedure] = {}
    for source, text in shipped_files() + user_files(user_folder):
        procedure = parse_procedure(text, source)
        by_id[procedure.id] = procedure
    return list(by_id.values())

