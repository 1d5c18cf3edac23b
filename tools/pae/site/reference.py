"""The field reference of the guide, generated from the JSON Schemas of `schema/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pae.site.render import render

KINDS = (
    ("jeune", "records/jeunes/{session}/{UAI}/{id}.yaml"),
    ("etablissement", "records/etablissements/{UAI}.yaml"),
    ("mission-locale", "records/missions-locales/{id}.yaml"),
    ("offre", "records/offre/{id}.yaml"),
    ("parametres", "records/parametres.yaml"),
)
TYPES = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre",
    "boolean": "true / false",
    "object": "groupe de champs",
    "array": "liste",
}


@dataclass(frozen=True)
class Field:
    path: str
    depth: int
    title: str
    type: str
    required: bool
    values: list[str]
    description: str


@dataclass(frozen=True)
class Kind:
    name: str
    file: str
    title: str
    description: str
    fields: list[Field]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        base = _resolve(defs.get(ref.rsplit("/", 1)[1], {}), defs)
        return {**base, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    kind = node.get("type")
    if node.get("format") == "date":
        return "date AAAA-MM-JJ"
    if "pattern" in node and node["pattern"].startswith("^([01]"):
        return "heure HH:MM"
    if node.get("format") == "email":
        return "adresse électronique"
    if kind == "array":
        items = _resolve(node.get("items") or {}, defs)
        inner = _type(items, defs)
        return f"liste ({inner})" if items.get("type") != "object" else "liste de groupes"
    if isinstance(kind, list):
        return " ou ".join(TYPES.get(str(k), str(k)) for k in kind)
    return TYPES.get(str(kind), "valeur") if kind else "valeur"


def _walk(node: dict[str, Any], defs: dict[str, Any], prefix: str, depth: int) -> list[Field]:
    out: list[Field] = []
    required = set(node.get("required") or ())
    for key, raw in (node.get("properties") or {}).items():
        child = _resolve(raw, defs)
        path = f"{prefix}{key}"
        items = _resolve(child.get("items") or {}, defs) if child.get("type") == "array" else {}
        enum = child.get("enum") or items.get("enum") or []
        out.append(
            Field(
                path,
                depth,
                str(child.get("title", key)),
                _type(child, defs),
                key in required,
                [str(v) for v in enum],
                str(child.get("description", "")),
            )
        )
        if child.get("type") == "object":
            out.extend(_walk(child, defs, f"{path}.", depth + 1))
        if items.get("type") == "object":
            out.extend(_walk(items, defs, f"{path}[].", depth + 1))
    return out


def load_kinds(schema_dir: Path) -> list[Kind]:
    kinds = []
    for name, file in KINDS:
        path = schema_dir / f"{name}.schema.json"
        if not path.is_file():
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        defs = schema.get("$defs") or {}
        kinds.append(
            Kind(
                name,
                file,
                str(schema.get("title", name)),
                str(schema.get("description", "")),
                _walk(schema, defs, "", 0),
            )
        )
    return kinds


def reference_page(schema_dir: Path) -> str:
    return render("champs.md.j2", kinds=load_kinds(schema_dir))
