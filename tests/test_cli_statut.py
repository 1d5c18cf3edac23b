"""`pae statut` on a small network, always at a fixed --date (and the filters it shares
with `pae echeances`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from dossier_builder import Jeune, write_network
from pae.cli.main import main
from statut_network import TODAY, write_depot

Run = Callable[..., Result]


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    return write_depot(tmp_path)


def statut(run: Run, depot: Path, *args: str) -> Result:
    result = run("--depot", depot, "statut", "--date", TODAY, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result


def ids(result: Result) -> list[str]:
    return [line.split()[0] for line in result.stdout.splitlines()[1:-1]]


def test_the_network_is_valid(run: Run, depot: Path) -> None:
    result = run("--depot", depot, "valider", "--date", TODAY)
    assert result.exit_code == 0, result.output


def test_table_in_a_wide_terminal(run: Run, depot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = statut(run, depot).stdout.splitlines()
    assert [line.split() for line in lines[:1]] == [
        ["Dossier", "Nom", "Lycée", "Étape", "Référent", "Prochaine", "échéance", "Alertes"]
    ]
    assert [line.rstrip() for line in lines[1:]] == [
        "0990001N-2026-001  Léa Martin     0990001N  En parcours              Claire Durand  "
        "06/11/2026 point de suivi avec le jeune (référent)",
        "0990001N-2026-002  Yanis Bernard  0990001N  À contacter                             "
        "30/09/2026 EN RETARD contacter le jeune (chef d'établissement)" + " " * 27 + "A3",
        "0990001N-2026-003  Moussa Diallo  0990001N  Inscrit                  Marc Roux      "
        "25/09/2026 EN RETARD point de suivi avec le jeune (référent)" + " " * 29 + "A5",
        "0990001N-2026-005  Hugo Leroy     0990001N  Terminé                  Claire Durand",
        "0990001N-2026-006  Sarah Moreau   0990001N  Bilan                    Claire Durand  "
        "31/12/2026 transmettre le bilan au chef d'établissement (référent)" + " " * 23 + "A9",
        "0990002P-2026-001  Inès Petit     0990002P  Entretien d'information                 "
        "17/09/2026 EN RETARD entretien approfondi avec la mission locale (chef d'établissement)"
        "  A1 A2 A10",
        "6 dossier(s)",
    ]


def test_table_fits_100_columns(run: Run, depot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: 100 columns
    lines = statut(run, depot).stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].split() == ["Dossier", "Nom", "Étape", "Prochaine", "échéance", "Alertes"]
    assert lines[2] == (
        "0990001N-2026-002  Yanis Bernard  À contacter              "
        "30/09/2026 EN RETARD contacte…  A3"
    )
    assert lines[6].endswith("  A1 A2 A10")


def test_table_fits_80_columns_keeping_what_is_late(run: Run) -> None:
    import io
    from datetime import date

    from pae.cli.commands.statut import Options
    from pae.cli.commands.statut import run as statut_run

    demo = Path(__file__).resolve().parents[1]
    out = io.StringIO()
    statut_run(Options(demo, date(2026, 11, 2), width=80), out, io.StringIO())
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) == 80
    late = next(line for line in lines if line.startswith("0990001N-2026-003"))
    assert "01/10/2026 EN RETARD" in late and late.endswith("  A1")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--etablissement", "0990002P"), ["0990002P-2026-001"]),
        (("--referent", "m-roux"), ["0990001N-2026-003"]),
        (("--etape", "bilan"), ["0990001N-2026-006"]),
        (("--etape", "a_contacter"), ["0990001N-2026-002"]),
        (
            ("--alertes-seulement",),
            ["0990001N-2026-002", "0990001N-2026-003", "0990001N-2026-006", "0990002P-2026-001"],
        ),
        (
            ("--etablissement", "0990001N", "--alertes-seulement", "--referent", "c-durand"),
            ["0990001N-2026-006"],
        ),
        (("--etape", "contacte"), []),
        (
            ("--etape", "bilan", "--etape", "a_contacter"),
            ["0990001N-2026-002", "0990001N-2026-006"],
        ),
    ],
)
def test_filters(run: Run, depot: Path, options: tuple[str, ...], expected: list[str]) -> None:
    result = statut(run, depot, *options)
    assert ids(result) == expected
    assert result.stdout.endswith(f"\n{len(expected)} dossier(s)\n")


def french_excel(result: Result) -> list[dict[str, str]]:
    """Read as French Excel does: `;`, the encoding told by the BOM."""
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv(run: Run, depot: Path) -> None:
    rows = french_excel(statut(run, depot, "--format", "csv"))
    assert [r["Identifiant"] for r in rows] == [
        "0990001N-2026-001",
        "0990001N-2026-002",
        "0990001N-2026-003",
        "0990001N-2026-005",
        "0990001N-2026-006",
        "0990002P-2026-001",
    ]
    assert rows[2] == {
        "Identifiant": "0990001N-2026-003",
        "Nom": "Diallo",
        "Prénom": "Moussa",
        "Lycée (UAI)": "0990001N",
        "Diplôme": "CAP",
        "Niveau": "N3",
        "Étape": "Inscrit",
        "Motif de non-inscription": "",
        "Référent": "Marc Roux",
        "Conseiller de la mission locale": "Amina Benali",
        "Prochaine échéance": "25/09/2026",
        "Prochaine échéance : quoi": "point de suivi avec le jeune",
        "Prochaine échéance : qui agit": "référent (Marc Roux)",
        "En retard": "oui",
        "Alertes": "A5",
        "Solution de sortie": "",  # on the way: no outcome yet, as pae exporter
    }
    assert [r["Alertes"] for r in rows] == ["", "A3", "A5", "", "A9", "A1 A2 A10"]
    assert [r["Solution de sortie"] for r in rows][3:5] == ["Emploi", "Formation"]


def test_json(run: Run, depot: Path) -> None:
    data = json.loads(statut(run, depot, "--format", "json", "--etape", "bilan").stdout)
    assert len(data) == 1
    (moreau,) = data
    assert (moreau["id"], moreau["etape"], moreau["sortie"]) == (
        "0990001N-2026-006",
        "bilan",
        "formation",
    )
    assert moreau["prochaine_echeance"] == {
        "date": "2026-12-31",
        "quoi": "transmettre le bilan au chef d'établissement",
        "qui": "referent",
    }
    assert [(a["code"], a["qui"], a["echeance"], a["message"]) for a in moreau["alertes"]] == [
        ("A9", "referent", "2026-12-31", "bilan non transmis au chef d'établissement"),
        ("A9", "conseiller_ml", "2026-12-31", "bilan non reporté dans I-Milo"),
    ]
    assert moreau["jours_en_parcours"] == 25  # 8 September → early exit on 2 October
    assert moreau["notes_conservables_jusqu_a"] == 2031


def test_one_dossier_summary(run: Run, depot: Path) -> None:
    out = statut(run, depot, "0990002P-2026-001").stdout
    file = "records/jeunes/2026/0990002P/0990002P-2026-001.yaml"
    assert out == (
        "Inès Petit — 0990002P-2026-001\n"
        "\n"
        "Lycée : Lycée des Métiers du Test (0990002P)\n"
        "Examen : CAP Spécialité de test, session 2026, admis\n"
        "Notes ≥ 10 conservables jusqu'à la session 2031\n"
        "Étape : Entretien d'information\n"
        "\n"
        "Chronologie\n"
        "  ✓ 10/07/2026  Contact (téléphone) : joint\n"
        "  ✓ 10/09/2026  Entretien d'information avec la mission locale\n"
        "\n"
        "À venir\n"
        "  17/09/2026  entretien approfondi avec la mission locale (chef d'établissement) "
        "— EN RETARD\n"
        "  30/09/2026  inscrire le jeune (MEF PAE) et désigner un référent "
        "(chef d'établissement) — EN RETARD\n"
        "\n"
        "Alertes (3)\n"
        "  A1 entretien approfondi en retard : à tenir dans "
        "les 5 jours d'école après l'entretien d'information du 10/09/2026, soit le 17/09/2026 "
        "au plus tard\n"
        f"      qui agit : chef d'établissement, au plus tard le 17/09/2026 — {file}:25:9\n"
        "      → fixer l'entretien avec le conseiller de la mission locale et le noter dans "
        "« entretien_approfondi »\n"
        "  A2 date limite d'inscription du 30/09/2026 dépassée sans "
        "inscription\n"
        f"      qui agit : chef d'établissement, au plus tard le 30/09/2026 — {file}:15:3\n"
        "      → statuer avec le jeune (refus, réinscription) et l'orienter vers la mission "
        "locale\n"
        "  A10 inscription à France Travail (ex-Pôle emploi) "
        "déclarée mais non vérifiée\n"
        "      qui agit : conseiller de la mission locale, au plus tard le 17/09/2026 — "
        f"{file}:32:5\n"
        "      → vérifier l'inscription, juger de l'utilité d'un double suivi, noter "
        "« verifie: true »\n"
    )


def test_summary_of_an_enrolled_young_person(run: Run, depot: Path) -> None:
    out = statut(run, depot, "0990001N-2026-001").stdout
    assert "Référent : Claire Durand\n" in out
    assert "Conseiller de la mission locale : Amina Benali (Mission locale de Test)\n" in out
    assert "Parcours : 34 jours ; assiduité 100 % (4 dernières semaines d'école : 100 %)\n" in out
    assert "  ✓ 09/10/2026  Point de suivi\n  … 16/10/2026  Fin : Action a1\n" in out
    assert out.endswith(
        "À venir\n"
        "  06/11/2026  point de suivi avec le jeune (référent)\n"
        "  31/12/2026  entretien de bilan (référent)\n"
        "\n"
        "Alertes (0)\n"
        "  aucune\n"
    )


def test_summary_of_a_closed_dossier(run: Run, depot: Path) -> None:
    out = statut(run, depot, "0990001N-2026-005").stdout
    assert "Étape : Terminé\n" in out and "Sortie : Emploi\n" in out
    assert "À venir\n  rien : dossier clos\n" in out


def test_summary_as_json_locates_each_alert(run: Run, depot: Path) -> None:
    data = json.loads(statut(run, depot, "0990002P-2026-001", "--format", "json").stdout)
    assert [(a["code"], a["qui"], a["ligne"]) for a in data["alertes"]] == [
        ("A1", "chef_etablissement", 25),
        ("A2", "chef_etablissement", 15),
        ("A10", "conseiller_ml", 32),
    ]


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        ("0990001N-2026-999", "Erreur : dossier « 0990001N-2026-999 » introuvable\n"),
        (
            "0990001N-2026-00",
            "Erreur : dossier « 0990001N-2026-00 » introuvable ; dossiers proches : "
            "0990001N-2026-001, 0990001N-2026-002, 0990001N-2026-003, 0990001N-2026-005, "
            "0990001N-2026-006\n",
        ),
    ],
)
def test_unknown_dossier(
    depot: Path, capsys: pytest.CaptureFixture[str], ident: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--depot", str(depot), "statut", ident, "--date", TODAY])
    out, err = capsys.readouterr()
    assert (exit_.value.code, out, err) == (2, "", message)


def test_no_records_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--depot", str(tmp_path), "statut", "--date", TODAY])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith(f"Erreur : pas de dossier records/ dans {tmp_path}")


def test_bad_date_is_refused_in_french(run: Run, depot: Path) -> None:
    result = run("--depot", depot, "statut", "--date", "15/10/2026")
    assert result.exit_code == 2
    assert "date invalide « 15/10/2026 » : format attendu AAAA-MM-JJ" in result.stderr


@pytest.mark.parametrize(
    ("command", "option", "value", "message"),
    [
        ("statut", "--etablissement", "0990009X", "établissement « 0990009X » inconnu "
         "(établissements : 0990001N, 0990002P)"),
        ("echeances", "--referent", "c-duran", "référent « c-duran » inconnu "
         "(référents : c-durand, m-roux)"),
        ("echeances", "--conseiller", "inconnu", "conseiller « inconnu » inconnu "
         "(conseillers : a-benali)"),
        ("statut", "--conseiller", "a-benal", "conseiller « a-benal » inconnu "
         "(conseillers : a-benali)"),
    ],
)  # fmt: skip
def test_a_filter_naming_nobody_is_a_usage_error(
    depot: Path, capsys: pytest.CaptureFixture[str], command: str, option: str, value: str,
    message: str,
) -> None:  # fmt: skip
    with pytest.raises(SystemExit) as exited:
        main(["--depot", str(depot), command, "--date", TODAY, option, value])
    assert exited.value.code == 2
    assert capsys.readouterr().err == f"Erreur : {message}\n"


def test_csv_cells_never_run_as_formulas(run: Run, tmp_path: Path) -> None:
    root = write_network(tmp_path / "depot", Jeune(1, nom='=HYPERLINK("x")', prenom="@Léa"))
    rows = french_excel(statut(run, root, "--format", "csv"))
    assert (rows[0]["Nom"], rows[0]["Prénom"]) == ('\'=HYPERLINK("x")', "'@Léa")


def test_the_step_choices_are_the_steps_of_the_core() -> None:
    from pae.cli.reading import STEPS
    from pae.programme.steps import Step

    assert [s.value for s in Step] == STEPS


def test_one_conseillers_young_people(run: Run, depot: Path) -> None:
    # Inès Petit, not enrolled, has no conseiller yet; Yanis Bernard was never met.
    assert ids(statut(run, depot, "--conseiller", "a-benali")) == [
        "0990001N-2026-001",
        "0990001N-2026-003",
        "0990001N-2026-005",
        "0990001N-2026-006",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ("statut", "--format", "json"),
        ("statut", "--format", "csv"),
        ("statut",),
        ("echeances", "--format", "json"),
        ("exporter", "--format", "json"),
        ("indicateurs", "--format", "json"),
    ],
)
def test_views_read_no_more_than_they_keep(
    run: Run, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`statut` and `echeances` drop each dossier's parsed values, the exports keep the
    identity only (memory at 10,000 dossiers): the same output as with everything kept."""
    from pae.records import dossier

    demo = Path(__file__).resolve().parents[1]
    args = ("--depot", demo, *command, "--date", "2026-12-20")
    lean = run(*args)
    monkeypatch.setattr(dossier, "kept", lambda raw, keep: raw)
    whole = run(*args)
    assert lean.exit_code == whole.exit_code == 0, lean.output
    assert lean.stdout == whole.stdout
