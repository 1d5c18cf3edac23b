"""The commands that read: `pae valider`, `pae statut`, `pae echeances` (options only)."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import click

from pae.cli.options import (
    date_option,
    depot_option,
    filter_options,
    root_of,
    today_or,
)
from pae.programme.steps import Step
from pae.reports.formats import DEADLINE_FORMATS, STATUS_FORMATS, VALIDATION_FORMATS

MAX_JOBS = 64
"""More worker processes than this only exhausts the machine."""
MAX_DAYS = 366
"""A year ahead: the settings' own horizons stop there too (schema/parametres.schema.json)."""


@click.command()
@depot_option
@click.argument("chemins", nargs=-1, type=click.Path(path_type=Path))
@date_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(VALIDATION_FORMATS)),
    default="texte",
    show_default=True,
    help="Format du rapport.",
)
@click.option("--jobs", type=click.IntRange(1, MAX_JOBS), default=None, help="Nombre de processus.")
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
    help="Signaler aussi les alertes des dossiers vérifiés (sans effet sur le code de sortie).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Compter les avertissements comme des erreurs : code de sortie 1 s'il y en a, par "
    "exemple pae valider --strict.",
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
    strict: bool,
) -> None:
    """Vérifier les dossiers et les données de référence (erreurs et avertissements).

    Sans CHEMINS, vérifie tout records/ et le fichier CODEOWNERS. Avec CHEMINS, vérifie ces
    fichiers et les dossiers qui en dépendent (ceux d'un lycée, d'une mission locale ou
    d'une structure données). Les avertissements sont affichés sans faire échouer la
    vérification, sauf avec --strict. Code de sortie : 0 valide, 1 erreurs (ou
    avertissements avec --strict), 2 mauvaise utilisation.

    \b
    Exemples :
      pae valider
      pae valider records/jeunes/2026/0990001A/
      pae valider --format json --date 2026-10-15
      pae valider --depuis origin/main --format github --alertes
      pae valider --strict
      pae valider --rapport gitlab:gl-code-quality-report.json --rapport junit:rapport-junit.xml
    """
    from pae.cli.commands import valider as command

    opts = command.Options(
        root_of(ctx),
        today_or(today),
        list(chemins),
        fmt,
        jobs,
        since=depuis,
        reports=list(rapports),
        alerts=alertes,
        strict=strict,
    )
    ctx.exit(command.run(opts, sys.stdout))


STEPS = [step.value for step in Step]


@click.command()
@depot_option
@click.argument("dossier", required=False)
@date_option
@filter_options
@click.option(
    "--etape",
    "etapes",
    type=click.Choice(STEPS),
    multiple=True,
    help="Seulement les dossiers à cette étape ; répétable, par exemple --etape inscrit "
    "--etape en_parcours.",
)
@click.option("--alertes-seulement", is_flag=True, help="Seulement les dossiers avec une alerte.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(STATUS_FORMATS)),
    default="texte",
    show_default=True,
    help="Format de sortie ; csv pour un tableur, comme pae exporter (« ; », UTF-8 avec BOM, "
    "libellés en français, dates JJ/MM/AAAA).",
)
@click.pass_context
def statut(
    ctx: click.Context,
    dossier: str | None,
    today: date | None,
    etablissement: str | None,
    referent: str | None,
    conseiller: str | None,
    etapes: tuple[str, ...],
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
      pae statut --conseiller e-faivre
      pae statut --etape inscrit --etape en_parcours
      pae statut --format csv > cohorte.csv
      pae statut 0990001N-2026-001
    """
    from pae.cli.commands import statut as command

    opts = command.Options(
        root_of(ctx),
        today_or(today),
        dossier,
        etablissement,
        referent,
        etapes,
        alertes_seulement,
        fmt,
        color=sys.stdout.isatty(),
        conseiller=conseiller,
        width=shutil.get_terminal_size((100, 24)).columns,
    )
    ctx.exit(command.run(opts, sys.stdout, sys.stderr))


@click.command()
@depot_option
@date_option
@click.option(
    "--jours",
    type=click.IntRange(0, MAX_DAYS),
    default=None,
    help="Horizon en jours (par défaut : le paramètre horizon_echeances_jours de "
    "records/parametres.yaml).",
)
@filter_options
@click.option(
    "--chef",
    metavar="UAI",
    help="Seulement ce que le chef d'établissement de ce lycée doit faire (avec --ics : "
    "son agenda).",
)
@click.option(
    "--ics",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FICHIER",
    help="Écrire aussi un fichier iCalendar (.ics) à importer dans un agenda.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DEADLINE_FORMATS)),
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
    conseiller: str | None,
    chef: str | None,
    ics: Path | None,
    fmt: str,
) -> None:
    """Ce qui est à faire dans les prochains jours, sous chaque personne qui doit agir.

    Chaque personne est nommée (chef d'établissement, référent, conseiller de la mission
    locale), chaque ligne nomme le jeune ; les échéances dépassées sont incluses (« EN
    RETARD »), et chaque alerte est sous le nom de qui doit agir (ce qu'aurait à faire un
    référent pas encore désigné va au chef d'établissement). Avec --referent, --conseiller
    ou --chef, seulement ce que cette personne doit faire ; avec --ics, son agenda
    (l'horizon --jours appliqué, les vacances et jours fériés exclus des créneaux).

    \b
    Exemples :
      pae echeances
      pae echeances --jours 30 --referent c-durand
      pae echeances --conseiller e-faivre --ics agenda.ics
      pae echeances --chef 0990001N
    """
    from pae.cli.commands import echeances as command

    opts = command.Options(
        root_of(ctx), today_or(today), jours, etablissement, referent, ics, fmt, conseiller, chef
    )
    ctx.exit(command.run(opts, sys.stdout, sys.stderr))
