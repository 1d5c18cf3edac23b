"""`pae statut`'s formats: a table, CSV, JSON, and one dossier as a case worker's summary."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from pae.labels import DIPLOMA_LABELS, OUTCOME_LABELS, fr, label
from pae.programme.context import Context
from pae.programme.status import DossierStatus
from pae.programme.steps import Step
from pae.programme.todo import acting
from pae.reports.workbook import Table, Value, to_csv
from pae.terminal import visible


@dataclass
class StatusView:
    """What `pae statut` shows: the chosen dossiers, or the one asked for by its id."""

    context: Context
    statuses: list[DossierStatus]
    single: bool = False
    color: bool = False
    width: int = 100
    """The terminal's columns: the table fits them (`fit`)."""


COLUMNS = ("Dossier", "Nom", "Lycée", "Étape", "Référent", "Prochaine échéance", "Alertes")
DROPPED_FIRST = ("Lycée", "Référent")
"""Left out, in this order, when the table is wider than the terminal."""
SHRUNK = (("Prochaine échéance", 28), ("Nom", 12), ("Prochaine échéance", 21), ("Étape", 10))
"""Cut (with « … ») down to these widths, in this order, after the columns above are left
out: 100 columns keep the deadline's first words, 80 its date and whether it is late."""
GAP = "  "


def referent_name(st: DossierStatus) -> str:
    ins = st.dossier.inscription
    if not ins or not ins.referent:
        return ""
    return st.referent.nom if st.referent else ins.referent


def deadline_cell(st: DossierStatus, today: date) -> str:
    """« 25/09/2026 EN RETARD point de suivi avec le jeune (référent) »: the mark of
    `pae echeances`, next to the date so that a cut cell keeps it."""
    nxt = st.next_deadline
    if nxt is None:
        return ""
    late = " EN RETARD" if nxt.overdue(today) else ""
    return f"{fr(nxt.date)}{late} {nxt.what} ({nxt.actor.label})"


def row(st: DossierStatus, today: date) -> tuple[str, ...]:
    cells = (
        st.dossier.id,
        st.dossier.nom_complet,
        st.dossier.etablissement,
        st.etape.label,
        referent_name(st),
        deadline_cell(st, today),
        st.alert_codes,
    )
    return tuple(visible(c) for c in cells)


def fit(rows: list[tuple[str, ...]], width: int) -> list[tuple[str, ...]]:
    """The table within `width` columns: some columns left out, long cells cut with « … »
    (the header row first)."""
    columns = list(rows[0])

    def total(table: list[tuple[str, ...]]) -> int:
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        return sum(widths) + len(GAP) * (len(widths) - 1)

    for name in DROPPED_FIRST:
        if total(rows) <= width:
            return rows
        keep = [i for i, c in enumerate(columns) if c != name]
        columns = [columns[i] for i in keep]
        rows = [tuple(r[i] for i in keep) for r in rows]
    for name, least in SHRUNK:
        excess = total(rows) - width
        if excess <= 0:
            return rows
        i = columns.index(name)
        longest = max(len(r[i]) for r in rows)
        room = max(least, longest - excess)
        rows = [(*r[:i], _cut(r[i], room), *r[i + 1 :]) for r in rows]
    return rows


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _table(view: StatusView, out: TextIO) -> None:
    statuses, today = view.statuses, view.context.today
    if view.color:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table as RichTable

        table = RichTable(*COLUMNS, title=f"{len(statuses)} dossier(s)", show_lines=False)
        for st in statuses:
            cells = [escape(c) for c in row(st, today)]  # `[link=…]` in a name is text
            if st.alertes:
                cells[-1] = f"[bold red]{cells[-1]}[/]"
            table.add_row(*cells)
        Console(file=out, force_terminal=True, width=view.width).print(table)
        return
    rows = fit([COLUMNS, *(row(st, today) for st in statuses)], view.width)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write(GAP.join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"{len(statuses)} dossier(s)\n")


CSV_COLUMNS = (
    "Identifiant",
    "Nom",
    "Prénom",
    "Lycée (UAI)",
    "Diplôme",
    "Niveau",
    "Étape",
    "Motif de non-inscription",
    "Référent",
    "Conseiller de la mission locale",
    "Prochaine échéance",
    "Prochaine échéance : quoi",
    "Prochaine échéance : qui agit",
    "En retard",
    "Alertes",
    "Solution de sortie",
)
"""French headings, as `pae exporter`'s."""


def _csv_row(st: DossierStatus, today: date) -> list[Value]:
    """French labels, not codes; dates as values (the spreadsheet writer shows JJ/MM/AAAA)."""
    d, nxt = st.dossier, st.next_deadline
    return [
        d.id,
        d.nom,
        d.prenom,
        d.etablissement,
        label(DIPLOMA_LABELS, d.diplome),
        st.niveau,
        st.etape.label,
        st.motif_non_inscription,
        referent_name(st) or None,
        st.conseiller.nom if st.conseiller else None,
        nxt.date if nxt else None,
        nxt.what if nxt else None,
        acting(st, nxt) if nxt else None,
        nxt.overdue(today) if nxt else None,
        st.alert_codes or None,
        label(OUTCOME_LABELS, st.sortie_connue) if st.sortie_connue else None,
    ]


