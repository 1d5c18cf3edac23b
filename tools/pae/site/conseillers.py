"""One page per conseiller of each mission locale ("Mes jeunes"), like the référent's: their
young people, what is due for them, their alerts, their calendar."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from pae.codes import Actor, Code
from pae.programme.deadlines import Due
from pae.programme.status import DossierStatus, conseiller_todo
from pae.records.reference import Conseiller, MissionLocale
from pae.site import calendars
from pae.site.context import Site, href
from pae.site.overview import table_context
from pae.site.places import alert_items, interviews
from pae.site.render import render

SAID_BY = {Due.IMILO: Code.A9}
"""The conseiller's deadlines an alert says too, in more words (what to note once done)."""


def calendar_path(ml_id: str, ident: str) -> str:
    """The conseiller's iCalendar file (written by `calendars.calendar_files`)."""
    # Same path as `Site.conseiller_calendar` of the calendars' branch: replace by it then.
    return f"calendriers/ml-{ml_id}-{ident}.ics"


def by_conseiller(site: Site) -> dict[tuple[str, str], list[DossierStatus]]:
    """Each conseiller's young people: the dossiers whose `inscription.conseiller_ml` is
    them, at the dossier's mission locale."""
    out: dict[tuple[str, str], list[DossierStatus]] = defaultdict(list)
    for st in site.statuses:
        ins, ml = st.dossier.inscription, st.mission_locale
        if ins and ins.conseiller_ml and ml:
            out[(ml.id, ins.conseiller_ml)].append(st)
    return out


def conseiller_pages(site: Site) -> Iterator[tuple[str, str]]:
    groups = by_conseiller(site)
    calendars_built = set(calendars.calendar_paths(site))
    for ml in sorted(site.ctx.network.missions_locales.values(), key=lambda m: m.nom.casefold()):
        for c in ml.conseillers:
            group = groups.get((ml.id, c.id), [])
            ics = calendar_path(ml.id, c.id)
            yield (
                site.conseiller_page(ml.id, c.id),
                conseiller_page(site, ml, c, group, ics if ics in calendars_built else None),
            )


def conseiller_page(
    site: Site,
    ml: MissionLocale,
    c: Conseiller,
    group: list[DossierStatus],
    calendar: str | None,
) -> str:
    page = site.conseiller_page(ml.id, c.id)
    return render(
        "conseiller.md.j2",
        **_context(site, page, group),
        ml=ml,
        conseiller=c,
        ml_link=site.link(page, site.ml_page(ml.id), ml.nom),
        calendar=href(page, calendar) if calendar else None,
        todo=to_do(site, group),
        interviews=sorted(
            (i for i in interviews(group) if i[0] >= site.ctx.today), key=lambda i: i[0]
        ),
        alert_items=alert_items(site, group, Actor.CONSEILLER),
    )


def _context(site: Site, page: str, group: list[DossierStatus]) -> dict[str, Any]:
    context = table_context(site, page, group)
    context["show_lycee"] = len({st.dossier.etablissement for st in group}) > 1
    return context


def to_do(site: Site, group: list[DossierStatus]) -> list[tuple[DossierStatus, str, date | None]]:
    """The conseiller's to-do (`conseiller_todo`: A4, A9, A10) and deadlines, soonest
    first; a deadline an alert already says (I-Milo after the bilan: A9) once."""
    todo = conseiller_todo(group)
    alerted = {(st.dossier.id, a.code) for st, a in todo}
    items: list[tuple[DossierStatus, str, date | None]] = [
        (st, dl.what, dl.date)
        for dl, st in site.due(group)
        if dl.actor is Actor.CONSEILLER
        and (st.dossier.id, SAID_BY.get(dl.kind) if dl.kind else None) not in alerted
    ]
    items += [(st, a.message, a.due) for st, a in todo]
    return sorted(items, key=lambda item: (item[2] or date.max, item[0].dossier.id, item[1]))
