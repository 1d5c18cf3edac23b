"""Writes that never lose a line: the old file or the new one, whatever kills the process."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pae.files import TEMPORARY_PREFIX, ChangedMeanwhile, replace_file

# A write that stops for a while between the temporary file and the rename.
SLOW_WRITE = """
import os, sys, time
from pathlib import Path
import pae.files as files
real = os.replace
def slow(a, b):
    time.sleep(60)
    real(a, b)
files.os.replace = slow
path = Path(sys.argv[1])
files.replace_file(path, b"nouveau\\n" * 1000, path.read_bytes(), path.name)
"""


def start_slow_write(target: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITE, str(target)])
    deadline = time.monotonic() + 30
    while not list(target.parent.glob(f"{TEMPORARY_PREFIX}*")):
        assert time.monotonic() < deadline, "the write never started"
        assert process.poll() is None, "the writing process died"
        time.sleep(0.05)
    return process


def test_a_write_killed_in_the_middle_leaves_the_whole_old_file(tmp_path: Path) -> None:
    target = tmp_path / "dossier.yaml"
    target.write_bytes(b"ancien\n")
    process = start_slow_write(target)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert target.read_bytes() == b"ancien\n"
    left = list(tmp_path.glob(f"{TEMPORARY_PREFIX}*"))
    assert len(left) == 1  # nothing could remove it; the next write does
    replace_file(target, b"suivant\n", b"ancien\n", target.name)
    assert target.read_bytes() == b"suivant\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.yaml"]


def test_a_write_stopped_by_sigterm_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "dossier.yaml"
    target.write_bytes(b"ancien\n")
    process = start_slow_write(target)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) != 0
    assert target.read_bytes() == b"ancien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.yaml"]


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "dossier.yaml"
    target.write_bytes("changé entre-temps\n".encode())
    with pytest.raises(ChangedMeanwhile):
        replace_file(target, b"nouveau\n", "lu au début\n".encode(), target.name)
    assert target.read_bytes() == "changé entre-temps\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.yaml"]


@pytest.mark.parametrize("ignore", [".gitignore", "tools/pae/campaign/templates/gitignore"])
def test_git_never_commits_a_left_temporary_file(tmp_path: Path, ignore: str) -> None:
    import subprocess

    from pae.files import TEMPORARY_PREFIX

    repo = Path(__file__).resolve().parents[1]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_bytes((repo / ignore).read_bytes())
    left = tmp_path / "records/jeunes/2026/0990001N" / f"{TEMPORARY_PREFIX}123-ab.yaml"
    left.parent.mkdir(parents=True)
    left.write_text("id: x\n", "utf-8")
    found = subprocess.run(
        ["git", "-C", str(tmp_path), "check-ignore", "-q", str(left.relative_to(tmp_path))]
    )
    assert found.returncode == 0  # ignored
