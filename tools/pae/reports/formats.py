"""The output formats of every command that prints results: one registry per command,
one function per format. A command picks its formatter here by the name of `--format`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from pae.reports import deadlines, forge, status, validation
from pae.reports.deadlines import DeadlineView
from pae.reports.status import StatusView
from pae.repository import ValidationResult

VALIDATION_FORMATS: dict[str, Callable[[ValidationResult, TextIO], None]] = {
    "texte": validation.text,
    "json": validation.as_json,
    "gitlab": forge.gitlab,
    "junit": forge.junit,
    "github": forge.github,
    "sarif": forge.sarif,
}
STATUS_FORMATS: dict[str, Callable[[StatusView, TextIO], None]] = {
    "texte": status.text,
    "csv": status.as_csv,
    "json": status.as_json,
}
DEADLINE_FORMATS: dict[str, Callable[[DeadlineView, TextIO], None]] = {
    "texte": deadlines.text,
    "json": deadlines.as_json,
}
