"""Warnings: a level between errors and alerts. Printed by `pae valider`, reported to the
forges as minor, exit 0 unless `--strict`; the views keep the dossier."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Edit, Run
from forge_helpers import pae
from pae.codes import WARNING_CODES, Code, Severity
from pae.problems import Problem
from pae.reports.formats import VALIDATION_FORMATS
from pae.repository import ValidationResult, statuses, validate

DOSSIER = "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"
DATE = ("--date", "2026-11-27")
W1_LINE = f"  {DOSSIER}:36:17: W1 entretien approfondi du 16/09/2026 sans le référent parmi les "
W1_HINT = (
    "      → le professeur référent mène l'entretien approfondi avec le conseiller de la mission "
    "locale (vademecum, § 4) : ajouter referent aux participants s'ils étaient présents\n"
)


def without_referent(dossier: Path, edit: Edit) -> None:
    edit(dossier, "participants: [referent, conseiller_ml]", "participants: [conseiller_ml, mlds]")


# --- W1: who held the in-depth interview -----------------------------------------------------


def w1(root: Path, today: str = "2026-11-27") -> list[tuple[int | None, str, str | None]]:
    result = validate(root, date.fromisoformat(today))
    return [(p.line, p.message, p.hint) for p in result.problems if p.code is Code.W1]


def test_w1_both_advisers_present_no_warning(reseau: Path) -> None:
    assert w1(reseau) == []


def test_w1_without_the_referent(reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    assert w1(reseau) == [
        (
            36,
            "entretien approfondi du 16/09/2026 sans le référent parmi les participants",
            "le professeur référent mène l'entretien approfondi avec le conseiller de la "
            "mission locale (vademecum, § 4) : ajouter referent aux participants s'ils "
            "étaient présents",
        )
    ]


def test_w1_without_the_conseiller(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "participants: [referent, conseiller_ml]", "participants: [referent]")
    assert [m for _, m, _ in w1(reseau)] == [
        "entretien approfondi du 16/09/2026 sans le conseiller de la mission locale parmi les "
        "participants"
    ]


def test_w1_without_either_and_without_a_list(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  participants: [referent, conseiller_ml]\n", "")
    found = w1(reseau)
    assert [m for _, m, _ in found] == [
        "entretien approfondi du 16/09/2026 sans le référent ni le conseiller de la mission "
        "locale parmi les participants"
    ]
    assert found[0][0] == 35  # no list: the section, at its first line
    assert (found[0][2] or "").endswith(
        ": ajouter referent et conseiller_ml aux participants s'ils étaient présents"
    )


def test_w1_only_once_the_interview_is_held(reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    assert w1(reseau, "2026-09-15") == []  # planned for the 16th
    assert len(w1(reseau, "2026-09-16")) == 1


# --- pae valider ----------------------------------------------------------------------------


def test_warnings_are_printed_and_exit_0(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    result = run("--depot", reseau, "valider", *DATE)
    assert result.exit_code == 0
    assert result.output == (
        f"{DOSSIER} (1 avertissement)\n"
        f"{W1_LINE}participants\n"
        f"{W1_HINT}"
        "\n"
        "Tout est valide : 4 fichiers vérifiés ; 1 avertissement.\n"
    )


def test_strict_makes_warnings_fail(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    result = run("--depot", reseau, "valider", *DATE, "--strict")
    assert result.exit_code == 1
    assert result.output.endswith(
        "\n1 avertissement dans 1 fichier (4 fichiers vérifiés), refusés par --strict.\n"
    )


def test_strict_on_a_clean_network_passes(run: Run, reseau: Path) -> None:
    result = run("--depot", reseau, "valider", *DATE, "--strict")
    assert (result.exit_code, result.output) == (0, "Tout est valide : 4 fichiers vérifiés.\n")


def test_errors_warnings_and_alerts_counted_apart(
    run: Run, reseau: Path, dossier: Path, edit: Edit
) -> None:
    without_referent(dossier, edit)
    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    result = run("--depot", reseau, "valider", *DATE, "--alertes")
    assert result.exit_code == 1
    first, *_, last = result.output.splitlines()
    assert first == f"{DOSSIER} (1 erreur, 1 avertissement, 1 alerte)"
    assert last == "1 erreur dans 1 fichier (4 fichiers vérifiés) ; 1 avertissement ; 1 alerte."


def test_json_counts_warnings(run: Run, reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    data = json.loads(run("--depot", reseau, "valider", *DATE, "--format", "json").output)
    assert (data["valide"], data["erreurs"], data["avertissements"]) == (True, 0, 1)
    assert data["problemes"][0]["gravite"] == "avertissement"
    strict = run("--depot", reseau, "valider", *DATE, "--format", "json", "--strict")
    assert json.loads(strict.output)["valide"] is False


# --- the forges: minor ----------------------------------------------------------------------


def _reported(root: Path, fmt: str) -> str:
    result = validate(root, date(2026, 11, 27))
    out = io.StringIO()
    VALIDATION_FORMATS[fmt](result, out)
    return out.getvalue()


def test_forges_report_warnings_as_minor(reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    (issue,) = json.loads(_reported(reseau, "gitlab"))
    assert (issue["check_name"], issue["severity"]) == ("W1", "minor")
    log = json.loads(_reported(reseau, "sarif"))["runs"][0]
    assert log["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "warning"}
    assert log["results"][0]["level"] == "warning"
    assert _reported(reseau, "github").startswith(
        f"::warning file={DOSSIER},line=36,col=17,title=W1::entretien approfondi"
    )
    junit = _reported(reseau, "junit")
    assert 'failures="0"' in junit and "<system-out>" in junit and "W1 entretien" in junit


def test_the_result_object_under_strict() -> None:
    warning = Problem(Code.W1, DOSSIER, "m")
    assert warning.severity is Severity.WARNING and not warning.is_error
    assert ValidationResult([DOSSIER], [warning]).ok
    assert not ValidationResult([DOSSIER], [warning], strict=True).ok
    assert Code.W1 in WARNING_CODES


# --- the views keep a dossier that has only warnings ----------------------------------------


def test_views_show_a_dossier_with_warnings_only(reseau: Path, dossier: Path, edit: Edit) -> None:
    without_referent(dossier, edit)
    found = statuses(reseau, date(2026, 10, 15))
    assert found.invalid_files == []
    assert [st.dossier.id for st in found.statuses] == ["0990001N-2026-001"]


def test_statut_prints_no_invalid_file_for_warnings(
    reseau: Path, dossier: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    without_referent(dossier, edit)
    done = pae(capsys, "--depot", reseau, "statut", *DATE)
    assert done.code == 0 and done.err == ""
    assert "0990001N-2026-001" in done.out


# --- W2: the young person at the bilan --------------------------------------------------------

W2_HINT = (
    "l'entretien de bilan se tient avec le jeune (vademecum, § 5) : ajouter jeune aux "
    "participants, ou noter pourquoi il était absent (« absence_jeune: … »)"
)


def w2(root: Path, today: str = "2026-11-27") -> list[tuple[int | None, str, str | None]]:
    result = validate(root, date.fromisoformat(today))
    return [(p.line, p.message, p.hint) for p in result.problems if p.code is Code.W2]


def with_bilan(dossier: Path, *lines: str) -> None:
    text = dossier.read_text(encoding="utf-8")
    body = "".join(f"  {line}\n" for line in lines)
    dossier.write_text(f"{text}bilan:\n  date: 2026-11-20\n{body}", encoding="utf-8")


def test_w2_a_bilan_with_the_young_person(reseau: Path, dossier: Path) -> None:
    with_bilan(dossier, "participants: [referent, conseiller_ml, jeune]")
    assert w2(reseau) == []


def test_w2_a_bilan_without_the_young_person(reseau: Path, dossier: Path) -> None:
    with_bilan(dossier, "participants: [referent, conseiller_ml]")
    assert w2(reseau) == [(59, "bilan du 20/11/2026 sans le jeune parmi les participants", W2_HINT)]


def test_w2_a_reason_for_the_absence(reseau: Path, dossier: Path) -> None:
    with_bilan(
        dossier,
        "participants: [referent, conseiller_ml]",
        "absence_jeune: Injoignable malgré trois relances ; bilan fait avec sa mère.",
    )
    assert w2(reseau) == []


def test_w2_no_participants_at_all(reseau: Path, dossier: Path) -> None:
    with_bilan(dossier, "solution: emploi")
    assert [(line, m) for line, m, _ in w2(reseau)] == [
        (58, "bilan du 20/11/2026 sans le jeune parmi les participants")
    ]


def test_w2_only_once_the_bilan_is_held(reseau: Path, dossier: Path) -> None:
    with_bilan(dossier, "participants: [referent]")
    assert w2(reseau, "2026-11-19") == []
    assert len(w2(reseau, "2026-11-20")) == 1
