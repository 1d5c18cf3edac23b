"""The campaign's life: exports, the rectorat's figures, aggregation, the next session,
anonymisation."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from dossier_builder import Jeune, en_parcours, statuses_of
from pae.campaign.indicators import indicators
from pae.cli.main import main
from pae.records.reading import load_network

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-12-20"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for name in ("records", "schema"):
        shutil.copytree(REPO / name, root / name)
    return root


def pae(capsys: pytest.CaptureFixture[bytes], *args: str | Path) -> tuple[int, bytes, str]:
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err.decode("utf-8")


# --- exports ---------------------------------------------------------------------------


def test_csv_opens_in_french_excel(demo: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = pae(
        capsysbinary, "--depot", demo, "exporter", "--date", TODAY, "--session", "2026"
    )
    assert code == 0
    assert out.startswith(b"\xef\xbb\xbf")  # the BOM French Excel reads the encoding from
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig")), delimiter=";"))
    head, body = rows[0], rows[1:]
    assert head[:4] == ["Identifiant", "Nom", "Prénom", "Date de naissance"]
    assert len(body) == 45
    first = dict(zip(head, body[0], strict=True))
    assert first["Identifiant"] == "0990001N-2026-001"
    assert first["Date de naissance"] == "12/05/2007"
    assert first["Diplôme"] == "bac pro"
    assert first["Étape"] == "Bilan"
    assert first["Boursier"] == "oui"
    # The days the allowance is paid on: the placement's attendance lines marked present.
    assert first["Jours de stage en entreprise effectués"] == "8"  # 8 lines of a3, present


def test_cells_never_run_as_formulas(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = demo / "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("nom: Ferreira", 'nom: "=HYPERLINK(1)"').replace(
        "prenom: Yanis", 'prenom: "@Yanis"'), "utf-8")  # fmt: skip
    out = pae(capsysbinary, "--depot", demo, "exporter", "--date", TODAY, "--session", "2026")[1]
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1:3] == ["'=HYPERLINK(1)", "'@Yanis"]
    target = demo / "x.xlsx"
    pae(capsysbinary, "--depot", demo, "exporter", "--date", TODAY, "--session", "2026",
        "--sortie", target)  # fmt: skip
    sheet = load_workbook(target).active
    assert sheet is not None
    assert sheet["B2"].value == "'=HYPERLINK(1)"
    assert sheet["B2"].data_type == "s"


def test_xlsx_and_ods_hold_dates_and_labels(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    xlsx, ods = demo / "export.xlsx", demo / "export.ods"
    for target in (xlsx, ods):
        code, _, err = pae(capsysbinary, "--depot", demo, "exporter", "--date", TODAY,
                           "--session", "2026", "--sortie", target)  # fmt: skip
        assert code == 0 and "45 dossier(s)" in err
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    assert sheet["D2"].value.date() == date(2007, 5, 12)
    assert sheet["D2"].number_format == "DD/MM/YYYY"
    rows = CalamineWorkbook.from_path(str(ods)).get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["Identifiant", "Nom"]
    assert rows[1][3] == date(2007, 5, 12)
    assert "Bilan" in rows[1]


def demo_secrets(session: int | None = None) -> set[str]:
    """Every name, contact detail and free text of the demo dossiers (of one session)."""
    found: set[str] = set()
    for d in load_network(REPO).network.dossiers:
        if session is not None and d.session != session:
            continue
        ident = d.raw["identite"]
        found |= {d.nom, d.prenom, ident.get("telephone", "_"), ident.get("courriel", "_")}
        for p in d.points:
            found.add(p.resume or "_")
        if d.bilan and d.bilan.solution_detail:
            found.add(d.bilan.solution_detail)
    return found - {"_"}


def test_a_pseudonymised_export_holds_no_name_contact_or_free_text(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    args = ("--depot", demo, "exporter", "--date", TODAY, "--pseudonymiser", "--format", "json")
    data = json.loads(pae(capsysbinary, *args)[1])
    text = json.dumps(data, ensure_ascii=False)
    leaked = [s for s in demo_secrets() if len(s) > 3 and s in text]
    assert leaked == []
    first = data["lignes"][0]
    assert "id" not in first and first["pseudonyme"].startswith("J-")
    again = json.loads(pae(capsysbinary, *args)[1])
    assert again["lignes"][0]["pseudonyme"] == first["pseudonyme"]  # stable
    assert data["format"] == "pae-export" and data["pseudonymise"] is True


def test_one_young_persons_data(demo: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = pae(capsysbinary, "--depot", demo, "exporter", "--date", TODAY, "--dossier",
              "0990001N-2026-001", "--format", "json")[1]  # fmt: skip
    rows = json.loads(out)["lignes"]
    assert [r["id"] for r in rows] == ["0990001N-2026-001"]
    assert rows[0]["telephone"] == "06 39 98 10 15"


# --- indicators --------------------------------------------------------------------------


def small_network() -> list[Jeune]:
    done = en_parcours(1).bilan("2026-12-10", "apprentissage", transmis="2026-12-12")
    done.raw["identite"]["sexe"] = "feminin"
    insertion = en_parcours(2).bilan("2026-12-11", "parcours_insertion")
    refused = Jeune(3, diplome="bac_pro").contact("2026-07-08", reponse="refus")
    late = Jeune(4).contact("2026-07-08").info("2026-09-10")
    return [done, insertion, refused, late]


def test_indicators_by_hand() -> None:
    statuses, ctx = statuses_of(small_network(), TODAY)
    table = indicators(statuses, ctx, 2026)
    assert table.columns == ["Total", "N3", "N4", "Femmes"]
    values = {(line.section, line.label): line.values for line in table.lines}
    assert values[("Repérage et inscription", "Jeunes repérés")] == {
        "Total": 4, "N3": 3, "N4": 1, "Femmes": 1,
    }  # fmt: skip
    assert values[("Repérage et inscription", "Inscrits au parcours")]["Total"] == 2
    after = "Sorties après les bilans"
    assert values[(after, "Apprentissage")]["Total"] == 1
    assert values[(after, "Parcours d'insertion")]["Total"] == 1
    # Known outcomes: apprentissage (positive) and parcours d'insertion: 1 / 2.
    assert values[(after, "Taux de sorties positives")]["Total"] == 0.5
    assert values[("Par diplôme et résultat (jeunes repérés / inscrits)",
                   "bac pro, admis : repérés")]["N4"] == 1  # fmt: skip


def test_indicators_as_a_table_and_as_json(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, _ = pae(capsysbinary, "--depot", demo, "indicateurs", "--session", "2026",
                       "--date", TODAY)  # fmt: skip
    text = out.decode("utf-8")
    assert code == 0
    assert "Jeunes repérés" in text and "Taux de sorties positives" in text
    assert "Taux de sorties positives : jeunes sortis vers une formation" in text
    data = json.loads(pae(capsysbinary, "--depot", demo, "indicateurs", "--session", "2026",
                          "--date", TODAY, "--format", "json")[1])  # fmt: skip
    assert data["format"] == "pae-indicateurs" and data["session"] == 2026


def test_two_lycees_aggregated(demo: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    files = []
    for uai in ("0990001N", "0990002P"):
        target = demo / f"{uai}.json"
        pae(capsysbinary, "--depot", demo, "indicateurs", "--session", "2026", "--date", TODAY,
            "--etablissement", uai, "--sortie", target)  # fmt: skip
        files.append(target)
    total = demo / "total.json"
    pae(capsysbinary, "--depot", demo, "indicateurs", "--session", "2026", "--date", TODAY,
        "--sortie", total, "--etablissement", "0990001N")  # fmt: skip
    out = pae(capsysbinary, "agreger", *files, "--format", "json")[1]
    combined = {(x["rubrique"], x["libelle"]): x for x in json.loads(out)["lignes"]}
    parts = [json.loads(f.read_text("utf-8")) for f in files]
    key = ("Repérage et inscription", "Jeunes repérés")
    expected = sum(
        x["valeurs"]["Total"]
        for p in parts
        for x in p["lignes"]
        if (x["rubrique"], x["libelle"]) == key
    )
    assert combined[key]["valeurs"]["Total"] == expected


def test_aggregation_refuses_mixed_sessions_and_named_exports(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    named = demo / "named.json"
    pae(capsysbinary, "--depot", demo, "exporter", "--date", TODAY, "--sortie", named)
    code, _, err = pae(capsysbinary, "agreger", named)
    assert code == 1 and "fichiers sans session (named.json)" in err  # may mix years
    args = ("exporter", "--date", TODAY, "--session", "2026", "--sortie", named)
    pae(capsysbinary, "--depot", demo, *args)
    code, _, err = pae(capsysbinary, "agreger", named)
    assert code == 1 and "export non pseudonymisé" in err
    other = demo / "other.json"
    data = json.loads(named.read_text("utf-8"))
    other.write_text(json.dumps({**data, "session": 2025, "pseudonymise": True}), "utf-8")
    named.write_text(json.dumps({**data, "pseudonymise": True}), "utf-8")
    code, _, err = pae(capsysbinary, "agreger", named, other)
    assert code == 1 and "sessions différentes" in err


def test_aggregation_of_two_lycees_exports_and_of_one_export_twice(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    files = []
    for uai in ("0990001N", "0990003R"):
        path = demo / f"{uai}.json"
        args = ("exporter", "--date", TODAY, "--session", "2026", "--pseudonymiser")
        code, _, err = pae(capsysbinary, "--depot", demo, *args, "--etablissement", uai,
                           "--sortie", path)  # fmt: skip
        assert code == 0, err
        files.append(path)
    counts = [len(json.loads(p.read_text("utf-8"))["lignes"]) for p in files]
    table = demo / "academie.json"
    code, _, err = pae(capsysbinary, "agreger", *files, "--format", "json", "--sortie", table)
    assert code == 0, err
    rows = json.loads(table.read_text("utf-8"))["lignes"]
    assert len(rows) == sum(counts) and {r["etablissement"] for r in rows} == {
        "0990001N",
        "0990003R",
    }
    sheet = demo / "academie.csv"
    code, _, err = pae(capsysbinary, "agreger", *files, "--sortie", sheet)
    assert code == 0, err
    lines = list(csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig")), delimiter=";"))
    assert len(lines) == sum(counts)
    assert {line["Diplôme"] for line in lines} <= {"CAP", "bac pro", "BMA", "DTMS"}  # not codes
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", x["Prochaine échéance"] or "01/01/2026")
               for x in lines)  # fmt: skip
    copy = demo / "copie.json"
    copy.write_bytes(files[0].read_bytes())
    code, _, err = pae(capsysbinary, "agreger", files[0], copy)
    assert code == 1 and "le même jeune" in err
    code, _, err = pae(capsysbinary, "agreger", files[0], files[0])
    assert code == 2 and "fichier donné deux fois : 0990001N.json" in err


# --- the next session, anonymisation ----------------------------------------------------


def test_next_campaign_in_a_new_data_only_repository(
    demo: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / "pae-2027"
    code, out, _ = pae(capsysbinary, "--depot", demo, "campagne", "nouvelle", "2027", "--vers",
                       target, "--outil", "https://forge.example/academie/pae.git",
                       "--version-outil", "v0.2.0")  # fmt: skip
    assert code == 0, out
    assert not list((target / "records/jeunes").rglob("*.yaml"))
    assert (target / "records/jeunes/2027/0990001N/.gitkeep").exists()
    ci = (target / ".gitlab-ci.yml").read_text("utf-8")
    assert 'PAE_VERSION: "v0.2.0"' in ci and "pae valider" in ci
    import yaml

    gitlab = yaml.safe_load(ci)  # the pinned version's schemas, the forms built from it
    assert "cp -r /tmp/pae/schema/. schema/" in gitlab["valider"]["script"][0]  # the anchor
    assert gitlab["pages"]["script"][-2:] == ["make -C /tmp/pae cms", "pae site"]
    github = yaml.safe_load((target / ".github/workflows/ci.yml").read_text("utf-8"))
    runs = [step.get("run") for step in github["jobs"]["valider"]["steps"]]
    assert runs.index("cp -r /tmp/pae/schema/. schema/") < runs.index("pae valider --format github")
    assert runs[-2:] == ["make -C /tmp/pae cms", "pae site"]
    assert not (target / "tools").exists() and not (target / "tests").exists()
    assert (target / ".gitlab/merge_request_templates").is_dir()
    assert pae(capsysbinary, "--depot", target, "valider")[0] == 0
    assert "un dépôt par campagne" in out.decode("utf-8")
    settings = (target / "records/parametres.yaml").read_text("utf-8")
    assert "projet:" not in settings and "application_oauth:" not in settings
    assert "url_forge: https://forge.example" in settings  # the forge itself stays
    assert "(forge.projet, forge.application_oauth) : les renseigner" in out.decode("utf-8")


def test_anonymisation_after_the_retention_period(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, _, err = pae(capsysbinary, "--depot", demo, "anonymiser", "--session", "2026",
                       "--appliquer", "--date", "2027-06-01")  # fmt: skip
    assert code == 2 and "à conserver jusqu'au 31/12/2027" in err
    code, out, _ = pae(capsysbinary, "--depot", demo, "anonymiser", "--session", "2026",
                       "--date", "2027-06-01")  # fmt: skip
    assert code == 0 and "--appliquer sera refusé avant le 31/12/2027" in out.decode("utf-8")
    subprocess.run(["git", "init", "-q"], cwd=demo, check=True)
    code, out, _ = pae(capsysbinary, "--depot", demo, "anonymiser", "--session", "2026",
                       "--appliquer", "--date", "2028-01-15")  # fmt: skip
    assert code == 0, out
    assert "45 dossiers anonymisés" in out.decode("utf-8")
    assert "git filter-repo" in out.decode("utf-8")
    text = "".join(p.read_text("utf-8") for p in (demo / "records/jeunes/2026").rglob("*.yaml"))
    leaked = [s for s in demo_secrets(2026) if len(s) > 3 and s in text]
    assert leaked == []
    assert pae(capsysbinary, "--depot", demo, "valider", "--date", "2028-01-15")[0] == 0
    before = {p: p.read_bytes() for p in (demo / "records/jeunes/2026").rglob("*.yaml")}
    code, out, _ = pae(capsysbinary, "--depot", demo, "anonymiser", "--session", "2026",
                       "--appliquer", "--date", "2028-01-16")  # fmt: skip
    assert "0 dossier à anonymiser, 45 déjà anonymisés" in out.decode("utf-8")
    assert {p: p.read_bytes() for p in before} == before


def test_the_outcome_is_blank_while_the_young_person_is_on_the_way(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    code, out, _ = pae(
        capsysbinary, "--depot", REPO, "exporter", "--date", "2026-12-20", "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)["lignes"]
    on_the_way = [
        r for r in rows if r["etape"] in ("a_contacter", "contacte", "inscrit", "en_parcours")
    ]
    assert on_the_way and all(
        r["sortie"] is None and r["sortie_positive"] is None for r in on_the_way
    )
    ended = [r for r in rows if r["etape"] in ("termine", "non_inscrit", "bilan")]
    assert all(r["sortie"] is not None and r["sortie_positive"] is not None for r in ended)
    assert {"non_renseignee", "emploi"} <= {r["sortie"] for r in ended}


def test_each_company_placement_has_its_days_in_the_export(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    args = (
        "exporter",
        "--date",
        "2026-12-20",
        "--format",
        "json",
        "--dossier",
        "0990001N-2026-005",
    )
    code, out, _ = pae(capsysbinary, "--depot", REPO, *args)
    assert code == 0
    (row,) = json.loads(out)["lignes"]
    assert row["jours_stage_effectues"] == 5
    assert row["stages"] == (
        "a2 : 5 jours (du 12/10/2026 au 30/10/2026, convention signée le 05/10/2026)"
    )


def test_the_right_of_access_gives_the_whole_dossier(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    from pae.records import load

    ident = "0990001N-2026-005"
    args = ("exporter", "--date", "2026-10-15", "--format", "json", "--dossier", ident)
    code, out, _ = pae(capsysbinary, "--depot", REPO, *args)
    assert code == 0
    data = json.loads(out)
    file = REPO / f"records/jeunes/2026/0990001N/{ident}.yaml"
    # every field as written, even what came after the date of the export
    assert data["dossiers"] == [load.parse(load.read_text(file))]
    assert len(data["lignes"]) == 1
    code, out, _ = pae(capsysbinary, "--depot", REPO, *args, "--pseudonymiser")
    assert code == 0 and "dossiers" not in json.loads(out)
