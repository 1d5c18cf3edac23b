"""E10: nothing happens under school status before the enrolment or the rentrée; an early
exit ends school status (E9 refuses what comes after it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import Edit
from dossier_builder import Jeune, errors_of, network, status_of
from pae.records.settings import Settings
from test_rules import append, check

NO_STATUS = "sans statut scolaire, ni convention ni couverture"
RENTREE_HINT = "la date de rentrée se règle dans records/parametres.yaml (calendrier.rentrees)"
ENROLMENT_FIX = "au 12/09/2026 au plus tôt, ou corriger la date d'inscription"


@pytest.mark.parametrize(("debut", "error"), [("2026-09-11", True), ("2026-09-12", False)])
def test_e10_a_placement_before_the_enrolment_is_an_error_at_its_line(
    reseau: Path, dossier: Path, edit: Edit, debut: str, error: bool
) -> None:
    edit(dossier, "debut: 2026-10-05", f"debut: {debut}")
    expected = (
        "E10",
        45,
        14,
        f"l'action a1 commence le 11/09/2026, avant l'inscription du 12/09/2026 : {NO_STATUS}",
        f"décaler le début de l'action {ENROLMENT_FIX}",
    )
    assert check(reseau) == ([expected] if error else [])


JULY = [
    ("- date: 2026-07-08", "- date: 2026-07-06"),
    ("date: 2026-09-10", "date: 2026-07-07"),
    ("  date: 2026-09-12", "  date: 2026-07-08"),
]


@pytest.mark.parametrize(("debut", "error"), [("2026-08-31", True), ("2026-09-01", False)])
def test_e10_enrolled_in_july_nothing_before_the_rentree(
    reseau: Path, dossier: Path, edit: Edit, debut: str, error: bool
) -> None:
    for old, new in JULY:
        edit(dossier, old, new)
    edit(dossier, "debut: 2026-10-05", f"debut: {debut}")
    expected = (
        "E10",
        45,
        14,
        f"l'action a1 commence le 31/08/2026, avant la rentrée du 01/09/2026 : {NO_STATUS}",
        f"décaler le début de l'action au 01/09/2026 au plus tôt ({RENTREE_HINT})",
    )
    assert check(reseau) == ([expected] if error else [])


def test_e10_a_rentree_set_earlier_in_the_settings(reseau: Path, dossier: Path, edit: Edit) -> None:
    for old, new in JULY:
        edit(dossier, old, new)
    edit(dossier, "debut: 2026-10-05", "debut: 2026-08-24")
    rentree = {"calendrier": {"rentrees": [{"session": 2026, "date": "2026-08-24"}]}}
    (reseau / "records/parametres.yaml").write_text(yaml.safe_dump(rentree), encoding="utf-8")
    assert check(reseau) == []


def test_e10_attendance_before_the_enrolment(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "debut: 2026-10-05", "debut: 2026-09-01")
    edit(dossier, "{date: 2026-10-05, action: a1", "{date: 2026-09-11, action: a1")
    found = [f for f in check(reseau) if f[0] == "E10"]
    assert found == [
        (
            "E10",
            45,
            14,
            f"l'action a1 commence le 01/09/2026, avant l'inscription du 12/09/2026 : {NO_STATUS}",
            f"décaler le début de l'action {ENROLMENT_FIX}",
        ),
        (
            "E10",
            55,
            14,
            f"présence du 11/09/2026 avant l'inscription du 12/09/2026 : {NO_STATUS}",
            f"corriger la date de la présence {ENROLMENT_FIX}",
        ),
    ]


def test_e10_attendance_without_enrolment(reseau: Path, dossier: Path) -> None:
    text = dossier.read_text(encoding="utf-8")
    start = text.index("inscription:\n")
    end = text.index("entretien_approfondi:\n")
    dossier.write_text(text[:start] + text[end:], encoding="utf-8")
    assert check(reseau) == [
        (
            "E10",
            49,
            14,
            f"présence du 05/10/2026 alors que le jeune n'est pas inscrit : {NO_STATUS}",
            "noter d'abord l'inscription (section « inscription »), ou retirer la présence",
        )
    ]


@pytest.mark.parametrize(("debut", "error"), [("2026-08-31", True), ("2026-09-01", False)])
def test_e10_a_plan_before_enrolment_not_before_the_rentree(debut: str, error: bool) -> None:
    jeune = Jeune().contact("2026-07-06").info("2026-07-07", decision="en_reflexion")
    jeune.action("a1", debut, "2026-09-30")
    found = [p.message for p in errors_of(jeune, network(jeune), Settings())]
    assert found == (
        [f"l'action a1 commence le 31/08/2026, avant la rentrée du 01/09/2026 : {NO_STATUS}"]
        if error
        else []
    )


# --- the end of school status: the early exit ---------------------------------------------------


def test_a_cej_ends_school_status_and_is_a_parcours_d_insertion(
    reseau: Path, dossier: Path
) -> None:
    append(dossier, "sortie_anticipee:\n  date: 2026-10-09\n  motif: cej\n")
    assert check(reseau) == []
    jeune = (
        Jeune()
        .contact("2026-07-08")
        .info("2026-09-10")
        .inscription("2026-09-12")
        .approfondi("2026-09-16")
        .action("a1", "2026-10-05", "2026-10-16")
        .sortie("2026-10-09", "cej")
    )
    assert status_of(jeune, "2026-10-09").sortie == "parcours_insertion"
    assert status_of(jeune, "2026-10-08").sortie == "non_renseignee"


def test_nothing_after_the_end_of_school_status(reseau: Path, dossier: Path) -> None:
    append(dossier, "sortie_anticipee:\n  date: 2026-10-04\n  motif: apprentissage\n")
    assert [(f[0], f[3]) for f in check(reseau)] == [
        ("E9", "début de l'action a1 le 05/10/2026, après la sortie anticipée du 04/10/2026"),
        ("E9", "point de suivi le 09/10/2026, après la sortie anticipée du 04/10/2026"),
        ("E9", "présence le 05/10/2026, après la sortie anticipée du 04/10/2026"),
    ]
