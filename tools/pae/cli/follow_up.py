"""The commands that record the programme (options only): `pae action`, `pae suivi`,
`pae assiduite`, `pae sortie`, `pae bilan`. Each edits the dossier in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from pae.cli.options import (
    DateParam,
    choice,
    convention_options,
    depot_option,
    event_options,
    record_options,
    run_event,
    values_help,
)
from pae.labels import (
    EXIT_REASONS,
    OUTCOME_LABELS,
    PEOPLE,
)

_ID = click.argument("dossier", metavar="DOSSIER")
_DOSSIER_HELP = "DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001."


def _people(kind_path: tuple[str, ...], help_: str) -> Callable[[Any], Any]:
    return click.option(
        "--participant",
        "participants",
        multiple=True,
        type=choice("jeune", *kind_path),
        help=f"{help_} (répétable) : {values_help('jeune', *kind_path, table=PEOPLE)}.",
    )


@click.command()
@depot_option
@_ID
@click.option(
    "--type",
    "type_",
    required=True,
    type=choice("jeune", "parcours", "actions", "type"),
    help="Type d'action.",
)
@click.option("--intitule", required=True, metavar="TEXTE", help="Intitulé de l'action.")
@click.option("--debut", required=True, type=DateParam(), help="Premier jour de l'action.")
@click.option("--fin", required=True, type=DateParam(), help="Dernier jour de l'action.")
@click.option(
    "--structure",
    metavar="ID",
    help="La structure qui accueille : identifiant d'un fichier de records/offre/, "
    "ou l'UAI d'un lycée.",
)
@click.option("--lieu", type=choice("jeune", "parcours", "actions", "lieu"), help="Le lieu.")
@click.option(
    "--creneau",
    "creneaux",
    multiple=True,
    metavar="« JOUR HH:MM-HH:MM »",
    help="Créneau hebdomadaire (répétable), par exemple « lundi 09:00-12:00 ».",
)
@click.option(
    "--id",
    "ident",
    metavar="ID",
    help="Identifiant de l'action dans le dossier ; par défaut, le suivant (a1, a2…).",
)
@click.option("--commentaire", metavar="TEXTE", help="Une remarque, en texte simple.")
@convention_options
@record_options
@click.pass_context
def action(
    ctx: click.Context,
    /,
    dossier: str,
    today: date | None,
    commit: bool,
    creneaux: tuple[str, ...],
    convention_le: date | None,
    convention_ref: str | None,
    tuteur: str | None,
    tuteur_fonction: str | None,
    **values: Any,
) -> None:
    """Ajouter une action au parcours, avec son emploi du temps.

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemple :
      pae action 0990001N-2026-007 --type stage_immersion \\
        --intitule "Immersion en boulangerie" --structure fournil-des-violettes \\
        --lieu entreprise --debut 2026-11-16 --fin 2026-11-27 \\
        --creneau "lundi 09:00-17:00" --creneau "mardi 09:00-17:00" \
        --convention-le 2026-11-05 --convention-ref PFMP-2026-014 --tuteur "M. Exemple"
    """
    from pae.recording import events

    slots = [events.Slot.parse(text) for text in creneaux]
    signed = events.Convention(convention_le, convention_ref, tuteur, tuteur_fonction)
    run_event(
        ctx,
        dossier,
        None,
        today,
        commit,
        lambda doc, d, c, when: events.action(doc, d, creneaux=slots, convention=signed, **values),
    )


@click.command()
@depot_option
@_ID
@click.option("--action", "ident", required=True, metavar="ID", help="L'action (le stage).")
@click.option("--le", "day", type=DateParam(), help="Jour où la convention a été signée.")
@click.option("--reference", metavar="TEXTE", help="Référence de la convention au lycée.")
@click.option("--tuteur", metavar="NOM", help="Le tuteur en entreprise.")
@click.option("--tuteur-fonction", metavar="TEXTE", help="Sa fonction dans l'entreprise.")
@record_options
@click.pass_context
def convention(
    ctx: click.Context,
    dossier: str,
    ident: str,
    day: date | None,
    reference: str | None,
    tuteur: str | None,
    tuteur_fonction: str | None,
    today: date | None,
    commit: bool,
) -> None:
    """Noter la convention d'un stage en entreprise déjà au parcours, et son tuteur.

    Sans convention signée, pas de stage : ni couverture ni allocation. DOSSIER est
    l'identifiant du jeune.

    \b
    Exemple :
      pae convention 0990001N-2026-007 --action a3 --le 2026-11-05 \\
        --reference PFMP-2026-014 --tuteur "M. Exemple" --tuteur-fonction "chef de rayon"
    """
    from pae.recording import events

    signed = events.Convention(day, reference, tuteur, tuteur_fonction)
    run_event(
        ctx,
        dossier,
        None,
        today,
        commit,
        lambda doc, d, c, when: events.convention(doc, d, ident, signed),
    )


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--avec",
    multiple=True,
    type=choice("jeune", "suivi", "points", "avec"),
    help="Avec qui (répétable ; par défaut, le jeune) : "
    f"{values_help('jeune', 'suivi', 'points', 'avec', table=PEOPLE)}.",
)
@click.option("--resume", metavar="TEXTE", help="Ce qui s'est dit, en texte simple.")
@click.pass_context
def suivi(
    ctx: click.Context,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    avec: tuple[str, ...],
    resume: str | None,
) -> None:
    """Noter un point de suivi avec le jeune.

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemple :
      pae suivi 0990001N-2026-007 --le 2026-11-16 --avec jeune --avec conseiller_ml \\
        --resume "Bonne intégration dans l'équipe."
    """
    from pae.recording import events

    run_event(
        ctx,
        dossier,
        day,
        today,
        commit,
        lambda doc, d, c, when: events.check_in(doc, d, when, avec or ("jeune",), resume),
    )


@click.command()
@depot_option
@_ID
@click.option(
    "--semaine",
    required=True,
    type=DateParam(),
    help="Un jour de la semaine à noter (du lundi au samedi).",
)
@click.option(
    "--absent",
    metavar="JOURS",
    default="",
    help="Absences non justifiées, par exemple « mar,jeu ».",
)
@click.option("--justifie", metavar="JOURS", default="", help="Absences justifiées.")
@click.option("--retard", metavar="JOURS", default="", help="Retards.")
@click.option("--action", "only", metavar="ID", help="Seulement les séances de cette action.")
@record_options
@click.pass_context
def assiduite(
    ctx: click.Context,
    dossier: str,
    today: date | None,
    commit: bool,
    semaine: date,
    absent: str,
    justifie: str,
    retard: str,
    only: str | None,
) -> None:
    """Noter l'assiduité d'une semaine : chaque séance prévue, présent sauf mention contraire.

    Les séances viennent de l'emploi du temps (créneaux des actions) ; celles des vacances
    et des jours fériés, celles qui n'ont pas encore eu lieu et celles déjà notées sont
    laissées de côté. DOSSIER est l'identifiant du jeune.

    \b
    Exemples :
      pae assiduite 0990001N-2026-007 --semaine 2026-11-16
      pae assiduite 0990001N-2026-007 --semaine 2026-11-16 --absent mar,jeu --retard lun
    """
    from pae.cli.commands.entretien import attendance

    run_event(
        ctx, dossier, None, today, commit, attendance(semaine, absent, justifie, retard, only)
    )


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--motif",
    required=True,
    type=choice("jeune", "sortie_anticipee", "motif"),
    help=f"Motif : {values_help('jeune', 'sortie_anticipee', 'motif', table=EXIT_REASONS)}.",
)
@click.option("--commentaire", metavar="TEXTE", help="Une remarque, en texte simple.")
@click.option("--remplacer", is_flag=True, help="Remplacer la sortie déjà notée.")
@click.pass_context
def sortie(
    ctx: click.Context,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    motif: str,
    commentaire: str | None,
    remplacer: bool,
) -> None:
    """Noter une sortie anticipée du parcours (emploi, formation, apprentissage, abandon…).

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemple :
      pae sortie 0990001N-2026-007 --le 2026-11-20 --motif apprentissage
    """
    from pae.recording import events

    run_event(
        ctx,
        dossier,
        day,
        today,
        commit,
        lambda doc, d, c, when: events.early_exit(doc, d, when, motif, commentaire, remplacer),
    )


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--solution",
    type=choice("jeune", "bilan", "solution"),
    help=f"Solution : {values_help('jeune', 'bilan', 'solution', table=OUTCOME_LABELS)}.",
)
@click.option("--detail", metavar="TEXTE", help="La solution en quelques mots.")
@_people(("bilan", "participants"), "Participant")
@click.option("--competences", metavar="TEXTE", help="Compétences acquises pendant le parcours.")
@click.option("--difficultes", metavar="TEXTE", help="Difficultés rencontrées.")
@click.option("--suite", metavar="TEXTE", help="Ce qui est prévu après le parcours.")
@click.option(
    "--transmis", type=DateParam(), help="Jour où le bilan a été transmis au chef d'établissement."
)
@click.option(
    "--imilo", is_flag=True, default=None, help="Le conseiller a reporté le bilan dans I-Milo."
)
@click.pass_context
def bilan(
    ctx: click.Context,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    solution: str | None,
    detail: str | None,
    participants: tuple[str, ...],
    competences: str | None,
    difficultes: str | None,
    suite: str | None,
    transmis: date | None,
    imilo: bool | None,
) -> None:
    """Noter le bilan de fin de parcours, en une fois ou au fur et à mesure.

    Avec --le ou --solution, note l'entretien de bilan (le jour est --le, par défaut la
    date du jour) ; --transmis et --imilo complètent un bilan déjà noté. DOSSIER est
    l'identifiant du jeune.

    \b
    Exemples :
      pae bilan 0990001N-2026-007 --le 2026-12-15 --solution apprentissage \\
        --detail "CAP Boulanger en apprentissage" --competences "Ponctualité, travail en équipe"
      pae bilan 0990001N-2026-007 --transmis 2026-12-18 --imilo
    """
    from pae.recording import events

    held = day is not None or solution is not None or bool(participants)

    def change(doc: Any, d: Any, c: Any, when: date) -> str:
        return events.bilan(
            doc,
            d,
            when if held else None,
            solution,
            detail,
            participants
            or (("referent", "conseiller_ml", "jeune") if held and not d.bilan else ()),
            competences,
            difficultes,
            suite,
            transmis,
            imilo,
        )

    run_event(ctx, dossier, day, today, commit, change)


FOLLOW_UP_COMMANDS = (action, convention, suivi, assiduite, sortie, bilan)
