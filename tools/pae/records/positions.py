"""Where a value stands in a file: line and column, found by composing the text once.

Only files with a problem are composed again, after loading, and without resolving tags
(positions need the nodes' marks, not their types): ~30 % cheaper than the safe loader's
composer. `fill_positions` places many problems, in worker processes when there are many
files (`pae statut --format json` places every alert of a network).
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pae.problems import Path_, Problem
from pae.records import load
from pae.records.load import _one_based
from pae.terminal import quiet_worker

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - libyaml is present on every supported platform
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]


class _Composer(_Parser, yaml.resolver.BaseResolver):
    """Nodes with their marks; every tag left as a plain string's (measured on 700 dossiers:
    0.33 s, against 0.41 s for yaml.CBaseLoader and 0.39 s for the safe loader)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return "tag:yaml.org,2002:str"


PARALLEL_FROM = 200
"""Files to place below which worker processes cost more than they save."""


def locate(text: str, path: Path_, on_key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at `path`, or of its nearest existing parent."""
    return Positions(text).of(path, on_key)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML 1.1 (libyaml) counts as a line break."""


class Positions:
    """Where the values of one file stand: the text is composed once, on the first question.

    Asking for each problem's place by composing the file again made a file with
    thousands of errors take time in the square of their number.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Node | None = None
        self._composed = False
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}
        self._lines: list[str] | None = None

    def _composed_root(self) -> Node | None:
        if not self._composed:
            self._root = _compose(self._text)
            self._composed = True
        return self._root

    def deeper_than(self, levels: int) -> tuple[int, int] | None:
        """Where the first value nested deeper than `levels` stands, if any."""
        root = self._composed_root()
        stack = [(root, 1)] if root is not None else []
        while stack:
            node, depth = stack.pop()
            if depth > levels:
                return _one_based(node)
            if isinstance(node, MappingNode):
                stack.extend((value, depth + 1) for _, value in reversed(node.value))
            elif isinstance(node, SequenceNode):
                stack.extend((item, depth + 1) for item in reversed(node.value))
        return None

    def of(self, path: Path_, on_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest parent."""
        line, column, _ = self.span(path, on_key)
        return line, column

    def span(self, path: Path_, on_key: bool = False) -> tuple[int, int, int]:
        """Line, column and the column after the end (1-based) of the value at `path`, or
        of its nearest parent; the end stays on the line where the value starts."""
        node = self._node(path, on_key)
        if node is None:
            return 1, 1, 2
        line, column = _one_based(node)
        if node.end_mark.line == node.start_mark.line:
            end = node.end_mark.column + 1
        else:  # a block: underline the rest of its first line
            end = len(self._line(line)) + 1
        return line, column, max(end, column + 1)

    def _node(self, path: Path_, on_key: bool) -> Node | None:
        node = self._composed_root()
        if node is None:
            return None
        found: Node = node
        for step in path:
            child, key_node = self._child(node, step)
            if child is None:
                break
            node = child
            found = key_node if (on_key and key_node is not None) else child
        return found

    def _line(self, number: int) -> str:
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self._text)
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""

    def _child(self, node: Node, step: str | int) -> tuple[Node | None, Node | None]:
        if isinstance(node, MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode):
                        keys.setdefault(key_node.value, (key_node, value_node))
                self._keys[id(node)] = keys
            key_node, value_node = keys.get(str(step), (None, None))
            return value_node, key_node
        if isinstance(node, SequenceNode) and isinstance(step, int):
            items: Sequence[Node] = node.value
            if 0 <= step < len(items):
                return items[step], None
        return None, None


def _compose(text: str) -> Node | None:
    composer = _Composer(text)
    try:
        node: Node | None = composer.get_single_node()
        return node
    finally:
        composer.dispose()


def fill_positions(root: Path, problems: list[Problem], jobs: int | None = None) -> None:
    """Give a line and column to problems that have none, reading each file once."""
    pending = sorted((p for p in problems if p.line is None), key=lambda p: p.file)
    groups = [(file, list(group)) for file, group in groupby(pending, key=lambda p: p.file)]
    tasks = [(root / file, [(p.path, p.on_key) for p in group]) for file, group in groups]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(tasks) < PARALLEL_FROM:
        found = map(_place, tasks)
        for (_, group), spans in zip(groups, found, strict=True):
            _give(group, spans)
        return
    with _fresh_workers().Pool(jobs, quiet_worker) as pool:
        found_all = pool.imap(_place, tasks, chunksize=32)
        for (_, group), spans in zip(groups, found_all, strict=True):
            _give(group, spans)


Span = tuple[int, int, int]


def _fresh_workers() -> Any:
    """Workers that do not start as copies of this process: by the time problems are
    placed it holds the whole network, which forked workers would each count again
    (`pae statut --format json` at 10,000 dossiers: 500 MiB for the process tree)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _place(task: tuple[Path, list[tuple[Path_, bool]]]) -> list[Span] | None:
    file, asked = task
    try:
        positions = Positions(load.read_text(file))
    except load.LoadError:
        return None
    spans: list[Span] = []
    for path, on_key in asked:
        try:
            spans.append(positions.span(path, on_key))
        except Exception:
            spans.append((1, 1, 2))
    return spans


def _give(group: list[Problem], spans: list[Span] | None) -> None:
    if spans is None:
        return
    for p, (line, column, end) in zip(group, spans, strict=True):
        p.line, p.column, p.end_column = line, column, end
