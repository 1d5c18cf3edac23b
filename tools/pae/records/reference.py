"""Typed, read-only view of the reference files: lycées, missions locales, local offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Raw = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Referent:
    id: str
    nom: str
    courriel: str
    forge: str | None = None


@dataclass(frozen=True, slots=True)
class Etablissement:
    uai: str
    nom: str
    commune: str
    zone_vacances: str
    chef_etablissement: str
    mission_locale: str
    file: str
    referents: tuple[Referent, ...] = ()
    jours_feries: str | None = None
    psyen: str | None = None
    coordonnateur_mlds: str | None = None
    courriel: str | None = None
    telephone: str | None = None
    forge_chef: str | None = None

    def referent(self, ident: str | None) -> Referent | None:
        return next((r for r in self.referents if r.id == ident), None)

    @classmethod
    def from_raw(cls, raw: Raw, file: str) -> Etablissement:
        return cls(
            uai=raw["uai"],
            nom=raw["nom"],
            commune=raw["commune"],
            zone_vacances=str(raw["zone_vacances"]),
            chef_etablissement=raw["chef_etablissement"],
            mission_locale=raw["mission_locale"],
            file=file,
            referents=tuple(
                Referent(r["id"], r["nom"], r["courriel"], r.get("forge"))
                for r in raw.get("referents") or ()
            ),
            jours_feries=raw.get("jours_feries"),
            psyen=raw.get("psyen"),
            coordonnateur_mlds=raw.get("coordonnateur_mlds"),
            courriel=raw.get("courriel"),
            telephone=raw.get("telephone"),
            forge_chef=raw.get("forge_chef"),
        )


@dataclass(frozen=True, slots=True)
class Conseiller:
    id: str
    nom: str
    courriel: str


@dataclass(frozen=True, slots=True)
class MissionLocale:
    id: str
    nom: str
    courriel: str
    file: str
    telephone: str | None = None
    commune: str | None = None
    conseillers: tuple[Conseiller, ...] = ()

    def conseiller(self, ident: str | None) -> Conseiller | None:
        return next((c for c in self.conseillers if c.id == ident), None)

    @classmethod
    def from_raw(cls, raw: Raw, file: str) -> MissionLocale:
        return cls(
            id=raw["id"],
            nom=raw["nom"],
            courriel=raw["courriel"],
            file=file,
            telephone=raw.get("telephone"),
            commune=raw.get("commune"),
            conseillers=tuple(
                Conseiller(c["id"], c["nom"], c["courriel"]) for c in raw.get("conseillers") or ()
            ),
        )


@dataclass(frozen=True, slots=True)
class OffreAction:
    id: str
    type: str
    intitule: str


@dataclass(frozen=True, slots=True)
class Offre:
    id: str
    nom: str
    type: str
    file: str
    commune: str | None = None
    contact: dict[str, str] | None = None
    actions: tuple[OffreAction, ...] = ()

    @classmethod
    def from_raw(cls, raw: Raw, file: str) -> Offre:
        return cls(
            id=raw["id"],
            nom=raw["nom"],
            type=raw["type"],
            file=file,
            commune=raw.get("commune"),
            contact=raw.get("contact"),
            actions=tuple(
                OffreAction(a["id"], a["type"], a["intitule"]) for a in raw.get("actions") or ()
            ),
        )
