"""Each dossier's status as of a date: step, deadlines, alerts and derived values, computed
once for every consumer (validation, commands, site, exports)."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pae.codes import Actor
from pae.labels import CANAUX, CONTACT_RESULTS, EXIT_REASONS, HANDOVER_TO, MEF, label
from pae.problems import Problem
from pae.programme.alerts import alerts
from pae.programme.as_of import known_at
from pae.programme.clock import attendance_window_start, rentree
from pae.programme.context import Context
from pae.programme.deadlines import Deadline, deadlines
from pae.programme.facts import (
    attendance_rate,
    bilan_with_solution,
    days_done,
    enrolled,
    exit_date,
    is_company_placement,
    programme_start,
    sessions,
    unrecorded,
)
from pae.programme.rules.eligibility import MEF_BY_DIPLOMA
from pae.programme.steps import CLOSED, Step, step
from pae.records.dossier import Action, Creneau, Dossier
from pae.records.reference import Conseiller, Etablissement, MissionLocale, Referent

POSITIVE = ("formation", "apprentissage", "emploi", "service_civique")
"""Outcomes counted as a positive exit; `parcours_insertion` is counted apart."""
EXIT_OUTCOMES = {
    "emploi": "emploi",
    "formation": "formation",
    "apprentissage": "apprentissage",
    "cej": "parcours_insertion",
}
"""Early-exit reasons that are an outcome in themselves: a solution that ends school status
(a contrat d'engagement jeune is a parcours d'insertion)."""


@dataclass(frozen=True)
class Event:
    """One line of a dossier's timeline: done (dated ≤ today) or planned."""

    date: date
    label: str
    done: bool


@dataclass
class DossierStatus:
    dossier: Dossier
    etablissement: Etablissement | None
    etape: Step
    motif_non_inscription: str | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    alertes: list[Problem] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    notes_conservables_jusqu_a: int | None = None
    assiduite: float | None = None
    assiduite_recente: float | None = None
    jours_en_parcours: int | None = None
    sortie: str = "non_renseignee"
    mission_locale: MissionLocale | None = None
    sessions_planned: int = 0
    """Sessions of the weekly timetable held by today (holidays and public holidays apart)."""
    sessions_unrecorded: int = 0
    """Of those, the ones with no attendance line: « non saisi »."""
    jours_effectues: dict[str, int] = field(default_factory=dict)
    """Days done in each company placement (action id → days), from its attendance lines:
    what the lycée pays the allowance on."""
    full: Dossier | None = None
    """The dossier as written, when it holds events dated after today: `dossier` is the
    dossier as known today (`as_of.known_at`), what every value above is computed on."""
    errors: list[Problem] = field(default_factory=list)
    """The rules this dossier fails (never its schema: such a file is left out of the
    views); set by `repository.statuses`, shown as a banner on the dossier's page."""
    later: list[Event] = field(default_factory=list)
    """What the dossier records for after today and the views leave out (an exit, a
    check-in, a bilan written ahead), in date order, each `done=False`: the site may show
    them greyed as « prévu »; planned actions and interviews stay in `timeline`."""

    @property
    def next_deadline(self) -> Deadline | None:
        return min(self.deadlines, key=lambda d: d.date, default=None)

    @property
    def niveau(self) -> str:
        return "N3" if MEF_BY_DIPLOMA.get(self.dossier.diplome) == "pae_n3" else "N4"

    @property
    def sortie_positive(self) -> bool:
        return self.sortie in POSITIVE

    @property
    def sortie_connue(self) -> str | None:
        """The outcome once there is one to give: a bilan held or due, the programme over,
        or an outcome already known (an early exit to a job); None while the young person
        is on the way (« non renseignée » then would read as a missing answer)."""
        ongoing = self.etape not in (Step.BILAN, *CLOSED)
        return None if ongoing and self.sortie == "non_renseignee" else self.sortie

    @property
    def alert_codes(self) -> str:
        """« A1 A5 »: each alert's code once, in order."""
        return " ".join(dict.fromkeys(a.code.value for a in self.alertes))

    @property
    def referent(self) -> Referent | None:
        ins = self.dossier.inscription
        if not ins or not self.etablissement:
            return None
        return self.etablissement.referent(ins.referent)

    @property
    def conseiller_id(self) -> str | None:
        """The young person's conseiller at the mission locale: the enrolment's, else the
        information interview's (who follows up France Travail, A10, before enrolment)."""
        ins, ei = self.dossier.inscription, self.dossier.entretien_information
        if ins and ins.conseiller_ml:
            return ins.conseiller_ml
        return ei.conseiller_ml if ei else None

    @property
    def conseiller(self) -> Conseiller | None:
        ident = self.conseiller_id
        return self.mission_locale.conseiller(ident) if self.mission_locale and ident else None

    def alerts_for(self, actor: Actor) -> list[Problem]:
        """The alerts this person must act on (the conseiller's: I-Milo and France Travail)."""
        return [a for a in self.alertes if a.actor is actor]


