"""`pae echeances`: what is due, by who acts, within the horizon, as text, JSON and ICS."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from statut_network import TODAY, write_depot

Run = Callable[..., Result]
Edit = Callable[[Path, str, str], None]
LYCEE = "Lycée professionnel de Test"


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    return write_depot(tmp_path)


def echeances(run: Run, depot: Path, *args: str) -> str:
    result = run("--depot", depot, "echeances", "--date", TODAY, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_echeances_under_each_person_who_acts(run: Run, depot: Path) -> None:
    assert echeances(run, depot) == (
        "Échéances jusqu'au 29/10/2026 (14 jours)\n"
        "\n"
        "Chef d'établissement — Mme Cheffe (Lycée des Métiers du Test) (2)\n"
        "  17/09/2026  entretien approfondi avec la mission locale — Inès Petit "
        "(0990002P-2026-001)  EN RETARD\n"
        "  30/09/2026  inscrire le jeune (MEF PAE) et désigner un référent — Inès Petit "
        "(0990002P-2026-001)  EN RETARD\n"
        "\n"
        "Chef d'établissement — Mme Cheffe (Lycée professionnel de Test) (1)\n"
        "  30/09/2026  contacter le jeune — Yanis Bernard (0990001N-2026-002)  EN RETARD\n"
        "\n"
        "Référent — Marc Roux (Lycée professionnel de Test) (2)\n"
        "  25/09/2026  point de suivi avec le jeune — Moussa Diallo (0990001N-2026-003)  "
        "EN RETARD\n"
        "  20/10/2026  début de l'action « Action a1 » — Moussa Diallo (0990001N-2026-003)\n"
        "\n"
        "Conseiller de la mission locale — non désigné (Mission locale de Test) (1)\n"
        "  17/09/2026  A10 : inscription à France Travail (ex-Pôle emploi) déclarée mais non "
        "vérifiée — Inès Petit (0990002P-2026-001)  EN RETARD\n"
    )
    # Léa Martin's next check-in: 10 school days after Friday 9 October, the Toussaint
    # break left out, is 6 November, beyond the horizon.


def test_echeances_horizon(run: Run, depot: Path) -> None:
    wide = echeances(run, depot, "--jours", "80")
    assert wide.startswith("Échéances jusqu'au 03/01/2027 (80 jours)\n")
    # A9 (I-Milo not updated) is the deadline of the same day: said once.
    assert (
        "\nConseiller de la mission locale — Amina Benali (Mission locale de Test) (1)\n"
        "  31/12/2026  mettre à jour I-Milo — Sarah Moreau (0990001N-2026-006)\n"
    ) in wide
    assert "Référent — Claire Durand (Lycée professionnel de Test) (3)\n" in wide
    assert "Référent — Marc Roux (Lycée professionnel de Test) (3)\n" in wide
    assert "  06/11/2026  point de suivi avec le jeune — Léa Martin (0990001N-2026-001)\n" in wide
    today_only = echeances(run, depot, "--jours", "0")
    assert "20/10/2026" not in today_only
    assert today_only.count("EN RETARD") == 5


def test_echeances_of_one_conseiller(run: Run, depot: Path) -> None:
    assert echeances(run, depot, "--conseiller", "a-benali", "--jours", "80") == (
        "Échéances jusqu'au 03/01/2027 (80 jours)\n"
        "\n"
        "Conseiller de la mission locale — Amina Benali (Mission locale de Test) (1)\n"
        "  31/12/2026  mettre à jour I-Milo — Sarah Moreau (0990001N-2026-006)\n"
    )


def test_the_conseillers_alerts_are_under_their_name(run: Run, depot: Path, edit: Edit) -> None:
    # Inès Petit's information interview names her conseiller: A10 is Amina Benali's.
    edit(
        depot / "records/jeunes/2026/0990002P/0990002P-2026-001.yaml",
        "  mission_locale: ml-test\n",
        "  mission_locale: ml-test\n  conseiller_ml: a-benali\n",
    )
    assert echeances(run, depot, "--conseiller", "a-benali") == (
        "Échéances jusqu'au 29/10/2026 (14 jours)\n"
        "\n"
        "Conseiller de la mission locale — Amina Benali (Mission locale de Test) (1)\n"
        "  17/09/2026  A10 : inscription à France Travail (ex-Pôle emploi) déclarée mais non "
        "vérifiée — Inès Petit (0990002P-2026-001)  EN RETARD\n"
    )


def test_echeances_filters_and_nothing_to_do(run: Run, depot: Path) -> None:
    out = echeances(run, depot, "--etablissement", "0990002P")
    assert "Inès Petit" in out and "Yanis Bernard" not in out
    assert echeances(run, depot, "--referent", "c-durand", "--jours", "3") == (
        "Échéances jusqu'au 18/10/2026 (3 jours)\n\nRien à faire dans cette période.\n"
    )


def test_echeances_json(run: Run, depot: Path) -> None:
    data = json.loads(echeances(run, depot, "--format", "json", "--referent", "m-roux"))
    assert data == [
        {
            "date": "2026-09-25",
            "quoi": "point de suivi avec le jeune",
            "qui": "referent",
            "personne": {"id": "m-roux", "nom": "Marc Roux", "structure": LYCEE},
            "code": None,
            "dossier": "0990001N-2026-003",
            "en_retard": True,
        },
        {
            "date": "2026-10-20",
            "quoi": "début de l'action « Action a1 »",
            "qui": "referent",
            "personne": {"id": "m-roux", "nom": "Marc Roux", "structure": LYCEE},
            "code": None,
            "dossier": "0990001N-2026-003",
            "en_retard": False,
        },
    ]


DEMO = Path(__file__).resolve().parents[1]


def demo_echeances(run: Run, *args: str) -> Result:
    return run("--depot", DEMO, "echeances", "--date", "2026-11-02", "--jours", "14", *args)


def test_the_chef_has_their_alerts_and_what_a_missing_referent_would_do(run: Run) -> None:
    result = demo_echeances(run, "--chef", "0990003R")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].startswith("Chef d'établissement — Mme Sandrine Carrère")
    assert all(not line.startswith(("Référent", "Conseiller")) for line in lines)
    # A4 is the chef's; Samba Ndiaye has no référent yet: their follow-up comes to the chef
    assert "  07/10/2026  A4 : aucun référent désigné — Samba Ndiaye (0990003R-2026-010)" in (
        result.stdout
    )
    assert "point de suivi avec le jeune — Samba Ndiaye (0990003R-2026-010)" in result.stdout


def test_the_referent_has_their_alerts_too(run: Run) -> None:
    everyone = demo_echeances(run, "--jours", "60").stdout
    referent_part = everyone[everyone.index("Référent —") : everyone.index("Conseiller")]
    assert any(f" A{n} : " in referent_part for n in (6, 7, 8, 11, 13))


def test_the_conseiller_shares_the_in_depth_interview(run: Run) -> None:
    result = demo_echeances(run, "--conseiller", "b-cuenot")
    assert result.exit_code == 0, result.output
    assert (
        "  01/10/2026  entretien approfondi avec le référent — Kévin Nguyen (0990001N-2026-003)"
        "  EN RETARD" in result.stdout
    )


def test_an_unknown_chef_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from pae.cli.main import main

    with pytest.raises(SystemExit) as exit_:
        main(["--depot", str(DEMO), "echeances", "--date", "2026-11-02", "--chef", "9999999Z"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("Erreur : établissement « 9999999Z » inconnu")


def test_the_chef_calendar(run: Run, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "chef.ics"
    result = demo_echeances(run, "--chef", "0990003R", "--ics", str(target))
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(target.read_bytes())
    assert "Sandrine Carrère" in str(cal.get("x-wr-calname"))
    summaries = [str(e.get("summary")) for e in cal.walk("VEVENT")]
    assert any("A4" in s and "Samba Ndiaye" in s for s in summaries), summaries
