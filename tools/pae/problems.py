"""What validation and alerts report: a coded problem at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import groupby
from pathlib import Path

from pae import load
from pae.labels import ACTORS
from pae.load import Path_


class Severity(StrEnum):
    ERROR = "erreur"
    ALERT = "alerte"


class Actor(StrEnum):
    """Who must act on an alert or a deadline."""

    CHEF = "chef_etablissement"
    REFERENT = "referent"
    CONSEILLER = "conseiller_ml"

    @property
    def label(self) -> str:
        return ACTORS[self.value]


@dataclass
class Problem:
    """One error (E1–E9) or alert (A1–A11) in one file, with where and how to fix it."""

    code: str
    file: str
    """Path relative to the repository root, with forward slashes."""
    message: str
    path: Path_ = ()
    hint: str | None = None
    on_key: bool = False
    """Point at the key rather than the value (unknown or duplicate keys)."""
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    actor: Actor | None = None
    due: date | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line or 1}:{self.column or 1}"

    @property
    def field_path(self) -> str:
        """Dotted field path, e.g. `parcours.actions[0].debut`."""
        out = ""
        for step in self.path:
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
        return out

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


def fill_positions(root: Path, problems: list[Problem]) -> None:
    """Give a line and column to problems that have none, reading each file once."""
    pending = [p for p in problems if p.line is None]
    pending.sort(key=lambda p: p.file)
    for file, group in groupby(pending, key=lambda p: p.file):
        try:
            text = load.read_text(root / file)
        except load.LoadError:
            continue
        for p in group:
            try:
                p.line, p.column = load.locate(text, p.path, p.on_key)
            except Exception:
                p.line, p.column = 1, 1
