"""The pages about everyone: dashboard, cohort table, cohort bilan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pae.campaign.indicators import indicators
from pae.labels import OUTCOME_LABELS
from pae.programme.facts import enrolled as is_enrolled
from pae.programme.status import POSITIVE, DossierStatus
from pae.programme.steps import FUNNEL, IN_PROGRAMME, Step
from pae.reports.indicators import shown
from pae.site import alert_filters, charts
from pae.site.context import Site, href
from pae.site.escape import Markup
from pae.site.render import render

STEP_ORDER = {step: i for i, step in enumerate((*FUNNEL, Step.NON_INSCRIT))}
IN_PROGRAMME_FILTER = ",".join(IN_PROGRAMME)
"""The cohort filter (and `#etape=` link) showing the young people enrolled or in programme."""
OUTCOME_TONES = {
    **dict.fromkeys(POSITIVE, "positive"),
    "parcours_insertion": "neutral",
    "sans_solution": "negative",
    "non_renseignee": "muted",
}


def scope(site: Site) -> str:
    uai = site.options.etablissement
    return site.lycee_name(uai) if uai else ""


def table_context(site: Site, page: str, rows: list[DossierStatus]) -> dict[str, Any]:
    """What `_cohort_table.html.j2` needs."""
    present = {st.etape for st in rows}
    codes, people = alert_filters.options(site, rows)
    return {
        "alert_codes": codes,
        "alert_people": people,
        "row_codes": alert_filters.codes,
        "row_people": lambda st: alert_filters.tokens(site, st),
        "site": site,
        "page": page,
        "rows": rows,
        "steps": [s for s in STEP_ORDER if s in present],
        "step_filter": IN_PROGRAMME_FILTER if present & set(IN_PROGRAMME) else None,
        "step_order": STEP_ORDER,
        "show_lycee": len(site.by_lycee) > 1,
        "show_referent": True,
        "today": site.ctx.today,
        "scope": scope(site),
    }


@dataclass(frozen=True)
class LyceeCard:
    name: str
    commune: str
    href: str
    total: int
    in_programme: int
    alerts: int
    due: int
    steps: list[tuple[Step, int]]


def dashboard(site: Site, intro: str) -> str:
    page = "index.md"
    f = site.figures
    horizon = site.ctx.settings.horizon_echeances_jours
    due = site.due(site.statuses, horizon)
    cards = []
    for uai in sorted(site.by_lycee, key=lambda u: site.lycee_name(u).casefold()):
        group = site.by_lycee[uai]
        etab = site.lycee(uai)
        cards.append(
            LyceeCard(
                site.lycee_name(uai),
                etab.commune if etab else "",
                href(page, site.lycee_page(uai)) if etab else "#",
                len(group),
                sum(st.etape in IN_PROGRAMME for st in group),
                sum(len(st.alertes) for st in group),
                len(site.due(group, horizon)),
                [(s, sum(st.etape is s for st in group)) for s in STEP_ORDER],
            )
        )
    funnel = charts.funnel("pae-entonnoir", "Entonnoir du repérage au bilan", f.funnel)
    return render(
        "dashboard.md.j2",
        site=site,
        page=page,
        f=f,
        intro=Markup(intro),
        today=site.ctx.today,
        scope=scope(site),
        invalid=site.invalid,
        flawed=[st for st in site.statuses if st.errors],
        in_programme=sum(f.by_step.get(s, 0) for s in IN_PROGRAMME),
        # The funnel's "Inscrits": everyone enrolled by today (the same predicate).
        enrolled_ever=sum(is_enrolled(st.dossier, site.ctx.today) for st in site.statuses),
        alert_count=sum(f.alerts_by_code.values()),
        horizon=horizon,
        due=due,
        show_lycee=len(site.by_lycee) > 1,
        funnel_chart=Markup(funnel),
        steps=[(s, f.by_step.get(s, 0)) for s in STEP_ORDER],
        actors=sorted(f.alerts_by_actor.items(), key=lambda item: -item[1]),
        alerts_by_code=alert_filters.by_code(site, f.alerts_by_code),
        alerts_by_person=alert_filters.by_person(site),
        lycees=cards,
        links={
            "cohorte": href(page, "cohorte.md"),
            "bilans": href(page, "bilans/index.md"),
            "edition": href(page, "edition/"),
        },
        in_programme_filter=IN_PROGRAMME_FILTER,
    )


def cohort(site: Site) -> str:
    return render("cohorte.md.j2", **table_context(site, "cohorte.md", site.statuses))


def cohort_bilan(site: Site) -> str:
    page = "bilans/index.md"
    f = site.figures
    bars = [
        charts.Bar(OUTCOME_LABELS[k], n, str(n), OUTCOME_TONES.get(k, "primary"))
        for k, n in f.outcomes.items()
    ]
    chart = charts.hbars("pae-sorties", "Solutions de sortie", bars)
    today = site.ctx.today
    enrolled = [st for st in site.statuses if is_enrolled(st.dossier, today)]
    sessions = {st.dossier.session for st in site.statuses}
    figures = indicators(site.statuses, site.ctx, sessions.pop() if len(sessions) == 1 else None)
    return render(
        "bilans.md.j2",
        site=site,
        page=page,
        f=f,
        today=site.ctx.today,
        scope=scope(site),
        # Every dossier has a level: the levels' known outcomes are the cohort's.
        closed=sum(b.closed for b in f.by_level),
        outcomes_chart=Markup(chart),
        outcome_labels=OUTCOME_LABELS,
        enrolled=enrolled,
        ind=figures,
        indicator=shown,
        lycees=sorted(site.by_lycee, key=lambda u: site.lycee_name(u).casefold()),
        show_lycee=len(site.by_lycee) > 1,
    )
