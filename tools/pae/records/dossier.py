"""Typed, read-only view of one young person's dossier once it has passed its schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from functools import cache
from sys import intern
from typing import Any

Raw = dict[str, Any]
Day = date  # for fields declared after a field named `date`
KeepRaw = bool | frozenset[str]
"""What a dossier keeps of its parsed values: all, nothing, or some top-level keys."""


def kept(raw: Raw, keep: KeepRaw) -> Raw:
    if keep is True:
        return raw
    return {k: raw[k] for k in keep if k in raw} if keep else {}


def _d(value: Any) -> date | None:
    return _req_d(value) if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) else None


@cache
def _req_d(value: str) -> date:
    """Dates are few and met again and again: one object each (10,000 dossiers hold
    400,000 dates of a few hundred days)."""
    return date.fromisoformat(value)


@cache
def _time(value: str) -> time:
    return time.fromisoformat(value)


def _word(value: Any) -> Any:
    """A code (statut, canal, action id…) as one shared string, not one per line."""
    return intern(value) if isinstance(value, str) else value


def _words(values: Any) -> tuple[str, ...]:
    return tuple(intern(v) for v in values or ())


@dataclass(frozen=True, slots=True)
class Contact:
    date: date
    canal: str
    resultat: str
    propositions: tuple[str, ...] = ()
    reponse: str | None = None


@dataclass(frozen=True, slots=True)
class EntretienInformation:
    date: date
    mission_locale: str | None
    decision: str | None
    conseiller_ml: str | None = None
    participants: tuple[str, ...] = ()
    besoins: tuple[str, ...] = ()
    ft_inscrit: bool | None = None
    ft_verifie: bool | None = None
    ft_double_suivi: bool | None = None


@dataclass(frozen=True, slots=True)
class Inscription:
    date: date
    mef: str
    referent: str | None = None
    conseiller_ml: str | None = None
    dossier_imilo: bool | None = None


@dataclass(frozen=True, slots=True)
class EntretienApprofondi:
    date: date | None
    projet: str | None = None
    projet_detail: str | None = None
    participants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Creneau:
    jour: str
    debut: time
    fin: time

    @property
    def weekday(self) -> int:
        return WEEKDAYS[self.jour]


JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS = {jour: i for i, jour in enumerate(JOURS)}


@dataclass(frozen=True, slots=True)
class Convention:
    date_signature: date
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class Tuteur:
    nom: str
    fonction: str | None = None
    telephone: str | None = None
    courriel: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    index: int
    id: str
    type: str
    intitule: str
    debut: date
    fin: date
    structure: str | None = None
    lieu: str | None = None
    creneaux: tuple[Creneau, ...] = ()
    convention: Convention | None = None
    tuteur: Tuteur | None = None


@dataclass(frozen=True, slots=True)
class Point:
    index: int
    date: date
    avec: tuple[str, ...] = ()
    resume: str | None = None


@dataclass(frozen=True, slots=True)
class Presence:
    index: int
    date: date
    action: str
    statut: str
    commentaire: str | None = None


@dataclass(frozen=True, slots=True)
class SortieAnticipee:
    date: date
    motif: str
    commentaire: str | None = None


@dataclass(frozen=True, slots=True)
class Passation:
    date: date
    vers: str
    structure: str | None = None
    commentaire: str | None = None


@dataclass(frozen=True, slots=True)
class Bilan:
    date: date | None
    solution: str | None = None
    solution_detail: str | None = None
    participants: tuple[str, ...] = ()
    transmis_chef_etablissement: Day | None = None
    imilo_mis_a_jour: bool | None = None
    competences_acquises: str | None = None
    difficultes: str | None = None
    suite: str | None = None
    absence_jeune: str | None = None


@dataclass(frozen=True, slots=True)
class Dossier:
    """One young person's dossier; `raw` keeps the loaded values for pages and exports."""

    id: str
    session: int
    etablissement: str
    volontaire: bool
    file: str
    raw: Raw = field(repr=False, compare=False)
    dispositif: str = "pae"
    boursier: bool | None = None
    nom: str = ""
    prenom: str = ""
    date_naissance: date | None = None
    diplome: str = ""
    specialite: str | None = None
    resultat: str = ""
    premiere_session: int | None = None
    motif: str | None = None
    contacts: tuple[Contact, ...] = ()
    entretien_information: EntretienInformation | None = None
    inscription: Inscription | None = None
    entretien_approfondi: EntretienApprofondi | None = None
    actions: tuple[Action, ...] = ()
    points: tuple[Point, ...] = ()
    assiduite: tuple[Presence, ...] = ()
    sortie_anticipee: SortieAnticipee | None = None
    passation: Passation | None = None
    bilan: Bilan | None = None

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}".strip()

    def action(self, ident: str) -> Action | None:
        return next((a for a in self.actions if a.id == ident), None)

    @classmethod
    def from_raw(cls, raw: Raw, file: str, keep_raw: KeepRaw = True) -> Dossier:
        """The model of a dossier; `keep_raw` says what to keep of its parsed values: all,
        nothing, or the named top-level keys (what a view still reads from them)."""
        ident = raw.get("identite") or {}
        exam = raw.get("examen") or {}
        rep = raw.get("reperage") or {}
        suivi = raw.get("suivi") or {}
        return cls(
            id=raw["id"],
            session=int(raw["session"]),  # JSON Schema counts 2026.0 as an integer
            etablissement=raw["etablissement"],
            volontaire=raw["volontaire"],
            file=file,
            raw=kept(raw, keep_raw),
            dispositif=raw.get("dispositif", "pae"),
            boursier=raw.get("boursier"),
            nom=ident.get("nom", ""),
            prenom=ident.get("prenom", ""),
            date_naissance=_d(ident.get("date_naissance")),
            diplome=exam.get("diplome", ""),
            specialite=exam.get("specialite"),
            resultat=exam.get("resultat", ""),
            premiere_session=_int(exam.get("premiere_session")),
            motif=rep.get("motif"),
            contacts=tuple(
                Contact(
                    _req_d(c["date"]),
                    _word(c["canal"]),
                    _word(c["resultat"]),
                    _words(c.get("propositions")),
                    _word(c.get("reponse")),
                )
                for c in rep.get("contacts") or ()
            ),
            entretien_information=_entretien_information(raw.get("entretien_information")),
            inscription=_inscription(raw.get("inscription")),
            entretien_approfondi=_approfondi(raw.get("entretien_approfondi")),
            actions=tuple(
                _action(i, a)
                for i, a in enumerate((raw.get("parcours") or {}).get("actions") or ())
            ),
            points=tuple(
                Point(i, _req_d(p["date"]), _words(p.get("avec")), p.get("resume"))
                for i, p in enumerate(suivi.get("points") or ())
            ),
            assiduite=tuple(
                Presence(
                    i,
                    _req_d(a["date"]),
                    _word(a["action"]),
                    _word(a["statut"]),
                    a.get("commentaire"),
                )
                for i, a in enumerate(suivi.get("assiduite") or ())
            ),
            sortie_anticipee=_sortie(raw.get("sortie_anticipee")),
            passation=_passation(raw.get("passation")),
            bilan=_bilan(raw.get("bilan")),
        )


