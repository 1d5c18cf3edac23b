"""One change to one dossier file: read, edit in place, validate, replace atomically.

Nothing is written unless the result passes the schema and the rules E1–E9 (with the same
French messages as `pae valider`), and unless the file is still as it was read.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pae.codes import Code
from pae.errors import DataError, UsageError
from pae.files import create_file, replace_file
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.rules import check_network
from pae.records import load, positions
from pae.records.dossier import Dossier
from pae.records.reading import load_network, require_records
from pae.records.schema_walk import key_orders
from pae.records.schemas import SchemaCheck, schema_dir_of
from pae.records.yaml_edit import Document


@dataclass(frozen=True)
class Change:
    """What a command did to one dossier file."""

    dossier: str
    file: str
    """Relative to the repository root."""
    what: str
    """In French, for messages and commit messages: « point de suivi du 16/11/2026 »."""
    before: str
    after: str

    @property
    def created(self) -> bool:
        return not self.before

    @property
    def added(self) -> list[str]:
        return [line[1:] for line in self._diff() if line.startswith("+")]

    @property
    def removed(self) -> list[str]:
        return [line[1:] for line in self._diff() if line.startswith("-")]

    def _diff(self) -> list[str]:
        lines = difflib.unified_diff(
            self.before.splitlines(), self.after.splitlines(), lineterm="", n=0
        )
        return [x for x in lines if not x.startswith(("---", "+++", "@@"))]


class InvalidResult(DataError):
    """The change would make the dossier invalid: nothing was written."""

    def __init__(self, file: str, problems: list[Problem], before: bool) -> None:
        self.problems = problems
        head = (
            f"le dossier {file} a déjà des erreurs : les corriger d'abord (pae valider)"
            if before
            else f"le dossier {file} ne serait plus valide, rien n'a été écrit"
        )
        lines = [head + " :"]
        for p in problems:
            lines.append(f"  ligne {p.line or 1}, colonne {p.column or 1} : {p.code} {p.message}")
            if p.hint:
                lines.append(f"      → {p.hint}")
        super().__init__("\n".join(lines))


Edit = Callable[[Document, Dossier, Context], str]
"""Changes the document of a dossier and says what it did, in French."""


def reference(root: Path, today: date) -> Context:
    """The reference data (lycées, missions locales, offre, settings) every check needs."""
    require_records(root)
    loaded = load_network(root, only=[])
    return Context(loaded.network, loaded.settings, today)


def find(root: Path, ident: str) -> Path:
    """The file of a dossier, by its identifier (its file name, rule E3)."""
    require_records(root)
    found = sorted((root / "records" / "jeunes").glob(f"*/*/{ident}.yaml"))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        shown = ", ".join(p.relative_to(root).as_posix() for p in found)
        raise DataError(f"plusieurs fichiers pour le dossier « {ident} » : {shown}")
    close = sorted(
        p.stem for p in (root / "records" / "jeunes").glob("*/*/*.yaml") if ident in p.stem
    )[:5]
    hint = f" ; dossiers proches : {', '.join(close)}" if close else ""
    raise UsageError(f"dossier « {ident} » introuvable{hint}")


def problems_of(ctx: Context, root: Path, file: str, text: str) -> list[Problem]:
    """Errors of a dossier's text: schema, then the rules, positioned in `text`."""
    try:
        data = load.parse(text)
    except load.LoadError as exc:
        return [Problem(Code.E1, file, exc.message, line=exc.line, column=exc.column)]
    check = SchemaCheck("jeune", schema_dir_of(root))
    problems = [
        Problem(Code.E1, file, message, where, hint, on_key)
        for where, message, hint, on_key in ([] if check.is_valid(data) else check.errors(data))
    ]
    if not problems:
        d = Dossier.from_raw(data, file)
        alone = replace(ctx.network, dossiers=[d])
        problems = [
            p
            for p in check_network(replace(ctx, network=alone), [d])
            if p.file == file and p.is_error
        ]
    for p in problems:
        if p.line is None:
            p.line, p.column = positions.locate(text, p.path, p.on_key)
    return problems


def edit_dossier(root: Path, ident: str, today: date, change: Edit) -> Change:
    """Apply `change` to a dossier's file and replace it, or raise without writing."""
    path = find(root, ident)
    file = path.relative_to(root).as_posix()
    ctx = reference(root, today)
    original = path.read_bytes()
    try:
        text = load.decode(original)
    except load.LoadError as exc:
        problem = Problem(Code.E1, file, exc.message, line=exc.line, column=exc.column)
        raise InvalidResult(file, [problem], True) from None
    if before := problems_of(ctx, root, file, text):
        raise InvalidResult(file, before, True)
    doc = Document.parse(text, key_orders("jeune"))
    what = change(doc, Dossier.from_raw(load.parse(text), file), ctx)
    after = doc.dump()
    if after == text:
        return Change(ident, file, what, text, after)
    if problems := problems_of(ctx, root, file, after):
        raise InvalidResult(file, problems, False)
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    replace_file(path, bom + after.encode("utf-8"), original, file)
    return Change(ident, file, what, text, after)


def create(ctx: Context, root: Path, file: str, ident: str, text: str, what: str) -> Change:
    """Write a new dossier file, validated first; never over an existing file."""
    if problems := problems_of(ctx, root, file, text):
        raise InvalidResult(file, problems, False)
    create_file(root / file, text.encode("utf-8"), file)
    return Change(ident, file, what, "", text)
