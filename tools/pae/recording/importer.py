"""`pae importer`: the dossiers of a whole lycée from the school's export, once.

A dry run lists what would be created and skipped and why; `apply` writes. A young person
already in the repository (same INE, else same name and birth date) is skipped, so that the
same file imported twice creates nothing new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pae.errors import DataError, UsageError
from pae.recording.new import Identity, create_dossier
from pae.recording.sheets import Cell, Row, Sheet, find_columns, normal, read_sheet
from pae.recording.transaction import Change, reference
from pae.records.dossier import Dossier
from pae.records.identifiers import dossier_file, free_id, taken_ids
from pae.records.reading import load_network

COLUMNS: dict[str, tuple[str, ...]] = {
    "ine": ("ine", "n ine", "no ine", "numero ine", "identifiant national", "id national"),
    "nom": ("nom", "nom de famille", "nom d usage", "nom eleve", "nom de l eleve"),
    "prenom": ("prenom", "prenom 1", "premier prenom", "prenom eleve", "prenom de l eleve"),
    "date_naissance": ("date de naissance", "date naissance", "ne e le", "naissance", "ne le"),
    "diplome": ("diplome", "formation", "diplome prepare", "examen", "diplome passe"),
    "specialite": ("specialite", "option", "libelle formation", "specialite option"),
    "resultat": ("resultat", "decision", "decision du jury", "resultat a l examen"),
    "telephone": ("telephone", "tel", "portable", "telephone portable", "tel portable"),
    "courriel": ("courriel", "email", "e mail", "mel", "adresse electronique", "mail"),
    "boursier": ("boursier", "bourse", "boursier e"),
    "motif": ("motif", "motif de reperage"),
    "premiere_session": ("premiere session", "1re session", "1ere session"),
}
"""Each field and the headings it is found under, compared without case, accents or
punctuation (« Date de naissance », « DATE NAISSANCE », « Né(e) le »)."""
REQUIRED = ("nom", "prenom", "date_naissance", "diplome", "resultat")

DIPLOMAS = (
    ("bac_pro", ("bac pro", "bacpro", "baccalaureat professionnel", "bac professionnel")),
    ("cap", ("cap",)),
    ("bma", ("bma", "brevet des metiers d art")),
    ("dtms", ("dtms", "diplome de technicien des metiers du spectacle")),
)
PASSED = ("admis", "admise", "recu", "recue", "obtenu", "a", "oui")
FAILED = ("ajourne", "ajournee", "refuse", "refusee", "non admis", "non admise", "echec", "aj")
YES = ("oui", "o", "x", "1", "vrai", "true")
NO = ("non", "n", "0", "faux", "false", "")


@dataclass
class Line:
    """What the import does with one line of the file."""

    number: int
    action: str
    """creer, ignorer or erreur."""
    why: str = ""
    identity: Identity | None = None
    ident: str | None = None
    file: str | None = None


@dataclass
class Plan:
    sheet: Sheet
    columns: dict[str, str]
    """Field → the heading it was found under."""
    lines: list[Line] = field(default_factory=list)
    created: list[Change] = field(default_factory=list)

    def of(self, action: str) -> list[Line]:
        return [line for line in self.lines if line.action == action]


def columns_of(headers: list[str]) -> dict[str, str]:
    return find_columns(headers, COLUMNS, REQUIRED, "pae importer")


def parse_date(value: Cell) -> date:
    if isinstance(value, date):
        return value
    text = value.strip()
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"date de naissance « {text} » invalide (JJ/MM/AAAA attendu)")


def parse_diploma(value: str, specialite: str) -> tuple[str, str]:
    """`CAP Cuisine` → (cap, Cuisine); the speciality column wins when there is one."""
    tokens = value.split()
    for code, names in DIPLOMAS:
        for i in range(1, len(tokens) + 1):
            if normal(" ".join(tokens[:i])) in (*names, normal(code)):
                rest = " ".join(tokens[i:]).strip(" -:")
                return code, specialite.strip() or rest
    raise ValueError(
        f"diplôme « {value} » non reconnu : CAP, bac pro, BMA ou DTMS (le parcours ne "
        "concerne que ces diplômes)"
    )


def parse_result(value: str) -> str:
    key = normal(value)
    if key in PASSED or key.startswith("admis"):
        return "admis"
    if key in FAILED:
        return "ajourne"
    raise ValueError(f"résultat « {value} » non reconnu : admis ou ajourné")


def parse_yes_no(value: str) -> bool | None:
    key = normal(value)
    if key in YES:
        return True
    if key in NO:
        return None if not key else False
    raise ValueError(f"boursier « {value} » : oui ou non attendu")


def identity_of(row: Row, columns: dict[str, str], uai: str, session: int) -> Identity:
    def cell(name: str) -> Cell:
        heading = columns.get(name)
        return row.cells.get(heading, "") if heading else ""

    def text(name: str) -> str:
        value = cell(name)
        return value.isoformat() if isinstance(value, date) else value.strip()

    for name in REQUIRED:
        if not text(name):
            raise ValueError(f"{name.replace('_', ' ')} manquant (colonne « {columns[name]} »)")
    diplome, specialite = parse_diploma(text("diplome"), text("specialite"))
    if not specialite:
        raise ValueError("spécialité manquante : ajouter une colonne « Spécialité »")
    first = text("premiere_session")
    return Identity(
        etablissement=uai,
        session=session,
        nom=text("nom"),
        prenom=text("prenom"),
        date_naissance=parse_date(cell("date_naissance")),
        diplome=diplome,
        specialite=specialite,
        resultat=parse_result(text("resultat")),
        motif=text("motif") or None,
        premiere_session=int(first) if first.isdigit() else None,
        ine=text("ine").upper() or None,
        telephone=text("telephone") or None,
        courriel=text("courriel") or None,
        boursier=parse_yes_no(text("boursier")),
    )


def _key(nom: str, prenom: str, born: date | None) -> tuple[str, str, date | None]:
    return normal(nom), normal(prenom), born


def plan_import(root: Path, source: Path, uai: str, session: int, today: date) -> Plan:
    """What importing `source` would do, line by line; nothing is written."""
    sheet = read_sheet(source)
    columns = columns_of(sheet.headers)
    known = load_network(root).network
    if uai not in known.etablissements:
        shown = ", ".join(sorted(known.etablissements)) or "aucun"
        raise UsageError(f"établissement « {uai} » inconnu (établissements : {shown})")
    by_ine = {
        d.raw["identite"].get("ine"): d for d in known.dossiers if d.raw["identite"].get("ine")
    }
    by_name = {_key(d.nom, d.prenom, d.date_naissance): d for d in known.dossiers}
    taken = taken_ids(root)
    out = Plan(sheet, columns)
    seen: dict[tuple[str, str, date | None], int] = {}
    for row in sheet.rows:
        try:
            identity = identity_of(row, columns, uai, session)
        except ValueError as exc:
            out.lines.append(Line(row.number, "erreur", str(exc)))
            continue
        key = _key(identity.nom, identity.prenom, identity.date_naissance)
        existing = (by_ine.get(identity.ine) if identity.ine else None) or by_name.get(key)
        if existing is not None:
            out.lines.append(Line(row.number, "ignorer", _already(existing), identity))
        elif key in seen:
            why = f"en double dans le fichier (ligne {seen[key]})"
            out.lines.append(Line(row.number, "ignorer", why, identity))
        else:
            seen[key] = row.number
            ident = free_id(taken, uai, session)
            taken.add(ident)
            file = dossier_file(uai, session, ident)
            out.lines.append(Line(row.number, "creer", "", identity, ident, file))
    return out


def _already(d: Dossier) -> str:
    return f"déjà dans le dépôt : {d.id} ({d.prenom} {d.nom})"


def apply(root: Path, planned: Plan, today: date, ignore_errors: bool) -> Plan:
    """Create the dossiers the plan lists; nothing if a line is wrong (unless told to skip)."""
    errors = planned.of("erreur")
    if errors and not ignore_errors:
        listed = "\n".join(f"  ligne {line.number} : {line.why}" for line in errors)
        raise DataError(
            f"{len(errors)} ligne(s) invalide(s), aucun dossier créé :\n{listed}\n"
            "Corriger le fichier, ou relancer avec --ignorer-erreurs pour créer les autres."
        )
    ctx = reference(root, today)
    taken = taken_ids(root)
    for line in planned.of("creer"):
        assert line.identity is not None
        planned.created.append(create_dossier(root, line.identity, today, ctx, taken))
    return planned
