"""Reports where reviewers look: GitLab Code Quality, JUnit XML, GitHub annotations, SARIF,
each checked against its published format (tests/data/formats/)."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import gitlab_junit
from conftest import Edit, Run
from forge_helpers import pae
from pae.codes import FIXES, Actor, Code, Severity
from pae.problems import Problem
from pae.reports.forge import (
    annotation,
    fingerprints,
    github,
    gitlab,
    junit,
    message_kind,
    sarif,
)
from pae.reports.formats import VALIDATION_FORMATS as REPORTERS
from pae.reports.line_hash import line_hashes
from pae.repository import ValidationResult as Result

FORMATS = Path(__file__).parent / "data" / "formats"
DOSSIER = "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"
LYCEE = "records/etablissements/0990001N.yaml"


def error(code: str = "E8", line: int = 12, **kw: object) -> Problem:
    fields: dict[str, object] = {
        "file": DOSSIER,
        "message": "contact le 12/09/2026, après l'entretien d'information du 10/09/2026",
        "path": ("reperage", "contacts", 0, "date"),
        "hint": "vérifier l'ordre des dates",
        "line": line,
        "column": 9,
    }
    fields.update(kw)
    return Problem(code, **fields)  # type: ignore[arg-type]


def alert(code: str = "A5", line: int = 3) -> Problem:
    return Problem(
        code,
        DOSSIER,
        "pas de point de suivi depuis le 01/10/2026",
        ("suivi", "points"),
        line=line,
        column=1,
        severity=Severity.ALERT,
        actor=Actor.REFERENT,
    )


def sample() -> Result:
    """Two checked files: the dossier with two errors and an alert, the lycée clean."""
    problems = [
        error(),
        error("E2", 30, message="le référent « x-y » n'existe pas", path=("inscription",)),
        alert(),
    ]
    return Result([DOSSIER, LYCEE], problems)


def render(reporter: str, result: Result) -> str:
    out = io.StringIO()
    REPORTERS[reporter](result, out)
    return out.getvalue()


def test_the_forge_formats_are_registered_and_offered_by_the_cli(run: Run) -> None:
    assert {"gitlab", "junit", "github", "sarif", "texte", "json"} <= set(REPORTERS)
    assert "[github|gitlab|json|junit|sarif|texte]" in run("valider", "--help").output


# --- GitLab Code Quality ----------------------------------------------------------------


def gitlab_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (FORMATS / "gitlab-codequality.schema.json").read_text(encoding="utf-8")
    )
    return schema


def test_gitlab_report_follows_the_documented_format() -> None:
    issues = json.loads(render("gitlab", sample()))
    jsonschema.validate(issues, gitlab_schema())
    assert [i["check_name"] for i in issues] == ["A5", "E8", "E2"]
    assert issues[1] == {
        "description": "E8 contact le 12/09/2026, après l'entretien d'information du "
        "10/09/2026 → vérifier l'ordre des dates",
        "check_name": "E8",
        "fingerprint": fingerprints([error()])[0],
        "severity": "major",
        "location": {"path": DOSSIER, "lines": {"begin": 12}},
    }


def test_gitlab_errors_are_major_and_alerts_minor() -> None:
    issues = json.loads(render("gitlab", sample()))
    assert sorted((i["check_name"], i["severity"]) for i in issues) == [
        ("A5", "minor"),
        ("E2", "major"),
        ("E8", "major"),
    ]


def test_an_empty_result_is_an_empty_array() -> None:
    assert render("gitlab", Result([DOSSIER])) == "[]\n"


def test_fingerprints_ignore_the_line() -> None:
    assert fingerprints([error(line=12)]) == fingerprints([error(line=40)])


def test_fingerprints_ignore_the_values_quoted_in_the_message() -> None:
    before = error(message="le référent « x-y » n'existe pas")
    after = error(message="le référent « z-w » n'existe pas")
    assert fingerprints([before]) == fingerprints([after])
    assert message_kind("inscription le 01/10/2026") == "inscription le #/#/#"


@pytest.mark.parametrize(
    "other",
    [
        error(file=LYCEE),
        error(path=("inscription", "date")),
        error("E9"),
        error(message="présence du 12/09/2026 hors des dates de l'action a1"),
    ],
    ids=["file", "field", "code", "message kind"],
)
def test_fingerprints_differ_by_file_field_code_and_message_kind(other: Problem) -> None:
    assert fingerprints([error()]) != fingerprints([other])


def test_identical_problems_get_distinct_stable_fingerprints() -> None:
    twins = [error(line=5), error(line=9)]
    first = fingerprints(twins)
    assert len(set(first)) == 2
    assert fingerprints([error(line=6), error(line=10)]) == first
    issues = json.loads(render("gitlab", Result([DOSSIER], twins)))
    jsonschema.validate(issues, gitlab_schema())
    assert len({i["fingerprint"] for i in issues}) == 2


def test_gitlab_report_from_the_cli(reseau: Path, edit: Edit, run: Run, dossier: Path) -> None:
    edit(dossier, "referent: c-durand", "referent: x-inconnu")
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "gitlab")
    assert result.exit_code == 1
    issues = json.loads(result.output)
    jsonschema.validate(issues, gitlab_schema())
    assert [(i["check_name"], i["location"]) for i in issues] == [
        ("E2", {"path": DOSSIER, "lines": {"begin": 31}})
    ]


# --- JUnit ------------------------------------------------------------------------------


def gitlab_cases(text: str) -> dict[str, gitlab_junit.Case]:
    """The cases GitLab reads, by name; checks that none collapses into another."""
    cases = gitlab_junit.parse(text)
    assert len({c.key for c in cases}) == len(cases)
    return {c.name or "": c for c in cases}


def test_junit_report_is_what_gitlab_reads() -> None:
    text = render("junit", sample())
    suites = ET.fromstring(text)
    assert suites.attrib == {"name": "pae valider", "tests": "2", "failures": "1", "errors": "0"}
    cases = gitlab_cases(text)
    assert cases[DOSSIER] == gitlab_junit.Case(
        suite_name="pae valider",
        classname="records/jeunes/2026/0990001N",
        name=DOSSIER,
        file=DOSSIER,
        execution_time=0.0,
        status="failed",
        system_output=(
            f"{DOSSIER}:12:9: E8 contact le 12/09/2026, après l'entretien d'information du "
            "10/09/2026\n    → vérifier l'ordre des dates\n"
            f"{DOSSIER}:30:9: E2 le référent « x-y » n'existe pas\n"
            "    → vérifier l'ordre des dates\n"
            "\n\nSystem Out:\n\n"
            f"{DOSSIER}:3:1: A5 pas de point de suivi depuis le 01/10/2026\n"
        ),
    )
    assert (cases[LYCEE].status, cases[LYCEE].file) == ("success", LYCEE)


def test_junit_has_one_test_case_per_checked_file() -> None:
    suite = ET.fromstring(render("junit", sample())).find("testsuite")
    assert suite is not None
    cases = {c.attrib["name"]: c for c in suite.iter("testcase")}
    assert sorted(cases) == [LYCEE, DOSSIER]
    assert list(cases[LYCEE]) == []
    assert cases[DOSSIER].attrib == {
        "name": DOSSIER,
        "classname": "records/jeunes/2026/0990001N",
        "file": DOSSIER,
    }
    failure = cases[DOSSIER].find("failure")
    assert failure is not None
    assert failure.attrib == {"message": "2 erreurs : E2, E8", "type": "E2, E8"}
    assert failure.text == (
        f"{DOSSIER}:12:9: E8 contact le 12/09/2026, après l'entretien d'information du "
        "10/09/2026\n    → vérifier l'ordre des dates\n"
        f"{DOSSIER}:30:9: E2 le référent « x-y » n'existe pas\n"
        "    → vérifier l'ordre des dates\n"
    )
    out = cases[DOSSIER].find("system-out")
    assert out is not None
    assert out.text == f"{DOSSIER}:3:1: A5 pas de point de suivi depuis le 01/10/2026\n"


def test_junit_alerts_alone_do_not_fail_the_file() -> None:
    text = render("junit", Result([DOSSIER], [alert()]))
    assert gitlab_cases(text)[DOSSIER].status == "success"
    case = ET.fromstring(text).find("testsuite/testcase")
    assert case is not None
    assert case.find("failure") is None
    assert case.find("system-out") is not None


def test_junit_keeps_a_file_outside_the_checked_list_and_strips_non_xml_characters() -> None:
    odd = Problem("CODEOWNERS", "CODEOWNERS", "valeur « \x01 » refusée", line=1, column=1)
    text = render("junit", Result([DOSSIER], [odd]))
    cases = gitlab_cases(text)
    assert list(cases) == ["CODEOWNERS", DOSSIER]
    assert cases["CODEOWNERS"].file == "CODEOWNERS"
    assert "valeur « \ufffd » refusée" in text


def test_the_gitlab_checker_sees_what_gitlab_refuses() -> None:
    with pytest.raises(gitlab_junit.GitLabParseError, match="Disallowed type"):
        gitlab_junit.parse('<testsuite><testcase name="a"><failure type="yaml">x</failure>'
                           "</testcase></testsuite>")  # fmt: skip
    with pytest.raises(gitlab_junit.GitLabParseError, match="parsing failed"):
        gitlab_junit.parse("<testsuite><testcase></testsuite>")
    nested = gitlab_junit.parse(
        '<testsuites name="t"><testcase name="a"/><testsuite name="s"><testsuite name="u">'
        '<testcase name="b" time="1.5"/></testsuite></testsuite></testsuites>'
    )
    assert [(c.suite_name, c.name, c.execution_time) for c in nested] == [
        ("t", "a", 0.0),
        ("u", "b", 1.5),
    ]


def test_junit_report_from_the_cli(reseau: Path, run: Run) -> None:
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "junit")
    assert result.exit_code == 0
    cases = gitlab_cases(result.output)
    assert len(cases) == 4
    assert all(c.file == name and c.status == "success" for name, c in cases.items())
    assert ET.fromstring(result.output).attrib["tests"] == "4"


# --- GitHub -----------------------------------------------------------------------------

COMMAND = re.compile(r"::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([^,:]+)::(.*)")


def test_github_annotation_syntax_and_escaping() -> None:
    p = error(message="100% faux, vraiment: oui\nligne 2", file="records/a,b:c.yaml", hint=None)
    assert annotation(p) == (
        "::error file=records/a%2Cb%3Ac.yaml,line=12,col=9,title=E8::100%25 faux, vraiment: "
        "oui%0Aligne 2"
    )
    assert COMMAND.fullmatch(annotation(p))


def test_github_alerts_are_warnings() -> None:
    lines = render("github", sample()).splitlines()
    assert lines == [
        f"::warning file={DOSSIER},line=3,col=1,title=A5::pas de point de suivi depuis le "
        "01/10/2026",
        f"::error file={DOSSIER},line=12,col=9,title=E8::contact le 12/09/2026, après "
        "l'entretien d'information du 10/09/2026 → vérifier l'ordre des dates",
        f"::error file={DOSSIER},line=30,col=9,title=E2::le référent « x-y » n'existe pas → "
        "vérifier l'ordre des dates",
        "2 erreurs dans 1 fichier (2 fichiers vérifiés) ; 1 alerte.",
    ]
    assert all(COMMAND.fullmatch(line) for line in lines[:3])


def test_github_annotates_ten_of_each_level_and_logs_the_rest() -> None:
    errors = [error(line=n, hint=None) for n in range(1, 13)]
    alerts = [alert(line=n) for n in range(100, 111)]
    lines = render("github", Result([DOSSIER], errors + alerts)).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    plain = [line for line in lines if not line.startswith("::")]
    assert plain == [
        f"{DOSSIER}:11:9: E8 contact le 12/09/2026, après l'entretien d'information du 10/09/2026",
        f"{DOSSIER}:12:9: E8 contact le 12/09/2026, après l'entretien d'information du 10/09/2026",
        f"{DOSSIER}:110:1: A5 pas de point de suivi depuis le 01/10/2026",
        "GitHub n'affiche que 10 annotations de chaque niveau : 3 autres problèmes dans le "
        "journal ci-dessus.",
        "12 erreurs dans 1 fichier (1 fichier vérifié) ; 11 alertes.",
    ]


def test_github_report_of_a_valid_network(reseau: Path, run: Run) -> None:
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "github")
    assert (result.exit_code, result.output) == (0, "Tout est valide : 4 fichiers vérifiés.\n")


# --- SARIF ------------------------------------------------------------------------------

_URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
SARIF_SCHEMA = json.loads((FORMATS / "sarif-schema-2.1.0.json").read_text("utf-8"))


def validate_sarif(log: dict[str, Any]) -> None:
    """The complete official schema, then what GitHub code scanning requires."""
    checker = jsonschema.FormatChecker()
    checker.checks("uri-reference")(
        lambda v: not isinstance(v, str) or bool(_URI_REFERENCE.fullmatch(v))
    )
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=checker).validate(log)
    github_requirements(log)


def github_requirements(log: dict[str, Any]) -> None:
    """The properties GitHub's "SARIF support for code scanning" marks required (an empty
    string does not count), and its limits."""
    assert log["$schema"] and log["version"] == "2.1.0"
    assert 1 <= len(log["runs"]) <= 20
    for run_ in log["runs"]:
        driver = run_["tool"]["driver"]
        assert driver["name"]
        assert isinstance(driver["rules"], list)
        for rule in driver["rules"]:
            assert rule["id"]
            assert len(rule.get("name", "")) <= 255
            for key in ("shortDescription", "fullDescription"):
                assert 0 < len(rule[key]["text"]) <= 1024, (rule["id"], key)
            assert rule["help"]["text"], rule["id"]
        assert isinstance(run_["results"], list)
        assert len(run_["results"]) <= 25_000
        for result in run_["results"]:
            assert result["message"]["text"]
            assert 1 <= len(result["locations"]) <= 10
            where = result["locations"][0]["physicalLocation"]
            assert where["artifactLocation"]["uri"]
            region = where["region"]
            start = (region["startLine"], region["startColumn"])
            end = (region["endLine"], region["endColumn"])
            assert all(isinstance(n, int) and n >= 1 for n in (*start, *end))
            assert end > start
            assert result["partialFingerprints"]["primaryLocationLineHash"]


def test_sarif_log_is_valid_against_the_oasis_schema() -> None:
    log = json.loads(render("sarif", sample()))
    validate_sarif(log)
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run_["language"] == "fr-FR"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["A5", "E2", "E8"]
    assert rules[0]["shortDescription"] == {"text": "Point de suivi en retard"}
    assert Code.E6.label == "Inscription après la date limite"
    assert rules[0]["defaultConfiguration"] == {"level": "warning"}
    assert rules[1]["defaultConfiguration"] == {"level": "error"}
    levels = [(r["ruleId"], r["level"], rules[r["ruleIndex"]]["id"]) for r in run_["results"]]
    assert levels == [("A5", "warning", "A5"), ("E8", "error", "E8"), ("E2", "error", "E2")]


def test_sarif_rules_describe_the_code_and_say_how_to_fix_it() -> None:
    rules = json.loads(render("sarif", sample()))["runs"][0]["tool"]["driver"]["rules"]
    a5, e2 = rules[0], rules[1]
    assert a5["fullDescription"] == {
        "text": "A5 — Point de suivi en retard. Alerte : le dossier reste valide, mais "
        "quelqu'un doit agir (référent)."
    }
    assert e2["fullDescription"] == {
        "text": "E2 — Référence à une fiche qui n'existe pas (lycée, mission locale, référent, "
        "structure). Erreur : le fichier n'est pas valide tant qu'elle n'est pas corrigée."
    }
    assert e2["help"] == {"text": FIXES[Code.E2]}
    assert a5["help"] == {"text": FIXES[Code.A5]}


def test_sarif_locations_are_relative_uris() -> None:
    odd = error(file="records/jeunes/2026/0990001N/élève 1.yaml")
    log = json.loads(render("sarif", Result([odd.file], [odd])))
    validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {
            "uri": "records/jeunes/2026/0990001N/%C3%A9l%C3%A8ve%201.yaml",
            "uriBaseId": "%SRCROOT%",
        },
        "region": {"startLine": 12, "startColumn": 9, "endLine": 12, "endColumn": 10},
    }


def test_sarif_of_a_valid_network(reseau: Path, run: Run) -> None:
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.output)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_regions_end_where_the_value_ends_and_lines_are_hashed_as_github_does(
    reseau: Path, edit: Edit, run: Run, dossier: Path
) -> None:
    edit(dossier, "referent: c-durand", "referent: x-inconnu")
    edit(dossier, "  mef: pae_n3", "  mef: pae_n4")
    result = run("--depot", reseau, "valider", "--date", "2026-10-15", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    validate_sarif(log)
    hashes = line_hashes(dossier.read_text(encoding="utf-8"))
    found = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"],
            r["partialFingerprints"]["primaryLocationLineHash"],
        )
        for r in log["runs"][0]["results"]
    ]
    region = {"startLine": 30, "startColumn": 8, "endLine": 30, "endColumn": 14}
    assert found == [
        ("E5", region, hashes[30]),
        ("E2", {"startLine": 31, "startColumn": 13, "endLine": 31, "endColumn": 22}, hashes[31]),
    ]


def test_a_result_whose_file_cannot_be_read_keeps_a_stable_fingerprint() -> None:
    log = json.loads(render("sarif", sample()))
    results = log["runs"][0]["results"]
    problems = sample().ordered()
    assert [r["partialFingerprints"]["primaryLocationLineHash"] for r in results] == [
        fp[:16] for fp in fingerprints(problems)
    ]


def test_sarif_keeps_the_first_25000_results_errors_first() -> None:
    problems = [alert(line=n) for n in range(1, 20_001)] + [
        error(line=n, hint=None) for n in range(1, 10_001)
    ]
    log = json.loads(render("sarif", Result([DOSSIER], problems)))
    results = log["runs"][0]["results"]
    assert len(results) == 25_000
    assert sum(r["level"] == "error" for r in results) == 10_000


# GitHub's own test vectors: github/codeql-action, src/fingerprints.test.ts (MIT licence).
GITHUB_VECTORS = [
    ("", ["c129715d7a2bc9a3:1"]),
    (" a\nb\n  \t\tc\n d", [
        "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1",
    ]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", [
        "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
        "b86d3392aea1be30:1", "e6ceba753e1a442:1",
    ]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
    ]),
    (" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
    ]),
    (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
    ]),
    (" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
    ]),
    ("Lorem ipsum dolor sit amet.\n" * 10, [
        "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
        "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
        "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
    ]),
    ("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n", [
        "e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1", "5c482a0f8b35ea28:1",
        "54517377da7028d2:1", "2c644846cb18d53e:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), GITHUB_VECTORS)
def test_line_hashes_match_githubs_own_test_vectors(text: str, expected: list[str]) -> None:
    assert line_hashes(text) == dict(enumerate(expected, 1))


def test_reporters_write_only_to_their_stream() -> None:
    for func in (gitlab, junit, github, sarif):
        out = io.StringIO()
        func(sample(), out)
        assert out.getvalue().endswith("\n")


# --- several reports in one run ---------------------------------------------------------


def test_rapport_writes_extra_reports(
    reseau: Path, edit: Edit, dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(dossier, "referent: c-durand", "referent: x-inconnu")
    gl, ju = reseau / "gl.json", reseau / "sous-dossier" / "junit.xml"
    done = pae(
        capsys,
        "--depot",
        reseau,
        "valider",
        "--date",
        "2026-10-15",
        "--rapport",
        f"gitlab:{gl}",
        "--rapport",
        f"junit:{ju}",
    )
    assert done.code == 1
    assert done.out.endswith("1 erreur dans 1 fichier (4 fichiers vérifiés).\n")
    jsonschema.validate(json.loads(gl.read_text("utf-8")), gitlab_schema())
    assert gitlab_cases(ju.read_text("utf-8"))[DOSSIER].status == "failed"


@pytest.mark.parametrize("spec", ["gitlab", "pdf:rapport.pdf", "junit:"])
def test_a_bad_rapport_is_a_usage_error(
    reseau: Path, spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    done = pae(capsys, "--depot", reseau, "valider", "--rapport", spec)
    assert done.code == 2
    assert done.err == (
        f"Erreur : --rapport « {spec} » : FORMAT:FICHIER attendu, FORMAT parmi "
        "github, gitlab, json, junit, sarif, texte\n"
    )
    assert done.out == ""
