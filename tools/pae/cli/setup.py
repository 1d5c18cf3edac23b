"""The commands that set a repository up and publish: `pae codeowners`, `pae init`,
`pae site` (options only)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from pae.cli.options import AddressParam, date_option, depot_option, root_of, today_or


@click.command()
@depot_option
@click.option(
    "--sortie",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FICHIER",
    default=None,
    help="Fichier à écrire ; par défaut, CODEOWNERS à la racine du dépôt.",
)
@click.option(
    "--verifier", is_flag=True, help="Ne rien écrire : code de sortie 1 s'il n'est pas à jour."
)
@click.pass_context
def codeowners(ctx: click.Context, sortie: Path | None, verifier: bool) -> None:
    """Écrire le fichier CODEOWNERS : qui approuve les changements de quels dossiers.

    Les dossiers des jeunes d'un lycée reviennent à son chef d'établissement (forge_chef)
    et à ses référents (referents[].forge) ; les données de référence et les schémas, aux
    responsables du référentiel (forge.responsables_referentiel de parametres.yaml).

    \b
    Exemples :
      pae codeowners
      pae codeowners --verifier
      pae codeowners --sortie .github/CODEOWNERS
    """
    from pae.cli.commands import codeowners as command

    ctx.exit(command.run(command.Options(root_of(ctx), sortie, verifier), sys.stdout))


def _ask(question: str, check: Callable[[str], str | None], optional: bool) -> str:
    """Ask until the answer passes `check`; an optional question accepts an empty answer."""

    def proc(value: str) -> str:
        value = value.strip()
        if (value or not optional) and (message := check(value)):
            raise click.BadParameter(message)
        return value

    answer: str = click.prompt(
        question,
        default="" if optional else None,
        show_default=False,
        value_proc=proc,
        prompt_suffix=" : ",
    )
    return answer


@click.command()
@depot_option
@click.option("--uai", metavar="UAI", help="Code UAI du lycée, par exemple 0750654D.")
@click.option(
    "--nom", metavar="TEXTE", help="Nom du lycée, par exemple « Lycée professionnel Jean Jaurès »."
)
@click.option("--commune", metavar="TEXTE", help="Commune du lycée.")
@click.option(
    "--zone",
    metavar="ZONE",
    help="Zone de vacances scolaires : A, B, C, corse ou académie d'outre-mer.",
)
@click.option("--chef", metavar="TEXTE", help="Chef d'établissement, par exemple « Mme Exemple ».")
@click.option("--forge-chef", metavar="COMPTE", help="Compte forge du chef (facultatif).")
@click.option(
    "--mission-locale",
    "ml_id",
    metavar="ID",
    help="Identifiant de la mission locale, par exemple ml-paris.",
)
@click.option("--mission-locale-nom", "ml_nom", metavar="TEXTE", help="Nom de la mission locale.")
@click.option(
    "--mission-locale-courriel",
    "ml_courriel",
    metavar="COURRIEL",
    help="Courriel générique de la mission locale.",
)
@click.option(
    "--referent",
    "referents",
    multiple=True,
    metavar="ID:NOM:COURRIEL[:FORGE]",
    help="Professeur référent (répétable), par exemple "
    "« c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand ».",
)
@click.option(
    "--conseiller",
    "conseillers",
    multiple=True,
    metavar="ID:NOM:COURRIEL",
    help="Conseiller de la mission locale qui suit des jeunes du parcours (répétable), par "
    "exemple « a-benali:Amina Benali:a.benali@ml-exemple.fr ».",
)
@click.option(
    "--offre",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FICHIER",
    default=None,
    help="Cartographie des solutions locales (records/offre/) depuis un tableur (.csv « ; » "
    "ou « , », .xlsx, .ods) : une ligne par action proposée, colonnes « Structure », "
    "« Commune », « Action », « Type d'action », et facultatives « Identifiant », « Type de "
    "structure », « Contact », « Courriel », « Téléphone », « Adresse », « Identifiant de "
    "l'action », « Description ».",
)
@click.option(
    "--simulation",
    is_flag=True,
    help="Ne rien écrire : dire ce que pae init créerait (et les lignes de --offre refusées).",
)
@click.option(
    "--session",
    type=click.IntRange(2000, 2100),
    metavar="AAAA",
    default=None,
    help="Session (année de l'examen) dont on crée le dossier ; par défaut, l'année en cours.",
)
@click.option("--force", is_flag=True, help="Remplacer des données qui ne sont pas de démo.")
@date_option
@click.pass_context
def init(
    ctx: click.Context,
    /,
    referents: tuple[str, ...],
    conseillers: tuple[str, ...],
    offre: Path | None,
    simulation: bool,
    session: int | None,
    force: bool,
    today: date | None,
    **values: str | None,
) -> None:
    """Préparer le dépôt d'un lycée : remplacer les données de démonstration par les siennes.

    Écrit la fiche du lycée et celle de sa mission locale (avec ses conseillers), crée le
    dossier des jeunes de la session et le fichier CODEOWNERS ; avec --offre, les fiches de
    la cartographie des solutions locales lues dans un tableur. Les valeurs absentes des
    options sont demandées. Rien n'est modifié si une valeur ou une ligne est refusée ;
    --simulation dit ce qui serait écrit, sans rien écrire.

    \b
    Exemple :
      pae init --uai 0750654D --nom "Lycée professionnel Exemple" --commune Paris \\
        --zone C --chef "Mme Exemple" --mission-locale ml-paris \\
        --mission-locale-nom "Mission locale de Paris" \\
        --mission-locale-courriel contact@ml-paris.example \\
        --referent "c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand" \\
        --conseiller "a-benali:Amina Benali:a.benali@ml-paris.example" \\
        --offre cartographie.xlsx --simulation
    """
    from pae.campaign import init as setup
    from pae.campaign.offre_import import plan_offre
    from pae.cli.commands import init as command

    setup.refuse_real_data(root_of(ctx), force)  # before any question
    plan = plan_offre(offre) if offre else None  # an unreadable file too
    interactive = setup.fill(values, _ask)
    specs = list(referents) or (
        _ask_many(setup.REFERENT_QUESTION, setup.check_referent) if interactive else []
    )
    advisers = list(conseillers) or (
        _ask_many(setup.CONSEILLER_QUESTION, setup.check_conseiller) if interactive else []
    )
    day = today_or(today)
    opts = command.Options(
        root_of(ctx),
        day,
        session or day.year,
        referents=[setup.parse_referent(s) for s in specs],
        force=force,
        conseillers=[setup.parse_conseiller(s) for s in advisers],
        offre=plan,
        **{k: v for k, v in values.items() if v is not None},
    )
    ctx.exit(command.run(opts, sys.stdout, simulation))


def _ask_many(question: str, check: Callable[[str], str | None]) -> list[str]:
    """Ask again and again until an empty answer."""
    answers = []
    while answer := _ask(question, check, True):
        answers.append(answer)
    return answers


@click.command()
@depot_option
@date_option
@click.option(
    "--sortie",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DOSSIER",
    default=None,
    help="Dossier où écrire le site ; par défaut, public/ à la racine du dépôt.",
)
@click.option(
    "--etablissement",
    metavar="UAI",
    help="Site d'un seul lycée : ses jeunes seulement, aucun autre lycée nommé.",
)
@click.option(
    "--pseudonymiser",
    is_flag=True,
    help="Initiales et identifiant au lieu des noms ; ni date de naissance ni coordonnées.",
)
@click.option(
    "--servir",
    is_flag=True,
    help="Aperçu sur ce poste, mis à jour à chaque modification d'un fichier de records/.",
)
@click.option(
    "--adresse",
    type=AddressParam(),
    metavar="HÔTE:PORT",
    default="127.0.0.1:8000",
    show_default=True,
    help="Adresse de l'aperçu (avec --servir).",
)
@click.option(
    "--edition",
    is_flag=True,
    help="Avec --servir : les formulaires (edition/) enregistrent dans un clone local du "
    "dépôt, par decap-server, au lieu d'ouvrir des demandes de fusion sur la forge.",
)
@click.pass_context
def site(
    ctx: click.Context,
    today: date | None,
    sortie: Path | None,
    etablissement: str | None,
    pseudonymiser: bool,
    servir: bool,
    adresse: str,
    edition: bool,
) -> None:
    """Construire le site privé de l'équipe à partir des dossiers (MkDocs, thème Material).

    Les pages sont écrites dans build/site-src puis construites dans public/. Les fichiers
    invalides sont laissés de côté et signalés sur le tableau de bord.

    \b
    Exemples :
      pae site
      pae site --date 2026-10-15 --sortie /tmp/site
      pae site --etablissement 0750654D --pseudonymiser
      pae site --servir
      pae site --servir --edition
    """
    from pae.cli.commands import site as command

    opts = command.Options(
        root_of(ctx),
        today_or(today),
        sortie,
        etablissement,
        pseudonymiser,
        servir,
        adresse,
        edition=edition,
    )
    ctx.exit(command.run(opts, sys.stdout, sys.stderr))
