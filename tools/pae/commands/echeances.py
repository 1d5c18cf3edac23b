"""`pae echeances`: what is due in the next days, by who must act, and the ICS file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from pae.commands.common import invalid_warning, load_statuses, write_atomically
from pae.ics import build_calendar
from pae.labels import fr
from pae.model import display_name
from pae.problems import Actor
from pae.status import Deadline, DossierStatus, check_filters, selected


@dataclass
class Options:
    root: Path
    today: date
    jours: int | None = None
    etablissement: str | None = None
    referent: str | None = None
    ics: Path | None = None
    format: str = "texte"


@dataclass(frozen=True)
class Due:
    deadline: Deadline
    status: DossierStatus


def due_within(statuses: list[DossierStatus], today: date, days: int) -> list[Due]:
    """Deadlines up to `days` ahead, overdue ones included, earliest first."""
    horizon = today + timedelta(days=days)
    items = [Due(dl, st) for st in statuses for dl in st.deadlines if dl.date <= horizon]
    return sorted(items, key=lambda x: (x.deadline.date, x.status.dossier.id))


def run(opts: Options, out: TextIO, err: TextIO) -> int:
    loaded = load_statuses(opts.root, opts.today)
    if warning := invalid_warning(loaded.invalid_files):
        err.write(warning + "\n")
    days = opts.jours if opts.jours is not None else loaded.core.settings.horizon_echeances_jours
    check_filters(loaded.core, opts.etablissement, opts.referent)
    chosen = [st for st in loaded.statuses if selected(st, opts.etablissement, opts.referent)]
    items = due_within(chosen, opts.today, days)
    if opts.ics:
        data = build_calendar(chosen, loaded.core)
        write_atomically(opts.ics, data, "le calendrier")
        err.write(f"Calendrier écrit : {opts.ics}\n")
    if opts.format == "json":
        payload = [
            {
                "date": i.deadline.date.isoformat(),
                "quoi": i.deadline.what,
                "qui": i.deadline.actor.value,
                "dossier": i.status.dossier.id,
                "en_retard": i.deadline.date < opts.today,
            }
            for i in items
        ]
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"Échéances jusqu'au {fr(opts.today + timedelta(days=days))} ({days} jours)\n")
    for actor in Actor:
        mine = [i for i in items if i.deadline.actor is actor]
        if not mine:
            continue
        out.write(f"\n{actor.label.capitalize()} ({len(mine)})\n")
        for i in mine:
            late = "  EN RETARD" if i.deadline.date < opts.today else ""
            who = display_name(i.status.dossier, False)
            out.write(f"  {fr(i.deadline.date)}  {i.deadline.what} — {who}{late}\n")
    if not items:
        out.write("\nRien à faire dans cette période.\n")
    return 0
