"""Nothing happens under school status before it begins (E10); no company placement
without its convention (E11).

The young person is under school status from the start of the programme (the later of the
enrolment and the rentrée) to its end (the early exit, else 31 December): without it,
there is no convention and no cover for an action or a placement. After an early exit,
E9 refuses what comes later.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pae.codes import Code
from pae.labels import fr
from pae.problems import Problem
from pae.programme.clock import rentree
from pae.programme.context import Context
from pae.programme.facts import is_company_placement, programme_start
from pae.records.dossier import Dossier

_NO_STATUS = "sans statut scolaire, ni convention ni couverture"
_RENTREE_HINT = "la date de rentrée se règle dans records/parametres.yaml (calendrier.rentrees)"


def e10_school_status(d: Dossier, ctx: Context) -> Iterator[Problem]:
    school_year = rentree(ctx, d)
    # With an enrolment, the start of the programme; without one, actions are plans, but
    # never before the rentrée.
    start = programme_start(d, school_year) if d.inscription else None
    start = start or school_year
    if d.inscription and start > school_year:
        before = f"avant l'inscription du {fr(start)}"
        fix = f"au {fr(start)} au plus tôt, ou corriger la date d'inscription"
    else:
        before = f"avant la rentrée du {fr(start)}"
        fix = f"au {fr(start)} au plus tôt ({_RENTREE_HINT})"
    for a in d.actions:
        if a.debut < start:
            yield Problem(
                Code.E10,
                d.file,
                f"l'action {a.id} commence le {fr(a.debut)}, {before} : {_NO_STATUS}",
                ("parcours", "actions", a.index, "debut"),
                hint=f"décaler le début de l'action {fix}",
            )
    for p in d.assiduite:
        if d.inscription is None:
            yield _attendance(d, p.index, p.date, "alors que le jeune n'est pas inscrit", None)
        elif p.date < start:
            yield _attendance(d, p.index, p.date, before, fix)


def _attendance(d: Dossier, index: int, day: date, before: str, fix: str | None) -> Problem:
    return Problem(
        Code.E10,
        d.file,
        f"présence du {fr(day)} {before} : {_NO_STATUS}",
        ("suivi", "assiduite", index, "date"),
        hint=f"corriger la date de la présence {fix}"
        if fix
        else "noter d'abord l'inscription (section « inscription »), ou retirer la présence",
    )


def e11_placement_convention(d: Dossier, ctx: Context) -> Iterator[Problem]:
    """A company placement needs a convention signed by its first day, once it has begun
    (a placement still ahead may wait for its signature)."""
    for a in d.actions:
        if not is_company_placement(a):
            continue
        signed = a.convention.date_signature if a.convention else None
        if signed is None and a.debut <= ctx.today:
            yield Problem(
                Code.E11,
                d.file,
                f"stage en entreprise « {a.intitule} » commencé le {fr(a.debut)} sans "
                "convention signée",
                ("parcours", "actions", a.index),
                hint="noter la convention signée avant le premier jour : « convention: "
                "{date_signature: AAAA-MM-JJ, reference: …} » ; sans convention, pas de stage",
            )
        elif signed is not None and signed > a.debut:
            yield Problem(
                Code.E11,
                d.file,
                f"convention signée le {fr(signed)}, après le début du stage « {a.intitule} » "
                f"le {fr(a.debut)}",
                ("parcours", "actions", a.index, "convention", "date_signature"),
                hint="la convention est signée au plus tard le premier jour du stage : corriger "
                "la date de signature ou le début du stage",
            )
