"""A late bilan is recorded, and flagged (A12), not refused; A9 stops once it is held."""

from __future__ import annotations

from datetime import date

import pytest

from dossier_builder import Jeune, alert, codes, status_of
from pae.codes import Actor
from pae.programme.steps import Step

HINT = (
    "rien à corriger dans le dossier : le bilan reste enregistré ; les prochains bilans se "
    "tiennent et se transmettent au plus tard le 31/12/2026"
)


def running() -> Jeune:
    return (
        Jeune()
        .contact("2026-07-08")
        .info("2026-09-10")
        .inscription("2026-09-12")
        .approfondi("2026-09-16")
        .action("a1", "2026-10-05", "2026-12-18")
        .point("2026-12-15")
    )


@pytest.mark.parametrize(
    ("held", "late"), [("2026-12-30", False), ("2026-12-31", False), ("2027-01-01", True)]
)
def test_a12_a_bilan_held_after_31_december(held: str, late: bool) -> None:
    st = status_of(running().bilan(held, transmis="2026-12-31" if not late else None), "2027-01-10")
    assert st.etape is (Step.BILAN if late else Step.TERMINE)
    if not late:
        assert codes(st) == []
        return
    a12 = alert(st, "A12")
    assert a12.message == "bilan tenu le 01/01/2027, après la fin du parcours le 31/12/2026"
    assert (a12.actor, a12.due, a12.hint) == (Actor.REFERENT, date(2026, 12, 31), HINT)
    assert a12.path == ("bilan", "date")


def test_a12_bilan_on_8_january_validates_with_its_alerts() -> None:
    jeune = running().bilan("2027-01-08", transmis="2027-01-11")
    # status_of checks the schema and every E-rule first: the late dates are valid.
    st = status_of(jeune, "2027-01-11")
    assert [(a.code, a.message) for a in st.alertes] == [
        ("A12", "bilan tenu le 08/01/2027, après la fin du parcours le 31/12/2026"),
        (
            "A12",
            "bilan transmis au chef d'établissement le 11/01/2027, après la fin du parcours "
            "le 31/12/2026",
        ),
    ]
    assert st.alertes[1].path == ("bilan", "transmis_chef_etablissement")


def test_a12_only_a_late_transmission() -> None:
    st = status_of(running().bilan("2026-12-17", transmis="2027-01-04"), "2027-01-05")
    assert [a.message for a in st.alertes] == [
        "bilan transmis au chef d'établissement le 04/01/2027, après la fin du parcours "
        "le 31/12/2026"
    ]


def test_a12_not_before_the_late_bilan_happens() -> None:
    jeune = running().bilan("2027-01-08", transmis="2027-01-11")
    st = status_of(jeune, "2027-01-07")
    assert "A12" not in codes(st)
    assert "A9" in codes(st)  # still due: the bilan has not happened yet


def test_a9_stops_once_the_late_bilan_is_held() -> None:
    jeune = running().bilan("2027-01-08", transmis="2027-01-11")
    held = status_of(jeune, "2027-01-08")
    assert held.etape is Step.BILAN
    assert [a.message for a in held.alertes if a.code == "A9"] == [
        "bilan non transmis au chef d'établissement"
    ]
    assert codes(status_of(jeune, "2027-01-11")) == ["A12", "A12"]
