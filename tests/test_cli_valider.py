"""`pae valider` from the command line: exit codes, reports, French everywhere."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pae.cli import main as pae_cli

Edit = Callable[[Path, str, str], None]
Run = Callable[..., Result]

REPO = Path(__file__).resolve().parents[1]
DOSSIER = "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"
ETAB = "records/etablissements/0990001N.yaml"
DATE = ("--date", "2026-11-27")


def main(*args: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The real entry point, in-process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exited:
        pae_cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exited.value.code
    assert isinstance(code, int)
    return code, out, err


# --- valid, invalid ---------------------------------------------------------------------------


def test_valid_network(run: Run, reseau: Path) -> None:
    result = run("--depot", reseau, "valider", *DATE)
    assert result.exit_code == 0
    assert result.output == "Tout est valide : 4 fichiers vérifiés.\n"


def test_invalid_network_text_report(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "referent: c-durand", "referent: c-dupont")
    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    result = run("--depot", reseau, "valider", *DATE)
    assert result.exit_code == 1
    assert result.output == (
        f"{DOSSIER} (2 erreurs)\n"
        f"  {DOSSIER}:30:8: E5 MEF « pae_n4 » incompatible avec le diplôme CAP\n"
        "      → un jeune issu de CAP est inscrit en pae_n3\n"
        f"  {DOSSIER}:31:13: E2 le référent « c-dupont » n'existe pas\n"
        "      → référents de 0990001N : c-durand (Claire Durand), m-roux (Marc Roux) "
        "(liste dans records/etablissements/0990001N.yaml)\n"
        "\n"
        "2 erreurs dans 1 fichier (4 fichiers vérifiés).\n"
    )


def test_errors_in_two_files(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "resultat: ajourne", "resultat: admis")
    edit(reseau / ETAB, "zone_vacances: C", "zone_vacances: D")
    result = run("--depot", reseau, "valider", *DATE)
    assert result.exit_code == 1
    assert result.output == (
        f"{ETAB} (1 erreur)\n"
        f"  {ETAB}:5:16: E1 valeur « D » non autorisée\n"
        "      → valeurs possibles : A, B, C, corse, guadeloupe, guyane, martinique, mayotte, "
        "la_reunion, nouvelle_caledonie, polynesie_francaise, saint_pierre_et_miquelon, "
        "wallis_et_futuna\n"
        "\n"
        f"{DOSSIER} (1 erreur)\n"
        f"  {DOSSIER}:16:10: E9 motif « echec_examen » incompatible avec le résultat « admis »\n"
        "      → motifs possibles pour un diplômé : sans_proposition_parcoursup, "
        "sans_solution_connue\n"
        "\n"
        "2 erreurs dans 2 fichiers (4 fichiers vérifiés).\n"
    )


def test_json_report(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date: 2026-09-12", "  date: 2026-10-01")
    result = run("--depot", reseau, "valider", "--format", "json", *DATE)
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "valide": False,
        "fichiers_verifies": 4,
        "erreurs": 1,
        "avertissements": 0,
        "alertes": 0,
        "problemes": [
            {
                "code": "E6",
                "gravite": "erreur",
                "fichier": DOSSIER,
                "ligne": 29,
                "colonne": 9,
                "champ": "inscription.date",
                "message": "inscription le 01/10/2026, après la date limite du 30/09/2026",
                "aide": "l'inscription n'est plus possible après cette date : corriger la date "
                "ou retirer l'inscription",
                "qui": None,
                "echeance": None,
            }
        ],
    }


def test_json_report_of_a_valid_network(run: Run, reseau: Path) -> None:
    result = run("--depot", reseau, "valider", "--format", "json", *DATE)
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "valide": True,
        "fichiers_verifies": 4,
        "erreurs": 0,
        "avertissements": 0,
        "alertes": 0,
        "problemes": [],
    }


def test_json_report_keeps_accents(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "referent: c-durand", "referent: c-dupont")
    result = run("--depot", reseau, "valider", "--format", "json", *DATE)
    assert "le référent « c-dupont » n'existe pas" in result.output


# --- which files: CHEMINS and --depot -----------------------------------------------------------


def test_paths_limit_the_check_to_one_dossier(
    run: Run, reseau: Path, dossier: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(reseau / ETAB, "zone_vacances: C", "zone_vacances: D")  # not asked for: not reported
    monkeypatch.chdir(reseau)
    result = run("valider", DOSSIER, *DATE)
    assert result.exit_code == 0
    assert result.output == "Tout est valide : 1 fichier vérifié.\n"


def test_paths_still_check_references_in_other_files(
    run: Run, reseau: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(reseau / ETAB, "  - id: c-durand\n", "  - id: c-martin\n")
    monkeypatch.chdir(reseau)
    result = run("valider", "records/jeunes/2026", *DATE)
    assert result.exit_code == 1
    assert f"  {DOSSIER}:31:13: E2 le référent « c-durand » n'existe pas\n" in result.output
    assert result.output.endswith("1 erreur dans 1 fichier (1 fichier vérifié).\n")


def test_a_folder_as_path(run: Run, reseau: Path) -> None:
    result = run("--depot", reseau, "valider", reseau / "records/etablissements", *DATE)
    assert result.output == "Tout est valide : 2 fichiers vérifiés.\n"  # the lycée's dossier


def test_depot_from_elsewhere(
    run: Run, reseau: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--depot", "reseau", "valider", *DATE)
    assert result.exit_code == 0
    assert result.output == "Tout est valide : 4 fichiers vérifiés.\n"


def test_depot_after_the_command_name(
    run: Run, reseau: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("valider", "--depot", "reseau", *DATE)
    assert result.output == "Tout est valide : 4 fichiers vérifiés.\n"


def test_alerts_are_reported_without_failing(run: Run, reseau: Path) -> None:
    # On 2026-11-09 the dossier's last check-in (2026-10-09) is 11 school days old: A5.
    plain = run("--depot", reseau, "valider", "--date", "2026-11-09")
    assert plain.exit_code == 0
    assert "A5" not in plain.output
    result = run("--depot", reseau, "valider", "--date", "2026-11-09", "--alertes")
    assert result.exit_code == 0
    assert (
        "records/jeunes/2026/0990001N/0990001N-2026-001.yaml:51:3: A5 pas de point de suivi "
        "depuis le 09/10/2026 (11 jours d'école ; un point tous les 10 jours d'école au plus)\n"
    ) in result.output
    assert result.output.endswith("Tout est valide : 4 fichiers vérifiés ; 1 alerte.\n")


def test_paths_outside_records_are_a_usage_error(
    reseau: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    code, out, err = main("--depot", reseau, "valider", elsewhere, *DATE, capsys=capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"Erreur : aucun fichier de {reseau.resolve() / 'records'} dans ")


# --- usage errors: exit 2, French, no traceback -----------------------------------------------


def test_missing_path(reseau: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main("--depot", reseau, "valider", "absent.yaml", *DATE, capsys=capsys)
    assert (code, out, err) == (2, "", "Erreur : chemin introuvable : absent.yaml\n")


def test_no_records_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main("--depot", tmp_path, "valider", *DATE, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err == (
        f"Erreur : pas de dossier records/ dans {tmp_path.resolve()} : lancer la commande à la "
        "racine du dépôt, ou indiquer --depot DOSSIER\n"
    )


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "31/09/2026", "demain"])
def test_bad_date_option(reseau: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main("--depot", reseau, "valider", "--date", value, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("Utilisation : pae valider [OPTIONS] [CHEMINS]...\n")
    assert "Voir « pae valider --help » pour l'aide." in err
    if value[:4].isdigit():  # the right shape, but a day the calendar lacks
        assert f"la date « {value} » n'existe pas : indiquer un jour du calendrier" in err
    else:
        assert f"date invalide « {value} » : format attendu AAAA-MM-JJ\n" in err
    assert "Erreur : valeur invalide pour" in err
    assert "Traceback" not in err


def test_unknown_format(reseau: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = main("--depot", reseau, "valider", "--format", "xml", capsys=capsys)
    assert code == 2
    assert "Erreur : valeur invalide pour '--format' : « xml » n'est pas parmi" in err


def test_unknown_option(reseau: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = main("--depot", reseau, "valider", "--dat", "2026-11-27", capsys=capsys)
    assert code == 2
    assert "Erreur : option inconnue : --dat" in err


def test_the_installed_command_never_shows_a_traceback(reseau: Path) -> None:
    pae = Path(sys.executable).parent / "pae"
    done = subprocess.run(
        [str(pae), "--depot", str(reseau), "valider", "absent"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "Erreur : chemin introuvable : absent\n"


def test_the_installed_command_on_a_valid_network(reseau: Path) -> None:
    pae = Path(sys.executable).parent / "pae"
    done = subprocess.run(
        [str(pae), "--depot", str(reseau), "valider", *DATE],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "Tout est valide : 4 fichiers vérifiés.\n",
        "",
    )


# --- help: French for every command ---------------------------------------------------------

ENGLISH = ["Usage:", "Show this message", "Commands:", "[default:", "Error", "Try '"]
METAVARS = re.compile(r"\b(COMMAND|ARGS|TEXT|INTEGER|FLOAT|BOOLEAN|FILENAME|PATH|RANGE)\b")


def test_root_help(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation : pae [OPTIONS]")
    assert "Afficher cette aide et quitter." in result.output
    assert "Commandes" in result.output
    for word in ENGLISH:
        assert word not in result.output


def test_no_english_metavar_in_any_help(run: Run) -> None:
    helps = [run("--help").output] + [run(n, "--help").output for n in pae_cli.cli.commands]
    assert [m for h in helps for m in METAVARS.findall(h)] == []


@pytest.mark.parametrize("name", sorted(pae_cli.cli.commands))
def test_every_command_has_french_help(run: Run, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Utilisation : pae {name} [OPTIONS]")
    assert "Afficher cette aide et quitter." in result.output
    assert "Exemple" in result.output  # « Exemple : » or « Exemples : »
    for word in ENGLISH:
        assert word not in result.output
    command = pae_cli.cli.commands[name]
    assert isinstance(command, click.Command)
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"--{param.name} has no help"


def test_valider_help(run: Run) -> None:
    output = " ".join(run("valider", "--help").output.split())
    assert "Vérifier les dossiers et les données de référence (erreurs et avertissements)." in (
        output
    )
    assert "Compter les avertissements comme des erreurs" in output
    assert "Date de référence (« aujourd'hui ») au format AAAA-MM-JJ" in output
    assert "Format du rapport." in output


# --- the "done when": one mistake at a time, each at its line ---------------------------

MISTAKES = [
    pytest.param(
        ("dossier_imilo: true", "dossier_imillo: true"),
        "33:3: E1 clé inconnue « dossier_imillo »",
        "      → vouliez-vous dire « dossier_imilo » ? clés possibles : conseiller_ml, date, "
        "dossier_imilo, mef, referent",
        id="cle-mal-orthographiee",
    ),
    pytest.param(
        ("canal: telephone", "canal: téléphone"),
        "19:14: E1 valeur « téléphone » non autorisée",
        "      → vouliez-vous dire « telephone » ? valeurs possibles : telephone, sms, courriel, "
        "courrier, rencontre",
        id="valeur-hors-liste",
    ),
    pytest.param(
        ("referent: c-durand", "referent: c-duran"),
        "31:13: E2 le référent « c-duran » n'existe pas",
        "      → référents de 0990001N : c-durand (Claire Durand), m-roux (Marc Roux) "
        "(liste dans records/etablissements/0990001N.yaml)",
        id="referent-inconnu",
    ),
    pytest.param(
        ("  date: 2026-09-10", "  date: 2026-09-31"),
        "24:9: E1 la date « 2026-09-31 » n'existe pas",
        "      → format attendu AAAA-MM-JJ, par exemple 2026-09-30",
        id="31-septembre",
    ),
    pytest.param(
        ("  date: 2026-09-10", "  date: 31/09/2026"),
        "24:9: E1 date invalide « 31/09/2026 »",
        "      → format attendu AAAA-MM-JJ, par exemple 2026-09-30",
        id="31-septembre-a-la-francaise",
    ),
    pytest.param(
        ("  mef: pae_n3", "  mef: pae_n3\n  mef: pae_n4"),
        "31:3: E1 clé « mef » en double : la seconde valeur effacerait la première ; "
        "garder une seule fois cette clé",
        None,
        id="cle-en-double",
    ),
    pytest.param(
        ("mef: pae_n3", "mef: pae_n4"),
        "30:8: E5 MEF « pae_n4 » incompatible avec le diplôme CAP",
        "      → un jeune issu de CAP est inscrit en pae_n3",
        id="cap-en-pae-n4",
    ),
]


@pytest.mark.parametrize(("change", "line", "hint"), MISTAKES)
def test_one_mistake_reported_at_its_line(
    run: Run,
    reseau: Path,
    dossier: Path,
    edit: Edit,
    change: tuple[str, str],
    line: str,
    hint: str | None,
) -> None:
    edit(dossier, *change)
    result = run("--depot", reseau, "valider", *DATE)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{DOSSIER} (1 erreur)"
    assert lines[1] == f"  {DOSSIER}:{line}"
    assert lines[2] == (hint or "")
    assert lines[-1] == "1 erreur dans 1 fichier (4 fichiers vérifiés)."
    assert "Traceback" not in result.output


# --- whatever a dossier holds, a verdict and never a crash -----------------------------------

BASE = (Path(__file__).parent / "data/reseau" / DOSSIER).read_text(encoding="utf-8")
NOISE = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [":", "- ", "  ", "\t", "\n", "&a ", "*a", "!!int ", "!!float ", '"', "{", "[", "~", "null"]
    ),
    st.sampled_from(["2026-02-30", "9:30", "0990001A", "pae_n4", "bts", "admis", "2027-01-05"]),
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The valid dossier with a few slices replaced: it mostly passes the loader, not always
    the schema, and reaches the rules with odd values."""
    text = BASE
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        text = text[:start] + draw(NOISE) + text[end:]
    return text


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(mutated(), st.text(max_size=300)))
def test_any_dossier_content_gets_a_verdict(run: Run, reseau: Path, content: str) -> None:
    (reseau / DOSSIER).write_text(content, encoding="utf-8")
    result = run("--depot", reseau, "valider", *DATE)
    last = result.output.splitlines()[-1]
    warnings = r"( ; \d+ avertissements?)?"  # a mutation may drop a participant (W1)
    if result.exit_code == 0:
        assert re.fullmatch(f"Tout est valide : 4 fichiers vérifiés{warnings}\\.", last)
    else:
        assert result.exit_code == 1
        errors = r"\d+ erreurs? dans 1 fichier \(4 fichiers vérifiés\)"
        assert re.fullmatch(f"{errors}{warnings}\\.", last)


