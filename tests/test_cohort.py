"""Cohort figures (funnel, steps, outcomes by group, rates, medians) on a handful of dossiers."""

from __future__ import annotations

import pytest

from dossier_builder import Jeune, errors_of, network, statuses_of
from pae.codes import Actor
from pae.programme.cohort import Breakdown, CohortFigures, cohort_figures
from pae.programme.steps import Step
from pae.records.settings import Settings

TODAY = "2026-12-20"


def through(
    jeune: Jeune,
    contact: str,
    info: str,
    inscription: str,
    approfondi: str,
    referent: str = "c-durand",
) -> Jeune:
    jeune.contact(contact).info(info).inscription(inscription, referent=referent)
    jeune.approfondi(approfondi)
    return jeune.action("a1", "2026-10-05", "2026-12-11")


def cohort() -> list[Jeune]:
    """Seven young people of one lycée on 20 December 2026."""
    return [
        # 1: never reached
        Jeune(1),
        # 2: refused on the phone (bac pro)
        Jeune(2, diplome="bac_pro").contact("2026-07-08", reponse="refus"),
        # 3: still in the programme, last check-in long ago (A5); contact → enrolment 66 days
        through(Jeune(3), "2026-07-08", "2026-09-10", "2026-09-12", "2026-09-16")
        .point("2026-10-09")
        .presence("present", "2026-10-05", "2026-10-06", "2026-10-07")
        .presence("absent", "2026-10-08"),
        # 4: finished, apprenticeship; 60 days, interviews 2 days apart
        through(Jeune(4), "2026-07-15", "2026-09-10", "2026-09-13", "2026-09-12")
        .presence("present", "2026-10-05", "2026-10-12")
        .presence("absent_justifie", "2026-10-19")
        .bilan("2026-12-15", "apprentissage", transmis="2026-12-18"),
        # 5: left for a job, no bilan yet (A9); bac pro, Marc Roux; 70 days
        through(
            Jeune(5, diplome="bac_pro"),
            "2026-07-01",
            "2026-09-08",
            "2026-09-09",
            "2026-09-11",
            "m-roux",
        )
        .sortie("2026-11-20", "emploi")
        .presence("retard", "2026-10-05"),
        # 6: finished, parcours d'insertion (BMA, Marc Roux); 50 days, 10 days apart
        through(
            Jeune(6, diplome="bma"),
            "2026-07-20",
            "2026-09-02",
            "2026-09-08",
            "2026-09-12",
            "m-roux",
        ).bilan("2026-12-10", "parcours_insertion", transmis="2026-12-11"),
        # 7: finished without a solution (DTMS); 80 days, 3 days apart
        through(
            Jeune(7, diplome="dtms"), "2026-07-02", "2026-09-15", "2026-09-20", "2026-09-18"
        ).bilan("2026-12-10", "sans_solution", transmis="2026-12-12"),
    ]


@pytest.fixture(scope="module")
def figures() -> CohortFigures:
    statuses, core = statuses_of(cohort(), TODAY)
    return cohort_figures(statuses, core)


def test_funnel(figures: CohortFigures) -> None:
    assert figures.total == 7
    assert figures.funnel == [
        ("Repérés", 7),
        ("Contactés", 6),
        ("Entretien d'information", 5),
        ("Inscrits", 5),
        ("En parcours", 5),
        ("Bilan fait", 3),
    ]


def test_by_step(figures: CohortFigures) -> None:
    assert figures.by_step == {
        Step.A_CONTACTER: 1,
        Step.CONTACTE: 0,
        Step.ENTRETIEN_INFORMATION: 0,
        Step.INSCRIT: 0,
        Step.EN_PARCOURS: 1,
        Step.BILAN: 1,
        Step.TERMINE: 3,
        Step.NON_INSCRIT: 1,
    }


def test_alerts(figures: CohortFigures) -> None:
    assert figures.alerts_by_code == {"A5": 1, "A9": 1}
    assert figures.alerts_by_actor == {Actor.REFERENT: 2}


def test_outcomes_and_positive_rate(figures: CohortFigures) -> None:
    assert figures.outcomes == {
        "formation": 0,
        "apprentissage": 1,
        "emploi": 1,
        "service_civique": 0,
        "parcours_insertion": 1,
        "sans_solution": 1,
        "non_renseignee": 3,
    }
    # Positive exits over known outcomes: apprenticeship and job out of four.
    assert figures.positive_rate == 0.5


def test_by_diploma(figures: CohortFigures) -> None:
    assert figures.by_diploma == [
        Breakdown("bac_pro", "bac pro", 2, {"non_renseignee": 1, "emploi": 1}, 1, 1),
        Breakdown("bma", "BMA", 1, {"parcours_insertion": 1}, 0, 1),
        Breakdown("cap", "CAP", 3, {"non_renseignee": 2, "apprentissage": 1}, 1, 1),
        Breakdown("dtms", "DTMS", 1, {"sans_solution": 1}, 0, 1),
    ]
    assert [b.positive_rate for b in figures.by_diploma] == [1.0, 0.0, 1.0, 0.0]


def test_by_level(figures: CohortFigures) -> None:
    n3, n4 = figures.by_level
    assert (n3.key, n3.total, n3.positive, n3.closed) == ("N3", 3, 1, 1)
    assert (n4.key, n4.total, n4.positive, n4.closed) == ("N4", 4, 1, 3)
    assert n4.positive_rate == pytest.approx(1 / 3)


def test_by_lycee_and_by_referent(figures: CohortFigures) -> None:
    (lycee,) = figures.by_lycee
    assert (lycee.key, lycee.label, lycee.total, lycee.positive, lycee.closed) == (
        "0990001N",
        "Lycée professionnel de Test",
        7,
        2,
        4,
    )
    assert [(b.key, b.label, b.total, b.positive, b.closed) for b in figures.by_referent] == [
        ("0990001N/c-durand", "Claire Durand (0990001N)", 3, 1, 2),
        ("0990001N/m-roux", "Marc Roux (0990001N)", 2, 1, 2),
    ]


def test_medians_and_attendance(figures: CohortFigures) -> None:
    # First contact → enrolment: 66, 60, 70, 50, 80 days; interviews: 6, 2, 3, 10, 3 days.
    assert figures.median_contact_to_enrolment == 66
    assert figures.median_info_to_in_depth == 3
    # present + late over counted lines (the justified absence is left out): 6 / 7.
    assert figures.attendance_rate == pytest.approx(6 / 7)


def test_empty_cohort() -> None:
    statuses, core = statuses_of([], TODAY)
    figures = cohort_figures(statuses, core)
    assert figures.total == 0
    assert figures.positive_rate is None
    assert figures.median_contact_to_enrolment is None
    assert figures.attendance_rate is None
    assert figures.by_diploma == []


def test_the_cohort_is_valid() -> None:
    jeunes = cohort()
    net = network(*jeunes)
    assert [p.message for j in jeunes for p in errors_of(j, net, Settings())] == []
