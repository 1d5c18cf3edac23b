"""Narrowed copies of the network for wider audiences: one lycée only, or young people
pseudonymised, free text redacted (the redactor itself is in `privacy`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pae.records.dossier import Dossier
from pae.records.network import Network
from pae.records.reference import Etablissement, Offre
from pae.site.privacy import (
    FREE_TEXT,
    LYCEE,
    OTHER_LYCEE,
    STAFF,
    YOUNG,
    Form,
    Redactor,
    add_details,
    add_forms,
    fold,
    initials,
    lycee_forms,
    person_forms,
    staff_forms,
)

# --- narrowed networks --------------------------------------------------------------------


def _redact_raw(value: Any, redact: Redactor, key: str | None = None, tutors: bool = False) -> Any:
    """The record with its free text redacted; containers are copied only where text
    changed (the loaded record is never modified)."""
    if isinstance(value, str):
        return redact(value) if key in FREE_TEXT else value
    if tutors and isinstance(value, dict) and key == "tuteur" and "nom" in value:
        return {**value, "nom": "[tuteur]"}  # a third party: not for wider partners
    if isinstance(value, dict):
        changed = {}
        for k, v in value.items():
            if isinstance(v, dict | list) or (isinstance(v, str) and k in FREE_TEXT):
                new = _redact_raw(v, redact, k, tutors)
                if new is not v:
                    changed[k] = new
        return {**value, **changed} if changed else value
    if isinstance(value, list):
        items = [_redact_raw(v, redact, key, tutors) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def pseudonymise(network: Network) -> tuple[Network, Redactor]:
    """Initials instead of names; no birth date, INE, phone or e-mail of a young person,
    neither in the identity fields nor typed in free text."""
    redact = Redactor()
    for d in network.dossiers:
        for words, any_case in person_forms(d.prenom, d.nom):
            redact.add(words, initials(words), any_case)
        add_details(redact, d)
    dossiers = []
    for d in network.dossiers:
        raw = dict(_redact_raw(d.raw, redact, tutors=True))
        raw["identite"] = {
            "prenom": f"{d.prenom[:1]}." if d.prenom else "",
            "nom": f"{d.nom[:1]}." if d.nom else "",
        }
        dossiers.append(Dossier.from_raw(raw, d.file))
    return replace(network, dossiers=dossiers), redact


def _staff(etab: Etablissement) -> list[str | None]:
    return [
        etab.chef_etablissement,
        etab.psyen,
        etab.coordonnateur_mlds,
        *(r.nom for r in etab.referents),
    ]


def one_lycee_redactor(network: Network, uai: str, ml_ids: set[str]) -> Redactor:
    """Other lycées (name, UAI), their staff and their young people, and the advisers of
    the missions locales this lycée does not work with; this lycée's own people stay."""
    etab = network.etablissements.get(uai)
    own: list[Form] = lycee_forms(etab) if etab else []
    for name in _staff(etab) if etab else []:
        own += staff_forms(name)
    for ident, ml in network.missions_locales.items():
        if ident in ml_ids:
            own += [f for c in ml.conseillers for f in staff_forms(c.nom)]
    for d in network.dossiers:
        if d.etablissement == uai:
            own += person_forms(d.prenom, d.nom)
    kept = {tuple(fold(w) for w in words) for words, _ in own}
    redact = Redactor()
    for other in network.etablissements.values():
        if other.uai != uai:
            add_forms(redact, lycee_forms(other), LYCEE, kept)
            for name in _staff(other):
                add_forms(redact, staff_forms(name), STAFF, kept)
    for ident, ml in network.missions_locales.items():
        if ident not in ml_ids:
            for c in ml.conseillers:
                add_forms(redact, staff_forms(c.nom), STAFF, kept)
    for d in network.dossiers:
        if d.etablissement != uai:
            add_forms(redact, person_forms(d.prenom, d.nom), YOUNG, kept)
            add_details(redact, d)
    return redact


def restrict(network: Network, uai: str) -> tuple[Network, Redactor]:
    """Only one lycée: its dossiers, its mission locale; no other lycée named anywhere."""
    others = {u for u in network.etablissements if u != uai}
    mine = [d for d in network.dossiers if d.etablissement == uai]
    etab = network.etablissements.get(uai)
    ml_ids = {etab.mission_locale} if etab else set()
    ml_ids |= {
        d.entretien_information.mission_locale
        for d in mine
        if d.entretien_information and d.entretien_information.mission_locale
    }
    redact = one_lycee_redactor(network, uai, ml_ids)
    dossiers = []
    for d in mine:
        raw = dict(_redact_raw(d.raw, redact))
        parcours = raw.get("parcours") or {}
        actions = parcours.get("actions") or []
        if any(a.get("structure") in others for a in actions):
            hidden = [
                {**a, "structure": OTHER_LYCEE} if a.get("structure") in others else a
                for a in actions
            ]
            raw["parcours"] = {**parcours, "actions": hidden}
        dossiers.append(Dossier.from_raw(raw, d.file))
    used = {a.structure for d in dossiers for a in d.actions}
    offres = {}
    for ident, offre in network.offres.items():
        foreign = offre.type == "lycee" and (ident in others or redact(offre.nom) != offre.nom)
        if foreign and ident not in used:
            continue
        offres[ident] = _redact_offre(offre, redact, foreign)
    narrowed = replace(
        network,
        etablissements={uai: etab} if etab else {},
        missions_locales={k: v for k, v in network.missions_locales.items() if k in ml_ids},
        offres=offres,
        dossiers=dossiers,
    )
    return narrowed, redact


def _redact_offre(offre: Offre, redact: Redactor, foreign: bool) -> Offre:
    actions = tuple(replace(a, intitule=redact(a.intitule)) for a in offre.actions)
    if foreign:
        return replace(offre, nom="Autre lycée du réseau", contact=None, actions=actions)
    contact = {k: redact(v) for k, v in (offre.contact or {}).items()} or None
    return replace(offre, nom=redact(offre.nom), contact=contact, actions=actions)
