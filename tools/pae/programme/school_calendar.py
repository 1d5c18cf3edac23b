"""School holidays, public holidays and school days, read offline from local libraries."""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from holidays import country_holidays
from holidays.countries.france import France
from vacances_scolaires_france import SchoolHolidayDates, UnsupportedYearException

# Zone -> French wording used in messages ("calendrier des vacances scolaires <label>").
ZONE_LABELS: dict[str, str] = {
    "A": "de la zone A",
    "B": "de la zone B",
    "C": "de la zone C",
    "corse": "de la Corse",
    "guadeloupe": "de la Guadeloupe",
    "guyane": "de la Guyane",
    "martinique": "de la Martinique",
    "mayotte": "de Mayotte",
    "la_reunion": "de La Réunion",
    "nouvelle_caledonie": "de la Nouvelle-Calédonie",
    "polynesie_francaise": "de la Polynésie française",
    "saint_pierre_et_miquelon": "de Saint-Pierre-et-Miquelon",
    "wallis_et_futuna": "de Wallis-et-Futuna",
}

# Public-holiday region -> (subdivision code of holidays.France, French wording).
REGIONS: dict[str, tuple[str | None, str]] = {
    "metropole": (None, "de métropole"),
    "alsace_moselle": ("57", "d'Alsace-Moselle"),
    "guadeloupe": ("971", "de la Guadeloupe"),
    "martinique": ("972", "de la Martinique"),
    "guyane": ("973", "de la Guyane"),
    "la_reunion": ("974", "de La Réunion"),
    "mayotte": ("976", "de Mayotte"),
    "nouvelle_caledonie": ("NC", "de la Nouvelle-Calédonie"),
    "polynesie_francaise": ("PF", "de la Polynésie française"),
    "saint_pierre_et_miquelon": ("PM", "de Saint-Pierre-et-Miquelon"),
    "wallis_et_futuna": ("WF", "de Wallis-et-Futuna"),
}

# Only these zones exist in vacances-scolaires-france; Corsica and overseas have their own.
LIBRARY_ZONES = ("A", "B", "C")


@dataclass(frozen=True)
class Closure:
    """A span of days without school: a school-holiday period or a public holiday."""

    # For "vacances", the days the library flags: from the Saturday the break starts (the
    # official "fin des cours" day) to the Sunday before classes resume, both inclusive.
    start: date
    end: date
    name: str
    kind: Literal["vacances", "ferie"]


@dataclass(frozen=True)
class CalendarGap:
    """Calendar data the libraries cannot provide for a zone and a year."""

    zone: str
    year: int
    what: Literal["vacances", "feries"]
    message: str


def default_holidays_region(zone: str) -> str:
    """Public-holiday region used when a lycée does not set one."""
    if zone not in ZONE_LABELS:
        raise ValueError(f"zone inconnue : {zone!r}")
    return zone if zone in REGIONS else "metropole"


@functools.cache
def _library_periods() -> tuple[dict[str, tuple[Closure, ...]], date, date]:
    """Merged holiday periods per zone A/B/C, and the first/last day the data covers."""
    lib = SchoolHolidayDates()
    days: dict[date, dict[str, object]] = {}
    for year in range(int(lib.min_year), int(lib.max_year) + 1):
        try:
            days.update(lib.holidays_for_year(year))
        except UnsupportedYearException:
            continue
    if not days:
        raise RuntimeError("vacances-scolaires-france ne contient aucune donnée")
    periods: dict[str, tuple[Closure, ...]] = {}
    for zone in LIBRARY_ZONES:
        merged: list[Closure] = []
        for day in sorted(d for d, row in days.items() if row[f"vacances_zone_{zone.lower()}"]):
            name = str(days[day]["nom_vacances"])
            last = merged[-1] if merged else None
            if last and last.name == name and last.end + timedelta(days=1) == day:
                merged[-1] = Closure(last.start, day, name, "vacances")
            else:
                merged.append(Closure(day, day, name, "vacances"))
        periods[zone] = tuple(merged)
    # The CSV keeps non-holiday rows past the last published break (and before the first
    # one), so "not flagged" only means "school day" between the first and last holiday.
    return periods, min(days), max(days)


