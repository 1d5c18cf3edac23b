"""The library's entry points: load a repository, validate it, compute statuses as of a date.

Commands, the site, the tests and a user's own script all start here:

    import pae
    result = pae.validate(Path("."), date(2026, 10, 15))
    for st in pae.statuses(Path("."), date(2026, 10, 15)).statuses: ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby
from pathlib import Path

from pae.errors import UsageError
from pae.forge import changes, codeowners
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.rules import check_network
from pae.programme.status import DossierStatus, dossier_status, network_status
from pae.records.network import Network
from pae.records.positions import fill_positions
from pae.records.reading import load_network, require_records
from pae.records.settings import Settings


@dataclass
class ValidationResult:
    """Every problem of every checked file, collected before anything is reported."""

    checked: list[str]
    problems: list[Problem] = field(default_factory=list)
    strict: bool = False
    """Warnings fail like errors (`pae valider --strict`)."""
    root: Path | None = None
    """The repository, for reports that read the files again (SARIF's line hashes)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.is_warning]

    @property
    def alerts(self) -> list[Problem]:
        return [p for p in self.problems if p.is_alert]

    @property
    def ok(self) -> bool:
        """No error, and no warning either when strict; alerts never fail."""
        return not self.errors and not (self.strict and self.warnings)

    def ordered(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)

    def by_file(self) -> list[tuple[str, list[Problem]]]:
        return [(f, list(g)) for f, g in groupby(self.ordered(), key=lambda p: p.file)]


def validate(
    root: Path,
    today: date,
    paths: Sequence[Path] = (),
    since: str | None = None,
    jobs: int | None = None,
    alerts: bool = False,
    strict: bool = False,
) -> ValidationResult:
    """Errors and warnings on the whole repository, on `paths`, or on what changed since a
    git reference; with `alerts`, the alerts of the checked dossiers too; with `strict`,
    warnings make the result invalid."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"chemin introuvable : {', '.join(missing)}")
    require_records(root)
    scope = changes.scope(root, list(paths), since)
    if scope.paths == [] and not scope.codeowners:
        return ValidationResult([], strict=strict)
    loaded = load_network(root, scope.paths, jobs, keep_raw=False)
    if paths and not loaded.checked:
        shown = ", ".join(str(p) for p in paths)
        raise UsageError(
            f"aucun fichier de {root / 'records'} dans {shown} : indiquer des chemins "
            "sous records/ (relatifs au dossier courant)"
        )
    checked = set(loaded.checked)
    ctx = Context(loaded.network, loaded.settings, today)
    chosen = [d for d in loaded.network.dossiers if d.file in checked]
    problems = loaded.problems + [p for p in check_network(ctx, chosen) if p.file in checked]
    if alerts:
        problems += [a for d in chosen for a in dossier_status(d, ctx).alertes]
    if scope.codeowners:
        problems += codeowners.stale(root, loaded.network, loaded.settings)
    fill_positions(root, problems)
    return ValidationResult(loaded.checked, problems, strict, root)


@dataclass
class Usable:
    """The records every view shows: without the files that have errors."""

    network: Network
    settings: Settings
    invalid_files: list[str]


def usable(root: Path, today: date) -> Usable:
    """Load the records and set aside every file with an error (warnings keep it in).

    Seen as of `today`, an event dated later has not happened yet: it is not an error here
    (it is one for `pae valider`), so `statut`, `echeances` and the site show the same
    dossiers whatever the reference date.
    """
    require_records(root)
    loaded = load_network(root)
    ctx = Context(loaded.network, loaded.settings, today, future_events_are_errors=False)
    problems = loaded.problems + check_network(ctx)
    invalid = sorted({p.file for p in problems if p.is_error})
    bad = set(invalid)
    network = replace(
        loaded.network, dossiers=[d for d in loaded.network.dossiers if d.file not in bad]
    )
    return Usable(network, loaded.settings, invalid)


@dataclass
class Statuses:
    """Every usable dossier's status as of a date, and the files left out."""

    context: Context
    statuses: list[DossierStatus]
    invalid_files: list[str]

    def of(self, ident: str) -> DossierStatus | None:
        return next((st for st in self.statuses if st.dossier.id == ident), None)


def statuses(root: Path, today: date) -> Statuses:
    """Load, set aside the invalid files, and compute every status as of `today`."""
    found = usable(root, today)
    ctx = Context(found.network, found.settings, today)
    return Statuses(ctx, network_status(ctx), found.invalid_files)
