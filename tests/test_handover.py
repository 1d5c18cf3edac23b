"""A13: the hand-over a minor who refuses, cannot be reached or leaves without a solution
is owed (obligation de formation, code de l'éducation, art. L. 114-1), and the hand-over to
the new mission locale of one who moves away."""

from __future__ import annotations

import html
from datetime import date

import pytest

from dossier_builder import Jeune, alert, codes, site_of, status_of
from pae.codes import Actor
from pae.programme.facts import age_on, minor_on
from pae.programme.steps import Step
from pae.site.dossier import dossier_page

PSAD_HINT = (
    "signaler le jeune à la plateforme de suivi et d'appui aux décrocheurs (PSAD) ou à la "
    "mission locale, puis noter « passation: {date: AAAA-MM-JJ, vers: psad} »"
)
OBLIGATION = "obligation de formation, code de l'éducation, art. L. 114-1"


def born(jeune: Jeune, day: str) -> Jeune:
    jeune.raw["identite"]["date_naissance"] = day
    return jeune


def handed_over(jeune: Jeune, day: str, vers: str = "psad") -> Jeune:
    jeune.raw["passation"] = {"date": day, "vers": vers}
    return jeune


def refusing(birth: str) -> Jeune:
    """Refuses at the information interview on Thursday 10 September 2026."""
    return born(Jeune().contact("2026-07-08"), birth).info("2026-09-10", decision="refus")


# --- the age -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "age", "minor"),
    [("2026-09-09", 17, True), ("2026-09-10", 18, False), ("2026-09-11", 18, False)],
)
def test_age_on_a_day_the_birthday_counts(day: str, age: int, minor: bool) -> None:
    d = born(Jeune(), "2008-09-10").dossier()
    assert age_on(d, date.fromisoformat(day)) == age
    assert minor_on(d, date.fromisoformat(day)) is minor


# --- who owes a hand-over -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "raised"),
    [("2008-09-11", True), ("2008-09-10", False), ("2008-09-09", False)],
    ids=["18 ans le lendemain", "18 ans le jour même", "18 ans la veille"],
)
def test_a13_a_minor_who_refuses_at_the_interview(birth: str, raised: bool) -> None:
    st = status_of(refusing(birth), "2026-09-10")
    assert st.etape is Step.NON_INSCRIT
    if not raised:
        assert codes(st) == []
        return
    a13 = alert(st, "A13")
    assert a13.message == (
        "jeune mineur (17 ans) qui a refusé le parcours le 10/09/2026 : passation à la PSAD "
        f"ou à la mission locale non notée ({OBLIGATION})"
    )
    assert (a13.actor, a13.due, a13.hint) == (Actor.CHEF, date(2026, 9, 17), PSAD_HINT)
    assert a13.path == ("entretien_information", "decision")


def test_a13_not_before_the_refusal() -> None:
    assert codes(status_of(refusing("2009-01-01"), "2026-09-09")) == []


def test_a13_a_minor_who_refuses_on_the_phone() -> None:
    jeune = born(Jeune(), "2009-01-01").contact("2026-07-10", reponse="refus")
    a13 = alert(status_of(jeune, "2026-07-10"), "A13")
    assert a13.message.startswith("jeune mineur (17 ans) qui a refusé le parcours le 10/07/2026")
    assert a13.path == ("reperage", "contacts", 0, "reponse")


def test_a13_a_minor_who_cannot_be_reached() -> None:
    jeune = born(Jeune(), "2009-01-01").attempts("2026-07-06", "2026-07-15", "2026-09-02")
    assert codes(status_of(jeune, "2026-09-01")) == []  # two attempts only
    a13 = alert(status_of(jeune, "2026-09-02"), "A13")
    assert a13.message.startswith("jeune mineur (17 ans) injoignable le 02/09/2026 :")
    assert (a13.due, a13.path) == (date(2026, 9, 9), ("reperage", "contacts", 2, "date"))


def enrolled_minor() -> Jeune:
    jeune = born(Jeune(), "2009-01-01").contact("2026-07-08").info("2026-09-10")
    jeune.inscription("2026-09-12").approfondi("2026-09-16")
    return jeune.action("a1", "2026-10-05", "2026-12-11").point("2026-10-09")


def test_a13_a_minor_who_leaves_without_a_solution() -> None:
    jeune = enrolled_minor().sortie("2026-11-06", "abandon")
    assert "A13" not in codes(status_of(jeune, "2026-11-05"))
    a13 = alert(status_of(jeune, "2026-11-06"), "A13")
    assert a13.message.startswith(
        "jeune mineur (17 ans) sorti du parcours sans solution le 06/11/2026 :"
    )
    assert a13.path == ("sortie_anticipee", "motif")


def test_a13_a_bilan_without_a_solution_and_a_bilan_with_one() -> None:
    none = enrolled_minor().bilan("2026-12-11", "sans_solution", transmis="2026-12-11")
    st = status_of(none, "2026-12-14")
    assert st.etape is Step.TERMINE and alert(st, "A13").path == ("bilan", "solution")
    found = enrolled_minor().sortie("2026-11-06", "abandon").bilan("2026-11-09", "emploi")
    assert "A13" not in codes(status_of(found, "2026-11-09"))  # the bilan found one


def test_a13_not_for_an_adult_nor_for_a_re_enrolment() -> None:
    adult = born(enrolled_minor(), "2007-01-01").sortie("2026-11-06", "abandon")
    assert "A13" not in codes(status_of(adult, "2026-11-06"))
    re_enrolled = born(Jeune(), "2009-01-01").contact(
        "2026-07-10", reponse="reinscription_acceptee"
    )
    assert codes(status_of(re_enrolled, "2026-07-10")) == []


@pytest.mark.parametrize(("recorded", "raised"), [("2026-09-17", False), ("2026-09-18", True)])
def test_a13_stops_once_the_hand_over_is_recorded(recorded: str, raised: bool) -> None:
    jeune = handed_over(refusing("2009-01-01"), recorded)
    assert ("A13" in codes(status_of(jeune, "2026-09-17"))) is raised


def test_a13_a_young_person_who_moves_away_any_age() -> None:
    jeune = born(enrolled_minor(), "2006-01-01").sortie("2026-10-12", "demenagement")
    a13 = alert(status_of(jeune, "2026-10-12"), "A13")
    assert a13.message == (
        "déménagement le 12/10/2026 : passation à la mission locale du nouveau domicile non notée"
    )
    assert (a13.actor, a13.due) == (Actor.CHEF, date(2026, 10, 19))
    assert a13.hint == (
        "transmettre le suivi à la mission locale du nouveau domicile, puis noter "
        "« passation: {date: AAAA-MM-JJ, vers: mission_locale, structure: …} »"
    )
    moved = handed_over(jeune, "2026-10-13", "mission_locale")
    assert "A13" not in codes(status_of(moved, "2026-10-13"))
    timeline = [e.label for e in status_of(moved, "2026-10-13").timeline]
    assert "Passation du suivi : mission locale" in timeline


def test_the_dossier_page_shows_the_hand_over() -> None:
    jeune = handed_over(refusing("2009-01-01"), "2026-09-14")
    jeune.raw["passation"]["structure"] = "PSAD du bassin <b>"
    site = site_of([jeune], "2026-09-15")
    page = dossier_page(site, site.statuses[0])
    assert "<b>" not in page  # free text, escaped
    assert (
        "Le 14/09/2026, suivi transmis à : plateforme de suivi et d'appui aux décrocheurs "
        "(PSAD) — PSAD du bassin <b>."
    ) in html.unescape(page)
