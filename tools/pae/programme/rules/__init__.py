"""Errors (E) and warnings (W) beyond the schema: one function per rule, each naming its
code."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pae.problems import Problem
from pae.programme.context import Context
from pae.programme.rules.chronology import e7_end_of_programme, e8_chronology, e9_consistency
from pae.programme.rules.eligibility import (
    MEF_BY_DIPLOMA,
    e4_eligibility,
    e5_mef,
    e6_enrolment_deadline,
)
from pae.programme.rules.participants import (
    w1_in_depth_participants,
    w2_bilan_without_the_young_person,
)
from pae.programme.rules.references import (
    bad_uai,
    check_reference,
    duplicate_ids,
    e1_uai,
    e2_references,
    e3_placement,
    uai_key,
)
from pae.programme.rules.school_status import e10_school_status, e11_placement_convention
from pae.records.dossier import Dossier

DossierRule = Callable[[Dossier, Context], Iterator[Problem]]

DOSSIER_RULES: tuple[DossierRule, ...] = (
    e1_uai,
    e2_references,
    e3_placement,
    e4_eligibility,
    e5_mef,
    e6_enrolment_deadline,
    e7_end_of_programme,
    e8_chronology,
    e9_consistency,
    e10_school_status,
    e11_placement_convention,
    w1_in_depth_participants,
    w2_bilan_without_the_young_person,
)


def check_network(ctx: Context, dossiers: list[Dossier] | None = None) -> list[Problem]:
    """Every E- and W-rule on the reference data and the given dossiers (all by default)."""
    problems = list(check_reference(ctx))
    chosen = ctx.network.dossiers if dossiers is None else dossiers
    for d in chosen:
        for rule in DOSSIER_RULES:
            problems.extend(rule(d, ctx))
    problems.extend(duplicate_ids(ctx, chosen))
    return problems


__all__ = [
    "DOSSIER_RULES",
    "MEF_BY_DIPLOMA",
    "DossierRule",
    "bad_uai",
    "check_network",
    "check_reference",
    "uai_key",
]