def _entretien_information(raw: Raw | None) -> EntretienInformation | None:
    if not raw or "date" not in raw:
        return None
    ft = raw.get("france_travail") or {}
    return EntretienInformation(
        date=_req_d(raw["date"]),
        mission_locale=raw.get("mission_locale"),
        decision=raw.get("decision"),
        conseiller_ml=raw.get("conseiller_ml"),
        participants=_words(raw.get("participants")),
        besoins=_words(raw.get("besoins")),
        ft_inscrit=ft.get("inscrit"),
        ft_verifie=ft.get("verifie"),
        ft_double_suivi=ft.get("double_suivi"),
    )


def _inscription(raw: Raw | None) -> Inscription | None:
    if not raw or "date" not in raw:
        return None
    return Inscription(
        date=_req_d(raw["date"]),
        mef=raw.get("mef", ""),
        referent=raw.get("referent"),
        conseiller_ml=raw.get("conseiller_ml"),
        dossier_imilo=raw.get("dossier_imilo"),
    )


def _approfondi(raw: Raw | None) -> EntretienApprofondi | None:
    if not raw:
        return None
    return EntretienApprofondi(
        date=_d(raw.get("date")),
        projet=raw.get("projet"),
        projet_detail=raw.get("projet_detail"),
        participants=_words(raw.get("participants")),
    )


def _action(index: int, raw: Raw) -> Action:
    return Action(
        index=index,
        id=_word(raw["id"]),
        type=_word(raw["type"]),
        intitule=raw["intitule"],
        debut=_req_d(raw["debut"]),
        fin=_req_d(raw["fin"]),
        structure=_word(raw.get("structure")),
        lieu=_word(raw.get("lieu")),
        creneaux=tuple(
            Creneau(_word(c["jour"]), _time(c["debut"]), _time(c["fin"]))
            for c in raw.get("creneaux") or ()
        ),
        convention=_convention(raw.get("convention")),
        tuteur=_tuteur(raw.get("tuteur")),
    )


def _convention(raw: Raw | None) -> Convention | None:
    if not raw:
        return None
    return Convention(_req_d(raw["date_signature"]), raw.get("reference"))


def _tuteur(raw: Raw | None) -> Tuteur | None:
    if not raw:
        return None
    return Tuteur(raw["nom"], raw.get("fonction"), raw.get("telephone"), raw.get("courriel"))


def _sortie(raw: Raw | None) -> SortieAnticipee | None:
    if not raw:
        return None
    return SortieAnticipee(_req_d(raw["date"]), raw["motif"], raw.get("commentaire"))


def _passation(raw: Raw | None) -> Passation | None:
    if not raw:
        return None
    return Passation(_req_d(raw["date"]), raw["vers"], raw.get("structure"), raw.get("commentaire"))


def _bilan(raw: Raw | None) -> Bilan | None:
    if not raw:
        return None
    return Bilan(
        date=_d(raw.get("date")),
        solution=raw.get("solution"),
        solution_detail=raw.get("solution_detail"),
        participants=_words(raw.get("participants")),
        transmis_chef_etablissement=_d(raw.get("transmis_chef_etablissement")),
        imilo_mis_a_jour=raw.get("imilo_mis_a_jour"),
        competences_acquises=raw.get("competences_acquises"),
        difficultes=raw.get("difficultes"),
        suite=raw.get("suite"),
        absence_jeune=raw.get("absence_jeune"),
    )


def display_name(d: Dossier, pseudonymise: bool) -> str:
    """The young person as shown: full name, or initials and id for wider partners."""
    if pseudonymise:
        initials = "".join(f"{part[:1]}." for part in (d.prenom, d.nom) if part)
        return f"{initials} ({d.id})"
    return f"{d.prenom} {d.nom} ({d.id})"
