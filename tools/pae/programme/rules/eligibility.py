"""Who may be enrolled, under which MEF and until when: E4, E5, E6."""

from __future__ import annotations

from collections.abc import Iterator

from pae.codes import Code
from pae.labels import DIPLOMA_LABELS, fr
from pae.problems import Problem
from pae.programme.context import Context
from pae.records.dossier import Dossier

MEF_BY_DIPLOMA = {"cap": "pae_n3", "bac_pro": "pae_n4", "bma": "pae_n4", "dtms": "pae_n4"}


def e4_eligibility(d: Dossier, ctx: Context) -> Iterator[Problem]:
    if d.inscription and not d.volontaire:
        yield Problem(
            Code.E4,
            d.file,
            "un jeune inscrit doit être volontaire (volontaire: true)",
            ("volontaire",),
            hint="le parcours ne concerne que des volontaires : corriger, ou retirer l'inscription",
        )


def e5_mef(d: Dossier, ctx: Context) -> Iterator[Problem]:
    expected = MEF_BY_DIPLOMA.get(d.diplome)
    if d.inscription and expected and d.inscription.mef != expected:
        yield Problem(
            Code.E5,
            d.file,
            f"MEF « {d.inscription.mef} » incompatible avec le diplôme {DIPLOMA_LABELS[d.diplome]}",
            ("inscription", "mef"),
            hint=f"un jeune issu de {DIPLOMA_LABELS[d.diplome]} est inscrit en {expected}",
        )


def e6_enrolment_deadline(d: Dossier, ctx: Context) -> Iterator[Problem]:
    limite = ctx.settings.dispositif(d.dispositif).limite(d.session)
    if d.inscription and d.inscription.date > limite:
        yield Problem(
            Code.E6,
            d.file,
            f"inscription le {fr(d.inscription.date)}, après la date limite du {fr(limite)}",
            ("inscription", "date"),
            hint="l'inscription n'est plus possible après cette date : corriger la date "
            "ou retirer l'inscription",
        )
