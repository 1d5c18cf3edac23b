"""Find, read and schema-check every file of `records/`, in parallel, into a Network;
position the problems found."""

from __future__ import annotations

import gc
import multiprocessing
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pae.codes import Code
from pae.errors import UsageError
from pae.problems import Problem
from pae.records import load
from pae.records.dossier import Dossier, KeepRaw
from pae.records.lenient import Partial, lenient_dossier
from pae.records.network import Copy, Network
from pae.records.positions import Positions
from pae.records.reference import Etablissement, MissionLocale, Offre
from pae.records.schemas import SchemaCheck, schema_dir_of
from pae.records.settings import Settings
from pae.terminal import quiet_worker

REFERENCE_DIRS = {
    "etablissements": "etablissement",
    "missions-locales": "mission-locale",
    "offre": "offre",
}
SETTINGS_FILE = "parametres.yaml"
PARALLEL_FROM = 200
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass
class Loaded:
    """What reading one file gave: its values if schema-valid, else its E1 problems."""

    rel: str
    kind: str
    data: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)
    partial: Any = None
    """A dossier's parsed values when they fail the schema: the rules that can still run
    read them (`lenient.lenient_dossier`)."""


@dataclass
class LoadResult:
    network: Network
    settings: Settings
    problems: list[Problem]
    checked: list[str]
    """Files whose problems are reported (all of `records/`, or the paths asked for)."""
    partial: list[Partial] = field(default_factory=list)
    """The checked dossiers that fail their schema, read as far as they can be."""


def require_records(root: Path) -> None:
    """The one check that a folder is a data repository, with the fix in French."""
    if not (root / "records").is_dir():
        raise UsageError(
            f"pas de dossier records/ dans {root} : lancer la commande à la racine "
            "du dépôt, ou indiquer --depot DOSSIER"
        )


def kind_of(rel_to_records: Sequence[str]) -> str | None:
    """Kind of a file from its place under `records/`; None for a misplaced file."""
    if len(rel_to_records) == 1 and rel_to_records[0] == SETTINGS_FILE:
        return "parametres"
    if len(rel_to_records) == 2 and rel_to_records[0] in REFERENCE_DIRS:
        return REFERENCE_DIRS[rel_to_records[0]]
    if len(rel_to_records) == 4 and rel_to_records[0] == "jeunes":
        return "jeune"
    return None


YAML_SUFFIXES = (".yaml", ".yml")


def discover(records: Path) -> list[Path]:
    """Every YAML file under `records/`, sorted, whatever its place; and the entries that
    cannot be read as one, for the reader to report rather than skip in silence: links
    (broken, to a folder, or leaving the repository), FIFOs, devices, sockets."""
    found = []
    for p in records.rglob("*"):
        if p.name.startswith("."):
            continue
        try:
            mode = p.lstat().st_mode
        except OSError:  # gone meanwhile
            continue
        if stat.S_ISLNK(mode):
            wanted = p.suffix in YAML_SUFFIXES or p.is_dir()
        elif stat.S_ISREG(mode):
            wanted = p.suffix in YAML_SUFFIXES
        else:
            wanted = not stat.S_ISDIR(mode)
        if wanted:
            found.append(p)
    return sorted(found)


def link_problem(path: Path, root: Path) -> str | None:
    """Why a symbolic link of records/ cannot be read, if it is one that cannot."""
    if not path.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    if not target.exists():
        return f"lien symbolique cassé : sa cible {target} n'existe pas ; supprimer le lien"
    if target.is_dir():
        return (
            f"lien symbolique vers un dossier ({target}) : il n'est pas suivi ; y mettre les "
            "fichiers eux-mêmes"
        )
    if not target.is_relative_to(root.resolve()):
        # Read, it would be published on the site and in every export.
        return (
            f"lien symbolique vers un fichier hors du dépôt ({target}) : remplacer le lien "
            "par le fichier lui-même"
        )
    return None


