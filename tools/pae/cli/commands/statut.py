"""`pae statut`: one line per dossier, or one dossier as a case worker's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from pae.cli.commands.common import invalid_warning
from pae.errors import DataError, UsageError
from pae.programme.status import DossierStatus, Filters
from pae.records.positions import fill_positions
from pae.reports.formats import STATUS_FORMATS
from pae.reports.status import StatusView
from pae.repository import statuses


@dataclass
class Options:
    root: Path
    today: date
    ident: str | None = None
    etablissement: str | None = None
    referent: str | None = None
    etapes: tuple[str, ...] = ()
    alertes_seulement: bool = False
    format: str = "texte"
    color: bool = False
    conseiller: str | None = None
    width: int = 100
    """The terminal's columns: the table fits them."""


def run(opts: Options, out: TextIO, err: TextIO) -> int:
    loaded = statuses(opts.root, opts.today)
    if warning := invalid_warning(loaded.invalid_files):
        err.write(warning + "\n")
    if opts.ident:
        chosen = [_one(opts.ident, loaded.statuses, loaded.invalid_files)]
    else:
        filters = Filters(opts.etablissement, opts.referent, opts.conseiller)
        if message := filters.unknown(loaded.context):
            raise UsageError(message)
        chosen = [st for st in loaded.statuses if filters.keeps(st) and _keep(st, opts)]
    if opts.format == "json" or opts.ident:  # the lines the alerts point at
        fill_positions(opts.root, [a for st in chosen for a in st.alertes])
    view = StatusView(
        loaded.context, chosen, single=bool(opts.ident), color=opts.color, width=opts.width
    )
    STATUS_FORMATS[opts.format](view, out)
    return 0


def _one(ident: str, found: list[DossierStatus], invalid: list[str]) -> DossierStatus:
    st = next((s for s in found if s.dossier.id == ident), None)
    if st is not None:
        return st
    broken = [f for f in invalid if Path(f).stem == ident]
    if broken:
        raise DataError(
            f"le dossier « {ident} » a des erreurs ({broken[0]}) : "
            "lancer « pae valider » pour les voir et les corriger"
        )
    close = [s.dossier.id for s in found if ident in s.dossier.id][:5]
    hint = f" ; dossiers proches : {', '.join(close)}" if close else ""
    raise UsageError(f"dossier « {ident} » introuvable{hint}")


def _keep(st: DossierStatus, opts: Options) -> bool:
    if opts.etapes and st.etape.value not in opts.etapes:
        return False
    return not (opts.alertes_seulement and not st.alertes)
