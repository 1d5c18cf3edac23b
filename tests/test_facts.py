"""The "as of D" facts every view reads: each boundary is the day before, the day, the day
after."""

from __future__ import annotations

from datetime import date

import pytest

from dossier_builder import Jeune, en_parcours, statuses_of
from pae.codes import Actor, Code
from pae.programme.facts import (
    bilan_sent,
    bilan_with_solution,
    company_placement_spans,
    unexcused_absence_run,
)
from pae.programme.status import conseiller_todo, due_within


def closed(solution: str | None = "emploi") -> Jeune:
    return en_parcours(1).bilan("2026-12-10", solution, transmis="2026-12-14")


@pytest.mark.parametrize(
    ("today", "held", "sent"),
    [
        ("2026-12-09", False, False),
        ("2026-12-10", True, False),
        ("2026-12-13", True, False),
        ("2026-12-14", True, True),
    ],
)
def test_bilan_held_with_a_solution_and_sent(today: str, held: bool, sent: bool) -> None:
    d = closed().dossier()
    day = date.fromisoformat(today)
    assert bilan_with_solution(d, day) is held
    assert bilan_sent(d, day) is sent


def test_a_bilan_without_solution_is_not_a_bilan_with_solution() -> None:
    assert not bilan_with_solution(closed(None).dossier(), date(2026, 12, 20))


def test_company_days_are_counted_within_the_window() -> None:
    d = (
        Jeune(1)
        .action("s1", "2026-10-05", "2026-10-09", type="stage_immersion")
        .action("s2", "2026-10-08", "2026-10-12", type="stage_clause_sociale")
        .action("a1", "2026-10-01", "2026-10-31")
        .dossier()
    )
    spans = company_placement_spans(d, date(2026, 10, 6), date(2026, 10, 10))
    assert spans == [(date(2026, 10, 6), date(2026, 10, 10))]  # overlaps merged, clamped


def test_company_spans_apart_and_back_to_back() -> None:
    d = (
        Jeune(1)
        .action("s1", "2026-10-05", "2026-10-09", type="stage_immersion")
        .action("s2", "2026-10-10", "2026-10-12", type="stage_immersion")
        .action("s3", "2026-11-02", "2026-11-06", type="stage_clause_sociale")
        .action("s4", "2026-12-01", "2026-12-04", type="stage_immersion")
        .dossier()
    )
    assert company_placement_spans(d, date(2026, 10, 1), date(2026, 11, 30)) == [
        (date(2026, 10, 5), date(2026, 10, 12)),
        (date(2026, 11, 2), date(2026, 11, 6)),
    ]


def test_the_run_of_unexcused_absences_ends_in_the_window() -> None:
    d = (
        Jeune(1)
        .action("a1", "2026-10-05", "2026-10-16")
        .presence("absent", "2026-10-06", "2026-10-08", "2026-10-13")
        .presence("absent_justifie", "2026-10-14")
        .dossier()
    )
    run = unexcused_absence_run(d, date(2026, 10, 15), 3, date(2026, 10, 13))
    assert [p.date for p in run] == [date(2026, 10, 6), date(2026, 10, 8), date(2026, 10, 13)]
    assert unexcused_absence_run(d, date(2026, 10, 15), 3, date(2026, 10, 14)) == []


def test_due_within_includes_the_last_day_of_the_window() -> None:
    # The next check-in of en_parcours (last point Friday 2026-10-09) is due 10 school days
    # later, the Toussaint break left out: on 2026-11-06, 27 days after 2026-10-10.
    statuses, _ = statuses_of([en_parcours(1)], "2026-10-15")
    on_the_day = due_within(statuses, date(2026, 10, 10), 27)
    assert [i.deadline.date for i in on_the_day] == [date(2026, 11, 6)]
    assert due_within(statuses, date(2026, 10, 10), 26) == []
    everything = due_within(statuses, date(2026, 10, 10))
    assert [i.deadline.date for i in everything] == [date(2026, 11, 6), date(2026, 12, 31)]


def test_the_conseillers_to_do_holds_every_alert_of_theirs() -> None:
    france_travail = (
        Jeune(1).contact("2026-07-08").info("2026-09-10", france_travail={"inscrit": True})
    )
    no_imilo = en_parcours(2).inscription("2026-09-12", dossier_imilo=False)
    bilan_not_in_imilo = en_parcours(3).bilan("2026-10-12", "emploi", imilo=False)
    statuses, _ = statuses_of([france_travail, no_imilo, bilan_not_in_imilo], "2026-10-15")
    todo = conseiller_todo(statuses)
    assert [(st.dossier.id[-3:], a.code) for st, a in todo] == [
        ("001", Code.A10),
        ("002", Code.A4),
        ("003", Code.A9),
    ]
    assert all(a.actor is Actor.CONSEILLER for _, a in todo)
