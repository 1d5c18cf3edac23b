"""The programme's dates: the rentrée, the programme's start, school days, E7's four months."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import Edit
from dossier_builder import CALENDAR, Jeune, network
from pae.programme.clock import rentree
from pae.programme.context import Context
from pae.programme.facts import programme_start
from pae.records.settings import Settings
from test_rules import check

PARAMETRES = "records/parametres.yaml"


def write_settings(root: Path, settings: dict[str, object]) -> None:
    (root / PARAMETRES).write_text(yaml.safe_dump(settings), encoding="utf-8")


# --- the rentrée ------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["A", "B", "C"])
@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, date(2024, 9, 2)),  # the break ends on Sunday 1 September: Monday the 2nd
        (2025, date(2025, 9, 1)),
        (2026, date(2026, 9, 1)),
    ],
)
def test_the_rentree_is_the_first_school_day_after_the_summer(
    zone: str, year: int, expected: date
) -> None:
    assert CALENDAR.rentree(zone, None, year) == expected


def test_the_calendar_does_not_guess_a_rentree_it_does_not_know() -> None:
    assert CALENDAR.rentree("A", None, 2030) is None  # not published in the library
    assert CALENDAR.rentree("corse", None, 2026) is None  # zone outside the library


def of_session(session: int, settings: Settings | None = None, **etab: object) -> date:
    jeune = Jeune(session=session)
    net = network(jeune, **etab)
    ctx = Context(net, settings or Settings(), date(session, 10, 1), CALENDAR)
    return rentree(ctx, net.dossiers[0])


def test_rentree_of_a_dossier_from_the_calendar_of_its_zone() -> None:
    assert of_session(2026) == date(2026, 9, 1)
    assert of_session(2024, zone_vacances="A") == date(2024, 9, 2)


def test_rentree_from_the_settings_first() -> None:
    settings = Settings.from_raw(
        {"calendrier": {"rentrees": [{"session": 2026, "date": "2026-08-17"}]}}
    )
    assert of_session(2026, settings) == date(2026, 8, 17)
    assert of_session(2025, settings) == date(2025, 9, 1)  # other sessions: the calendar


def test_rentree_by_default_when_nothing_knows_it() -> None:
    assert of_session(2030) == date(2030, 9, 1)
    assert of_session(2026, zone_vacances="la_reunion") == date(2026, 9, 1)
    later = Settings.from_raw({"calendrier": {"rentree_par_defaut": "09-03"}})
    assert of_session(2030, later) == date(2030, 9, 3)
    assert of_session(2026, later) == date(2026, 9, 1)  # the calendar knows 2026


# --- the programme's start --------------------------------------------------------------------

RENTREE = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("enrolled", "start"),
    [
        ("2026-07-08", RENTREE),
        ("2026-08-31", RENTREE),
        ("2026-09-01", RENTREE),
        ("2026-09-02", date(2026, 9, 2)),
    ],
)
def test_the_programme_starts_at_the_later_of_enrolment_and_rentree(
    enrolled: str, start: date
) -> None:
    jeune = Jeune().contact("2026-07-06").info("2026-07-07").inscription(enrolled)
    assert programme_start(jeune.dossier(), RENTREE) == start


def test_without_enrolment_the_programme_starts_with_the_first_action() -> None:
    assert programme_start(Jeune().dossier(), RENTREE) is None
    planned = (
        Jeune().action("a2", "2026-10-12", "2026-10-16").action("a1", "2026-10-05", "2026-10-09")
    )
    assert programme_start(planned.dossier(), RENTREE) == date(2026, 10, 5)


# --- school days ------------------------------------------------------------------------------

ZONE_C = CALENDAR.school_days("C", None)


def test_school_days_leave_out_weekends_holidays_and_public_holidays() -> None:
    assert ZONE_C.is_school_day(date(2026, 10, 16))  # Friday before Toussaint
    assert not ZONE_C.is_school_day(date(2026, 10, 17))  # Saturday
    assert not ZONE_C.is_school_day(date(2026, 10, 19))  # Monday of the Toussaint break
    assert ZONE_C.is_school_day(date(2026, 11, 2))  # first day back
    assert not ZONE_C.is_school_day(date(2026, 11, 11))  # Armistice, a Wednesday


def test_counting_school_days_across_the_toussaint_break() -> None:
    friday, monday_back = date(2026, 10, 16), date(2026, 11, 2)
    assert ZONE_C.count(friday, monday_back - date.resolution) == 0
    assert ZONE_C.count(friday, monday_back) == 1
    assert ZONE_C.count(friday, date(2026, 11, 3)) == 2
    # Outside the break, a fortnight is ten school days.
    assert ZONE_C.count(date(2026, 9, 18), date(2026, 10, 2)) == 10


def test_the_nth_school_day_after_a_day() -> None:
    assert ZONE_C.after(date(2026, 10, 15), 1) == date(2026, 10, 16)
    assert ZONE_C.after(date(2026, 10, 16), 1) == date(2026, 11, 2)
    assert ZONE_C.after(date(2026, 11, 9), 2) == date(2026, 11, 12)  # the 11th is off
    assert ZONE_C.after(date(2026, 7, 10), 5) == date(2026, 9, 7)  # counted from the rentrée
    assert ZONE_C.after(date(2026, 12, 18), 1) == date(2027, 1, 4)  # across the year


def test_a_window_of_school_days_ending_on_a_day() -> None:
    assert ZONE_C.window_start(date(2026, 10, 15), 20) == date(2026, 9, 18)
    assert ZONE_C.window_start(date(2026, 11, 3), 5) == date(2026, 10, 14)
    assert ZONE_C.window_start(date(2026, 10, 18), 1) == date(2026, 10, 16)  # a Sunday
    assert ZONE_C.window_start(date(2027, 1, 5), 5) == date(2026, 12, 16)


def test_a_zone_the_library_lacks_keeps_weekends_and_public_holidays() -> None:
    corse = CALENDAR.school_days("corse", None)
    assert corse.is_school_day(date(2026, 10, 19))  # Toussaint unknown: a school day
    assert not corse.is_school_day(date(2026, 11, 11))


# --- E7: at most four months from the programme's start ------------------------------------------

JULY = [
    ("- date: 2026-07-08", "- date: 2026-07-06"),
    ("date: 2026-09-10", "date: 2026-07-07"),
    ("  date: 2026-09-12", "  date: 2026-07-08"),
    ("date: 2026-09-16", "date: 2026-07-09"),
]
FOUR_MONTHS_HINT = "raccourcir les actions ou avancer la sortie"


def test_e7_enrolled_in_july_with_actions_from_the_rentree_to_mid_december(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    for old, new in [
        *JULY,
        ("debut: 2026-10-05", "debut: 2026-09-14"),
        ("date_signature: 2026-09-28", "date_signature: 2026-09-07"),
    ]:
        edit(dossier, old, new)
    edit(dossier, "fin: 2026-10-16", "fin: 2026-12-15")
    assert check(reseau) == []


EARLY_RENTREE = {"calendrier": {"rentrees": [{"session": 2026, "date": "2026-08-17"}]}}


@pytest.mark.parametrize(
    ("fin", "too_long"),
    [("2026-12-16", False), ("2026-12-17", False), ("2026-12-18", True)],
)
def test_e7_four_months_from_an_early_rentree(
    reseau: Path, dossier: Path, edit: Edit, fin: str, too_long: bool
) -> None:
    write_settings(reseau, EARLY_RENTREE)
    for old, new in JULY:
        edit(dossier, old, new)
    edit(dossier, "fin: 2026-10-16", f"fin: {fin}")
    expected = [
        (
            "E7",
            29,
            9,
            "parcours trop long : du 17/08/2026 (rentrée) au 18/12/2026, au plus 4 mois "
            "(jusqu'au 17/12/2026)",
            FOUR_MONTHS_HINT,
        )
    ]
    assert check(reseau) == (expected if too_long else [])


def test_e7_four_months_from_an_enrolment_after_the_rentree(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    write_settings(reseau, EARLY_RENTREE)
    for old, new in [
        ("- date: 2026-07-08", "- date: 2026-07-06"),
        ("date: 2026-09-10", "date: 2026-08-18"),
        ("  date: 2026-09-12", "  date: 2026-08-20"),
        ("fin: 2026-10-16", "fin: 2026-12-21"),
    ]:
        edit(dossier, old, new)
    assert check(reseau) == [
        (
            "E7",
            29,
            9,
            "parcours trop long : du 20/08/2026 au 21/12/2026, au plus 4 mois "
            "(jusqu'au 20/12/2026)",
            FOUR_MONTHS_HINT,
        )
    ]


def test_e7_an_early_exit_ends_the_programme(reseau: Path, dossier: Path, edit: Edit) -> None:
    write_settings(reseau, EARLY_RENTREE)
    for old, new in [*JULY, ("fin: 2026-10-16", "fin: 2026-12-20")]:
        edit(dossier, old, new)
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text + "sortie_anticipee:\n  date: 2026-11-10\n  motif: emploi\n", "utf-8")
    assert check(reseau) == []


def test_e7_without_enrolment_counts_from_the_first_action(reseau: Path, dossier: Path) -> None:
    write_settings(reseau, EARLY_RENTREE)
    text = dossier.read_text(encoding="utf-8")
    start, end = text.index("inscription:\n"), text.index("entretien_approfondi:\n")
    text = text[:start] + text[end:]
    text = text.replace("debut: 2026-10-05", "debut: 2026-08-24")
    text = text.replace("fin: 2026-10-16", "fin: 2026-12-28")
    text = text.replace("date_signature: 2026-09-28", "date_signature: 2026-08-24")
    # no attendance (E10) nor check-in (E8) without an enrolment
    text = text[: text.index("suivi:\n")]
    dossier.write_text(text, encoding="utf-8")
    assert check(reseau) == [
        (
            "E7",
            39,
            14,
            "parcours trop long : du 24/08/2026 au 28/12/2026, au plus 4 mois "
            "(jusqu'au 24/12/2026)",
            FOUR_MONTHS_HINT,
        )
    ]
