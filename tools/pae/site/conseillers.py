"""One page per conseiller of each mission locale ("Mes jeunes"), like the référent's: their
young people, what is due for them, their alerts, their calendar."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pae.codes import Actor
from pae.programme.status import DossierStatus, DueItem
from pae.programme.todo import for_person, todo_within
from pae.records.reference import Conseiller, MissionLocale
from pae.site import calendars
from pae.site.context import Site, href
from pae.site.overview import table_context
from pae.site.places import alert_items, interviews
from pae.site.render import render


def by_conseiller(site: Site) -> dict[tuple[str, str], list[DossierStatus]]:
    """Each conseiller's young people (`DossierStatus.conseiller_id`: the enrolment's
    conseiller, else the information interview's, as `pae statut --conseiller`), at the
    dossier's mission locale."""
    out: dict[tuple[str, str], list[DossierStatus]] = defaultdict(list)
    for st in site.statuses:
        if st.conseiller_id and st.mission_locale:
            out[(st.mission_locale.id, st.conseiller_id)].append(st)
    return out


def conseiller_pages(site: Site) -> Iterator[tuple[str, str]]:
    groups = by_conseiller(site)
    for ml, c in calendars.conseillers(site):
        page = site.conseiller_page(ml.id, c.id)
        yield page, conseiller_page(site, ml, c, groups.get((ml.id, c.id), []))


def conseiller_page(
    site: Site,
    ml: MissionLocale,
    c: Conseiller,
    group: list[DossierStatus],
) -> str:
    page = site.conseiller_page(ml.id, c.id)
    return render(
        "conseiller.md.j2",
        **_context(site, page, group),
        ml=ml,
        conseiller=c,
        ml_link=site.link(page, site.ml_page(ml.id), ml.nom),
        calendar=href(page, site.conseiller_calendar(ml.id, c.id)),
        todo=to_do(site, c, group),
        interviews=sorted(
            (i for i in interviews(group) if i[0] >= site.ctx.today), key=lambda i: i[0]
        ),
        alert_items=alert_items(site, group, Actor.CONSEILLER),
    )


def _context(site: Site, page: str, group: list[DossierStatus]) -> dict[str, Any]:
    context = table_context(site, page, group)
    context["show_lycee"] = len({st.dossier.etablissement for st in group}) > 1
    return context


def to_do(site: Site, c: Conseiller, group: list[DossierStatus]) -> list[DueItem]:
    """What this conseiller acts on for their young people (`todo.for_person`): their
    deadlines and their alerts (A4, A9, A10), soonest first."""
    return for_person(todo_within(group, site.ctx.today), Actor.CONSEILLER, c.id)
