"""`pae codeowners`: write CODEOWNERS, or check that it is up to date."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pae import codeowners
from pae.commands.common import write_atomically
from pae.errors import DataError
from pae.network import SETTINGS_FILE, load_network, require_records
from pae.report import plural


@dataclass
class Options:
    root: Path
    output: Path | None = None
    check: bool = False


def expected(root: Path) -> tuple[str, int, int]:
    """The file's text, the number of lycées and of reference keepers it names."""
    require_records(root)
    sources = [root / "records" / "etablissements", root / "records" / SETTINGS_FILE]
    loaded = load_network(root, only=[p for p in sources if p.exists()])
    if loaded.problems:
        files = ", ".join(sorted({p.file for p in loaded.problems}))
        raise DataError(
            f"fiches invalides, CODEOWNERS n'a pas été écrit : {files} "
            "(lancer « pae valider » pour le détail)"
        )
    text = codeowners.render(loaded.network, loaded.settings)
    lycees = sum(bool(codeowners.owners(e)) for e in loaded.network.etablissements.values())
    return text, lycees, len(loaded.settings.responsables_referentiel)


def run(opts: Options, out: TextIO) -> int:
    path = opts.output or opts.root / "CODEOWNERS"
    text, lycees, keepers = expected(opts.root)
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
