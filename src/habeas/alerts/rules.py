"""Alert rules: the shipped defaults (rules.yml) with the user's overrides by rule id."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from habeas.errors import HabeasError
from habeas.remedies.procedures import first_error


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1)
    enabled: bool = True


class NoNews(Rule):
    days: int = Field(gt=0)


class UnansweredPetition(Rule):
    days: int = Field(gt=0)


class FilingDeadline(Rule):
    within_days: int = Field(gt=0)


class SentenceEnd(Rule):
    # Words that make a later sentence a term served after the earlier one ("an additional
    # six months", «ещё десять лет»); without them a later sentence restates the same term.
    consecutive: list[str] = []


class SeriousHealth(Rule):
    within_days: int = Field(gt=0)
    types: list[str]
    always: list[str] = []
    words: list[str]


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    no_news: NoNews
    unanswered_petition: UnansweredPetition
    serious_health: SeriousHealth
    sentence_end: SentenceEnd
    filing_deadline: FilingDeadline
    watched_report: Rule


def _read(text: str, source: str) -> dict:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise HabeasError(f"{source}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise HabeasError(f"{source}: a mapping of rule ids to their settings is expected")
    return data


def load_rules(home: Path | None = None, **overrides: dict) -> Rules:
    """Defaults, then the user's `home`/alerts.yml (`home`: the settings' HABEAS_HOME as the
    entry point passes it; None: none), then `overrides` (rule id -> settings)."""
    data = _read(resources.files("habeas.alerts").joinpath("rules.yml").read_text("utf-8"), "rules.yml")
    user_file = home / "alerts.yml" if home else None
    layers = [(str(user_file), _read(user_file.read_text("utf-8"), str(user_file)))] \
        if user_file is not None and user_file.is_file() else []
    layers.append(("overrides", overrides))
    rules = _validated(data, "rules.yml")
    for source, layer in layers:
        for rule_id, settings in layer.items():
            if not isinstance(settings, dict):
                raise HabeasError(f"{source}: {rule_id}: a mapping of settings is expected")
            data[rule_id] = {**data.get(rule_id, {}), **settings}
        rules = _validated(data, source)
    return rules


def _validated(data: dict, source: str) -> Rules:
    try:
        return Rules.model_validate(data)
    except ValidationError as exc:
        raise HabeasError(f"{source}: {first_error(exc)}") from None
