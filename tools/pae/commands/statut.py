"""`pae statut`: one line per dossier, or one dossier as a case worker's summary."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pae.commands.common import invalid_warning, load_statuses
from pae.errors import DataError, UsageError
from pae.labels import DIPLOMA_LABELS, OUTCOME_LABELS, fr
from pae.problems import fill_positions
from pae.status import Core, DossierStatus, Step, check_filters, selected


@dataclass
class Options:
    root: Path
    today: date
    ident: str | None = None
    etablissement: str | None = None
    referent: str | None = None
    etape: str | None = None
    alertes_seulement: bool = False
    format: str = "texte"
    color: bool = False


COLUMNS = ("Dossier", "Nom", "Lycée", "Étape", "Référent", "Prochaine échéance", "Alertes")


def run(opts: Options, out: TextIO, err: TextIO) -> int:
    loaded = load_statuses(opts.root, opts.today)
    if warning := invalid_warning(loaded.invalid_files):
        err.write(warning + "\n")
    if opts.ident:
        st = next((s for s in loaded.statuses if s.dossier.id == opts.ident), None)
        broken = [f for f in loaded.invalid_files if Path(f).stem == opts.ident]
        if st is None and broken:
            raise DataError(
                f"le dossier « {opts.ident} » a des erreurs ({broken[0]}) : "
                "lancer « pae valider » pour les voir et les corriger"
            )
        if st is None:
            close = [s.dossier.id for s in loaded.statuses if opts.ident in s.dossier.id][:5]
            hint = f" ; dossiers proches : {', '.join(close)}" if close else ""
            raise UsageError(f"dossier « {opts.ident} » introuvable{hint}")
        fill_positions(opts.root, st.alertes)
        if opts.format == "json":
            json.dump(as_dict(st), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            out.write(summary(st, loaded.core))
        return 0
    check_filters(loaded.core, opts.etablissement, opts.referent)
    chosen = [st for st in loaded.statuses if _keep(st, opts)]
    if opts.format == "json":
        fill_positions(opts.root, [a for st in chosen for a in st.alertes])
        json.dump([as_dict(st) for st in chosen], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif opts.format == "csv":
        _csv(chosen, out)
    else:
        _table(chosen, out, opts.color)
    return 0


def _keep(st: DossierStatus, opts: Options) -> bool:
    if not selected(st, opts.etablissement, opts.referent):
        return False
    if opts.etape and st.etape.value != opts.etape:
        return False
    return not (opts.alertes_seulement and not st.alertes)


def referent_name(st: DossierStatus) -> str:
    ins = st.dossier.inscription
    if not ins or not ins.referent:
        return ""
    ref = st.etablissement.referent(ins.referent) if st.etablissement else None
    return ref.nom if ref else ins.referent


def row(st: DossierStatus) -> tuple[str, ...]:
    nxt = st.echeance
    deadline = f"{fr(nxt.date)} {nxt.what} ({nxt.actor.label})" if nxt else ""
    return (
        st.dossier.id,
        st.dossier.nom_complet,
        st.dossier.etablissement,
        st.etape.label,
        referent_name(st),
        deadline,
        str(len(st.alertes)) if st.alertes else "",
    )


def _table(statuses: list[DossierStatus], out: TextIO, color: bool) -> None:
    if color:
        from rich.console import Console
        from rich.table import Table

        table = Table(*COLUMNS, title=f"{len(statuses)} dossier(s)", show_lines=False)
        for st in statuses:
            cells = list(row(st))
            if st.alertes:
                cells[-1] = f"[bold red]{cells[-1]}[/]"
            table.add_row(*cells)
        Console(file=out, force_terminal=True).print(table)
        return
    rows = [COLUMNS, *(row(st) for st in statuses)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"{len(statuses)} dossier(s)\n")


def _csv(statuses: list[DossierStatus], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "nom",
            "prenom",
            "etablissement",
            "diplome",
            "niveau",
            "etape",
            "referent",
            "echeance",
            "echeance_quoi",
            "echeance_qui",
            "alertes",
            "sortie",
        ]
    )
    for st in statuses:
        d, nxt = st.dossier, st.echeance
        row = [
            d.id,
            d.nom,
            d.prenom,
            d.etablissement,
            d.diplome,
            st.niveau,
            st.etape.value,
            d.inscription.referent if d.inscription and d.inscription.referent else "",
            nxt.date.isoformat() if nxt else "",
            nxt.what if nxt else "",
            nxt.actor.value if nxt else "",
            " ".join(a.code for a in st.alertes),
            st.sortie,
        ]
        writer.writerow([_cell(c) for c in row])


def _cell(value: str) -> str:
    """A spreadsheet must not run a cell as a formula (`=HYPERLINK(…)` in a name)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_dict(st: DossierStatus) -> dict[str, Any]:
    d, nxt = st.dossier, st.echeance
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
        "alertes": [
            {
                "code": a.code,
                "message": a.message,
                "qui": a.actor.value if a.actor else None,
                "echeance": a.due.isoformat() if a.due else None,
                "ligne": a.line,
                "aide": a.hint,
            }
            for a in st.alertes
        ],
        "notes_conservables_jusqu_a": st.notes_conservables_jusqu_a,
        "assiduite": st.assiduite,
        "assiduite_recente": st.assiduite_recente,
        "jours_en_parcours": st.jours_en_parcours,
        "sortie": st.sortie,
    }


def _pct(rate: float | None) -> str:
    return f"{round(rate * 100)} %" if rate is not None else "—"


def summary(st: DossierStatus, core: Core) -> str:
    """The dossier as a case worker would brief a colleague."""
    d, etab = st.dossier, st.etablissement
    lines = [f"{d.nom_complet} — {d.id}", ""]
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
        ml = core.network.mission_locale_of(d)
        adviser = ml.conseiller(d.inscription.conseiller_ml) if ml else None
        lines.append(f"Référent : {referent_name(st) or 'non désigné'}")
        adviser_name = adviser.nom if adviser else (d.inscription.conseiller_ml or "non désigné")
        lines.append(f"Conseiller mission locale : {adviser_name}" + (f" ({ml.nom})" if ml else ""))
    if st.jours_en_parcours:
        lines.append(
            f"Parcours : {st.jours_en_parcours} jours ; assiduité {_pct(st.assiduite)} "
            f"({core.settings.fenetre_assiduite_semaines} dernières semaines : "
            f"{_pct(st.assiduite_recente)})"
        )
    if st.etape in (Step.BILAN, Step.TERMINE) or st.sortie != "non_renseignee":
        lines.append(f"Sortie : {OUTCOME_LABELS[st.sortie]}")
    lines += ["", "Chronologie"]
    for ev in st.timeline:
        mark = "✓" if ev.done else "…"
        lines.append(f"  {mark} {fr(ev.date)}  {ev.label}")
    if not st.timeline:
        lines.append("  (rien d'enregistré)")
    lines += ["", "À venir"]
    for dl in sorted(st.deadlines, key=lambda x: x.date):
        late = " — EN RETARD" if dl.date < core.today else ""
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
    return "\n".join(lines) + "\n"
