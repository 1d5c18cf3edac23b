"""`pae echeances`'s formats: what is due, under each person who must act, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

from pae.labels import fr
from pae.programme.status import DueItem
from pae.programme.todo import by_person, person
from pae.records.dossier import display_name
from pae.terminal import visible


@dataclass
class DeadlineView:
    """The deadlines of the next `days` days (overdue ones included) as of `today`."""

    today: date
    days: int
    items: list[DueItem]


def text(view: DeadlineView, out: TextIO) -> None:
    today = view.today
    out.write(f"Échéances jusqu'au {fr(today + timedelta(days=view.days))} ({view.days} jours)\n")
    for who, mine in by_person(view.items):
        out.write("\n" + visible(f"{who.heading} ({len(mine)})") + "\n")
        for i in mine:
            late = "  EN RETARD" if i.deadline.overdue(today) else ""
            young = display_name(i.status.dossier, False)
            out.write(visible(f"  {fr(i.deadline.date)}  {i.deadline.what} — {young}{late}") + "\n")
    if not view.items:
        out.write("\nRien à faire dans cette période.\n")


def as_json(view: DeadlineView, out: TextIO) -> None:
    payload = [
        {
            "date": i.deadline.date.isoformat(),
            "quoi": i.deadline.what,
            "qui": i.deadline.actor.value,
            "personne": _person(i),
            "code": i.alert.code.value if i.alert else None,
            "dossier": i.status.dossier.id,
            "en_retard": i.deadline.overdue(view.today),
        }
        for i in view.items
    ]
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _person(item: DueItem) -> dict[str, str | None]:
    who = person(item.status, item.deadline.actor)
    return {"id": who.ident, "nom": who.name, "structure": who.place}
