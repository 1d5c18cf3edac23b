"""Round-trip editing of hand-written YAML records: only the edited lines change."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pae.records.yaml_style import (
    MISSING,
    Path,
    Value,
    build_node,
    flow_of_items,
    holds,
    insert_position,
    is_nested,
    key_text,
    merge_lines,
    new_loader,
    nodes_at,
    plain,
    read,
    reads_as,
    tidy,
)

KeyOrder = Callable[[Path], Sequence[str]]
"""The keys of the mapping at a path, in their written order (e.g. the schema's)."""


class Document:
    """A YAML mapping read for editing; `dump` changes only the lines of the edited values."""

    def __init__(
        self, text: str, root: CommentedMap, loader: YAML, keys: KeyOrder | None = None
    ) -> None:
        self._keys: KeyOrder = keys or (lambda path: ())
        self._text = text
        self._root = root
        self._yaml = loader
        self._emitted: str | None = None  # ruamel's rendering, until the next change
        self._data: Any = None  # what the application reads in it
        self._base = self._emit()

    @classmethod
    def parse(cls, text: str, keys: KeyOrder | None = None) -> Document:
        """Read `text` (one YAML mapping) keeping comments, order, quotes and styles;
        `keys` gives the order of the keys of the mapping at a path, where new keys go."""
        body = text.removeprefix("\ufeff")  # ruamel drops it; dump puts it back
        loader = new_loader(body)
        root = loader.load(body)
        if not isinstance(root, CommentedMap):
            raise ValueError("the document must be a YAML mapping")
        return cls(text, root, loader, keys)

    def dump(self) -> str:
        """The edited text: the original lines, with only the edited ones replaced or added."""
        new = self._emit()
        if new == self._base:
            return self._text
        bom = "\ufeff" if self._text.startswith("\ufeff") else ""
        original = self._text.removeprefix("\ufeff")
        ending = "" if original.endswith(("\n", "\r")) else "\n"
        want = read(new)
        # The smallest, tidiest change first; ruamel's own output is always right, if noisier.
        for loose in (True, False):
            for candidate in (tidy(self._base, new), new):
                merged = merge_lines(original + ending, self._base, candidate, loose)
                if reads_as(merged, want):
                    return bom + (merged.removesuffix("\n") if ending else merged)
        newline = "\r\n" if original.count("\r\n") * 2 > original.count("\n") else "\n"
        return bom + new.replace("\n", newline)

    def get(self, path: Path, default: Any = None) -> Any:
        """The value at `path` as the application reads it (dates as strings), or `default`."""
        if self._data is None:
            self._data = read(self._emit())
        node = self._data
        for step in path:
            if not holds(node, step):
                return default
            node = node[step]
        return node

    def set(
        self, path: Path, value: Value, *, flow: bool | None = None, order: Sequence[str] = ()
    ) -> None:
        """Write `value` at `path`; a new key goes where `order` puts it, else last."""
        self._put(path, value, flow, None, order)

    def append(
        self, path: Path, item: Value, *, flow: bool | None = None, order: Sequence[str] = ()
    ) -> None:
        """Add `item` at the end of the list at `path`, creating the list if it is missing."""
        if self.get(path) is None:
            self._put(path, [item], None, flow, order)
            return
        node = self._walk(path)
        if not isinstance(node, CommentedSeq):
            raise TypeError(f"{path} is not a list")
        like = node[-1] if node else self._like((*path, 0))
        if not node and is_nested([item]):
            node.fa.set_block_style()  # `[]` was the only way to write it empty
        key = path[-1] if isinstance(path[-1], str) else None
        node.append(build_node(item, like, flow_of_items(flow, like, key), None, None))
        self._changed()
        self._check((*path, len(node) - 1), item)

    def remove(self, path: Path) -> None:
        """Delete the key or list item at `path`; a missing one is a KeyError."""
        if not path or self.get(path, MISSING) is MISSING:
            raise KeyError(path)
        del self._walk(path[:-1])[path[-1]]
        self._changed()

    def _walk(self, path: Path) -> Any:
        """The node at `path`, creating missing mappings on the way."""
        node: Any = self._root
        for depth, step in enumerate(path):
            if isinstance(node, CommentedMap) and isinstance(step, str):
                if step not in node:
                    at = insert_position(node, step, self._keys(path[:depth]))
                    node.insert(at, key_text(step), CommentedMap())
                    self._changed()
            elif not (isinstance(node, CommentedSeq) and isinstance(step, int)):
                raise TypeError(f"{path[: depth + 1]}: no such place in the document")
            node = node[step]
        return node

    def _put(
        self,
        path: Path,
        value: Value,
        flow: bool | None,
        item_flow: bool | None,
        order: Sequence[str],
    ) -> None:
        """Write `value` at `path`; `item_flow` styles the items of a list value."""
        if not path:
            raise ValueError("an empty path names the whole document")
        parent, key = self._walk(path[:-1]), path[-1]
        like = self._like(path)
        if isinstance(parent, CommentedSeq) and isinstance(key, int):
            parent[key] = build_node(value, like, flow, item_flow, None)
        elif isinstance(parent, CommentedMap) and isinstance(key, str):
            node = build_node(value, like, flow, item_flow, key)
            if key in parent:
                parent[key] = node
            else:
                keys = order or self._keys(path[:-1])
                parent.insert(insert_position(parent, key, keys), key_text(key), node)
        else:
            raise TypeError(f"{path}: no such place in the document")
        self._changed()
        self._check(path, value)

    def _like(self, path: Path) -> Any:
        """An existing node at `path`, any list index matching, to copy its style."""
        return next(nodes_at(self._root, path), None)

    def _changed(self) -> None:
        """Forget the renderings of the document as it was."""
        self._emitted = self._data = None

    def _check(self, path: Path, value: Value) -> None:
        """Refuse a value that the application would not read back as given."""
        got = self.get(path)
        if got != plain(value):
            raise ValueError(f"{path}: {value!r} would be read back as {got!r}")

    def _emit(self) -> str:
        """The ruamel rendering of the whole document."""
        if self._emitted is None:
            out = io.StringIO()
            self._yaml.dump(self._root, out)
            self._emitted = out.getvalue()
        return self._emitted
