"""One page per lycée, per référent ("Mes jeunes"), per mission locale, and the local offer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pae.codes import Actor, Code
from pae.labels import OUTCOME_LABELS, fr
from pae.problems import Problem
from pae.programme.cohort import breakdown
from pae.programme.deadlines import Due
from pae.programme.facts import last_check_in
from pae.programme.status import DossierStatus, conseiller_todo
from pae.programme.steps import IN_PROGRAMME, Step
from pae.records.dossier import Action
from pae.records.reference import Etablissement, MissionLocale, Offre, Referent
from pae.site.context import Site, href
from pae.site.escape import mailto
from pae.site.overview import table_context
from pae.site.render import render

BILAN_DUES = (Due.BILAN, Due.TRANSMISSION_BILAN)


def _positive_rate(group: list[DossierStatus]) -> float | None:
    """The cohort's own figure (`Breakdown.positive_rate`) for one group of dossiers."""
    rows = breakdown(group, lambda st: "", str)
    return rows[0].positive_rate if rows else None


def alert_items(
    site: Site, group: list[DossierStatus], actor: Actor | None = None
) -> list[tuple[Problem, str]]:
    items = [
        (a, site.name(st.dossier))
        for st in group
        for a in st.alertes
        if actor is None or a.actor is actor
    ]
    items.sort(key=lambda item: (item[0].due or date.max, item[0].code))
    return items


# --- lycées -----------------------------------------------------------------------------


def lycee_pages(site: Site) -> Iterator[tuple[str, str]]:
    rows = []
    for uai, etab in sorted(
        site.ctx.network.etablissements.items(), key=lambda i: i[1].nom.casefold()
    ):
        group = site.by_lycee.get(uai, [])
        page = site.lycee_page(uai)
        yield page, _lycee(site, etab, group)
        rows.append(
            {
                "link": site.link("lycees/index.md", page, etab.nom),
                "commune": etab.commune,
                "total": len(group),
                "in_programme": sum(st.etape in IN_PROGRAMME for st in group),
                "alerts": sum(len(st.alertes) for st in group),
                "positive": _positive_rate(group),
            }
        )
    yield "lycees/index.md", render("lycees.md.j2", rows=rows)


def _lycee(site: Site, etab: Etablissement, group: list[DossierStatus]) -> str:
    page = site.lycee_page(etab.uai)
    horizon = site.ctx.settings.horizon_echeances_jours
    context = table_context(site, page, group)
    context["show_lycee"] = False
    return render(
        "lycee.md.j2",
        **context,
        etab=etab,
        edit_url=site.forge.edit(etab.file),
        ml=site.ctx.network.missions_locales.get(etab.mission_locale),
        calendar=href(page, "echeancier.md"),
        chef_calendar=href(page, site.chef_calendar(etab.uai)),
        in_programme=sum(st.etape in IN_PROGRAMME for st in group),
        positive=_positive_rate(group),
        horizon=horizon,
        due=site.due(group, horizon),
        alert_items=alert_items(site, group),
    )


# --- référents --------------------------------------------------------------------------


def referents(site: Site) -> list[tuple[Etablissement, Referent]]:
    out: list[tuple[Etablissement, Referent]] = []
    for etab in sorted(site.ctx.network.etablissements.values(), key=lambda e: e.nom.casefold()):
        out.extend((etab, r) for r in sorted(etab.referents, key=lambda r: r.nom.casefold()))
    return out


def referent_pages(site: Site) -> Iterator[tuple[str, str]]:
    rows = []
    for etab, ref in referents(site):
        group = site.by_referent.get((etab.uai, ref.id), [])
        page = site.referent_page(etab.uai, ref.id)
        yield page, _referent(site, etab, ref, group)
        mine = [dl for st in group for dl in st.deadlines if dl.actor is Actor.REFERENT]
        next_due = min(mine, key=lambda dl: dl.date, default=None)
        rows.append(
            {
                "link": site.link("referents/index.md", page, ref.nom),
                "lycee": site.lycee_link("referents/index.md", etab.uai),
                "total": len(group),
                "alerts": len(alert_items(site, group, Actor.REFERENT)),
                "next": f"{fr(next_due.date)} · {next_due.what}" if next_due else "—",
            }
        )
    yield "referents/index.md", render("referents.md.j2", rows=rows)


def _bilans_to_write(group: list[DossierStatus]) -> list[tuple[DossierStatus, str, date]]:
    out: list[tuple[DossierStatus, str, date]] = []
    for st in group:
        if st.etape is not Step.BILAN and not any(a.code is Code.A9 for a in st.alertes):
            continue
        for dl in st.deadlines:
            if dl.kind in BILAN_DUES and dl.actor is Actor.REFERENT:
                out.append((st, dl.what, dl.date))
        out.extend(
            (st, a.message, a.due)
            for a in st.alertes
            if a.code is Code.A9 and a.actor is Actor.REFERENT and a.due
        )
    unique = {(st.dossier.id, what): (st, what, when) for st, what, when in out}
    return sorted(unique.values(), key=lambda item: (item[2], item[0].dossier.id))