# --- the demo data --------------------------------------------------------------------------


DEMO_WARNINGS = [
    # In-depth interviews held before any référent was designated: deliberate, to show W1.
    ("W1", "records/jeunes/2026/0990002P/0990002P-2026-009.yaml"),
    ("W1", "records/jeunes/2026/0990003R/0990003R-2026-010.yaml"),
]


def test_the_demo_data_is_valid(run: Run) -> None:
    result = run("--depot", REPO, "valider", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("Tout est valide : ")
    report = run("--depot", REPO, "valider", "--date", "2026-11-27", "--format", "json")
    found = [(p["code"], p["fichier"]) for p in json.loads(report.output)["problemes"]]
    assert found == DEMO_WARNINGS


# --- one round: the rules that can run on a file failing its schema ---------------------


def test_a_typod_key_and_a_wrong_referent_in_one_round(
    run: Run, reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "  conseiller_ml: a-benali\n", "  conseiler_ml: a-benali\n")
    edit(dossier, "referent: c-durand", "referent: c-duran")
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "json")
    assert result.exit_code == 1
    found = sorted((p["code"], p["champ"]) for p in json.loads(result.stdout)["problemes"])
    assert found == [("E1", "inscription.conseiler_ml"), ("E2", "inscription.referent")]


def test_a_referent_written_by_name_is_told_the_id(
    run: Run, reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "referent: c-durand", "referent: Claire Durand")
    edit(dossier, "  conseiller_ml: a-benali\n", "  conseiller_ml: amina benali\n")
    result = run("--depot", reseau, "valider", "--date", "2026-10-15")
    assert result.exit_code == 1
    assert (
        ":31:13: E1 « Claire Durand » n'est pas un identifiant valide\n"
        "      → c'est un nom : écrire l'identifiant « c-durand » ; référents de 0990001N : "
        "c-durand (Claire Durand), m-roux (Marc Roux) (liste dans "
        "records/etablissements/0990001N.yaml)\n"
    ) in result.stdout
    assert (
        "      → c'est un nom : écrire l'identifiant « a-benali » ; conseillers de ml-test : "
        "a-benali (Amina Benali) (liste dans records/missions-locales/ml-test.yaml)\n"
    ) in result.stdout
    assert result.stdout.count(" E2 ") == 0  # said once, by the schema's problem


def test_a_broken_identity_runs_no_rule_on_a_guess(
    run: Run, reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "etablissement: 0990001N", "etablissement: 099")
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "json")
    codes = [p["code"] for p in json.loads(result.stdout)["problemes"]]
    assert codes == ["E1"]
