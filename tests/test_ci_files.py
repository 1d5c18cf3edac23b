"""The ready-made CI, pre-commit hooks and templates: parsed, their commands checked to
exist, and the validation job's own command run on the test network."""

from __future__ import annotations

import json
import os
import re
import shlex
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import gitlab_junit
from conftest import REPO
from forge_helpers import FILE_1, commit, git, init_repo, pae
from pae.cli.main import cli

FORMATS = Path(__file__).parent / "data" / "formats"


def load(rel: str) -> Any:
    return yaml.safe_load((REPO / rel).read_text(encoding="utf-8"))


GITLAB = load(".gitlab-ci.yml")
GITHUB = load(".github/workflows/ci.yml")
MAKE_TARGETS = set(re.findall(r"^([\w.-]+):", (REPO / "Makefile").read_text(), re.M))


def gitlab_jobs() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in GITLAB.items() if isinstance(v, dict) and "script" in v}


def github_runs() -> list[str]:
    return [s["run"] for job in GITHUB["jobs"].values() for s in job["steps"] if "run" in s]


def every_command() -> list[str]:
    lines = [line for job in gitlab_jobs().values() for line in job["script"]]
    return lines + github_runs() + [load(".pre-commit-hooks.yaml")[0]["entry"]]


def help_of(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("line", every_command())
def test_every_command_exists(line: str) -> None:
    words = shlex.split(line)
    if words[0] == "make":
        assert set(words[1:]) <= MAKE_TARGETS
    elif words[0] in ("pae", ".venv/bin/pae"):
        command = words[1]
        assert command in help_of()
        options = [w.split("=")[0] for w in words[2:] if w.startswith("--")]
        text = help_of(command)
        for option in options:
            assert re.search(rf"(^|[\s,]){re.escape(option)}\b", text), option
    else:
        assert words[:4] == ["python", "-m", "pip", "install"], line


def test_the_readme_commands_are_used() -> None:
    commands = every_command()
    assert "make test" in commands
    assert "make site" in commands
    assert {"site", "test"} <= MAKE_TARGETS


# --- GitLab -----------------------------------------------------------------------------


def test_gitlab_jobs() -> None:
    assert GITLAB["image"] == "python:3.11-bookworm"
    assert sorted(gitlab_jobs()) == ["pages", "site", "test", "valider"]
    assert gitlab_jobs()["test"]["script"] == ["make test"]
    assert gitlab_jobs()["site"]["script"] == ["make site"]


def test_gitlab_valider_runs_on_merge_requests_and_keeps_both_reports() -> None:
    job = GITLAB["valider"]
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "rapport-junit.xml",
    }


