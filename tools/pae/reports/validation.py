"""`pae valider`'s own formats: text grouped by file, and JSON."""

from __future__ import annotations

import json
from typing import TextIO

from pae.labels import plural
from pae.repository import ValidationResult
from pae.terminal import visible


def text(result: ValidationResult, out: TextIO) -> None:
    """Grouped by file, one line per problem, `fichier:ligne:colonne: CODE message`."""
    for file, problems in result.by_file():
        errors = sum(p.is_error for p in problems)
        alerts = len(problems) - errors
        counts = ", ".join(
            s
            for s in (
                plural(errors, "erreur") if errors else "",
                plural(alerts, "alerte") if alerts else "",
            )
            if s
        )
        out.write(visible(f"{file} ({counts})") + "\n")
        for p in problems:
            out.write(visible(f"  {p.where}: {p.code} {p.message}") + "\n")
            if p.hint:
                out.write(visible(f"      → {p.hint}") + "\n")
        out.write("\n")
    out.write(summary(result) + "\n")


def summary(result: ValidationResult) -> str:
    files = len(result.checked)
    bad = len({p.file for p in result.errors})
    checked = plural(files, "fichier vérifié", "fichiers vérifiés")
    tail = f" ; {plural(len(result.alerts), 'alerte')}" if result.alerts else ""
    if result.ok:
        return f"Tout est valide : {checked}{tail}."
    errors = plural(len(result.errors), "erreur")
    return f"{errors} dans {plural(bad, 'fichier')} ({checked}){tail}."


def as_json(result: ValidationResult, out: TextIO) -> None:
    payload = {
        "valide": result.ok,
        "fichiers_verifies": len(result.checked),
        "erreurs": len(result.errors),
        "alertes": len(result.alerts),
        "problemes": [p.as_dict() for p in result.ordered()],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
