"""How `yaml_edit` writes: ruamel held to YAML 1.1 and to the records' habits (double
quotes, flow items, indentation), and the merge that keeps untouched lines byte for byte."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeAlias, TypeGuard

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from pae.records import load

Path: TypeAlias = tuple[str | int, ...]
"""A path inside a document, e.g. ("parcours", "actions", 0, "debut")."""

Value: TypeAlias = "str | int | float | bool | dt.date | Sequence[Value] | Mapping[str, Value]"
"""What callers write: plain Python data (a date is written as an unquoted YYYY-MM-DD)."""

FLOW_ITEM_KEYS = frozenset({"assiduite", "creneaux"})
"""Lists whose items the records write as `- {a: 1, b: 2}` when no item shows the style yet."""

# Strings of digits and punctuation (phones, times, "2/3", "07-01") are quoted in the records,
# even where a YAML 1.1 reader would keep them as text.
_NUMBERISH = re.compile(r"[\d\s+()./:-]*\d[\d\s+()./:-]*")
# YAML 1.1 booleans that PyYAML reads as text but other YAML 1.1 tools read as booleans.
_OTHER_BOOLEANS = frozenset({"y", "Y", "n", "N"})
_STR_TAG = "tag:yaml.org,2002:str"
MISSING = object()
_RESOLVER = yaml.resolver.Resolver()


class _Emitter(Emitter):
    """ruamel's emitter, held to YAML 1.1 for bare scalars and to double quotes for new ones."""

    def analyze_scalar(self, scalar: Any) -> Any:
        analysis = super().analyze_scalar(scalar)
        # ruamel follows YAML 1.2, which allows `{x: :a}` and `[? x]`; PyYAML reads YAML 1.1.
        strict = _STRICT.analyze_scalar(scalar)
        analysis.allow_flow_plain &= strict.allow_flow_plain
        analysis.allow_block_plain &= strict.allow_block_plain
        return analysis

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        # A value read as 'x' keeps its quotes; only new values get double quotes.
        if style == "'" and self.event.style is None:
            return '"'
        return style


class _Representer(RoundTripRepresenter):
    """ruamel's representer, that writes an anchor only where the file had one."""

    def ignore_aliases(self, data: Any) -> bool:
        # A date object used twice would be written `&id001` then `*id001`, which the
        # application refuses.
        anchor = getattr(data, "anchor", None)
        return anchor is None or anchor.value is None


_STRICT = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
"""PyYAML's emitter, only asked where a scalar may be written bare."""


def read(text: str) -> Any:
    """The data the application sees in `text`: read by its one reader, `load.parse`."""
    return load.parse(text)


def plain(value: Value) -> Any:
    """The data the application reads back once `value` is written (dates become strings)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if _is_list(value):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def holds(data: Any, step: str | int) -> bool:
    """Whether read data (a dict or a list) has an item at `step`."""
    if isinstance(data, dict):
        return step in data
    return isinstance(data, list) and isinstance(step, int) and -len(data) <= step < len(data)


def new_loader(text: str) -> YAML:
    """A ruamel round-trip YAML set up to write the way `text` is written."""
    loader = YAML(typ="rt")
    loader.Emitter = _Emitter
    loader.Representer = _Representer
    loader.preserve_quotes = True
    loader.width = 1_000_000_000  # never fold a long line
    loader.allow_unicode = True
    loader.brace_single_entry_mapping_in_flow_sequence = True  # else [{a: 1}] becomes [a: 1]
    mapping, offset = _indents(text)
    loader.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return loader


def _indents(text: str) -> tuple[int, int]:
    """The mapping indent and the dash offset of block lists used in `text` (2, 2 if none)."""
    mapping = offset = None
    parent = None  # column of the last "key:" line that opens a block
    for line in text.splitlines():
        body = line.lstrip(" ")
        if not body.strip() or body.startswith("#"):
            continue
        column = len(line) - len(body)
        if parent is not None and body.startswith("- ") and column >= parent:
            offset = offset if offset is not None else column - parent
        elif parent is not None and column > parent:
            mapping = mapping if mapping is not None else column - parent
        while body.startswith("- "):  # a key inside a list item starts after its dash
            body, column = body[2:], column + 2
        parent = column if body.rstrip().endswith(":") else None
    return mapping or 2, offset if offset is not None else 2


def insert_position(mapping: CommentedMap, key: str, order: Sequence[str]) -> int:
    """Where a new `key` goes: before the first key that follows it in `order`, else last."""
    if key in order:
        later = set(order[order.index(key) + 1 :])
        for position, existing in enumerate(mapping):
            if existing in later:
                return position
    return len(mapping)


def nodes_at(node: Any, path: Path) -> Iterator[Any]:
    """Nodes at `path` where an index matches any item, the last items first."""
    if not path:
        yield node
        return
    step, rest = path[0], path[1:]
    if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
        yield from nodes_at(node[step], rest)
    elif isinstance(node, CommentedSeq) and isinstance(step, int):
        for item in reversed(node):
            yield from nodes_at(item, rest)


def flow_of_items(flow: bool | None, like: Any, key: str | None) -> bool | None:
    """Whether new list items are flow: as asked, like an existing item, or by list name."""
    if flow is not None:
        return flow
    if isinstance(like, CommentedMap | CommentedSeq):
        return bool(like.fa.flow_style())
    return True if key in FLOW_ITEM_KEYS else None


def build_node(
    value: Value, like: Any, flow: bool | None, item_flow: bool | None, key: str | None
) -> Any:
    """The ruamel node for `value`, styled as asked, else like the existing node `like`."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            child = like.get(k) if isinstance(like, CommentedMap) else None
            node[key_text(str(k))] = build_node(v, child, None, None, str(k))
        if flow_of_items(flow, like, None):
            node.fa.set_flow_style()
        return node
    if _is_list(value):
        seq = CommentedSeq()
        item_like = like[-1] if isinstance(like, CommentedSeq) and like else None
        if flow is None and item_like is not None:
            flow = bool(like.fa.flow_style())
        # The records write lists of words as [a, b] and lists of mappings as blocks.
        if flow if flow is not None else not is_nested(value):
            seq.fa.set_flow_style()
            item_flow = True  # a block mapping in [...] would be written [a: 1]
        item_flow = flow_of_items(item_flow, item_like, key)
        seq.extend(build_node(v, item_like, item_flow, None, None) for v in value)
        return seq
    return _scalar(value, like)


