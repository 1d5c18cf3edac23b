"""Cells for spreadsheets: nothing runs as a formula, nothing splits a row (issue 11,
item 3). Every export to a spreadsheet goes through `pae.reports.spreadsheet`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import Run
from dossier_builder import Jeune, en_parcours, write_network
from pae.records import schemas
from pae.reports.spreadsheet import protect, write_csv


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Martin", "Martin"),
        ("=1+1", "'=1+1"),
        ("+33 6 12", "'+33 6 12"),
        ("-2", "'-2"),
        ("@SOMME(A1)", "'@SOMME(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        (";=1+1", "';=1+1"),
        (",=1+1", "',=1+1"),
        ("; ;\t@x", "'; ;\t@x"),
        (" =1+1", "' =1+1"),
        ("Jean-Pierre", "Jean-Pierre"),
        ("a;=1", "a;=1"),  # a separator inside: the quotes keep it in its cell
        ("", ""),
    ],
)
def test_protect(value: str, shown: str) -> None:
    assert protect(value) == shown


def test_cells_holding_separators_or_line_breaks_are_quoted() -> None:
    out = io.StringIO()
    cells = ["simple", "a\rb", "c\nd", "e;f", "g,h", 'i"j', "k\tl", "m|n", " o"]
    write_csv(out, ["x"] * len(cells), [cells])
    assert out.getvalue() == (
        'x,x,x,x,x,x,x,x,x\nsimple,"a\rb","c\nd","e;f","g,h","i""j","k\tl","m|n"," o"\n'
    )
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [["x"] * 9, cells]


def test_statut_csv_quotes_a_carriage_return_and_neutralises_the_formula_after_it(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The schemas refuse a CR in a name; the CSV must hold even if one slipped through.
    monkeypatch.setattr(schemas.SchemaCheck, "is_valid", lambda self, instance: True)
    root = write_network(tmp_path / "depot", en_parcours(1), Jeune(2, nom="\r=1+1", prenom=";=2"))
    result = run("--depot", root, "statut", "--date", "2026-10-15", "--format", "csv")
    assert result.exit_code == 0
    assert '"\'\r=1+1";"\';=2"' in result.stdout
    text = result.stdout_bytes.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert (rows[2][1], rows[2][2]) == ("'\r=1+1", "';=2")
