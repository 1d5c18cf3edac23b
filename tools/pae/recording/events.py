"""What happened to a young person, written into their dossier: one function per event.

Each function changes the document in place and returns, in French, what it recorded
(for the command's output and the commit message). Values are checked by the schema and
the rules afterwards (`transaction.edit_dossier`); here, only what the schema cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pae.errors import UsageError
from pae.labels import CANAUX, CONTACT_RESULTS, EXIT_REASONS, OUTCOME_LABELS, fr, label
from pae.programme.rules import MEF_BY_DIPLOMA
from pae.records.dossier import Dossier
from pae.records.yaml_edit import Document


def _present(**values: Any) -> dict[str, Any]:
    """The values given, in order, without the empty ones."""
    return {k: v for k, v in values.items() if v not in (None, "", [], ())}


def _once(done: object, what: str, day: date | None, replace: bool, feminine: bool = False) -> None:
    """An event that happens once: recording it again is a correction, said explicitly."""
    if done is not None and not replace:
        when = f" (le {fr(day)})" if day else ""
        noted = "notée" if feminine else "noté"
        raise UsageError(
            f"{what} est déjà {noted} dans ce dossier{when} : ajouter --remplacer pour le corriger"
        )


def contact(
    doc: Document,
    d: Dossier,
    day: date,
    canal: str,
    resultat: str,
    propositions: Sequence[str] = (),
    reponse: str | None = None,
    par: str | None = None,
    commentaire: str | None = None,
) -> str:
    item = _present(
        date=day,
        canal=canal,
        resultat=resultat,
        par=par,
        propositions=list(propositions),
        reponse=reponse,
        commentaire=commentaire,
    )
    doc.append(("reperage", "contacts"), item)
    return f"contact du {fr(day)} ({label(CANAUX, canal)}, {label(CONTACT_RESULTS, resultat)})"


@dataclass(frozen=True)
class FranceTravail:
    """What the young person said of France Travail, and what the conseiller checked."""

    inscrit: bool
    verifie: bool | None = None
    double_suivi: bool | None = None


def information_interview(
    doc: Document,
    d: Dossier,
    day: date,
    participants: Sequence[str],
    decision: str | None = None,
    mission_locale: str | None = None,
    conseiller: str | None = None,
    besoins: Sequence[str] = (),
    france_travail: FranceTravail | None = None,
    replace: bool = False,
) -> str:
    ei = d.entretien_information
    _once(ei, "l'entretien d'information", ei.date if ei else None, replace)
    section = _present(
        date=day,
        mission_locale=mission_locale,
        conseiller_ml=conseiller,
        participants=list(participants),
        besoins=list(besoins),
        france_travail=_present(**france_travail.__dict__) if france_travail else None,
        decision=decision,
    )
    doc.set(("entretien_information",), section)
    return f"entretien d'information du {fr(day)}"


def in_depth_interview(
    doc: Document,
    d: Dossier,
    day: date,
    participants: Sequence[str],
    projet: str | None = None,
    projet_detail: str | None = None,
    replace: bool = False,
) -> str:
    ea = d.entretien_approfondi
    _once(ea, "l'entretien approfondi", ea.date if ea else None, replace)
    section = _present(
        date=day, participants=list(participants), projet=projet, projet_detail=projet_detail
    )
    doc.set(("entretien_approfondi",), section)
    return f"entretien approfondi du {fr(day)}"


def enrol(
    doc: Document,
    d: Dossier,
    day: date,
    mef: str | None = None,
    referent: str | None = None,
    conseiller: str | None = None,
    imilo: bool | None = None,
    replace: bool = False,
) -> str:
    ins = d.inscription
    _once(ins, "l'inscription", ins.date if ins else None, replace, feminine=True)
    section = _present(
        date=day,
        mef=mef or MEF_BY_DIPLOMA.get(d.diplome),
        referent=referent,
        conseiller_ml=conseiller,
        dossier_imilo=imilo,
    )
    # Enrolment follows the young person's confirmed wish (vademecum, step 3).
    if not d.volontaire:
        doc.set(("volontaire",), True)
    doc.set(("inscription",), section)
    return f"inscription du {fr(day)}"


@dataclass(frozen=True)
class Slot:
    """A weekly slot of an action, as the records write it."""

    jour: str
    debut: str
    fin: str

    @classmethod
    def parse(cls, text: str) -> Slot:
        """`lundi 09:00-12:00` (also `lundi 9:00 – 12:00`)."""
        found = _SLOT.fullmatch(text)
        if not found:
            raise UsageError(
                f"créneau « {text} » : « jour HH:MM-HH:MM » attendu, par exemple "
                "« lundi 09:00-12:00 »"
            )
        day, start, end = found.groups()
        return cls(day.lower(), start.zfill(5), end.zfill(5))


_SLOT = re.compile(r"\s*(\w+)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*")


def action(
    doc: Document,
    d: Dossier,
    type_: str,
    intitule: str,
    debut: date,
    fin: date,
    structure: str | None = None,
    lieu: str | None = None,
    creneaux: Sequence[Slot] = (),
    ident: str | None = None,
    commentaire: str | None = None,
    convention: Convention | None = None,
) -> str:
    taken = {a.id for a in d.actions}
    if ident is None:
        ident = next(f"a{n}" for n in range(1, len(taken) + 2) if f"a{n}" not in taken)
    elif ident in taken:
        raise UsageError(
            f"l'action « {ident} » existe déjà dans ce dossier : choisir un autre identifiant"
        )
    item = _present(
        id=ident,
        type=type_,
        intitule=intitule,
        structure=structure,
        lieu=lieu,
        debut=debut,
        fin=fin,
        **(convention.fields() if convention else {}),
        creneaux=[s.__dict__ for s in creneaux],
        commentaire=commentaire,
    )
    doc.append(("parcours", "actions"), item)
    return f"action {ident} « {intitule} » du {fr(debut)} au {fr(fin)}"


@dataclass(frozen=True)
class Convention:
    """A company placement's convention, signed by the lycée, the company and the young
    person, and the tutor who takes the young person in."""

    date_signature: date | None = None
    reference: str | None = None
    tuteur: str | None = None
    fonction: str | None = None

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.date_signature:
            out["convention"] = _present(
                date_signature=self.date_signature, reference=self.reference
            )
        if self.tuteur:
            out["tuteur"] = _present(nom=self.tuteur, fonction=self.fonction)
        return out


def convention(doc: Document, d: Dossier, ident: str, signed: Convention) -> str:
    """The convention of an action already in the plan (signed after it was planned)."""
    placement = d.action(ident)
    if placement is None:
        known = ", ".join(a.id for a in d.actions) or "aucune"
        raise UsageError(f"l'action « {ident} » n'existe pas dans ce dossier (actions : {known})")
    for key, value in signed.fields().items():
        doc.set(("parcours", "actions", placement.index, key), value)
    if not signed.fields():
        raise UsageError("rien à noter : indiquer --le (signature) ou --tuteur")
    day = f" signée le {fr(signed.date_signature)}" if signed.date_signature else ""
    return f"convention de l'action {ident}{day}"


def handover(
    doc: Document,
    d: Dossier,
    day: date,
    vers: str,
    structure: str | None = None,
    commentaire: str | None = None,
    replace: bool = False,
) -> str:
    """The hand-over of the follow-up (obligation de formation, move to another town)."""
    done = d.raw.get("passation")
    _once(done, "la passation", None, replace, feminine=True)
    doc.set(
        ("passation",), _present(date=day, vers=vers, structure=structure, commentaire=commentaire)
    )
    return f"passation du suivi le {fr(day)} ({'PSAD' if vers == 'psad' else 'mission locale'})"


def check_in(
    doc: Document, d: Dossier, day: date, avec: Sequence[str], resume: str | None = None
) -> str:
    doc.append(("suivi", "points"), _present(date=day, avec=list(avec), resume=resume))
    return f"point de suivi du {fr(day)}"


def early_exit(
    doc: Document,
    d: Dossier,
    day: date,
    motif: str,
    commentaire: str | None = None,
    replace: bool = False,
) -> str:
    exit_ = d.sortie_anticipee
    _once(exit_, "la sortie anticipée", exit_.date if exit_ else None, replace, feminine=True)
    doc.set(("sortie_anticipee",), _present(date=day, motif=motif, commentaire=commentaire))
    return f"sortie anticipée du {fr(day)} ({label(EXIT_REASONS, motif)})"


def bilan(
    doc: Document,
    d: Dossier,
    day: date | None = None,
    solution: str | None = None,
    solution_detail: str | None = None,
    participants: Sequence[str] = (),
    competences: str | None = None,
    difficultes: str | None = None,
    suite: str | None = None,
    transmis: date | None = None,
    imilo: bool | None = None,
) -> str:
    """The bilan, field by field: each field given replaces its value, the others stay."""
    fields = _present(
        date=day,
        participants=list(participants),
        solution=solution,
        solution_detail=solution_detail,
        competences_acquises=competences,
        difficultes=difficultes,
        suite=suite,
        transmis_chef_etablissement=transmis,
        imilo_mis_a_jour=imilo,
    )
    if not fields:
        raise UsageError("rien à noter : indiquer au moins une option (--le, --solution, …)")
    if d.bilan is None:
        doc.set(("bilan",), fields)
    else:
        for key, value in fields.items():
            doc.set(("bilan", key), value)
    parts = []
    if day:
        parts.append(f"bilan du {fr(day)}")
    if solution:
        parts.append(f"solution : {label(OUTCOME_LABELS, solution).lower()}")
    if transmis:
        parts.append(f"transmis au chef d'établissement le {fr(transmis)}")
    if imilo:
        parts.append("I-Milo mis à jour")
    return ", ".join(parts) or "bilan complété"
