"""`pae exporter`: one row per dossier, for a spreadsheet or a machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from pae.campaign.export import IDENTITY, export
from pae.cli.commands.common import invalid_warning
from pae.cli.commands.tables import deliver, format_of
from pae.errors import UsageError
from pae.programme.status import Filters
from pae.reports.formats import EXPORT_FORMATS
from pae.repository import statuses


@dataclass
class Options:
    root: Path
    today: date
    output: Path | None = None
    format: str | None = None
    etablissement: str | None = None
    session: int | None = None
    pseudonymise: bool = False
    dossier: str | None = None


def run(opts: Options, stdout: BinaryIO, err: TextIO) -> int:
    whole = bool(opts.dossier) and not opts.pseudonymise  # the right of access: every field
    loaded = statuses(opts.root, opts.today, keep_raw=True if whole else IDENTITY)
    if warning := invalid_warning(loaded.invalid_files):
        err.write(warning + "\n")
    filters = Filters(opts.etablissement)
    if message := filters.unknown(loaded.context):
        raise UsageError(message)
    chosen = [
        st
        for st in loaded.statuses
        if filters.keeps(st)
        and (opts.session is None or st.dossier.session == opts.session)
        and (opts.dossier is None or st.dossier.id == opts.dossier)
    ]
    if opts.dossier and not chosen:
        raise UsageError(f"dossier « {opts.dossier} » introuvable (ou invalide : pae valider)")
    key = loaded.context.settings.cle_pseudonymes or ""
    if opts.pseudonymise and not key:
        raise UsageError(
            "aucune clé de pseudonymisation : ajouter confidentialite.cle_pseudonymes dans "
            "records/parametres.yaml (une longue suite de caractères tirée au hasard)"
        )
    rows = export(chosen, loaded.context, opts.pseudonymise, key, opts.session, records=whole)
    fmt = format_of(opts.format, opts.output, "csv")
    data = EXPORT_FORMATS[fmt](rows)
    written = deliver(data, fmt, opts.output, stdout)
    if written:
        err.write(f"Export écrit : {written} ({len(chosen)} dossier(s)).\n")
    return 0
