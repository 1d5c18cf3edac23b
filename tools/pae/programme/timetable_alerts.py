"""Alerts on the weekly timetable: A7 (a slot without school), A8 (overlapping slots)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import combinations

from pae.codes import Actor, Code, Severity
from pae.labels import fr
from pae.problems import Path_, Problem
from pae.programme.context import Context
from pae.programme.facts import slot_dates
from pae.programme.steps import PLANNING, Step
from pae.records.dossier import Dossier


def alert(
    d: Dossier,
    code: Code,
    message: str,
    actor: Actor,
    due: date,
    path: Path_ = (),
    hint: str | None = None,
) -> Problem:
    """An alert of `d` for `actor`, who must be one of those the catalogue names."""
    assert actor in code.entry.actors, f"{code} ne concerne pas {actor}"
    return Problem(code, d.file, message, path, hint, severity=Severity.ALERT, actor=actor, due=due)


def a7_holidays(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    etab = ctx.network.etablissements.get(d.etablissement)
    if etape not in PLANNING or etab is None:
        return
    for action in d.actions:
        dates = sorted({x for c in action.creneaux for x in slot_dates(action, c, ctx.today)})
        if not dates:
            continue
        closed, gaps = ctx.calendar.closed_days(
            etab.zone_vacances, etab.jours_feries, dates[0], dates[-1]
        )
        hits = [(x, closed[x]) for x in dates if x in closed]
        where = ("parcours", "actions", action.index, "creneaux")
        if hits:
            listed = ", ".join(f"{fr(x)} ({c.name})" for x, c in hits)
            yield alert(
                d,
                Code.A7,
                f"l'action « {action.intitule} » a des créneaux sans école "
                f"(vacances de la zone {etab.zone_vacances} ou jour férié) : {listed}",
                Actor.REFERENT,
                hits[0][0],
                where,
                "les jeunes gardent les congés scolaires : déplacer ou supprimer ces séances",
            )
        gap_years = {g.year for g in gaps}
        if any(x.year in gap_years for x in dates):
            yield alert(
                d,
                Code.A7,
                f"créneaux de l'action « {action.intitule} » non vérifiés : "
                + "; ".join(sorted({g.message for g in gaps})),
                Actor.REFERENT,
                dates[0],
                where,
                "vérifier à la main les vacances et jours fériés de ces dates",
            )


def a8_overlaps(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    if etape not in PLANNING:
        return
    for a, b in combinations(d.actions, 2):
        start, end = max(a.debut, b.debut, ctx.today), min(a.fin, b.fin)
        if start > end:
            continue
        for ca in a.creneaux:
            for cb in b.creneaux:
                if ca.jour != cb.jour or not (ca.debut < cb.fin and cb.debut < ca.fin):
                    continue
                common = [x for x in slot_dates(a, ca, start) if x <= end]
                if common:
                    yield alert(
                        d,
                        Code.A8,
                        f"créneaux qui se chevauchent le {ca.jour} ({ca.debut:%H:%M}–"
                        f"{ca.fin:%H:%M} et {cb.debut:%H:%M}–{cb.fin:%H:%M}) entre "
                        f"« {a.intitule} » et « {b.intitule} », dès le {fr(common[0])}",
                        Actor.REFERENT,
                        common[0],
                        ("parcours", "actions", b.index, "creneaux"),
                        "revoir l'emploi du temps avec les structures",
                    )
