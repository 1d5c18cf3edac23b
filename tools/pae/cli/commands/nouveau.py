"""`pae nouveau`: a new dossier from options or answers, under the next free identifier."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pae.cli.commands.evenement import Options as ShowOptions
from pae.cli.commands.evenement import show
from pae.errors import UsageError
from pae.recording.importer import parse_date
from pae.recording.new import Identity, create_dossier
from pae.recording.transaction import reference
from pae.records.reading import load_network
from pae.records.schema_walk import enum_values


@dataclass
class Options:
    root: Path
    today: date
    commit: bool = False


def lycees(root: Path, today: date) -> dict[str, str]:
    """The lycées of the repository, UAI → name (what the question about the UAI lists)."""
    etabs = reference(root, today).network.etablissements
    return {uai: etabs[uai].nom for uai in sorted(etabs)}


def check_lycee(known: dict[str, str]) -> Callable[[str], str | None]:
    return lambda v: (
        None
        if v in known
        else f"« {v} » n'est pas un lycée du dépôt ({', '.join(known) or 'aucun'})"
    )


def check(key: str) -> Callable[[str], str | None]:
    """How an answer to the question about `key` is checked."""
    if key in ("diplome", "resultat"):
        allowed = enum_values("jeune", "examen", key)
        return lambda v: None if v in allowed else f"« {v} » : {', '.join(allowed)}"
    if key == "date_naissance":
        return _check_date
    if key == "etablissement":
        return lambda v: (
            None if re.fullmatch(r"[0-9]{7}[A-Z]", v) else "UAI attendu, par exemple 0990001N"
        )
    return lambda v: None if v else "valeur vide"


def _check_date(value: str) -> str | None:
    try:
        parse_date(value)
    except ValueError as exc:
        return str(exc)
    return None


def run(opts: Options, values: dict[str, Any], out: TextIO) -> int:
    for key in (
        "etablissement",
        "nom",
        "prenom",
        "date_naissance",
        "diplome",
        "specialite",
        "resultat",
    ):
        if message := check(key)(str(values.get(key) or "")):
            raise UsageError(f"--{key.replace('_', '-')} : {message}")
    uai = values["etablissement"]
    known = load_network(opts.root, only=[]).network.etablissements
    if uai not in known:
        shown = ", ".join(sorted(known)) or "aucun"
        raise UsageError(f"établissement « {uai} » inconnu (établissements : {shown})")
    identity = Identity(
        etablissement=uai,
        session=values.get("session") or opts.today.year,
        nom=values["nom"].strip(),
        prenom=values["prenom"].strip(),
        date_naissance=parse_date(values["date_naissance"]),
        diplome=values["diplome"],
        specialite=values["specialite"].strip(),
        resultat=values["resultat"],
        motif=values.get("motif"),
        premiere_session=values.get("premiere_session"),
        ine=values.get("ine"),
        telephone=values.get("telephone"),
        courriel=values.get("courriel"),
        boursier=values.get("boursier"),
    )
    change = create_dossier(opts.root, identity, opts.today)
    show(change, ShowOptions(opts.root, opts.today, change.dossier, opts.commit), out)
    return 0
