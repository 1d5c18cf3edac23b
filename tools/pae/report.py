"""Reporters: the validation result as text, JSON, or a forge's report format."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from typing import TextIO

from pae.problems import Problem, Severity


@dataclass
class Result:
    """Every problem of every checked file, collected before anything is reported."""

    checked: list[str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def alerts(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ALERT]

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_file(self) -> list[tuple[str, list[Problem]]]:
        ordered = sorted(self.problems, key=Problem.sort_key)
        return [(f, list(g)) for f, g in groupby(ordered, key=lambda p: p.file)]


Reporter = Callable[[Result, TextIO], None]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func

    return register


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


@reporter("texte")
def text(result: Result, out: TextIO) -> None:
    """Grouped by file, one line per problem, `fichier:ligne:colonne: CODE message`."""
    for file, problems in result.by_file():
        errors = sum(p.severity is Severity.ERROR for p in problems)
        alerts = len(problems) - errors
        counts = ", ".join(
            s
            for s in (
                plural(errors, "erreur") if errors else "",
                plural(alerts, "alerte") if alerts else "",
            )
            if s
        )
        out.write(f"{file} ({counts})\n")
        for p in problems:
            out.write(f"  {p.where}: {p.code} {p.message}\n")
            if p.hint:
                out.write(f"      → {p.hint}\n")
        out.write("\n")
    out.write(summary(result) + "\n")


def summary(result: Result) -> str:
    files = len(result.checked)
    bad = len({p.file for p in result.errors})
    checked = plural(files, "fichier vérifié", "fichiers vérifiés")
    tail = f" ; {plural(len(result.alerts), 'alerte')}" if result.alerts else ""
    if result.ok:
        return f"Tout est valide : {checked}{tail}."
    errors = plural(len(result.errors), "erreur")
    return f"{errors} dans {plural(bad, 'fichier')} ({checked}){tail}."


def problem_dict(p: Problem) -> dict[str, object]:
    return {
        "code": p.code,
        "gravite": p.severity.value,
        "fichier": p.file,
        "ligne": p.line,
        "colonne": p.column,
        "champ": p.field_path,
        "message": p.message,
        "aide": p.hint,
        "qui": p.actor.value if p.actor else None,
        "echeance": p.due.isoformat() if p.due else None,
    }


@reporter("json")
def as_json(result: Result, out: TextIO) -> None:
    payload = {
        "valide": result.ok,
        "fichiers_verifies": len(result.checked),
        "erreurs": len(result.errors),
        "alertes": len(result.alerts),
        "problemes": [problem_dict(p) for p in sorted(result.problems, key=Problem.sort_key)],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


# The forges' formats (gitlab, junit, github, sarif) register themselves on import.
from pae import report_forge as _report_forge  # noqa: E402, F401
