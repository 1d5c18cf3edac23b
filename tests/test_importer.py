"""`pae importer` and `pae nouveau`: the school's exports as French Excel writes them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from pae.cli.main import main
from pae.errors import DataError
from pae.files import create_file
from pae.recording.importer import parse_diploma, parse_result
from pae.records.reading import load_network

REPO = Path(__file__).resolve().parents[1]
UAI = "0990001N"
HEADERS = ["INE", "Nom", "Prénom", "Date de naissance", "Formation", "Décision", "Téléphone"]
ROWS = [
    ["1234567890A", "Lefèvre", "Maëlys", "14/03/2008", "CAP Cuisine", "Ajourné", "06 11 22 33 44"],
    ["", "N'Guessan", "Ibrahim", "02/11/2007", "Bac Pro Commerce", "Admis", ""],
]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for name in ("records", "schema"):
        shutil.copytree(REPO / name, root / name)
    return root


def pae(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


def csv_bytes(separator: str, encoding: str, rows: list[list[str]] = ROWS) -> bytes:
    lines = [separator.join(HEADERS), *(separator.join(r) for r in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def created(root: Path) -> dict[str, dict[str, object]]:
    """The imported dossiers (the demo's own end at 015), by name."""
    network = load_network(root).network
    return {
        d.nom: d.raw
        for d in network.dossiers
        if d.id > f"{UAI}-2026-015" and d.etablissement == UAI
    }


@pytest.mark.parametrize(
    ("separator", "encoding"), [(";", "utf-8-sig"), (";", "cp1252"), (",", "utf-8")]
)
def test_csv_as_french_excel_writes_it(
    demo: Path, capsys: pytest.CaptureFixture[str], separator: str, encoding: str
) -> None:
    source = demo / "export.csv"
    source.write_bytes(csv_bytes(separator, encoding))
    code, out, _ = pae(
        capsys,
        "--depot",
        demo,
        "importer",
        source,
        "--etablissement",
        UAI,
        "--session",
        "2026",
        "--appliquer",
        "--date",
        "2026-07-06",
    )
    assert code == 0, out
    assert "ligne 2 : Maëlys Lefèvre (14/03/2008) → 0990001N-2026-016" in out
    assert "ligne 3 : Ibrahim N'Guessan (02/11/2007) → 0990001N-2026-017" in out
    found = created(demo)
    assert found["Lefèvre"]["identite"] == {
        "nom": "Lefèvre",
        "prenom": "Maëlys",
        "date_naissance": "2008-03-14",
        "ine": "1234567890A",
        "telephone": "06 11 22 33 44",
    }
    assert found["Lefèvre"]["examen"] == {
        "diplome": "cap",
        "specialite": "Cuisine",
        "resultat": "ajourne",
        "premiere_session": 2026,
    }
    assert found["N'Guessan"]["reperage"] == {"motif": "sans_solution_connue"}
    assert pae(capsys, "--depot", demo, "valider", "--date", "2026-12-20")[0] == 0


def test_a_dry_run_writes_nothing_and_a_second_import_creates_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = demo / "export.csv"
    source.write_bytes(csv_bytes(";", "utf-8-sig"))
    before = sorted((demo / "records").rglob("*.yaml"))
    code, out, _ = pae(
        capsys, "--depot", demo, "importer", source, "--etablissement", UAI, "--session", "2026"
    )
    assert code == 0
    assert "Simulation : rien n'a été écrit." in out
    assert sorted((demo / "records").rglob("*.yaml")) == before
    args = ("--depot", demo, "importer", source, "--etablissement", UAI, "--session", "2026")
    assert pae(capsys, *args, "--appliquer")[0] == 0
    code, out, _ = pae(capsys, *args, "--appliquer")
    assert code == 0
    assert "Ignorées (2)" in out
    assert "déjà dans le dépôt : 0990001N-2026-016 (Maëlys Lefèvre)" in out
    assert "Aucun dossier à créer." in out
    assert len(created(demo)) == 2


def workbook_rows() -> list[list[object]]:
    return [
        HEADERS,
        ["", "Lefèvre", "Maëlys", date(2008, 3, 14), "CAP Cuisine", "Ajourné", ""],
        ["", "Durand", "Tom", "31/02/2007", "CAP Cuisine", "Admis", ""],
        ["", "Petit", "Zoé", date(2007, 5, 1), "BTS Commerce", "Admis", ""],
    ]


def test_xlsx_with_broken_lines_writes_nothing_unless_told(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in workbook_rows():
        sheet.append(row)
    source = demo / "export.xlsx"
    book.save(source)
    args = ("--depot", demo, "importer", source, "--etablissement", UAI, "--session", "2026")
    code, _, err = pae(capsys, *args, "--appliquer")
    assert code == 1
    assert err == (
        "Erreur : 2 ligne(s) invalide(s), aucun dossier créé :\n"
        "  ligne 3 : date de naissance « 31/02/2007 » invalide (JJ/MM/AAAA attendu)\n"
        "  ligne 4 : diplôme « BTS Commerce » non reconnu : CAP, bac pro, BMA ou DTMS (le "
        "parcours ne concerne que ces diplômes)\n"
        "Corriger le fichier, ou relancer avec --ignorer-erreurs pour créer les autres.\n"
    )
    assert created(demo) == {}
    code, out, _ = pae(capsys, *args, "--appliquer", "--ignorer-erreurs")
    assert code == 1  # lines were left out: said by the exit code too
    assert list(created(demo)) == ["Lefèvre"]
    assert "1 dossier créé" in out


def test_ods(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Export")
    for row in [HEADERS, *ROWS]:
        tr = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    source = demo / "export.ods"
    doc.save(str(source))
    code, out, _ = pae(
        capsys,
        "--depot",
        demo,
        "importer",
        source,
        "--etablissement",
        UAI,
        "--session",
        "2026",
        "--appliquer",
    )
    assert code == 0, out
    assert sorted(created(demo)) == ["Lefèvre", "N'Guessan"]


def test_missing_columns_are_named(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = demo / "export.csv"
    source.write_text("Nom;Prénom\nMartin;Léa\n", "utf-8")
    code, _, err = pae(capsys, "--depot", demo, "importer", source, "--etablissement", UAI)
    assert code == 2
    assert err.startswith(
        "Erreur : colonnes obligatoires introuvables — date_naissance : « date de naissance »; "
        "diplome : « diplome »; resultat : « resultat »"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CAP Cuisine", ("cap", "Cuisine")),
        ("Bac-Pro Métiers de l'accueil", ("bac_pro", "Métiers de l'accueil")),
        ("BACCALAUREAT PROFESSIONNEL MELEC", ("bac_pro", "MELEC")),
        ("dtms Machiniste constructeur", ("dtms", "Machiniste constructeur")),
    ],
)
def test_diplomas_as_schools_write_them(text: str, expected: tuple[str, str]) -> None:
    assert parse_diploma(text, "") == expected


def test_results_as_schools_write_them() -> None:
    assert [parse_result(x) for x in ("Admis mention AB", "AJOURNÉ", "Refusé")] == [
        "admis",
        "ajourne",
        "ajourne",
    ]


def test_nouveau_asks_for_what_is_missing(demo: Path) -> None:
    from click.testing import CliRunner

    from pae.cli.main import cli

    answers = "0990009X\n0990001N\nMartin\nLéa\n14/03/2008\nlicence\ncap\nCuisine\najourne\n"
    result = CliRunner().invoke(
        cli,
        ["--depot", str(demo), "nouveau", "--session", "2026", "--date", "2026-07-06"],
        input=answers,
    )
    assert result.exit_code == 0, result.output
    assert (
        "UAI du lycée (0990001N : Lycée professionnel des Tilleuls ; 0990002P : Lycée "
        "professionnel du Rhin Vert ; 0990003R : Lycée professionnel des Coteaux) : "
    ) in result.output
    assert "« 0990009X » n'est pas un lycée du dépôt (0990001N, 0990002P, 0990003R)" in (
        result.output
    )
    assert "Diplôme (bac_pro (bac pro), cap (CAP), bma (BMA), dtms (DTMS)) : " in result.output
    assert "« licence » : bac_pro, cap, bma, dtms" in result.output
    assert "Dossier créé : records/jeunes/2026/0990001N/0990001N-2026-016.yaml" in result.output
    text = (demo / "records/jeunes/2026/0990001N/0990001N-2026-016.yaml").read_text("utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../../schema/jeune.schema.json\n"
        "id: 0990001N-2026-016\n"
    )


def test_a_new_dossier_never_overwrites_a_file(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("id: original\n", "utf-8")
    with pytest.raises(DataError, match="existe déjà"):
        create_file(target, b"id: nouveau\n", "x.yaml")
    assert target.read_text("utf-8") == "id: original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_nouveau_takes_the_only_lycee_without_asking(reseau: Path) -> None:
    from click.testing import CliRunner

    from pae.cli.main import cli

    answers = "Martin\nLéa\n14/03/2008\ncap\nCuisine\najourne\n"
    result = CliRunner().invoke(
        cli,
        ["--depot", str(reseau), "nouveau", "--session", "2026", "--date", "2026-07-06"],
        input=answers,
    )
    assert result.exit_code == 0, result.output
    assert "UAI du lycée" not in result.output
    assert "Dossier créé : records/jeunes/2026/0990001N/0990001N-2026-002.yaml" in result.output
