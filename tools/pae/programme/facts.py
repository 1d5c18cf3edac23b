"""What a dossier says has happened by a date: one named predicate per fact.

Steps, deadlines, alerts, rules, cohort figures and pages all read these; none of them
tests a dossier's dates on its own. "As of D": an event dated after D has not happened.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from datetime import date, timedelta

from pae.codes import Actor
from pae.problems import Path_
from pae.records.dossier import Action, Contact, Creneau, Dossier, Presence

COMPANY_PLACEMENTS = ("stage_immersion", "stage_clause_sociale")
"""Action types that are placements in a company (arrêté du 18 juillet 2023, art. 3)."""
PRESENT = ("present", "retard")
"""Attendance statuses that count as present."""

Dated = tuple[date, Path_, str]
"""A dated event of a dossier: its date, where it is written, a French label."""


# --- the funnel -------------------------------------------------------------------------


def reached_contacts(d: Dossier, today: date) -> list[Contact]:
    """Contacts that reached the young person by `today`, oldest first (whatever the file order)."""
    return sorted(
        (c for c in d.contacts if c.date <= today and c.resultat == "joint"), key=lambda c: c.date
    )


def re_enrolment_offered(d: Dossier, today: date) -> bool:
    """A contact by `today` proposed to enrol again to retake the diploma."""
    return any("reinscription" in c.propositions for c in d.contacts if c.date <= today)


def info_held(d: Dossier, today: date) -> bool:
    return d.entretien_information is not None and d.entretien_information.date <= today


def accepted(d: Dossier, today: date) -> bool:
    """The young person said yes to the information interview or to the programme."""
    ei = d.entretien_information
    if ei and ei.date <= today and ei.decision in ("inscription", "en_reflexion"):
        return True
    reached = reached_contacts(d, today)
    return bool(reached) and reached[-1].reponse == "entretien_accepte"


def declined(d: Dossier, today: date) -> tuple[date, Path_] | None:
    """The young person refused the programme by `today` — at the information interview, or
    at the last contact that reached them with no interview since: when, and where."""
    ei = d.entretien_information
    if ei and ei.date <= today and ei.decision == "refus":
        return ei.date, ("entretien_information", "decision")
    if info_held(d, today):
        return None
    reached = [(i, c) for i, c in enumerate(d.contacts) if c in reached_contacts(d, today)]
    if reached:
        i, last = max(reached, key=lambda ic: (ic[1].date, ic[0]))  # as reached_contacts
        if last.reponse == "refus":
            return last.date, ("reperage", "contacts", i, "reponse")
    return None


def unreachable(d: Dossier, today: date, attempts: int) -> tuple[date, Path_] | None:
    """At least `attempts` contacts by `today` and none reached the young person: the last
    attempt, and where it is written."""
    tried = [(i, c) for i, c in enumerate(d.contacts) if c.date <= today]
    if len(tried) < attempts or reached_contacts(d, today):
        return None
    i, last = max(tried, key=lambda ic: (ic[1].date, ic[0]))
    return last.date, ("reperage", "contacts", i, "date")


def enrolled(d: Dossier, today: date) -> bool:
    return d.inscription is not None and d.inscription.date <= today


def in_depth_held(d: Dossier, today: date) -> bool:
    """An in-depth interview planned after `today` has not happened yet."""
    ea = d.entretien_approfondi
    return bool(ea and ea.date and ea.date <= today)


def in_depth_actor(d: Dossier, today: date) -> Actor:
    """The référent holds the in-depth interview; until one is designated, the head of school."""
    designated = enrolled(d, today) and d.inscription and d.inscription.referent
    return Actor.REFERENT if designated else Actor.CHEF


def started(d: Dossier, today: date) -> bool:
    """Enrolled and an action of the plan has begun."""
    return enrolled(d, today) and any(a.debut <= today for a in d.actions)


# --- the end of the programme -----------------------------------------------------------


def exit_date(d: Dossier, today: date) -> date | None:
    """The early exit, once it has happened."""
    exit_ = d.sortie_anticipee
    return exit_.date if exit_ and exit_.date <= today else None


def bilan_held(d: Dossier, today: date) -> bool:
    return bool(d.bilan and d.bilan.date and d.bilan.date <= today)


def bilan_with_solution(d: Dossier, today: date) -> bool:
    """The bilan was held by `today` and names the young person's solution."""
    return bilan_held(d, today) and bool(d.bilan and d.bilan.solution)


