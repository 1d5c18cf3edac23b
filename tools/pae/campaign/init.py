"""Turn a fresh clone, with its demo data, into one lycée's own repository (`pae init`)."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from pae.campaign.offre_import import OffrePlan
from pae.campaign.swap import DATA_DIRS, swap
from pae.errors import UsageError
from pae.forge import codeowners
from pae.forge.git import uncommitted
from pae.labels import plural
from pae.programme.context import Context
from pae.programme.rules import bad_uai, check_network
from pae.records.positions import fill_positions
from pae.records.reading import (
    SETTINGS_FILE,
    discover,
    load_network,
    require_records,
)
from pae.records.reference import Conseiller, Referent
from pae.records.schemas import is_email, load_schema
from pae.records.yaml_edit import Document

DEMO_MARKER = ".demo"
"""File of records/ saying that the data there are the fictitious demo network."""

Check = Callable[[str], str | None]
"""Returns the French reason why a value is refused, or None."""


def _defs() -> dict[str, Any]:
    defs: dict[str, Any] = load_schema("etablissement")["$defs"]
    return defs


def check_uai(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{7}[A-Z]", value):
        return f"UAI « {value} » invalide : 7 chiffres et une lettre clé, par exemple 0750654D"
    return bad_uai(value)


def check_text(value: str) -> str | None:
    return None if value.strip() else "valeur vide"


def check_zone(value: str) -> str | None:
    zones = load_schema("etablissement")["properties"]["zone_vacances"]["enum"]
    return None if value in zones else f"zone « {value} » inconnue : {', '.join(zones)}"


def check_ident(value: str) -> str | None:
    if re.fullmatch(_defs()["identifiant"]["pattern"], value):
        return None
    return (
        f"identifiant « {value} » invalide : minuscules, chiffres et tirets, par exemple ml-paris"
    )


def check_email(value: str) -> str | None:
    return None if is_email(value) and "@" in value else f"courriel « {value} » invalide"


def check_forge(value: str) -> str | None:
    if not value or re.fullmatch(_defs()["compte_forge"]["pattern"], value):
        return None
    return f"compte forge « {value} » invalide : un nom d'utilisateur sans @, par exemple cdurand"


def check_referent(value: str) -> str | None:
    try:
        parse_referent(value)
    except UsageError as exc:
        return str(exc)
    return None


QUESTIONS: tuple[tuple[str, str, Check], ...] = (
    ("uai", "Code UAI du lycée (7 chiffres et la lettre clé, par exemple 0750654D)", check_uai),
    ("nom", "Nom du lycée", check_text),
    ("commune", "Commune du lycée", check_text),
    ("zone", "Zone de vacances scolaires (A, B, C, corse ou académie d'outre-mer)", check_zone),
    ("chef", "Chef d'établissement (par exemple Mme Exemple)", check_text),
    ("forge_chef", "Compte forge du chef d'établissement, sans @ (facultatif)", check_forge),
    ("ml_id", "Identifiant de la mission locale (par exemple ml-paris)", check_ident),
    ("ml_nom", "Nom de la mission locale", check_text),
    ("ml_courriel", "Courriel générique de la mission locale", check_email),
)
"""Every value `pae init` needs, the question that asks for it and its check."""
OPTIONAL = ("forge_chef",)
REFERENT_QUESTION = "Référent « id:Prénom Nom:courriel[:compte forge] » (vide pour terminer)"
CONSEILLER_QUESTION = (
    "Conseiller de la mission locale « id:Prénom Nom:courriel » (vide pour terminer)"
)

Ask = Callable[[str, Check, bool], str]
"""Asks a question until the answer passes the check; the flag allows an empty answer."""


def fill(values: dict[str, str | None], ask: Ask) -> bool:
    """Check the values given and ask for the missing ones; True if anything was asked.

    Optional values are asked for only when a required one was missing: a command line
    that gives every required value runs without a question.
    """
    interactive = any(values.get(k) is None for k, *_ in QUESTIONS if k not in OPTIONAL)
    for key, question, check in QUESTIONS:
        given = values.get(key)
        if given is None and (interactive or key not in OPTIONAL):
            values[key] = ask(question, check, key in OPTIONAL) or None
        elif given is not None and (message := check(given)):
            raise UsageError(message)
    return interactive


def check_conseiller(value: str) -> str | None:
    try:
        parse_conseiller(value)
    except UsageError as exc:
        return str(exc)
    return None


def parse_conseiller(text: str) -> Conseiller:
    """`id:Prénom Nom:courriel`: a conseiller of the mission locale."""
    parts = [p.strip() for p in text.split(":")]
    if len(parts) != 3 or not all(parts):
        raise UsageError(
            f"conseiller « {text} » : attendu id:Prénom Nom:courriel, par exemple "
            "a-benali:Amina Benali:a.benali@ml-exemple.fr"
        )
    for message in (check_ident(parts[0]), check_email(parts[2])):
        if message:
            raise UsageError(f"conseiller « {text} » : {message}")
    return Conseiller(parts[0], parts[1], parts[2])


def parse_referent(text: str) -> Referent:
    """`id:Prénom Nom:courriel[:compte forge]`."""
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (3, 4) or not all(parts[:3]):
        raise UsageError(
            f"référent « {text} » : attendu id:Prénom Nom:courriel[:compte forge], "
            "par exemple c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand"
        )
    for message in (check_ident(parts[0]), check_email(parts[2])):
        if message:
            raise UsageError(f"référent « {text} » : {message}")
    forge = parts[3] if len(parts) == 4 and parts[3] else None
    if forge and (message := check_forge(forge)):
        raise UsageError(f"référent « {text} » : {message}")
    return Referent(parts[0], parts[1], parts[2], forge)


@dataclass
class Options:
    root: Path
    today: date
    session: int
    uai: str
    nom: str
    commune: str
    zone: str
    chef: str
    ml_id: str
    ml_nom: str
    ml_courriel: str
    referents: list[Referent] = field(default_factory=list)
    forge_chef: str | None = None
    force: bool = False
    conseillers: list[Conseiller] = field(default_factory=list)
    offre: OffrePlan | None = None
    """The local offer read from a spreadsheet (`offre_import.plan_offre`)."""


@dataclass
class Initialised:
    written: list[str]
    """What was created, relative to the repository root."""
    moved: int = 0
    """How many files the previous data held (records' data folders, CODEOWNERS)."""
    backup: str | None = None
    """The folder, at the repository root, they were moved to."""


def initialise(opts: Options) -> Initialised:
    """Check, write the new records in a temporary folder, validate them, then swap."""
    refuse_real_data(opts.root, opts.force)
    for key, _question, check in QUESTIONS:
        value = getattr(opts, key)
        if (value is not None or key not in OPTIONAL) and (message := check(value or "")):
            raise UsageError(message)
    with tempfile.TemporaryDirectory(prefix=".pae-init-", dir=opts.root) as name:
        staging = Path(name)
        written = stage(opts, staging)
        backup, moved = swap(opts.root, staging)
    (opts.root / "records" / DEMO_MARKER).unlink(missing_ok=True)
    return Initialised(written, moved, backup.name if backup else None)


REPLACED = ("records", "CODEOWNERS")
"""What init replaces: Git must be able to give back whatever is there."""


def refuse_real_data(root: Path, force: bool) -> list[Path]:
    """The data files init would replace; refused when Git could not give back what they
    hold (uncommitted changes, even forced), or unless they are the demo's or forced."""
    require_records(root)
    if changes := uncommitted(root, *REPLACED):
        listed = "".join(f"  {name} ({state})\n" for name, state in changes)
        raise UsageError(
            "des modifications ne sont pas enregistrées dans Git ; pae init les perdrait :\n"
            f"{listed}Les enregistrer (git add puis git commit) ou les mettre à l'abri hors "
            "du dépôt, puis relancer pae init ; --force ne passe pas outre."
        )
    records = root / "records"
    old = [p for d in DATA_DIRS if (records / d).is_dir() for p in discover(records / d)]
    if old and not (records / DEMO_MARKER).is_file() and not force:
        raise UsageError(
            f"records/ contient déjà des données qui ne sont pas celles de la démonstration "
            f"({plural(len(old), 'fichier')}) : pae init les remplacerait. Relancer avec "
            "--force pour les remplacer (elles seront déplacées dans un dossier de "
            "sauvegarde)."
        )
    return old


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the records are written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def yaml_file(schema: str, data: dict[str, Any], tail: str = "") -> str:
    """A record as users edit it: the schema line for their editor, then the keys in order."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n{body}{tail}"


def own_settings(current: Path) -> str:
    """The settings carried over, with a pseudonym key of the lycée's own (never the demo's,
    never one another repository knows)."""
    text = current.read_text(encoding="utf-8") if current.is_file() else ""
    doc = Document.parse(text if text.strip() else SETTINGS_HEADER + "confidentialite:\n")
    doc.set(("confidentialite", "cle_pseudonymes"), secrets.token_urlsafe(24))
    return doc.dump()


SETTINGS_HEADER = "# yaml-language-server: $schema=../schema/parametres.schema.json\n"


def stage(opts: Options, staging: Path) -> list[str]:
    """Write the new records and CODEOWNERS under `staging`, and check them (errors E)."""
    records = staging / "records"
    lycee = {
        "uai": opts.uai,
        "nom": opts.nom,
        "commune": opts.commune,
        "zone_vacances": opts.zone,
        "chef_etablissement": opts.chef,
        **({"forge_chef": opts.forge_chef} if opts.forge_chef else {}),
        "mission_locale": opts.ml_id,
        "referents": [
            {k: v for k, v in asdict(r).items() if v is not None} for r in opts.referents
        ],
    }
    mission: dict[str, Any] = {"id": opts.ml_id, "nom": opts.ml_nom, "courriel": opts.ml_courriel}
    tail = "# Ajouter les conseillers qui suivent des jeunes du parcours : id, nom, courriel.\n"
    tail += "conseillers: []\n"
    if opts.conseillers:
        mission["conseillers"] = [asdict(c) for c in opts.conseillers]
        tail = ""
    offre = opts.offre.files if opts.offre else {}
    files = {
        f"records/etablissements/{opts.uai}.yaml": yaml_file("etablissement", lycee),
        f"records/missions-locales/{opts.ml_id}.yaml": yaml_file("mission-locale", mission, tail),
        **{rel: yaml_file("offre", values) for rel, values in offre.items()},
        **({} if offre else {"records/offre/.gitkeep": ""}),
        f"records/jeunes/{opts.session}/{opts.uai}/.gitkeep": "",
    }
    for rel, text in files.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    settings = opts.root / "records" / SETTINGS_FILE
    (records / SETTINGS_FILE).write_text(
        without_fictional_forge(own_settings(settings)), encoding="utf-8", newline="\n"
    )
    if (opts.root / "schema").is_dir():
        shutil.copytree(opts.root / "schema", staging / "schema")
    loaded = load_network(staging)
    ctx = Context(loaded.network, loaded.settings, opts.today)
    problems = loaded.problems + check_network(ctx)
    if problems:
        fill_positions(staging, problems)
        lines = "\n".join(f"  {p.where}: {p.code} {p.message}" for p in problems)
        raise UsageError(f"les valeurs données ne passent pas la validation :\n{lines}")
    (staging / "CODEOWNERS").write_text(
        codeowners.render(loaded.network, loaded.settings), encoding="utf-8", newline="\n"
    )
    return [
        f"records/etablissements/{opts.uai}.yaml",
        f"records/missions-locales/{opts.ml_id}.yaml",
        *offre,
        f"records/jeunes/{opts.session}/{opts.uai}/",
        "CODEOWNERS",
    ]


FORMS_KEYS = ("url_forge", "projet", "branche", "application_oauth")
"""The settings of the site's forms (`forge` of the settings file)."""


def without_fictional_forge(settings: str) -> str:
    """The settings without the demo's forms settings: their forge is fictional (an address
    in .example, a name reserved for examples), and a lycée's site must not send its team
    there. The lycée then fills in its own forge; every other line stays."""
    doc = Document.parse(settings)
    url = doc.get(("forge", "url_forge"))
    host = urlsplit(url).hostname if isinstance(url, str) else None
    if not host or not (host == "example" or host.endswith(".example")):
        return settings
    for key in FORMS_KEYS:
        if doc.get(("forge", key)) is not None:
            doc.remove(("forge", key))
    return doc.dump()
