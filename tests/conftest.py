"""Shared fixtures: a copy of the small test network, and the CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from pae.cli.main import cli

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]

# Tests see no forge variables: GitLab's CI_PAGES_URL makes the site's links absolute, and
# module-scoped site builds run before any function fixture could remove it.
for _name in ("CI_PAGES_URL", "PAE_DEBUG"):
    os.environ.pop(_name, None)

# No example database: it would leave a .hypothesis/ folder in the working tree.
settings.register_profile("pae", database=None, deadline=None)
settings.load_profile("pae")


@pytest.fixture
def reseau(tmp_path: Path) -> Path:
    """A writable copy of tests/data/reseau (1 lycée, 1 mission locale, 1 offre, 1 dossier)."""
    root = tmp_path / "reseau"
    shutil.copytree(DATA / "reseau", root)
    return root


@pytest.fixture
def dossier(reseau: Path) -> Path:
    """The one dossier of the `reseau` copy."""
    return reseau / "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"


Edit = Callable[[Path, str, str], None]


@pytest.fixture
def edit() -> Edit:
    """Replace text that must occur exactly once in a file (a typo in a test fails loudly)."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return replace


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke `pae` in-process: `run("--depot", root, "valider")`."""
    runner = CliRunner()

    def invoke(*args: str | Path) -> Result:
        return runner.invoke(cli, [str(a) for a in args], prog_name="pae", catch_exceptions=False)

    return invoke
