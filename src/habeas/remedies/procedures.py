"""Remedy procedures as data: one YAML file per procedure, shipped in procedures/ and added
or overridden (same `id`) by files in $HABEAS_HOME/procedures/.

A procedure lists its steps in the order the law sets them; each step says who must act,
on what legal basis, the deadline to file it, how long an answer should take, which archived
events show that the step was taken, and what an answer leads to. `after_refusal` names the
procedures that attack a refusal (a complaint to the prosecutor or a court, a UN body), for
any refusal or apart for each authority that refused (`court`, `prosecutor`, `administration`:
a court's decision is appealed, an administration's refusal goes to a prosecutor or a court);
the deadline to file each is that procedure's first step's `file_within`, counted from the
refusal.
Every number comes from a text named in `sources`; a number we could not read is left out."""

from __future__ import annotations

import re
from functools import lru_cache

from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from habeas.errors import HabeasError
from habeas.model import EVENT_TYPES

# Where an answer can lead besides another step of the same procedure.
TERMINAL = ("done", "end")
# Event types that ask an authority for something and so wait for an answer.
FILINGS = ("petition", "appeal")
# Who may refuse: what follows a refusal may differ for each (`after_refusal`).
REFUSERS = ("court", "prosecutor", "administration")


class ProcedureError(HabeasError):
    """A procedure or illness-list file that cannot be used; names the file and the field."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Match(Strict):
    """Which events show a step was taken: one of `types`; when `words` is given, one of the
    words in the event's evidence or attributes; when `by` is given, one of them in its `by`;
    never an event with one of `unless` (a UN Committee's decision is no court appeal).
    An event several steps accept is the furthest step's whose words every sentence telling it
    holds, unless a sentence also holds one of its `not_with` (the earlier ruling told with the
    next filing: "the appeal court upheld it; the defence will go to the Supreme Court")."""
    types: list[str] = Field(min_length=1)
    words: list[str] = []
    by: list[str] = []
    unless: list[str] = []
    not_with: list[str] = []

    @field_validator("types")
    @classmethod
    def _known_types(cls, types: list[str]) -> list[str]:
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise ValueError(f"unknown event type {unknown[0]!r}; one of: {', '.join(EVENT_TYPES)}")
        return types


class Deadline(Strict):
    """The time to file: `days` or `months` from `from_` (what starts the clock), under `basis`."""
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    days: int | None = Field(default=None, gt=0)
    months: int | None = Field(default=None, gt=0)
    from_: str = Field(alias="from", min_length=1, description="what starts the clock")
    basis: str = Field(min_length=1, description="the article or rule that sets the time")
    # The clock starts with the ruling on this earlier step of the same procedure, not with the
    # refusal just before (a supervisory complaint runs from the judgment's entry into force).
    after_step: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")

    @model_validator(mode="after")
    def _one_length(self) -> Deadline:
        if (self.days is None) == (self.months is None):
            raise ValueError("give either days or months")
        return self

    def text(self) -> str:
        length = f"{self.days} days" if self.days else f"{self.months} months"
        return f"within {length} of {self.from_} ({self.basis})"


class Step(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    actor: str = Field(min_length=1, description="who must act")
    basis: list[str] = []
    answer_days: int | None = Field(default=None, gt=0, description="expected time to an answer")
    file_within: Deadline | None = None
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
    # An international procedure open only against these States (empty: any State; see `notes`).
    parties: list[str] = []
    # A country's own procedure that takes the place of a generic one ("any") there.
    replaces: str | None = None
    legal_basis: list[str] = Field(min_length=1)
    # The texts the procedure was written from: article numbers and deadlines come from these.
    sources: list[str] = Field(min_length=1)
    # What a lawyer must know before filing (admissibility, caveats), in a sentence or two.
    notes: str = ""
    requires_exhaustion: bool = False
    # How this body's answers read, where "granted"/"rejected" would be wrong (a WGAD Opinion).
    outcome_labels: dict[Literal["granted", "rejected"], str] = {}
    # A petition, appeal or answer belongs to this remedy when its text has one of these.
    applies: list[str] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    # The remedies against a refusal: ids of other procedures, as a list (whoever refused) or
    # keyed by who refused (`any` and one of REFUSERS).
    after_refusal: dict[Literal["any", "court", "prosecutor", "administration"], list[str]] = {}
    source: str = Field(default="", exclude=True)

    @field_validator("after_refusal", mode="before")
    @classmethod
    def _list_is_any(cls, value):
        return {"any": value} if isinstance(value, list) else value

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
        for n, step in enumerate(self.steps):
            after = step.file_within.after_step if step.file_within else None
            if after is not None and after not in ids[:n]:
                raise ValueError(f"steps.{n}.file_within.after_step: {after!r} is no earlier step id")
        unreachable = [s.id for s in self.steps[1:] if s.id not in self.reachable()]
        if unreachable:
            raise ValueError(f"steps: step {unreachable[0]!r} is reached by no answer of an earlier step "
                             f"(leads_to)")
        return self

    def reachable(self) -> set[str]:
        """Step ids an answer can lead to from the first step."""
        seen, todo = {self.steps[0].id}, [self.steps[0]]
        by_id = {s.id: s for s in self.steps}
        while todo:
            for target in todo.pop().leads_to.values():
                if target in by_id and target not in seen:
                    seen.add(target)
                    todo.append(by_id[target])
        return seen

    def references(self) -> list[str]:
        """Ids of the other procedures this one leads to."""
        inside = [t.removeprefix("procedure:") for s in self.steps for t in s.leads_to.values()
                  if t.startswith("procedure:")]
        return list(dict.fromkeys([ref for refs in self.after_refusal.values() for ref in refs] + inside))

    def offers_for(self, refuser: str | None) -> list[str]:
        """Ids of the remedies against a refusal by `refuser` (one of REFUSERS): those for any
        refusal, then its own; when who refused is not known, every one of them."""
        kinds = ("any", refuser) if refuser else ("any", *REFUSERS)
        return list(dict.fromkeys(ref for kind in kinds for ref in self.after_refusal.get(kind, [])))

    def applies_to(self, country: str | None) -> bool:
        if self.jurisdiction in ("any", "international"):
            return not self.parties or any(_same_country(p, country) for p in self.parties)
        return _same_country(self.jurisdiction, country)


def _same_country(name: str, country: str | None) -> bool:
    """"Uzbekistan" is the country of "Karakalpakstan (Uzbekistan)" too."""
    if not country:
        return False
    inside = re.search(r"\(([^)]+)\)", country)
    return name.lower() in {country.lower(), inside[1].lower() if inside else ""}


def check_references(procedures: list[Procedure]) -> list[str]:
    """One line per reference to a procedure that does not exist."""
    ids = {p.id for p in procedures}
    return [f"{p.source}: after_refusal or leads_to names {ref!r}, which is no procedure id"
            for p in procedures for ref in p.references() if ref not in ids] + [
            f"{p.source}: replaces {p.replaces!r}, which is no procedure id"
            for p in procedures if p.replaces and p.replaces not in ids]


def for_country(procedures: list[Procedure], country: str | None) -> list[Procedure]:
    """The procedures open in `country`: its own, and generic ones no own procedure replaces."""
    open_ = [p for p in procedures if p.applies_to(country)]
    replaced = {p.replaces for p in open_ if p.replaces}
    return [p for p in open_ if p.id not in replaced]


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


@lru_cache(maxsize=1)
def shipped_files() -> list[tuple[str, str]]:
    """The procedures shipped in the package, read once per process (they change only with
    the installed package; the user's own are read again every time)."""
    folder = resources.files("habeas.remedies").joinpath("procedures")
    return tuple(sorted((f"procedures/{f.name}", f.read_text("utf-8"))
                        for f in folder.iterdir() if f.name.endswith(".yml")))


def user_files(home: Path | None) -> list[tuple[str, str]]:
    """The user's own procedures, `home`/procedures/*.yml (`home`: the settings' HABEAS_HOME
    as the entry point passes it; None: none)."""
    folder = home / "procedures" if home else None
    if folder is None or not folder.is_dir():
        return []
    return [(str(p), p.read_text("utf-8")) for p in sorted(folder.glob("*.yml"))]


def load_procedures(home: Path | None = None) -> list[Procedure]:
    """The shipped procedures, then the user's in `home`/procedures; a user file with a
    shipped id replaces it."""
    by_id: dict[str, Procedure] = {}
    for source, text in [*shipped_files(), *user_files(home)]:
        procedure = parse_procedure(text, source)
        by_id[procedure.id] = procedure
    return list(by_id.values())

