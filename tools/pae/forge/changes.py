"""What `pae valider` checks: every file, the paths given, or what changed since a git ref."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pae.errors import UsageError
from pae.forge.codeowners import LOCATIONS as CODEOWNERS_LOCATIONS
from pae.forge.git import changed_since
from pae.records import load
from pae.records.reading import SETTINGS_FILE, discover, kind_of, load_network, located


@dataclass(frozen=True)
class Scope:
    paths: list[Path] | None
    """Files and folders to check; None for all of records/, [] for none."""
    codeowners: bool
    """Whether CODEOWNERS may be out of date and must be compared."""


def scope(root: Path, paths: list[Path], since: str | None) -> Scope:
    """Everything (and CODEOWNERS) without paths; the paths given; or what `since` touched."""
    if since is None:
        return with_dependents(root, paths) if paths else Scope(None, True)
    if paths:
        raise UsageError("--depuis ne se combine pas avec des CHEMINS : choisir l'un ou l'autre")
    return affected(root, changed_since(root, since))


def with_dependents(root: Path, paths: list[Path]) -> Scope:
    """The paths given and, as for `--depuis`, every dossier a reference file among them
    concerns: the pre-commit hook passes only the staged files, and a lycée's file alone
    may break the dossiers naming its référents."""
    base = root.resolve()
    names = []
    for path in paths:
        place = located(path)
        for file in discover(place) if place.is_dir() else [place]:
            if located(file).is_relative_to(base):
                names.append(located(file).relative_to(base).as_posix())
    extra = affected(root, names)
    if extra.paths is None:
        return extra
    return Scope(sorted({located(p) for p in paths} | set(extra.paths)), extra.codeowners)


def affected(root: Path, changed: Iterable[str]) -> Scope:
    """The changed files of records/, and every dossier a changed reference file concerns.

    A lycée's file concerns its dossiers (they name its référents); a mission locale's
    file, the lycées attached to it and their dossiers, and the dossiers naming it; an
    offre's file, the dossiers whose actions use it; the settings or a schema, everything.
    """
    changed = list(changed)
    if any(c == f"records/{SETTINGS_FILE}" or c.startswith("schema/") for c in changed):
        return Scope(None, True)
    chosen: set[str] = set()
    stems: dict[str, set[str]] = {"etablissement": set(), "mission-locale": set(), "offre": set()}
    for name in changed:
        parts = PurePosixPath(name).parts
        if parts[0] != "records":
            continue
        chosen.add(name)
        kind = kind_of(parts[1:])
        if kind in stems:
            stems[kind].add(PurePosixPath(name).stem)
    lycees = set(stems["etablissement"])
    if stems["mission-locale"]:
        network = load_network(root, only=[]).network
        for etab in network.etablissements.values():
            if etab.mission_locale in stems["mission-locale"]:
                lycees.add(etab.uai)
                chosen.add(etab.file)
    named = lycees | stems["mission-locale"] | stems["offre"]
    if named:
        chosen.update(dependents(root, lycees, named))
    paths = [root / name for name in sorted(chosen) if (root / name).exists()]
    owners_changed = any(c in CODEOWNERS_LOCATIONS for c in changed)
    return Scope(paths, owners_changed or bool(stems["etablissement"]))


def dependents(root: Path, lycees: set[str], named: set[str]) -> Iterator[str]:
    """Dossiers filed under one of `lycees`, or whose text names one of `named`.

    Reading the text is much cheaper than parsing every dossier; a word that merely looks
    like an identifier only makes one more dossier checked, never one fewer.
    """
    jeunes = root / "records" / "jeunes"
    if not jeunes.is_dir():
        return
    words = "|".join(re.escape(n) for n in sorted(named))
    mention = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")
    for path in discover(jeunes):
        parts = path.relative_to(jeunes).parts
        if len(parts) == 3 and parts[1] in lycees:
            yield path.relative_to(root).as_posix()
            continue
        try:  # refuses FIFOs and devices, which would block or never end
            text = load.read_text(path)
        except load.LoadError:
            text = ""  # unreadable: checked, so that the reader says why
        if not text or mention.search(text):
            yield path.relative_to(root).as_posix()
