"""What `pae entretien` and `pae assiduite` hand to the library: defaults and parsing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pae.errors import UsageError
from pae.programme.context import Context
from pae.recording import events
from pae.recording.attendance import record_week, weekdays
from pae.records.dossier import Dossier
from pae.records.schema_walk import enum_values
from pae.records.yaml_edit import Document

Change = Callable[[Document, Dossier, Context, date], str]

INFORMATION = ("chef_etablissement", "conseiller_ml", "jeune")
IN_DEPTH = ("referent", "conseiller_ml", "jeune")
_ONLY_INFORMATION = ("mission_locale", "conseiller", "besoins", "france_travail", "decision")
_ONLY_IN_DEPTH = ("projet", "projet_detail")


def interview(kind: str, participants: tuple[str, ...], values: dict[str, Any]) -> Change:
    """The change `pae entretien --information|--approfondi` makes."""
    section = "entretien_information" if kind == "information" else "entretien_approfondi"
    allowed = enum_values("jeune", section, "participants")
    for who in participants:
        if who not in allowed:
            raise UsageError(f"participant « {who} » inconnu : {', '.join(allowed)}")
    wrong = _ONLY_IN_DEPTH if kind == "information" else _ONLY_INFORMATION
    given = [k for k in wrong if values.get(k) not in (None, (), False)]
    given += (
        ["france_travail_verifie"]
        if kind != "information" and values.get("france_travail_verifie")
        else []
    )
    if given:
        shown = ", ".join("--" + k.replace("_", "-") for k in given)
        raise UsageError(f"{shown} ne concerne pas l'entretien {kind}")
    replace = bool(values.get("remplacer"))
    if kind == "approfondi":
        return lambda doc, d, ctx, day: events.in_depth_interview(
            doc,
            d,
            day,
            participants or IN_DEPTH,
            values.get("projet"),
            values.get("projet_detail"),
            replace,
        )
    france_travail = None
    if values.get("france_travail"):
        france_travail = events.FranceTravail(
            values["france_travail"] == "inscrit",
            True if values.get("france_travail_verifie") else None,
            values.get("double_suivi"),
        )

    def change(doc: Document, d: Dossier, ctx: Context, day: date) -> str:
        etab = ctx.network.etablissements.get(d.etablissement)
        ml = values.get("mission_locale") or (etab.mission_locale if etab else None)
        return events.information_interview(
            doc,
            d,
            day,
            participants or INFORMATION,
            values.get("decision"),
            ml,
            values.get("conseiller"),
            values.get("besoins") or (),
            france_travail,
            replace,
        )

    return change


def attendance(week: date, absent: str, justifie: str, retard: str, only: str | None) -> Change:
    """The change `pae assiduite` makes: one status per weekday named, present otherwise."""
    marks: dict[int, str] = {}
    for text, statut in ((absent, "absent"), (justifie, "absent_justifie"), (retard, "retard")):
        for day in weekdays(text):
            if day in marks:
                raise UsageError(
                    "un même jour ne peut avoir qu'un statut (--absent, --justifie, --retard)"
                )
            marks[day] = statut
    return lambda doc, d, ctx, day: record_week(doc, d, ctx, week, marks, only)[0]
