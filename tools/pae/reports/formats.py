"""The output formats of every command that prints results: one registry per command,
one function per format. A command picks its formatter here by the name of `--format`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from pae.reports import deadlines, forge, status, validation
from pae.reports.deadlines import DeadlineView
from pae.reports.status import StatusView
from pae.reports.workbook import SHEETS, Table, Value, render
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


class Exported(Protocol):
    """Rows for a spreadsheet (French headings and labels) and for a machine (JSON, codes):
    `campaign.export.Export`."""

    def headings(self) -> list[str]: ...
    def labelled(self) -> list[list[Value]]: ...
    def as_json(self) -> dict[str, Any]: ...


def _sheet(fmt: str) -> Callable[[Exported], bytes]:
    return lambda rows: render(Table("Dossiers", rows.headings(), rows.labelled()), fmt)


def _json(rows: Exported) -> bytes:
    return (json.dumps(rows.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


EXPORT_FORMATS: dict[str, Callable[[Exported], bytes]] = {
    **{fmt: _sheet(fmt) for fmt in SHEETS},
    "json": _json,
}
"""`pae exporter`: csv (French Excel), xlsx, ods (labels), json (codes)."""
