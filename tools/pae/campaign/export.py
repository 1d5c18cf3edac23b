"""`pae exporter`: one row per dossier with what the core derives, for a spreadsheet or a
machine; pseudonymised for wider partners (no name, no contact, no free text)."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pae.labels import (
    DIPLOMA_LABELS,
    DISPOSITIFS,
    EXIT_REASONS,
    MOTIFS,
    OUTCOME_LABELS,
    RESULTATS,
    SEXES,
    fr,
    label,
    plural,
)
from pae.programme.context import Context
from pae.programme.facts import bilan_held, in_depth_held
from pae.programme.status import DossierStatus
from pae.programme.steps import Step, step_dates

FORMAT_VERSION = 1
"""Written in every JSON export and checked by `pae agreger`: the columns' meaning."""

Value = str | int | float | bool | date | None

IDENTITY = frozenset({"identite"})
"""What the export and the indicators read of a dossier's parsed values beyond its model
(contact details, sex): load with `keep_raw=IDENTITY`."""


@dataclass(frozen=True)
class Column:
    key: str
    """The JSON key (codes, for machines)."""
    heading: str
    """The spreadsheet heading (French)."""
    value: Callable[[DossierStatus, Context], Value]
    labels: dict[str, str] | None = None
    """French labels of the coded values, for spreadsheets."""
    personal: bool = False
    """Names, contact details, free text: left out of a pseudonymised export."""


def _step_day(step: Step) -> Callable[[DossierStatus, Context], Value]:
    return lambda st, ctx: step_dates(st.dossier, ctx.today, ctx.settings).get(step)


def _ident(st: DossierStatus) -> dict[str, Any]:
    ident: dict[str, Any] = st.dossier.raw.get("identite") or {}
    return ident


def _alerts(st: DossierStatus) -> str:
    """« A9 Bilan à faire (×2) ; A5 … »: each code once, with its title and how many."""
    counts = Counter(a.code for a in st.alertes)
    return " ; ".join(
        f"{code} {code.label}" + (f" (×{n})" if n > 1 else "") for code, n in counts.items()
    )


def _placements(st: DossierStatus) -> str | None:
    """Each company placement on its own: what the lycée pays the allowance on. By the
    action's identifier (a code, not free text: kept in a pseudonymised export)."""
    parts = []
    for ident, days in st.jours_effectues.items():
        a = st.dossier.action(ident)
        if a is None:
            continue
        signed = a.convention.date_signature if a.convention else None
        convention = f"convention signée le {fr(signed)}" if signed else "sans convention"
        parts.append(
            f"{ident} : {plural(days, 'jour')} (du {fr(a.debut)} au {fr(a.fin)}, {convention})"
        )
    return " ; ".join(parts) or None


def _bilan(st: DossierStatus, name: str) -> Value:
    value: Value = getattr(st.dossier.bilan, name) if st.dossier.bilan else None
    return value


def _percent(rate: float | None) -> Value:
    return None if rate is None else round(rate * 100)


