"""The template environment: every `{{ value }}` is escaped unless our code marked it safe."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from pae import labels as lb
from pae.labels import fr, plural
from pae.site.escape import Markup, finalize, html_escape, md_escape

TEMPLATES = Path(__file__).parent / "templates"


def long_date(day: date | None) -> str:
    """`lundi 5 octobre 2026`."""
    return lb.fr_long(day) if day else "—"


def short_date(day: date | None) -> str:
    return fr(day) if day else "—"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)} %"


def days(value: float | None) -> str:
    if value is None:
        return "—"
    n = round(value, 1)
    text = f"{n:g}".replace(".", ",")
    return f"{text} jour" if n <= 1 else f"{text} jours"


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def front_matter_title(text: str) -> Markup:
    """A YAML string for a page title: HTML-escaped, since themes print titles unescaped."""
    return Markup(json.dumps(html_escape(text), ensure_ascii=False))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown, not HTML: `finalize` escapes for both at once
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        fr=short_date,
        long=long_date,
        pct=percent,
        days=days,
        e=lambda value: Markup(md_escape(value)),
        fm_title=front_matter_title,
        first_upper=first_upper,
        label=lambda key, table: lb.label(getattr(lb, table), key),
        labels=lambda keys, table: lb.labels(getattr(lb, table), keys),
    )
    env.globals.update(plural=plural, lb=lb)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