class SchoolCalendar:
    """Offline school-holiday and public-holiday calendar, cached per zone/region and year."""

    def __init__(self) -> None:
        self._vacances: dict[tuple[str, int], tuple[Closure, ...]] = {}
        self._feries: dict[tuple[str, int], tuple[Closure, ...] | None] = {}
        self._days: dict[tuple[str, str, int], dict[date, Closure]] = {}
        self._school_days: dict[tuple[str | None, str], SchoolDays] = {}
        self._rentrees: dict[tuple[str, str, int], date | None] = {}

    def school_days(self, zone: str | None, holidays_region: str | None) -> SchoolDays:
        """The school days of a lycée's zone and public-holiday region (one object each,
        kept for the whole run); `zone` None: weekends and metropolitan holidays only."""
        region = self._check(zone, holidays_region) if zone else (holidays_region or "metropole")
        key = (zone, region)
        if key not in self._school_days:
            self._school_days[key] = SchoolDays(self, zone, region)
        return self._school_days[key]

    def closed(self, zone: str, holidays_region: str | None) -> ClosedDays:
        """The days without school of a zone (holidays and public holidays), to test a
        day with `in` (weekends are not in it: a Saturday slot is a session)."""
        return ClosedDays(self, zone, self._check(zone, holidays_region))

    def rentree(self, zone: str, holidays_region: str | None, year: int) -> date | None:
        """The first school day after the summer break of `year` in `zone`, or None when
        the library does not know when that break ends (zone or year not covered)."""
        region = self._check(zone, holidays_region)
        key = (zone, region, year)
        if key not in self._rentrees:
            found: date | None = None
            _, _, last = _library_periods()
            for period in self._vacances_for(zone, year):
                # The summer break is the one holding 1 August; its end is known only if
                # the data go beyond it.
                if period.start <= date(year, 8, 1) <= period.end and period.end < last:
                    found = self.school_days(zone, region).after(period.end, 1)
            self._rentrees[key] = found
        return self._rentrees[key]

    def _vacances_for(self, zone: str, year: int) -> tuple[Closure, ...]:
        key = (zone, year)
        if key not in self._vacances:
            lo, hi = date(year, 1, 1), date(year, 12, 31)
            periods = _library_periods()[0].get(zone, ())
            self._vacances[key] = tuple(p for p in periods if p.start <= hi and p.end >= lo)
        return self._vacances[key]

    def _feries_for(self, region: str, year: int) -> tuple[Closure, ...] | None:
        """Public holidays of the year, or None when the library has no data for it."""
        key = (region, year)
        if key not in self._feries:
            found: tuple[Closure, ...] | None = None
            if France.start_year <= year <= France.end_year:
                cal = country_holidays("FR", REGIONS[region][0], years=year, language="fr")
                items = sorted((d, str(n)) for d, n in cal.items() if d.year == year)
                # Every French year has 1 January, so an empty answer means missing data.
                found = tuple(Closure(d, d, n, "ferie") for d, n in items) or None
            self._feries[key] = found
        return self._feries[key]

    def _check(self, zone: str, holidays_region: str | None) -> str:
        default = default_holidays_region(zone)  # also rejects an unknown zone
        region = holidays_region or default
        if region not in REGIONS:
            raise ValueError(f"région de jours fériés inconnue : {region!r}")
        return region

    def _gaps(self, zone: str, region: str, start: date, end: date) -> list[CalendarGap]:
        gaps: list[CalendarGap] = []
        _, first, last = _library_periods()
        lib = "bibliothèque vacances-scolaires-france"
        for year in range(start.year, end.year + 1):
            lo, hi = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
            why = ""
            if zone not in LIBRARY_ZONES:
                why = f"la {lib} ne couvre que les zones A, B et C"
            elif lo < first or hi > last:
                why = f"{lib} : données du {first:%d/%m/%Y} au {last:%d/%m/%Y}"
            if why:
                msg = f"calendrier des vacances scolaires {ZONE_LABELS[zone]} indisponible pour"
                msg = f"{msg} {year} ({why}) : vérifier à la main"
                gaps.append(CalendarGap(zone, year, "vacances", msg))
            if self._feries_for(region, year) is None:
                msg = f"jours fériés {REGIONS[region][1]} indisponibles pour {year}"
                msg = f"{msg} (bibliothèque holidays) : vérifier à la main"
                gaps.append(CalendarGap(zone, year, "feries", msg))
        return gaps

    def closures(
        self, zone: str, holidays_region: str | None, start: date, end: date
    ) -> tuple[list[Closure], list[CalendarGap]]:
        """School holidays of `zone` and public holidays overlapping [start, end], plus gaps."""
        region = self._check(zone, holidays_region)
        if start > end:
            return [], []
        found: set[Closure] = set()
        for year in range(start.year, end.year + 1):
            found.update(self._vacances_for(zone, year))
            found.update(self._feries_for(region, year) or ())
        hits = [c for c in found if c.start <= end and c.end >= start]
        hits.sort(key=lambda c: (c.start, c.end, c.kind, c.name))
        return hits, self._gaps(zone, region, start, end)

    def _day_map(self, zone: str, region: str, year: int) -> dict[date, Closure]:
        key = (zone, region, year)
        if key not in self._days:
            lo, hi = date(year, 1, 1), date(year, 12, 31)
            days: dict[date, Closure] = {}
            for period in self._vacances_for(zone, year):
                day = max(period.start, lo)
                while day <= min(period.end, hi):
                    days[day] = period
                    day += timedelta(days=1)
            # Written last so that a public holiday wins over the vacances it falls in.
            for ferie in self._feries_for(region, year) or ():
                days[ferie.start] = ferie
            self._days[key] = days
        return self._days[key]

    def closed_days(
        self, zone: str, holidays_region: str | None, start: date, end: date
    ) -> tuple[dict[date, Closure], list[CalendarGap]]:
        """Each closed day in [start, end] with its reason (public holiday beats vacances)."""
        region = self._check(zone, holidays_region)
        if start > end:
            return {}, []
        result: dict[date, Closure] = {}
        for year in range(start.year, end.year + 1):
            for day, closure in self._day_map(zone, region, year).items():
                if start <= day <= end:
                    result[day] = closure
        return dict(sorted(result.items())), self._gaps(zone, region, start, end)


