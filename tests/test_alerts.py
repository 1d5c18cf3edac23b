"""Alerts A1–A11 of docs/rules.md, each on both sides of its boundary date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dossier_builder import (
    CALENDAR,
    Jeune,
    alert,
    codes,
    days,
    en_parcours,
    status_of,
    write_network,
)
from pae.codes import Actor, Severity
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.status import DossierStatus, network_status
from pae.programme.steps import Step
from pae.records.reading import load_network
from pae.records.settings import Settings

MONDAY = (("lundi", "09:00", "12:00"),)


def of(st: DossierStatus, code: str) -> list[Problem]:
    return [a for a in st.alertes if a.code == code]


def contacted(n: int = 1) -> Jeune:
    return Jeune(n).contact("2026-07-08")


def interviewed(**info: object) -> Jeune:
    return contacted().info("2026-09-10", **info)  # type: ignore[arg-type]


def enrolled(**inscription: object) -> Jeune:
    jeune = interviewed().inscription("2026-09-12", **inscription)  # type: ignore[arg-type]
    return jeune.approfondi("2026-09-16")


def test_a_clean_dossier_has_no_alert() -> None:
    assert codes(status_of(en_parcours(), "2026-10-15")) == []


def test_alerts_are_alerts_not_errors() -> None:
    st = status_of(Jeune(resultat="ajourne"), "2026-07-01")
    assert [(a.code, a.severity, a.file) for a in st.alertes] == [
        ("A3", Severity.ALERT, "records/jeunes/2026/0990001N/0990001N-2026-001.yaml")
    ]


# --- A1 in-depth interview ------------------------------------------------------------------


def test_a1_fifth_school_day_no_alert_sixth_alert() -> None:
    jeune = interviewed()  # Thursday 10 September: 11, 14, 15, 16, 17
    assert of(status_of(jeune, "2026-09-17"), "A1") == []
    a1 = alert(status_of(jeune, "2026-09-18"), "A1")
    assert a1.message == (
        "entretien approfondi en retard : à tenir dans les 5 jours d'école après l'entretien "
        "d'information du 10/09/2026, soit le 17/09/2026 au plus tard"
    )
    assert (a1.actor, a1.due) == (Actor.CHEF, date(2026, 9, 17))  # no référent designated yet


def test_a1_the_toussaint_break_inside_the_week() -> None:
    # Thursday 15 October: 16 October, then 2, 3, 4 and 5 November.
    jeune = contacted().info("2026-10-15")
    assert of(status_of(jeune, "2026-10-30"), "A1") == []  # 15 calendar days, 1 school day
    assert of(status_of(jeune, "2026-11-05"), "A1") == []
    assert alert(status_of(jeune, "2026-11-06"), "A1").due == date(2026, 11, 5)


def test_a1_after_a_july_interview_counts_from_the_rentree() -> None:
    jeune = contacted().info("2026-07-10")  # rentrée on 1 September: 1, 2, 3, 4, 7
    assert of(status_of(jeune, "2026-07-17"), "A1") == []
    assert of(status_of(jeune, "2026-09-07"), "A1") == []
    a1 = alert(status_of(jeune, "2026-09-08"), "A1")
    assert a1.due == date(2026, 9, 7)
    assert a1.message.endswith("du 10/07/2026, soit le 07/09/2026 au plus tard")


def test_a1_goes_to_the_referent_once_designated() -> None:
    jeune = interviewed().inscription("2026-09-25")
    assert alert(status_of(jeune, "2026-09-24"), "A1").actor is Actor.CHEF  # enrolment ahead
    assert alert(status_of(jeune, "2026-09-25"), "A1").actor is Actor.REFERENT


def test_a1_none_once_the_in_depth_interview_is_recorded() -> None:
    assert of(status_of(interviewed().approfondi("2026-09-20"), "2026-09-25"), "A1") == []


@pytest.mark.parametrize("decision", ["refus", "reinscription_diplome"])
def test_a1_none_when_the_young_person_declined(decision: str) -> None:
    assert of(status_of(interviewed(decision=decision), "2026-09-25"), "A1") == []


def test_a1_delay_is_a_setting_of_the_dispositif() -> None:
    settings = Settings.from_raw(
        {"dispositifs": {"pae": {"delai_entretien_approfondi_jours_ecole": 10}}}
    )
    jeune = interviewed()
    assert of(status_of(jeune, "2026-09-24", settings=settings), "A1") == []
    assert alert(status_of(jeune, "2026-09-25", settings=settings), "A1").due == date(2026, 9, 24)


# --- A2 enrolment deadline --------------------------------------------------------------------


def test_a2_from_seven_days_before_the_deadline() -> None:
    jeune = contacted()  # accepted the interview, never enrolled
    assert of(status_of(jeune, "2026-09-22"), "A2") == []
    a2 = alert(status_of(jeune, "2026-09-23"), "A2")
    assert a2.message == "inscription à faire au plus tard le 30/09/2026 (dans 7 jours)"
    assert (a2.actor, a2.due) == (Actor.CHEF, date(2026, 9, 30))
    last = alert(status_of(jeune, "2026-09-30"), "A2")
    assert last.message == "inscription à faire au plus tard le 30/09/2026 (aujourd'hui)"


def test_a2_after_the_deadline() -> None:
    a2 = alert(status_of(interviewed(decision="en_reflexion"), "2026-10-01"), "A2")
    assert a2.message == "date limite d'inscription du 30/09/2026 dépassée sans inscription"
    assert a2.hint == (
        "statuer avec le jeune (refus, réinscription) et l'orienter vers la mission locale"
    )
    assert (a2.actor, a2.due) == (Actor.CHEF, date(2026, 9, 30))


@pytest.mark.parametrize(
    "jeune",
    [
        pytest.param(Jeune().contact("2026-07-08", reponse="en_reflexion"), id="en réflexion"),
        pytest.param(Jeune().attempts("2026-07-08"), id="pas joint"),
        pytest.param(enrolled(), id="inscrit"),
    ],
)
def test_a2_only_for_an_accepted_young_person_not_enrolled(jeune: Jeune) -> None:
    assert of(status_of(jeune, "2026-09-25"), "A2") == []


def test_a2_reads_the_latest_reached_contact() -> None:
    said_yes_then_no = Jeune().contact("2026-07-20", reponse="en_reflexion").contact("2026-07-08")
    assert of(status_of(said_yes_then_no, "2026-09-25"), "A2") == []


# --- A3 re-enrolment proposal -----------------------------------------------------------------


def test_a3_failed_exam_without_a_reinscription_proposal() -> None:
    jeune = Jeune(resultat="ajourne").contact("2026-07-08", propositions=("entretien_information",))
    a3 = alert(status_of(jeune, "2026-07-10"), "A3")
    assert a3.message == (
        "examen non obtenu : aucune proposition de réinscription notée dans les contacts"
    )
    assert (a3.actor, a3.due) == (Actor.CHEF, date(2026, 9, 30))


def test_a3_proposal_counts_from_its_date() -> None:
    jeune = Jeune(resultat="ajourne").contact("2026-07-08", propositions=("reinscription",))
    assert codes(status_of(jeune, "2026-07-07")) == ["A3"]
    assert codes(status_of(jeune, "2026-07-08")) == []


def test_a3_not_for_a_diploma_holder() -> None:
    assert codes(status_of(Jeune(resultat="admis"), "2026-07-10")) == []


def test_a3_still_raised_on_non_inscrit_but_not_on_termine() -> None:
    refused = Jeune(resultat="ajourne").contact(
        "2026-07-08", "joint", "refus", ("entretien_information",)
    )
    st = status_of(refused, "2026-10-15")
    assert (st.etape, codes(st)) == (Step.NON_INSCRIT, ["A3"])
    finished = (
        Jeune(resultat="ajourne")
        .contact("2026-07-08", propositions=("entretien_information",))
        .info("2026-09-10")
        .inscription("2026-09-12")
        .approfondi("2026-09-16")
        .action("a1", "2026-10-05", "2026-10-16")
        .bilan("2026-12-10", transmis="2026-12-11")
    )
    st = status_of(finished, "2026-12-20")
    assert (st.etape, codes(st)) == (Step.TERMINE, [])


# --- A4 enrolment incomplete ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "message", "actor"),
    [
        ({"referent": None}, "aucun référent désigné", Actor.CHEF),
        ({"conseiller_ml": None}, "aucun conseiller de mission locale désigné", Actor.CONSEILLER),
        (
            {"dossier_imilo": False},
            "dossier I-Milo non ouvert ou non rattaché au parcours",
            Actor.CONSEILLER,
        ),
        (
            {"dossier_imilo": None},
            "dossier I-Milo non ouvert ou non rattaché au parcours",
            Actor.CONSEILLER,
        ),
    ],
)
def test_a4_each_missing_item(missing: dict[str, object], message: str, actor: Actor) -> None:
    jeune = enrolled(**missing)
    assert of(status_of(jeune, "2026-09-11"), "A4") == []  # not enrolled yet
    a4 = alert(status_of(jeune, "2026-09-12"), "A4")
    assert (a4.message, a4.actor, a4.due) == (message, actor, date(2026, 9, 19))


def test_a4_one_alert_per_missing_item() -> None:
    jeune = enrolled(referent=None, conseiller_ml=None, dossier_imilo=None)
    assert [a.actor for a in of(status_of(jeune, "2026-09-15"), "A4")] == [
        Actor.CHEF,
        Actor.CONSEILLER,
        Actor.CONSEILLER,
    ]


# --- A5 check-ins -------------------------------------------------------------------------


def followed() -> Jeune:
    return enrolled().action("a1", "2026-09-21", "2026-12-18").point("2026-10-01")


def test_a5_tenth_school_day_no_alert_eleventh_alert() -> None:
    # Thursday 1 October: 2, 5, 6, 7, 8, 9, 12, 13, 14 and 15 October.
    assert of(status_of(followed(), "2026-10-15"), "A5") == []
    a5 = alert(status_of(followed(), "2026-10-16"), "A5")
    assert a5.message == (
        "pas de point de suivi depuis le 01/10/2026 (11 jours d'école ; un point tous les "
        "10 jours d'école au plus)"
    )
    assert (a5.actor, a5.due) == (Actor.REFERENT, date(2026, 10, 15))


def test_a5_the_holidays_stop_the_clock() -> None:
    # Friday 9 October: 12–16 October, then 2–6 November.
    jeune = enrolled().action("a1", "2026-09-21", "2026-12-18").point("2026-10-09")
    first_day_back = status_of(jeune, "2026-11-02")
    assert of(first_day_back, "A5") == []  # 24 calendar days, 6 school days
    assert of(status_of(jeune, "2026-11-06"), "A5") == []
    a5 = alert(status_of(jeune, "2026-11-09"), "A5")
    assert a5.due == date(2026, 11, 6)
    assert "(11 jours d'école ;" in a5.message


def test_a5_a_public_holiday_inside_the_fortnight() -> None:
    # Wednesday 4 November: 5, 6, 9, 10, (11 off) 12, 13, 16, 17, 18, 19.
    jeune = enrolled().action("a1", "2026-09-21", "2026-12-18").point("2026-11-04")
    assert of(status_of(jeune, "2026-11-19"), "A5") == []
    assert alert(status_of(jeune, "2026-11-20"), "A5").due == date(2026, 11, 19)


def test_a5_counts_from_enrolment_without_any_check_in() -> None:
    jeune = enrolled().action("a1", "2026-10-05", "2026-12-18")  # Saturday 12 September
    assert of(status_of(jeune, "2026-09-25"), "A5") == []  # inscrit, 10 school days
    assert of(status_of(jeune, "2026-09-27"), "A5") == []  # the weekend adds nothing
    assert alert(status_of(jeune, "2026-09-28"), "A5").due == date(2026, 9, 25)


def test_a5_ignores_a_check_in_dated_after_the_day() -> None:
    jeune = followed().point("2026-10-20")
    assert alert(status_of(jeune, "2026-10-16"), "A5").due == date(2026, 10, 15)
    assert of(status_of(jeune, "2026-10-20"), "A5") == []


def test_a5_not_once_the_programme_is_over() -> None:
    st = status_of(followed(), "2027-01-05")
    assert st.etape is Step.BILAN and of(st, "A5") == []


# --- A6 attendance --------------------------------------------------------------------------

TODAY_A6 = "2026-10-15"  # window: 18/09 … 15/10


def attending(*lines: tuple[str, list[str]]) -> Jeune:
    jeune = (
        enrolled().action("a1", "2026-09-14", "2026-10-30").action("a2", "2026-09-14", "2026-10-30")
    )
    jeune.point("2026-10-14")
    for statut, dates in lines:
        jeune.presence(statut, *dates)
    return jeune


def a6_messages(jeune: Jeune, today: str = TODAY_A6) -> list[str]:
    return [a.message for a in of(status_of(jeune, today), "A6")]


def test_a6_rate_exactly_80_percent_is_no_alert() -> None:
    jeune = attending(("present", days("2026-10-05", 4)), ("absent", ["2026-10-12"]))
    assert a6_messages(jeune) == []


def test_a6_rate_below_80_percent() -> None:
    jeune = attending(("present", days("2026-10-05", 3)), ("absent", ["2026-10-12"]))
    st = status_of(jeune, TODAY_A6)
    a6 = alert(st, "A6")
    assert a6.message == "assiduité de 75 % sur les 4 dernières semaines d'école (seuil : 80 %)"
    assert (a6.actor, a6.due) == (Actor.REFERENT, date(2026, 10, 15))


def test_a6_lateness_counts_as_present_and_justified_absences_are_left_out() -> None:
    jeune = attending(
        ("present", days("2026-10-05", 3)),
        ("retard", ["2026-10-08"]),
        ("absent_justifie", ["2026-10-09", "2026-10-10", "2026-10-11"]),
        ("absent", ["2026-10-13"]),
    )
    assert a6_messages(jeune) == []


def test_a6_window_is_the_last_four_weeks_of_school() -> None:
    # 15 October: 20 school days back to Friday 18 September.
    four_of_five = [("present", days("2026-10-05", 4)), ("absent", ["2026-10-12"])]
    day_21 = attending(*four_of_five, ("absent", ["2026-09-17"]))
    day_20 = attending(*four_of_five, ("absent", ["2026-09-18"]))
    assert a6_messages(day_21) == []
    assert a6_messages(day_20) == [
        "assiduité de 67 % sur les 4 dernières semaines d'école (seuil : 80 %)"
    ]


def test_a6_window_reaches_over_the_holidays() -> None:
    # 5 November: 2–5 November, 12–16 and 5–9 October, 28 September–2 October, then Friday
    # 25 September make 20 school days; four calendar weeks would stop on 9 October.
    def absent_on(day: str) -> Jeune:
        jeune = enrolled().action("a1", "2026-09-14", "2026-11-30").point("2026-11-04")
        jeune.presence("present", "2026-10-05", "2026-10-06", "2026-11-02", "2026-11-03")
        return jeune.presence("absent", day, "2026-09-29")

    assert a6_messages(absent_on("2026-09-24"), "2026-11-05") == []  # 4 of 5: 80 %
    assert a6_messages(absent_on("2026-09-25"), "2026-11-05") == [
        "assiduité de 67 % sur les 4 dernières semaines d'école (seuil : 80 %)"
    ]


def test_a6_three_unexcused_absences_in_a_row() -> None:
    jeune = attending(
        ("present", days("2026-09-21", 12)),
        ("absent", ["2026-10-05", "2026-10-06", "2026-10-07"]),
    )  # 12 / 15 = 80 %: only the run alerts
    a6 = alert(status_of(jeune, TODAY_A6), "A6")
    assert a6.message == (
        "3 absences non justifiées d'affilée (05/10/2026, 06/10/2026, 07/10/2026)"
    )
    assert (a6.actor, a6.due) == (Actor.REFERENT, date(2026, 10, 15))


def test_a6_two_absences_in_a_row_are_not_enough() -> None:
    jeune = attending(("present", days("2026-09-21", 12)), ("absent", ["2026-10-05", "2026-10-06"]))
    assert a6_messages(jeune) == []


@pytest.mark.parametrize("breaker", ["absent_justifie", "retard", "present"])
def test_a6_run_broken(breaker: str) -> None:
    jeune = attending(
        ("present", days("2026-09-21", 12)),
        ("absent", ["2026-10-05", "2026-10-06"]),
        (breaker, ["2026-10-07"]),
        ("absent", ["2026-10-08"]),
    )
    assert a6_messages(jeune) == []


def test_a6_run_across_actions() -> None:
    jeune = attending(("present", days("2026-09-21", 12)), ("absent", ["2026-10-05"]))
    jeune.presence("absent", "2026-10-06", action="a2").presence("absent", "2026-10-07")
    assert a6_messages(jeune) == [
        "3 absences non justifiées d'affilée (05/10/2026, 06/10/2026, 07/10/2026)"
    ]


def test_a6_run_must_end_in_the_window() -> None:
    before = attending(("absent", ["2026-09-15", "2026-09-16", "2026-09-17"]))
    ending_in = attending(("absent", ["2026-09-16", "2026-09-17", "2026-09-18"]))
    for jeune in (before, ending_in):
        jeune.presence("present", *days("2026-09-21", 12))
    assert a6_messages(before) == []
    assert a6_messages(ending_in) == [
        "3 absences non justifiées d'affilée (16/09/2026, 17/09/2026, 18/09/2026)"
    ]


def test_a6_rate_exactly_at_another_threshold_is_no_alert() -> None:
    # 29 / 50 = 58 %, which floating point computes as 57.99999999999999.
    window = days("2026-09-18", 25)
    jeune = attending(("present", window + window[:4]), ("absent", window[4:]))
    lenient = Settings(seuil_assiduite_pourcent=58, absences_consecutives_max=50)
    assert of(status_of(jeune, TODAY_A6, settings=lenient), "A6") == []
    strict = Settings(seuil_assiduite_pourcent=59, absences_consecutives_max=50)
    assert [a.message for a in of(status_of(jeune, TODAY_A6, settings=strict), "A6")] == [
        "assiduité de 58 % sur les 4 dernières semaines d'école (seuil : 59 %)"
    ]


def test_a6_thresholds_are_settings() -> None:
    jeune = attending(("present", days("2026-10-05", 4)), ("absent", ["2026-10-12", "2026-10-13"]))
    strict = Settings(seuil_assiduite_pourcent=60, absences_consecutives_max=2)
    messages = [a.message for a in of(status_of(jeune, TODAY_A6, settings=strict), "A6")]
    assert messages == ["2 absences non justifiées d'affilée (12/10/2026, 13/10/2026)"]


# --- A7 school holidays and public holidays --------------------------------------------------


def planned(intitule: str, debut: str, fin: str, *slots: tuple[str, str, str]) -> Jeune:
    jeune = enrolled().point("2026-10-14")
    return jeune.action("a1", debut, fin, creneaux=slots, intitule=intitule)


def test_a7_monday_slot_during_toussaint_zone_c() -> None:
    jeune = planned("Atelier CV", "2026-10-05", "2026-11-13", *MONDAY)
    a7 = alert(status_of(jeune, "2026-10-15"), "A7")
    assert a7.message == (
        "l'action « Atelier CV » a des créneaux sans école (vacances de la zone C ou jour "
        "férié) : 19/10/2026 (Vacances de la Toussaint), 26/10/2026 (Vacances de la Toussaint)"
    )
    assert (a7.actor, a7.due) == (Actor.REFERENT, date(2026, 10, 19))
    assert a7.path == ("parcours", "actions", 0, "creneaux")


def test_a7_only_dates_from_the_day_on() -> None:
    jeune = planned("Atelier CV", "2026-10-05", "2026-11-13", *MONDAY)
    assert alert(status_of(jeune, "2026-10-26"), "A7").message.endswith(
        ": 26/10/2026 (Vacances de la Toussaint)"
    )
    assert of(status_of(jeune, "2026-10-27"), "A7") == []


def test_a7_slot_on_11_november() -> None:
    jeune = planned("Remise à niveau", "2026-11-02", "2026-11-27", ("mercredi", "14:00", "16:00"))
    a7 = alert(status_of(jeune, "2026-10-15"), "A7")
    assert a7.message.endswith(": 11/11/2026 (Armistice)")
    assert a7.due == date(2026, 11, 11)


@pytest.mark.parametrize("zone", ["A", "B", "C"])
def test_a7_toussaint_2026_in_each_zone(zone: str) -> None:
    jeune = planned("Atelier", "2026-10-05", "2026-11-06", ("vendredi", "09:00", "12:00"))
    a7 = alert(status_of(jeune, "2026-10-05", zone_vacances=zone), "A7")
    assert a7.message == (
        f"l'action « Atelier » a des créneaux sans école (vacances de la zone {zone} ou jour "
        "férié) : 23/10/2026 (Vacances de la Toussaint), 30/10/2026 (Vacances de la Toussaint)"
    )


@pytest.mark.parametrize("zone", ["A", "B", "C"])
def test_a7_christmas_2026_in_each_zone(zone: str) -> None:
    jeune = planned(
        "Atelier",
        "2026-12-01",
        "2026-12-31",
        ("mardi", "09:00", "12:00"),
        ("vendredi", "09:00", "12:00"),
    )
    a7 = alert(status_of(jeune, "2026-12-01", zone_vacances=zone), "A7")
    # 18/12 is the last school day; the public holiday names 25/12 rather than the break.
    assert a7.message == (
        f"l'action « Atelier » a des créneaux sans école (vacances de la zone {zone} ou jour "
        "férié) : 22/12/2026 (Vacances de Noël), 25/12/2026 (Noël), 29/12/2026 (Vacances de "
        "Noël)"
    )
    assert a7.due == date(2026, 12, 22)


@pytest.mark.parametrize(
    ("jours_feries", "named"),
    [(None, "26/12/2026 (Vacances de Noël)"), ("alsace_moselle", "26/12/2026 (Saint-Étienne)")],
)
def test_a7_alsace_moselle_names_26_december(jours_feries: str | None, named: str) -> None:
    jeune = planned("Chantier", "2026-12-05", "2026-12-31", ("samedi", "09:00", "12:00"))
    a7 = alert(status_of(jeune, "2026-12-01", jours_feries=jours_feries), "A7")
    assert a7.message.endswith(f": 19/12/2026 (Vacances de Noël), {named}")


def test_a7_says_when_the_calendar_lacks_the_year() -> None:
    jeune = (
        Jeune(n=1, session=2030)
        .contact("2030-07-08")
        .info("2030-09-10")
        .inscription("2030-09-12")
        .approfondi("2030-09-16")
        .point("2030-10-01")
        .action("a1", "2030-10-07", "2030-11-25", creneaux=MONDAY, intitule="Atelier")
    )
    st = status_of(jeune, "2030-10-01")
    messages = [a.message for a in of(st, "A7")]
    # 11 November 2030 is a Monday: public holidays are known for 2030 …
    assert messages[0] == (
        "l'action « Atelier » a des créneaux sans école (vacances de la zone C ou jour "
        "férié) : 11/11/2030 (Armistice)"
    )
    # … school holidays are not: say so, never guess the Toussaint break.
    assert messages[1].startswith(
        "créneaux de l'action « Atelier » non vérifiés : "
        "calendrier des vacances scolaires de la zone C indisponible pour 2030 "
        "(bibliothèque vacances-scolaires-france : données du "
    )
    assert messages[1].endswith(") : vérifier à la main")
    assert len(messages) == 2 and "Toussaint" not in " ".join(messages)
    assert [a.due for a in of(st, "A7")] == [date(2030, 11, 11), date(2030, 10, 7)]


def test_a7_zone_outside_the_library_says_so() -> None:
    jeune = planned("Atelier", "2026-10-05", "2026-10-16", *MONDAY)
    messages = [a.message for a in of(status_of(jeune, "2026-10-05", zone_vacances="corse"), "A7")]
    assert messages == [
        "créneaux de l'action « Atelier » non vérifiés : "
        "calendrier des vacances scolaires de la Corse indisponible pour 2026 (la bibliothèque "
        "vacances-scolaires-france ne couvre que les zones A, B et C) : vérifier à la main"
    ]


def test_a7_for_a_plan_made_before_enrolment() -> None:
    jeune = interviewed().approfondi("2026-09-14")
    jeune.action("a1", "2026-10-05", "2026-11-13", creneaux=MONDAY, intitule="Atelier CV")
    st = status_of(jeune, "2026-09-15")
    assert st.etape is Step.ENTRETIEN_INFORMATION and len(of(st, "A7")) == 1


def test_a7_not_once_the_young_person_has_left() -> None:
    jeune = enrolled().action("a1", "2026-10-05", "2026-11-13", creneaux=MONDAY)
    st = status_of(jeune.sortie("2026-10-09", "emploi"), "2026-10-12")
    assert st.etape is Step.BILAN and of(st, "A7") == []


# --- A8 overlapping slots -----------------------------------------------------------------


def two_actions(
    first: tuple[str, str, str], second: tuple[str, str, str], fin_a: str = "2026-10-30"
) -> Jeune:
    jeune = enrolled().point("2026-10-01")
    jeune.action("a1", "2026-10-05", fin_a, creneaux=(first,), intitule="Atelier CV")
    jeune.action("a2", "2026-10-12", "2026-11-20", creneaux=(second,), intitule="Remise à niveau")
    return jeune


def test_a8_overlapping_slots() -> None:
    jeune = two_actions(("lundi", "09:00", "12:00"), ("lundi", "11:00", "13:00"))
    a8 = alert(status_of(jeune, "2026-10-05"), "A8")
    assert a8.message == (
        "créneaux qui se chevauchent le lundi (09:00–12:00 et 11:00–13:00) entre « Atelier CV » "
        "et « Remise à niveau », dès le 12/10/2026"
    )
    assert (a8.actor, a8.due) == (Actor.REFERENT, date(2026, 10, 12))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(("lundi", "09:00", "12:00"), ("lundi", "12:00", "14:00"), id="bout à bout"),
        pytest.param(
            ("lundi", "12:00", "14:00"), ("lundi", "09:00", "12:00"), id="bout à bout inversé"
        ),
        pytest.param(("lundi", "09:00", "12:00"), ("mardi", "09:00", "12:00"), id="autre jour"),
    ],
)
def test_a8_no_overlap(first: tuple[str, str, str], second: tuple[str, str, str]) -> None:
    assert of(status_of(two_actions(first, second), "2026-10-05"), "A8") == []


def test_a8_date_ranges_must_overlap() -> None:
    jeune = two_actions(
        ("lundi", "09:00", "12:00"), ("lundi", "09:00", "12:00"), fin_a="2026-10-09"
    )
    assert of(status_of(jeune, "2026-10-05"), "A8") == []


def test_a8_only_on_common_dates_from_the_day_on() -> None:
    # Common range 12/10 … 16/10: a single common Monday, 12/10.
    jeune = two_actions(
        ("lundi", "09:00", "12:00"), ("lundi", "10:00", "11:00"), fin_a="2026-10-16"
    )
    assert alert(status_of(jeune, "2026-10-12"), "A8").due == date(2026, 10, 12)
    assert of(status_of(jeune, "2026-10-13"), "A8") == []


# --- A9 bilan ---------------------------------------------------------------------------------


def running() -> Jeune:
    return enrolled().action("a1", "2026-10-05", "2026-12-18").point("2026-12-15")


def test_a9_after_31_december_without_bilan() -> None:
    assert of(status_of(running(), "2026-12-31"), "A9") == []
    a9 = alert(status_of(running(), "2027-01-01"), "A9")
    assert a9.message == (
        "bilan à faire (fin du parcours le 31/12/2026) : aucun bilan avec solution de sortie"
    )
    assert (a9.actor, a9.due) == (Actor.REFERENT, date(2026, 12, 31))


def test_a9_after_an_early_exit() -> None:
    jeune = enrolled().action("a1", "2026-10-05", "2026-12-18").point("2026-11-10")
    jeune.sortie("2026-11-20", "demenagement")
    assert of(status_of(jeune, "2026-11-19"), "A9") == []
    a9 = alert(status_of(jeune, "2026-11-20"), "A9")
    assert a9.message == "bilan à faire (sortie anticipée) : aucun bilan avec solution de sortie"
    assert (a9.actor, a9.due) == (Actor.REFERENT, date(2026, 12, 31))


def test_a9_bilan_without_solution_still_due() -> None:
    st = status_of(
        running().bilan("2026-12-15", solution=None, transmis="2026-12-16"), "2027-01-02"
    )
    assert [a.message for a in of(st, "A9")] == [
        "bilan à faire (fin du parcours le 31/12/2026) : aucun bilan avec solution de sortie"
    ]


def test_a9_bilan_not_transmitted() -> None:
    jeune = running().bilan("2026-12-15", transmis="2026-12-18")
    a9 = alert(status_of(jeune, "2026-12-17"), "A9")
    assert (a9.message, a9.actor) == ("bilan non transmis au chef d'établissement", Actor.REFERENT)
    assert a9.due == date(2026, 12, 31)
    st = status_of(jeune, "2026-12-18")
    assert (st.etape, codes(st)) == (Step.TERMINE, [])


def test_a9_imilo_not_updated() -> None:
    st = status_of(running().bilan("2026-12-15", imilo=False), "2026-12-16")
    assert [(a.message, a.actor) for a in of(st, "A9")] == [
        ("bilan non transmis au chef d'établissement", Actor.REFERENT),
        ("bilan non reporté dans I-Milo", Actor.CONSEILLER),
    ]


def test_a9_none_before_the_end() -> None:
    assert of(status_of(running(), "2026-12-20"), "A9") == []


# --- A10 France Travail -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("france_travail", "message"),
    [
        (
            {"inscrit": True, "verifie": False},
            "inscription à France Travail (ex-Pôle emploi) déclarée mais non vérifiée",
        ),
        (
            {"inscrit": True},
            "inscription à France Travail (ex-Pôle emploi) déclarée mais non vérifiée",
        ),
        (
            {"inscrit": True, "verifie": True},
            "inscription à France Travail (ex-Pôle emploi) vérifiée, sans décision sur le "
            "double suivi",
        ),
        ({"inscrit": True, "verifie": True, "double_suivi": False}, None),
        ({"inscrit": True, "verifie": True, "double_suivi": True}, None),
        ({"inscrit": False}, None),
    ],
)
def test_a10_registration_declared_checked_and_double_follow_up_decided(
    france_travail: dict[str, bool], message: str | None
) -> None:
    jeune = contacted().info("2026-09-10", france_travail=france_travail)
    assert of(status_of(jeune, "2026-09-09"), "A10") == []  # interview not held yet
    found = of(status_of(jeune, "2026-09-10"), "A10")
    assert [a.message for a in found] == ([message] if message else [])
    if found:
        assert (found[0].actor, found[0].due) == (Actor.CONSEILLER, date(2026, 9, 17))


def test_a10_the_double_follow_up_hint() -> None:
    jeune = contacted().info("2026-09-10", france_travail={"inscrit": True, "verifie": True})
    assert alert(status_of(jeune, "2026-09-10"), "A10").hint == (
        "juger avec le jeune de l'utilité d'un double suivi mission locale et France Travail, "
        "puis noter « double_suivi: true » ou « double_suivi: false »"
    )


# --- A11 company placements -------------------------------------------------------------------


def placements(*stages: tuple[str, str], type: str = "stage_immersion") -> Jeune:
    """Enrolled Wednesday 16/09, programme to Wednesday 14/10: 21 school days; 2/3 of it is
    14 school days."""
    jeune = interviewed().inscription("2026-09-16").approfondi("2026-09-16")
    jeune.action("atelier", "2026-09-16", "2026-10-14")
    for i, (debut, fin) in enumerate(stages):
        jeune.action(f"stage{i}", debut, fin, type=type)
    return jeune


def a11(jeune: Jeune) -> list[Problem]:
    return of(status_of(jeune, "2026-09-20"), "A11")


def test_a11_exactly_two_thirds_is_allowed() -> None:
    assert a11(placements(("2026-09-21", "2026-10-08"))) == []  # 14 school days


def test_a11_just_above_two_thirds() -> None:
    (found,) = a11(placements(("2026-09-21", "2026-10-09")))
    assert found.message == (
        "stages en entreprise sur 15 jours d'école pour un parcours de 21 jours d'école : plus "
        "des 2/3 autorisés (arrêté du 18 juillet 2023, art. 3)"
    )
    assert (found.actor, found.due) == (Actor.REFERENT, date(2026, 9, 21))
    assert found.path == ("parcours", "actions", 1)


def test_a11_weekends_do_not_count() -> None:
    # From Saturday 19/09: 20 calendar days, but still 14 school days.
    assert a11(placements(("2026-09-19", "2026-10-08"))) == []


def test_a11_the_toussaint_break_inside_a_placement() -> None:
    # Programme 16/09 … 13/11: 32 school days (Toussaint and 11 November left out); 2/3 is
    # 21.3. A placement 05/10 … 13/11 is 40 calendar days of 59, but 19 school days.
    def over_toussaint(debut: str) -> Jeune:
        jeune = interviewed().inscription("2026-09-16").approfondi("2026-09-16")
        jeune.action("atelier", "2026-09-16", "2026-11-13")
        return jeune.action("stage", debut, "2026-11-13", type="stage_immersion")

    assert of(status_of(over_toussaint("2026-10-05"), "2026-09-20"), "A11") == []
    (found,) = of(status_of(over_toussaint("2026-09-28"), "2026-09-20"), "A11")
    assert found.message.startswith(
        "stages en entreprise sur 24 jours d'école pour un parcours de 32 jours d'école"
    )


def test_a11_counts_overlapping_placements_once() -> None:
    (found,) = a11(placements(("2026-09-21", "2026-10-02"), ("2026-10-01", "2026-10-09")))
    assert found.message.startswith(
        "stages en entreprise sur 15 jours d'école pour un parcours de 21 jours d'école"
    )
    assert a11(placements(("2026-09-21", "2026-10-02"), ("2026-10-01", "2026-10-08"))) == []


def test_a11_clause_sociale_counts_other_actions_do_not() -> None:
    assert a11(placements(("2026-09-21", "2026-10-09"), type="stage_clause_sociale"))
    assert a11(placements(("2026-09-21", "2026-10-09"), type="consolidation_acquis")) == []


def test_a11_programme_ends_at_the_early_exit() -> None:
    jeune = placements(("2026-09-21", "2026-10-05")).sortie("2026-10-06", "emploi")
    # 16/09 … 06/10 = 15 school days; 11 of placement > 10.
    (found,) = of(status_of(jeune, "2026-10-06"), "A11")
    # Before the day of the exit, nobody knew of it: the programme runs to its plan's end.
    assert of(status_of(jeune, "2026-09-20"), "A11") == []
    assert found.message.startswith(
        "stages en entreprise sur 11 jours d'école pour un parcours de 15 jours d'école"
    )


def test_a11_counts_only_placement_days_within_the_programme() -> None:
    # Planned until 09/10 but the young person left on 06/10: 21/09 … 06/10 = 12 days.
    jeune = placements(("2026-09-21", "2026-10-09")).sortie("2026-10-06", "emploi")
    (found,) = of(status_of(jeune, "2026-10-06"), "A11")
    assert found.message.startswith(
        "stages en entreprise sur 12 jours d'école pour un parcours de 15 jours d'école"
    )


def test_a11_counts_from_the_start_of_the_programme_not_a_july_enrolment() -> None:
    # Enrolled on 8 July: the programme starts at the rentrée, 1 September. 1/09 … 30/09
    # is 22 school days; 7/09 … 30/09 in a company is 18 > 14.67. From the enrolment,
    # 85 calendar days would have hidden it.
    jeune = Jeune().contact("2026-07-06").info("2026-07-07").inscription("2026-07-08")
    jeune.approfondi("2026-09-02")
    jeune.action("atelier", "2026-09-01", "2026-09-30").action(
        "stage", "2026-09-07", "2026-09-30", type="stage_immersion"
    )
    (found,) = of(status_of(jeune, "2026-09-01"), "A11")
    assert found.message.startswith(
        "stages en entreprise sur 18 jours d'école pour un parcours de 22 jours d'école"
    )


def test_a11_share_is_a_setting() -> None:
    half = Settings.from_raw({"dispositifs": {"pae": {"part_max_stages_entreprise": "1/2"}}})
    jeune = placements(("2026-09-21", "2026-10-05"))  # 11 school days of 21
    assert a11(jeune) == []
    found = of(status_of(jeune, "2026-09-20", settings=half), "A11")
    assert "plus des 1/2 autorisés" in found[0].message


# --- settings read from records/parametres.yaml ---------------------------------------------


def statuses_on_disk(root: Path, today: str) -> dict[str, DossierStatus]:
    loaded = load_network(root)
    assert loaded.problems == []
    ctx = Context(loaded.network, loaded.settings, date.fromisoformat(today), CALENDAR)
    return {st.dossier.id: st for st in network_status(ctx)}


def test_check_in_interval_from_parametres_yaml(tmp_path: Path) -> None:
    root = write_network(
        tmp_path, followed(), parametres={"suivi": {"intervalle_points_jours_ecole": 5}}
    )
    ident = followed().id
    assert of(statuses_on_disk(root, "2026-10-08")[ident], "A5") == []
    a5 = alert(statuses_on_disk(root, "2026-10-09")[ident], "A5")
    assert a5.message == (
        "pas de point de suivi depuis le 01/10/2026 (6 jours d'école ; un point tous les "
        "5 jours d'école au plus)"
    )
    assert a5.due == date(2026, 10, 8)
    assert statuses_on_disk(root, "2026-10-09")[ident].next_deadline is not None


def test_the_old_calendar_day_setting_names_a_new_one(tmp_path: Path) -> None:
    root = write_network(
        tmp_path, followed(), parametres={"suivi": {"intervalle_points_jours": 15}}
    )
    (problem,) = load_network(root).problems
    assert (problem.code, problem.message) == ("E1", "clé inconnue « intervalle_points_jours »")
    assert (problem.hint or "").startswith("vouliez-vous dire « intervalle_points_jours_ecole » ?")


def test_avenirpro_plus_uses_its_own_calendar(tmp_path: Path) -> None:
    pae = contacted(1)
    avenir = Jeune(2, dispositif="avenirpro_plus").contact("2026-07-08")
    parametres = {"dispositifs": {"avenirpro_plus": {"date_limite_inscription": "10-15"}}}
    root = write_network(tmp_path, pae, avenir, parametres=parametres)
    on_25_sept = statuses_on_disk(root, "2026-09-25")
    assert codes(on_25_sept[pae.id]) == ["A2"]
    assert codes(on_25_sept[avenir.id]) == []
    assert on_25_sept[avenir.id].next_deadline is not None
    assert on_25_sept[avenir.id].next_deadline.date == date(2026, 10, 15)
    on_8_oct = statuses_on_disk(root, "2026-10-08")
    assert alert(on_8_oct[avenir.id], "A2").message == (
        "inscription à faire au plus tard le 15/10/2026 (dans 7 jours)"
    )
    assert alert(on_8_oct[pae.id], "A2").message == (
        "date limite d'inscription du 30/09/2026 dépassée sans inscription"
    )


def test_avenirpro_plus_defaults_to_the_same_calendar() -> None:
    st = status_of(Jeune(dispositif="avenirpro_plus").contact("2026-07-08"), "2026-09-23")
    assert alert(st, "A2").due == date(2026, 9, 30)
