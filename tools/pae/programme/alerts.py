"""Alerts: a valid dossier where someone must act; one function per alert.

The calendar alerts (A7, A8) are in `timetable_alerts`, those of the programme's end (A9,
A12, A13) in `closing_alerts`; what each alert reads of the dossier is a predicate of
`facts`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

from pae.codes import Actor, Code
from pae.labels import fr
from pae.problems import Problem
from pae.programme.clock import (
    attendance_window_start,
    check_in_due,
    in_depth_due,
    rentree,
    school_days,
)
from pae.programme.closing_alerts import a9_bilan, a12_late_bilan, a13_handover
from pae.programme.context import Context
from pae.programme.facts import (
    accepted,
    attendance_counts,
    company_placement_spans,
    enrolled,
    in_depth_actor,
    in_depth_held,
    info_held,
    is_company_placement,
    last_check_in,
    programme_end,
    programme_start,
    re_enrolment_offered,
    unexcused_absence_run,
)
from pae.programme.steps import CLOSED, IN_PROGRAMME, Step
from pae.programme.timetable_alerts import a7_holidays, a8_overlaps, alert
from pae.records.dossier import Dossier

Alert = Callable[[Dossier, Step, Context], Iterator[Problem]]


def a1_in_depth_interview(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    ei = d.entretien_information
    if etape in CLOSED or not ei or not info_held(d, today) or in_depth_held(d, today):
        return
    if ei.decision in ("refus", "reinscription_diplome"):
        return
    disp = ctx.settings.dispositif(d.dispositif)
    due = in_depth_due(ctx, d, ei.date)
    if today > due:
        actor = in_depth_actor(d, today)
        yield alert(
            d,
            Code.A1,
            f"entretien approfondi en retard : à tenir dans les "
            f"{disp.delai_entretien_approfondi_jours_ecole} jours d'école après l'entretien "
            f"d'information du {fr(ei.date)}, soit le {fr(due)} au plus tard",
            actor,
            due,
            ("entretien_information", "date"),
            "fixer l'entretien avec le conseiller de la mission locale et le noter dans "
            "« entretien_approfondi »",
        )


def a2_enrolment_deadline(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    if etape in CLOSED or enrolled(d, today) or not accepted(d, today):
        return
    limite = ctx.settings.dispositif(d.dispositif).limite(d.session)
    if today < limite - timedelta(days=ctx.settings.horizon_alerte_jours):
        return
    if today <= limite:
        days = (limite - today).days
        when = "aujourd'hui" if days == 0 else f"dans {days} jour{'s' if days > 1 else ''}"
        message = f"inscription à faire au plus tard le {fr(limite)} ({when})"
        hint = "inscrire le jeune sous le MEF PAE et désigner son référent"
    else:
        message = f"date limite d'inscription du {fr(limite)} dépassée sans inscription"
        hint = "statuer avec le jeune (refus, réinscription) et l'orienter vers la mission locale"
    yield alert(d, Code.A2, message, Actor.CHEF, limite, ("reperage",), hint)


def a3_re_enrolment_offer(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    if etape is Step.TERMINE or d.resultat != "ajourne":
        return
    if re_enrolment_offered(d, today):
        return
    limite = ctx.settings.dispositif(d.dispositif).limite(d.session)
    yield alert(
        d,
        Code.A3,
        "examen non obtenu : aucune proposition de réinscription notée dans les contacts",
        Actor.CHEF,
        limite,
        ("reperage",),
        "le chef d'établissement propose systématiquement une réinscription : l'ajouter aux "
        "« propositions » d'un contact",
    )


def a4_enrolment_incomplete(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    ins = d.inscription
    if etape in CLOSED or not ins or not enrolled(d, today):
        return
    due = ins.date + timedelta(days=ctx.settings.horizon_alerte_jours)
    if not ins.referent:
        yield alert(
            d,
            Code.A4,
            "aucun référent désigné",
            Actor.CHEF,
            due,
            ("inscription",),
            "désigner un professeur référent (« referent »)",
        )
    if not ins.conseiller_ml:
        yield alert(
            d,
            Code.A4,
            "aucun conseiller de mission locale désigné",
            Actor.CONSEILLER,
            due,
            ("inscription",),
            "indiquer le conseiller (« conseiller_ml »)",
        )
    if ins.dossier_imilo is not True:
        yield alert(
            d,
            Code.A4,
            "dossier I-Milo non ouvert ou non rattaché au parcours",
            Actor.CONSEILLER,
            due,
            ("inscription",),
            "ouvrir le dossier I-Milo puis noter « dossier_imilo: true »",
        )


def a5_check_in(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    last = last_check_in(d, today)
    if etape not in IN_PROGRAMME or last is None:
        return
    interval = ctx.settings.intervalle_points_jours_ecole
    # School days only: the holidays stop the clock (a first day back is one day more).
    elapsed = school_days(ctx, d).count(last, today)
    if elapsed > interval:
        yield alert(
            d,
            Code.A5,
            f"pas de point de suivi depuis le {fr(last)} ({elapsed} jours d'école ; "
            f"un point tous les {interval} jours d'école au plus)",
            Actor.REFERENT,
            check_in_due(ctx, d, last),
            ("suivi",),
            "faire le point avec le jeune et le noter dans « suivi.points »",
        )


def a6_attendance(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    today, s = ctx.today, ctx.settings
    if etape not in IN_PROGRAMME:
        return
    start = attendance_window_start(ctx, d)
    present, counted = attendance_counts(d, start, today)
    # Integers: in floating point 29/50 is 57.999… %, which is not below 58 %.
    if counted and present * 100 < s.seuil_assiduite_pourcent * counted:
        rate = present / counted
        yield alert(
            d,
            Code.A6,
            f"assiduité de {round(rate * 100)} % sur les {s.fenetre_assiduite_semaines} "
            f"dernières semaines d'école (seuil : {s.seuil_assiduite_pourcent} %)",
            Actor.REFERENT,
            today,
            ("suivi", "assiduite"),
            "faire le point avec le jeune et les structures d'accueil",
        )
    worst = unexcused_absence_run(d, today, s.absences_consecutives_max, start)
    if worst:
        listed = ", ".join(fr(p.date) for p in worst)
        yield alert(
            d,
            Code.A6,
            f"{len(worst)} absences non justifiées d'affilée ({listed})",
            Actor.REFERENT,
            today,
            ("suivi", "assiduite"),
            "contacter le jeune et sa famille ; noter le motif des absences",
        )


def a10_france_travail(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    """The conseiller checks a declared France Travail registration, then decides whether a
    double follow-up is useful (vademecum, § 2)."""
    today = ctx.today
    ei = d.entretien_information
    if etape in CLOSED or not ei or not info_held(d, today) or not ei.ft_inscrit:
        return
    due = in_depth_due(ctx, d, ei.date)
    where = ("entretien_information", "france_travail")
    if ei.ft_verifie is not True:
        yield alert(
            d,
            Code.A10,
            "inscription à France Travail (ex-Pôle emploi) déclarée mais non vérifiée",
            Actor.CONSEILLER,
            due,
            where,
            "vérifier l'inscription, juger de l'utilité d'un double suivi, noter « verifie: true »",
        )
    elif ei.ft_double_suivi is None:
        yield alert(
            d,
            Code.A10,
            "inscription à France Travail (ex-Pôle emploi) vérifiée, sans décision sur le "
            "double suivi",
            Actor.CONSEILLER,
            due,
            where,
            "juger avec le jeune de l'utilité d'un double suivi mission locale et France "
            "Travail, puis noter « double_suivi: true » ou « double_suivi: false »",
        )


def a11_company_share(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    start = programme_start(d, rentree(ctx, d))
    if etape in CLOSED or not d.inscription or start is None:
        return
    disp = ctx.settings.dispositif(d.dispositif)
    end = min(programme_end(d) or disp.fin(d.session), disp.fin(d.session))
    placements = [a for a in d.actions if is_company_placement(a)]
    calendar = school_days(ctx, d)
    length = calendar.count(start - timedelta(days=1), end)
    if length <= 0 or not placements:
        return
    # Only the school days within the programme count (a placement may be planned beyond
    # it; young people keep the school holidays).
    spans = company_placement_spans(d, start, end)
    days = sum(calendar.count(first - timedelta(days=1), last) for first, last in spans)
    share = disp.part_max_stages_entreprise
    if days > share * length:
        first = min(placements, key=lambda a: a.debut)
        yield alert(
            d,
            Code.A11,
            f"stages en entreprise sur {days} jours d'école pour un parcours de {length} "
            f"jours d'école : plus des {share.numerator}/{share.denominator} autorisés (arrêté "
            "du 18 juillet 2023, art. 3)",
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
    a12_late_bilan,
    a13_handover,
)


def alerts(d: Dossier, etape: Step, ctx: Context) -> Iterator[Problem]:
    for check in ALERTS:
        yield from check(d, etape, ctx)
