"""The commands of a campaign's life (options only): `pae exporter`, `pae indicateurs`,
`pae agreger`, `pae campagne nouvelle`, `pae anonymiser`."""

from __future__ import annotations

import sys
from datetime import date
from importlib.metadata import version as installed_version
from pathlib import Path

import click

from pae.cli.options import date_option, depot_option, root_of, today_or
from pae.errors import UsageError

_OUTPUT = click.option(
    "--sortie",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FICHIER",
    help="Fichier à écrire ; son extension donne le format (.csv, .xlsx, .ods, .json).",
)
_SESSION = click.option(
    "--session", type=click.IntRange(1900, 2100), metavar="AAAA", help="Une seule session."
)
_LYCEE = click.option("--etablissement", metavar="UAI", help="Un seul lycée.")


@click.command()
@depot_option
@date_option
@_OUTPUT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "ods", "json"]),
    help="Format (par défaut : celui du fichier de --sortie, sinon csv).",
)
@_LYCEE
@_SESSION
@click.option(
    "--pseudonymiser",
    is_flag=True,
    help="Sans nom, coordonnées ni texte libre ; un pseudonyme stable au lieu de "
    "l'identifiant (pour le rectorat, l'académie).",
)
@click.option(
    "--dossier",
    metavar="ID",
    help="Un seul dossier : toutes les données d'un jeune (droit d'accès).",
)
@click.pass_context
def exporter(
    ctx: click.Context,
    today: date | None,
    output: Path | None,
    fmt: str | None,
    etablissement: str | None,
    session: int | None,
    pseudonymiser: bool,
    dossier: str | None,
) -> None:
    """Exporter une ligne par dossier : étape, dates, alertes, assiduité, solution…

    CSV que Excel ouvre d'un double clic (« ; », UTF-8 avec BOM, dates JJ/MM/AAAA),
    classeur .xlsx ou .ods avec les libellés en français, ou JSON avec les codes.

    \b
    Exemples :
      pae exporter --sortie dossiers.xlsx
      pae exporter --session 2026 --pseudonymiser --sortie academie.json
      pae exporter --dossier 0990001N-2026-001 --format json
    """
    from pae.cli.commands import exporter as command

    opts = command.Options(
        root_of(ctx), today_or(today), output, fmt, etablissement, session, pseudonymiser, dossier
    )
    ctx.exit(command.run(opts, sys.stdout.buffer, sys.stderr))


_TABLE_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["texte", "csv", "xlsx", "ods", "json"]),
    help="Format (par défaut : celui du fichier de --sortie, sinon texte).",
)


@click.command()
@depot_option
@date_option
@_OUTPUT
@_TABLE_FORMAT
@_LYCEE
@_SESSION
@click.pass_context
def indicateurs(
    ctx: click.Context,
    today: date | None,
    output: Path | None,
    fmt: str | None,
    etablissement: str | None,
    session: int | None,
) -> None:
    """Les chiffres du parcours pour le rectorat : repérés, contactés, inscrits, sorties.

    Par niveau (N3, N4) et, quand le sexe est noté, par sexe ; les sorties au 31 décembre
    et après les bilans, avec le taux de sorties positives et sa définition.

    \b
    Exemples :
      pae indicateurs --session 2026
      pae indicateurs --session 2026 --sortie indicateurs.xlsx
      pae indicateurs --session 2026 --format json --sortie lycee.json
    """
    from pae.cli.commands import indicateurs as command

    opts = command.Options(root_of(ctx), today_or(today), output, fmt, etablissement, session)
    ctx.exit(command.run(opts, sys.stdout.buffer, sys.stderr))


@click.command()
@click.argument(
    "fichiers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@_OUTPUT
@_TABLE_FORMAT
def agreger(fichiers: tuple[Path, ...], output: Path | None, fmt: str | None) -> None:
    """Réunir les indicateurs, ou les exports pseudonymisés, de plusieurs lycées.

    Les FICHIERS viennent de « pae indicateurs --format json » ou de « pae exporter
    --pseudonymiser --format json » ; ils doivent être de la même session et du même format.

    \b
    Exemples :
      pae agreger lycee-a.json lycee-b.json
      pae agreger lycee-*.json --sortie academie.xlsx
    """
    from pae.cli.commands import indicateurs as command

    opts = command.Options(Path("."), date.today(), output, fmt, sources=list(fichiers))
    sys.exit(command.run(opts, sys.stdout.buffer, sys.stderr))


@click.group(subcommand_metavar="COMMANDE [ARGUMENTS]...")
def campagne() -> None:
    """Préparer la campagne suivante.

    \b
    Exemple :
      pae campagne nouvelle 2027 --vers ../pae-2027 --outil https://forge.example/pae.git
    """


@campagne.command()
@depot_option
@click.argument("session", type=click.IntRange(1900, 2100), metavar="AAAA")
@click.option(
    "--vers",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DOSSIER",
    help="Créer un nouveau dépôt de données (conseillé) dans ce dossier : fiches du "
    "lycée, de la mission locale et de l'offre, réglages, site, CODEOWNERS et "
    "intégration continue ; aucun dossier de jeune.",
)
@click.option(
    "--outil",
    metavar="URL",
    help="Avec --vers : adresse du dépôt de l'outil pae que l'intégration continue "
    "installe, par exemple https://forge.example/academie/pae.git.",
)
@click.option(
    "--version-outil",
    metavar="ÉTIQUETTE",
    help="Avec --vers : version de pae à installer (étiquette git) ; par défaut, celle qui tourne.",
)
@click.pass_context
def nouvelle(
    ctx: click.Context,
    session: int,
    target: Path | None,
    outil: str | None,
    version_outil: str | None,
) -> None:
    """Préparer la campagne AAAA, dans ce dépôt ou dans un nouveau dépôt de données.

    \b
    Exemples :
      pae campagne nouvelle 2027
      pae campagne nouvelle 2027 --vers ../pae-2027 \\
        --outil https://forge.example/academie/pae.git
    """
    from pae.cli.commands import campagne as command

    if target is not None and not outil:
        raise UsageError("--vers demande --outil URL (le dépôt de pae que la CI installera)")
    opts = command.NewOptions(
        root_of(ctx), session, target, outil, version_outil or f"v{installed_version('pae')}"
    )
    ctx.exit(command.new_campaign(opts, sys.stdout))


@click.command()
@depot_option
@date_option
@click.option(
    "--session",
    required=True,
    type=click.IntRange(1900, 2100),
    metavar="AAAA",
    help="La campagne à anonymiser.",
)
@click.option("--appliquer", is_flag=True, help="Anonymiser (sinon : simulation).")
@click.pass_context
def anonymiser(ctx: click.Context, today: date | None, session: int, appliquer: bool) -> None:
    """Anonymiser une campagne terminée depuis la durée de conservation.

    L'identité devient un pseudonyme stable et l'année de naissance ; coordonnées et
    textes libres sont retirés ; les données du parcours restent pour les statistiques.
    L'historique Git garde les anciennes versions : la commande dit quoi faire ensuite.

    \b
    Exemples :
      pae anonymiser --session 2025
      pae anonymiser --session 2025 --appliquer
    """
    from pae.cli.commands import campagne as command

    opts = command.AnonymiseOptions(root_of(ctx), today_or(today), session, appliquer)
    ctx.exit(command.anonymise(opts, sys.stdout))


CAMPAIGN_COMMANDS = (exporter, indicateurs, agreger, campagne, anonymiser)
