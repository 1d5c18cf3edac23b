"""Narrowed copies of the network: one lycée only, or young people pseudonymised."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from pae.model import Dossier, Network, Offre

FREE_TEXT = ("resume", "projet_detail", "solution_detail", "commentaire", "intitule", "par")
"""Keys of a dossier whose values are free text written by the team (never identifiers)."""


@dataclass(frozen=True)
class Redactor:
    """Replaces words that must not appear (names) in free text."""

    pattern: re.Pattern[str] | None
    replacements: dict[str, str]

    @classmethod
    def of(cls, words: dict[str, str]) -> Redactor:
        words = {w: r for w, r in words.items() if len(w.strip()) >= 2}
        if not words:
            return cls(None, {})
        ordered = sorted(words, key=len, reverse=True)  # longest first: "Jean Jaurès" wins
        alternation = "|".join(re.escape(w) for w in ordered)
        pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        return cls(pattern, {w.casefold(): r for w, r in words.items()})

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.replacements[m.group(0).casefold()], text)

    def then(self, other: Redactor) -> Redactor:
        merged = {**self.replacements, **other.replacements}
        return Redactor.of(merged)


def _redact_raw(value: Any, redact: Redactor, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _redact_raw(v, redact, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_raw(v, redact, key) for v in value]
    if isinstance(value, str) and key in FREE_TEXT:
        return redact(value)
    return value


def initials(d: Dossier) -> tuple[str, str]:
    return (f"{d.prenom[:1]}." if d.prenom else "", f"{d.nom[:1]}." if d.nom else "")


def _name_words(dossiers: Iterable[Dossier]) -> dict[str, str]:
    words: dict[str, str] = {}
    for d in dossiers:
        for part in (d.prenom, d.nom):
            for token in re.split(r"[\s\-'’]+", part):
                if token:
                    words[token] = f"{token[:1].upper()}."
    return words


def pseudonymise(network: Network) -> tuple[Network, Redactor]:
    """Initials instead of names; no birth date, INE, phone or e-mail of a young person."""
    redact = Redactor.of(_name_words(network.dossiers))
    dossiers = []
    for d in network.dossiers:
        prenom, nom = initials(d)
        raw = _redact_raw(copy.deepcopy(d.raw), redact)
        raw["identite"] = {"prenom": prenom, "nom": nom}
        dossiers.append(Dossier.from_raw(raw, d.file))
    return replace(network, dossiers=dossiers), redact


def restrict(network: Network, uai: str) -> tuple[Network, Redactor]:
    """Only one lycée: its dossiers, its mission locale; no other lycée named anywhere."""
    others = {u: e for u, e in network.etablissements.items() if u != uai}
    words = dict.fromkeys(others, "un autre lycée")
    words.update({e.nom: "un autre lycée" for e in others.values()})
    redact = Redactor.of(words)
    dossiers = [
        Dossier.from_raw(_redact_raw(copy.deepcopy(d.raw), redact), d.file)
        for d in network.dossiers
        if d.etablissement == uai
    ]
    etab = network.etablissements.get(uai)
    ml_ids = {etab.mission_locale} if etab else set()
    for d in dossiers:
        if d.entretien_information and d.entretien_information.mission_locale:
            ml_ids.add(d.entretien_information.mission_locale)
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
