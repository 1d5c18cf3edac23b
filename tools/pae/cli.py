"""The `pae` command: parses options into plain objects; the work is done elsewhere."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from pae import clifr
from pae.errors import PaeError
from pae.report import REPORTERS

clifr.install()

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "AAAA-MM-JJ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)) if len(str(value)) == 10 else _bad()
        except ValueError:
            self.fail(f"date invalide « {value} » : format attendu AAAA-MM-JJ", param, ctx)


def _bad() -> date:
    raise ValueError


def date_option(func: F) -> F:
    """`--date`: the reference date ("today"), so that every result is reproducible."""
    return click.option(
        "--date",
        "today",
        type=DateParam(),
        default=None,
        help="Date de référence (« aujourd'hui ») au format AAAA-MM-JJ ; "
        "par défaut, la date du jour.",
    )(func)


def root_of(ctx: click.Context) -> Path:
    root: Path = ctx.obj["depot"]
    return root


def today_or(value: date | None) -> date:
    # The only call to date.today(): below the CLI everything takes the date as an argument.
    return value or date.today()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--depot",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Dépôt de données à utiliser (dossier qui contient records/) ; "
    "par défaut, le dossier courant.",
)
@click.version_option(package_name="pae", message="pae %(version)s")
@click.pass_context
def cli(ctx: click.Context, depot: Path) -> None:
    """Suivi du Parcours Ambition Emploi (AvenirPro+) : dossiers, échéances, site de l'équipe.

    Chaque commande travaille sur le dépôt du dossier courant, ou sur celui de --depot.
    """
    ctx.obj = {"depot": depot.resolve()}


@cli.command()
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
@click.pass_context
def valider(
    ctx: click.Context, chemins: tuple[Path, ...], today: date | None, fmt: str, jobs: int | None
) -> None:
    """Vérifier les dossiers et les données de référence (règles E1 à E9).

    Sans CHEMINS, vérifie tout records/. Code de sortie : 0 valide, 1 erreurs, 2 mauvaise
    utilisation.

    \b
    Exemples :
      pae valider
      pae valider records/jeunes/2026/0990001A/
      pae valider --format json --date 2026-10-15
    """
    from pae.commands import valider as command

    opts = command.Options(root_of(ctx), today_or(today), list(chemins), fmt, jobs)
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
@click.argument("dossier", required=False)
@date_option
@click.option("--etablissement", metavar="UAI", help="Seulement les jeunes de ce lycée.")
@click.option("--referent", metavar="ID", help="Seulement les jeunes de ce référent.")
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
@date_option
@click.option(
    "--jours",
    type=click.IntRange(min=0),
    default=None,
    help="Horizon en jours (par défaut : le paramètre horizon_echeances_jours, 14).",
)
@click.option("--etablissement", metavar="UAI", help="Seulement les jeunes de ce lycée.")
@click.option("--referent", metavar="ID", help="Seulement les jeunes de ce référent.")
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
    sys.exit(code or 0)
