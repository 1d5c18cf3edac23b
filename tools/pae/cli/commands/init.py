"""`pae init`: turn a fresh clone, with its demo data, into one lycée's own repository."""

from __future__ import annotations

from typing import TextIO

from pae.campaign.init import Options, initialise
from pae.labels import plural

__all__ = ["Options", "run"]


def run(opts: Options, out: TextIO) -> int:
    done = initialise(opts)
    out.write(f"Dépôt initialisé pour {opts.uai} ({opts.nom}), session {opts.session} :\n")
    for rel in done.written:
        out.write(f"  {rel}\n")
    if done.backup:
        out.write(
            f"Données précédentes déplacées dans {done.backup}/ : "
            f"{plural(done.moved, 'fichier')} (à supprimer quand elles ne serviront plus).\n"
        )
    out.write(
        "Suite : relire ces fichiers, lancer « pae valider », puis enregistrer le tout "
        "(git add -A records CODEOWNERS && git commit).\n"
    )
    return 0
