"""Where each young person is, what is due next, and the derived values (pure, dated)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from pae.calendar import SchoolCalendar
from pae.labels import (
    CANAUX,
    CONTACT_RESULTS,
    EXIT_REASONS,
    MEF,
    STEP_LABELS,
    fr,
    label,
)
from pae.model import Contact, Dossier, Etablissement, Network
from pae.problems import Actor, Problem
from pae.rules import MEF_BY_DIPLOMA, programme_end
from pae.settings import Dispositif, Settings


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

POSITIVE = ("formation", "apprentissage", "emploi", "service_civique")


@dataclass(frozen=True)
class Core:
    """What every computation needs: the network, its settings, the date and the calendar."""

    network: Network
    settings: Settings
    today: date
    calendar: SchoolCalendar = field(default_factory=SchoolCalendar, compare=False)


@dataclass(frozen=True)
class Deadline:
    date: date
    what: str
    actor: Actor
    kind: Due | None = field(default=None, compare=False)
    """What is due, for code that must tell deadlines apart (never match on `what`)."""


class Due(StrEnum):
    CONTACT = "contact"
    ENTRETIEN_INFORMATION = "entretien_information"
    INSCRIPTION = "inscription"
    ENTRETIEN_APPROFONDI = "entretien_approfondi"
    POINT_SUIVI = "point_suivi"
    DEBUT_ACTION = "debut_action"
    BILAN = "bilan"
    TRANSMISSION_BILAN = "transmission_bilan"
    IMILO = "imilo"


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

    @property
    def echeance(self) -> Deadline | None:
        return min(self.deadlines, key=lambda d: d.date, default=None)

    @property
    def niveau(self) -> str:
        return "N3" if MEF_BY_DIPLOMA.get(self.dossier.diplome) == "pae_n3" else "N4"

    @property
    def sortie_positive(self) -> bool:
        return self.sortie in POSITIVE


# --- what is known at a date ------------------------------------------------------------


def enrolled(d: Dossier, today: date) -> bool:
    return d.inscription is not None and d.inscription.date <= today


def exit_date(d: Dossier, today: date) -> date | None:
    return (
        d.sortie_anticipee.date if d.sortie_anticipee and d.sortie_anticipee.date <= today else None
    )


def bilan_held(d: Dossier, today: date) -> bool:
    return bool(d.bilan and d.bilan.date and d.bilan.date <= today)


def info_held(d: Dossier, today: date) -> bool:
    return d.entretien_information is not None and d.entretien_information.date <= today


def accepted(d: Dossier, today: date) -> bool:
    """The young person said yes to the information interview or to the programme."""
    ei = d.entretien_information
    if ei and ei.date <= today and ei.decision in ("inscription", "en_reflexion"):
        return True
    reached = reached_contacts(d, today)
    return bool(reached) and reached[-1].reponse == "entretien_accepte"


def reached_contacts(d: Dossier, today: date) -> list[Contact]:
    """Contacts that reached the young person by `today`, oldest first (whatever the file order)."""
    return sorted(
        (c for c in d.contacts if c.date <= today and c.resultat == "joint"), key=lambda c: c.date
    )


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
    started = [a.debut for a in d.actions if a.debut <= today]
    if started:
        out[Step.EN_PARCOURS] = max(min(started), d.inscription.date)
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


def in_depth_held(d: Dossier, today: date) -> bool:
    """An in-depth interview planned after `today` has not happened yet."""
    ea = d.entretien_approfondi
    return bool(ea and ea.date and ea.date <= today)


def in_depth_actor(d: Dossier, today: date) -> Actor:
    """The référent holds the in-depth interview; until one is designated, the head of school."""
    designated = enrolled(d, today) and d.inscription and d.inscription.referent
    return Actor.REFERENT if designated else Actor.CHEF


def last_check_in(d: Dossier, today: date) -> date | None:
    dates = [p.date for p in d.points if p.date <= today]
    if dates:
        return max(dates)
    return d.inscription.date if d.inscription else None


# --- step ------------------------------------------------------------------------------


def step(d: Dossier, today: date, settings: Settings) -> tuple[Step, str | None]:
    """The step of docs/rules.md, with the reason when the young person is not enrolled."""
    b = d.bilan
    sent = b.transmis_chef_etablissement if b else None
    if b and b.solution and bilan_held(d, today) and sent and sent <= today:
        return Step.TERMINE, None
    is_enrolled = enrolled(d, today)
    if not is_enrolled:
        reason = _not_enrolled_reason(d, today, settings)
        if reason:
            return Step.NON_INSCRIT, reason
    fin = settings.dispositif(d.dispositif).fin(d.session)
    if is_enrolled:
        if today > fin or exit_date(d, today) or bilan_held(d, today):
            return Step.BILAN, None
        if any(a.debut <= today for a in d.actions):
            return Step.EN_PARCOURS, None
        return Step.INSCRIT, None
    if info_held(d, today):
        return Step.ENTRETIEN_INFORMATION, None
    if any(c.date <= today and c.resultat == "joint" for c in d.contacts):
        return Step.CONTACTE, None
    return Step.A_CONTACTER, None


def _not_enrolled_reason(d: Dossier, today: date, settings: Settings) -> str | None:
    ei = d.entretien_information
    if ei and ei.date <= today and ei.decision == "refus":
        return "refus à l'entretien d'information"
    if ei and ei.date <= today and ei.decision == "reinscription_diplome":
        return "réinscription pour repasser le diplôme"
    contacts = [c for c in d.contacts if c.date <= today]
    reached = reached_contacts(d, today)
    if reached and not info_held(d, today):
        if reached[-1].reponse == "refus":
            return "refus lors du contact"
        if reached[-1].reponse == "reinscription_acceptee":
            return "réinscription pour repasser le diplôme"
    if not reached and len(contacts) >= settings.tentatives_contact_injoignable:
        return f"injoignable après {len(contacts)} tentatives"
    return None


# --- deadlines -------------------------------------------------------------------------


def deadlines(
    d: Dossier, etape: Step, today: date, disp: Dispositif, settings: Settings
) -> list[Deadline]:
    """Every pending deadline of the current step; the earliest is the next one."""
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
            due = disp.in_depth_due(ei.date)
            what = "entretien approfondi avec la mission locale"
            out.append(Deadline(due, what, in_depth_actor(d, today), Due.ENTRETIEN_APPROFONDI))
    if etape in IN_PROGRAMME:
        last = last_check_in(d, today)
        if last:
            due = last + timedelta(days=settings.intervalle_points_jours)
            out.append(
                Deadline(due, "point de suivi avec le jeune", Actor.REFERENT, Due.POINT_SUIVI)
            )
        upcoming = [a for a in d.actions if a.debut > today]
        if upcoming:
            first = min(upcoming, key=lambda a: a.debut)
            out.append(
                Deadline(
                    first.debut,
                    f"début de l'action « {first.intitule} »",
                    Actor.REFERENT,
                    Due.DEBUT_ACTION,
                )
            )
        out.append(Deadline(fin, "entretien de bilan", Actor.REFERENT, Due.BILAN))
    if etape is Step.BILAN:
        # A bilan without a solution is still to be held (A9 says so too).
        if not (bilan_held(d, today) and d.bilan and d.bilan.solution):
            out.append(
                Deadline(fin, "entretien de bilan et solution de sortie", Actor.REFERENT, Due.BILAN)
            )
        elif d.bilan and not _sent(d, today):
            out.append(
                Deadline(
                    fin,
                    "transmettre le bilan au chef d'établissement",
                    Actor.REFERENT,
                    Due.TRANSMISSION_BILAN,
                )
            )
        if d.bilan and bilan_held(d, today) and not d.bilan.imilo_mis_a_jour:
            out.append(Deadline(fin, "mettre à jour I-Milo", Actor.CONSEILLER, Due.IMILO))
    return out


def _sent(d: Dossier, today: date) -> bool:
    """The bilan was transmitted to the head of school by `today`."""
    sent = d.bilan.transmis_chef_etablissement if d.bilan else None
    return sent is not None and sent <= today


# --- derived values --------------------------------------------------------------------


def attendance_counts(d: Dossier, start: date | None, end: date) -> tuple[int, int]:
    """(present + late, present + late + unexcused absent); justified absences left out."""
    lines = [p for p in d.assiduite if p.date <= end and (start is None or p.date >= start)]
    counted = [p for p in lines if p.statut != "absent_justifie"]
    return sum(p.statut in ("present", "retard") for p in counted), len(counted)


def attendance_rate(d: Dossier, start: date | None, end: date) -> float | None:
    present, counted = attendance_counts(d, start, end)
    return present / counted if counted else None


def outcome(d: Dossier, today: date) -> str:
    if d.bilan and d.bilan.solution and bilan_held(d, today):
        return d.bilan.solution
    exit_ = d.sortie_anticipee
    if exit_ and exit_.date <= today and exit_.motif in ("emploi", "formation", "apprentissage"):
        return exit_.motif
    return "non_renseignee"


def days_in_programme(d: Dossier, today: date, fin: date) -> int | None:
    if not enrolled(d, today) or d.inscription is None:
        return None
    end = min(today, fin, exit_date(d, today) or fin)
    return (end - d.inscription.date).days + 1


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
        items.append(
            (
                d.sortie_anticipee.date,
                f"Sortie anticipée ({label(EXIT_REASONS, d.sortie_anticipee.motif)})",
            )
        )
    if d.bilan and d.bilan.date:
        items.append((d.bilan.date, "Entretien de bilan"))
    if d.bilan and d.bilan.transmis_chef_etablissement:
        items.append(
            (d.bilan.transmis_chef_etablissement, "Bilan transmis au chef d'établissement")
        )
    items.sort(key=lambda item: item[0])
    return [Event(day, label, day <= today) for day, label in items]


# --- everything together ---------------------------------------------------------------


def dossier_status(d: Dossier, core: Core) -> DossierStatus:
    from pae.alerts import alerts  # alerts read the step computed here

    settings, today = core.settings, core.today
    disp = settings.dispositif(d.dispositif)
    etape, reason = step(d, today, settings)
    st = DossierStatus(
        dossier=d,
        etablissement=core.network.etablissements.get(d.etablissement),
        etape=etape,
        motif_non_inscription=reason,
        deadlines=deadlines(d, etape, today, disp, settings),
        timeline=timeline(d, today),
        notes_conservables_jusqu_a=d.premiere_session + 5 if d.premiere_session else None,
        assiduite=attendance_rate(d, None, today),
        assiduite_recente=attendance_rate(d, settings.attendance_window_start(today), today),
        jours_en_parcours=days_in_programme(d, today, disp.fin(d.session)),
        sortie=outcome(d, today),
    )
    st.alertes = list(alerts(st, core))
    return st


def selected(st: DossierStatus, etablissement: str | None, referent: str | None) -> bool:
    """One lycée's young people, one référent's, or everyone (`--etablissement`, `--referent`)."""
    d = st.dossier
    if etablissement and d.etablissement != etablissement:
        return False
    return not referent or bool(d.inscription and d.inscription.referent == referent)


def check_filters(core: Core, etablissement: str | None, referent: str | None) -> None:
    """A filter naming nobody is a typo: say which values exist."""
    from pae.errors import UsageError

    etabs = core.network.etablissements
    if etablissement and etablissement not in etabs:
        known = ", ".join(sorted(etabs)) or "aucun"
        raise UsageError(f"établissement « {etablissement} » inconnu (établissements : {known})")
    ids = sorted(
        {r.id for e in etabs.values() if etablissement in (None, e.uai) for r in e.referents}
    )
    if referent and referent not in ids:
        raise UsageError(f"référent « {referent} » inconnu (référents : {', '.join(ids)})")


def network_status(core: Core) -> list[DossierStatus]:
    """The status of every dossier, in id order."""
    return [dossier_status(d, core) for d in sorted(core.network.dossiers, key=lambda d: d.id)]


def describe(deadline: Deadline) -> str:
    return f"{deadline.what} — {deadline.actor.label}, au plus tard le {fr(deadline.date)}"


__all__ = [
    "Core",
    "Deadline",
    "DossierStatus",
    "Step",
    "describe",
    "dossier_status",
    "network_status",
    "programme_end",
]
