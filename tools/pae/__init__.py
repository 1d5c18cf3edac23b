"""pae: the Parcours Ambition Emploi (AvenirPro+) dossiers, their rules and their views.

The library first: commands, the site, the tests and a user's own script call these.

    from datetime import date
    from pathlib import Path
    import pae

    result = pae.validate(Path("."), date(2026, 10, 15))   # errors E and warnings W
    print(result.ok, [p.as_dict() for p in result.problems])
    for st in pae.statuses(Path("."), date(2026, 10, 15)).statuses:
        print(st.dossier.id, st.etape.label, st.next_deadline)

    from pae.recording import events
    pae.edit_dossier(Path("."), "0990001N-2026-001", date(2026, 11, 30),
                     lambda doc, d, ctx: events.check_in(doc, d, date(2026, 11, 30), ["jeune"]))
"""

from pae.codes import CATALOGUE, Actor, Code, Severity
from pae.errors import DataError, PaeError, UsageError
from pae.problems import Problem
from pae.programme.as_of import known_at
from pae.programme.cohort import CohortFigures, cohort_figures
from pae.programme.context import Context
from pae.programme.deadlines import Deadline, Due
from pae.programme.status import (
    DossierStatus,
    DueItem,
    Filters,
    conseiller_todo,
    dossier_status,
    due_within,
    network_status,
)
from pae.programme.steps import Step
from pae.programme.todo import Person, by_person, for_person, todo_within
from pae.recording.importer import Plan, plan_import
from pae.recording.new import Identity, create_dossier
from pae.recording.transaction import Change, edit_dossier
from pae.records.dossier import Dossier
from pae.records.network import Network
from pae.records.reading import load_network
from pae.records.settings import Settings
from pae.repository import Statuses, Usable, ValidationResult, statuses, usable, validate

__all__ = [
    "CATALOGUE",
    "Actor",
    "Change",
    "Code",
    "CohortFigures",
    "Context",
    "DataError",
    "Deadline",
    "Dossier",
    "DossierStatus",
    "Due",
    "DueItem",
    "Filters",
    "Identity",
    "Network",
    "PaeError",
    "Person",
    "Plan",
    "Problem",
    "Settings",
    "Severity",
    "Statuses",
    "Step",
    "Usable",
    "UsageError",
    "ValidationResult",
    "by_person",
    "cohort_figures",
    "conseiller_todo",
    "create_dossier",
    "dossier_status",
    "due_within",
    "edit_dossier",
    "for_person",
    "known_at",
    "load_network",
    "network_status",
    "plan_import",
    "statuses",
    "todo_within",
    "usable",
    "validate",
]
