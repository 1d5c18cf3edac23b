"""Alerts of the programme's end: the bilan (A9), a late bilan (A12), the hand-over of a
young person who leaves without a solution or moves away (A13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from pae.codes import Actor, Code
from pae.labels import fr
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.facts import (
    age_on,
    bilan_held,
    bilan_sent,
    bilan_with_solution,
    declined,
    enrolled,
    exit_date,
    handover_done,
    left_without_solution,
    minor_on,
    moved_away,
    unreachable,
)
from pae.programme.steps import Step
from pae.programme.timetable_alerts import alert
from pae.records.dossier import Dossier


def a9_bilan(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    if not enrolled(d, today):
        return
    fin = ctx.settings.dispositif(d.dispositif).fin(d.session)
    ended = today > fin or exit_date(d, today) is not None
    if ended and not bilan_with_solution(d, today) and etape is not Step.TERMINE:
        why = "sortie anticipée" if exit_date(d, today) else f"fin du parcours le {fr(fin)}"
        yield alert(
            d,
            Code.A9,
            f"bilan à faire ({why}) : aucun bilan avec solution de sortie",
            Actor.REFERENT,
            fin,
            ("bilan",),
            "organiser l'entretien de bilan avec le conseiller et le jeune",
        )
    b = d.bilan
    if b and bilan_held(d, today):
        if etape is not Step.TERMINE and not bilan_sent(d, today):
            yield alert(
                d,
                Code.A9,
                "bilan non transmis au chef d'établissement",
                Actor.REFERENT,
                fin,
                ("bilan",),
                "noter « transmis_chef_etablissement: AAAA-MM-JJ »",
            )
        if b.imilo_mis_a_jour is not True:
            yield alert(
                d,
                Code.A9,
                "bilan non reporté dans I-Milo",
                Actor.CONSEILLER,
                fin,
                ("bilan",),
                "mettre à jour I-Milo puis noter « imilo_mis_a_jour: true »",
            )


def a12_late_bilan(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    """A bilan held or sent after the end of the programme: recorded, and flagged (on every
    step: a finished dossier keeps the mark)."""
    today, b = ctx.today, d.bilan
    fin = ctx.settings.dispositif(d.dispositif).fin(d.session)
    hint = (
        "rien à corriger dans le dossier : le bilan reste enregistré ; les prochains bilans "
        f"se tiennent et se transmettent au plus tard le {fr(fin)}"
    )
    if b and b.date and bilan_held(d, today) and b.date > fin:
        yield alert(
            d,
            Code.A12,
            f"bilan tenu le {fr(b.date)}, après la fin du parcours le {fr(fin)}",
            Actor.REFERENT,
            fin,
            ("bilan", "date"),
            hint,
        )
    sent = b.transmis_chef_etablissement if b else None
    if sent and bilan_sent(d, today) and sent > fin:
        yield alert(
            d,
            Code.A12,
            f"bilan transmis au chef d'établissement le {fr(sent)}, après la fin du parcours "
            f"le {fr(fin)}",
            Actor.REFERENT,
            fin,
            ("bilan", "transmis_chef_etablissement"),
            hint,
        )


OBLIGATION = "obligation de formation, code de l'éducation, art. L. 114-1"


def a13_handover(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    """The hand-over the head of school owes: to the PSAD or the mission locale for a minor
    who refuses, cannot be reached or leaves without a solution (the obligation de
    formation of 16–18 year-olds); to the new mission locale for one who moves away."""
    today = ctx.today
    if handover_done(d, today):
        return
    delay = timedelta(days=ctx.settings.horizon_alerte_jours)
    moved = moved_away(d, today)
    if moved:
        day, where = moved
        yield alert(
            d,
            Code.A13,
            f"déménagement le {fr(day)} : passation à la mission locale du nouveau domicile "
            "non notée",
            Actor.CHEF,
            day + delay,
            where,
            "transmettre le suivi à la mission locale du nouveau domicile, puis noter "
            "« passation: {date: AAAA-MM-JJ, vers: mission_locale, structure: …} »",
        )
        return
    attempts = ctx.settings.tentatives_contact_injoignable
    for found, why in (
        (declined(d, today), "qui a refusé le parcours"),
        (unreachable(d, today, attempts), "injoignable"),
        (left_without_solution(d, today), "sorti du parcours sans solution"),
    ):
        if found and minor_on(d, found[0]):
            day, where = found
            yield alert(
                d,
                Code.A13,
                f"jeune mineur ({age_on(d, day)} ans) {why} le {fr(day)} : passation à la "
                f"PSAD ou à la mission locale non notée ({OBLIGATION})",
                Actor.CHEF,
                day + delay,
                where,
                "signaler le jeune à la plateforme de suivi et d'appui aux décrocheurs (PSAD) "
                "ou à la mission locale, puis noter « passation: {date: AAAA-MM-JJ, vers: "
                "psad} »",
            )
            return