# --- derived values --------------------------------------------------------------------


def outcome(d: Dossier, today: date) -> str:
    if d.bilan and d.bilan.solution and bilan_with_solution(d, today):
        return d.bilan.solution
    exit_ = d.sortie_anticipee
    if exit_ and exit_date(d, today) and exit_.motif in EXIT_OUTCOMES:
        return EXIT_OUTCOMES[exit_.motif]
    return "non_renseignee"


def days_in_programme(d: Dossier, today: date, fin: date, start: date | None) -> int | None:
    """Calendar days from the programme's start to today, the exit or fin (0 before the
    rentrée of a young person enrolled in July)."""
    if not enrolled(d, today) or start is None:
        return None
    end = min(today, fin, exit_date(d, today) or fin)
    return max((end - start).days + 1, 0)


def timeline(d: Dossier, today: date) -> list[Event]:
    """Everything that happened or is planned, in date order, in French."""
    items: list[tuple[date, str]] = []
    for c in d.contacts:
        items.append(
            (c.date, f"Contact ({label(CANAUX, c.canal)}) : {label(CONTACT_RESULTS, c.resultat)}")
        )
    if d.entretien_information:
        items.append(
            (d.entretien_information.date, "Entretien d'information avec la mission locale")
        )
    if d.inscription:
        items.append((d.inscription.date, f"Inscription ({label(MEF, d.inscription.mef)})"))
    if d.entretien_approfondi and d.entretien_approfondi.date:
        items.append((d.entretien_approfondi.date, "Entretien approfondi"))
    for a in d.actions:
        items.append((a.debut, f"Début : {a.intitule}"))
        items.append((a.fin, f"Fin : {a.intitule}"))
    for p in d.points:
        items.append((p.date, "Point de suivi"))
    if d.sortie_anticipee:
        reason = label(EXIT_REASONS, d.sortie_anticipee.motif)
        items.append((d.sortie_anticipee.date, f"Sortie anticipée ({reason})"))
    if d.passation:
        to = label(HANDOVER_TO, d.passation.vers)
        items.append((d.passation.date, f"Passation du suivi : {to}"))
    if d.bilan and d.bilan.date:
        items.append((d.bilan.date, "Entretien de bilan"))
    if d.bilan and d.bilan.transmis_chef_etablissement:
        items.append(
            (d.bilan.transmis_chef_etablissement, "Bilan transmis au chef d'établissement")
        )
    items.sort(key=lambda item: item[0])
    return [Event(day, text, day <= today) for day, text in items]


# --- everything together ---------------------------------------------------------------


def planned_sessions(d: Dossier, ctx: Context) -> list[tuple[date, Action, Creneau]]:
    """The sessions of the weekly timetable held by today: the timetable's days minus the
    closed days of the lycée's zone; a missing calendar year closes nothing (A7 says so)."""
    start = min((a.debut for a in d.actions if a.creneaux), default=None)
    if start is None or start > ctx.today:
        return []
    closed: Container[date] = ()
    etab = ctx.network.etablissements.get(d.etablissement)
    if etab is not None:
        closed = ctx.calendar.closed(etab.zone_vacances, etab.jours_feries)
    return sessions(d, start, ctx.today, closed)


def held_sessions(d: Dossier, ctx: Context) -> tuple[int, int]:
    """(sessions planned by today, of which unrecorded)."""
    planned = planned_sessions(d, ctx)
    return len(planned), len(unrecorded(d, planned))


