"""`pae valider`'s own formats: text grouped by file, and JSON."""

from __future__ import annotations

import json
from typing import TextIO

from pae.labels import plural
from pae.problems import Problem
from pae.repository import ValidationResult
from pae.terminal import visible


def _counts(problems: list[Problem]) -> list[str]:
    """`2 erreurs`, `1 avertissement`, `3 alertes`: the levels present, most serious first."""
    levels = (
        (sum(p.weight for p in problems if p.is_error), "erreur"),
        (sum(p.is_warning for p in problems), "avertissement"),
        (sum(p.is_alert for p in problems), "alerte"),
    )
    return [plural(n, word) for n, word in levels if n]


def text(result: ValidationResult, out: TextIO) -> None:
    """Grouped by file, one line per problem, `fichier:ligne:colonne: CODE message`."""
    for file, problems in result.by_file():
        out.write(visible(f"{file} ({', '.join(_counts(problems))})") + "\n")
        for p in problems:
            out.write(visible(f"  {p.where}: {p.code} {p.message}") + "\n")
            if p.hint:
                out.write(visible(f"      → {p.hint}") + "\n")
        out.write("\n")
    out.write(summary(result) + "\n")


def error_count(result: ValidationResult) -> int:
    """Every error, those a capped line stands for included (« … et 1 950 autres »)."""
    return sum(p.weight for p in result.errors)


def summary(result: ValidationResult) -> str:
    checked = plural(len(result.checked), "fichier vérifié", "fichiers vérifiés")
    if result.ok:
        tail = "".join(f" ; {count}" for count in _counts(result.warnings + result.alerts))
        return f"Tout est valide : {checked}{tail}."
    if result.errors:
        bad = len({p.file for p in result.errors})
        errors = plural(error_count(result), "erreur")
        tail = "".join(f" ; {count}" for count in _counts(result.warnings + result.alerts))
        return f"{errors} dans {plural(bad, 'fichier')} ({checked}){tail}."
    # --strict, and warnings only.
    bad = len({p.file for p in result.warnings})
    warnings = plural(len(result.warnings), "avertissement")
    tail = "".join(f" ; {count}" for count in _counts(result.alerts))
    return f"{warnings} dans {plural(bad, 'fichier')} ({checked}), refusés par --strict{tail}."


def as_json(result: ValidationResult, out: TextIO) -> None:
    payload = {
        "valide": result.ok,
        "fichiers_verifies": len(result.checked),
        "erreurs": error_count(result),
        "avertissements": len(result.warnings),
        "alertes": len(result.alerts),
        "problemes": [p.as_dict() for p in result.ordered()],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
