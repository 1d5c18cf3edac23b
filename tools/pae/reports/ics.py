"""The iCalendar file a référent subscribes to: interviews, weekly slots, deadlines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from pae.programme.context import Context
from pae.programme.facts import slot_dates
from pae.programme.status import DossierStatus, selected
from pae.programme.steps import PLANNING
from pae.records.dossier import Dossier, display_name

PARIS = ZoneInfo("Europe/Paris")


def build_calendar(
    statuses: list[DossierStatus],
    ctx: Context,
    referent: str | None = None,
    etablissement: str | None = None,
    pseudonymise: bool = False,
) -> bytes:
    """An RFC 5545 calendar; the same data gives the same bytes (stable UIDs and stamps)."""
    cal = Calendar()
    cal.add("prodid", "-//pae//Parcours Ambition Emploi//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Parcours Ambition Emploi — échéances")
    cal.add("x-wr-timezone", "Europe/Paris")
    stamp = datetime(ctx.today.year, ctx.today.month, ctx.today.day, tzinfo=ZoneInfo("UTC"))
    chosen = [st for st in statuses if selected(st, etablissement, referent)]
    for event in _programme_dates(chosen, ctx):
        event.add("dtstamp", stamp)
        cal.add_component(event)
    for st in chosen:
        for event in _events(st, display_name(st.dossier, pseudonymise)):
            event.add("dtstamp", stamp)
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _all_day(uid: str, day: date, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _programme_dates(statuses: list[DossierStatus], ctx: Context) -> Iterator[Event]:
    seen: set[tuple[str, int]] = set()
    for st in statuses:
        d = st.dossier
        if (d.dispositif, d.session) in seen:
            continue
        seen.add((d.dispositif, d.session))
        disp = ctx.settings.dispositif(d.dispositif)
        yield _all_day(
            f"limite-{d.dispositif}-{d.session}@pae",
            disp.limite(d.session),
            f"{disp.libelle} : date limite d'inscription",
        )
        yield _all_day(
            f"fin-{d.dispositif}-{d.session}@pae",
            disp.fin(d.session),
            f"{disp.libelle} : fin du parcours, bilans",
        )


def _events(st: DossierStatus, who: str) -> Iterator[Event]:
    d = st.dossier
    if d.entretien_information:
        yield _all_day(
            f"{d.id}-entretien-information@pae",
            d.entretien_information.date,
            f"Entretien d'information — {who}",
        )
    ea = d.entretien_approfondi
    if ea and ea.date:
        yield _all_day(f"{d.id}-entretien-approfondi@pae", ea.date, f"Entretien approfondi — {who}")
    if st.etape in PLANNING:
        yield from _slots(d, who)
    for i, deadline in enumerate(st.deadlines):
        yield _all_day(
            f"{d.id}-echeance-{deadline.kind or i}@pae",
            deadline.date,
            f"À faire : {deadline.what} — {who}",
            f"Qui agit : {deadline.actor.label}",
        )
    if d.bilan and d.bilan.date:
        yield _all_day(f"{d.id}-bilan@pae", d.bilan.date, f"Entretien de bilan — {who}")


def _slots(d: Dossier, who: str) -> Iterator[Event]:

    for action in d.actions:
        for n, slot in enumerate(action.creneaux):
            dates = slot_dates(action, slot, action.debut)
            if not dates:
                continue
            event = Event()
            event.add("uid", f"{d.id}-{action.id}-{n}@pae")
            event.add("summary", f"{action.intitule} — {who}")
            event.add("dtstart", datetime.combine(dates[0], slot.debut, PARIS))
            event.add("dtend", datetime.combine(dates[0], slot.fin, PARIS))
            last = datetime.combine(dates[-1], slot.fin, PARIS).astimezone(ZoneInfo("UTC"))
            event.add("rrule", {"freq": "weekly", "until": last})
            yield event
