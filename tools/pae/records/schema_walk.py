"""What the schemas say of a field, for the commands and the forms: its allowed values,
the order of its keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pae.records.schemas import load_schema


def enum_values(kind: str, *path: str) -> list[str]:
    """The values a field allows, e.g. `enum_values("jeune", "suivi", "points", "avec")`
    (list items are entered transparently): the one list for CLI choices and prompts."""
    schema = load_schema(kind)
    node: dict[str, Any] = schema
    for key in path:
        node = resolved(node, schema)
        if node.get("type") == "array":
            node = resolved(node.get("items") or {}, schema)
        node = (node.get("properties") or {})[key]
    node = resolved(node, schema)
    if node.get("type") == "array":
        node = resolved(node.get("items") or {}, schema)
    return [str(v) for v in node["enum"]]


def key_order(kind: str, *path: str) -> tuple[str, ...]:
    """The keys of the object at `path`, in the schema's order: where a new key goes."""
    schema = load_schema(kind)
    node: dict[str, Any] = schema
    for key in path:
        node = resolved(node, schema)
        if node.get("type") == "array":
            node = resolved(node.get("items") or {}, schema)
        node = (node.get("properties") or {})[key]
    node = resolved(node, schema)
    if node.get("type") == "array":
        node = resolved(node.get("items") or {}, schema)
    return tuple(node.get("properties") or ())


def key_orders(kind: str) -> Callable[[tuple[str | int, ...]], tuple[str, ...]]:
    """`key_order` for any path of a document (list indices skipped; unknown paths: none),
    for `yaml_edit.Document`: a new key goes where the schema puts it."""

    def order(path: tuple[str | int, ...]) -> tuple[str, ...]:
        try:
            return key_order(kind, *(step for step in path if isinstance(step, str)))
        except KeyError:
            return ()

    return order


def resolved(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`node` with the `$defs` entry it refers to merged in (its own keys win)."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[1]]
        return {**resolved(target, schema), **{k: v for k, v in node.items() if k != "$ref"}}
    return node
