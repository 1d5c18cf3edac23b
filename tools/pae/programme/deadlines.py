"""What is due next for a dossier, by whom and by when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pae.codes import Actor
from pae.labels import fr
from pae.programme.clock import check_in_due, in_depth_due
from pae.programme.context import Context
from pae.programme.facts import (
    bilan_held,
    bilan_sent,
    bilan_with_solution,
    in_depth_actor,
    in_depth_held,
    last_check_in,
)
from pae.programme.steps import IN_PROGRAMME, Step
from pae.records.dossier import Dossier


class Due(StrEnum):
    """What is due, for code that must tell deadlines apart (never match on `what`)."""

    CONTACT = "contact"
    ENTRETIEN_INFORMATION = "entretien_information"
    INSCRIPTION = "inscription"
    ENTRETIEN_APPROFONDI = "entretien_approfondi"
    POINT_SUIVI = "point_suivi"
    DEBUT_ACTION = "debut_action"
    BILAN = "bilan"
    TRANSMISSION_BILAN = "transmission_bilan"
    IMILO = "imilo"


Day = date  # for annotations inside a class with a field named `date`


@dataclass(frozen=True)
class Deadline:
    date: date
    what: str
    actor: Actor
    kind: Due | None = field(default=None, compare=False)

    def describe(self) -> str:
        return f"{self.what} — {self.actor.label}, au plus tard le {fr(self.date)}"

    def overdue(self, today: Day) -> bool:
        """Late: the day was before today (a deadline of today is still on time)."""
        return self.date < today


def describe(deadline: Deadline) -> str:
    return deadline.describe()


def deadlines(d: Dossier, etape: Step, ctx: Context) -> list[Deadline]:
    """Every pending deadline of the current step; the earliest is the next one."""
    today, disp = ctx.today, ctx.settings.dispositif(d.dispositif)
    limite, fin = disp.limite(d.session), disp.fin(d.session)
    out: list[Deadline] = []
    if etape is Step.A_CONTACTER:
        out.append(Deadline(limite, "contacter le jeune", Actor.CHEF, Due.CONTACT))
    elif etape is Step.CONTACTE:
        out.append(
            Deadline(
                limite,
                "organiser l'entretien d'information avec la mission locale",
                Actor.CHEF,
                Due.ENTRETIEN_INFORMATION,
            )
        )
    elif etape is Step.ENTRETIEN_INFORMATION:
        out.append(
            Deadline(
                limite,
                "inscrire le jeune (MEF PAE) et désigner un référent",
                Actor.CHEF,
                Due.INSCRIPTION,
            )
        )
    if etape in (Step.ENTRETIEN_INFORMATION, *IN_PROGRAMME):
        ei = d.entretien_information
        if ei and ei.date <= today and not in_depth_held(d, today):
            due = in_depth_due(ctx, d, ei.date)
            what = "entretien approfondi avec la mission locale"
            out.append(Deadline(due, what, in_depth_actor(d, today), Due.ENTRETIEN_APPROFONDI))
    if etape in IN_PROGRAMME:
        out.extend(_follow_up(d, ctx, fin))
    if etape is Step.BILAN:
        out.extend(_closing(d, today, fin))
    return out


def _follow_up(d: Dossier, ctx: Context, fin: date) -> list[Deadline]:
    out: list[Deadline] = []
    today = ctx.today
    last = last_check_in(d, today)
    if last:
        due = check_in_due(ctx, d, last)
        out.append(Deadline(due, "point de suivi avec le jeune", Actor.REFERENT, Due.POINT_SUIVI))
    upcoming = [a for a in d.actions if a.debut > today]
    if upcoming:
        first = min(upcoming, key=lambda a: a.debut)
        what = f"début de l'action « {first.intitule} »"
        out.append(Deadline(first.debut, what, Actor.REFERENT, Due.DEBUT_ACTION))
    out.append(Deadline(fin, "entretien de bilan", Actor.REFERENT, Due.BILAN))
    return out


def _closing(d: Dossier, today: date, fin: date) -> list[Deadline]:
    out: list[Deadline] = []
    # A bilan without a solution is still to be held (A9 says so too).
    if not bilan_with_solution(d, today):
        what = "entretien de bilan et solution de sortie"
        out.append(Deadline(fin, what, Actor.REFERENT, Due.BILAN))
    elif not bilan_sent(d, today):
        what = "transmettre le bilan au chef d'établissement"
        out.append(Deadline(fin, what, Actor.REFERENT, Due.TRANSMISSION_BILAN))
    if d.bilan and bilan_held(d, today) and not d.bilan.imilo_mis_a_jour:
        out.append(Deadline(fin, "mettre à jour I-Milo", Actor.CONSEILLER, Due.IMILO))
    return out
