"""`pae indicateurs`' formats: a text table, a spreadsheet table, JSON."""

from __future__ import annotations

import json
from typing import TextIO

from pae.campaign.indicators import Indicators, Line, as_json
from pae.labels import fr
from pae.reports.workbook import Table, Value


def cell(line: Line, column: str) -> Value:
    value = line.values.get(column)
    if line.rate:
        return None if value is None else round(float(value) * 100)
    return value


def shown(line: Line, column: str) -> str:
    value = cell(line, column)
    if value is None:
        return "—"
    return f"{value} %" if line.rate else str(value)


def table(ind: Indicators) -> Table:
    """For CSV, .xlsx and .ods: section, label, then one column per group (shares in %)."""
    headings = ["Rubrique", "Indicateur", *ind.columns]
    rows: list[list[Value]] = [
        [
            line.section,
            line.label + (" (%)" if line.rate else ""),
            *(cell(line, c) for c in ind.columns),
        ]
        for line in ind.lines
    ]
    rows.append(["Définition", ind.definition, *([None] * len(ind.columns))])
    return Table("Indicateurs", headings, rows)


def text(ind: Indicators, out: TextIO) -> None:
    scope = f"session {ind.session}, " if ind.session else ""
    out.write(f"Indicateurs du Parcours Ambition Emploi ({scope}au {fr(ind.today)})\n")
    width = max([len(line.label) for line in ind.lines] + [10]) + 2
    head = "".join(c.rjust(9) for c in ind.columns)
    section = None
    for line in ind.lines:
        if line.section != section:
            section = line.section
            out.write(f"\n{section}\n{'':{width}}{head}\n")
        values = "".join(shown(line, c).rjust(9) for c in ind.columns)
        out.write(f"  {line.label:{width - 2}}{values}\n")
    out.write(f"\n{ind.definition}\n")


def as_json_text(ind: Indicators, out: TextIO) -> None:
    json.dump(as_json(ind), out, ensure_ascii=False, indent=2)
    out.write("\n")
