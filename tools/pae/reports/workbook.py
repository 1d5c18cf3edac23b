"""Tables for spreadsheets: CSV as French Excel opens it by double-click (`;`, UTF-8 with a
BOM, dates JJ/MM/AAAA), .xlsx and .ods; no cell ever runs as a formula."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from pae.labels import fr
from pae.reports.spreadsheet import protect, write_csv

Value = str | int | float | bool | date | None


@dataclass(frozen=True)
class Table:
    title: str
    """The sheet's name (31 characters at most in .xlsx)."""
    headings: Sequence[str]
    rows: Sequence[Sequence[Value]]


def cell_text(value: Value) -> str:
    """A value as a French spreadsheet shows it: 30/09/2026, oui, 12,5."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date):
        return fr(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def to_csv(table: Table) -> bytes:
    """`;`-separated, UTF-8 with a BOM (French Excel guesses the encoding from it)."""
    out = io.StringIO()
    rows = [[cell_text(v) for v in row] for row in table.rows]
    write_csv(out, list(table.headings), rows, separator=";")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table, out: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = table.title[:31]
    sheet.append([protect(h) for h in table.headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(v) for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    book.save(out)


def _xlsx_value(value: Value) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        return protect(value)
    return value


def to_ods(table: Table, out: BinaryIO) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table as OdsTable
    from odf.table import TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    sheet = OdsTable(name=table.title)
    for row in [list(table.headings), *table.rows]:
        line = TableRow()
        for value in row:
            line.addElement(_ods_cell(value, TableCell, P))
        sheet.addElement(line)
    doc.spreadsheet.addElement(sheet)
    doc.write(out)


def _ods_cell(value: Value, cell_type: type, paragraph: type) -> object:
    if value is None:
        return cell_type()
    if isinstance(value, bool | str):
        text = cell_text(value) if isinstance(value, bool) else protect(value)
        cell = cell_type(valuetype="string")
    elif isinstance(value, date):
        cell, text = cell_type(valuetype="date", datevalue=value.isoformat()), fr(value)
    else:
        cell, text = cell_type(valuetype="float", value=value), cell_text(value)
    cell.addElement(paragraph(text=text))
    return cell


def _in_memory(write: Callable[[Table, BinaryIO], None]) -> Callable[[Table], bytes]:
    def written(table: Table) -> bytes:
        out = io.BytesIO()
        write(table, out)
        return out.getvalue()

    return written


SHEETS: dict[str, Callable[[Table], bytes]] = {
    "csv": to_csv,
    "xlsx": _in_memory(to_xlsx),
    "ods": _in_memory(to_ods),
}
"""The spreadsheet formats, by the name of `--format`."""
SPREADSHEETS = tuple(SHEETS)


def render(table: Table, fmt: str) -> bytes:
    """The table as a file of this format (csv, xlsx, ods)."""
    return SHEETS[fmt](table)