def bilan_sent(d: Dossier, today: date) -> bool:
    """The bilan was transmitted to the head of school by `today`."""
    sent = d.bilan.transmis_chef_etablissement if d.bilan else None
    return sent is not None and sent <= today


def left_without_solution(d: Dossier, today: date) -> tuple[date, Path_] | None:
    """The young person left the programme without a solution by `today`: a bilan whose
    solution is `sans_solution`, or, before any bilan with a solution, an early exit for
    `abandon`."""
    b = d.bilan
    if b and b.date and bilan_with_solution(d, today):
        return (b.date, ("bilan", "solution")) if b.solution == "sans_solution" else None
    exit_ = d.sortie_anticipee
    if exit_ and exit_date(d, today) and exit_.motif == "abandon":
        return exit_.date, ("sortie_anticipee", "motif")
    return None


def moved_away(d: Dossier, today: date) -> tuple[date, Path_] | None:
    """An early exit because the young person moved away, by `today`."""
    exit_ = d.sortie_anticipee
    if exit_ and exit_date(d, today) and exit_.motif == "demenagement":
        return exit_.date, ("sortie_anticipee", "motif")
    return None


def handover_done(d: Dossier, today: date) -> bool:
    """The hand-over to the PSAD or a mission locale is recorded, dated by `today`."""
    return d.passation is not None and d.passation.date <= today


def age_on(d: Dossier, day: date) -> int | None:
    """Age in full years on `day` (a birthday on the day counts)."""
    born = d.date_naissance
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def minor_on(d: Dossier, day: date) -> bool:
    """Under 18 on `day`: the obligation de formation covers 16–18 year-olds (code de
    l'éducation, art. L. 114-1); younger ones are under compulsory schooling."""
    age = age_on(d, day)
    return age is not None and age < 18


def programme_start(d: Dossier, rentree: date) -> date | None:
    """First day of the programme: the later of the enrolment and the rentrée (arrêté du
    18 juillet 2023, art. 3: it starts « à partir de la rentrée scolaire »). Without an
    enrolment, the first action, never before the rentrée; None without either."""
    if d.inscription:
        return max(d.inscription.date, rentree)
    first = min((a.debut for a in d.actions), default=None)
    return max(first, rentree) if first else None


def programme_end(d: Dossier) -> date | None:
    """Last day of the programme as planned: the early exit, else the last action's end."""
    if d.sortie_anticipee:
        return d.sortie_anticipee.date
    return max((a.fin for a in d.actions), default=None)


# --- the follow-up ----------------------------------------------------------------------


def last_check_in(d: Dossier, today: date) -> date | None:
    """The latest check-in by `today`, else the enrolment (the clock starts there)."""
    dates = [p.date for p in d.points if p.date <= today]
    if dates:
        return max(dates)
    return d.inscription.date if d.inscription else None


def attendance_counts(d: Dossier, start: date | None, end: date) -> tuple[int, int]:
    """(present + late, present + late + unexcused absent); justified absences left out."""
    lines = [p for p in d.assiduite if p.date <= end and (start is None or p.date >= start)]
    counted = [p for p in lines if p.statut != "absent_justifie"]
    return sum(p.statut in PRESENT for p in counted), len(counted)


def attendance_rate(d: Dossier, start: date | None, end: date) -> float | None:
    present, counted = attendance_counts(d, start, end)
    return present / counted if counted else None


def unexcused_absence_run(d: Dossier, today: date, length: int, since: date) -> list[Presence]:
    """The last run of at least `length` unexcused absences in a row ending on or after
    `since` (all actions together, in date order; anything else breaks the run)."""
    run: list[Presence] = []
    worst: list[Presence] = []
    lines = sorted((p for p in d.assiduite if p.date <= today), key=lambda p: (p.date, p.index))
    for line in lines:
        run = [*run, line] if line.statut == "absent" else []
        if len(run) >= length and run[-1].date >= since:
            worst = run
    return worst


