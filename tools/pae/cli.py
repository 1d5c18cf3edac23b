"""The `pae` command: parses options into plain objects; the work is done elsewhere."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from pae import clifr
from pae.cli_options import (
    DEPOT_HELP,
    date_option,
    depot_option,
    filter_options,
    root_of,
    today_or,
)
from pae.errors import PaeError
from pae.report import REPORTERS

clifr.install()


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.option(
    "--depot",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help=DEPOT_HELP,
)
@click.version_option(package_name="pae", message="pae %(version)s")
@click.pass_context
def cli(ctx: click.Context, depot: Path) -> None:
    """Suivi du Parcours Ambition Emploi (AvenirPro+) : dossiers, échéances, site de l'équipe.

    Chaque commande travaille sur le dépôt du dossier courant, ou sur celui de --depot.
    """
    ctx.obj = {"depot": depot.resolve()}


@cli.command()
@depot_option
@click.argument("chemins", nargs=-1, type=click.Path(path_type=Path))
@date_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="texte",
    show_default=True,
    help="Format du rapport.",
)
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Nombre de processus.")
@click.option(
    "--depuis",
    metavar="REF",
    default=None,
    help="Ne vérifier que ce qui a changé depuis la référence git REF (branche, étiquette, "
    "commit), modifications en cours comprises, et les dossiers qui en dépendent.",
)
@click.option(
    "--rapport",
    "rapports",
    metavar="FORMAT:FICHIER",
    multiple=True,
    help="Écrire aussi le rapport au FORMAT donné dans FICHIER (répétable), par exemple "
    "--rapport junit:rapport-junit.xml.",
)
@click.option(
    "--alertes",
    is_flag=True,
    help="Signaler aussi les alertes A1 à A11 des dossiers vérifiés (sans effet sur le code "
    "de sortie).",
)
@click.pass_context
def valider(
    ctx: click.Context,
    chemins: tuple[Path, ...],
    today: date | None,
    fmt: str,
    jobs: int | None,
    depuis: str | None,
    rapports: tuple[str, ...],
    alertes: bool,
) -> None:
    """Vérifier les dossiers et les données de référence (règles E1 à E9).

    Sans CHEMINS, vérifie tout records/ et le fichier CODEOWNERS. Code de sortie : 0 valide,
    1 erreurs, 2 mauvaise utilisation.

    \b
    Exemples :
      pae valider
      pae valider records/jeunes/2026/0990001A/
      pae valider --format json --date 2026-10-15
      pae valider --depuis origin/main --format github --alertes
      pae valider --rapport gitlab:gl-code-quality-report.json --rapport junit:rapport-junit.xml
    """
    from pae.commands import valider as command

    opts = command.Options(
        root_of(ctx),
        today_or(today),
        list(chemins),
        fmt,
        jobs,
        since=depuis,
        reports=list(rapports),
        alerts=alertes,
    )
    ctx.exit(command.run(opts, sys.stdout))


STEPS = [
    "a_contacter",
    "contacte",
    "entretien_information",
    "inscrit",
    "en_parcours",
    "bilan",
    "termine",
    "non_inscrit",
]


@cli.command()
@depot_option
@click.argument("dossier", required=False)
@date_option
@filter_options
@click.option("--etape", type=click.Choice(STEPS), help="Seulement les dossiers à cette étape.")
@click.option("--alertes-seulement", is_flag=True, help="Seulement les dossiers avec une alerte.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["texte", "csv", "json"]),
    default="texte",
    show_default=True,
    help="Format de sortie.",
)
@click.pass_context
def statut(
    ctx: click.Context,
    dossier: str | None,
    today: date | None,
    etablissement: str | None,
    referent: str | None,
    etape: str | None,
    alertes_seulement: bool,
    fmt: str,
) -> None:
    """Où en est chaque jeune : étape, prochaine échéance, alertes.

    Avec DOSSIER (son identifiant), affiche le dossier en entier : chronologie, ce qui
    vient, chaque alerte avec qui doit agir et quand.

    \b
    Exemples :
      pae statut --date 2026-10-15
      pae statut --referent c-durand --alertes-seulement
      pae statut --format csv > cohorte.csv
      pae statut 0990001N-2026-001
    """
    from pae.commands import statut as command

    opts = command.Options(
        root_of(ctx),
        today_or(today),
        dossier,
        etablissement,
        referent,
        etape,
        alertes_seulement,
        fmt,
        color=sys.stdout.isatty(),
    )
    ctx.exit(command.run(opts, sys.stdout, sys.stderr))


@cli.command()
@depot_option
@date_option
@click.option(
    "--jours",
    type=click.IntRange(min=0),
    default=None,
    help="Horizon en jours (par défaut : le paramètre horizon_echeances_jours de "
    "records/parametres.yaml).",
)
@filter_options
@click.option(
    "--ics",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Écrire aussi un fichier iCalendar (.ics) à importer dans un agenda.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["texte", "json"]),
    default="texte",
    show_default=True,
    help="Format de sortie.",
)
@click.pass_context
def echeances(
    ctx: click.Context,
    today: date | None,
    jours: int | None,
    etablissement: str | None,
    referent: str | None,
    ics: Path | None,
    fmt: str,
) -> None:
    """Ce qui est à faire dans les prochains jours, par personne qui doit agir.

    Les échéances dépassées sont incluses (« EN RETARD »).

    \b
    Exemples :
      pae echeances
      pae echeances --jours 30 --referent c-durand
      pae echeances --ics agenda.ics
    """
    from pae.commands import echeances as command

    opts = command.Options(root_of(ctx), today_or(today), jours, etablissement, referent, ics, fmt)
    ctx.exit(command.run(opts, sys.stdout, sys.stderr))


@cli.command()
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
    from pae.commands import codeowners as command

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


@cli.command()
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
    session: int | None,
    force: bool,
    today: date | None,
    **values: str | None,
) -> None:
    """Préparer le dépôt d'un lycée : remplacer les données de démonstration par les siennes.

    Écrit la fiche du lycée et celle de sa mission locale, crée le dossier des jeunes de la
    session et le fichier CODEOWNERS. Les valeurs absentes des options sont demandées.
    Rien n'est modifié si une valeur est refusée.

    \b
    Exemple :
      pae init --uai 0750654D --nom "Lycée professionnel Exemple" --commune Paris \\
        --zone C --chef "Mme Exemple" --mission-locale ml-paris \\
        --mission-locale-nom "Mission locale de Paris" \\
        --mission-locale-courriel contact@ml-paris.example \\
        --referent "c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand"
    """
    from pae.commands import init as command

    command.refuse_real_data(root_of(ctx), force)  # before any question
    interactive = command.fill(values, _ask)
    specs = list(referents)
    while interactive and not referents:
        answer = _ask(command.REFERENT_QUESTION, command.check_referent, True)
        if not answer:
            break
        specs.append(answer)
    day = today_or(today)
    opts = command.Options(
        root_of(ctx),
        day,
        session or day.year,
        referents=[command.parse_referent(s) for s in specs],
        force=force,
        **{k: v for k, v in values.items() if v is not None},
    )
    ctx.exit(command.run(opts, sys.stdout))


@cli.command()
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
    metavar="HÔTE:PORT",
    default="127.0.0.1:8000",
    show_default=True,
    help="Adresse de l'aperçu (avec --servir).",
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
    """
    from pae.commands import site as command

    opts = command.Options(
        root_of(ctx), today_or(today), sortie, etablissement, pseudonymiser, servir, adresse
    )
    ctx.exit(command.run(opts, sys.stdout, sys.stderr))


def main(argv: list[str] | None = None) -> None:
    """Entry point: French errors and exit codes, never a traceback."""
    try:
        code = cli.main(args=argv, prog_name="pae", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("Abandon.", err=True)
        code = 1
    except PaeError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrompu.", err=True)
        code = 130
    except Exception as exc:
        # A bug of ours: say so in French; PAE_DEBUG=1 shows the details for developers.
        if os.environ.get("PAE_DEBUG"):
            raise
        click.echo(
            f"Erreur interne inattendue ({type(exc).__name__}) : merci de la signaler à "
            "l'équipe qui maintient pae, avec la commande lancée (PAE_DEBUG=1 pour le détail).",
            err=True,
        )
        code = 3
    sys.exit(code or 0)
