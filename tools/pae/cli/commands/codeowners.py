"""`pae codeowners`: write CODEOWNERS, or check that it is up to date."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pae.files import write_atomically
from pae.forge import codeowners
from pae.labels import plural


@dataclass
class Options:
    root: Path
    output: Path | None = None
    check: bool = False


def run(opts: Options, out: TextIO) -> int:
    path = opts.output or opts.root / "CODEOWNERS"
    text, lycees, keepers = codeowners.expected(opts.root)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    shown = path.name if opts.output is None else str(opts.output)
    command = "pae codeowners" + ("" if opts.output is None else f" --sortie {opts.output}")
    if opts.check:
        if current is None:
            out.write(f"{shown} n'existe pas : lancer {command}\n")
            return 1
        if current != text:
            out.write(f"{shown} n'est pas à jour : lancer {command}\n")
            return 1
        out.write(f"{shown} est à jour.\n")
        return 0
    if current == text:
        out.write(f"{shown} est déjà à jour.\n")
        return 0
    write_atomically(path, text.encode("utf-8"))
    out.write(
        f"{shown} écrit : {plural(lycees, 'lycée')} avec des responsables, "
        f"{plural(keepers, 'responsable')} du référentiel.\n"
    )
    return 0
