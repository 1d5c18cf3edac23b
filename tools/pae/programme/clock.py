"""The programme's clock for one dossier: the rentrée of its session and the school days of
its lycée (zone of school holidays, region of public holidays). docs/rules.md, « Dates ».

Every deadline or window counted in school days reads them here; the dates themselves
(enrolment, actions, check-ins) are facts of the dossier (`facts`).
"""

from __future__ import annotations

from datetime import date

from pae.programme.context import Context
from pae.programme.school_calendar import SchoolDays
from pae.records.dossier import Dossier


def school_days(ctx: Context, d: Dossier) -> SchoolDays:
    """The school days of the dossier's lycée (weekdays and public holidays of metropolitan
    France when the lycée is unknown)."""
    etab = ctx.network.etablissements.get(d.etablissement)
    if etab is None:
        return ctx.calendar.school_days(None, None)
    return ctx.calendar.school_days(etab.zone_vacances, etab.jours_feries)


def rentree(ctx: Context, d: Dossier) -> date:
    """The rentrée of the dossier's session: the settings' date for that session, else the
    first school day after the summer break of the lycée's zone, else the default day."""
    settings = ctx.settings
    if d.session in settings.rentrees:
        return settings.rentrees[d.session]
    etab = ctx.network.etablissements.get(d.etablissement)
    known = ctx.calendar.rentree(etab.zone_vacances, etab.jours_feries, d.session) if etab else None
    return known or date(d.session, *settings.rentree_par_defaut)


SCHOOL_WEEK = 5
"""School days in a week of school (the attendance window is counted in such weeks)."""


def in_depth_due(ctx: Context, d: Dossier, information_interview: date) -> date:
    """Last day for the in-depth interview: the N-th school day after the information
    interview (a July interview counts its week from the rentrée)."""
    delay = ctx.settings.dispositif(d.dispositif).delai_entretien_approfondi_jours_ecole
    return school_days(ctx, d).after(information_interview, delay)


def check_in_due(ctx: Context, d: Dossier, last: date) -> date:
    """Last day for the next check-in: N school days after the last one."""
    return school_days(ctx, d).after(last, ctx.settings.intervalle_points_jours_ecole)


def attendance_window_start(ctx: Context, d: Dossier) -> date:
    """First day of the recent-attendance window: the last N weeks of school up to today."""
    weeks = ctx.settings.fenetre_assiduite_semaines
    return school_days(ctx, d).window_start(ctx.today, SCHOOL_WEEK * weeks)
