"""One page per dossier, and its one-page printable bilan."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from pae.labels import fr, fr_day_month
from pae.programme.clock import school_days
from pae.programme.deadlines import Deadline, Due
from pae.programme.facts import enrolled, presence_share, unrecorded
from pae.programme.status import DossierStatus, planned_sessions
from pae.programme.steps import FUNNEL, IN_PROGRAMME, Step, step_dates
from pae.records.dossier import Action, Creneau
from pae.records.reference import Conseiller, MissionLocale, Referent
from pae.site import charts, timetable
from pae.site.context import Site, href
from pae.site.escape import Markup, mailto
from pae.site.interviews import sheets_page
from pae.site.render import render

WEEKS_LOOKED_AT = 30
"""How far back the attendance table looks for its school weeks (summer is ten weeks)."""


@dataclass(frozen=True)
class StepMark:
    label: str
    when: str
    state: str
    """done, skipped, current or todo."""


def step_marks(st: DossierStatus, site: Site) -> list[StepMark]:
    """The tracker at the top of the page: the core's step is the current one; the steps
    before it show the day they were reached (`status.step_dates`)."""
    today = site.ctx.today
    reached = step_dates(st.dossier, today, site.ctx.settings)
    if st.etape is Step.NON_INSCRIT:
        # The young person left the funnel: the steps passed, then why.
        passed = [s for s in FUNNEL if s in reached]
        marks = [_done(Step.A_CONTACTER, reached)]
        marks += [_done(s, reached) for s in passed]
        return [*marks, StepMark(st.etape.label, st.motif_non_inscription or "", "current")]
    position = FUNNEL.index(st.etape)
    marks = [_done(s, reached) for s in FUNNEL[:position]]
    since = reached.get(st.etape)
    now = f"depuis le {fr(since)}" if since else "en cours"
    marks.append(StepMark(st.etape.label, now, "current"))
    marks += [StepMark(s.label, "à venir", "todo") for s in FUNNEL[position + 1 :]]
    return marks


def _done(step: Step, reached: dict[Step, date]) -> StepMark:
    if step is Step.A_CONTACTER:
        return StepMark(step.label, "", "done")  # identified: no date to show
    if step in reached:
        return StepMark(step.label, fr(reached[step]), "done")
    return StepMark(step.label, "étape sautée", "skipped")


@dataclass(frozen=True)
class Week:
    """One school week of the attendance table, Monday to Friday."""

    label: str
    share: float | None
    """`facts.presence_share`: sessions recorded present or late, unrecorded ones lowering it."""
    unrecorded: int


def attendance_weeks(
    st: DossierStatus, site: Site, planned: list[tuple[date, Action, Creneau]]
) -> list[Week]:
    """The last weeks of school (as many as the alert window, A6), oldest first: Monday to
    Friday (to today for the current week); a week without a school day is skipped."""
    days = school_days(site.ctx, st.dossier)
    today = site.ctx.today
    monday = today - timedelta(days=today.weekday())
    out: list[Week] = []
    for _ in range(WEEKS_LOOKED_AT):
        if len(out) == site.ctx.settings.fenetre_assiduite_semaines:
            break
        friday = monday + timedelta(days=4)
        span = (monday + timedelta(days=i) for i in range((min(friday, today) - monday).days + 1))
        if any(days.is_school_day(day) for day in span):
            # A Saturday session, if any, belongs to its week too.
            end = min(monday + timedelta(days=6), today)
            share, missing = presence_share(st.dossier, planned, monday, end)
            label = f"{fr_day_month(monday)}–{fr_day_month(friday)}"
            out.append(Week(label, share, missing))
        monday -= timedelta(days=7)
    return out[::-1]


@dataclass(frozen=True)
class AttendanceRow:
    day: date
    action: str
    statut: str
    """A `statut` of the records, or `non_saisi`: a planned session with no line."""
    comment: str | None = None


def attendance_rows(
    st: DossierStatus, planned: list[tuple[date, Action, Creneau]]
) -> list[AttendanceRow]:
    """Absences, late arrivals and unrecorded sessions, the latest first."""
    d = st.dossier
    names = {a.id: a.intitule for a in d.actions}
    rows = [
        (
            p.date,
            p.index,
            AttendanceRow(p.date, names.get(p.action, p.action), p.statut, p.commentaire),
        )
        for p in d.assiduite
        if p.statut != "present"
    ]
    rows += [
        (day, -1, AttendanceRow(day, a.intitule, "non_saisi"))
        for day, a, _ in unrecorded(d, planned)
    ]
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]), reverse=True)]


def _structures(st: DossierStatus, site: Site, page: str | None) -> dict[str, Markup]:
    return {a.id: site.structure_link(page, a.structure) for a in st.dossier.actions}


def mail_to_ml(st: DossierStatus, site: Site) -> str | None:
    """A `mailto:` whose subject starts with AMBITION EMPLOI, as the vademecum asks."""
    ml = st.mission_locale
    conseiller = st.conseiller
    address = conseiller.courriel if conseiller else ml.courriel if ml else None
    if not address:
        return None
    return mailto(address, f"AMBITION EMPLOI — dossier {st.dossier.id}")


def has_bilan_page(st: DossierStatus, today: date) -> bool:
    """A bilan concerns the young people who were enrolled."""
    return enrolled(st.dossier, today)


def _bilan_vars(view: BilanView) -> dict[str, Any]:
    return {
        "b_referent": view.referent,
        "b_conseiller": view.conseiller,
        "b_ml": view.ml,
        "b_structures": view.structures,
        "b_due": view.due,
    }


def dossier_page(site: Site, st: DossierStatus) -> str:
    d = st.dossier
    page = site.dossier_page(d)
    # Wider partners see no forge material: no edit link, no authors or commit messages.
    pseudonymised = site.options.pseudonymise
    written = [] if pseudonymised else site.histories.of(d.file)
    # As of D: commits of later days say what happened later (« sortie anticipée du … »).
    history = [c for c in written if c.when.date() <= site.ctx.today]
    history = [replace(c, message=site.redact(c.message)) for c in history]
    note = (
        f"Aucun enregistrement dans git au {fr(site.ctx.today)} (les suivants ne sont pas montrés)."
        if written
        else "Pas encore d'historique : le fichier n'a pas encore été enregistré dans git."
        if site.histories.available
        else f"Historique indisponible : {site.histories.reason}."
    )
    planned = planned_sessions(d, site.ctx)
    weeks = attendance_weeks(st, site, planned)
    threshold = site.ctx.settings.seuil_assiduite_pourcent
    chart = charts.columns(
        "pae-assiduite",
        f"Présence par semaine sur les {len(weeks)} dernières semaines d'école",
        [(w.label, w.share) for w in weeks],
        threshold / 100,
    )
    items = [(a, None) for a in sorted(st.alertes, key=lambda a: a.due or site.ctx.today)]
    # What the file records for after today is left out (`as_of`: not yet known on that
    # day); what was planned then (interviews, the bilan, the actions) shows as « prévu ».
    events = st.timeline
    return render(
        "dossier.md.j2",
        site=site,
        page=page,
        st=st,
        d=d,
        ident=d.raw.get("identite") or {},
        notes=(d.raw.get("examen") or {}).get("notes_conservees") or [],
        contacts=_contacts(st),
        ei=d.entretien_information,
        ins=d.inscription,
        ea=d.entretien_approfondi,
        b=d.bilan,
        ml=st.mission_locale,
        conseiller=st.conseiller,
        next=st.next_deadline,
        items=items,
        today=site.ctx.today,
        steps=step_marks(st, site),
        events=events,
        errors=[
            replace(e, message=site.redact(e.message), hint=e.hint and site.redact(e.hint))
            for e in st.errors
        ],
        colours=timetable.colours(d.actions),
        structures=_structures(st, site, page),
        grid=Markup(timetable.timetables(d.actions, site.ctx.today)),
        weeks=len(weeks),
        threshold=threshold,
        attendance_chart=Markup(chart),
        attendance_weeks=weeks,
        presences=attendance_rows(st, planned),
        absences=sum(p.statut != "present" for p in d.assiduite),
        edit_url=None if pseudonymised else site.forge.edit(d.file),
        form_url=None if pseudonymised else site.form_link(page, d),
        sheets_url=None if pseudonymised else href(page, sheets_page(d.id)),
        mail=mail_to_ml(st, site),
        has_bilan=has_bilan_page(st, site.ctx.today),
        **_bilan_vars(bilan_view(site, st)),
        history=history,
        history_note=note,
        show_history=not pseudonymised,
        in_programme=st.etape in IN_PROGRAMME,
    )


def _contacts(st: DossierStatus) -> list[tuple[Any, str | None]]:
    """Each contact with its free-text comment (kept in the raw record only)."""
    raw = (st.dossier.raw.get("reperage") or {}).get("contacts") or []
    return [(c, r.get("commentaire")) for c, r in zip(st.dossier.contacts, raw, strict=False)]


@dataclass(frozen=True)
class BilanView:
    """What the printable bilan of one young person shows beyond the dossier itself."""

    st: DossierStatus
    referent: Referent | None
    conseiller: Conseiller | None
    ml: MissionLocale | None
    structures: dict[str, Markup]
    due: Deadline | None


def bilan_view(site: Site, st: DossierStatus) -> BilanView:
    return BilanView(
        st,
        st.referent,
        st.conseiller,
        st.mission_locale,
        _structures(st, site, None),
        next((dl for dl in st.deadlines if dl.kind is Due.BILAN), None),
    )


def bilans_page(site: Site, uai: str, group: list[DossierStatus]) -> str:
    """Every individual bilan of a lycée, one per printed page."""
    items = [bilan_view(site, st) for st in group if has_bilan_page(st, site.ctx.today)]
    return render("bilans_lycee.md.j2", site=site, uai=uai, items=items, today=site.ctx.today)
