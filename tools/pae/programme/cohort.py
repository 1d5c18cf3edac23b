"""Cohort figures for the dashboard, the cohort bilan and exports (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import median

from pae.codes import Actor, Code
from pae.labels import DIPLOMA_LABELS, OUTCOME_LABELS
from pae.programme.context import Context
from pae.programme.facts import (
    attendance_counts,
    bilan_held,
    enrolled,
    in_depth_held,
    info_held,
    reached_contacts,
    started,
)
from pae.programme.status import POSITIVE, DossierStatus
from pae.programme.steps import Step
from pae.records.dossier import Dossier


@dataclass(frozen=True)
class Breakdown:
    """Outcomes of one group of young people (a diploma, a level, a lycée, a référent)."""

    key: str
    label: str
    total: int
    outcomes: dict[str, int]
    positive: int
    closed: int
    """Young people whose outcome is known (bilan held, or left for a job or training)."""

    @property
    def positive_rate(self) -> float | None:
        return self.positive / self.closed if self.closed else None


@dataclass
class CohortFigures:
    total: int
    funnel: list[tuple[str, int]]
    by_step: dict[Step, int]
    alerts_by_code: dict[Code, int]
    alerts_by_actor: dict[Actor, int]
    outcomes: dict[str, int]
    by_diploma: list[Breakdown] = field(default_factory=list)
    by_level: list[Breakdown] = field(default_factory=list)
    by_lycee: list[Breakdown] = field(default_factory=list)
    by_referent: list[Breakdown] = field(default_factory=list)
    positive_rate: float | None = None
    median_contact_to_enrolment: float | None = None
    median_info_to_in_depth: float | None = None
    attendance_rate: float | None = None


def funnel(statuses: list[DossierStatus], ctx: Context) -> list[tuple[str, int]]:
    """Identified → contacted → information interview → enrolled → in programme → bilan."""
    today = ctx.today

    def count(test: Callable[[Dossier], bool]) -> int:
        return sum(1 for st in statuses if test(st.dossier))

    return [
        ("Repérés", len(statuses)),
        ("Contactés", count(lambda d: bool(reached_contacts(d, today)))),
        ("Entretien d'information", count(lambda d: info_held(d, today))),
        ("Inscrits", count(lambda d: enrolled(d, today))),
        ("En parcours", count(lambda d: started(d, today))),
        ("Bilan fait", count(lambda d: bilan_held(d, today))),
    ]


def breakdown(
    statuses: Iterable[DossierStatus],
    key: Callable[[DossierStatus], str | None],
    label: Callable[[str], str],
) -> list[Breakdown]:
    groups: dict[str, list[DossierStatus]] = {}
    for st in statuses:
        k = key(st)
        if k is not None:
            groups.setdefault(k, []).append(st)
    out = []
    for k in sorted(groups):
        members = groups[k]
        outcomes = Counter(st.sortie for st in members)
        closed = sum(n for o, n in outcomes.items() if o != "non_renseignee")
        positive = sum(n for o, n in outcomes.items() if o in POSITIVE)
        out.append(Breakdown(k, label(k), len(members), dict(outcomes), positive, closed))
    return out


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def cohort_figures(statuses: list[DossierStatus], ctx: Context) -> CohortFigures:
    today = ctx.today
    alerts = [a for st in statuses for a in st.alertes]
    outcomes = Counter(st.sortie for st in statuses)
    closed = sum(n for o, n in outcomes.items() if o != "non_renseignee")
    positive = sum(n for o, n in outcomes.items() if o in POSITIVE)
    to_enrolment, to_in_depth = [], []
    present = counted = 0
    for st in statuses:
        d = st.dossier
        ins, ei, ea = d.inscription, d.entretien_information, d.entretien_approfondi
        if ins and enrolled(d, today) and d.contacts:
            to_enrolment.append((ins.date - min(c.date for c in d.contacts)).days)
        if ei and ea and ea.date and in_depth_held(d, today):
            to_in_depth.append((ea.date - ei.date).days)
        here, lines = attendance_counts(d, None, today)
        present, counted = present + here, counted + lines
    etabs = ctx.network.etablissements

    def referent_label(key: str) -> str:
        uai, ident = key.split("/", 1)
        ref = etabs[uai].referent(ident) if uai in etabs else None
        return f"{ref.nom} ({uai})" if ref else ident

    def referent_key(st: DossierStatus) -> str | None:
        ins = st.dossier.inscription
        return f"{st.dossier.etablissement}/{ins.referent}" if ins and ins.referent else None

    return CohortFigures(
        total=len(statuses),
        funnel=funnel(statuses, ctx),
        by_step={s: sum(st.etape is s for st in statuses) for s in Step},
        alerts_by_code=dict(
            sorted(Counter(a.code for a in alerts).items(), key=lambda i: i[0].order)
        ),
        alerts_by_actor=dict(Counter(a.actor for a in alerts if a.actor)),
        outcomes={k: outcomes.get(k, 0) for k in OUTCOME_LABELS},
        by_diploma=breakdown(statuses, lambda st: st.dossier.diplome, DIPLOMA_LABELS.__getitem__),
        by_level=breakdown(statuses, lambda st: st.niveau, lambda k: k),
        by_lycee=breakdown(
            statuses,
            lambda st: st.dossier.etablissement,
            lambda k: etabs[k].nom if k in etabs else k,
        ),
        by_referent=breakdown(statuses, referent_key, referent_label),
        positive_rate=positive / closed if closed else None,
        median_contact_to_enrolment=_median(to_enrolment),
        median_info_to_in_depth=_median(to_in_depth),
        attendance_rate=present / counted if counted else None,
    )
