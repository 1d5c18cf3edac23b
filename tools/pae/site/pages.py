"""Every generated page of the site, in one list: network + status → Markdown, SVG, ICS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pae.site import calendars, conseillers, interviews, overview, places
from pae.site.context import Site
from pae.site.dossier import bilans_page, dossier_page
from pae.site.reference import reference_page


def generate(site: Site, schema_dir: Path, intro: str) -> Iterator[tuple[str, str | bytes]]:
    """Every generated page, as (path inside the docs folder, content); the calendars come
    apart (`calendars.calendar_files`), as they can be written while MkDocs builds."""
    yield "index.md", overview.dashboard(site, intro)
    yield "cohorte.md", overview.cohort(site)
    yield "bilans/index.md", overview.cohort_bilan(site)
    yield from places.lycee_pages(site)
    yield from places.referent_pages(site)
    yield from places.ml_pages(site)
    yield from conseillers.conseiller_pages(site)
    yield "offre.md", places.offre_page(site)
    yield "echeancier.md", calendars.echeancier(site)
    yield "guide/champs.md", reference_page(schema_dir)
    for uai, group in site.by_lycee.items():
        yield site.bilans_page(uai), bilans_page(site, uai, group)
    for st in site.statuses:
        yield site.dossier_page(st.dossier), dossier_page(site, st)
    yield from interviews.sheet_pages(site)