def located(path: Path) -> Path:
    """The absolute place of a file or link, without following the link itself."""
    return Path(os.path.realpath(path.parent)) / path.name


class _Reader:
    """Reads files of one repository; one instance per process, validators built once."""

    def __init__(self, root: Path, schema_dir: Path) -> None:
        self.root = root
        self.schema_dir = schema_dir
        self._checks: dict[str, SchemaCheck] = {}

    def check(self, kind: str) -> SchemaCheck:
        if kind not in self._checks:
            self._checks[kind] = SchemaCheck(kind, self.schema_dir)
        return self._checks[kind]

    def __call__(self, path: Path) -> Loaded:
        rel = path.relative_to(self.root).as_posix()
        parts = path.relative_to(self.root / "records").parts
        kind = kind_of(parts)
        if link := link_problem(path, self.root):
            return Loaded(rel, kind or "?", None, [Problem(Code.E1, rel, link, line=1, column=1)])
        if kind is None or path.suffix != ".yaml":
            try:  # a FIFO or a device says what it is, wherever it is
                if special := load.special_kind(path.stat().st_mode):
                    message = f"{special}, pas un fichier ordinaire : le supprimer"
                    return Loaded(rel, "?", None, [Problem(Code.E1, rel, message, line=1)])
            except OSError:
                pass
            return Loaded(rel, "?", None, [_misplaced(rel)])
        try:
            text = load.read_text(path)
            data = load.parse(text)
        except load.LoadError as exc:
            problem = Problem(Code.E1, rel, exc.message, line=exc.line, column=exc.column)
            return Loaded(rel, kind, None, [problem])
        check = self.check(kind)
        if check.is_valid(data):
            return Loaded(rel, kind, data)
        problems = []
        positions = Positions(text)
        if deep := positions.deeper_than(load.MAX_DEPTH):
            message = load.too_deep(load.MAX_DEPTH)
            return Loaded(rel, kind, None, [Problem(Code.E1, rel, message, (), None, False, *deep)])
        for where, message, hint, on_key, more in check.report(data):
            code = Code.E4 if kind == "jeune" and where == ("examen", "diplome") else Code.E1
            line, column, end = positions.span(where, on_key)
            problems.append(
                Problem(
                    code, rel, message, where, hint, on_key, line, column, end_column=end, more=more
                )
            )
        if not problems:  # the two validators disagree: never drop a file without a word
            problems.append(
                Problem(Code.E1, rel, "fichier non conforme au schéma", line=1, column=1)
            )
        return Loaded(rel, kind, None, problems, data if kind == "jeune" else None)


def _bad_settings(rel: str) -> Problem:
    return Problem(
        Code.E1,
        rel,
        "date de l'année impossible dans les dispositifs (par exemple « 02-30 ») : "
        "réglages par défaut utilisés",
        ("dispositifs",),
        hint='écrire un jour qui existe chaque année, au format MM-JJ, par exemple "09-30"',
    )


def _misplaced(rel: str) -> Problem:
    return Problem(
        Code.E3,
        rel,
        "fichier mal placé : records/ ne contient que parametres.yaml, etablissements/<UAI>.yaml, "
        "missions-locales/<id>.yaml, offre/<id>.yaml et jeunes/<session>/<UAI>/<id>.yaml",
        hint="déplacer le fichier (extension .yaml) ou le supprimer",
    )


_worker_reader: _Reader | None = None


def _init_worker(root: Path, schema_dir: Path) -> None:
    global _worker_reader
    quiet_worker()
    gc.disable()  # see no_cyclic_gc(); a spawned worker does not inherit it
    _worker_reader = _Reader(root, schema_dir)


def _read_in_worker(path: Path) -> Loaded:
    assert _worker_reader is not None
    return _worker_reader(path)


