"""Where a young person is in the programme (`etape`), as known at a date."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pae.labels import STEP_LABELS
from pae.programme.facts import (
    bilan_held,
    bilan_sent,
    bilan_with_solution,
    declined,
    enrolled,
    exit_date,
    info_held,
    reached_contacts,
    started,
    unreachable,
)
from pae.records.dossier import Dossier
from pae.records.settings import Settings


class Step(StrEnum):
    A_CONTACTER = "a_contacter"
    CONTACTE = "contacte"
    ENTRETIEN_INFORMATION = "entretien_information"
    INSCRIT = "inscrit"
    EN_PARCOURS = "en_parcours"
    BILAN = "bilan"
    TERMINE = "termine"
    NON_INSCRIT = "non_inscrit"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


FUNNEL = (
    Step.A_CONTACTER,
    Step.CONTACTE,
    Step.ENTRETIEN_INFORMATION,
    Step.INSCRIT,
    Step.EN_PARCOURS,
    Step.BILAN,
    Step.TERMINE,
)
IN_PROGRAMME = (Step.INSCRIT, Step.EN_PARCOURS)
CLOSED = (Step.TERMINE, Step.NON_INSCRIT)
PLANNING = (Step.A_CONTACTER, Step.CONTACTE, Step.ENTRETIEN_INFORMATION, *IN_PROGRAMME)
"""Steps where the timetable still lies ahead: its slots matter (A7, A8, calendars)."""


def step(d: Dossier, today: date, settings: Settings) -> tuple[Step, str | None]:
    """The step of docs/rules.md, with the reason when the young person is not enrolled."""
    if bilan_with_solution(d, today) and bilan_sent(d, today):
        return Step.TERMINE, None
    is_enrolled = enrolled(d, today)
    if not is_enrolled:
        reason = not_enrolled_reason(d, today, settings)
        if reason:
            return Step.NON_INSCRIT, reason
    fin = settings.dispositif(d.dispositif).fin(d.session)
    if is_enrolled:
        if today > fin or exit_date(d, today) or bilan_held(d, today):
            return Step.BILAN, None
        if started(d, today):
            return Step.EN_PARCOURS, None
        return Step.INSCRIT, None
    if info_held(d, today):
        return Step.ENTRETIEN_INFORMATION, None
    if reached_contacts(d, today):
        return Step.CONTACTE, None
    return Step.A_CONTACTER, None


def not_enrolled_reason(d: Dossier, today: date, settings: Settings) -> str | None:
    """Why the young person will not be enrolled (refusal, re-enrolment, unreachable)."""
    ei = d.entretien_information
    refused = declined(d, today)
    if refused and refused[1][0] == "entretien_information":
        return "refus à l'entretien d'information"
    if ei and ei.date <= today and ei.decision == "reinscription_diplome":
        return "réinscription pour repasser le diplôme"
    if refused:
        return "refus lors du contact"
    reached = reached_contacts(d, today)
    if reached and not info_held(d, today) and reached[-1].reponse == "reinscription_acceptee":
        return "réinscription pour repasser le diplôme"
    if unreachable(d, today, settings.tentatives_contact_injoignable):
        return f"injoignable après {sum(c.date <= today for c in d.contacts)} tentatives"
    return None


def step_dates(d: Dossier, today: date, settings: Settings) -> dict[Step, date]:
    """The day each step of the funnel was reached, as known at `today` (for timelines)."""
    out: dict[Step, date] = {}
    reached = reached_contacts(d, today)
    if reached:
        out[Step.CONTACTE] = reached[0].date
    if d.entretien_information and info_held(d, today):
        out[Step.ENTRETIEN_INFORMATION] = d.entretien_information.date
    if not (d.inscription and enrolled(d, today)):
        return out
    out[Step.INSCRIT] = d.inscription.date
    begun = [a.debut for a in d.actions if a.debut <= today]
    if begun:
        out[Step.EN_PARCOURS] = max(min(begun), d.inscription.date)
    fin = settings.dispositif(d.dispositif).fin(d.session)
    ends = [x for x in (exit_date(d, today), d.bilan.date if d.bilan else None) if x and x <= today]
    if today > fin:
        ends.append(fin + timedelta(days=1))
    if ends:
        out[Step.BILAN] = min(ends)
    sent = d.bilan.transmis_chef_etablissement if d.bilan else None
    if step(d, today, settings)[0] is Step.TERMINE and sent:
        out[Step.TERMINE] = sent
    return out
