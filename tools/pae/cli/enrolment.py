"""The commands that record the first steps (options only): `pae contact`, `pae entretien`,
`pae inscrire`. Each edits the dossier in place; `--le` is the event's day."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from pae.cli.options import (
    choice,
    depot_option,
    event_options,
    run_event,
    values_help,
)
from pae.errors import UsageError
from pae.labels import (
    BESOINS,
    CANAUX,
    CONTACT_RESULTS,
    DECISIONS,
    PROJETS,
    PROPOSITIONS,
    REPONSES,
)

_ID = click.argument("dossier", metavar="DOSSIER")
_DOSSIER_HELP = "DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001."


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--canal",
    required=True,
    type=choice("jeune", "reperage", "contacts", "canal"),
    help=f"Comment : {values_help('jeune', 'reperage', 'contacts', 'canal', table=CANAUX)}.",
)
@click.option(
    "--resultat",
    required=True,
    type=choice("jeune", "reperage", "contacts", "resultat"),
    help="Résultat : "
    f"{values_help('jeune', 'reperage', 'contacts', 'resultat', table=CONTACT_RESULTS)}.",
)
@click.option(
    "--proposition",
    "propositions",
    multiple=True,
    type=choice("jeune", "reperage", "contacts", "propositions"),
    help="Ce qui a été proposé (répétable) : "
    f"{values_help('jeune', 'reperage', 'contacts', 'propositions', table=PROPOSITIONS)}.",
)
@click.option(
    "--reponse",
    type=choice("jeune", "reperage", "contacts", "reponse"),
    help="Réponse du jeune : "
    f"{values_help('jeune', 'reperage', 'contacts', 'reponse', table=REPONSES)}.",
)
@click.option("--par", metavar="TEXTE", help="Qui a pris contact, par exemple « Mme Exemple ».")
@click.option("--commentaire", metavar="TEXTE", help="Une remarque, en texte simple.")
@click.pass_context
def contact(
    ctx: click.Context,
    /,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    **values: Any,
) -> None:
    """Noter un contact avec le jeune (appel, SMS, courrier, rencontre).

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemples :
      pae contact 0990001N-2026-007 --le 2026-07-08 --canal telephone --resultat joint \\
        --proposition reinscription --proposition entretien_information \\
        --reponse entretien_accepte
      pae contact 0990001N-2026-007 --canal sms --resultat message_laisse
    """
    from pae.recording import events

    run_event(
        ctx,
        dossier,
        day,
        today,
        commit,
        lambda doc, d, c, when: events.contact(doc, d, when, **values),
    )


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--information",
    "kind",
    flag_value="information",
    help="L'entretien d'information avec la mission locale.",
)
@click.option(
    "--approfondi",
    "kind",
    flag_value="approfondi",
    help="L'entretien approfondi avec le référent et le conseiller.",
)
@click.option(
    "--participant",
    "participants",
    multiple=True,
    metavar="QUI",
    help="Participant (répétable) ; par défaut, pour l'entretien d'information : "
    "chef_etablissement, conseiller_ml, jeune ; pour l'entretien approfondi : "
    "referent, conseiller_ml, jeune.",
)
@click.option(
    "--mission-locale",
    metavar="ID",
    help="Entretien d'information : la mission locale (par défaut, celle du lycée).",
)
@click.option("--conseiller", metavar="ID", help="Entretien d'information : le conseiller.")
@click.option(
    "--besoin",
    "besoins",
    multiple=True,
    type=choice("jeune", "entretien_information", "besoins"),
    help="Besoin repéré (répétable) : "
    f"{values_help('jeune', 'entretien_information', 'besoins', table=BESOINS)} "
    "(aucun détail de santé).",
)
@click.option(
    "--france-travail",
    type=click.Choice(["inscrit", "non-inscrit"]),
    help="Le jeune se dit inscrit à France Travail (ex-Pôle emploi), ou non.",
)
@click.option(
    "--france-travail-verifie",
    is_flag=True,
    help="Le conseiller a vérifié l'inscription à France Travail.",
)
@click.option(
    "--double-suivi/--sans-double-suivi",
    default=None,
    help="Le conseiller juge un double suivi avec France Travail utile, ou non.",
)
@click.option(
    "--decision",
    type=choice("jeune", "entretien_information", "decision"),
    help="Entretien d'information : "
    f"{values_help('jeune', 'entretien_information', 'decision', table=DECISIONS)}.",
)
@click.option(
    "--projet",
    type=choice("jeune", "entretien_approfondi", "projet"),
    help="Entretien approfondi : "
    f"{values_help('jeune', 'entretien_approfondi', 'projet', table=PROJETS)}.",
)
@click.option("--projet-detail", metavar="TEXTE", help="Entretien approfondi : le projet.")
@click.option("--remplacer", is_flag=True, help="Remplacer l'entretien déjà noté (correction).")
@click.pass_context
def entretien(
    ctx: click.Context,
    /,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    kind: str | None,
    participants: tuple[str, ...],
    **values: Any,
) -> None:
    """Noter l'entretien d'information ou l'entretien approfondi.

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemples :
      pae entretien 0990001N-2026-007 --information --le 2026-09-10 --conseiller a-meyer \\
        --besoin mobilite --france-travail non-inscrit --decision inscription
      pae entretien 0990001N-2026-007 --approfondi --le 2026-09-16 --projet emploi \\
        --projet-detail "Vendeuse en boulangerie"
    """
    from pae.cli.commands.entretien import interview

    if kind is None:
        raise UsageError("préciser --information ou --approfondi")
    run_event(ctx, dossier, day, today, commit, interview(kind, participants, values))


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--mef",
    type=choice("jeune", "inscription", "mef"),
    help="MEF d'inscription ; par défaut, celui du diplôme (CAP : pae_n3, sinon pae_n4).",
)
@click.option("--referent", metavar="ID", help="Le professeur référent désigné.")
@click.option(
    "--conseiller",
    metavar="ID",
    help="Le conseiller de la mission locale ; par défaut, celui de l'entretien d'information.",
)
@click.option(
    "--imilo/--sans-imilo",
    default=None,
    help="Le dossier I-Milo est ouvert et rattaché au parcours, ou pas encore.",
)
@click.option("--remplacer", is_flag=True, help="Remplacer l'inscription déjà notée.")
@click.pass_context
def inscrire(
    ctx: click.Context,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    mef: str | None,
    referent: str | None,
    conseiller: str | None,
    imilo: bool | None,
    remplacer: bool,
) -> None:
    """Inscrire le jeune au parcours (MEF PAE) et désigner son référent.

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemple :
      pae inscrire 0990001N-2026-007 --le 2026-09-12 --referent c-girardot --imilo
    """
    from pae.recording import events

    def change(doc: Any, d: Any, c: Any, when: date) -> str:
        adviser = conseiller or (
            d.entretien_information.conseiller_ml if d.entretien_information else None
        )
        return events.enrol(doc, d, when, mef, referent, adviser, imilo, remplacer)

    run_event(ctx, dossier, day, today, commit, change)


@click.command()
@depot_option
@_ID
@event_options
@click.option(
    "--vers",
    required=True,
    type=choice("jeune", "passation", "vers"),
    help="À qui le suivi passe : psad (plateforme de suivi et d'appui aux décrocheurs) ou "
    "mission_locale.",
)
@click.option("--structure", metavar="TEXTE", help="La structure, par exemple la mission locale.")
@click.option("--commentaire", metavar="TEXTE", help="Une remarque, en texte simple.")
@click.option("--remplacer", is_flag=True, help="Remplacer la passation déjà notée.")
@click.pass_context
def passation(
    ctx: click.Context,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    vers: str,
    structure: str | None,
    commentaire: str | None,
    remplacer: bool,
) -> None:
    """Noter le relais du suivi : un mineur qui refuse, reste injoignable ou part sans
    solution (obligation de formation), ou un jeune qui déménage.

    DOSSIER est l'identifiant du jeune, par exemple 0990001N-2026-001.

    \b
    Exemple :
      pae passation 0990002P-2026-005 --le 2026-10-12 --vers psad
    """
    from pae.recording import events

    run_event(
        ctx,
        dossier,
        day,
        today,
        commit,
        lambda doc, d, c, when: events.handover(
            doc, d, when, vers, structure, commentaire, remplacer
        ),
    )


ENROLMENT_COMMANDS = (contact, entretien, inscrire, passation)
