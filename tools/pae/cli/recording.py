"""The commands that create dossiers (options only): `pae nouveau`, `pae importer`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from pae.cli.options import (
    choice,
    depot_option,
    record_options,
    root_of,
    today_or,
    values_help,
)
from pae.labels import DIPLOMA_LABELS, MOTIFS, RESULTATS

_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("etablissement", "UAI du lycée"),
    ("nom", "Nom"),
    ("prenom", "Prénom"),
    ("date_naissance", "Date de naissance (AAAA-MM-JJ ou JJ/MM/AAAA)"),
    ("diplome", f"Diplôme ({values_help('jeune', 'examen', 'diplome', table=DIPLOMA_LABELS)})"),
    ("specialite", "Spécialité (par exemple « Cuisine »)"),
    ("resultat", f"Résultat ({values_help('jeune', 'examen', 'resultat', table=RESULTATS)})"),
)
"""What `pae nouveau` asks for when an option is missing, in this order."""


@click.command()
@depot_option
@click.option("--etablissement", metavar="UAI", help="UAI du lycée, par exemple 0990001N.")
@click.option(
    "--session",
    type=click.IntRange(1900, 2100),
    metavar="AAAA",
    help="Session de l'examen ; par défaut, l'année de la date de référence.",
)
@click.option("--nom", metavar="TEXTE", help="Nom de famille.")
@click.option("--prenom", metavar="TEXTE", help="Prénom.")
@click.option(
    "--date-naissance", metavar="DATE", help="Date de naissance (AAAA-MM-JJ ou JJ/MM/AAAA)."
)
@click.option(
    "--diplome",
    type=choice("jeune", "examen", "diplome"),
    help=f"Diplôme passé : {values_help('jeune', 'examen', 'diplome', table=DIPLOMA_LABELS)}.",
)
@click.option("--specialite", metavar="TEXTE", help="Spécialité du diplôme.")
@click.option(
    "--resultat",
    type=choice("jeune", "examen", "resultat"),
    help=f"Résultat : {values_help('jeune', 'examen', 'resultat', table=RESULTATS)}.",
)
@click.option(
    "--motif",
    type=choice("jeune", "reperage", "motif"),
    help="Pourquoi le jeune est repéré : "
    f"{values_help('jeune', 'reperage', 'motif', table=MOTIFS)} "
    "(par défaut : echec_examen si ajourné, sinon sans_solution_connue).",
)
@click.option(
    "--premiere-session",
    type=click.IntRange(1900, 2100),
    metavar="AAAA",
    help="Première session où le jeune a passé ce diplôme (par défaut, la session).",
)
@click.option("--ine", metavar="INE", help="Identifiant national élève (facultatif).")
@click.option("--telephone", metavar="TEXTE", help="Téléphone (facultatif).")
@click.option("--courriel", metavar="COURRIEL", help="Courriel (facultatif).")
@click.option("--boursier/--non-boursier", default=None, help="Boursier ou non (facultatif).")
@record_options
@click.pass_context
def nouveau(ctx: click.Context, /, today: date | None, commit: bool, **values: Any) -> None:
    """Créer le dossier d'un jeune, sous le prochain identifiant libre de son lycée.

    Les valeurs obligatoires absentes des options sont demandées. Le dossier est vérifié
    avant d'être écrit ; un fichier existant n'est jamais remplacé.

    \b
    Exemples :
      pae nouveau
      pae nouveau --etablissement 0990001N --nom Martin --prenom Léa \\
        --date-naissance 2007-03-14 --diplome cap --specialite "Équipier polyvalent du commerce" \\
        --resultat ajourne
    """
    from pae.cli.commands import nouveau as command

    day = today_or(today)
    for key, question in _QUESTIONS:
        if values.get(key):
            continue
        if key == "etablissement":  # the repository's lycées, by UAI and name
            known = command.lycees(root_of(ctx), day)
            if len(known) == 1:  # the lycée's own repository: nothing to ask
                values[key] = next(iter(known))
                continue
            listed = " ; ".join(f"{uai} : {name}" for uai, name in known.items())
            values[key] = _ask(f"{question} ({listed})", command.check_lycee(known))
        else:
            values[key] = _ask(question, command.check(key))
    opts = command.Options(root_of(ctx), day, commit=commit)
    ctx.exit(command.run(opts, values, sys.stdout))


def _ask(question: str, check: Callable[[str], str | None]) -> str:
    def proc(value: str) -> str:
        value = value.strip()
        if message := check(value):
            raise click.BadParameter(message)
        return value

    answer: str = click.prompt(question, value_proc=proc, prompt_suffix=" : ")
    return answer


@click.command()
@depot_option
@click.argument("fichier", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--etablissement", metavar="UAI", required=True, help="UAI du lycée des jeunes.")
@click.option(
    "--session",
    type=click.IntRange(1900, 2100),
    metavar="AAAA",
    help="Session de l'examen ; par défaut, l'année de la date de référence.",
)
@click.option("--appliquer", is_flag=True, help="Créer les dossiers (sinon : simulation).")
@click.option(
    "--ignorer-erreurs",
    is_flag=True,
    help="Créer les dossiers des lignes valides même si d'autres sont en erreur.",
)
@record_options
@click.pass_context
def importer(
    ctx: click.Context,
    fichier: Path,
    etablissement: str,
    session: int | None,
    appliquer: bool,
    ignorer_erreurs: bool,
    today: date | None,
    commit: bool,
) -> None:
    """Créer les dossiers d'un lycée à partir d'un export de l'établissement (CSV, .xlsx, .ods).

    Sans --appliquer, simule : liste ce qui serait créé, ce qui serait ignoré et pourquoi.
    Un jeune déjà présent (même INE, sinon mêmes nom, prénom et date de naissance) est
    ignoré : importer deux fois le même fichier ne crée rien de plus. Si une ligne est en
    erreur, rien n'est créé (sauf avec --ignorer-erreurs).

    \b
    Colonnes reconnues (majuscules, accents et ponctuation indifférents) :
      Nom, Prénom, Date de naissance, Diplôme (ou Formation : « CAP Cuisine »),
      Résultat (ou Décision), et en option Spécialité (ou Option), INE, Téléphone,
      Courriel (ou Email), Boursier, Motif, Première session.
    Le CSV peut être séparé par « ; » ou « , », en UTF-8 (avec ou sans BOM) ou Windows-1252.

    \b
    Exemples :
      pae importer resultats-cap.csv --etablissement 0990001N
      pae importer resultats.xlsx --etablissement 0990001N --appliquer
    """
    from pae.cli.commands import importer as command

    day = today_or(today)
    opts = command.Options(
        root_of(ctx),
        day,
        fichier,
        etablissement,
        session or day.year,
        appliquer,
        ignorer_erreurs,
        commit,
    )
    ctx.exit(command.run(opts, sys.stdout))
