"""`pae echeances`'s formats: what is due, grouped by who must act, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

from pae.codes import Actor
from pae.labels import fr
from pae.programme.status import DueItem
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
    for actor in Actor:
        mine = [i for i in view.items if i.deadline.actor is actor]
        if not mine:
            continue
        out.write(f"\n{actor.label.capitalize()} ({len(mine)})\n")
        for i in mine:
            late = "  EN RETARD" if i.deadline.overdue(today) else ""
            who = display_name(i.status.dossier, False)
            out.write(visible(f"  {fr(i.deadline.date)}  {i.deadline.what} — {who}{late}") + "\n")
    if not view.items:
        out.write("\nRien à faire dans cette période.\n")


def as_json(view: DeadlineView, out: TextIO) -> None:
    payload = [
        {
            "date": i.deadline.date.isoformat(),
            "quoi": i.deadline.what,
            "qui": i.deadline.actor.value,
            "dossier": i.status.dossier.id,
            "en_retard": i.deadline.overdue(view.today),
        }
        for i in view.items
    ]
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
