"""Regression: the demo network's steps and alerts, against the table computed by hand.

`tests/data/demo_attendu.yaml` holds, for each reference date, every dossier of `records/`
with its step and its sorted distinct alert codes, as docs/rules.md gives them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from pae.codes import ALERT_CODES
from pae.labels import STEP_LABELS
from pae.programme.context import Context
from pae.programme.status import DossierStatus, network_status
from pae.programme.steps import Step
from pae.records.reading import load_network

REPO = Path(__file__).resolve().parents[1]
EXPECTED = Path(__file__).parent / "data" / "demo_attendu.yaml"
DATES = ("2026-10-15", "2026-12-20")
EVERY_CODE = [f"A{i}" for i in range(1, 14)]

Run = Callable[..., Result]
Row = tuple[str, tuple[str, ...]]


@cache
def expected() -> dict[str, dict[str, Row]]:
    data: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(EXPECTED.read_text("utf-8"))
    return {
        str(day): {
            str(ident): (row["etape"], tuple(sorted(set(row["alertes"]))))
            for ident, row in rows.items()
        }
        for day, rows in data.items()
    }


@cache
def statuses(day: str) -> dict[str, DossierStatus]:
    loaded = load_network(REPO)
    ctx = Context(loaded.network, loaded.settings, date.fromisoformat(day))
    return {st.dossier.id: st for st in network_status(ctx)}


def actual(day: str) -> dict[str, Row]:
    return {
        ident: (st.etape.value, tuple(sorted({a.code for a in st.alertes})))
        for ident, st in statuses(day).items()
    }


def _diff(day: str) -> str:
    want, got = expected()[day], actual(day)
    lines = []
    for ident in sorted(set(want) | set(got)):
        if want.get(ident) == got.get(ident):
            continue
        lines.append(f"{ident}: attendu {want.get(ident)}, calculé {got.get(ident)}")
        for a in statuses(day)[ident].alertes if ident in got else ():
            lines.append(f"    {a.code} ({a.actor}) {a.message}")
    return "\n".join(lines)


def test_the_table_covers_both_dates() -> None:
    assert sorted(expected()) == list(DATES)


@pytest.mark.parametrize("day", DATES)
def test_demo_steps_and_alerts_match_the_hand_computed_table(day: str) -> None:
    diff = _diff(day)
    assert not diff, f"statut du {day} différent du tableau attendu :\n{diff}"


@pytest.mark.parametrize("day", DATES)
def test_demo_shows_every_step_and_every_alert(day: str) -> None:
    rows = actual(day).values()
    assert sorted({etape for etape, _ in rows}) == sorted(s.value for s in Step)
    assert sorted({code for _, found in rows for code in found}, key=lambda c: int(c[1:])) == (
        EVERY_CODE
    )
    assert list(ALERT_CODES) == EVERY_CODE


@pytest.mark.parametrize("day", DATES)
def test_pae_statut_shows_every_step_and_every_alert_kind(run: Run, day: str) -> None:
    table = run("--depot", REPO, "statut", "--date", day)
    assert table.exit_code == 0 and table.stderr == ""  # no invalid file ignored
    header, *lines, total = table.stdout.splitlines()
    start = header.index("Étape")
    width = header.index("Prochaine") - start
    shown = {line[start : start + width].strip() for line in lines}
    assert shown == set(STEP_LABELS.values())
    assert total == f"{len(expected()[day])} dossier(s)"

    as_json = run("--depot", REPO, "statut", "--date", day, "--format", "json")
    codes = {a["code"] for row in json.loads(as_json.stdout) for a in row["alertes"]}
    assert sorted(codes, key=lambda c: int(c[1:])) == EVERY_CODE


def test_the_first_day_back_after_toussaint_raises_no_a5_for_the_holidays() -> None:
    # 2 November 2026: only the dossier already late before the break (A5 on 16 October,
    # last check-in 24 September) is late; counting calendar days, 30 dossiers would be.
    def late(day: str) -> list[str]:
        return [i for i, st in statuses(day).items() if any(a.code == "A5" for a in st.alertes)]

    assert late("2026-10-16") == ["0990003R-2026-003"]
    assert late("2026-11-02") == ["0990003R-2026-003"]