def test_gitlab_valider_also_runs_on_the_default_branch_for_the_widgets_to_compare() -> None:
    """GitLab's Code Quality and test widgets compare the merge request's reports with the
    target branch's at the merge base: no report there, no new or resolved problems."""
    job = GITLAB["valider"]
    assert job["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'},
        {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"},
    ]
    # The same scope on both sides: a report of the changed files only would make every
    # problem of the other files look resolved.
    command = job["script"][-1]
    assert command.startswith("pae valider ")
    assert "--depuis" not in command
    # Reports live long enough for a merge request opened from an older commit.
    assert job["artifacts"]["expire_in"] == "1 year"
    assert all("when" not in rule for rule in job["rules"])


def test_gitlab_pages_publishes_public_from_the_default_branch_only() -> None:
    job = GITLAB["pages"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["script"] == ["make site"]


def test_gitlab_valider_command_runs_here(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The job's own command, on a merge request that breaks one dossier."""
    init_repo(reseau)
    git(reseau, "switch", "-q", "-c", "demande")
    path = reseau / FILE_1
    path.write_text(path.read_text("utf-8").replace("mef: pae_n3", "mef: pae_n4"), "utf-8")
    commit(reseau, "MEF")
    monkeypatch.chdir(reseau)
    line = GITLAB["valider"]["script"][-1]
    words = shlex.split(os.path.expandvars(line))
    done = pae(capsys, *words[1:], "--date", "2026-10-15")
    assert done.code == 1
    assert done.out.endswith("1 erreur dans 1 fichier (4 fichiers vérifiés).\n")
    reports = GITLAB["valider"]["artifacts"]["reports"]
    issues = json.loads((reseau / reports["codequality"]).read_text("utf-8"))
    schema = json.loads((FORMATS / "gitlab-codequality.schema.json").read_text("utf-8"))
    jsonschema.validate(issues, schema)
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [("E5", FILE_1)]
    cases = gitlab_junit.parse((reseau / reports["junit"]).read_text("utf-8"))
    assert [(c.file, c.status) for c in cases if c.status != "success"] == [(FILE_1, "failed")]
    assert len(cases) == 4


# --- GitHub -----------------------------------------------------------------------------


def default_branch_only(condition: str) -> bool:
    return "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)" in (
        " ".join(condition.split())
    )


def test_github_workflow_jobs() -> None:
    triggers = GITHUB.get("on", GITHUB.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"pull_request", "push"} <= set(triggers)
    jobs = GITHUB["jobs"]
    assert sorted(jobs) == ["analyse", "deploiement", "pages", "site", "test", "valider"]
    assert jobs["valider"]["if"] == "github.event_name == 'pull_request'"
    assert [s.get("run") for s in jobs["test"]["steps"]][-1] == "make test"
    assert jobs["test"]["container"] == "python:3.11-bookworm"


def test_github_pages_deploy_from_the_default_branch_only() -> None:
    jobs = GITHUB["jobs"]
    assert default_branch_only(jobs["pages"]["if"])
    steps = jobs["pages"]["steps"]
    assert [s.get("run") for s in steps if "run" in s] == ["make site"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"] == {"path": "public"}
    deploy = jobs["deploiement"]
    assert deploy["needs"] == "pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["name"] == "github-pages"


def test_github_valider_command_runs_here(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    init_repo(reseau)
    base = git(reseau, "rev-parse", "HEAD").strip()
    path = reseau / FILE_1
    path.write_text(path.read_text("utf-8").replace("mef: pae_n3", "mef: pae_n4"), "utf-8")
    step = GITHUB["jobs"]["valider"]["steps"][-1]
    monkeypatch.chdir(reseau)
    monkeypatch.setenv("BASE_SHA", base)
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    words = shlex.split(os.path.expandvars(step["run"]))
    done = pae(capsys, *words[1:], "--date", "2026-10-15")
    assert done.code == 1
    assert done.out.splitlines()[0] == (
        f"::error file={FILE_1},line=30,col=8,title=E5::MEF « pae_n4 » incompatible avec "
        "le diplôme CAP → un jeune issu de CAP est inscrit en pae_n3"
    )


def test_github_code_scanning_is_opt_in_and_uploads_the_sarif_report() -> None:
    job = GITHUB["jobs"]["analyse"]
    condition = " ".join(job["if"].split())
    assert condition.startswith("vars.PAE_ANALYSE_CODE == 'oui' && (")
    assert "github.event_name == 'pull_request'" in condition
    assert default_branch_only(condition)
    assert job["permissions"] == {
        "contents": "read",
        "actions": "read",
        "security-events": "write",
    }
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")  # the action hashes the files
    command = next(s["run"] for s in steps if s.get("run", "").startswith("pae valider"))
    assert command == "pae valider --rapport sarif:pae.sarif"  # the whole repository
    upload = steps[-1]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    assert upload["with"] == {"sarif_file": "pae.sarif", "category": "pae"}
    assert "!cancelled()" in upload["if"]  # errors make pae exit 1: upload them anyway


def test_github_analyse_command_runs_here(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_report_forge import validate_sarif

    path = reseau / FILE_1
    path.write_text(path.read_text("utf-8").replace("mef: pae_n3", "mef: pae_n4"), "utf-8")
    monkeypatch.chdir(reseau)
    steps = GITHUB["jobs"]["analyse"]["steps"]
    command = next(s["run"] for s in steps if s.get("run", "").startswith("pae valider"))
    done = pae(capsys, *shlex.split(command)[1:], "--date", "2026-10-15")
    assert done.code == 1
    log = json.loads((reseau / steps[-1]["with"]["sarif_file"]).read_text("utf-8"))
    validate_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["E5"]


# --- pre-commit, templates, guide -------------------------------------------------------


def test_pre_commit_hook_for_records_repositories() -> None:
    (hook,) = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "pae-valider"
    assert (hook["language"], hook["entry"], hook["pass_filenames"]) == (
        "python",
        "pae valider",
        True,
    )
    files = re.compile(hook["files"])
    assert files.search("records/jeunes/2026/0750654D/0750654D-2026-001.yaml")
    assert files.search("records/etablissements/0750654D.yml")
    assert not files.search("schema/jeune.schema.json")
    assert not files.search("docs/records/x.yaml")


def test_this_repository_runs_pae_valider_and_ruff_before_commits() -> None:
    repos = load(".pre-commit-config.yaml")["repos"]
    local = next(r for r in repos if r["repo"] == "local")
    assert local["hooks"][0]["entry"] == ".venv/bin/pae valider"
    ruff = next(r for r in repos if r["repo"].endswith("/ruff-pre-commit"))
    assert ruff["rev"] == f"v{version('ruff')}"
    assert {h["id"] for h in ruff["hooks"]} == {"ruff-check", "ruff-format"}


@pytest.mark.parametrize(
    "rel", [".gitlab/merge_request_templates/Dossier.md", ".github/pull_request_template.md"]
)
def test_review_templates_hold_a_french_checklist(rel: str) -> None:
    text = (REPO / rel).read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 5
    assert "- [ ] `pae valider` ne signale aucune erreur" in text


def test_hosting_guide() -> None:
    text = (REPO / "site/guide/hebergement.md").read_text(encoding="utf-8")
    for words in (
        "Membres du projet seulement",
        "Tout le monde ayant accès",
        "auth_basic_user_file",
        "pae site --etablissement 0750654D",
        "pae site --pseudonymiser",
        "noindex",
        "ENT",
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
        "expire_in",
        "PAE_ANALYSE_CODE",
    ):
        assert words in text
