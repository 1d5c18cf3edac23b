"""Everything a page builder needs: the statuses, the figures, lookups, names and links."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from pae.programme.cohort import CohortFigures
from pae.programme.context import Context
from pae.programme.deadlines import Deadline
from pae.programme.status import DossierStatus, due_within
from pae.programme.todo import acting
from pae.records.dossier import Action, Dossier, display_name
from pae.records.reference import Etablissement
from pae.site.edition.links import FOLDER, Edition, dossier_fragment
from pae.site.escape import Markup, md_escape
from pae.site.history import Histories
from pae.site.privacy import Redactor

RAW_READ = frozenset({"identite", "examen", "reperage"})
"""What the pages read of a dossier's own parsed values, beyond its model (contact details,
kept marks, the contacts' proposals; the cohort figures' sex): the site keeps only these
(a third of the memory at 3,000 dossiers). Reading another key needs it added here."""


@dataclass(frozen=True)
class Options:
    today: date
    pseudonymise: bool = False
    etablissement: str | None = None


@dataclass(frozen=True)
class Forge:
    """Where the records live on the forge, for "Modifier ce dossier" links."""

    repo_url: str | None = None
    edit_prefix: str | None = None
    """Path from the repository URL to an edit page, e.g. `-/edit/main/`."""

    def edit(self, file: str) -> str | None:
        if not self.repo_url or self.edit_prefix is None:
            return None
        return f"{self.repo_url.rstrip('/')}/{self.edit_prefix}{quote(file)}"


def page_url(page: str) -> str:
    """`dossiers/x.md` → `dossiers/x/` (directory URLs); other files keep their path."""
    if not page.endswith(".md"):
        return page
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(src: str, dest: str) -> Markup:
    """Relative URL from page `src` to page or file `dest`: works on any host and path."""
    src_url = page_url(src)
    base = src_url if src_url.endswith("/") or not src_url else posixpath.dirname(src_url)
    target = page_url(dest)
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return Markup(quote(rel, safe="/#.-_~"))


@dataclass
class Site:
    """The data of one build of the site, already narrowed (lycée) and pseudonymised."""

    ctx: Context
    statuses: list[DossierStatus]
    figures: CohortFigures
    histories: Histories
    options: Options
    forge: Forge = field(default_factory=Forge)
    invalid: list[str] = field(default_factory=list)
    """Invalid files the site may name."""
    invalid_others: int = 0
    """Invalid files it may only count (another lycée's, in a one-lycée site)."""
    redact: Redactor = field(default_factory=Redactor)
    edition: Edition = field(default_factory=Edition)
    """Whether this build has the forms (/edition/)."""
    by_lycee: dict[str, list[DossierStatus]] = field(init=False)
    by_referent: dict[tuple[str, str], list[DossierStatus]] = field(init=False)
    by_ml: dict[str, list[DossierStatus]] = field(init=False)
    offre_users: dict[str, list[tuple[DossierStatus, Action]]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_lycee = defaultdict(list)
        self.by_referent = defaultdict(list)
        self.by_ml = defaultdict(list)
        self.offre_users = defaultdict(list)
        for st in self.statuses:
            d = st.dossier
            self.by_lycee[d.etablissement].append(st)
            if d.inscription and d.inscription.referent:
                self.by_referent[(d.etablissement, d.inscription.referent)].append(st)
            ml = self.ctx.network.mission_locale_id(d)
            if ml:
                self.by_ml[ml].append(st)
            for action in d.actions:
                if action.structure:
                    self.offre_users[action.structure].append((st, action))

    # --- who ----------------------------------------------------------------------------

    def name(self, d: Dossier) -> str:
        """Full name, or initials and id when pseudonymised (as in the calendars)."""
        return display_name(d, self.options.pseudonymise)

    def lycee(self, uai: str) -> Etablissement | None:
        return self.ctx.network.etablissements.get(uai)

    def lycee_name(self, uai: str) -> str:
        etab = self.lycee(uai)
        return etab.nom if etab else f"Établissement {uai}"

    # --- where ----------------------------------------------------------------------------

    @staticmethod
    def dossier_page(d: Dossier) -> str:
        return f"dossiers/{d.id}.md"

    @staticmethod
    def bilans_page(uai: str) -> str:
        return f"bilans/{uai}.md"

    @staticmethod
    def lycee_page(uai: str) -> str:
        return f"lycees/{uai}.md"

    @staticmethod
    def referent_page(uai: str, ident: str) -> str:
        return f"referents/{uai}-{ident}.md"

    @staticmethod
    def ml_page(ident: str) -> str:
        return f"missions-locales/{ident}.md"

    @staticmethod
    def conseiller_page(ml_id: str, ident: str) -> str:
        return f"conseillers/{ml_id}-{ident}.md"

    @staticmethod
    def referent_calendar(uai: str, ident: str) -> str:
        return f"calendriers/{uai}-{ident}.ics"

    @staticmethod
    def chef_calendar(uai: str) -> str:
        """The calendar of a lycée's chef d'établissement (`calendars.calendar_files`)."""
        return f"calendriers/{uai}-chef.ics"

    @staticmethod
    def conseiller_calendar(ml_id: str, ident: str) -> str:
        """The calendar of one conseiller of a mission locale (`calendars.calendar_files`):
        `ml-<mission locale>-<conseiller>.ics` (mission locale ids often start with « ml- »
        already; UAIs, which name the lycées' calendars, start with a digit)."""
        prefix = "" if ml_id.startswith("ml-") else "ml-"
        return f"calendriers/{prefix}{ml_id}-{ident}.ics"

    def form_link(self, src: str, d: Dossier) -> str | None:
        """The dossier's form in /edition/, when this build has the forms."""
        if not self.edition.built:
            return None
        return href(src, f"{FOLDER}/") + dossier_fragment(d.session, d.etablissement, d.id)

    def link(self, src: str, dest: str, text: str, cls: str = "") -> Markup:
        attr = f' class="{cls}"' if cls else ""
        return Markup(f'<a href="{href(src, dest)}"{attr}>{md_escape(text)}</a>')

    def dossier_link(self, src: str, st: DossierStatus) -> Markup:
        return self.link(src, self.dossier_page(st.dossier), self.name(st.dossier))

    def lycee_link(self, src: str, uai: str, short: bool = False) -> Markup:
        name = self.lycee_name(uai)
        if short:
            name = re.sub(r"^Lycée professionnel\b", "LP", name)
        if self.lycee(uai) is None:
            return Markup(md_escape(name))
        return self.link(src, self.lycee_page(uai), name)

    def structure_link(self, src: str | None, ident: str | None) -> Markup:
        """An action's structure: an entry of the local offer, a lycée, or as written."""
        offre = self.ctx.network.offres.get(ident or "")
        if offre is not None:
            if src is None:
                return Markup(md_escape(offre.nom))
            return self.link(src, "offre.md", offre.nom)
        if ident and self.lycee(ident) is not None:
            if src is None:
                return Markup(md_escape(self.lycee_name(ident)))
            return self.lycee_link(src, ident)
        return Markup(md_escape(ident or "—"))

    def referent_link(self, src: str, st: DossierStatus) -> Markup:
        ref = st.referent
        if ref is None:
            return Markup("—")
        return self.link(src, self.referent_page(st.dossier.etablissement, ref.id), ref.nom)

    # --- when -----------------------------------------------------------------------------

    def due(
        self, statuses: list[DossierStatus], days: int | None = None
    ) -> list[tuple[Deadline, DossierStatus]]:
        """Pending deadlines of these dossiers (within `days` from today), overdue first."""
        return [(i.deadline, i.status) for i in due_within(statuses, self.ctx.today, days)]

    def who(self, dl: Deadline, st: DossierStatus) -> str:
        """Who acts on a deadline, by role and name (`todo.acting`), redacted as the page."""
        return self.redact(acting(st, dl))

    def overdue(self, day: Deadline | date | None) -> bool:
        """Late: the day was before today (a deadline of today is still on time)."""
        if isinstance(day, Deadline):
            return day.overdue(self.ctx.today)
        return day is not None and day < self.ctx.today
