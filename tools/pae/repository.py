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

from pae.codes import Code
from pae.errors import UsageError
from pae.forge import changes, codeowners
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.rules import check_network, check_partial
from pae.programme.status import DossierStatus, dossier_status, network_status
from pae.records.dossier import KeepRaw
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
    problems += check_partial(ctx, loaded.partial, loaded.problems)
    if alerts:
        problems += [a for d in chosen for a in dossier_status(d, ctx).alertes]
    if scope.codeowners:
        problems += codeowners.stale(root, loaded.network, loaded.settings)
    fill_positions(root, problems)
    return ValidationResult(loaded.checked, problems, strict, root)


SET_ASIDE: dict[Code, tuple[str, ...] | None] = {Code.E2: ("etablissement",), Code.E3: None}
"""Rule errors that keep a dossier out of the views, as a schema error does (code → the
field concerned, None for any): a lycée that does not exist (E2 on `etablissement`), an
identifier or a place that collides (E3: its page, its lycée's lists). A dossier failing
only other rules stays in, its errors shown with it (`DossierStatus.errors`): also a
mistyped référent, conseiller, mission locale, structure or action (E2 on another field),
which the views show as not designated or unknown."""


def sets_aside(p: Problem) -> bool:
    """Whether this error keeps its dossier out of the views (`SET_ASIDE`)."""
    return p.code in SET_ASIDE and SET_ASIDE[p.code] in (None, p.path)


@dataclass
class Usable:
    """The records every view shows: without the files that fail their schema or that
    refer to nothing (warnings keep a file in)."""

    network: Network
    settings: Settings
    invalid_files: list[str]
    """The files set aside (the views count them and send to `pae valider`)."""
    errors: dict[str, list[Problem]] = field(default_factory=dict)
    """The rule errors of the dossiers kept in the views, by file."""


def usable(root: Path, today: date, keep_raw: KeepRaw = True) -> Usable:
    """Load the records and set aside every file with a schema error, and every dossier
    with an error of `SET_ASIDE`; a dossier failing only other rules stays, with its
    errors (`errors`). `keep_raw`: see `load_network`.

    Seen as of `today`, an event dated later has not happened yet: it is not an error here
    (it is one for `pae valider`), so `statut`, `echeances` and the site show the same
    dossiers whatever the reference date.
    """
    require_records(root)
    loaded = load_network(root, keep_raw=keep_raw)
    ctx = Context(loaded.network, loaded.settings, today, future_events_are_errors=False)
    problems = loaded.problems + check_network(ctx)
    dossiers = {d.file for d in loaded.network.dossiers}
    errors: dict[str, list[Problem]] = {}
    bad: set[str] = set()
    for p in problems:
        if not p.is_error:
            continue
        if p.file in dossiers and not sets_aside(p):
            errors.setdefault(p.file, []).append(p)
        else:
            bad.add(p.file)
    network = replace(
        loaded.network, dossiers=[d for d in loaded.network.dossiers if d.file not in bad]
    )
    kept = {f: e for f, e in errors.items() if f not in bad}
    return Usable(network, loaded.settings, sorted(bad), kept)


def with_errors(statuses: list[DossierStatus], found: Usable) -> list[DossierStatus]:
    """Each status with the rule errors of its dossier's file (`DossierStatus.errors`)."""
    for st in statuses:
        st.errors = found.errors.get(st.dossier.file, [])
    return statuses


@dataclass
class Statuses:
    """Every usable dossier's status as of a date, and the files left out."""

    context: Context
    statuses: list[DossierStatus]
    invalid_files: list[str]

    def of(self, ident: str) -> DossierStatus | None:
        return next((st for st in self.statuses if st.dossier.id == ident), None)


def statuses(root: Path, today: date, keep_raw: KeepRaw = True) -> Statuses:
    """Load, set aside the invalid files, and compute every status as of `today`; a
    dossier failing only a rule carries its errors (`DossierStatus.errors`). `keep_raw`:
    what a view reads of each dossier's parsed values beyond its model (`load_network`)."""
    found = usable(root, today, keep_raw)
    ctx = Context(found.network, found.settings, today)
    return Statuses(ctx, with_errors(network_status(ctx), found), found.invalid_files)
