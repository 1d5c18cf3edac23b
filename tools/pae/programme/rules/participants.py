"""Who took part in the interviews: warnings, not errors (the interview did take place)."""

from __future__ import annotations

from collections.abc import Iterator

from pae.codes import Code
from pae.labels import fr
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.facts import in_depth_held
from pae.records.dossier import Dossier

_MISSING = {
    ("referent",): "sans le référent",
    ("conseiller_ml",): "sans le conseiller de la mission locale",
    ("referent", "conseiller_ml"): "sans le référent ni le conseiller de la mission locale",
}


def w1_in_depth_participants(d: Dossier, ctx: Context) -> Iterator[Problem]:
    """The référent prepares and holds the in-depth interview with the conseiller
    (vademecum, § 4): once it is held, both should be among its participants."""
    ea = d.entretien_approfondi
    if ea is None or ea.date is None or not in_depth_held(d, ctx.today):
        return
    missing = tuple(who for who in ("referent", "conseiller_ml") if who not in ea.participants)
    if missing:
        where = ("entretien_approfondi", "participants") if ea.participants else ()
        yield Problem(
            Code.W1,
            d.file,
            f"entretien approfondi du {fr(ea.date)} {_MISSING[missing]} parmi les participants",
            where or ("entretien_approfondi",),
            hint="le professeur référent mène l'entretien approfondi avec le conseiller de la "
            "mission locale (vademecum, § 4) : ajouter "
            + " et ".join(missing)
            + " aux participants s'ils étaient présents",
        )
