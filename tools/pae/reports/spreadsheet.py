"""CSV for spreadsheets: no cell runs as a formula, no value splits a row. Every export
meant for a spreadsheet writes its rows here (`pae statut --format csv` today)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

FORMULA = ("=", "+", "-", "@")
"""What makes a spreadsheet read a cell as a formula (`=HYPERLINK(…)` in a name)."""
SEPARATORS = ",;\t|"
"""Separators a spreadsheet may guess when it opens the file (French Excel uses `;`)."""
_QUOTED = f'"\r\n{SEPARATORS}'


def protect(value: str) -> str:
    """The cell as text: a `'` before a leading formula character, also when separators,
    spaces or line breaks come first (the file opened with another separator, or cut at
    a carriage return)."""
    if value.lstrip(f" \r\n{SEPARATORS}")[:1] in FORMULA or value[:1] in ("\t", "\r", "\n"):
        return f"'{value}"
    return value


def _field(value: str) -> str:
    if any(c in _QUOTED for c in value) or value != value.strip(" "):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(
    out: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]], separator: str = ","
) -> None:
    """Comma-separated rows, each cell protected; quoted when it holds a quote, a separator
    or a line break (CR included: Python's csv module leaves a bare CR unquoted), or starts
    or ends with a space."""
    for row in (header, *rows):
        out.write(separator.join(_field(protect(cell)) for cell in row) + "\n")
