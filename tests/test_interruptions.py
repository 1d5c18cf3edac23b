"""A command stopped before its end: Ctrl-C exits 130, SIGTERM 143, without a traceback;
a killed `pae site` leaves nothing behind for good (issue 11, item 6)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forge_helpers import pae

RESEAU = Path(__file__).parent / "data" / "reseau"
TODAY = ("--date", "2026-10-15")


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_ctrl_c_exits_130_in_french(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("pae.cli.commands.statut.run", interrupted)
    done = pae(capsys, "--depot", reseau, "statut", *TODAY)
    assert (done.code, done.out) == (130, "")
    assert done.err.strip() == "Interrompu."


def test_ctrl_c_at_a_question_exits_130(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("click.termui.visible_prompt_func", interrupted)
    (reseau / "records/.demo").write_text("démo\n", encoding="utf-8")
    done = pae(capsys, "--depot", reseau, "init", *TODAY)
    assert done.code == 130
    assert done.err.strip() == "Interrompu."


def test_end_of_input_at_a_question_is_an_abandon(
    reseau: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(*args: object, **kwargs: object) -> str:
        raise EOFError

    monkeypatch.setattr("click.termui.visible_prompt_func", closed)
    (reseau / "records/.demo").write_text("démo\n", encoding="utf-8")
    done = pae(capsys, "--depot", reseau, "init", *TODAY)
    assert done.code == 1
    assert done.err.strip() == "Abandon."


def test_leftovers_of_killed_builds_are_removed_not_those_of_running_ones(
    tmp_path: Path,
) -> None:
    from pae.site.publish import clean_leftovers

    output = tmp_path / "site"
    dead, alive = dead_pid(), os.getppid()
    names = [
        f".site.sources-{dead}",
        f".site.construction-{dead}",
        f".site.ancien-{dead}",
        f".site.construction-{alive}",
        f".autre.construction-{dead}",
        f".site.construction-{dead}x",
    ]
    for name in names:
        (tmp_path / name / "dossiers").mkdir(parents=True)
        (tmp_path / name / "dossiers" / "index.html").write_text("Léa Martin", "utf-8")
    removed = clean_leftovers(output)
    assert sorted(p.name for p in removed) == sorted(names[:3])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[3:])


def test_a_build_cleans_the_leftovers_of_a_killed_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pae.cli.main import cli

    root = tmp_path / "depot"
    shutil.copytree(RESEAU, root)
    out = tmp_path / "sortie" / "site"
    out.parent.mkdir()
    dead = dead_pid()
    for kind in ("sources", "construction", "ancien"):
        (out.parent / f".site.{kind}-{dead}" / "dossiers").mkdir(parents=True)
    result = CliRunner().invoke(
        cli, ["--depot", str(root), "site", *TODAY, "--sortie", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.parent.iterdir()] == ["site"]


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_site_build_stopped_midway_cleans_up_and_says_so(
    tmp_path: Path, sent: signal.Signals, code: int
) -> None:
    root = tmp_path / "depot"
    shutil.copytree(RESEAU, root)
    out = tmp_path / "sortie" / "site"
    out.parent.mkdir()
    pae_bin = Path(sys.executable).with_name("pae")
    process = subprocess.Popen(
        [str(pae_bin), "--depot", str(root), "site", *TODAY, "--sortie", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    building = out.parent / f".site.construction-{process.pid}"
    deadline = time.monotonic() + 120
    while not building.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the build ended before it could be stopped"
    process.send_signal(sent)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code, err.decode()
    assert err.decode().strip().endswith("Interrompu.")
    assert "Traceback" not in err.decode()
    assert [p.name for p in out.parent.iterdir()] == []
