"""Tests for pae.calendar: school holidays and public holidays (alert A7)."""

from __future__ import annotations

import socket
from datetime import date
from typing import Any

import pytest
from holidays import country_holidays

from pae.programme import school_calendar as cal
from pae.programme.school_calendar import (
    CalendarGap,
    Closure,
    SchoolCalendar,
    default_holidays_region,
)

AUTUMN_2026 = (date(2026, 9, 1), date(2026, 12, 31))


@pytest.fixture(scope="module")
def school() -> SchoolCalendar:
    """One shared calendar, as the real tool uses it."""
    return SchoolCalendar()


def _vacances(closures: list[Closure], name: str) -> list[Closure]:
    return [c for c in closures if c.kind == "vacances" and c.name == name]


@pytest.mark.parametrize("zone", ["A", "B", "C"])
def test_toussaint_2026(school: SchoolCalendar, zone: str) -> None:
    closures, gaps = school.closures(zone, None, *AUTUMN_2026)
    assert gaps == []
    toussaint = _vacances(closures, "Vacances de la Toussaint")
    # Official calendar: classes end Saturday 17 October, resume Monday 2 November 2026.
    assert toussaint == [
        Closure(date(2026, 10, 17), date(2026, 11, 1), "Vacances de la Toussaint", "vacances")
    ]
    assert toussaint[0].start <= date(2026, 10, 26) <= toussaint[0].end
    assert toussaint[0].start.weekday() == 5 and toussaint[0].end.weekday() == 6


@pytest.mark.parametrize("zone", ["A", "B", "C"])
def test_noel_2026_is_one_closure_across_new_year(school: SchoolCalendar, zone: str) -> None:
    expected = Closure(date(2026, 12, 19), date(2027, 1, 3), "Vacances de Noël", "vacances")
    december, _ = school.closures(zone, None, *AUTUMN_2026)
    january, _ = school.closures(zone, None, date(2027, 1, 1), date(2027, 1, 31))
    assert _vacances(december, "Vacances de Noël") == [expected]
    assert _vacances(january, "Vacances de Noël") == [expected]
    assert expected.start <= date(2026, 12, 25) <= expected.end


def test_winter_2027_differs_by_zone(school: SchoolCalendar) -> None:
    starts = {
        zone: _vacances(
            school.closures(zone, None, date(2027, 2, 1), date(2027, 3, 31))[0], "Vacances d'hiver"
        )[0].start
        for zone in "ABC"
    }
    assert starts == {"A": date(2027, 2, 13), "B": date(2027, 2, 20), "C": date(2027, 2, 6)}


def test_closures_overlap_but_are_not_clipped(school: SchoolCalendar) -> None:
    closures, _ = school.closures("A", None, date(2026, 10, 26), date(2026, 10, 26))
    assert closures == [
        Closure(date(2026, 10, 17), date(2026, 11, 1), "Vacances de la Toussaint", "vacances")
    ]


def test_armistice_2026_is_a_french_named_public_holiday(school: SchoolCalendar) -> None:
    closures, _ = school.closures("A", "metropole", date(2026, 11, 11), date(2026, 11, 11))
    assert closures == [Closure(date(2026, 11, 11), date(2026, 11, 11), "Armistice", "ferie")]


def test_saint_etienne_only_in_alsace_moselle(school: SchoolCalendar) -> None:
    day = date(2026, 12, 26)
    alsace, _ = school.closures("B", "alsace_moselle", day, day)
    metropole, _ = school.closures("B", "metropole", day, day)
    assert Closure(day, day, "Saint-Étienne", "ferie") in alsace
    assert [c for c in metropole if c.kind == "ferie"] == []
    friday = date(2026, 4, 3)  # Good Friday, also only in Alsace-Moselle
    assert school.closed_days("B", "alsace_moselle", friday, friday)[0][friday].name == (
        "Vendredi saint"
    )
    assert friday not in school.closed_days("B", "metropole", friday, friday)[0]


def test_closed_days_maps_armistice_and_prefers_public_holidays(school: SchoolCalendar) -> None:
    days, gaps = school.closed_days("C", None, *AUTUMN_2026)
    assert gaps == []
    assert days[date(2026, 11, 11)] == Closure(
        date(2026, 11, 11), date(2026, 11, 11), "Armistice", "ferie"
    )
    # 1 November and 25 December fall inside school holidays: the public holiday wins.
    assert days[date(2026, 11, 1)].name == "Toussaint"
    assert days[date(2026, 11, 1)].kind == "ferie"
    assert days[date(2026, 12, 25)].name == "Noël"
    assert days[date(2026, 12, 24)].name == "Vacances de Noël"
    assert date(2026, 11, 2) not in days  # classes resume on Monday 2 November
    assert date(2026, 9, 1) not in days
    assert min(days) >= AUTUMN_2026[0] and max(days) <= AUTUMN_2026[1]
    # 16 Toussaint days + Armistice + 13 Christmas days in December.
    assert len(days) == 16 + 1 + 13


