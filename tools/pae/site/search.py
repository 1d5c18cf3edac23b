"""What the site's search finds of a dossier: its name, identifier, lycée and step.

MkDocs' search plugin (Material) re-parses every page it indexes: on dossier pages, which
are most of the site, that was a third of the build. Dossier pages are left out of its
index (front matter `search: exclude`), and this module adds one short entry per dossier
to the index once MkDocs has written it: what people search for, nothing more.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from pae.labels import DIPLOMA_LABELS, DISPOSITIFS, label
from pae.programme.status import DossierStatus
from pae.site.context import Site, page_url

INDEX = Path("search") / "search_index.json"


def entry(site: Site, st: DossierStatus) -> dict[str, str]:
    """One dossier's entry; the text is HTML (the search shows it as such): escaped."""
    d = st.dossier
    parts = [
        st.etape.label,
        site.lycee_name(d.etablissement),
        f"{label(DIPLOMA_LABELS, d.diplome)} {d.specialite or ''} ({st.niveau})",
        f"Référent {st.referent.nom}" if st.referent else "",
        st.mission_locale.nom if st.mission_locale else "",
        st.conseiller.nom if st.conseiller else "",
        f"{label(DISPOSITIFS, d.dispositif)}, session {d.session}",
        d.id,
    ]
    text = " · ".join(html.escape(p) for p in parts if p)
    return {
        "location": page_url(site.dossier_page(d)),
        "title": html.escape(site.name(d)),
        "text": text,
    }


def add_dossiers(output: Path, site: Site) -> int:
    """Add the dossiers' entries to the index MkDocs wrote in `output`; how many."""
    path = output / INDEX
    if not path.is_file():  # search turned off in mkdocs.yml: nothing to add to
        return 0
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    entries = [entry(site, st) for st in site.statuses]
    index["docs"] = [*index.get("docs", []), *entries]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return len(entries)
