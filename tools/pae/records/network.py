"""Everything loaded from one repository's `records/`: reference data and dossiers."""

from __future__ import annotations

from dataclasses import dataclass, field

from pae.records.dossier import Dossier
from pae.records.reference import Etablissement, MissionLocale, Offre


@dataclass(frozen=True)
class Copy:
    """A reference file whose identifier another file (`original`) already holds."""

    file: str
    field: str
    """The key holding the identifier: `uai` or `id`."""
    ident: str
    original: str


@dataclass
class Network:
    """Everything loaded from one repository's `records/`."""

    root: str
    etablissements: dict[str, Etablissement] = field(default_factory=dict)
    missions_locales: dict[str, MissionLocale] = field(default_factory=dict)
    offres: dict[str, Offre] = field(default_factory=dict)
    dossiers: list[Dossier] = field(default_factory=list)
    broken_refs: set[str] = field(default_factory=set)
    """Ids of reference files that exist but failed their schema: no cascade of E2 on them."""
    copies: list[Copy] = field(default_factory=list)
    """Reference files repeating the identifier of another: left out, reported (E3)."""

    def dossier(self, ident: str) -> Dossier | None:
        return next((d for d in self.dossiers if d.id == ident), None)

    def mission_locale_id(self, d: Dossier) -> str | None:
        """The mission locale following a dossier: the one met at the interview, else the
        lycée's."""
        ei = d.entretien_information
        if ei and ei.mission_locale:
            return ei.mission_locale
        etab = self.etablissements.get(d.etablissement)
        return etab.mission_locale if etab else None

    def mission_locale_of(self, d: Dossier) -> MissionLocale | None:
        ident = self.mission_locale_id(d)
        return self.missions_locales.get(ident) if ident else None
