"""What every rule, status and view needs: the network, its settings, the date, the calendar."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pae.programme.school_calendar import SchoolCalendar
from pae.records.network import Network
from pae.records.settings import Settings


@dataclass(frozen=True)
class Context:
    network: Network
    settings: Settings
    today: date
    """The reference date (`--date`): what is dated later has not happened yet."""
    calendar: SchoolCalendar = field(default_factory=SchoolCalendar, compare=False)
    future_events_are_errors: bool = True
    """`pae valider` refuses a past event dated after today (E8); the views of a dossier
    as of a date do not, since later events have simply not happened yet."""
