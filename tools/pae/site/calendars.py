"""The échéancier page and the iCalendar files to subscribe to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from pae.reports.ics import build_calendar
from pae.site.context import Site
from pae.site.places import referents
from pae.site.render import long_date, render

ALL = "calendriers/tous.ics"


def echeancier(site: Site) -> str:
    today = site.ctx.today
    weeks: list[dict[str, Any]] = []
    late = [item for item in site.due(site.statuses) if site.overdue(item[0])]
    if late:
        weeks.append({"title": "En retard", "items": late})
    current: dict[str, Any] | None = None
    for item in site.due(site.statuses):
        day = item[0].date
        if site.overdue(item[0]):
            continue
        monday = day - timedelta(days=day.weekday())
        if current is None or current["monday"] != monday:
            title = "Cette semaine" if monday <= today else f"Semaine du {long_date(monday)}"
            current = {"title": title, "monday": monday, "items": []}
            weeks.append(current)
        current["items"].append(item)
    return render(
        "echeancier.md.j2",
        site=site,
        page="echeancier.md",
        today=today,
        weeks=weeks,
        show_lycee=len(site.by_lycee) > 1,
        scope=site.options.etablissement,
        referent_calendars=[
            (f"{r.nom} ({site.lycee_name(e.uai)})", site.referent_calendar(e.uai, r.id))
            for e, r in referents(site)
        ],
    )


def calendar_paths(site: Site) -> list[str]:
    """The files `calendar_files` writes, known before they are computed (pages link
    to them)."""
    return [ALL, *(site.referent_calendar(e.uai, r.id) for e, r in referents(site))]


def calendar_files(site: Site) -> Iterator[tuple[str, bytes]]:
    """One file for everyone (or the one lycée of the site), one per référent."""
    pseudo = site.options.pseudonymise
    yield ALL, build_calendar(site.statuses, site.ctx, pseudonymise=pseudo)
    for etab, ref in referents(site):
        group = site.by_referent.get((etab.uai, ref.id), [])
        yield (
            site.referent_calendar(etab.uai, ref.id),
            build_calendar(group, site.ctx, ref.id, etab.uai, pseudonymise=pseudo),
        )