COLUMNS: tuple[Column, ...] = (
    Column("id", "Identifiant", lambda st, c: st.dossier.id, personal=True),
    Column("nom", "Nom", lambda st, c: st.dossier.nom, personal=True),
    Column("prenom", "Prénom", lambda st, c: st.dossier.prenom, personal=True),
    Column("date_naissance", "Date de naissance", lambda st, c: st.dossier.date_naissance,
           personal=True),
    Column("annee_naissance", "Année de naissance",
           lambda st, c: st.dossier.date_naissance.year if st.dossier.date_naissance else None),
    Column("sexe", "Sexe", lambda st, c: _ident(st).get("sexe"), SEXES),
    Column("ine", "INE", lambda st, c: _ident(st).get("ine"), personal=True),
    Column("telephone", "Téléphone", lambda st, c: _ident(st).get("telephone"), personal=True),
    Column("courriel", "Courriel", lambda st, c: _ident(st).get("courriel"), personal=True),
    Column("etablissement", "Lycée (UAI)", lambda st, c: st.dossier.etablissement),
    Column("session", "Session", lambda st, c: st.dossier.session),
    Column("dispositif", "Dispositif", lambda st, c: st.dossier.dispositif, DISPOSITIFS),
    Column("diplome", "Diplôme", lambda st, c: st.dossier.diplome, DIPLOMA_LABELS),
    Column("specialite", "Spécialité", lambda st, c: st.dossier.specialite),
    Column("resultat", "Résultat", lambda st, c: st.dossier.resultat, RESULTATS),
    Column("niveau", "Niveau", lambda st, c: st.niveau),
    Column("boursier", "Boursier", lambda st, c: st.dossier.boursier),
    Column("motif", "Motif de repérage", lambda st, c: st.dossier.motif, MOTIFS),
    Column("etape", "Étape", lambda st, c: st.etape.value, {s.value: s.label for s in Step}),
    Column("motif_non_inscription", "Motif de non-inscription",
           lambda st, c: st.motif_non_inscription),
    Column("contacte_le", "Contacté le", _step_day(Step.CONTACTE)),
    Column("entretien_information_le", "Entretien d'information le",
           _step_day(Step.ENTRETIEN_INFORMATION)),
    Column("inscrit_le", "Inscrit le", _step_day(Step.INSCRIT)),
    Column("entretien_approfondi_le", "Entretien approfondi le",
           lambda st, c: st.dossier.entretien_approfondi.date
           if st.dossier.entretien_approfondi and in_depth_held(st.dossier, c.today) else None),
    Column("en_parcours_le", "En parcours depuis le", _step_day(Step.EN_PARCOURS)),
    Column("bilan_le", "Bilan le",
           lambda st, c: _bilan(st, "date") if bilan_held(st.dossier, c.today) else None),
    Column("referent", "Référent", lambda st, c: st.referent.nom if st.referent else None,
           personal=True),
    Column("conseiller_ml", "Conseiller de la mission locale",
           lambda st, c: st.conseiller.nom if st.conseiller else None, personal=True),
    Column("alertes", "Alertes",  # each code once; the detail lists every alert
           lambda st, c: st.alert_codes),
    Column("alertes_detail", "Alertes (détail)", lambda st, c: _alerts(st)),
    Column("prochaine_echeance", "Prochaine échéance",
           lambda st, c: st.next_deadline.date if st.next_deadline else None),
    Column("prochaine_echeance_quoi", "Prochaine échéance : quoi",
           lambda st, c: st.next_deadline.what if st.next_deadline else None),
    Column("jours_en_parcours", "Jours en parcours", lambda st, c: st.jours_en_parcours),
    Column("assiduite", "Assiduité (%)", lambda st, c: _percent(st.assiduite)),
    Column("seances_non_saisies", "Séances non saisies", lambda st, c: st.sessions_unrecorded),
    Column("jours_stage_effectues", "Jours de stage en entreprise effectués",
           lambda st, c: sum(st.jours_effectues.values())),
    Column("stages", "Stages en entreprise (jours effectués, convention)",
           lambda st, c: _placements(st)),
    Column("sortie", "Solution de sortie", lambda st, c: st.sortie_connue, OUTCOME_LABELS),
    Column("sortie_positive", "Sortie positive",
           lambda st, c: st.sortie_positive if st.sortie_connue else None),
    Column("sortie_anticipee_le", "Sortie anticipée le",
           lambda st, c: st.dossier.sortie_anticipee.date if st.dossier.sortie_anticipee else None),
    Column("sortie_anticipee_motif", "Motif de sortie anticipée",
           lambda st, c: st.dossier.sortie_anticipee.motif if st.dossier.sortie_anticipee else None,
           EXIT_REASONS),
    Column("bilan_transmis_le", "Bilan transmis le",
           lambda st, c: _bilan(st, "transmis_chef_etablissement")),
    Column("imilo_mis_a_jour", "I-Milo mis à jour", lambda st, c: _bilan(st, "imilo_mis_a_jour")),
    Column("projet_detail", "Projet (détail)",
           lambda st, c: st.dossier.entretien_approfondi.projet_detail
           if st.dossier.entretien_approfondi else None, personal=True),
    Column("solution_detail", "Solution (détail)", lambda st, c: _bilan(st, "solution_detail"),
           personal=True),
)  # fmt: skip


def pseudonym(ident: str, key: str) -> str:
    """A stable pseudonym: the same dossier always gets the same one under the same key,
    and it cannot be traced back to the dossier without the key."""
    digest = hmac.new(key.encode("utf-8"), ident.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"J-{digest[:10].upper()}"


@dataclass(frozen=True)
class Export:
    """The rows of an export, as values (dates, numbers, codes) in column order."""

    columns: tuple[Column, ...]
    rows: list[list[Value]]
    pseudonymised: bool
    session: int | None
    today: date
    records: list[dict[str, Any]] = field(default_factory=list)
    """With `pae exporter --dossier`: the dossier as written, every field (right of access)."""

    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]

    def labelled(self) -> list[list[Value]]:
        """The rows with French labels instead of codes (spreadsheets)."""
        return [
            [
                label(c.labels, v) if c.labels and isinstance(v, str) else v
                for c, v in zip(self.columns, row, strict=True)
            ]
            for row in self.rows
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": "pae-export",
            "version": FORMAT_VERSION,
            "date": self.today.isoformat(),
            "session": self.session,
            "pseudonymise": self.pseudonymised,
            "lignes": [
                {
                    c.key: v.isoformat() if isinstance(v, date) else v
                    for c, v in zip(self.columns, row, strict=True)
                }
                for row in self.rows
            ],
        } | ({"dossiers": self.records} if self.records else {})


def _label(column: Column, value: Value) -> Value:
    return label(column.labels, value) if column.labels and isinstance(value, str) else value


def export(
    statuses: list[DossierStatus],
    ctx: Context,
    pseudonymise: bool = False,
    key: str = "",
    session: int | None = None,
    records: bool = False,
) -> Export:
    """The rows of these dossiers; pseudonymised: a stable pseudonym instead of the id, no
    name, contact detail or free text. `records`: each dossier as written too, every field
    (the right of access; loaded with `keep_raw=True`)."""
    columns = COLUMNS
    if pseudonymise:
        columns = (
            Column("pseudonyme", "Pseudonyme", lambda st, c: pseudonym(st.dossier.id, key)),
            *(c for c in COLUMNS if not c.personal),
        )
    rows = [[c.value(st, ctx) for c in columns] for st in statuses]
    written = [(st.full or st.dossier).raw for st in statuses] if records else []
    return Export(columns, rows, pseudonymise, session, ctx.today, written)
