"""`pae valider`: errors and warnings of the reference data and the dossiers."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from pae.errors import UsageError
from pae.files import write_atomically
from pae.reports.formats import VALIDATION_FORMATS
from pae.repository import validate


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
    """Also report the alerts of the checked dossiers (`--alertes`); they never fail."""
    strict: bool = False
    """Warnings fail like errors (`--strict`)."""


def report_files(specs: list[str]) -> list[tuple[str, Path]]:
    """`FORMAT:FICHIER` pairs of `--rapport`, checked before anything is validated."""
    pairs = []
    for spec in specs:
        fmt, sep, name = spec.partition(":")
        if not sep or not name or fmt not in VALIDATION_FORMATS:
            raise UsageError(
                f"--rapport « {spec} » : FORMAT:FICHIER attendu, FORMAT parmi "
                f"{', '.join(sorted(VALIDATION_FORMATS))}"
            )
        pairs.append((fmt, Path(name)))
    return pairs


def run(opts: Options, out: TextIO) -> int:
    files = report_files(opts.reports)
    result = validate(
        opts.root, opts.today, opts.paths, opts.since, opts.jobs, opts.alerts, opts.strict
    )
    VALIDATION_FORMATS[opts.format](result, out)
    for fmt, path in files:
        text = io.StringIO()
        VALIDATION_FORMATS[fmt](result, text)
        write_atomically(path, text.getvalue().encode("utf-8"))
    return 0 if result.ok else 1
