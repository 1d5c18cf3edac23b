"""`pae echeances`: what is due, by who acts, within the horizon, as text, JSON and ICS."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from statut_network import TODAY, write_depot

Run = Callable[..., Result]


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    return write_depot(tmp_path)


def echeances(run: Run, depot: Path, *args: str) -> str:
    result = run("--depot", depot, "echeances", "--date", TODAY, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_echeances_by_who_acts(run: Run, depot: Path) -> None:
    assert echeances(run, depot) == (
        "Échéances jusqu'au 29/10/2026 (14 jours)\n"
        "\n"
        "Chef d'établissement (3)\n"
        "  17/09/2026  entretien approfondi avec la mission locale — Inès Petit "
        "(0990002P-2026-001)  EN RETARD\n"
        "  30/09/2026  contacter le jeune — Yanis Bernard (0990001N-2026-002)  EN RETARD\n"
        "  30/09/2026  inscrire le jeune (MEF PAE) et désigner un référent — Inès Petit "
        "(0990002P-2026-001)  EN RETARD\n"
        "\n"
        "Référent (2)\n"
        "  25/09/2026  point de suivi avec le jeune — Moussa Diallo (0990001N-2026-003)  "
        "EN RETARD\n"
        "  20/10/2026  début de l'action « Action a1 » — Moussa Diallo (0990001N-2026-003)\n"
    )
    # Léa Martin's next check-in: 10 school days after Friday 9 October, the Toussaint
    # break left out, is 6 November, beyond the horizon.


def test_echeances_horizon(run: Run, depot: Path) -> None:
    wide = echeances(run, depot, "--jours", "80")
    assert wide.startswith("Échéances jusqu'au 03/01/2027 (80 jours)\n")
    assert wide.endswith(
        "\nConseiller mission locale (1)\n"
        "  31/12/2026  mettre à jour I-Milo — Sarah Moreau (0990001N-2026-006)\n"
    )
    assert "Référent (6)\n" in wide  # three bilans by 31 December besides the three above
    assert "  06/11/2026  point de suivi avec le jeune — Léa Martin (0990001N-2026-001)\n" in wide
    today_only = echeances(run, depot, "--jours", "0")
    assert "20/10/2026" not in today_only
    assert today_only.count("EN RETARD") == 4


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
            "dossier": "0990001N-2026-003",
            "en_retard": True,
        },
        {
            "date": "2026-10-20",
            "quoi": "début de l'action « Action a1 »",
            "qui": "referent",
            "dossier": "0990001N-2026-003",
            "en_retard": False,
        },
    ]
