"""`pae init`: turn a fresh clone, with its demo data, into one lycée's own repository."""

from __future__ import annotations

from typing import TextIO

from pae.campaign.init import Options, initialise, refuse_real_data
from pae.campaign.offre_import import OffrePlan
from pae.errors import UsageError
from pae.labels import plural

__all__ = ["Options", "run"]


def run(opts: Options, out: TextIO, simulation: bool = False) -> int:
    if opts.offre:
        describe_offre(opts.offre, out)
        if (wrong := opts.offre.of("erreur")) and not simulation:
            raise UsageError(
                f"offre : {plural(len(wrong), 'ligne refusée', 'lignes refusées')} (ci-dessus) ; "
                "corriger le tableur puis relancer pae init (rien n'a été écrit)"
            )
    if simulation:
        refuse_real_data(opts.root, opts.force)
        out.write(
            f"Simulation : rien n'a été écrit. pae init écrirait la fiche de {opts.uai}, celle "
            f"de {opts.ml_id} ({plural(len(opts.conseillers), 'conseiller')}), "
            f"{plural(len(opts.offre.files) if opts.offre else 0, 'fiche')} de l'offre et "
            "CODEOWNERS. Relancer sans --simulation pour les écrire.\n"
        )
        return 1 if opts.offre and opts.offre.of("erreur") else 0
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


def describe_offre(plan: OffrePlan, out: TextIO) -> None:
    """As `pae importer` describes its file: the columns found, what each line gives."""
    sheet = plan.sheet
    encoding = f", encodage {sheet.encoding}" if sheet.encoding else ""
    out.write(
        f"Offre : {plural(len(sheet.rows), 'ligne')}{encoding} ; colonnes : "
        + ", ".join(f"{name} ← « {heading} »" for name, heading in plan.columns.items())
        + "\n"
    )
    created = plan.of("creer")
    if plan.files:
        out.write(f"\nÀ créer ({plural(len(plan.files), 'structure')})\n")
        for rel, values in plan.files.items():
            lines = [str(line.number) for line in created if line.structure == values["id"]]
            actions = plural(len(values["actions"]), "action")
            where = f"{'lignes' if len(lines) > 1 else 'ligne'} {', '.join(lines)}"
            out.write(f"  {rel} : {values['nom']}, {actions} ({where})\n")
    wrong = plan.of("erreur")
    if wrong:
        out.write(f"\nEn erreur ({len(wrong)})\n")
        for line in wrong:
            where = f"ligne {line.number} : " if line.number else ""
            out.write(f"  {where}{line.why}\n")
    out.write("\n")