def as_dict(st: DossierStatus) -> dict[str, Any]:
    d, nxt = st.dossier, st.next_deadline
    return {
        "id": d.id,
        "nom": d.nom,
        "prenom": d.prenom,
        "etablissement": d.etablissement,
        "fichier": d.file,
        "diplome": d.diplome,
        "niveau": st.niveau,
        "etape": st.etape.value,
        "motif_non_inscription": st.motif_non_inscription,
        "referent": d.inscription.referent if d.inscription else None,
        "prochaine_echeance": {
            "date": nxt.date.isoformat(),
            "quoi": nxt.what,
            "qui": nxt.actor.value,
        }
        if nxt
        else None,
        "alertes": [a.as_dict() for a in st.alertes],
        "notes_conservables_jusqu_a": st.notes_conservables_jusqu_a,
        "assiduite": st.assiduite,
        "assiduite_recente": st.assiduite_recente,
        "jours_en_parcours": st.jours_en_parcours,
        "sortie": st.sortie,
        "erreurs": [e.as_dict() for e in st.errors],
    }


def _pct(rate: float | None) -> str:
    return f"{round(rate * 100)} %" if rate is not None else "—"


def summary(st: DossierStatus, ctx: Context) -> str:
    """The dossier as a case worker would brief a colleague."""
    d, etab = st.dossier, st.etablissement
    lines = [f"{d.nom_complet} — {d.id}", ""]
    if st.errors:
        lines.append(f"Erreurs à corriger ({len(st.errors)}) : lancer « pae valider {d.file} »")
        lines += [f"  {e.code} {e.message}" for e in st.errors]
        lines.append("")
    school = f"{etab.nom} ({etab.uai})" if etab else d.etablissement
    result = "admis" if d.resultat == "admis" else "non admis"
    lines.append(f"Lycée : {school}")
    diploma = DIPLOMA_LABELS.get(d.diplome, d.diplome)
    lines.append(
        f"Examen : {diploma} {d.specialite or ''}, session {d.session}, {result}".replace("  ", " ")
    )
    if st.notes_conservables_jusqu_a:
        lines.append(f"Notes ≥ 10 conservables jusqu'à la session {st.notes_conservables_jusqu_a}")
    step = st.etape.label + (f" ({st.motif_non_inscription})" if st.motif_non_inscription else "")
    lines.append(f"Étape : {step}")
    if d.inscription:
        ml, adviser = st.mission_locale, st.conseiller
        lines.append(f"Référent : {referent_name(st) or 'non désigné'}")
        adviser_name = adviser.nom if adviser else (st.conseiller_id or "non désigné")
        lines.append(
            f"Conseiller de la mission locale : {adviser_name}" + (f" ({ml.nom})" if ml else "")
        )
    if st.jours_en_parcours:
        lines.append(
            f"Parcours : {st.jours_en_parcours} jours ; assiduité {_pct(st.assiduite)} "
            f"({ctx.settings.fenetre_assiduite_semaines} dernières semaines d'école : "
            f"{_pct(st.assiduite_recente)})"
        )
    if st.sessions_unrecorded:
        lines.append(
            f"Séances non saisies : {st.sessions_unrecorded} sur {st.sessions_planned} "
            "prévues à ce jour (pae assiduite)"
        )
    if st.sortie_connue:
        lines.append(f"Sortie : {OUTCOME_LABELS[st.sortie_connue]}")
    lines += ["", "Chronologie"]
    for ev in st.timeline:
        mark = "✓" if ev.done else "…"
        lines.append(f"  {mark} {fr(ev.date)}  {ev.label}")
    if not st.timeline:
        lines.append("  (rien d'enregistré)")
    lines += ["", "À venir"]
    for dl in sorted(st.deadlines, key=lambda x: x.date):
        late = " — EN RETARD" if dl.date < ctx.today else ""
        lines.append(f"  {fr(dl.date)}  {dl.what} ({dl.actor.label}){late}")
    if not st.deadlines:
        lines.append(
            "  rien : dossier clos" if st.etape in (Step.TERMINE, Step.NON_INSCRIT) else "  —"
        )
    lines += ["", f"Alertes ({len(st.alertes)})"]
    for a in st.alertes:
        who = a.actor.label if a.actor else ""
        due = f", au plus tard le {fr(a.due)}" if a.due else ""
        lines.append(f"  {a.code} {a.message}")
        lines.append(f"      qui agit : {who}{due} — {a.where}")
        if a.hint:
            lines.append(f"      → {a.hint}")
    if not st.alertes:
        lines.append("  aucune")
    return "".join(visible(line) + "\n" for line in lines)


def text(view: StatusView, out: TextIO) -> None:
    if view.single:
        out.write(summary(view.statuses[0], view.context))
    else:
        _table(view, out)


def as_csv(view: StatusView, out: TextIO) -> None:
    """As `pae exporter` writes it, for French Excel: `;`, UTF-8 with a BOM, French labels,
    dates JJ/MM/AAAA, no cell run as a formula (`workbook.to_csv`)."""
    rows = [_csv_row(st, view.context.today) for st in view.statuses]
    out.write(to_csv(Table("Dossiers", CSV_COLUMNS, rows)).decode("utf-8"))


def as_json(view: StatusView, out: TextIO) -> None:
    rows = [as_dict(st) for st in view.statuses]
    json.dump(rows[0] if view.single else rows, out, ensure_ascii=False, indent=2)
    out.write("\n")
