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
    # A rule error (E5) keeps the dossier in the views, its errors said first.
    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    code, out, err = main("--depot", reseau, "statut", "0990001N-2026-001", *TODAY, capsys=capsys)
    assert (code, err) == (0, "")
    assert out.startswith(
        "Léa Martin — 0990001N-2026-001\n\n"
        "Erreurs à corriger (1) : lancer « pae valider "
        "records/jeunes/2026/0990001N/0990001N-2026-001.yaml »\n"
        "  E5 "
    )


def test_statut_of_a_dossier_set_aside_says_so(
    reseau: Path, dossier: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    # A schema error sets the dossier aside: the views cannot read it.
    edit(dossier, "mef: pae_n3", "mef: 3")
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


# --- bounds: every setting and every option (issue 11, item 1) ---------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("echeances", "--date", "9999-12-20"),
         "date « 9999-12-20 » hors limites : une année entre 1900 et 2100 est attendue"),
        (("statut", "--date", "0001-01-01"),
         "date « 0001-01-01 » hors limites : une année entre 1900 et 2100 est attendue"),
        (("site", "--date", "9999-12-31"),
         "date « 9999-12-31 » hors limites : une année entre 1900 et 2100 est attendue"),
        (("statut", "--date", "2026-02-29"),
         "la date « 2026-02-29 » n'existe pas : indiquer un jour du calendrier, au format "
         "AAAA-MM-JJ"),
        (("echeances", "--jours", "3000000"), "3000000 n'est pas dans l'intervalle 0<=x<=366."),
        (("valider", "--jobs", "100000"), "100000 n'est pas dans l'intervalle 1<=x<=64."),
    ],
)  # fmt: skip
def test_out_of_range_options_are_usage_errors(
    reseau: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = main("--depot", reseau, *args, capsys=capsys)
    assert (code, out) == (2, "")
    assert message in err
    assert "Erreur interne" not in err


@pytest.mark.parametrize(
    ("key", "value", "maximum"),
    [
        ("horizon_alerte_jours", 3000000, 366),
        ("horizon_echeances_jours", 367, 366),
        ("intervalle_points_jours_ecole", 10**9, 366),
        ("fenetre_assiduite_semaines", 53, 52),
        ("tentatives_contact_injoignable", 21, 20),
        ("absences_consecutives_max", 101, 100),
    ],
)
def test_settings_beyond_their_bounds_are_errors_not_crashes(
    run: Run, reseau: Path, capsys: pytest.CaptureFixture[str], key: str, value: int,
    maximum: int,
) -> None:  # fmt: skip
    (reseau / "records/parametres.yaml").write_text(f"suivi:\n  {key}: {value}\n", "utf-8")
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert (
        f"records/parametres.yaml:2:{len(key) + 5}: E1 valeur {value} hors limites : "
        f"au plus {maximum} attendu\n"
    ) in result.output
    for command in ("statut", "echeances"):
        code, _, err = main("--depot", reseau, command, *TODAY, capsys=capsys)
        assert code == 0, err
        assert "records/parametres.yaml est invalide : réglages par défaut utilisés." in err


def test_a_huge_fraction_is_refused(run: Run, reseau: Path) -> None:
    (reseau / "records/parametres.yaml").write_text(
        f'dispositifs:\n  pae:\n    part_max_stages_entreprise: "1/{"9" * 5000}"\n', "utf-8"
    )
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert "n'est pas une fraction" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("echeances", "--date", "2100-12-31", "--jours", "366"),
        ("echeances", "--date", "1900-01-01", "--jours", "0"),
        ("statut", "--date", "1900-01-01"),
        ("statut", "--date", "2100-12-31", "0990001N-2026-001"),
        ("valider", "--date", "2100-12-31", "--alertes"),
    ],
)
def test_dates_at_the_bounds_work(
    reseau: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    (reseau / "records/parametres.yaml").write_text(
        "suivi:\n  horizon_alerte_jours: 366\n  intervalle_points_jours_ecole: 366\n"
        "  fenetre_assiduite_semaines: 52\n"
        "dispositifs:\n  pae:\n    duree_max_mois: 24\n"
        "    delai_entretien_approfondi_jours_ecole: 366\n",
        "utf-8",
    )
    code, _, err = main("--depot", reseau, *args, capsys=capsys)
    assert code in (0, 1), err
    assert "Erreur" not in err


@pytest.mark.parametrize("address", ["x", "127.0.0.1:99999", "127.0.0.1:0", ":", "[::1]:http"])
def test_a_bad_preview_address_is_a_usage_error(
    reseau: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    code, out, err = main(
        "--depot", reseau, "site", "--servir", "--adresse", address, capsys=capsys
    )
    assert (code, out) == (2, "")
    assert (
        f"adresse « {address} » invalide : HÔTE:PORT attendu, par exemple 127.0.0.1:8000 "
        "(port entre 1 et 65535)"
    ) in err


def test_an_address_the_machine_cannot_open_is_explained(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def unavailable(**kwargs: object) -> None:
        raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")

    monkeypatch.setattr("mkdocs.commands.serve.serve", unavailable)
    code, _, err = main(
        "--depot", reseau, "site", "--servir", "--adresse", "1.2.3.4:80", capsys=capsys
    )
    assert code == 2
    assert err.endswith(
        "Erreur : impossible d'ouvrir l'aperçu sur 1.2.3.4:80 (adresse indisponible sur ce "
        "poste) : en choisir une autre avec --adresse, par exemple 127.0.0.1:8001\n"
    )


def test_a_dossier_failing_only_a_rule_stays_in_the_views_with_its_errors(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    from datetime import date

    import pae

    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    found = pae.statuses(reseau, date(2026, 10, 15))
    assert found.invalid_files == []
    st = found.of("0990001N-2026-001")
    assert st is not None
    assert [(e.code, e.path) for e in st.errors] == [("E5", ("inscription", "mef"))]


def test_a_mistyped_referent_keeps_the_dossier_in_the_views_with_its_error(
    reseau: Path, dossier: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    import pae

    edit(dossier, "referent: c-durand", "referent: c-duran")
    found = pae.statuses(reseau, date(2026, 10, 15))
    assert found.invalid_files == []
    st = found.of("0990001N-2026-001")
    assert st is not None and st.referent is None  # shown as not designated
    assert [(e.code, e.path) for e in st.errors] == [("E2", ("inscription", "referent"))]
    out = reseau.parent / "public"
    code, _, _ = main(
        "--depot", reseau, "site", "--date", "2026-10-15", "--sortie", out, capsys=capsys
    )
    assert code == 0
    from lxml import html as lxml_html

    page = lxml_html.parse(str(out / "dossiers/0990001N-2026-001/index.html")).getroot()
    assert "E2 Le référent « c-duran » n'existe pas" in " ".join(page.text_content().split())


def test_a_dossier_of_an_unknown_lycee_is_set_aside(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    from datetime import date

    import pae

    text = dossier.read_text("utf-8")
    dossier.write_text(text.replace("etablissement: 0990001N", "etablissement: 0990009X"), "utf-8")
    found = pae.statuses(reseau, date(2026, 10, 15))
    assert "records/jeunes/2026/0990001N/0990001N-2026-001.yaml" in found.invalid_files
    assert found.of("0990001N-2026-001") is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("structure: boulangerie-du-centre", "structure: boulangerie-du-centr"),
        ("action: a1, statut: present", "action: a9, statut: present"),
        ("conseiller_ml: a-benali", "conseiller_ml: a-benal"),
        ("mission_locale: ml-test", "mission_locale: ml-tes"),
    ],
)
def test_every_view_shows_a_dossier_with_a_mistyped_reference(
    reseau: Path,
    dossier: Path,
    edit: Edit,
    capsys: pytest.CaptureFixture[str],
    before: str,
    after: str,
) -> None:
    edit(dossier, before, after)
    out = reseau.parent / "public"
    for args in (
        ("site", "--sortie", out),
        ("statut", "--format", "json"),
        ("statut", "0990001N-2026-001"),
        ("echeances", "--jours", "90"),
        ("exporter", "--format", "json"),
    ):
        code, stdout, err = main("--depot", reseau, *args, "--date", "2026-10-15", capsys=capsys)
        assert code == 0, (args, err)
        assert "Traceback" not in err
        if args[0] in ("statut", "exporter"):  # the dossier is there, not set aside
            assert "0990001N-2026-001" in stdout, args
    assert (out / "dossiers/0990001N-2026-001/index.html").is_file()


@pytest.mark.parametrize("under", ["", "public"])
def test_an_output_in_or_under_a_file_is_a_usage_error(
    reseau: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], under: str
) -> None:
    blocking = tmp_path / "un-fichier"
    blocking.write_text("x", "utf-8")
    out = blocking / under if under else blocking
    code, _, err = main("--depot", reseau, "site", "--sortie", out, capsys=capsys)
    assert code == 2
    assert "est un fichier" in err and "Traceback" not in err
    assert "Directory" not in err
    assert blocking.read_text("utf-8") == "x"