def _is_list(value: object) -> TypeGuard[Sequence[Value]]:
    """Whether `value` is written as a YAML list."""
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def is_nested(values: Sequence[Value]) -> bool:
    """Whether some of `values` are lists or mappings."""
    return any(isinstance(v, Mapping) or _is_list(v) for v in values)


def _scalar(value: Value, like: Any) -> Any:
    """A scalar that the application reads back as `value`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)  # an IntEnum has no representer
    if isinstance(value, str):
        text = str.__str__(value)  # a StrEnum has no representer
        if isinstance(like, ScalarString) or _must_quote(text):
            return DoubleQuotedScalarString(text)  # and a quoted value stays quoted
        return text
    if isinstance(value, dt.datetime):
        raise TypeError(f"{value!r}: the records hold dates, not times of day")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise TypeError(f"{value!r}: cannot be written in a record")


def key_text(key: str) -> str:
    """A mapping key, quoted if a YAML reader would not take it as this text."""
    return DoubleQuotedScalarString(key) if _must_quote(key) else key


def _must_quote(text: str) -> bool:
    """Whether `text` written bare would read as something else, or look like a number."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != _STR_TAG or text in _OTHER_BOOLEANS or bool(_NUMBERISH.fullmatch(text))


def reads_as(text: str, want: Any) -> bool:
    """Whether the application would read `text` as `want`."""
    try:
        return bool(read(text) == want)
    except load.LoadError:
        return False


def tidy(base: str, new: str) -> str:
    """`new` with comments and blank lines kept with what follows them.

    ruamel attaches a comment to the value before it: new lines land below a comment that
    heads the next section, and removing a value takes that comment away.
    """
    blines, nlines = _lines(base), _lines(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, blines, nlines, autojunk=False)
    for tag, b1, b2, n1, n2 in matcher.get_opcodes():
        if tag == "insert":  # above the blank lines and outdented comments before it
            at = len(out)
            while at > 0 and _floats(out[at - 1], _indent(nlines[n1])):
                at -= 1
            out[at:at] = nlines[n1:n2]
        elif tag == "delete":  # without the blank lines and outdented comments after it
            keep = b2
            while keep > b1 and _floats(blines[keep - 1], _indent(blines[b1])):
                keep -= 1
            out += blines[keep:b2]
        else:
            out += nlines[n1:n2]
    return "".join(out)


def _floats(line: str, depth: int) -> bool:
    """Whether `line` is blank or a comment not more indented than `depth`."""
    body = line.strip(" \t\r\n")
    return not body or (body.startswith("#") and _indent(line) <= depth)


def _lines(text: str) -> list[str]:
    """The lines of `text` with their ends; unlike str.splitlines, only "\\n" ends a line."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1].removesuffix("\n")
    return lines if lines[-1] else lines[:-1]


def _indent(line: str) -> int:
    """The number of leading spaces of `line`."""
    return len(line) - len(line.lstrip(" "))


def merge_lines(original: str, base: str, new: str, loose: bool) -> str:
    """Apply the line changes from `base` to `new` onto `original`, of which `base` is a rewrite.

    `base` is ruamel's rendering of `original`: the same text for most files, but ruamel
    rewrites `[ a ]`, `key:   value`, `~`, CRLF... Lines match without their trailing blanks,
    and if `loose` a block that ruamel rewrote line for line matches too; a change widens to
    matching lines, and all other lines are kept as they were.
    """
    olines, blines, nlines = _lines(original), _lines(base), _lines(new)
    okeys, bkeys, nkeys = ([s.rstrip(" \t\r\n") for s in x] for x in (olines, blines, nlines))
    newline = "\r\n" if original.count("\r\n") * 2 > original.count("\n") else "\n"
    to_original = {-1: -1, len(blines): len(olines)}
    matcher = difflib.SequenceMatcher(None, bkeys, okeys, autojunk=False)
    for tag, b1, b2, o1, o2 in matcher.get_opcodes():
        if tag == "equal" or (loose and tag == "replace" and b2 - b1 == o2 - o1):
            to_original.update((b1 + k, o1 + k) for k in range(b2 - b1))
    hunks: list[tuple[int, int, int, int]] = []
    matcher = difflib.SequenceMatcher(None, bkeys, nkeys, autojunk=False)
    for tag, b1, b2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        while b1 - 1 not in to_original:
            b1, n1 = b1 - 1, n1 - 1
        while b2 not in to_original:
            b2, n2 = b2 + 1, n2 + 1
        if hunks and b1 <= hunks[-1][1]:  # widened into the previous change: one change
            b1, _, n1, _ = hunks.pop()
        hunks.append((b1, b2, n1, n2))
    out: list[str] = []
    done = 0  # lines of the original copied so far
    for b1, b2, n1, n2 in hunks:
        start = to_original[b1 - 1] + 1
        out += olines[done:start]
        out += (line.removesuffix("\n") + newline for line in nlines[n1:n2])
        # A pure insertion keeps the original lines that ruamel drops (`---`, `...`).
        done = start if b1 == b2 else to_original[b2]
    out += olines[done:]
    return "".join(out)