def _referent(site: Site, etab: Etablissement, ref: Referent, group: list[DossierStatus]) -> str:
    page = site.referent_page(etab.uai, ref.id)
    today = site.ctx.today
    check_ins = [
        (dl, st, last_check_in(st.dossier, today))
        for st in group
        for dl in st.deadlines
        if dl.kind is Due.POINT_SUIVI
    ]
    check_ins.sort(key=lambda item: item[0].date)
    context = table_context(site, page, group)
    context["show_lycee"] = False
    context["show_referent"] = False
    return render(
        "referent.md.j2",
        **context,
        ref=ref,
        uai=etab.uai,
        calendar=href(page, site.referent_calendar(etab.uai, ref.id)),
        check_ins=check_ins,
        bilans=_bilans_to_write(group),
        alert_items=alert_items(site, group, Actor.REFERENT),
    )


# --- missions locales -------------------------------------------------------------------


def ml_pages(site: Site) -> Iterator[tuple[str, str]]:
    rows = []
    for ident, ml in sorted(
        site.ctx.network.missions_locales.items(), key=lambda i: i[1].nom.casefold()
    ):
        group = site.by_ml.get(ident, [])
        page = site.ml_page(ident)
        held = interviews(group)
        imilo = _imilo(group)
        yield page, _ml(site, ml, group, held, imilo)
        rows.append(
            {
                "link": site.link("missions-locales/index.md", page, ml.nom),
                "conseillers": [
                    site.link("missions-locales/index.md", site.conseiller_page(ml.id, c.id), c.nom)
                    for c in ml.conseillers
                ],
                "total": len(group),
                "upcoming": sum(day > site.ctx.today for day, _, _ in held),
                "imilo": len(imilo),
                "alerts": len(alert_items(site, group, Actor.CONSEILLER)),
            }
        )
    yield "missions-locales/index.md", render("missions_locales.md.j2", rows=rows)


def interviews(group: list[DossierStatus]) -> list[tuple[date, str, DossierStatus]]:
    out = []
    for st in group:
        ei, ea = st.dossier.entretien_information, st.dossier.entretien_approfondi
        if ei:
            out.append((ei.date, "Entretien d'information", st))
        if ea and ea.date:
            out.append((ea.date, "Entretien approfondi", st))
    # Upcoming first (soonest first), then the past ones (latest first).
    return sorted(out, key=lambda item: (item[0].toordinal(), item[2].dossier.id), reverse=True)


def _imilo(group: list[DossierStatus]) -> list[tuple[DossierStatus, str, date]]:
    return [(st, a.message, a.due) for st, a in conseiller_todo(group) if a.due]


def _ml(
    site: Site,
    ml: MissionLocale,
    group: list[DossierStatus],
    held: list[tuple[date, str, DossierStatus]],
    imilo: list[tuple[DossierStatus, str, date]],
) -> str:
    page = site.ml_page(ml.id)
    today = site.ctx.today
    upcoming = sorted((i for i in held if i[0] > today), key=lambda i: i[0])
    past = [i for i in held if i[0] <= today]
    per = Counter(st.conseiller_id for st in group)
    alerts_per = Counter(
        st.conseiller_id for st in group for a in st.alertes if a.actor is Actor.CONSEILLER
    )
    outcomes = Counter(st.sortie for st in group)
    return render(
        "mission_locale.md.j2",
        site=site,
        page=page,
        ml=ml,
        edit_url=site.forge.edit(ml.file),
        today=today,
        lycees=sorted({st.dossier.etablissement for st in group} | _lycees_of(site, ml)),
        mail=mailto(ml.courriel, "AMBITION EMPLOI"),
        conseillers=[
            (site.link(page, site.conseiller_page(ml.id, c.id), c.nom), per[c.id], alerts_per[c.id])
            for c in ml.conseillers
        ],
        unassigned=sum(n for ident, n in per.items() if ml.conseiller(ident) is None),
        interviews=[*upcoming, *past],
        imilo=imilo,
        outcomes={k: outcomes.get(k, 0) for k in OUTCOME_LABELS},
        positive=_positive_rate(group),
    )


def _lycees_of(site: Site, ml: MissionLocale) -> set[str]:
    return {u for u, e in site.ctx.network.etablissements.items() if e.mission_locale == ml.id}


# --- offre locale ----------------------------------------------------------------------


@dataclass(frozen=True)
class OffreView:
    offre: Offre
    contact: str
    users: list[tuple[DossierStatus, Action]]


def offre_page(site: Site) -> str:
    views = []
    for offre in sorted(site.ctx.network.offres.values(), key=lambda o: o.nom.casefold()):
        contact = " · ".join(v for v in (offre.contact or {}).values() if v)
        users = sorted(site.offre_users.get(offre.id, []), key=lambda u: u[1].debut)
        views.append(OffreView(offre, contact, users))
    return render("offre.md.j2", site=site, page="offre.md", offres=views)
