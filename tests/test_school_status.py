"""E10: nothing happens under school status before the enrolment or the rentrée; an early
exit ends school status (E9 refuses what comes after it)."""

from __future__ import annotations

from datetime import date
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


def sign(dossier: Path, edit: Edit, day: str) -> None:
    """The test placement's convention, signed on the day it now starts."""
    edit(dossier, "date_signature: 2026-09-28", f"date_signature: {day}")


@pytest.mark.parametrize(("debut", "error"), [("2026-09-11", True), ("2026-09-12", False)])
def test_e10_a_placement_before_the_enrolment_is_an_error_at_its_line(
    reseau: Path, dossier: Path, edit: Edit, debut: str, error: bool
) -> None:
    edit(dossier, "debut: 2026-10-05", f"debut: {debut}")
    sign(dossier, edit, debut)
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
    sign(dossier, edit, debut)
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
    sign(dossier, edit, "2026-08-24")
    rentree = {"calendrier": {"rentrees": [{"session": 2026, "date": "2026-08-24"}]}}
    (reseau / "records/parametres.yaml").write_text(yaml.safe_dump(rentree), encoding="utf-8")
    assert check(reseau) == []


def test_e10_attendance_before_the_enrolment(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "debut: 2026-10-05", "debut: 2026-09-01")
    sign(dossier, edit, "2026-09-01")
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
            56,
            14,
            f"présence du 11/09/2026 avant l'inscription du 12/09/2026 : {NO_STATUS}",
            f"corriger la date de la présence {ENROLMENT_FIX}",
        ),
    ]


def test_e10_attendance_without_enrolment(reseau: Path, dossier: Path) -> None:
    text = dossier.read_text(encoding="utf-8")
    start = text.index("inscription:\n")
    end = text.index("entretien_approfondi:\n")
    text = text[:start] + text[end:]
    # without its check-ins (E8 without an enrolment: test_chronology…)
    text = text[: text.index("  points:\n")] + text[text.index("  assiduite:\n") :]
    dossier.write_text(text, encoding="utf-8")
    assert check(reseau) == [
        (
            "E10",
            46,
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


# --- company placements: the convention (E11) and the days done ---------------------------------

CONVENTION = "      convention: {date_signature: 2026-09-28, reference: C-2026-001}\n"
NO_CONVENTION_HINT = (
    "noter la convention signée avant le premier jour : « convention: {date_signature: "
    "AAAA-MM-JJ, reference: …} » ; sans convention, pas de stage"
)


@pytest.mark.parametrize(("today", "error"), [("2026-10-04", False), ("2026-10-05", True)])
def test_e11_a_placement_begun_without_a_convention(
    reseau: Path, dossier: Path, edit: Edit, today: str, error: bool
) -> None:
    edit(dossier, CONVENTION, "")
    expected = (
        "E11",
        40,
        7,
        "stage en entreprise « Immersion en boulangerie » commencé le 05/10/2026 sans "
        "convention signée",
        NO_CONVENTION_HINT,
    )
    found = [f for f in check(reseau, date.fromisoformat(today)) if f[0] == "E11"]
    assert found == ([expected] if error else [])


@pytest.mark.parametrize(
    ("signed", "error"), [("2026-10-04", False), ("2026-10-05", False), ("2026-10-06", True)]
)
def test_e11_a_convention_signed_after_the_first_day(
    reseau: Path, dossier: Path, edit: Edit, signed: str, error: bool
) -> None:
    edit(dossier, "date_signature: 2026-09-28", f"date_signature: {signed}")
    expected = (
        "E11",
        49,
        36,
        "convention signée le 06/10/2026, après le début du stage « Immersion en boulangerie » "
        "le 05/10/2026",
        "la convention est signée au plus tard le premier jour du stage : corriger la date de "
        "signature ou le début du stage",
    )
    assert check(reseau) == ([expected] if error else [])


def test_e11_only_company_placements_need_a_convention(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, CONVENTION, "")
    edit(dossier, "type: stage_immersion", "type: atelier_orientation")
    assert check(reseau) == []


def placement() -> Jeune:
    return (
        Jeune()
        .contact("2026-07-08")
        .info("2026-09-10")
        .inscription("2026-09-12")
        .approfondi("2026-09-16")
        .action("a1", "2026-10-05", "2026-10-16")
        .action("s1", "2026-10-05", "2026-10-16", type="stage_immersion", convention="2026-09-30")
        .point("2026-10-09")
    )


def test_days_done_come_from_the_attendance_lines_of_the_placement() -> None:
    jeune = placement()
    jeune.presence("present", "2026-10-05", "2026-10-06", action="s1")
    jeune.presence("retard", "2026-10-07", action="s1")
    jeune.presence("present", "2026-10-07", action="s1")  # the same day, twice: one day
    jeune.presence("absent", "2026-10-08", action="s1")
    jeune.presence("absent_justifie", "2026-10-09", action="s1")
    jeune.presence("present", "2026-10-12", action="a1")  # another action
    jeune.presence("present", "2026-10-13", action="s1")  # after the day
    assert status_of(jeune, "2026-10-12").jours_effectues == {"s1": 3}
    assert status_of(jeune, "2026-10-13").jours_effectues == {"s1": 4}
    assert status_of(jeune, "2026-10-04").jours_effectues == {"s1": 0}


@pytest.mark.parametrize(("day", "error"), [("2026-09-11", True), ("2026-09-12", False)])
def test_e8_a_check_in_comes_after_the_enrolment(
    reseau: Path, dossier: Path, day: str, error: bool
) -> None:
    text = dossier.read_text(encoding="utf-8")
    enrolled = text[text.index("inscription:\n") :].split("date: ", 1)[1][:10]
    assert enrolled == "2026-09-12"
    points = text.index("  points:\n") + len("  points:\n")
    text = text[:points] + f"    - {{date: {day}, avec: [jeune]}}\n" + text[points:]
    dossier.write_text(text, encoding="utf-8")
    found = [(code, message) for code, _, _, message, _ in check(reseau)]
    expected = ("E8", f"point de suivi le {day[8:]}/09/2026, avant l'inscription du 12/09/2026")
    assert (expected in found) is error


def test_e8_no_check_in_without_an_enrolment(reseau: Path, dossier: Path) -> None:
    text = dossier.read_text(encoding="utf-8")
    text = text[: text.index("inscription:\n")] + text[text.index("entretien_approfondi:\n") :]
    dossier.write_text(text, encoding="utf-8")
    found = [(code, message) for code, _, _, message, _ in check(reseau)]
    assert ("E8", "point de suivi du 09/10/2026 alors que le jeune n'est pas inscrit") in found


@pytest.mark.parametrize(
    ("section", "label"),
    [
        ("sortie_anticipee:\n  date: 2026-11-06\n  motif: abandon\n", "sortie anticipée datée"),
        ("passation:\n  date: 2026-11-06\n  vers: psad\n", "passation du suivi datée"),
    ],
)
def test_e8_an_outcome_is_not_recorded_ahead(
    reseau: Path, dossier: Path, section: str, label: str
) -> None:
    # what `--date D` hides as not known yet (`as_of`) is refused as a record of the future
    dossier.write_text(dossier.read_text(encoding="utf-8") + section, encoding="utf-8")
    found = [(code, message) for code, _, _, message, _ in check(reseau, date(2026, 10, 15))]
    expected = f"{label} du 06/11/2026, dans le futur (date de référence : 15/10/2026)"
    assert ("E8", expected) in found
