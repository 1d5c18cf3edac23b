"""The iCalendar files to subscribe to: everyone's, and one per person who acts (référent,
conseiller): interviews, weekly slots, deadlines, within the horizon.

Only what falls between a week ago and the horizon is in a calendar (an overdue deadline
is on today, « en retard »); one event per deadline of a young person; a weekly timetable
is one repeating event per action and hours, the school holidays and public holidays of
the lycée's zone left out as exceptions (EXDATE).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from pae.codes import Actor
from pae.labels import fr
from pae.programme.context import Context
from pae.programme.facts import slot_dates
from pae.programme.status import DossierStatus, DueItem, selected
from pae.programme.steps import PLANNING
from pae.programme.todo import JOINT, for_person, person, todo_within
from pae.records.dossier import Action, Creneau, Dossier, display_name

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
DAYS_BACK = 7
"""How far back a calendar goes: last week stays visible, nothing older."""
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Window:
    """The days a calendar covers: from a week ago to the horizon, both included."""

    today: date
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def window(ctx: Context, days: int | None) -> Window:
    """From a week before `ctx.today` to `days` after it (by default the settings'
    `horizon_echeances_jours`, as `pae echeances`)."""
    horizon = ctx.settings.horizon_echeances_jours if days is None else days
    today = ctx.today
    return Window(today, today - timedelta(days=DAYS_BACK), today + timedelta(days=horizon))


def build_calendar(
    statuses: list[DossierStatus],
    ctx: Context,
    referent: str | None = None,
    etablissement: str | None = None,
    pseudonymise: bool = False,
    days: int | None = None,
) -> bytes:
    """Everyone's calendar (or one lycée's, one référent's young people): every deadline,
    interview and weekly slot within the horizon. The same data gives the same bytes."""
    chosen = [st for st in statuses if selected(st, etablissement, referent)]
    span = window(ctx, days)
    items = todo_within(chosen, ctx.today, (span.end - ctx.today).days)
    return _calendar(
        "Parcours Ambition Emploi — échéances",
        _events(chosen, items, ctx, span, None, pseudonymise),
        ctx,
    )


def person_calendar(
    statuses: list[DossierStatus],
    ctx: Context,
    actor: Actor,
    ident: str,
    days: int | None = None,
    pseudonymise: bool = False,
) -> bytes:
    """The calendar of one person who acts (`Actor.REFERENT` of one lycée's `statuses`, or
    `Actor.CONSEILLER` of one mission locale's): their young people's interviews, the
    weekly slots for a référent, and what this person must do, within the horizon."""
    chosen = [st for st in statuses if person(st, actor).ident == ident]
    span = window(ctx, days)
    items = for_person(todo_within(chosen, ctx.today, (span.end - ctx.today).days), actor, ident)
    name = next((person(st, actor).name for st in chosen), None) or ident
    return _calendar(
        f"Parcours Ambition Emploi — {name}",
        _events(chosen, items, ctx, span, actor, pseudonymise),
        ctx,
    )


def _calendar(title: str, events: Iterable[Event], ctx: Context) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//pae//Parcours Ambition Emploi//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "Europe/Paris")
    stamp = datetime(ctx.today.year, ctx.today.month, ctx.today.day, tzinfo=UTC)
    for event in events:
        event.add("dtstamp", stamp)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _events(
    statuses: list[DossierStatus],
    items: list[DueItem],
    ctx: Context,
    span: Window,
    actor: Actor | None,
    pseudonymise: bool,
) -> Iterator[Event]:
    yield from _programme_dates(statuses, ctx, span)
    for st in statuses:
        who = display_name(st.dossier, pseudonymise)
        yield from _interviews(st, who, span, actor)
        if st.etape in PLANNING and actor in (None, Actor.REFERENT):
            yield from _slots(st.dossier, who, span, _closed(st, ctx))
    seen: set[str] = set()
    for item in items:
        event = _deadline(item, span, display_name(item.status.dossier, pseudonymise))
        uid, n = str(event["uid"]), 2
        while uid in seen:  # two alerts of one code on one dossier (A9 twice)
            uid = str(event["uid"]).replace("@pae", f"-{n}@pae")
            n += 1
        seen.add(uid)
        event["uid"] = uid
        yield event


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


def _programme_dates(statuses: list[DossierStatus], ctx: Context, span: Window) -> Iterator[Event]:
    """The enrolment deadline and the end of each session: one event per day, whatever
    the number of dispositifs that share it."""
    days: dict[tuple[str, date], list[tuple[str, str]]] = {}
    for st in statuses:
        d = st.dossier
        disp = ctx.settings.dispositif(d.dispositif)
        for kind, day in (("limite", disp.limite(d.session)), ("fin", disp.fin(d.session))):
            entry = (d.dispositif, disp.libelle)
            if span.holds(day) and entry not in days.setdefault((kind, day), []):
                days[(kind, day)].append(entry)
    for (kind, day), dispositifs in sorted(days.items(), key=lambda item: item[0][1]):
        ids = "+".join(sorted(ident for ident, _ in dispositifs))
        names = ", ".join(sorted(name for _, name in dispositifs))
        what = "date limite d'inscription" if kind == "limite" else "fin du parcours, bilans"
        yield _all_day(f"{kind}-{ids}-{day.year}@pae", day, f"{names} : {what}")


def _interviews(st: DossierStatus, who: str, span: Window, actor: Actor | None) -> Iterator[Event]:
    """The interviews of a young person: the information interview is the mission
    locale's (not in a référent's calendar); the in-depth interview and the bilan are
    everyone's."""
    d = st.dossier
    ei = d.entretien_information
    if ei and span.holds(ei.date) and actor is not Actor.REFERENT:
        summary = f"Entretien d'information — {who}"
        yield _all_day(f"{d.id}-entretien-information@pae", ei.date, summary)
    ea = d.entretien_approfondi
    if ea and ea.date and span.holds(ea.date):
        yield _all_day(f"{d.id}-entretien-approfondi@pae", ea.date, f"Entretien approfondi — {who}")
    if d.bilan and d.bilan.date and span.holds(d.bilan.date):
        yield _all_day(f"{d.id}-bilan@pae", d.bilan.date, f"Entretien de bilan — {who}")


