"""The commands that record an event in a dossier (`pae contact`, `pae suivi`, …) and
`pae nouveau`: write through the library, then say what changed and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from pae.forge.git import commit as git_commit
from pae.forge.git import is_work_tree
from pae.labels import plural
from pae.recording.transaction import Change, Edit, edit_dossier


@dataclass
class Options:
    root: Path
    today: date
    """The reference date (`--date`): nothing may be recorded as done after it."""
    ident: str = ""
    commit: bool = False


def run(opts: Options, change: Edit, out: TextIO) -> int:
    show(edit_dossier(opts.root, opts.ident, opts.today, change), opts, out)
    return 0


def show(change: Change, opts: Options, out: TextIO) -> None:
    """The file, the lines added or changed, then how to send it for review."""
    if change.before == change.after:
        out.write(f"Rien à changer dans {change.file} : {change.what} y est déjà.\n")
        return
    verb = "créé" if change.created else "modifié"
    added = plural(len(change.added), "ligne ajoutée", "lignes ajoutées")
    removed = f", {plural(len(change.removed), 'ligne retirée', 'lignes retirées')}"
    out.write(
        f"Dossier {verb} : {change.file} — {change.what} "
        f"({added}{removed if change.removed else ''})\n"
    )
    for line in change.removed:
        out.write(f"  - {line}\n")
    for line in change.added:
        out.write(f"  + {line}\n")
    message = f"{change.dossier} : {change.what}"
    if opts.commit:
        sha = git_commit(opts.root, [change.file], message)
        out.write(f"Enregistré dans git (commit {sha[:8]}) : « {message} ».\n")
        out.write("Suite : git push, puis ouvrir la demande de fusion sur la forge.\n")
    elif is_work_tree(opts.root):
        out.write(
            "Suite : enregistrer la modification puis ouvrir une demande de fusion :\n"
            f"  git add {change.file}\n"
            f'  git commit -m "{message}"\n'
            "  git push\n"
            "(ou relancer la commande avec --commit)\n"
        )
