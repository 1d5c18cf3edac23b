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
from pae.records.lenient import Partial

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


PARTIAL_RULES: tuple[DossierRule, ...] = (e1_uai, e2_references, e3_placement)
"""The rules that still run on a dossier that fails its schema, read as far as it can be
(`records/lenient.py`): references and identity do not depend on the rest of the file."""


NEEDS: dict[tuple[str, ...], str] = {("suivi", "assiduite"): "parcours"}
"""What a partial rule reads elsewhere: an attendance line names an action of the plan."""
IDENTITY = ("id", "session", "etablissement")


def check_partial(ctx: Context, partial: list[Partial], found: list[Problem]) -> list[Problem]:
    """The partial rules on these schema-invalid dossiers, so that one round of `pae
    valider` reports everything. A problem where the schema already points is not said
    twice: its hint (the people one may name, with their ids) goes to the schema's. Not
    run when the schema refuses the dossier's identity (id, session, lycée)."""
    by_file: dict[str, list[Problem]] = {}
    for p in found:
        by_file.setdefault(p.file, []).append(p)
    out: list[Problem] = []
    for item in partial:
        d = item.dossier
        schema = by_file.get(d.file, [])
        if any(s.path[:1] and s.path[0] in IDENTITY for s in schema):
            continue
        for problem in _safely(d, ctx):
            if any(problem.path[: len(k)] == k and v in item.dropped for k, v in NEEDS.items()):
                continue
            same = [s for s in schema if s.path and _overlap(s.path, problem.path)]
            if not same:
                out.append(problem)
            for s in same:
                if s.path == problem.path and problem.hint:
                    s.hint = problem.hint
    return out


def _safely(d: Dossier, ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    for rule in PARTIAL_RULES:
        try:
            out.extend(rule(d, ctx))
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            continue  # a value of the wrong type: the schema's message says it
    return out


def _overlap(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]
