"""The weekly timetable of a plan as a grid: days across, hours down, one colour per action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import pairwise

from pae.labels import DAYS, fr, fr_day_month
from pae.records.dossier import Action, Creneau
from pae.site.escape import md_escape as e

PALETTE = 8


@dataclass(frozen=True)
class Slot:
    """A weekly slot, its rows snapped to the grid's step (the times shown stay exact)."""

    action: Action
    colour: int
    creneau: Creneau
    step: int = 30

    @property
    def start(self) -> int:
        return _minutes(self.creneau.debut) // self.step * self.step

    @property
    def end(self) -> int:
        return -(-_minutes(self.creneau.fin) // self.step) * self.step


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _lanes(slots: list[Slot]) -> list[list[Slot]]:
    """Slots of one day spread over lanes so that overlapping ones sit side by side."""
    lanes: list[list[Slot]] = []
    for slot in sorted(slots, key=lambda s: (s.start, s.end)):
        for lane in lanes:
            if lane[-1].end <= slot.start:
                lane.append(slot)
                break
        else:
            lanes.append([slot])
    return lanes or [[]]


def colours(actions: tuple[Action, ...]) -> dict[str, int]:
    return {a.id: i % PALETTE for i, a in enumerate(actions)}


@dataclass(frozen=True)
class Period:
    """Days of the plan during which the same actions run: one weekly timetable."""

    start: date
    end: date
    actions: tuple[Action, ...]


def periods(actions: tuple[Action, ...]) -> list[Period]:
    """Split the plan where an action starts or ends; keep periods with weekly slots."""
    timed = [a for a in actions if a.creneaux]
    cuts = sorted({a.debut for a in timed} | {a.fin + timedelta(days=1) for a in timed})
    out: list[Period] = []
    for start, after in pairwise(cuts):
        end = after - timedelta(days=1)
        running = tuple(a for a in timed if a.debut <= end and a.fin >= start)
        if not running:
            continue
        if out and out[-1].actions == running and out[-1].end + timedelta(days=1) == start:
            out[-1] = Period(out[-1].start, end, running)
        else:
            out.append(Period(start, end, running))
    return out


def timetables(actions: tuple[Action, ...], today: date) -> str:
    """One grid per current or coming period; the last one when the plan is over."""
    palette = colours(actions)
    plan = periods(actions)
    shown = [p for p in plan if p.end >= today] or plan[-1:]
    out = []
    for p in shown:
        out.append(grid(p.actions, palette, heading(p, today)))
    return f'<div class="pae-edts">{"".join(out)}</div>' if out else ""


def _weekday_span(start: date, end: date) -> tuple[date, date]:
    first = start + timedelta(days=max(0, 7 - start.weekday()) if start.weekday() >= 5 else 0)
    last = end - timedelta(days=end.weekday() - 4 if end.weekday() >= 5 else 0)
    return (first, last) if first <= last else (start, end)


def heading(p: Period, today: date) -> str:
    """What a grid's caption says: the span it covers (from a weekday to a weekday: a
    period cut after an action ending on a Friday starts on the Monday), and whether it
    is running."""
    start, end = _weekday_span(p.start, p.end)
    same_year = start.year == end.year == today.year
    span = (
        f"du {fr_day_month(start)} au {fr_day_month(end)}"
        if same_year
        else f"du {fr(start)} au {fr(end)}"
    )
    one_week = end - start < timedelta(days=7) and start.weekday() <= end.weekday()
    if start == end:
        title = f"Le {fr_day_month(start) if same_year else fr(start)}"
    else:
        title = f"Semaine {span}" if one_week else f"Chaque semaine {span}"
    if start <= today <= end:
        return f"{title} (en cours)"
    if end < today:
        return f"{title} (dernier emploi du temps)"
    return f"{title} (à venir)"


def grid(actions: tuple[Action, ...], palette: dict[str, int], title: str) -> str:
    """One weekly grid (HTML table); empty string when no action has a weekly slot."""
    pairs = [(a, c) for a in actions for c in a.creneaux if c.fin > c.debut]
    if not pairs:
        return ""
    minutes = [_minutes(t) for _, c in pairs for t in (c.debut, c.fin)]
    step = next(s for s in (60, 30, 15) if all(m % s == 0 for m in minutes) or s == 15)
    slots = [Slot(a, palette[a.id], c, step) for a, c in pairs]
    first = min(s.start for s in slots) // 60 * 60
    last = -(-max(s.end for s in slots) // 60) * 60
    used = {s.creneau.weekday for s in slots}
    days = [i for i in range(7) if i < 5 or i in used]  # the weekend only when used
    lanes = {i: _lanes([s for s in slots if s.creneau.weekday == i]) for i in days}
    head = "".join(
        f'<th scope="col" colspan="{len(lanes[i])}">{DAYS[i].capitalize()}</th>' for i in days
    )
    rows = []
    per_hour = 60 // step
    for minute in range(first, last, step):
        cells = []
        if minute % 60 == 0:
            cells.append(f'<th scope="row" rowspan="{per_hour}">{minute // 60:02d}:00</th>')
        for i in days:
            for lane in lanes[i]:
                cells.append(_cell(lane, minute))
        cls = ' class="pae-edt__hour"' if minute % 60 == 0 else ""
        rows.append(f"<tr{cls}>{''.join(c for c in cells if c)}</tr>")
    return (
        '<div class="pae-edt-wrap">'
        f'<table class="pae-edt"><caption>{e(title)}</caption>'
        f'<thead><tr><th scope="col">Heure</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _cell(lane: list[Slot], minute: int) -> str:
    for slot in lane:
        if slot.start < minute < slot.end:
            return ""  # covered by the slot's rowspan
        if slot.start == minute:
            a, c = slot.action, slot.creneau
            return (
                f'<td class="pae-edt__slot pae-colour-{slot.colour}" '
                f'rowspan="{(slot.end - slot.start) // slot.step}">'
                f"<strong>{e(a.intitule)}</strong>"
                f'<span class="pae-edt__time">{c.debut:%H:%M}–{c.fin:%H:%M}</span>'
                f'<span class="pae-edt__dates">du {fr_day_month(a.debut)} '
                f"au {fr_day_month(a.fin)}</span>"
                "</td>"
            )
    return "<td></td>"
