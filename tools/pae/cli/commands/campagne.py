"""`pae campagne nouvelle` and `pae anonymiser`: a campaign's beginning and its end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from pae.campaign import next_session, retention
from pae.labels import fr, plural


@dataclass
class NewOptions:
    root: Path
    session: int
    target: Path | None = None
    tool: str | None = None
    version: str | None = None


def new_campaign(opts: NewOptions, out: TextIO) -> int:
    if opts.target is None:
        done = next_session.same_repository(opts.root, opts.session)
        where = "dans ce dépôt"
    else:
        assert opts.tool and opts.version
        done = next_session.data_repository(
            opts.root, opts.session, opts.target, opts.tool, opts.version
        )
        where = f"dans le nouveau dépôt de données {opts.target}"
    out.write(f"Campagne {opts.session} préparée {where} :\n")
    for rel in done.created:
        out.write(f"  {rel}\n")
    if not done.created:
        out.write("  (rien à créer : les dossiers de la session existent déjà)\n")
    out.write(next_session.RECOMMENDATION + "\n")
    if done.unset:
        out.write(
            f"Réglages de la forge de l'ancien dépôt retirés de records/parametres.yaml "
            f"({', '.join(done.unset)}) : les renseigner pour le nouveau dépôt (formulaires, "
            "liens « Modifier ce dossier » ; voir le guide, page Hébergement), ainsi que "
            "repo_url dans mkdocs.yml.\n"
        )
    if done.target:
        out.write(
            f"Suite : relire {done.target}/README.md, puis l'enregistrer et le pousser sur la "
            "forge (git add -A && git commit && git remote add origin … && git push).\n"
        )
    return 0


@dataclass
class AnonymiseOptions:
    root: Path
    today: date
    session: int
    apply: bool = False


def anonymise(opts: AnonymiseOptions, out: TextIO) -> int:
    planned = retention.plan(opts.root, opts.session, opts.today)
    out.write(
        f"Campagne {opts.session} : conservation jusqu'au {fr(planned.due)} ; "
        f"{plural(len(planned.to_do), 'dossier')} à anonymiser, "
        f"{plural(len(planned.done), 'déjà anonymisé', 'déjà anonymisés')}.\n"
    )
    if not opts.apply:
        if opts.today < planned.due:
            out.write(
                f"Simulation : rien n'a été modifié ; la conservation court encore : "
                f"--appliquer sera refusé avant le {fr(planned.due)}.\n"
            )
        else:
            out.write("Simulation : rien n'a été modifié. Relancer avec --appliquer.\n")
        return 0
    retention.apply(opts.root, planned, opts.today)
    out.write(f"{plural(len(planned.changes), 'dossier anonymisé', 'dossiers anonymisés')}.\n")
    out.write(retention.REMAINING_STEP + "\n")
    return 0
