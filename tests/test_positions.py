"""Placing problems in their files: one composition per file, in workers when many."""

from __future__ import annotations

from pathlib import Path

from pae.codes import Code
from pae.problems import Problem
from pae.records.positions import PARALLEL_FROM, fill_positions

TEXT = """\
# fichier de test
nom: Exemple
suivi:
  points:
    - date: "2026-10-01"
      avec: [jeune]
    - date: "2026-10-15"
      avec: [jeune, referent]
"""


def _problems(count: int) -> list[Problem]:
    return [
        p
        for i in range(count)
        for p in (
            Problem(Code.A5, f"f{i:04d}.yaml", "sans point", ("suivi",)),
            Problem(Code.A5, f"f{i:04d}.yaml", "le second", ("suivi", "points", 1, "date")),
            Problem(Code.E1, f"f{i:04d}.yaml", "clé", ("nom",), on_key=True),
            Problem(Code.E1, f"f{i:04d}.yaml", "absent", ("suivi", "absent", 3)),
        )
    ]


def _spans(problems: list[Problem]) -> list[tuple[int | None, int | None, int | None]]:
    return [(p.line, p.column, p.end_column) for p in problems]


def test_fill_positions_in_workers_gives_what_one_process_gives(tmp_path: Path) -> None:
    count = PARALLEL_FROM + 10
    for i in range(count):
        (tmp_path / f"f{i:04d}.yaml").write_text(TEXT, encoding="utf-8")
    serial, parallel = _problems(count), _problems(count)
    fill_positions(tmp_path, serial, jobs=1)
    fill_positions(tmp_path, parallel, jobs=2)
    assert _spans(parallel) == _spans(serial)
    # a block starts at its first key; a missing key gives its nearest parent
    assert _spans(serial[:4]) == [(4, 3, 10), (7, 13, 25), (2, 1, 4), (4, 3, 10)]


def test_fill_positions_keeps_given_places_and_skips_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "broken.yaml").write_bytes(b"nom: [\n")
    (tmp_path / "latin1.yaml").write_bytes("nom: Hélène\n".encode("latin-1"))
    given = Problem(Code.A5, "ok.yaml", "déjà placé", ("suivi",), line=8, column=2)
    broken = Problem(Code.A5, "broken.yaml", "syntaxe", ("nom",))
    unreadable = Problem(Code.A5, "latin1.yaml", "illisible", ("nom",))
    fill_positions(tmp_path, [given, broken, unreadable])
    assert (given.line, given.column) == (8, 2)
    assert (broken.line, broken.column) == (1, 1)  # cannot be composed: the file's start
    assert unreadable.line is None