def _deadline(item: DueItem, span: Window, who: str) -> Event:
    """One event per deadline of a young person; an overdue one stands on today."""
    deadline, d = item.deadline, item.status.dossier
    key = item.alert.code.value if item.alert else deadline.kind or deadline.what
    if deadline.kind in JOINT and deadline.actor is Actor.CONSEILLER:
        key = f"{key}-{deadline.actor.value}"  # the référent's event has the plain key
    doer = person(item.status, deadline.actor)
    description = f"Qui agit : {doer.heading}"
    if deadline.overdue(span.today):
        summary = f"En retard (depuis le {fr(deadline.date)}) : {deadline.what} — {who}"
        return _all_day(f"{d.id}-echeance-{key}@pae", span.today, summary, description)
    summary = f"À faire : {deadline.what} — {who}"
    return _all_day(f"{d.id}-echeance-{key}@pae", deadline.date, summary, description)


def _closed(st: DossierStatus, ctx: Context) -> Container[date]:
    """The school holidays and public holidays of the young person's lycée."""
    etab = st.etablissement
    return ctx.calendar.closed(etab.zone_vacances, etab.jours_feries) if etab else ()


def _slots(d: Dossier, who: str, span: Window, closed: Container[date]) -> Iterator[Event]:
    """One repeating event per action and hours (the days of the week together), from
    the window's start to the action's end or the horizon, closed days as exceptions."""
    for action in d.actions:
        groups: dict[tuple[time, time], list[tuple[int, Creneau]]] = {}
        for n, slot in enumerate(action.creneaux):
            groups.setdefault((slot.debut, slot.fin), []).append((n, slot))
        for slots in groups.values():
            event = _weekly(d, action, slots, who, span, closed)
            if event is not None:
                yield event


def _weekly(
    d: Dossier,
    action: Action,
    slots: list[tuple[int, Creneau]],
    who: str,
    span: Window,
    closed: Container[date],
) -> Event | None:
    first_slot = slots[0][1]
    dates = sorted(
        day for _, slot in slots for day in slot_dates(action, slot, span.start) if day <= span.end
    )
    if not dates:
        return None
    event = Event()
    event.add("uid", f"{d.id}-{action.id}-{slots[0][0]}@pae")
    event.add("summary", f"{action.intitule} — {who}")
    event.add("dtstart", datetime.combine(dates[0], first_slot.debut, PARIS))
    event.add("dtend", datetime.combine(dates[0], first_slot.fin, PARIS))
    last = datetime.combine(dates[-1], first_slot.fin, PARIS).astimezone(UTC)
    rule: dict[str, object] = {"freq": "weekly", "until": last}
    if len(slots) > 1:
        rule["byday"] = [WEEKDAY_CODES[slot.weekday] for _, slot in slots]
    event.add("rrule", rule)
    skipped = [datetime.combine(day, first_slot.debut, PARIS) for day in dates if day in closed]
    if skipped:
        event.add("exdate", skipped)
    return event
