"""Bad input anywhere: a French message and an exit code, never a traceback or a lost file."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import REPO, Edit, Run
from pae.cli import main as pae_cli
from pae.files import write_atomically
from test_cli_valider import main

TODAY = ("--date", "2026-10-20")


def test_a_month_day_that_does_not_exist_is_an_error_not_a_crash(
    run: Run, reseau: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reseau / "records/parametres.yaml").write_text(
        'dispositifs:\n  pae:\n    date_limite_inscription: "02-30"\n', encoding="utf-8"
    )
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert (
        "records/parametres.yaml:2:3: E1 date de l'année impossible dans les dispositifs "
        "(par exemple « 02-30 ») : réglages par défaut utilisés\n"
    ) in result.output
    code, out, err = main("--depot", reseau, "statut", *TODAY, capsys=capsys)
    assert code == 0
    assert "0990001N-2026-001" in out
    assert "records/parametres.yaml est invalide : réglages par défaut utilisés." in err


def test_a_year_out_of_range_is_reported_not_computed(
    run: Run, reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "  date: 2026-09-12\n  mef", "  date: 9999-12-10\n  mef")
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert ":29:9: E1 date « 9999-12-10 » hors limites\n" in result.output
    assert "→ une année entre 1900 et 2100\n" in result.output
    statut = run("--depot", reseau, "statut", *TODAY)
    assert statut.exit_code == 0
    assert "0 dossier(s)" in statut.output


def test_a_slot_ending_before_it_starts(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, 'fin: "12:00"', 'fin: "08:00"')
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert (
        ":48:46: E8 créneau du lundi de l'action a1 : fin à 08:00, pas après le début à 09:00\n"
    ) in result.output


def test_statut_of_a_dossier_with_errors_says_so(
    reseau: Path, dossier: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    code, out, err = main("--depot", reseau, "statut", "0990001N-2026-001", *TODAY, capsys=capsys)
    assert (code, out) == (1, "")
    assert err.endswith(
        "Erreur : le dossier « 0990001N-2026-001 » a des erreurs "
        "(records/jeunes/2026/0990001N/0990001N-2026-001.yaml) : lancer « pae valider » "
        "pour les voir et les corriger\n"
    )


def test_an_unexpected_error_is_explained_in_french(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("bogue")

    monkeypatch.delenv("PAE_DEBUG", raising=False)
    monkeypatch.setattr("pae.cli.commands.statut.run", broken)
    code, out, err = main("--depot", reseau, "statut", *TODAY, capsys=capsys)
    assert (code, out) == (3, "")
    assert err.startswith("Erreur interne inattendue (RuntimeError) : merci de la signaler")
    assert "Traceback" not in err
    monkeypatch.setenv("PAE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="bogue"):
        pae_cli.main(["--depot", str(reseau), "statut", *TODAY])


def test_files_written_atomically_get_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "agenda.ics"
    write_atomically(target, b"BEGIN:VCALENDAR\r\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.ics"]


def test_a_failed_site_build_keeps_the_previous_site(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "depot"
    for part in ("records", "schema", "site"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    out = tmp_path / "public"
    first = run("--depot", root, "site", "--date", "2026-11-27", "--sortie", out)
    assert first.exit_code == 0, first.output
    before = (out / "index.html").read_bytes()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("name: material", "name: absent"),
        encoding="utf-8",
    )
    code, _, err = main(
        "--depot", root, "site", "--date", "2026-11-27", "--sortie", out, capsys=capsys
    )
    assert code == 1
    assert err.startswith("Erreur : la construction du site par MkDocs a échoué")
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["depot", "public"]


def test_site_and_statut_show_the_same_dossiers_on_any_date(run: Run, tmp_path: Path) -> None:
    # On 2026-10-15 many demo events have not happened yet: not an error for the views.
    statut = run("statut", "--depot", REPO, "--date", "2026-10-15", "--format", "csv")
    shown = len(statut.output.splitlines()) - 1
    site = run("site", "--depot", REPO, "--date", "2026-10-15", "--sortie", tmp_path / "s")
    assert site.exit_code == 0, site.output
    assert f": {shown} dossier(s), 3 lycée(s)" in site.output
    assert shown == len(list((REPO / "records/jeunes").rglob("*.yaml")))  # every one