def test_year_missing_from_library_is_a_gap_not_a_guess(school: SchoolCalendar) -> None:
    closures, gaps = school.closures("A", None, date(2040, 1, 1), date(2040, 12, 31))
    assert [c for c in closures if c.kind == "vacances"] == []
    assert [(g.zone, g.year, g.what) for g in gaps] == [("A", 2040, "vacances")]
    assert "indisponible pour 2040" in gaps[0].message
    assert "vérifier à la main" in gaps[0].message
    # Public holidays are computed, not published, so 2040 still has them.
    assert Closure(date(2040, 11, 11), date(2040, 11, 11), "Armistice", "ferie") in closures


def test_partly_published_year(school: SchoolCalendar) -> None:
    # The data ends with the summer 2028 break; the next school year is not published.
    _, before = school.closures("B", None, date(2028, 1, 1), date(2028, 8, 31))
    after, gaps = school.closed_days("B", None, date(2028, 9, 1), date(2028, 12, 31))
    assert before == []
    assert [(g.year, g.what) for g in gaps] == [(2028, "vacances")]
    assert all(c.kind == "ferie" for c in after.values())


@pytest.mark.parametrize("zone", ["polynesie_francaise", "corse", "la_reunion"])
def test_zone_without_school_data_yields_a_gap_per_year(school: SchoolCalendar, zone: str) -> None:
    closures, gaps = school.closures(zone, None, date(2026, 9, 1), date(2027, 6, 30))
    assert [c for c in closures if c.kind == "vacances"] == []
    assert [(g.zone, g.year, g.what) for g in gaps] == [
        (zone, 2026, "vacances"),
        (zone, 2027, "vacances"),
    ]
    assert all("vacances scolaires" in g.message and "zones A, B et C" in g.message for g in gaps)


def test_overseas_public_holidays_come_from_default_region(school: SchoolCalendar) -> None:
    day = date(2026, 12, 20)
    closures, _ = school.closures("la_reunion", None, day, day)
    assert closures == [Closure(day, day, "Abolition de l'esclavage", "ferie")]


def test_year_unknown_to_holidays_is_a_feries_gap(school: SchoolCalendar) -> None:
    closures, gaps = school.closures("A", None, date(1700, 1, 1), date(1700, 12, 31))
    assert closures == []
    feries = [g for g in gaps if g.what == "feries"]
    assert feries == [
        CalendarGap(
            "A",
            1700,
            "feries",
            "jours fériés de métropole indisponibles pour 1700 (bibliothèque holidays) : "
            "vérifier à la main",
        )
    ]


def test_default_holidays_region() -> None:
    assert default_holidays_region("la_reunion") == "la_reunion"
    assert default_holidays_region("mayotte") == "mayotte"
    for zone in ("A", "B", "C", "corse"):
        assert default_holidays_region(zone) == "metropole"
    with pytest.raises(ValueError, match="zone inconnue"):
        default_holidays_region("D")


def test_unknown_zone_or_region_is_rejected(school: SchoolCalendar) -> None:
    with pytest.raises(ValueError, match="zone inconnue"):
        school.closures("D", "metropole", date(2026, 1, 1), date(2026, 1, 2))
    with pytest.raises(ValueError, match="région de jours fériés inconnue"):
        school.closed_days("A", "bretagne", date(2026, 1, 1), date(2026, 1, 2))


def test_empty_range(school: SchoolCalendar) -> None:
    assert school.closures("A", None, date(2026, 2, 1), date(2026, 1, 1)) == ([], [])


def test_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("appel réseau interdit")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    cal._library_periods.cache_clear()
    days, gaps = SchoolCalendar().closed_days("A", None, date(2026, 12, 1), date(2026, 12, 31))
    assert gaps == []
    assert days[date(2026, 12, 25)].name == "Noël"


def test_public_holidays_are_computed_once_per_region_and_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[Any, ...]] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return country_holidays(*args, **kwargs)

    monkeypatch.setattr("pae.programme.school_calendar.country_holidays", counting)
    school = SchoolCalendar()
    first = school.closures("A", None, date(2026, 9, 1), date(2027, 6, 30))
    for _ in range(1000):
        assert school.closures("A", None, date(2026, 9, 1), date(2027, 6, 30)) == first
        school.closed_days("A", None, date(2026, 9, 1), date(2027, 6, 30))
    assert len(calls) == 2  # 2026 and 2027, metropole
