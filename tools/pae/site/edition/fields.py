"""JSON Schema → the fields of a Decap CMS form: the rules of the generated forms.

- every field: the property's French `title` as label, its `description` as hint;
- `enum`: a select showing the French word of `labels.py` (else the value itself); a list
  of enums: a multiple select;
- `format: date`: a date picker storing AAAA-MM-JJ (Decap 3 has only `datetime`: stored
  format `YYYY-MM-DD`, no time);
- other strings: their `pattern` checked as typed (times "HH:MM" among them: the YAML
  format quotes them); free text (a description saying "texte simple"): a text area;
- integers and numbers: number fields with their bounds; booleans: a switch (off by
  default only where the field is required, so that a new record can be saved);
- objects: a group, folded when optional; lists of objects: a repeatable group with a
  one-line summary; lists of strings: a list of text fields;
- references: widgets given by the collection (`Form.widgets`): relations fed by the
  reference files (a référent, a conseiller, a mission locale), a select (a structure);
- required: only where the parent always exists (top level, a required group, a list
  item). Decap fields are required by default, and a required field inside an absent
  optional group would block saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pae import labels
from pae.records.schema_walk import resolved
from pae.records.yaml_style import FLOW_ITEM_KEYS
from pae.site.render import first_upper

Field = dict[str, Any]
"""One field of Decap's configuration, as its documentation names the keys."""

LABEL_TABLES: tuple[dict[str, str], ...] = (
    labels.DIPLOMA_LABELS,
    labels.SEXES,
    labels.HANDOVER,
    labels.OUTCOME_LABELS,
    labels.ACTION_TYPES,
    labels.OFFRE_TYPES,
    labels.LIEUX,
    labels.PEOPLE,
    labels.MOTIFS,
    labels.CANAUX,
    labels.CONTACT_RESULTS,
    labels.PROPOSITIONS,
    labels.REPONSES,
    labels.BESOINS,
    labels.DECISIONS,
    labels.PROJETS,
    labels.PRESENCE,
    labels.EXIT_REASONS,
    labels.RESULTATS,
    labels.MEF,
    labels.DISPOSITIFS,
)
"""The tables of French words an enumeration may take its labels from."""

FREE_TEXT = "texte simple"
"""How the schemas describe a free-text field (a text area in the forms)."""

SUMMARY_FIELDS = 3
"""How many of an item's values its folded line shows."""

PATTERN_MESSAGE = "Format non reconnu : voir l'aide sous le champ."


@dataclass(frozen=True)
class Form:
    """What one collection decides beyond its schema, by path (`suivi.points.*.date`): the
    widget of a field (a relation, a select, a hidden identifier), over its label and hint."""

    widgets: Mapping[str, Field] = field(default_factory=dict)


@dataclass
class Generated:
    """The fields of one schema, and what the YAML format must know of it."""

    fields: list[Field]
    flow_paths: list[str]
    """Lists whose new items are written `- {a: 1, b: 2}`, as the records do."""


def first_lower(text: str) -> str:
    """`Point de suivi` → `point de suivi`; acronyms (`INE`, `MEF`) are left alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def enum_options(values: list[Any]) -> list[Field]:
    """Select options: the French word of the table that knows every value, else the value."""
    texts = [str(v) for v in values]
    tables = [t for t in LABEL_TABLES if all(v in t for v in texts)]
    table: dict[str, str] = min(tables, key=len) if tables else {}
    return [{"label": first_upper(labels.label(table, v)), "value": v} for v in texts]


def is_free_text(node: Mapping[str, Any]) -> bool:
    return FREE_TEXT in str(node.get("description", ""))


def schema_fields(schema: dict[str, Any], form: Form) -> Generated:
    """The fields of a form for records of this schema."""
    walker = _Walker(schema, form)
    fields = walker.properties(schema, "", always=True)
    return Generated(fields, walker.flow_paths)


class _Walker:
    def __init__(self, schema: dict[str, Any], form: Form) -> None:
        self.schema = schema
        self.form = form
        self.flow_paths: list[str] = []

    def node(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        return resolved(dict(raw), self.schema)

    def properties(self, node: Mapping[str, Any], prefix: str, always: bool) -> list[Field]:
        """The fields of an object; `always`: the object exists whenever its parent does."""
        required = set(node.get("required") or ())
        return [
            self.field(name, self.node(raw), f"{prefix}{name}", always and name in required)
            for name, raw in (node.get("properties") or {}).items()
        ]

    def field(self, name: str, node: dict[str, Any], path: str, required: bool) -> Field:
        out: Field = {"name": name, "label": str(node.get("title") or name)}
        if node.get("description"):
            out["hint"] = str(node["description"])
        out["required"] = required
        return {**out, **(self.form.widgets.get(path) or self.widget(node, path, required))}

    def widget(self, node: dict[str, Any], path: str, required: bool) -> Field:
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": enum_options(node["enum"])}
        if kind == "boolean":
            return {"widget": "boolean", **({"default": False} if required else {})}
        if kind in ("integer", "number"):
            out: Field = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            if kind == "number":
                out["step"] = 0.01
            for key, decap in (("minimum", "min"), ("maximum", "max")):
                if key in node:
                    out[decap] = node[key]
            return out
        if kind == "object":
            return {
                "widget": "object",
                "collapsed": not required,
                "fields": self.properties(node, f"{path}.", always=required),
            }
        if kind == "array":
            return self.array(node, path)
        if node.get("format") == "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
        out = {"widget": "text" if is_free_text(node) else "string"}
        if "pattern" in node:
            out["pattern"] = [node["pattern"], PATTERN_MESSAGE]
        return out

    def array(self, node: dict[str, Any], path: str) -> Field:
        items = self.node(node.get("items") or {})
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": enum_options(items["enum"])}
        limits = (("minItems", "min"), ("maxItems", "max"))
        bounds = {decap: node[key] for key, decap in limits if key in node}
        if items.get("type") != "object":
            inner = self.field("valeur", items, f"{path}.*", True)
            inner.pop("hint", None)
            return {"widget": "list", "field": inner, **bounds}
        if path.rsplit(".", 1)[-1] in FLOW_ITEM_KEYS:
            self.flow_paths.append(f"{path}.*")
        singular = first_lower(str(items.get("title") or "élément"))
        return {
            "widget": "list",
            "label_singular": singular,
            "collapsed": True,
            "summary": self.summary(items),
            "fields": self.properties(items, f"{path}.*.", always=True),
            **bounds,
        }

    def summary(self, items: dict[str, Any]) -> str:
        """The line a folded item shows: its first scalar values, dates as JJ/MM/AAAA."""
        parts = []
        for name, raw in (items.get("properties") or {}).items():
            node = self.node(raw)
            if node.get("type") in ("object", "array"):
                continue
            if node.get("format") == "date":
                parts.append(f"{{{{fields.{name} | date('DD/MM/YYYY')}}}}")
            elif is_free_text(node):
                parts.append(f"{{{{fields.{name} | truncate(40, '…')}}}}")
            else:
                parts.append(f"{{{{fields.{name}}}}}")
            if len(parts) == SUMMARY_FIELDS:
                break
        return " · ".join(parts)
