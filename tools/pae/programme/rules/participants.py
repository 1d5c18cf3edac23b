"""Who took part in the interviews: warnings, not errors (the interview did take place)."""

from __future__ import annotations

from collections.abc import Iterator

from pae.codes import Code
from pae.labels import fr
from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.facts import bilan_held, in_depth_held
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


def w2_bilan_without_the_young_person(d: Dossier, ctx: Context) -> Iterator[Problem]:
    """The bilan is held by the référent with the conseiller and the young person
    (vademecum, § 5): once held, the young person is among its participants, or the
    dossier says why not."""
    b = d.bilan
    if b is None or b.date is None or not bilan_held(d, ctx.today):
        return
    if "jeune" in b.participants or b.absence_jeune:
        return
    yield Problem(
        Code.W2,
        d.file,
        f"bilan du {fr(b.date)} sans le jeune parmi les participants",
        ("bilan", "participants") if b.participants else ("bilan",),
        hint="l'entretien de bilan se tient avec le jeune (vademecum, § 5) : ajouter jeune aux "
        "participants, ou noter pourquoi il était absent (« absence_jeune: … »)",
    )
