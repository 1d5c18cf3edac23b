"""What validation and alerts report: a coded problem at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pae.codes import Actor, Code, Severity

Path_ = tuple[str | int, ...]
"""A path inside a document, e.g. ("parcours", "actions", 0, "debut")."""


@dataclass
class Problem:
    """One error (E), warning (W) or alert (A) in one file, with where and how to fix it."""

    code: Code
    file: str
    """Path relative to the repository root, with forward slashes."""
    message: str
    path: Path_ = ()
    hint: str | None = None
    on_key: bool = False
    """Point at the key rather than the value (unknown or duplicate keys)."""
    line: int | None = None
    column: int | None = None
    severity: Severity | None = None
    """The code's own severity unless given."""
    actor: Actor | None = None
    due: date | None = None
    end_column: int | None = None
    """The column after the value (or key) pointed at, on the same line: code scanning
    underlines from `column` to there."""
    more: int = 0
    """How many more problems of its kind this one stands for (« … et 1 950 autres »)."""

    def __post_init__(self) -> None:
        self.code = Code(self.code)
        if self.severity is None:
            self.severity = self.code.severity

    @property
    def weight(self) -> int:
        """How many problems this one counts for (itself and those it stands for)."""
        return 1 + self.more

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    @property
    def is_alert(self) -> bool:
        return self.severity is Severity.ALERT

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

    def sort_key(self) -> tuple[str, int, int, tuple[str, int]]:
        return (self.file, self.line or 0, self.column or 0, self.code.order)

    def as_dict(self) -> dict[str, object]:
        """The one JSON shape of a problem, for every command and format."""
        return {
            "code": self.code.value,
            "gravite": (self.severity or self.code.severity).value,
            "fichier": self.file,
            "ligne": self.line,
            "colonne": self.column,
            "champ": self.field_path,
            "message": self.message,
            "aide": self.hint,
            "qui": self.actor.value if self.actor else None,
            "echeance": self.due.isoformat() if self.due else None,
        }
