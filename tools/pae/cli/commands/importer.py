"""`pae importer`: the dossiers of a whole lycée from the school's export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from pae.forge.git import commit as git_commit
from pae.labels import fr, plural
from pae.recording.importer import Plan, apply, plan_import


@dataclass
class Options:
    root: Path
    today: date
    source: Path
    etablissement: str
    session: int
    apply: bool = False
    ignore_errors: bool = False
    commit: bool = False


def run(opts: Options, out: TextIO) -> int:
    planned = plan_import(opts.root, opts.source, opts.etablissement, opts.session, opts.today)
    _describe(planned, opts, out)
    if not opts.apply:
        out.write(
            "Simulation : rien n'a été écrit. Relancer avec --appliquer pour créer les dossiers.\n"
        )
        return 1 if planned.of("erreur") else 0
    if not planned.of("creer"):
        out.write("Aucun dossier à créer.\n")
        return 1 if planned.of("erreur") else 0
    apply(opts.root, planned, opts.today, opts.ignore_errors)
    created = plural(len(planned.created), "dossier créé", "dossiers créés")
    out.write(f"{created} dans records/jeunes/{opts.session}/{opts.etablissement}/.\n")
    files = [c.file for c in planned.created]
    message = f"Import de {opts.source.name} : {created} ({opts.etablissement})"
    if opts.commit:
        sha = git_commit(opts.root, files, message)
        out.write(f"Enregistré dans git (commit {sha[:8]}) : « {message} ».\n")
    return 1 if planned.of("erreur") else 0


def _describe(planned: Plan, opts: Options, out: TextIO) -> None:
    sheet = planned.sheet
    encoding = f", encodage {sheet.encoding}" if sheet.encoding else ""
    out.write(
        f"{opts.source.name} : {plural(len(sheet.rows), 'ligne')}{encoding} ; colonnes : "
        + ", ".join(f"{field} ← « {heading} »" for field, heading in planned.columns.items())
        + "\n"
    )
    sections = (
        ("creer", "À créer"),
        ("ignorer", "Ignorées"),
        ("erreur", "En erreur"),
    )
    for action, title in sections:
        lines = planned.of(action)
        if not lines:
            continue
        out.write(f"\n{title} ({len(lines)})\n")
        for line in lines:
            who = ""
            if line.identity:
                i = line.identity
                who = f"{i.prenom} {i.nom} ({fr(i.date_naissance)})"
            if action == "creer":
                out.write(f"  ligne {line.number} : {who} → {line.ident}\n")
            else:
                out.write(f"  ligne {line.number} : {who + ' — ' if who else ''}{line.why}\n")
