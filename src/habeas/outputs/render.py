"""Jinja2 environment of the output templates (templates/), with the filters they share."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, ChainableUndefined, select_autoescape

from habeas.outputs.casefile import where
from habeas.outputs.inert import markdown_text, web_url
from habeas.remedies.periods import span_text
from habeas.store.views import fact_text


def attrs_text(attrs: dict) -> str:
    shown = []
    for key, value in (attrs or {}).items():
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, list):
            value = "; ".join(fact_text(v) for v in value)
        elif isinstance(value, dict):
            value = fact_text(value)
        shown.append(f"{key}: {value}")
    return ", ".join(shown)


@lru_cache(maxsize=2)
def environment(autoescape: bool) -> Environment:
    env = Environment(loader=PackageLoader("habeas.outputs", "templates"), undefined=ChainableUndefined,
                      autoescape=select_autoescape(["html"]) if autoescape else False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(attrs=attrs_text, span=span_text, where=where, fact=fact_text, weblink=web_url)
    return env


def render(template: str, **context) -> str:
    """A template filled in. HTML escapes every value (and links only what `weblink` lets
    through); Markdown gets every string of the context escaped (habeas.outputs.inert)."""
    if template.endswith(".md"):
        context = markdown_text(context)
    return environment(template.endswith(".html")).get_template(template).render(**context)
