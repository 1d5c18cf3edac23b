"""`pae anonymiser`: a finished campaign's dossiers, kept for statistics only, once the
retention period has passed — identity replaced by the stable pseudonym, contact details
and free text removed, programme data kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pae.campaign.export import pseudonym
from pae.errors import UsageError
from pae.labels import ACTION_TYPES, fr, label
from pae.programme.context import Context
from pae.recording.transaction import Change, edit_dossier
from pae.records.dossier import Dossier
from pae.records.reading import load_network, require_records
from pae.records.settings import Settings, add_months
from pae.records.yaml_edit import Document

ANONYMOUS = "(anonymisé)"
PERSONAL = (("identite", "ine"), ("identite", "telephone"), ("identite", "courriel"))
FREE_TEXT_IN_ITEMS = {
    ("reperage", "contacts"): ("par", "commentaire"),
    ("parcours", "actions"): ("commentaire", "tuteur"),
    ("suivi", "points"): ("resume",),
    ("suivi", "assiduite"): ("commentaire",),
}
FREE_TEXT = (
    ("entretien_approfondi", "projet_detail"),
    ("sortie_anticipee", "commentaire"),
    ("bilan", "solution_detail"),
    ("bilan", "competences_acquises"),
    ("bilan", "difficultes"),
    ("bilan", "suite"),
    ("bilan", "absence_jeune"),
    ("passation", "structure"),
    ("passation", "commentaire"),
)


REMAINING_STEP = (
    "Étape restante : l'historique Git garde les anciennes versions des dossiers. "
    "Enregistrer cette anonymisation (git commit), puis, comme le recommande le guide "
    "(« Protection des données ») : exporter ce qui doit l'être et supprimer le dépôt de la "
    "campagne, ou réécrire son historique avec git filter-repo et purger les copies "
    "(clones, forge, sauvegardes)."
)


def due(session: int, settings: Settings) -> date:
    """From when a campaign's dossiers must be anonymised: the end of the campaign plus
    the retention period of the settings."""
    end = settings.dispositif("pae").fin(session)
    return add_months(end, settings.conservation_mois)


@dataclass
class Plan:
    session: int
    due: date
    to_do: list[str] = field(default_factory=list)
    """Identifiers of the dossiers still holding personal data."""
    done: list[str] = field(default_factory=list)
    """Already anonymised."""
    changes: list[Change] = field(default_factory=list)


def plan(root: Path, session: int, today: date) -> Plan:
    require_records(root)
    loaded = load_network(root)
    chosen = [d for d in loaded.network.dossiers if d.session == session]
    out = Plan(session, due(session, loaded.settings))
    for d in sorted(chosen, key=lambda d: d.id):
        (out.done if d.raw.get("anonymise_le") else out.to_do).append(d.id)
    return out


def apply(root: Path, planned: Plan, today: date) -> Plan:
    if today < planned.due:
        raise UsageError(
            f"la campagne {planned.session} est à conserver jusqu'au {fr(planned.due)} "
            "(confidentialite.conservation_mois de parametres.yaml) : rien n'a été modifié"
        )
    settings = load_network(root, only=[]).settings
    key = settings.cle_pseudonymes
    if not key:
        raise UsageError(
            "aucune clé de pseudonymisation : ajouter confidentialite.cle_pseudonymes dans "
            "records/parametres.yaml (une longue suite de caractères tirée au hasard)"
        )
    for ident in planned.to_do:
        planned.changes.append(
            edit_dossier(root, ident, today, lambda doc, d, ctx: anonymise(doc, d, ctx, key))
        )
    return planned


def anonymise(doc: Document, d: Dossier, ctx: Context, key: str) -> str:
    """Identity → pseudonym and birth year; no contact detail, no free text."""
    born = d.date_naissance
    doc.set(("identite", "nom"), pseudonym(d.id, key))
    doc.set(("identite", "prenom"), ANONYMOUS)
    if born is not None:
        doc.set(("identite", "date_naissance"), date(born.year, 1, 1))
    for path in (*PERSONAL, *FREE_TEXT):
        _drop(doc, path)
    for (section, items), keys in FREE_TEXT_IN_ITEMS.items():
        count = len(doc.get((section, items)) or [])
        for i in range(count):
            for k in keys:
                _drop(doc, (section, items, i, k))
    for a in d.actions:  # an action's title may name a company or a person
        doc.set(("parcours", "actions", a.index, "intitule"), label(ACTION_TYPES, a.type))
    doc.set(("anonymise_le",), ctx.today)
    return f"anonymisation du dossier (campagne {d.session})"


def _drop(doc: Document, path: tuple[str | int, ...]) -> None:
    if doc.get(path) is not None:
        doc.remove(path)
