"""Alerts A1–A11: a valid dossier where someone must act; one function per alert."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import combinations

from pae.labels import fr
from pae.model import Action, Creneau, Dossier
from pae.problems import Actor, Problem, Severity
from pae.rules import programme_end
from pae.status import (
    CLOSED,
    IN_PROGRAMME,
    PLANNING,
    Core,
    DossierStatus,
    Step,
    accepted,
    attendance_counts,
    bilan_held,
    enrolled,
    exit_date,
    in_depth_actor,
    in_depth_held,
    info_held,
    last_check_in,
)

COMPANY_PLACEMENTS = ("stage_immersion", "stage_clause_sociale")
PLANNING_STEPS = PLANNING

Alert = Callable[[DossierStatus, Core], Iterator[Problem]]


def _alert(
    st: DossierStatus,
    code: str,
    message: str,
    actor: Actor,
    due: date,
    path: tuple[str | int, ...] = (),
    hint: str | None = None,
) -> Problem:
    return Problem(
        code, st.dossier.file, message, path, hint, severity=Severity.ALERT, actor=actor, due=due
    )


def a1_in_depth_interview(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    ei = d.entretien_information
    if st.etape in CLOSED or not ei or not info_held(d, today) or in_depth_held(d, today):
        return
    if ei.decision in ("refus", "reinscription_diplome"):
        return
    disp = core.settings.dispositif(d.dispositif)
    due = disp.in_depth_due(ei.date)
    if today > due:
        actor = in_depth_actor(d, today)
        yield _alert(
            st,
            "A1",
            f"entretien approfondi en retard : à tenir dans les "
            f"{disp.delai_entretien_approfondi_jours} jours après l'entretien d'information "
            f"du {fr(ei.date)}, soit le {fr(due)} au plus tard",
            actor,
            due,
            ("entretien_information", "date"),
            "fixer l'entretien avec le conseiller de la mission locale et le noter dans "
            "« entretien_approfondi »",
        )


def a2_enrolment_deadline(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    if st.etape in CLOSED or enrolled(d, today) or not accepted(d, today):
        return
    limite = core.settings.dispositif(d.dispositif).limite(d.session)
    if today < limite - timedelta(days=core.settings.horizon_alerte_jours):
        return
    if today <= limite:
        days = (limite - today).days
        when = "aujourd'hui" if days == 0 else f"dans {days} jour{'s' if days > 1 else ''}"
        message = f"inscription à faire au plus tard le {fr(limite)} ({when})"
        hint = "inscrire le jeune sous le MEF PAE et désigner son référent"
    else:
        message = f"date limite d'inscription du {fr(limite)} dépassée sans inscription"
        hint = "statuer avec le jeune (refus, réinscription) et l'orienter vers la mission locale"
    yield _alert(st, "A2", message, Actor.CHEF, limite, ("reperage",), hint)


def a3_re_enrolment_offer(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    if st.etape is Step.TERMINE or d.resultat != "ajourne":
        return
    if any("reinscription" in c.propositions for c in d.contacts if c.date <= today):
        return
    limite = core.settings.dispositif(d.dispositif).limite(d.session)
    yield _alert(
        st,
        "A3",
        "examen non obtenu : aucune proposition de réinscription notée dans les contacts",
        Actor.CHEF,
        limite,
        ("reperage",),
        "le chef d'établissement propose systématiquement une réinscription : l'ajouter aux "
        "« propositions » d'un contact",
    )


def a4_enrolment_incomplete(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    ins = d.inscription
    if st.etape in CLOSED or not ins or not enrolled(d, today):
        return
    due = ins.date + timedelta(days=core.settings.horizon_alerte_jours)
    if not ins.referent:
        yield _alert(
            st,
            "A4",
            "aucun référent désigné",
            Actor.CHEF,
            due,
            ("inscription",),
            "désigner un professeur référent (« referent »)",
        )
    if not ins.conseiller_ml:
        yield _alert(
            st,
            "A4",
            "aucun conseiller de mission locale désigné",
            Actor.CONSEILLER,
            due,
            ("inscription",),
            "indiquer le conseiller (« conseiller_ml »)",
        )
    if ins.dossier_imilo is not True:
        yield _alert(
            st,
            "A4",
            "dossier I-Milo non ouvert ou non rattaché au parcours",
            Actor.CONSEILLER,
            due,
            ("inscription",),
            "ouvrir le dossier I-Milo puis noter « dossier_imilo: true »",
        )


def a5_check_in(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    last = last_check_in(d, today)
    if st.etape not in IN_PROGRAMME or last is None:
        return
    interval = core.settings.intervalle_points_jours
    if (today - last).days > interval:
        yield _alert(
            st,
            "A5",
            f"pas de point de suivi depuis le {fr(last)} ({(today - last).days} jours ; "
            f"un point tous les {interval} jours)",
            Actor.REFERENT,
            last + timedelta(days=interval),
            ("suivi",),
            "faire le point avec le jeune et le noter dans « suivi.points »",
        )


def a6_attendance(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today, s = st.dossier, core.today, core.settings
    if st.etape not in IN_PROGRAMME:
        return
    start = s.attendance_window_start(today)
    present, counted = attendance_counts(d, start, today)
    # Integers: in floating point 29/50 is 57.999… %, which is not below 58 %.
    if counted and present * 100 < s.seuil_assiduite_pourcent * counted:
        rate = present / counted
        yield _alert(
            st,
            "A6",
            f"assiduité de {round(rate * 100)} % sur les {s.fenetre_assiduite_semaines} "
            f"dernières semaines (seuil : {s.seuil_assiduite_pourcent} %)",
            Actor.REFERENT,
            today,
            ("suivi", "assiduite"),
            "faire le point avec le jeune et les structures d'accueil",
        )
    run: list[date] = []
    worst: list[date] = []
    lines = sorted((p for p in d.assiduite if p.date <= today), key=lambda p: (p.date, p.index))
    for line in lines:
        run = [*run, line.date] if line.statut == "absent" else []
        if len(run) >= s.absences_consecutives_max and run[-1] >= start:
            worst = run
    if worst:
        yield _alert(
            st,
            "A6",
            f"{len(worst)} absences non justifiées d'affilée ({', '.join(fr(x) for x in worst)})",
            Actor.REFERENT,
            today,
            ("suivi", "assiduite"),
            "contacter le jeune et sa famille ; noter le motif des absences",
        )


def slot_dates(action: Action, slot: Creneau, start: date) -> list[date]:
    """Dates of a weekly slot within the action, from `start` on."""
    day = max(action.debut, start)
    day += timedelta(days=(slot.weekday - day.weekday()) % 7)
    out = []
    while day <= action.fin:
        out.append(day)
        day += timedelta(days=7)
    return out


def a7_holidays(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, etab = st.dossier, st.etablissement
    if st.etape not in PLANNING_STEPS or etab is None:
        return
    for action in d.actions:
        dates = sorted({x for c in action.creneaux for x in slot_dates(action, c, core.today)})
        if not dates:
            continue
        closed, gaps = core.calendar.closed_days(
            etab.zone_vacances, etab.jours_feries, dates[0], dates[-1]
        )
        hits = [(x, closed[x]) for x in dates if x in closed]
        where = ("parcours", "actions", action.index, "creneaux")
        if hits:
            listed = ", ".join(f"{fr(x)} ({c.name})" for x, c in hits)
            yield _alert(
                st,
                "A7",
                f"l'action « {action.intitule} » a des créneaux sans école "
                f"(vacances de la zone {etab.zone_vacances} ou jour férié) : {listed}",
                Actor.REFERENT,
                hits[0][0],
                where,
                "les jeunes gardent les congés scolaires : déplacer ou supprimer ces séances",
            )
        gap_years = {g.year for g in gaps}
        if any(x.year in gap_years for x in dates):
            yield _alert(
                st,
                "A7",
                f"créneaux de l'action « {action.intitule} » non vérifiés : "
                + "; ".join(sorted({g.message for g in gaps})),
                Actor.REFERENT,
                dates[0],
                where,
                "vérifier à la main les vacances et jours fériés de ces dates",
            )


def a8_overlaps(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d = st.dossier
    if st.etape not in PLANNING_STEPS:
        return
    for a, b in combinations(d.actions, 2):
        start, end = max(a.debut, b.debut, core.today), min(a.fin, b.fin)
        if start > end:
            continue
        for ca in a.creneaux:
            for cb in b.creneaux:
                if ca.jour != cb.jour or not (ca.debut < cb.fin and cb.debut < ca.fin):
                    continue
                common = [x for x in slot_dates(a, ca, start) if x <= end]
                if common:
                    yield _alert(
                        st,
                        "A8",
                        f"créneaux qui se chevauchent le {ca.jour} ({ca.debut:%H:%M}–"
                        f"{ca.fin:%H:%M} et {cb.debut:%H:%M}–{cb.fin:%H:%M}) entre "
                        f"« {a.intitule} » et « {b.intitule} », dès le {fr(common[0])}",
                        Actor.REFERENT,
                        common[0],
                        ("parcours", "actions", b.index, "creneaux"),
                        "revoir l'emploi du temps avec les structures",
                    )


def a9_bilan(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    if not enrolled(d, today):
        return
    fin = core.settings.dispositif(d.dispositif).fin(d.session)
    held = bilan_held(d, today) and d.bilan is not None and d.bilan.solution
    ended = today > fin or exit_date(d, today) is not None
    if ended and not held and st.etape is not Step.TERMINE:
        why = "sortie anticipée" if exit_date(d, today) else f"fin du parcours le {fr(fin)}"
        yield _alert(
            st,
            "A9",
            f"bilan à faire ({why}) : aucun bilan avec solution de sortie",
            Actor.REFERENT,
            fin,
            ("bilan",),
            "organiser l'entretien de bilan avec le conseiller et le jeune",
        )
    b = d.bilan
    if b and bilan_held(d, today):
        sent = b.transmis_chef_etablissement
        if st.etape is not Step.TERMINE and (not sent or sent > today):
            yield _alert(
                st,
                "A9",
                "bilan non transmis au chef d'établissement",
                Actor.REFERENT,
                fin,
                ("bilan",),
                "noter « transmis_chef_etablissement: AAAA-MM-JJ »",
            )
        if b.imilo_mis_a_jour is not True:
            yield _alert(
                st,
                "A9",
                "bilan non reporté dans I-Milo",
                Actor.CONSEILLER,
                fin,
                ("bilan",),
                "mettre à jour I-Milo puis noter « imilo_mis_a_jour: true »",
            )


def a10_france_travail(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d, today = st.dossier, core.today
    ei = d.entretien_information
    if st.etape in CLOSED or not ei or not info_held(d, today):
        return
    if ei.ft_inscrit and ei.ft_verifie is not True:
        disp = core.settings.dispositif(d.dispositif)
        yield _alert(
            st,
            "A10",
            "inscription à France Travail (ex-Pôle emploi) déclarée mais non vérifiée",
            Actor.CONSEILLER,
            disp.in_depth_due(ei.date),
            ("entretien_information", "france_travail"),
            "vérifier l'inscription, juger de l'utilité d'un double suivi, noter « verifie: true »",
        )


def a11_company_share(st: DossierStatus, core: Core) -> Iterator[Problem]:
    d = st.dossier
    if st.etape in CLOSED or not d.inscription:
        return
    disp = core.settings.dispositif(d.dispositif)
    end = min(programme_end(d) or disp.fin(d.session), disp.fin(d.session))
    length = (end - d.inscription.date).days + 1
    placements = [a for a in d.actions if a.type in COMPANY_PLACEMENTS]
    if length <= 0 or not placements:
        return
    days: set[date] = set()
    for a in placements:
        # Only the days within the programme count (a placement may be planned beyond it).
        start, stop = max(a.debut, d.inscription.date), min(a.fin, end)
        days.update(start + timedelta(days=i) for i in range((stop - start).days + 1))
    share = disp.part_max_stages_entreprise
    if len(days) > share * length:
        first = min(placements, key=lambda a: a.debut)
        yield _alert(
            st,
            "A11",
            f"stages en entreprise sur {len(days)} jours pour un parcours de {length} jours : "
            f"plus des {share.numerator}/{share.denominator} autorisés (arrêté du 18 juillet "
            "2023, art. 3)",
            Actor.REFERENT,
            first.debut,
            ("parcours", "actions", first.index),
            "raccourcir les stages ou ajouter d'autres actions",
        )


ALERTS: tuple[Alert, ...] = (
    a1_in_depth_interview,
    a2_enrolment_deadline,
    a3_re_enrolment_offer,
    a4_enrolment_incomplete,
    a5_check_in,
    a6_attendance,
    a7_holidays,
    a8_overlaps,
    a9_bilan,
    a10_france_travail,
    a11_company_share,
)

ALERT_TITLES = {
    "A1": "Entretien approfondi en retard",
    "A2": "Date limite d'inscription",
    "A3": "Réinscription non proposée",
    "A4": "Inscription incomplète",
    "A5": "Point de suivi en retard",
    "A6": "Assiduité insuffisante",
    "A7": "Créneau pendant les vacances ou un jour férié",
    "A8": "Créneaux qui se chevauchent",
    "A9": "Bilan à faire ou à compléter",
    "A10": "France Travail non vérifié",
    "A11": "Trop de stages en entreprise",
}


def alerts(st: DossierStatus, core: Core) -> Iterator[Problem]:
    for alert in ALERTS:
        yield from alert(st, core)


__all__ = ["ALERTS", "ALERT_TITLES", "Dossier", "alerts", "slot_dates"]
