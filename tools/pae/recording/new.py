"""A new dossier: its identifier, its place, its first lines (`pae nouveau`, `pae importer`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pae.labels import fr
from pae.programme.context import Context
from pae.recording.transaction import Change, create, reference
from pae.records.identifiers import dossier_file, free_id, taken_ids
from pae.records.schema_walk import key_orders
from pae.records.yaml_edit import Document

SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schema/jeune.schema.json\n"
"""The first line of every dossier: editors find the schema (help, values, checks)."""


@dataclass
class Identity:
    """What a school's export says of a young person who sat the exam."""

    etablissement: str
    session: int
    nom: str
    prenom: str
    date_naissance: date
    diplome: str
    specialite: str
    resultat: str
    motif: str | None = None
    premiere_session: int | None = None
    ine: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    boursier: bool | None = None
    volontaire: bool = False

    @property
    def default_motif(self) -> str:
        """Failed: contacted to retake the diploma; passed: no known solution (vademecum)."""
        return "echec_examen" if self.resultat == "ajourne" else "sans_solution_connue"

    def data(self, ident: str) -> dict[str, Any]:
        """The dossier's first sections, in the order of the schema."""
        identite: dict[str, Any] = {
            "nom": self.nom,
            "prenom": self.prenom,
            "date_naissance": self.date_naissance,
        }
        for key in ("ine", "telephone", "courriel"):
            if value := getattr(self, key):
                identite[key] = value
        out: dict[str, Any] = {
            "id": ident,
            "session": self.session,
            "etablissement": self.etablissement,
            "volontaire": self.volontaire,
        }
        if self.boursier is not None:
            out["boursier"] = self.boursier
        out["identite"] = identite
        out["examen"] = {
            "diplome": self.diplome,
            "specialite": self.specialite,
            "resultat": self.resultat,
            "premiere_session": self.premiere_session or self.session,
        }
        out["reperage"] = {"motif": self.motif or self.default_motif}
        return out


def dossier_text(identity: Identity, ident: str) -> str:
    """The new file, written as the team writes dossiers by hand."""
    data = identity.data(ident)
    doc = Document.parse(f"{SCHEMA_LINE}id: {ident}\n", key_orders("jeune"))
    for key, value in data.items():
        if key != "id":
            doc.set((key,), value)
    return doc.dump()


def create_dossier(
    root: Path,
    identity: Identity,
    today: date,
    ctx: Context | None = None,
    taken: set[str] | None = None,
) -> Change:
    """Write a new dossier under the next free identifier of its lycée and session."""
    taken = taken_ids(root) if taken is None else taken
    ident = free_id(taken, identity.etablissement, identity.session)
    taken.add(ident)
    file = dossier_file(identity.etablissement, identity.session, ident)
    born = fr(identity.date_naissance)
    what = f"nouveau dossier de {identity.prenom} {identity.nom} (né·e le {born})"
    return create(
        ctx or reference(root, today), root, file, ident, dossier_text(identity, ident), what
    )