class ClosedDays:
    """`day in closed`: whether a day is a school holiday or a public holiday of a zone."""

    def __init__(self, calendar: SchoolCalendar, zone: str, region: str) -> None:
        self._calendar = calendar
        self._zone = zone
        self._region = region

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return day in self._calendar._day_map(self._zone, self._region, day.year)


class SchoolDays:
    """The school days of one zone and public-holiday region: Monday to Friday, outside
    the school holidays and the public holidays. Where a library lacks a year, only what
    is known is left out (weekends always are)."""

    def __init__(self, calendar: SchoolCalendar, zone: str | None, region: str) -> None:
        self._calendar = calendar
        self._zone = zone
        self._region = region
        self._years: dict[int, list[int]] = {}

    def _ordinals(self, year: int) -> list[int]:
        """The ordinals of the year's school days, in order (computed once per year)."""
        if year not in self._years:
            if self._zone is None:
                closed = {c.start for c in self._calendar._feries_for(self._region, year) or ()}
            else:
                closed = set(self._calendar._day_map(self._zone, self._region, year))
            first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
            self._years[year] = [
                n
                for n in range(first, last + 1)
                if (n - 1) % 7 < 5 and date.fromordinal(n) not in closed  # ordinal 1 is a Monday
            ]
        return self._years[year]

    def is_school_day(self, day: date) -> bool:
        days = self._ordinals(day.year)
        i = bisect_left(days, day.toordinal())
        return i < len(days) and days[i] == day.toordinal()

    def count(self, after: date, until: date) -> int:
        """School days strictly after `after`, up to `until` included (0 if none)."""
        if until <= after:
            return 0
        total = 0
        for year in range(after.year, until.year + 1):
            days = self._ordinals(year)
            lo = bisect_right(days, after.toordinal())
            hi = bisect_right(days, until.toordinal())
            total += hi - lo
        return total

    def after(self, day: date, n: int) -> date:
        """The `n`-th school day after `day` (`day` itself not counted), n ≥ 1."""
        year, left = day.year, n
        start = bisect_right(self._ordinals(year), day.toordinal())
        while True:
            days = self._ordinals(year)
            if start + left - 1 < len(days):
                return date.fromordinal(days[start + left - 1])
            left -= len(days) - start
            year, start = year + 1, 0

    def window_start(self, day: date, n: int) -> date:
        """The first day of the last `n` school days up to `day` (`day` included when it is
        a school day), n ≥ 1."""
        year, left = day.year, n
        end = bisect_right(self._ordinals(year), day.toordinal())
        while True:
            days = self._ordinals(year)
            if end - left >= 0:
                return date.fromordinal(days[end - left])
            left -= end
            year = year - 1
            end = len(self._ordinals(year))
