"""Views as of a date show what was known that day (issue 14, item 5): on the demo, at
15 October 2026, Sarah Belkacem's early exit and bilan of 6 November have not happened."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from click.testing import Result

from dossier_builder import en_parcours, status_of
from pae.programme.as_of import known_at
from pae.programme.status import Event
from pae.records.dossier import Dossier

REPO = Path(__file__).resolve().parents[1]
SARAH = "0990001N-2026-004"
Run = Callable[..., Result]


def _json(run: Run, *args: str) -> object:
    result = run("--depot", REPO, *args, "--date", "2026-10-15", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_statut_at_d_shows_no_later_exit(run: Run) -> None:
    rows = _json(run, "statut")
    assert isinstance(rows, list)
    sarah = next(r for r in rows if r["id"] == SARAH)
    assert (sarah["etape"], sarah["sortie"]) == ("en_parcours", "non_renseignee")


def test_export_at_d_shows_no_later_exit_nor_bilan(run: Run) -> None:
    data = _json(run, "exporter", "--dossier", SARAH)
    assert isinstance(data, dict)
    (line,) = data["lignes"]
    assert line["sortie_anticipee_le"] is None
    assert line["sortie_anticipee_motif"] is None
    assert line["bilan_le"] is None
    assert line["sortie"] is None  # on her way on D: no outcome yet


def test_the_same_dossier_later_shows_its_exit(run: Run) -> None:
    result = run(
        "--depot", REPO, "exporter", "--dossier", SARAH, "--date", "2026-12-20", "--format", "json"
    )
    (line,) = json.loads(result.stdout)["lignes"]
    assert (line["sortie_anticipee_le"], line["bilan_le"]) == ("2026-11-06", "2026-11-06")


def _written() -> Dossier:
    jeune = (
        en_parcours(1)
        .point("2026-10-20")
        .presence("absent", "2026-10-19")
        .sortie("2026-11-06", "abandon")
        .bilan("2026-11-06", "sans_solution", transmis="2026-11-07")
    )
    return jeune.dossier()


def test_known_at_drops_what_came_later() -> None:
    written = _written()
    known = known_at(written, date(2026, 10, 15))
    assert [p.date for p in known.points] == [date(2026, 10, 9)]
    assert [p.date for p in known.assiduite] == [date(2026, 10, 6), date(2026, 10, 13)]
    assert known.sortie_anticipee is None
    assert known.bilan is not None
    assert (known.bilan.date, known.bilan.solution, known.bilan.transmis_chef_etablissement) == (
        date(2026, 11, 6),
        None,
        None,
    )
    assert [p["date"] for p in known.raw["suivi"]["points"]] == ["2026-10-09"]
    assert "sortie_anticipee" not in known.raw
    assert known.actions == written.actions  # planned, they stay


def test_known_at_keeps_the_same_dossier_when_nothing_is_later() -> None:
    written = _written()
    assert known_at(written, date(2026, 12, 20)) is written


def test_status_keeps_the_written_dossier_and_lists_what_is_left_out() -> None:
    jeune = en_parcours(1).point("2026-10-20").sortie("2026-11-06", "abandon")
    st = status_of(jeune, "2026-10-15")
    assert st.full is not None and st.full.sortie_anticipee is not None
    assert st.dossier.sortie_anticipee is None
    assert st.later == [
        Event(date(2026, 10, 20), "Point de suivi", False),
        Event(date(2026, 11, 6), "Sortie anticipée (abandon)", False),
    ]
    assert all(e.date <= date(2026, 10, 15) or not e.done for e in st.timeline)
    assert status_of(jeune, "2026-12-20").full is None
