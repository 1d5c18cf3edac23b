"""`pae valider`: rules E1–E9 on the reference data and the dossiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from pae import rules
from pae.errors import UsageError
from pae.network import load_network
from pae.problems import fill_positions
from pae.report import REPORTERS, Result


@dataclass
class Options:
    root: Path
    today: date
    paths: list[Path] = field(default_factory=list)
    format: str = "texte"
    jobs: int | None = None


def validate(opts: Options) -> Result:
    """Load, check every rule, and position every problem."""
    missing = [str(p) for p in opts.paths if not p.exists()]
    if missing:
        raise UsageError(f"chemin introuvable : {', '.join(missing)}")
    if not (opts.root / "records").is_dir():
        raise UsageError(
            f"pas de dossier records/ dans {opts.root} : lancer la commande à la racine "
            "du dépôt, ou indiquer --depot CHEMIN"
        )
    loaded = load_network(opts.root, opts.paths or None, opts.jobs)
    checked = set(loaded.checked)
    ctx = rules.Context(loaded.network, loaded.settings, opts.today)
    chosen = [d for d in loaded.network.dossiers if d.file in checked]
    problems = loaded.problems + [p for p in rules.check_network(ctx, chosen) if p.file in checked]
    fill_positions(opts.root, problems)
    return Result(loaded.checked, problems)


def run(opts: Options, out: TextIO) -> int:
    result = validate(opts)
    REPORTERS[opts.format](result, out)
    return 0 if result.ok else 1
