"""The local offer (the map of local solutions, `records/offre/`) from a spreadsheet, for
`pae init --offre`: one line per action a structure proposes, French column names, the
lines that cannot be read listed with why (as `pae importer` does)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pae.labels import ACTION_TYPES, OFFRE_TYPES
from pae.recording.sheets import Cell, Row, Sheet, find_columns, normal, read_sheet
from pae.records.schemas import SchemaCheck, is_email

COLUMNS: dict[str, tuple[str, ...]] = {
    "nom": ("structure", "nom de la structure", "nom structure", "organisme", "nom"),
    "id": ("identifiant de la structure", "identifiant", "id structure", "id"),
    "type": ("type de structure", "type structure", "categorie", "type"),
    "commune": ("commune", "ville", "lieu"),
    "contact": ("contact", "nom du contact", "interlocuteur", "referent structure"),
    "courriel": ("courriel", "email", "e mail", "mel", "mail", "adresse electronique"),
    "telephone": ("telephone", "tel", "telephone du contact"),
    "adresse": ("adresse", "adresse postale"),
    "action": ("action", "intitule", "intitule de l action", "action proposee"),
    "action_type": ("type d action", "type action", "nature de l action", "nature"),
    "action_id": ("identifiant de l action", "id action"),
    "description": ("description de l action", "description", "contenu"),
}
"""Each field and the headings it is found under, compared without case, accents or
punctuation (« Type d'action », « TYPE ACTION »)."""
REQUIRED = ("nom", "commune", "action", "action_type")
CONTACT = ("contact", "courriel", "telephone", "adresse")


@dataclass
class OffreLine:
    """What the import does with one line: `creer` (an action of a structure) or `erreur`."""

    number: int
    action: str
    why: str = ""
    structure: str | None = None


@dataclass
class OffrePlan:
    sheet: Sheet
    columns: dict[str, str]
    """Field → the heading it was found under."""
    lines: list[OffreLine] = field(default_factory=list)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    """`records/offre/<id>.yaml` → the structure's values, in the schema's order."""

    def of(self, action: str) -> list[OffreLine]:
        return [line for line in self.lines if line.action == action]


def columns_of(headers: list[str]) -> dict[str, str]:
    return find_columns(headers, COLUMNS, REQUIRED, "pae init", "offre : ")


def slug(text: str) -> str:
    """« Boulangerie du Centre » → boulangerie-du-centre (an identifier of the records)."""
    return "-".join(normal(text).split())[:60].strip("-")


def _choice(value: str, table: dict[str, str], what: str) -> str:
    """A code written as its code or as its French label (« Stage ou immersion… »)."""
    key = normal(value)
    for code, label in table.items():
        if key in (normal(code), normal(label)):
            return code
    shown = ", ".join(sorted(table.values()))
    raise ValueError(f"{what} « {value} » inconnu : {shown}")


def plan_offre(source: Path) -> OffrePlan:
    """What importing `source` would write, line by line; nothing is written."""
    sheet = read_sheet(source)
    columns = columns_of(sheet.headers)
    plan = OffrePlan(sheet, columns)
    for row in sheet.rows:
        try:
            ident, values, action = _line(row, columns)
            rel = f"records/offre/{ident}.yaml"
            if rel not in plan.files and not values["contact"]:
                raise ValueError(
                    "contact manquant : un nom, un courriel, un téléphone ou une adresse (sur "
                    "la première ligne de la structure au moins)"
                )
            kept = plan.files.setdefault(rel, values)
            _merge(kept, values)
            if any(a["id"] == action["id"] for a in kept["actions"]):
                raise ValueError(f"action « {action['id']} » déjà dans {ident}")
            kept["actions"].append(action)
            plan.lines.append(OffreLine(row.number, "creer", structure=ident))
        except ValueError as exc:
            plan.lines.append(OffreLine(row.number, "erreur", str(exc)))
    check = SchemaCheck("offre")
    for rel, values in plan.files.items():
        for where, message, _hint, _key, _more in check.report(values):
            place = ".".join(str(p) for p in where)
            plan.lines.append(OffreLine(0, "erreur", f"{rel} : {place} : {message}", rel))
    return plan


def _line(row: Row, columns: dict[str, str]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    def text(name: str) -> str:
        heading = columns.get(name)
        value: Cell = row.cells.get(heading, "") if heading else ""
        return value.isoformat() if isinstance(value, date) else value.strip()

    for name in REQUIRED:
        if not text(name):
            raise ValueError(f"{name.replace('_', ' ')} manquant (colonne « {columns[name]} »)")
    ident = text("id") or slug(text("nom"))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
        raise ValueError(f"identifiant « {ident} » invalide : minuscules, chiffres et tirets")
    contact = {k: text(k) for k in CONTACT if text(k)}
    if "contact" in contact:
        contact["nom"] = contact.pop("contact")
    if "courriel" in contact and not is_email(contact["courriel"]):
        raise ValueError(f"courriel « {contact['courriel']} » invalide")
    kind = _choice(text("type"), OFFRE_TYPES, "type de structure") if text("type") else "autre"
    values: dict[str, Any] = {
        "id": ident,
        "nom": text("nom"),
        "type": kind,
        "commune": text("commune"),
        "contact": {
            k: contact[k] for k in ("nom", "courriel", "telephone", "adresse") if k in contact
        },
        "actions": [],
    }
    action = {
        "id": text("action_id") or slug(text("action")),
        "type": _choice(text("action_type"), ACTION_TYPES, "type d'action"),
        "intitule": text("action"),
    }
    if text("description"):
        action["description"] = text("description")
    return ident, values, action


def _merge(kept: dict[str, Any], values: dict[str, Any]) -> None:
    """The lines of one structure agree on it (its name, type, commune): else say which."""
    for key in ("nom", "type", "commune"):
        if kept[key] != values[key]:
            raise ValueError(
                f"{key} « {values[key]} » différent de « {kept[key]} » sur une ligne "
                f"précédente de la structure {kept['id']}"
            )
    for key, value in values["contact"].items():
        kept["contact"].setdefault(key, value)
