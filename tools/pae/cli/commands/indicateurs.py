"""`pae indicateurs`: the figures for the rectorat, as a table."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from pae.campaign.aggregate import Rows, aggregate
from pae.campaign.export import FORMAT_VERSION, IDENTITY
from pae.campaign.indicators import Indicators, indicators
from pae.cli.commands.common import invalid_warning
from pae.cli.commands.tables import deliver, format_of
from pae.errors import UsageError
from pae.programme.status import Filters
from pae.reports import indicators as formats
from pae.reports.workbook import Table, render
from pae.repository import statuses


@dataclass
class Options:
    root: Path
    today: date
    output: Path | None = None
    format: str | None = None
    etablissement: str | None = None
    session: int | None = None
    sources: list[Path] | None = None
    """`pae agreger`: the files to combine instead of the repository."""


def run(opts: Options, stdout: BinaryIO, err: TextIO) -> int:
    result = _combined(opts) if opts.sources is not None else _computed(opts, err)
    fmt = format_of(opts.format, opts.output, "texte")
    if isinstance(result, Rows):
        if fmt in ("texte", "json"):
            fmt = "csv" if fmt == "texte" else fmt
        table = Table("Dossiers", result.headings, result.labelled())
        data = render(table, fmt) if fmt != "json" else _rows_json(result)
    elif fmt == "texte":
        text = io.StringIO()
        formats.text(result, text)
        data = text.getvalue().encode("utf-8")
    elif fmt == "json":
        text = io.StringIO()
        formats.as_json_text(result, text)
        data = text.getvalue().encode("utf-8")
    else:
        data = render(formats.table(result), fmt)
    written = deliver(data, fmt, opts.output, stdout)
    if written:
        err.write(f"Fichier écrit : {written}.\n")
    return 0


def _computed(opts: Options, err: TextIO) -> Indicators:
    loaded = statuses(opts.root, opts.today, keep_raw=IDENTITY)
    if warning := invalid_warning(loaded.invalid_files):
        err.write(warning + "\n")
    filters = Filters(opts.etablissement)
    if message := filters.unknown(loaded.context):
        raise UsageError(message)
    chosen = [
        st
        for st in loaded.statuses
        if filters.keeps(st) and (opts.session is None or st.dossier.session == opts.session)
    ]
    return indicators(chosen, loaded.context, opts.session)


def _combined(opts: Options) -> Rows | Indicators:
    return aggregate(opts.sources or [])


def _rows_json(rows: Rows) -> bytes:
    payload = {
        "format": "pae-export",
        "version": FORMAT_VERSION,
        "session": rows.session,
        "pseudonymise": True,
        "lignes": [dict(zip(rows.keys, row, strict=True)) for row in rows.rows],
    }
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
