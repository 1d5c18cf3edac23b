"""A week of attendance at once: every planned session present unless told otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pae.errors import UsageError
from pae.labels import DAYS, PRESENCE, fr
from pae.programme.context import Context
from pae.programme.facts import sessions
from pae.records.dossier import Dossier
from pae.records.yaml_edit import Document
from pae.records.yaml_style import Value

_ABBREVIATIONS = {day[:3]: i for i, day in enumerate(DAYS)}


def weekdays(text: str) -> set[int]:
    """`mar,jeu` or `mardi jeudi` → {1, 3}."""
    out = set()
    for word in text.replace(",", " ").split():
        key = word.strip().lower()[:3]
        if key not in _ABBREVIATIONS:
            raise UsageError(
                f"jour « {word} » inconnu : lun, mar, mer, jeu, ven ou sam (ou le nom entier)"
            )
        out.add(_ABBREVIATIONS[key])
    return out


@dataclass(frozen=True)
class Line:
    """One attendance line recorded by `record_week`."""

    day: date
    action: str
    intitule: str
    statut: str

    def __str__(self) -> str:
        return (
            f"{DAYS[self.day.weekday()]} {fr(self.day)}  {self.intitule} ({self.action}) : "
            f"{PRESENCE[self.statut]}"
        )


def record_week(
    doc: Document,
    d: Dossier,
    ctx: Context,
    any_day: date,
    marks: dict[int, str],
    only: str | None = None,
) -> tuple[str, list[Line]]:
    """Attendance of the week holding `any_day`: one line per session held by today (not
    on a closed day, not already recorded), with the status `marks` gives its weekday."""
    monday = any_day - timedelta(days=any_day.weekday())
    sunday = monday + timedelta(days=6)
    if only is not None and d.action(only) is None:
        known = ", ".join(a.id for a in d.actions) or "aucune"
        raise UsageError(f"l'action « {only} » n'existe pas dans ce dossier (actions : {known})")
    etab = ctx.network.etablissements.get(d.etablissement)
    closed: set[date] = set()
    if etab is not None:
        days, _gaps = ctx.calendar.closed_days(
            etab.zone_vacances, etab.jours_feries, monday, sunday
        )
        closed = set(days)
    planned = [s for s in sessions(d, monday, sunday, closed) if only is None or s[1].id == only]
    week = f"semaine du {fr(monday)}"
    for weekday, statut in sorted(marks.items()):
        if not any(day.weekday() == weekday for day, _, _ in planned):
            raise UsageError(
                f"{week} : aucune séance prévue le {DAYS[weekday]} ({PRESENCE[statut]} "
                "demandé) ; vérifier le jour ou l'action"
            )
    recorded = {(p.date, p.action) for p in d.assiduite}
    lines: list[Line] = []
    for day, a, _slot in planned:
        if day > ctx.today or (day, a.id) in recorded:
            continue
        recorded.add((day, a.id))
        lines.append(Line(day, a.id, a.intitule, marks.get(day.weekday(), "present")))
    if not lines:
        raise UsageError(_nothing_to_record(week, planned, ctx.today, bool(closed)))
    for line in lines:
        item: dict[str, Value] = {"date": line.day, "action": line.action, "statut": line.statut}
        doc.append(("suivi", "assiduite"), item)
    return f"assiduité de la {week} ({len(lines)} séance{'s' if len(lines) > 1 else ''})", lines


def _nothing_to_record(
    week: str, planned: Sequence[tuple[date, object, object]], today: date, closed: bool
) -> str:
    if not planned:
        why = " (vacances ou jours fériés)" if closed else ""
        return f"{week} : aucune séance prévue par l'emploi du temps{why}"
    if all(day > today for day, _, _ in planned):
        return f"{week} : aucune séance n'a encore eu lieu (date de référence : {fr(today)})"
    return f"{week} : toutes les séances passées sont déjà notées"
