"""`pae valider`: rules E1–E9 on the reference data and the dossiers."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from pae import changes, codeowners, rules
from pae.commands.common import write_atomically
from pae.errors import UsageError
from pae.network import load_network, require_records
from pae.problems import fill_positions
from pae.report import REPORTERS, Result
from pae.status import Core, dossier_status


@dataclass
class Options:
    root: Path
    today: date
    paths: list[Path] = field(default_factory=list)
    format: str = "texte"
    jobs: int | None = None
    since: str | None = None
    """Git reference: check only what changed since (`--depuis`)."""
    reports: list[str] = field(default_factory=list)
    """Extra reports, each `FORMAT:FICHIER` (`--rapport`)."""
    alerts: bool = False
    """Also report the alerts A1–A11 of the checked dossiers, as warnings (`--alertes`)."""


def validate(opts: Options) -> Result:
    """Load, check every rule, and position every problem."""
    missing = [str(p) for p in opts.paths if not p.exists()]
    if missing:
        raise UsageError(f"chemin introuvable : {', '.join(missing)}")
    require_records(opts.root)
    scope = changes.scope(opts.root, opts.paths, opts.since)
    if scope.paths == [] and not scope.codeowners:
        return Result([])
    loaded = load_network(opts.root, scope.paths, opts.jobs)
    if opts.paths and not loaded.checked:
        shown = ", ".join(str(p) for p in opts.paths)
        raise UsageError(
            f"aucun fichier de {opts.root / 'records'} dans {shown} : indiquer des chemins "
            "sous records/ (relatifs au dossier courant)"
        )
    checked = set(loaded.checked)
    ctx = rules.Context(loaded.network, loaded.settings, opts.today)
    chosen = [d for d in loaded.network.dossiers if d.file in checked]
    problems = loaded.problems + [p for p in rules.check_network(ctx, chosen) if p.file in checked]
    if opts.alerts:
        core = Core(loaded.network, loaded.settings, opts.today)
        problems += [a for d in chosen for a in dossier_status(d, core).alertes]
    if scope.codeowners:
        problems += codeowners.stale(opts.root, loaded.network, loaded.settings)
    fill_positions(opts.root, problems)
    return Result(loaded.checked, problems)


def report_files(specs: list[str]) -> list[tuple[str, Path]]:
    """`FORMAT:FICHIER` pairs of `--rapport`, checked before anything is validated."""
    pairs = []
    for spec in specs:
        fmt, sep, name = spec.partition(":")
        if not sep or not name or fmt not in REPORTERS:
            raise UsageError(
                f"--rapport « {spec} » : FORMAT:FICHIER attendu, FORMAT parmi "
                f"{', '.join(sorted(REPORTERS))}"
            )
        pairs.append((fmt, Path(name)))
    return pairs


def run(opts: Options, out: TextIO) -> int:
    files = report_files(opts.reports)
    result = validate(opts)
    REPORTERS[opts.format](result, out)
    for fmt, path in files:
        text = io.StringIO()
        REPORTERS[fmt](result, text)
        write_atomically(path, text.getvalue().encode("utf-8"))
    return 0 if result.ok else 1
