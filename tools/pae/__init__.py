"""pae: the Parcours Ambition Emploi (AvenirPro+) dossiers, their rules and their views.

The library first: commands, the site, the tests and a user's own script call these.

    from datetime import date
    from pathlib import Path
    import pae

    result = pae.validate(Path("."), date(2026, 10, 15))   # errors E and warnings W
    print(result.ok, [p.as_dict() for p in result.problems])
    for st in pae.statuses(Path("."), date(2026, 10, 15)).statuses:
        print(st.dossier.id, st.etape.label, st.next_deadline)
"""

from pae.codes import CATALOGUE, Actor, Code, Severity
from pae.errors import DataError, PaeError, UsageError
from pae.problems import Problem
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
from pae.records.dossier import Dossier
from pae.records.network import Network
from pae.records.reading import load_network
from pae.records.settings import Settings
from pae.repository import Statuses, Usable, ValidationResult, statuses, usable, validate

__all__ = [
    "CATALOGUE",
    "Actor",
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
    "Network",
    "PaeError",
    "Problem",
    "Settings",
    "Severity",
    "Statuses",
    "Step",
    "Usable",
    "UsageError",
    "ValidationResult",
    "cohort_figures",
    "conseiller_todo",
    "dossier_status",
    "due_within",
    "load_network",
    "network_status",
    "statuses",
    "usable",
    "validate",
]
