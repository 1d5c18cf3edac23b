"""The printable sheets of a young person's two interviews (information, in-depth), with
the vademecum's headings, pre-filled from the dossier.

One small static HTML page per dossier, written beside the pages: MkDocs copies it as it
is (no Markdown, no theme, no navigation, no search index), so it costs a template render.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pae import labels as lb
from pae.programme.deadlines import Due
from pae.programme.facts import age_on
from pae.programme.status import DossierStatus
from pae.records.reference import Conseiller, MissionLocale
from pae.site.context import Site
from pae.site.render import render

EMPLOYMENT = (
    "mobilisation_bilan_competences",
    "ateliers_recherche_emploi",
    "competences_psychosociales",
    "consolidation_acquis",
    "stage_immersion",
    "stage_clause_sociale",
)
"""The vademecum's actions when the project is a job or an apprenticeship (step 4)."""
TRAINING = (
    "positionnement_scolaire",
    "atelier_orientation",
    "mlds_remobilisation",
    "preparation_epreuves",
)
"""Its actions when further training is needed."""
EITHER = ("foquale", "service_civique_alterne", "autre")


@dataclass(frozen=True)
class InterviewPeople:
    """Who the information interview is held with (its own record, else the enrolment's)."""

    ml: MissionLocale | None
    conseiller: Conseiller | None


def sheets_page(dossier_id: str) -> str:
    """The sheets' file inside the docs folder (a static page: its own folder's index)."""
    return f"dossiers/{dossier_id}/fiches/index.html"


def _information_people(site: Site, st: DossierStatus) -> InterviewPeople:
    ei = st.dossier.entretien_information
    if ei is None:
        return InterviewPeople(st.mission_locale, st.conseiller)
    ml = site.ctx.network.missions_locales.get(ei.mission_locale or "") or st.mission_locale
    conseiller = ml.conseiller(ei.conseiller_ml) if ml and ei.conseiller_ml else None
    return InterviewPeople(ml, conseiller or st.conseiller)


def _age(st: DossierStatus, day: date) -> str:
    age = age_on(st.dossier, day)
    if age is None:
        return ""
    return f"{age} ans{' (mineur)' if age < 18 else ''}"


def sheets(site: Site, st: DossierStatus) -> str:
    d = st.dossier
    ei, ea = d.entretien_information, d.entretien_approfondi
    today = site.ctx.today
    due_in_depth = next((dl for dl in st.deadlines if dl.kind is Due.ENTRETIEN_APPROFONDI), None)
    kinds = {a.type for a in d.actions}
    groups = [
        ("Accès à l'emploi ou apprentissage", EMPLOYMENT),
        ("Formation complémentaire", TRAINING),
        ("Dans les deux cas", EITHER),
    ]
    return render(
        "fiches_entretien.html.j2",
        root="../../../",
        site=site,
        st=st,
        d=d,
        ident=d.raw.get("identite") or {},
        name=site.name(d),
        first_contact=d.contacts[0] if d.contacts else None,
        ei=ei,
        ea=ea,
        info=_information_people(site, st),
        age=_age(st, ei.date if ei else today),
        due_in_depth=due_in_depth,
        groups=[
            (title, [(k, lb.ACTION_TYPES[k], k in kinds) for k in keys]) for title, keys in groups
        ],
        structures={a.id: site.structure_link(None, a.structure) for a in d.actions},
        today=today,
    )


def sheet_pages(site: Site) -> Iterator[tuple[str, str]]:
    """Every dossier's sheets; none in a pseudonymised build (they are for the team)."""
    if site.options.pseudonymise:
        return
    for st in site.statuses:
        yield sheets_page(st.dossier.id), sheets(site, st)