def read_all(root: Path, paths: Sequence[Path], schema_dir: Path, jobs: int) -> Iterator[Loaded]:
    """Read files, in `jobs` processes when there are enough of them, in order, one at a
    time: each file's values can be turned into the model, and dropped, as they come."""
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        reader = _Reader(root, schema_dir)
        yield from (reader(p) for p in paths)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    chunk = 32  # small batches: a worker holds few parsed files at once (memory)
    with context.Pool(jobs, _init_worker, (root, schema_dir)) as pool:
        yield from pool.imap(_read_in_worker, paths, chunksize=chunk)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Every loaded dossier stays alive, so each collection re-scans a growing heap for
    nothing (parsed YAML holds no cycles): measured at 10,000 dossiers, it cost ~50 % of
    the parse time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_network(
    root: Path,
    only: Iterable[Path] | None = None,
    jobs: int | None = None,
    keep_raw: KeepRaw = True,
) -> LoadResult:
    """Load the whole reference data and the dossiers (all, or those under `only`).

    `keep_raw=False` keeps the model of each dossier without its parsed values: what the
    rules read, half the memory (`pae valider`); a set of top-level keys keeps those only
    (the site's pages read three); the narrowed views redact them all (`True`).
    """
    records = root / "records"
    schema_dir = schema_dir_of(root)
    every = discover(records)
    wanted = every if only is None else select(every, [located(p) for p in only])
    reference = [p for p in every if not _is_dossier(p, records)]
    to_read = sorted(set(reference) | set(wanted))
    checked = {p.relative_to(root).as_posix() for p in wanted}
    network = Network(root=str(root))
    settings = Settings()
    problems: list[Problem] = []
    partial: list[Partial] = []
    with no_cyclic_gc():
        loaded = read_all(root, to_read, schema_dir, jobs or os.cpu_count() or 1)
        for item in loaded:
            if item.rel in checked:
                problems.extend(item.problems)
                if item.partial is not None and (d := lenient_dossier(item.partial, item.rel)):
                    partial.append(d)
            _add(network, item, keep_raw)
            if item.kind == "parametres" and item.data is not None:
                try:
                    settings = Settings.from_raw(item.data)
                except ValueError:
                    problems.append(_bad_settings(item.rel))
    return LoadResult(network, settings, problems, sorted(checked), partial)


def _is_dossier(path: Path, records: Path) -> bool:
    return path.relative_to(records).parts[0] == "jeunes"


def select(every: list[Path], only: list[Path]) -> list[Path]:
    """The files that are one of `only` or lie under one of them, in linear time: a set
    of the places asked for, looked up for each file and each of its folders."""
    asked = set(only)
    chosen = []
    for path in every:
        resolved = located(path)
        if resolved in asked or not asked.isdisjoint(resolved.parents):
            chosen.append(path)
    return chosen


def _add(network: Network, item: Loaded, keep_raw: KeepRaw = True) -> None:
    stem = Path(item.rel).stem
    if item.data is None:
        if item.kind in ("etablissement", "mission-locale", "offre"):
            network.broken_refs.add(stem)
        return
    data = item.data
    if item.kind == "etablissement":
        _keep_one(network, network.etablissements, "uai", Etablissement.from_raw(data, item.rel))
    elif item.kind == "mission-locale":
        _keep_one(network, network.missions_locales, "id", MissionLocale.from_raw(data, item.rel))
    elif item.kind == "offre":
        _keep_one(network, network.offres, "id", Offre.from_raw(data, item.rel))
    elif item.kind == "jeune":
        network.dossiers.append(Dossier.from_raw(data, item.rel, keep_raw))


_Reference = TypeVar("_Reference", Etablissement, MissionLocale, Offre)


def _keep_one(
    network: Network, table: dict[str, _Reference], field: str, record: _Reference
) -> None:
    """Add a reference record; of two files with one identifier, keep the one named after
    it, whatever the order of reading, and set the other aside as a copy."""
    ident = record.uai if isinstance(record, Etablissement) else record.id
    kept = table.setdefault(ident, record)
    if kept is record:
        return
    if Path(record.file).stem == ident and Path(kept.file).stem != ident:
        table[ident], kept, record = record, record, kept
    network.copies.append(Copy(record.file, field, ident, kept.file))
