"""One page per dossier, and its one-page printable bilan."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from pae.alerts import ALERT_TITLES
from pae.labels import fr
from pae.model import Conseiller, MissionLocale, Referent
from pae.pages import charts, timetable
from pae.pages.context import Site
from pae.pages.escape import Markup, mailto, md_escape
from pae.pages.render import render
from pae.status import IN_PROGRAMME, Deadline, DossierStatus, Step, attendance_rate


@dataclass(frozen=True)
class StepMark:
    label: str
    when: str
    state: str
    """done, current, planned or todo."""


def step_marks(st: DossierStatus, today: Any) -> list[StepMark]:
    """The programme's steps for the tracker at the top of the page."""
    d = st.dossier

    def mark(label: str, day: Any, fallback: str = "à venir") -> StepMark:
        if day is None:
            return StepMark(label, fallback, "todo")
        return StepMark(label, fr(day), "done" if day <= today else "planned")

    reached = [c.date for c in d.contacts]
    ei, ins, ea = d.entretien_information, d.inscription, d.entretien_approfondi
    starts = [a.debut for a in d.actions]
    marks = [
        mark("Repérage et contact", min(reached) if reached else None, "à contacter"),
        mark("Entretien d'information", ei.date if ei else None),
        mark("Inscription", ins.date if ins else None),
        mark("Entretien approfondi", ea.date if ea else None),
        mark("Parcours", min(starts) if starts else None),
        mark("Bilan", d.bilan.date if d.bilan else None),
    ]
    if st.etape is Step.NON_INSCRIT:
        return [*marks[:2], StepMark("Non inscrit", st.motif_non_inscription or "", "current")]
    # The first step not done is where the young person stands.
    for i, m in enumerate(marks):
        if m.state != "done":
            marks[i] = StepMark(m.label, m.when, "current" if m.state == "todo" else "planned")
            break
    return marks


def attendance_weeks(st: DossierStatus, site: Site) -> list[tuple[str, float | None]]:
    """Attendance of each of the last weeks (the alert window), oldest first."""
    today = site.core.today
    weeks = site.core.settings.fenetre_assiduite_semaines
    out = []
    for i in range(weeks - 1, -1, -1):
        end = today - timedelta(days=7 * i)
        start = end - timedelta(days=6)
        out.append((f"{fr(start)[:5]}–{fr(end)[:5]}", attendance_rate(st.dossier, start, end)))
    return out


def _structures(st: DossierStatus, site: Site, page: str | None) -> dict[str, Markup]:
    out = {}
    for a in st.dossier.actions:
        offre = site.core.network.offres.get(a.structure or "")
        if offre is not None:
            text = offre.nom
            out[a.id] = site.link(page, "offre.md", text) if page else Markup(md_escape(text))
        elif a.structure and a.structure == st.dossier.etablissement:
            out[a.id] = Markup(md_escape(site.lycee_name(a.structure)))
        else:
            out[a.id] = Markup(md_escape(a.structure or "—"))
    return out


def mail_to_ml(st: DossierStatus, site: Site) -> str | None:
    """A `mailto:` whose subject starts with AMBITION EMPLOI, as the vademecum asks."""
    ml = site.mission_locale(st)
    conseiller = site.conseiller(st)
    address = conseiller.courriel if conseiller else ml.courriel if ml else None
    if not address:
        return None
    return mailto(address, f"AMBITION EMPLOI — dossier {st.dossier.id}")


def has_bilan_page(st: DossierStatus) -> bool:
    """A bilan concerns the young people who were enrolled."""
    return st.dossier.inscription is not None


def _bilan_vars(view: BilanView) -> dict[str, Any]:
    return {
        "b_referent": view.referent,
        "b_conseiller": view.conseiller,
        "b_ml": view.ml,
        "b_structures": view.structures,
        "b_due": view.due,
    }


def dossier_page(site: Site, st: DossierStatus) -> str:
    d = st.dossier
    page = site.dossier_page(d)
    history = site.histories.of(d.file)
    history = [replace(c, message=site.redact(c.message)) for c in history]
    note = (
        "Pas encore d'historique : le fichier n'a pas encore été enregistré dans git."
        if site.histories.available
        else f"Historique indisponible : {site.histories.reason}."
    )
    weeks = attendance_weeks(st, site)
    threshold = site.core.settings.seuil_assiduite_pourcent
    chart = charts.columns(
        "pae-assiduite",
        f"Présence par semaine sur les {len(weeks)} dernières semaines",
        weeks,
        threshold / 100,
    )
    items = [(a, None) for a in sorted(st.alertes, key=lambda a: a.due or site.core.today)]
    return render(
        "dossier.md.j2",
        site=site,
        page=page,
        st=st,
        d=d,
        ident=d.raw.get("identite") or {},
        notes=(d.raw.get("examen") or {}).get("notes_conservees") or [],
        contacts=_contacts(st),
        ei=d.entretien_information,
        ins=d.inscription,
        ea=d.entretien_approfondi,
        b=d.bilan,
        ml=site.mission_locale(st),
        conseiller=site.conseiller(st),
        next=st.echeance,
        items=items,
        titles=ALERT_TITLES,
        today=site.core.today,
        steps=step_marks(st, site.core.today),
        colours=timetable.colours(d.actions),
        structures=_structures(st, site, page),
        grid=Markup(timetable.timetables(d.actions, site.core.today)),
        weeks=len(weeks),
        threshold=threshold,
        attendance_chart=Markup(chart),
        attendance_weeks=weeks,
        presences=sorted(
            (p for p in d.assiduite if p.statut != "present"),
            key=lambda p: (p.date, p.index),
            reverse=True,
        ),
        action_names={a.id: a.intitule for a in d.actions},
        edit_url=site.forge.edit(d.file),
        mail=mail_to_ml(st, site),
        has_bilan=has_bilan_page(st),
        **_bilan_vars(bilan_view(site, st)),
        history=history,
        history_note=note,
        in_programme=st.etape in IN_PROGRAMME,
    )


def _contacts(st: DossierStatus) -> list[tuple[Any, str | None]]:
    """Each contact with its free-text comment (kept in the raw record only)."""
    raw = (st.dossier.raw.get("reperage") or {}).get("contacts") or []
    return [(c, r.get("commentaire")) for c, r in zip(st.dossier.contacts, raw, strict=False)]


@dataclass(frozen=True)
class BilanView:
    """What the printable bilan of one young person shows beyond the dossier itself."""

    st: DossierStatus
    referent: Referent | None
    conseiller: Conseiller | None
    ml: MissionLocale | None
    structures: dict[str, Markup]
    due: Deadline | None


def bilan_view(site: Site, st: DossierStatus) -> BilanView:
    return BilanView(
        st,
        site.referent(st),
        site.conseiller(st),
        site.mission_locale(st),
        _structures(st, site, None),
        next((dl for dl in st.deadlines if "bilan" in dl.what), None),
    )


def bilans_page(site: Site, uai: str, group: list[DossierStatus]) -> str:
    """Every individual bilan of a lycée, one per printed page."""
    items = [bilan_view(site, st) for st in group if has_bilan_page(st)]
    return render("bilans_lycee.md.j2", site=site, uai=uai, items=items, today=site.core.today)
