"""The échéancier page and the iCalendar files to subscribe to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from pae.codes import Actor
from pae.records.reference import Conseiller, Etablissement, MissionLocale
from pae.reports.ics import build_calendar, person_calendar
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
        chef_calendars=[
            (f"{e.chef_etablissement or 'chef'} ({e.nom})", site.chef_calendar(e.uai))
            for e in lycees(site)
        ],
        conseiller_calendars=[
            (f"{c.nom} ({ml.nom})", site.conseiller_calendar(ml.id, c.id))
            for ml, c in conseillers(site)
        ],
    )


def lycees(site: Site) -> list[Etablissement]:
    """The lycées of the site, by name, as their pages: each chef d'établissement has a
    calendar (empty while the lycée has no young person yet)."""
    return sorted(site.ctx.network.etablissements.values(), key=lambda e: e.nom.casefold())


def conseillers(site: Site) -> list[tuple[MissionLocale, Conseiller]]:
    """Every conseiller of the missions locales of the site, by mission locale and name."""
    mls = sorted(site.ctx.network.missions_locales.values(), key=lambda m: m.nom.casefold())
    return [(ml, c) for ml in mls for c in sorted(ml.conseillers, key=lambda c: c.nom.casefold())]


def calendar_paths(site: Site) -> list[str]:
    """The files `calendar_files` writes, known before they are computed (pages link
    to them)."""
    return [
        ALL,
        *(site.chef_calendar(e.uai) for e in lycees(site)),
        *(site.referent_calendar(e.uai, r.id) for e, r in referents(site)),
        *(site.conseiller_calendar(ml.id, c.id) for ml, c in conseillers(site)),
    ]


def calendar_files(site: Site) -> Iterator[tuple[str, bytes]]:
    """One file for everyone (or the one lycée of the site), one per référent, one per
    conseiller of a mission locale: each person's own, within the horizon."""
    pseudo = site.options.pseudonymise
    yield ALL, build_calendar(site.statuses, site.ctx, pseudonymise=pseudo)
    for etab in lycees(site):
        group = site.by_lycee.get(etab.uai, [])
        yield (
            site.chef_calendar(etab.uai),
            person_calendar(group, site.ctx, Actor.CHEF, etab.uai, pseudonymise=pseudo),
        )
    for etab, ref in referents(site):
        group = site.by_lycee.get(etab.uai, [])
        yield (
            site.referent_calendar(etab.uai, ref.id),
            person_calendar(group, site.ctx, Actor.REFERENT, ref.id, pseudonymise=pseudo),
        )
    for ml, adviser in conseillers(site):
        group = site.by_ml.get(ml.id, [])
        yield (
            site.conseiller_calendar(ml.id, adviser.id),
            person_calendar(group, site.ctx, Actor.CONSEILLER, adviser.id, pseudonymise=pseudo),
        )
