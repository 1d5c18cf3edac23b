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