def dossier_status(written: Dossier, ctx: Context) -> DossierStatus:
    """The status as of `ctx.today`, computed on the dossier as known that day."""
    settings, today = ctx.settings, ctx.today
    d = known_at(written, today)
    events = timeline(d, today)
    disp = settings.dispositif(d.dispositif)
    etape, reason = step(d, today, settings)
    planned, unrecorded = held_sessions(d, ctx)
    return DossierStatus(
        dossier=d,
        etablissement=ctx.network.etablissements.get(d.etablissement),
        etape=etape,
        motif_non_inscription=reason,
        deadlines=deadlines(d, etape, ctx),
        alertes=list(alerts(d, etape, ctx)),
        timeline=events,
        notes_conservables_jusqu_a=d.premiere_session + 5 if d.premiere_session else None,
        assiduite=attendance_rate(d, None, today),
        assiduite_recente=attendance_rate(d, attendance_window_start(ctx, d), today),
        jours_en_parcours=days_in_programme(
            d, today, disp.fin(d.session), programme_start(d, rentree(ctx, d))
        ),
        sortie=outcome(d, today),
        mission_locale=ctx.network.mission_locale_of(d),
        sessions_planned=planned,
        sessions_unrecorded=unrecorded,
        jours_effectues={
            a.id: days_done(d, a, today) for a in d.actions if is_company_placement(a)
        },
        full=None if d is written else written,
        later=[] if d is written else _later(written, events, today),
    )


def _later(written: Dossier, shown: list[Event], today: date) -> list[Event]:
    seen = set(shown)
    return [e for e in timeline(written, today) if e not in seen]


def network_status(ctx: Context) -> list[DossierStatus]:
    """The status of every dossier, in id order."""
    return [dossier_status(d, ctx) for d in sorted(ctx.network.dossiers, key=lambda d: d.id)]


# --- selections ------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """One lycée's young people, one référent's, one conseiller's, or everyone's."""

    etablissement: str | None = None
    referent: str | None = None
    conseiller: str | None = None

    def keeps(self, st: DossierStatus) -> bool:
        d, ins = st.dossier, st.dossier.inscription
        if self.etablissement and d.etablissement != self.etablissement:
            return False
        if self.referent and not (ins and ins.referent == self.referent):
            return False
        return not self.conseiller or st.conseiller_id == self.conseiller

    def unknown(self, ctx: Context) -> str | None:
        """A filter naming nobody is a typo: the French reason, with the values that exist."""
        etabs = ctx.network.etablissements
        if self.etablissement and self.etablissement not in etabs:
            known = ", ".join(sorted(etabs)) or "aucun"
            return f"établissement « {self.etablissement} » inconnu (établissements : {known})"
        here = [e for e in etabs.values() if self.etablissement in (None, e.uai)]
        ids = sorted({r.id for e in here for r in e.referents})
        if self.referent and self.referent not in ids:
            return f"référent « {self.referent} » inconnu (référents : {', '.join(ids)})"
        mls = {e.mission_locale for e in here}
        advisers = sorted(
            {
                c.id
                for ident, ml in ctx.network.missions_locales.items()
                if self.etablissement is None or ident in mls
                for c in ml.conseillers
            }
        )
        if self.conseiller and self.conseiller not in advisers:
            shown = ", ".join(advisers) or "aucun"
            return f"conseiller « {self.conseiller} » inconnu (conseillers : {shown})"
        return None


def selected(st: DossierStatus, etablissement: str | None, referent: str | None) -> bool:
    """One lycée's young people, one référent's, or everyone (`--etablissement`, `--referent`)."""
    return Filters(etablissement, referent).keeps(st)


@dataclass(frozen=True)
class DueItem:
    """One pending deadline of one dossier."""

    deadline: Deadline
    status: DossierStatus
    alert: Problem | None = None
    """The alert this item comes from, when it is one (`todo.todo_within`)."""


def due_within(
    statuses: Iterable[DossierStatus], today: date, days: int | None = None
) -> list[DueItem]:
    """Pending deadlines up to `days` after today (all of them without `days`), overdue
    ones included, earliest first. The window's last day is in it."""
    horizon = today + timedelta(days=days) if days is not None else date.max
    items = [DueItem(dl, st) for st in statuses for dl in st.deadlines if dl.date <= horizon]
    return sorted(items, key=lambda x: (x.deadline.date, x.status.dossier.id))


def conseiller_todo(statuses: Iterable[DossierStatus]) -> list[tuple[DossierStatus, Problem]]:
    """What the mission locale's conseiller must do (I-Milo file, France Travail check,
    bilan in I-Milo: A4, A9, A10), soonest first."""
    items = [(st, a) for st in statuses for a in st.alerts_for(Actor.CONSEILLER)]
    return sorted(items, key=lambda item: (item[1].due or date.max, item[0].dossier.id))
