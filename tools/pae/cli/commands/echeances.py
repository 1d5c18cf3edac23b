"""`pae echeances`: what is due in the next days, by who must act, and the ICS file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from pae.cli.commands.common import invalid_warning
from pae.codes import Actor
from pae.errors import UsageError
from pae.files import write_atomically
from pae.programme.status import Filters
from pae.programme.todo import for_person, todo_within
from pae.reports.deadlines import DeadlineView
from pae.reports.formats import DEADLINE_FORMATS
from pae.reports.ics import build_calendar, person_calendar
from pae.repository import statuses


@dataclass
class Options:
    root: Path
    today: date
    jours: int | None = None
    etablissement: str | None = None
    referent: str | None = None
    ics: Path | None = None
    format: str = "texte"
    conseiller: str | None = None
    chef: str | None = None
    """A lycée's UAI: what its chef d'établissement must do."""


def run(opts: Options, out: TextIO, err: TextIO) -> int:
    loaded = statuses(opts.root, opts.today, keep_raw=False)
    if warning := invalid_warning(loaded.invalid_files):
        err.write(warning + "\n")
    days = opts.jours if opts.jours is not None else loaded.context.settings.horizon_echeances_jours
    filters = Filters(opts.etablissement or opts.chef, opts.referent, opts.conseiller)
    if message := filters.unknown(loaded.context):
        raise UsageError(message)
    chosen = [st for st in loaded.statuses if filters.keeps(st)]
    items = todo_within(chosen, opts.today, days)
    ctx = loaded.context
    one = next(((actor, ident) for actor, ident in _asked(opts) if ident is not None), None)
    if one:
        items = for_person(items, *one)
    if opts.ics:
        if one:
            data = person_calendar(chosen, ctx, *one, days)
        else:
            data = build_calendar(chosen, ctx, days=days)
        write_atomically(opts.ics, data, "le calendrier")
        err.write(f"Calendrier écrit : {opts.ics}\n")
    DEADLINE_FORMATS[opts.format](DeadlineView(opts.today, days, items), out)
    return 0


def _asked(opts: Options) -> list[tuple[Actor, str | None]]:
    """The one person asked for, the first given of these."""
    return [
        (Actor.CONSEILLER, opts.conseiller),
        (Actor.REFERENT, opts.referent),
        (Actor.CHEF, opts.chef),
    ]
