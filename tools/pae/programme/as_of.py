"""A dossier as it was known on a date: what was written later had not happened yet.

Every status goes through `known_at` (`status.dossier_status`), so `pae statut`,
`pae echeances`, `pae exporter`, the indicators and the site built with `--date D` show
what was known on D. What is planned stays, marked planned by its date (the actions of the
plan, an interview fixed for a later day); what records an outcome is dropped when dated
after D (contacts, check-ins, attendance lines, an enrolment, an early exit, a hand-over,
the transmission of the bilan), and an interview held after D keeps only its date: on D it
was planned, its outcome unknown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from pae.programme.facts import past_events
from pae.records.dossier import Bilan, Dossier, EntretienApprofondi, EntretienInformation

Raw = dict[str, Any]


def latest_date(d: Dossier) -> date | None:
    """The latest date written in the dossier's events (planned actions apart): what has
    happened (`facts.past_events`) and the interviews, held or fixed ahead."""
    days = [day for day, _, _ in past_events(d)]
    if d.entretien_information:
        days.append(d.entretien_information.date)
    if d.entretien_approfondi and d.entretien_approfondi.date:
        days.append(d.entretien_approfondi.date)
    if d.bilan and d.bilan.date:
        days.append(d.bilan.date)
    return max(days, default=None)


def known_at(d: Dossier, today: date) -> Dossier:
    """The dossier as known on `today` (the same object when nothing is dated later)."""
    latest = latest_date(d)
    if latest is None or latest <= today:
        return d
    ei, ins, ea = d.entretien_information, d.inscription, d.entretien_approfondi
    exit_, handover = d.sortie_anticipee, d.passation
    return replace(
        d,
        raw=_raw_known_at(d.raw, today),
        contacts=tuple(c for c in d.contacts if c.date <= today),
        entretien_information=_planned_information(ei) if ei and ei.date > today else ei,
        inscription=ins if ins and ins.date <= today else None,
        entretien_approfondi=_planned_in_depth(ea) if ea and ea.date and ea.date > today else ea,
        points=tuple(p for p in d.points if p.date <= today),
        assiduite=tuple(p for p in d.assiduite if p.date <= today),
        sortie_anticipee=exit_ if exit_ and exit_.date <= today else None,
        passation=handover if handover and handover.date <= today else None,
        bilan=_bilan_known_at(d.bilan, today) if d.bilan else None,
    )


def _planned_information(ei: EntretienInformation) -> EntretienInformation:
    return EntretienInformation(ei.date, ei.mission_locale, None, ei.conseiller_ml)


def _planned_in_depth(ea: EntretienApprofondi) -> EntretienApprofondi:
    return EntretienApprofondi(ea.date)


def _bilan_known_at(b: Bilan, today: date) -> Bilan | None:
    if b.date and b.date > today:
        return Bilan(b.date)  # planned: neither solution nor transmission yet
    sent = b.transmis_chef_etablissement
    return replace(b, transmis_chef_etablissement=sent if sent and sent <= today else None)


def _raw_known_at(raw: Raw, today: date) -> Raw:
    """The loaded values the pages and exports read beside the typed ones (contacts and
    their comments, free texts), narrowed alike."""
    if not raw:
        return raw
    day = today.isoformat()
    out = dict(raw)

    def later(item: Any) -> bool:
        return isinstance(item, dict) and str(item.get("date", "")) > day

    rep = raw.get("reperage")
    if isinstance(rep, dict) and isinstance(rep.get("contacts"), list):
        out["reperage"] = {**rep, "contacts": [c for c in rep["contacts"] if not later(c)]}
    suivi = raw.get("suivi")
    if isinstance(suivi, dict):
        out["suivi"] = {
            k: [x for x in v if not later(x)] if isinstance(v, list) else v
            for k, v in suivi.items()
        }
    for key in ("inscription", "sortie_anticipee", "passation"):
        if later(raw.get(key)):
            del out[key]
    for key in ("entretien_information", "entretien_approfondi", "bilan"):
        if later(raw.get(key)):
            out[key] = {"date": raw[key]["date"]}
    bilan = out.get("bilan")
    if isinstance(bilan, dict) and str(bilan.get("transmis_chef_etablissement", "")) > day:
        out["bilan"] = {k: v for k, v in bilan.items() if k != "transmis_chef_etablissement"}
    return out