def slot_dates(action: Action, slot: Creneau, start: date) -> list[date]:
    """Dates of a weekly slot within the action, from `start` on."""
    first = max(action.debut, start)
    first += timedelta(days=(slot.weekday - first.weekday()) % 7)
    if first > action.fin:
        return []
    return [first + timedelta(weeks=k) for k in range((action.fin - first).days // 7 + 1)]


def sessions(
    d: Dossier, start: date, end: date, closed: Container[date] = ()
) -> list[tuple[date, Action, Creneau]]:
    """The sessions the weekly timetable plans within [start, end], in time order; none on
    a closed day (school holidays, public holidays: the young people keep them)."""
    out = [
        (day, a, slot)
        for a in d.actions
        for slot in a.creneaux
        for day in slot_dates(a, slot, start)
        if day <= end and day not in closed
    ]
    return sorted(out, key=lambda s: (s[0], s[2].debut, s[1].index))


def unrecorded(
    d: Dossier, planned: list[tuple[date, Action, Creneau]]
) -> list[tuple[date, Action, Creneau]]:
    """Of the planned sessions, those with no attendance line for their day and action:
    « non saisi »."""
    recorded = {(p.date, p.action) for p in d.assiduite}
    return [s for s in planned if (s[0], s[1].id) not in recorded]


def presence_share(
    d: Dossier, planned: list[tuple[date, Action, Creneau]], start: date, end: date
) -> tuple[float | None, int]:
    """(share of the sessions of [start, end] where the young person is recorded present or
    late, sessions with no line): the recorded lines (justified absences apart) and the
    planned sessions with no line (« non saisi »), which count as not seen and lower it."""
    present, counted = attendance_counts(d, start, end)
    missing = len(unrecorded(d, [s for s in planned if start <= s[0] <= end]))
    total = counted + missing
    return (present / total if total else None), missing


def is_company_placement(action: Action) -> bool:
    return action.type in COMPANY_PLACEMENTS


def days_done(d: Dossier, action: Action, today: date) -> int:
    """Days actually done in an action by `today`: the distinct dates of its attendance
    lines marked present or late (the proofs the allowance of a placement is paid on)."""
    return len(
        {
            p.date
            for p in d.assiduite
            if p.action == action.id and p.statut in PRESENT and p.date <= today
        }
    )


def company_placement_spans(d: Dossier, start: date, end: date) -> list[tuple[date, date]]:
    """The spans of days within [start, end] covered by a company placement, overlaps
    merged, in order (each day is in one span at most)."""
    spans = sorted(
        (max(a.debut, start), min(a.fin, end)) for a in d.actions if is_company_placement(a)
    )
    merged: list[tuple[date, date]] = []
    for first, last in spans:
        if first > last:
            continue
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


# --- dated events, for the rules ------------------------------------------------------


def programme_dates(d: Dossier) -> Iterator[Dated]:
    """Every dated event of the programme that must fall by its end, with its place and a
    French label. Not the bilan: a late one is recorded, and flagged (A12)."""
    for a in d.actions:
        yield a.debut, ("parcours", "actions", a.index, "debut"), f"début de l'action {a.id}"
        yield a.fin, ("parcours", "actions", a.index, "fin"), f"fin de l'action {a.id}"
    for p in d.assiduite:
        yield p.date, ("suivi", "assiduite", p.index, "date"), "présence"
    for pt in d.points:
        yield pt.date, ("suivi", "points", pt.index, "date"), "point de suivi"
    if d.sortie_anticipee:
        yield d.sortie_anticipee.date, ("sortie_anticipee", "date"), "sortie anticipée"


def past_events(d: Dossier) -> Iterator[Dated]:
    """What records an event that has happened (unlike interviews and actions, which may
    be planned ahead)."""
    for i, c in enumerate(d.contacts):
        yield c.date, ("reperage", "contacts", i, "date"), "contact"
    for pt in d.points:
        yield pt.date, ("suivi", "points", pt.index, "date"), "point de suivi"
    for p in d.assiduite:
        yield p.date, ("suivi", "assiduite", p.index, "date"), "présence"
    if d.inscription:
        yield d.inscription.date, ("inscription", "date"), "inscription"
    if d.sortie_anticipee:
        yield d.sortie_anticipee.date, ("sortie_anticipee", "date"), "sortie anticipée"
    if d.passation:
        yield d.passation.date, ("passation", "date"), "passation du suivi"
    if d.bilan and d.bilan.transmis_chef_etablissement:
        day = d.bilan.transmis_chef_etablissement
        yield day, ("bilan", "transmis_chef_etablissement"), "transmission du bilan"


def events_closed_by_exit(d: Dossier) -> Iterator[Dated]:
    """What an early exit closes: nothing of these may come after it."""
    # The bilan is expected after an early exit (A9), so it is not closed by it.
    for a in d.actions:
        yield a.debut, ("parcours", "actions", a.index, "debut"), f"début de l'action {a.id}"
    for pt in d.points:
        yield pt.date, ("suivi", "points", pt.index, "date"), "point de suivi"
    for p in d.assiduite:
        yield p.date, ("suivi", "assiduite", p.index, "date"), "présence"
