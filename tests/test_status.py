"""Steps, deadlines and derived values of docs/rules.md, each on both sides of its date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dossier_builder import Jeune, alert, codes, en_parcours, status_of
from pae.codes import Actor
from pae.programme.deadlines import Deadline, Due, describe
from pae.programme.status import Event
from pae.programme.steps import Step, step_dates
from pae.records.settings import Settings


def contacted() -> Jeune:
    return Jeune().contact("2026-07-08")


def interviewed() -> Jeune:
    return contacted().info("2026-09-10")


def enrolled() -> Jeune:
    return interviewed().inscription("2026-09-12").approfondi("2026-09-16")


def started() -> Jeune:
    return enrolled().action("a1", "2026-10-05", "2026-12-18").point("2026-10-09")


# (what changes, dossier, last day before, step then, first day after, step then)
TRANSITIONS: list[tuple[str, Callable[[], Jeune], str, Step, str, Step]] = [
    ("contact joint", contacted, "2026-07-07", Step.A_CONTACTER, "2026-07-08", Step.CONTACTE),
    (
        "un message laissé n'est pas un contact",
        lambda: Jeune().contact("2026-07-06", resultat="message_laisse").contact("2026-07-08"),
        "2026-07-07",
        Step.A_CONTACTER,
        "2026-07-08",
        Step.CONTACTE,
    ),
    (
        "entretien d'information",
        interviewed,
        "2026-09-09",
        Step.CONTACTE,
        "2026-09-10",
        Step.ENTRETIEN_INFORMATION,
    ),
    (
        "inscription",
        enrolled,
        "2026-09-11",
        Step.ENTRETIEN_INFORMATION,
        "2026-09-12",
        Step.INSCRIT,
    ),
    (
        "début de la première action",
        started,
        "2026-10-04",
        Step.INSCRIT,
        "2026-10-05",
        Step.EN_PARCOURS,
    ),
    ("lendemain du 31 décembre", started, "2026-12-31", Step.EN_PARCOURS, "2027-01-01", Step.BILAN),
    (
        "sortie anticipée",
        lambda: started().sortie("2026-11-20", "emploi"),
        "2026-11-19",
        Step.EN_PARCOURS,
        "2026-11-20",
        Step.BILAN,
    ),
    (
        "entretien de bilan",
        lambda: started().bilan("2026-12-15"),
        "2026-12-14",
        Step.EN_PARCOURS,
        "2026-12-15",
        Step.BILAN,
    ),
    (
        "bilan transmis au chef d'établissement",
        lambda: started().bilan("2026-12-15", transmis="2026-12-18"),
        "2026-12-17",
        Step.BILAN,
        "2026-12-18",
        Step.TERMINE,
    ),
    (
        "refus à l'entretien d'information",
        lambda: contacted().info("2026-09-10", decision="refus"),
        "2026-09-09",
        Step.CONTACTE,
        "2026-09-10",
        Step.NON_INSCRIT,
    ),
    (
        "réinscription décidée à l'entretien d'information",
        lambda: contacted().info("2026-09-10", decision="reinscription_diplome"),
        "2026-09-09",
        Step.CONTACTE,
        "2026-09-10",
        Step.NON_INSCRIT,
    ),
    (
        "refus au contact",
        lambda: Jeune().contact("2026-07-08", reponse="refus"),
        "2026-07-07",
        Step.A_CONTACTER,
        "2026-07-08",
        Step.NON_INSCRIT,
    ),
    (
        "réinscription acceptée au contact",
        lambda: Jeune().contact("2026-07-08", reponse="reinscription_acceptee"),
        "2026-07-07",
        Step.A_CONTACTER,
        "2026-07-08",
        Step.NON_INSCRIT,
    ),
    (
        "troisième tentative sans joindre le jeune",
        lambda: Jeune().attempts("2026-07-02", "2026-07-06", "2026-07-09"),
        "2026-07-08",
        Step.A_CONTACTER,
        "2026-07-09",
        Step.NON_INSCRIT,
    ),
    (
        "un entretien d'information après un refus au contact",
        lambda: Jeune().contact("2026-07-08", reponse="refus").info("2026-09-10"),
        "2026-09-09",
        Step.NON_INSCRIT,
        "2026-09-10",
        Step.ENTRETIEN_INFORMATION,
    ),
    (
        "un nouveau contact accepté après un refus",
        lambda: Jeune().contact("2026-07-08", reponse="refus").contact("2026-07-20"),
        "2026-07-19",
        Step.NON_INSCRIT,
        "2026-07-20",
        Step.CONTACTE,
    ),
    (
        "joint après deux échecs",
        lambda: Jeune().attempts("2026-07-02", "2026-07-06").contact("2026-07-09"),
        "2026-07-08",
        Step.A_CONTACTER,
        "2026-07-09",
        Step.CONTACTE,
    ),
]


@pytest.mark.parametrize(
    ("build", "before", "step_before", "after", "step_after"),
    [pytest.param(*case[1:], id=case[0]) for case in TRANSITIONS],
)
def test_step_changes_on_its_date(
    build: Callable[[], Jeune], before: str, step_before: Step, after: str, step_after: Step
) -> None:
    jeune = build()
    assert status_of(jeune, before).etape is step_before
    assert status_of(jeune, after).etape is step_after


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (
            lambda: contacted().info("2026-09-10", decision="refus"),
            "refus à l'entretien d'information",
        ),
        (
            lambda: contacted().info("2026-09-10", decision="reinscription_diplome"),
            "réinscription pour repasser le diplôme",
        ),
        (lambda: Jeune().contact("2026-07-08", reponse="refus"), "refus lors du contact"),
        (
            lambda: Jeune().contact("2026-07-08", reponse="reinscription_acceptee"),
            "réinscription pour repasser le diplôme",
        ),
        (
            lambda: Jeune().attempts("2026-07-02", "2026-07-06", "2026-07-09"),
            "injoignable après 3 tentatives",
        ),
    ],
)
def test_non_inscrit_says_why(build: Callable[[], Jeune], reason: str) -> None:
    st = status_of(build(), "2026-10-15")
    assert (st.etape, st.motif_non_inscription) == (Step.NON_INSCRIT, reason)
    assert st.deadlines == [] and st.next_deadline is None


def test_two_failed_attempts_stay_to_contact() -> None:
    st = status_of(Jeune().attempts("2026-07-02", "2026-07-06"), "2026-10-15")
    assert (st.etape, st.motif_non_inscription) == (Step.A_CONTACTER, None)


def test_attempts_threshold_is_a_setting() -> None:
    jeune = Jeune().attempts("2026-07-02", "2026-07-06", "2026-07-09")
    four = Settings(tentatives_contact_injoignable=4)
    assert status_of(jeune, "2026-10-15", settings=four).etape is Step.A_CONTACTER
    assert status_of(jeune.attempts("2026-07-15"), "2026-10-15", settings=four).etape is (
        Step.NON_INSCRIT
    )


def test_last_reached_contact_is_the_latest_by_date_not_by_position() -> None:
    # The file lists the acceptance first; the refusal happened earlier.
    jeune = Jeune().contact("2026-07-20").contact("2026-07-08", reponse="refus")
    st = status_of(jeune, "2026-07-25")
    assert st.etape is Step.CONTACTE


def test_en_reflexion_at_the_interview_is_not_a_refusal() -> None:
    st = status_of(contacted().info("2026-09-10", decision="en_reflexion"), "2026-09-15")
    assert st.etape is Step.ENTRETIEN_INFORMATION


def test_a_bilan_without_solution_does_not_close_the_dossier() -> None:
    jeune = started().bilan("2026-12-15", solution=None, transmis="2026-12-16")
    assert status_of(jeune, "2026-12-20").etape is Step.BILAN


def test_events_after_the_date_have_not_happened_yet() -> None:
    """The same finished dossier, read at each date of its life."""
    jeune = started().bilan("2026-12-15", transmis="2026-12-18")
    seen = {day: status_of(jeune, day).etape for day in ("2026-07-01", "2026-09-11", "2026-11-01")}
    assert seen == {
        "2026-07-01": Step.A_CONTACTER,
        "2026-09-11": Step.ENTRETIEN_INFORMATION,
        "2026-11-01": Step.EN_PARCOURS,
    }


# --- next deadline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "today", "expected"),
    [
        pytest.param(
            Jeune,
            "2026-07-01",
            Deadline(date(2026, 9, 30), "contacter le jeune", Actor.CHEF),
            id="a_contacter",
        ),
        pytest.param(
            contacted,
            "2026-07-10",
            Deadline(
                date(2026, 9, 30),
                "organiser l'entretien d'information avec la mission locale",
                Actor.CHEF,
            ),
            id="contacte",
        ),
        pytest.param(
            interviewed,
            "2026-09-10",
            # No référent designated before enrolment: the head of school organises it.
            Deadline(date(2026, 9, 17), "entretien approfondi avec la mission locale", Actor.CHEF),
            id="entretien_information, approfondi d'abord",
        ),
        pytest.param(
            lambda: interviewed().approfondi("2026-09-14"),
            "2026-09-15",
            Deadline(
                date(2026, 9, 30), "inscrire le jeune (MEF PAE) et désigner un référent", Actor.CHEF
            ),
            id="entretien_information, inscription",
        ),
        pytest.param(
            lambda: enrolled().action("a1", "2026-10-05", "2026-10-30"),
            "2026-09-20",
            Deadline(date(2026, 9, 25), "point de suivi avec le jeune", Actor.REFERENT),
            id="inscrit, premier point 10 jours d'école après l'inscription",
        ),
        pytest.param(
            lambda: enrolled().action("a1", "2026-10-05", "2026-10-30").point("2026-09-25"),
            "2026-09-28",
            Deadline(date(2026, 10, 5), "début de l'action « Action a1 »", Actor.REFERENT),
            id="inscrit, début d'action",
        ),
        pytest.param(
            lambda: started().point("2026-12-20"),
            "2026-12-20",
            Deadline(date(2026, 12, 31), "entretien de bilan", Actor.REFERENT),
            id="en_parcours, bilan",
        ),
        pytest.param(
            started,
            "2027-01-05",
            Deadline(
                date(2026, 12, 31), "entretien de bilan et solution de sortie", Actor.REFERENT
            ),
            id="bilan à tenir",
        ),
        pytest.param(
            lambda: started().bilan("2026-12-15"),
            "2026-12-16",
            Deadline(
                date(2026, 12, 31), "transmettre le bilan au chef d'établissement", Actor.REFERENT
            ),
            id="bilan à transmettre",
        ),
    ],
)
def test_next_deadline(build: Callable[[], Jeune], today: str, expected: Deadline) -> None:
    assert status_of(build(), today).next_deadline == expected


def test_a_bilan_without_solution_is_still_to_hold() -> None:
    jeune = started().bilan("2026-12-15", solution=None, transmis="2026-12-16")
    st = status_of(jeune, "2027-01-02")
    assert st.etape is Step.BILAN
    assert st.next_deadline == Deadline(
        date(2026, 12, 31), "entretien de bilan et solution de sortie", Actor.REFERENT
    )


def test_a_transmission_dated_after_the_day_is_still_to_do() -> None:
    jeune = started().bilan("2026-12-15", transmis="2026-12-18")
    assert [d.what for d in status_of(jeune, "2026-12-17").deadlines] == [
        "transmettre le bilan au chef d'établissement"
    ]


def test_bilan_step_lists_the_imilo_update_for_the_adviser() -> None:
    st = status_of(started().bilan("2026-12-15", imilo=False), "2026-12-16")
    assert [(d.what, d.actor) for d in st.deadlines] == [
        ("transmettre le bilan au chef d'établissement", Actor.REFERENT),
        ("mettre à jour I-Milo", Actor.CONSEILLER),
    ]


def test_closed_dossiers_have_no_deadline() -> None:
    st = status_of(started().bilan("2026-12-15", transmis="2026-12-18"), "2026-12-20")
    assert st.etape is Step.TERMINE and st.deadlines == [] and st.next_deadline is None


def test_describe_deadline_in_french() -> None:
    deadline = Deadline(date(2026, 9, 30), "contacter le jeune", Actor.CHEF)
    assert (
        describe(deadline)
        == "contacter le jeune — chef d'établissement, au plus tard le 30/09/2026"
    )


# --- a dossier of an earlier session ------------------------------------------------------


def session_2025() -> Jeune:
    return (
        Jeune(n=4, session=2025, resultat="ajourne", premiere_session=2024)
        .contact("2025-07-07")
        .info("2025-09-09")
        .inscription("2025-09-15")
        .approfondi("2025-09-16")
        .action("a1", "2025-10-06", "2025-12-12", creneaux=(("lundi", "09:00", "12:00"),))
        .point("2025-12-01")
    )


def test_session_2025_without_bilan_read_in_october_2026() -> None:
    st = status_of(session_2025(), "2026-10-15")
    assert st.etape is Step.BILAN
    assert codes(st) == ["A9"]  # no A5: the programme ended on 31/12/2025; no A7 either
    a9 = alert(st, "A9")
    assert a9.message == (
        "bilan à faire (fin du parcours le 31/12/2025) : aucun bilan avec solution de sortie"
    )
    assert (a9.actor, a9.due) == (Actor.REFERENT, date(2025, 12, 31))
    assert st.next_deadline == Deadline(
        date(2025, 12, 31), "entretien de bilan et solution de sortie", Actor.REFERENT
    )
    assert st.jours_en_parcours == 108  # 15 September to 31 December 2025
    assert st.notes_conservables_jusqu_a == 2029


def test_session_2025_with_its_bilan_is_finished() -> None:
    jeune = session_2025().bilan("2025-12-15", "formation", transmis="2025-12-17")
    st = status_of(jeune, "2026-10-15")
    assert (st.etape, codes(st), st.sortie) == (Step.TERMINE, [], "formation")


def test_session_2025_with_a_bilan_not_transmitted() -> None:
    st = status_of(session_2025().bilan("2025-12-15", "emploi"), "2026-10-15")
    assert st.etape is Step.BILAN
    assert [a.message for a in st.alertes] == ["bilan non transmis au chef d'établissement"]


# --- derived values -----------------------------------------------------------------------


@pytest.mark.parametrize(("first", "until"), [(2026, 2031), (2024, 2029), (2021, 2026)])
def test_grades_kept_for_five_sessions_after_the_first(first: int, until: int) -> None:
    st = status_of(Jeune(premiere_session=first), "2026-07-01")
    assert st.notes_conservables_jusqu_a == until


@pytest.mark.parametrize(
    ("diplome", "niveau"), [("cap", "N3"), ("bac_pro", "N4"), ("bma", "N4"), ("dtms", "N4")]
)
def test_level_from_the_diploma(diplome: str, niveau: str) -> None:
    st = status_of(
        Jeune(diplome=diplome).contact("2026-07-08").info("2026-09-10").inscription("2026-09-12"),
        "2026-09-12",
    )
    assert st.niveau == niveau


def test_attendance_rates() -> None:
    jeune = (
        enrolled()
        .action("a1", "2026-09-14", "2026-12-18")
        .presence("absent", "2026-09-14", "2026-09-15")  # older than the 4 weeks on 15/10
        .presence("present", "2026-09-21", "2026-09-22", "2026-09-23")
        .presence("retard", "2026-09-24")
        .presence("absent_justifie", "2026-09-25", "2026-09-28")
        .presence("absent", "2026-09-29")
        .presence("present", "2026-10-20")  # after the date: not known yet
    )
    st = status_of(jeune, "2026-10-15")
    assert st.assiduite == pytest.approx(4 / 7)
    assert st.assiduite_recente == pytest.approx(4 / 5)


def test_no_attendance_line_no_rate() -> None:
    st = status_of(started(), "2026-10-15")
    assert (st.assiduite, st.assiduite_recente) == (None, None)


def july() -> Jeune:
    """Enrolled on 8 July: the programme starts at the rentrée, 1 September 2026."""
    return Jeune().contact("2026-07-06").info("2026-07-07").inscription("2026-07-08")


@pytest.mark.parametrize(
    ("build", "today", "expected"),
    [
        pytest.param(interviewed, "2026-09-15", None, id="pas inscrit"),
        pytest.param(enrolled, "2026-09-12", 1, id="le jour de l'inscription"),
        pytest.param(started, "2026-10-15", 34, id="en cours"),
        pytest.param(started, "2027-02-01", 111, id="arrêté au 31 décembre"),
        pytest.param(
            lambda: started().sortie("2026-11-20", "emploi"), "2026-12-01", 70, id="sortie"
        ),
        pytest.param(
            lambda: started().sortie("2026-11-20", "emploi"), "2026-11-01", 51, id="sortie à venir"
        ),
        pytest.param(july, "2026-08-31", 0, id="inscrit en juillet, avant la rentrée"),
        pytest.param(july, "2026-09-01", 1, id="inscrit en juillet, le jour de la rentrée"),
        pytest.param(july, "2026-09-02", 2, id="inscrit en juillet, le lendemain"),
    ],
)
def test_days_in_programme(build: Callable[[], Jeune], today: str, expected: int | None) -> None:
    assert status_of(build(), today).jours_en_parcours == expected


@pytest.mark.parametrize(
    ("solution", "positive"),
    [
        ("formation", True),
        ("apprentissage", True),
        ("emploi", True),
        ("service_civique", True),
        ("parcours_insertion", False),
        ("sans_solution", False),
    ],
)
def test_outcome_from_the_bilan(solution: str, positive: bool) -> None:
    st = status_of(started().bilan("2026-12-15", solution, transmis="2026-12-16"), "2026-12-20")
    assert (st.sortie, st.sortie_positive) == (solution, positive)


@pytest.mark.parametrize(
    ("motif", "sortie"),
    [
        ("emploi", "emploi"),
        ("formation", "formation"),
        ("apprentissage", "apprentissage"),
        ("demenagement", "non_renseignee"),
        ("abandon", "non_renseignee"),
        ("autre", "non_renseignee"),
    ],
)
def test_outcome_from_an_early_exit(motif: str, sortie: str) -> None:
    st = status_of(started().sortie("2026-11-20", motif), "2026-11-25")
    assert st.sortie == sortie


def test_outcome_unknown_before_the_bilan_is_held() -> None:
    jeune = started().bilan("2026-12-15", "emploi", transmis="2026-12-16")
    assert status_of(jeune, "2026-12-14").sortie == "non_renseignee"
    assert status_of(jeune, "2026-12-15").sortie == "emploi"


def test_bilan_solution_wins_over_the_exit_motive() -> None:
    jeune = started().sortie("2026-11-20", "emploi").bilan("2026-11-27", "formation")
    assert status_of(jeune, "2026-12-01").sortie == "formation"


def test_timeline_marks_what_happened() -> None:
    st = status_of(en_parcours(), "2026-10-15")
    assert st.timeline == [
        Event(date(2026, 7, 8), "Contact (téléphone) : joint", True),
        Event(date(2026, 9, 10), "Entretien d'information avec la mission locale", True),
        Event(date(2026, 9, 12), "Inscription (PAE N3)", True),
        Event(date(2026, 9, 16), "Entretien approfondi", True),
        Event(date(2026, 10, 5), "Début : Action a1", True),
        Event(date(2026, 10, 9), "Point de suivi", True),
        Event(date(2026, 10, 16), "Fin : Action a1", False),
    ]


# --- step dates and deadline kinds (read by the site's step tracker and bilan pages) -------


def test_step_dates_as_known_at_the_reference_date() -> None:
    jeune = en_parcours(1).bilan("2026-12-15", "emploi", transmis="2026-12-16")
    before = status_of(jeune, "2026-10-15")
    assert step_dates(before.dossier, date(2026, 10, 15), Settings()) == {
        Step.CONTACTE: date(2026, 7, 8),
        Step.ENTRETIEN_INFORMATION: date(2026, 9, 10),
        Step.INSCRIT: date(2026, 9, 12),
        Step.EN_PARCOURS: date(2026, 10, 5),
    }
    # Known on 15 October, the bilan is planned: its solution and transmission come later.
    assert before.dossier.bilan is not None and before.dossier.bilan.solution is None
    assert before.full is not None
    after = step_dates(before.full, date(2026, 12, 20), Settings())
    assert (after[Step.BILAN], after[Step.TERMINE]) == (date(2026, 12, 15), date(2026, 12, 16))


def test_step_dates_of_an_unreached_young_person() -> None:
    st = status_of(Jeune(2).contact("2026-07-08", resultat="injoignable"), "2026-10-15")
    assert st.etape is Step.A_CONTACTER
    assert step_dates(st.dossier, date(2026, 10, 15), Settings()) == {}


def test_every_deadline_says_what_kind_it_is() -> None:
    st = status_of(en_parcours(1).action("a2", "2026-11-02", "2026-11-20"), "2026-10-15")
    assert [(dl.kind, dl.date) for dl in st.deadlines] == [
        (Due.POINT_SUIVI, date(2026, 11, 6)),
        (Due.DEBUT_ACTION, date(2026, 11, 2)),
        (Due.BILAN, date(2026, 12, 31)),
    ]
