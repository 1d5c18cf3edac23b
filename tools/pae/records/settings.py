"""The programme's constants, read from `records/parametres.yaml` with documented defaults."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Dispositif:
    """Calendar constants of one programme (`pae` or `avenirpro_plus`)."""

    libelle: str
    date_limite_inscription: tuple[int, int] = (9, 30)
    date_fin: tuple[int, int] = (12, 31)
    delai_entretien_approfondi_jours_ecole: int = 5
    """« Dans la semaine qui suit l'entretien d'information » (vademecum, § 4): 5 school days."""
    duree_max_mois: int = 4
    part_max_stages_entreprise: Fraction = Fraction(2, 3)

    def limite(self, session: int) -> date:
        return date(session, *self.date_limite_inscription)

    def fin(self, session: int) -> date:
        return date(session, *self.date_fin)


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 October + 4 = 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ForgeProject:
    """The GitLab project holding the records: where the site's forms open merge requests
    (`forge` of the settings file)."""

    url_forge: str | None = None
    projet: str | None = None
    application_oauth: str | None = None
    branche: str = "main"

    @property
    def missing(self) -> tuple[str, ...]:
        """The keys the forms still need, in the order of the settings file."""
        needed = ("url_forge", "projet", "application_oauth")
        return tuple(key for key in needed if not getattr(self, key))

    @property
    def repository_url(self) -> str | None:
        """The project's web address: https://forge.example/groupe/projet."""
        if not self.url_forge or not self.projet:
            return None
        return f"{self.url_forge.rstrip('/')}/{self.projet}"


_DISPOSITIFS = {
    "pae": Dispositif("Parcours Ambition Emploi"),
    "avenirpro_plus": Dispositif("AvenirPro+"),
}


@dataclass(frozen=True)
class Settings:
    intervalle_points_jours_ecole: int = 10
    """At most this many school days without a check-in (A5): a fortnight of school."""
    seuil_assiduite_pourcent: int = 80
    fenetre_assiduite_semaines: int = 4
    absences_consecutives_max: int = 3
    tentatives_contact_injoignable: int = 3
    horizon_alerte_jours: int = 7
    horizon_echeances_jours: int = 14
    dispositifs: dict[str, Dispositif] = field(default_factory=lambda: dict(_DISPOSITIFS))
    rentrees: dict[int, date] = field(default_factory=dict)
    """The rentrée of a session, when set (`calendrier.rentrees`); else the school calendar's."""
    rentree_par_defaut: tuple[int, int] = (9, 1)
    """Month and day of the rentrée when neither the settings nor the calendar know it."""
    responsables_referentiel: tuple[str, ...] = ()
    url_depot: str | None = None
    conservation_mois: int = 12
    """Months after a campaign's end before its dossiers are anonymised."""
    cle_pseudonymes: str | None = None
    """The secret from which stable pseudonyms are drawn (exports, anonymisation)."""
    forge_project: ForgeProject = field(default_factory=ForgeProject)

    def dispositif(self, name: str) -> Dispositif:
        return self.dispositifs.get(name) or self.dispositifs["pae"]

    @classmethod
    def from_raw(cls, raw: dict[str, Any] | None) -> Settings:
        """Build from the (schema-valid) settings file; absent keys keep their default.

        Raises ValueError for a month-day that does not exist every year (`02-30`).
        """
        raw = raw or {}
        suivi = raw.get("suivi") or {}
        base = cls()
        dispositifs = dict(base.dispositifs)
        for name, values in (raw.get("dispositifs") or {}).items():
            dispositifs[name] = _dispositif(dispositifs.get(name) or _DISPOSITIFS["pae"], values)
        forge = raw.get("forge") or {}
        calendrier = raw.get("calendrier") or {}
        privacy = raw.get("confidentialite") or {}
        known = {k: suivi[k] for k in suivi if k in cls.__dataclass_fields__}
        project_keys = ("url_forge", "projet", "application_oauth", "branche")
        project = ForgeProject(**{k: forge[k] for k in project_keys if k in forge})
        return cls(
            **known,
            dispositifs=dispositifs,
            rentrees={
                int(r["session"]): date.fromisoformat(r["date"])
                for r in calendrier.get("rentrees") or ()
            },
            rentree_par_defaut=_month_day(calendrier.get("rentree_par_defaut") or "09-01"),
            responsables_referentiel=tuple(forge.get("responsables_referentiel") or ()),
            url_depot=forge.get("url_depot") or project.repository_url,
            forge_project=project,
            conservation_mois=privacy.get("conservation_mois", cls.conservation_mois),
            cle_pseudonymes=privacy.get("cle_pseudonymes"),
        )


def _month_day(text: str) -> tuple[int, int]:
    month, day = (int(part) for part in text.split("-"))
    # A date that exists every year: 02-29 would break three years out of four.
    date(2001, month, day)
    return month, day


def _dispositif(base: Dispositif, raw: dict[str, Any]) -> Dispositif:
    changes: dict[str, Any] = {}
    for key in ("date_limite_inscription", "date_fin"):
        if key in raw:
            changes[key] = _month_day(raw[key])
    for key in ("libelle", "delai_entretien_approfondi_jours_ecole", "duree_max_mois"):
        if key in raw:
            changes[key] = raw[key]
    if "part_max_stages_entreprise" in raw:
        num, den = raw["part_max_stages_entreprise"].split("/")
        changes["part_max_stages_entreprise"] = Fraction(int(num), int(den))
    return Dispositif(**{**base.__dict__, **changes})
