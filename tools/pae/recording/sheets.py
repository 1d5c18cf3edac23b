"""Rows of a school's export: CSV as French Excel writes it, or an .xlsx / .ods workbook."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from pae.errors import UsageError

SEPARATORS = ";,\t"
ENCODINGS = ("utf-8-sig", "cp1252")
"""French Excel saves CSV in UTF-8 (with a BOM) or in Windows-1252; try them in order."""
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")

Cell = str | date


@dataclass(frozen=True)
class Row:
    number: int
    """The line number a spreadsheet shows (the header is line 1)."""
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[Row]
    encoding: str | None = None
    """The CSV's encoding, as detected (None for a workbook)."""


def read_sheet(path: Path) -> Sheet:
    """The header line and the rows of a CSV file or of a workbook's first sheet."""
    if not path.is_file():
        raise UsageError(f"fichier introuvable : {path}")
    if path.suffix.lower() in WORKBOOKS:
        return _workbook(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise UsageError(
            f"{path.name} : format non reconnu ; fichiers acceptés : .csv, .xlsx, .ods"
        )
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _csv(text, encoding)
    raise UsageError(f"{path.name} : encodage illisible (ni UTF-8 ni Windows-1252)")


def _csv(text: str, encoding: str) -> Sheet:
    lines = text.splitlines()
    if not lines:
        raise UsageError("fichier vide : une ligne d'en-têtes est attendue")
    first = lines[0]
    # The separator is the one the header line uses most (French Excel: « ; »).
    separator = max(SEPARATORS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    table = list(reader)
    headers = [h.strip() for h in table[0]]
    rows = [
        Row(n, dict(zip(headers, (c.strip() for c in cells), strict=False)))
        for n, cells in enumerate(table[1:], start=2)
        if any(c.strip() for c in cells)
    ]
    return Sheet(headers, rows, encoding)


def _workbook(path: Path) -> Sheet:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        table = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # the library's own errors: a damaged or protected file
        raise UsageError(f"{path.name} : classeur illisible ({type(exc).__name__})") from None
    if not table:
        raise UsageError(f"{path.name} : première feuille vide")
    headers = [_text(h) for h in table[0]]
    rows = [
        Row(n, {h: _cell(c) for h, c in zip(headers, cells, strict=False) if h})
        for n, cells in enumerate(table[1:], start=2)
        if any(_text(c) for c in cells)
    ]
    return Sheet(headers, rows)


def _cell(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _text(value)


def _text(value: object) -> str:
    if value is None or isinstance(value, time):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an INE or a year typed as a number
    return str(value).strip()


def normal(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: how headings and values compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def find_columns(
    headers: list[str],
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    command: str,
    what: str = "",
) -> dict[str, str]:
    """Field → the heading it is found under: a heading in `columns[field]` (normalised
    names, the first one documented), each heading serving one field. A required field
    missing is a usage error naming it, the expected heading and the file's headings."""
    found: dict[str, str] = {}
    for heading in headers:
        key = normal(heading)
        for name, aliases in columns.items():
            if key in aliases and name not in found and heading not in found.values():
                found[name] = heading
    missing = [name for name in required if name not in found]
    if missing:
        expected = "; ".join(f"{name} : « {columns[name][0]} »" for name in missing)
        shown = ", ".join(f"« {h} »" for h in headers if h) or "aucun"
        raise UsageError(
            f"{what}colonnes obligatoires introuvables — {expected} (en-têtes du fichier : "
            f"{shown}) ; voir « {command} --help » pour les noms acceptés"
        )
    return found
