"""Each record file's history from git: the audit trail, read in one `git log` call."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s"


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime
    author: str
    message: str


@dataclass
class Histories:
    """Commits per file (paths relative to the repository root), newest first."""

    by_file: dict[str, list[Commit]]
    available: bool
    reason: str = ""

    def of(self, file: str) -> list[Commit]:
        return self.by_file.get(file, [])


def read_histories(root: Path, folder: str = "records") -> Histories:
    """Every commit touching `folder`, renames followed; never fails (no git, no repo)."""
    command = [
        "git",
        "-C",
        str(root),
        "-c",
        "core.quotepath=false",
        "log",
        "-M",
        "--relative",
        "--name-status",
        "-z",
        f"--format={_FORMAT}",
        "--",
        folder,
    ]
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Histories({}, False, f"git indisponible ({exc.__class__.__name__})")
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in err or "pas un dépôt git" in err:
            return Histories({}, False, "le dossier des données n'est pas un dépôt git")
        if "does not have any commits" in err:
            return Histories({}, True)
        return Histories({}, False, "git log a échoué")
    return Histories(parse_log(done.stdout.decode("utf-8", "replace")), True)


def parse_log(text: str) -> dict[str, list[Commit]]:
    """Parse `git log -M --name-status -z` output; older names count for the current one."""
    out: dict[str, list[Commit]] = {}
    current: dict[str, str] = {}  # a path at this point of history → its name today
    for record in text.split("\x1e"):
        if not record.strip("\x00\n"):
            continue
        header, _, changes = record.partition("\x00")
        sha, when, author, message = [*header.split("\x1f"), "", "", ""][:4]
        commit = Commit(sha, datetime.fromisoformat(when), author, message)
        tokens = changes.lstrip("\n").split("\x00")
        i = 0
        while i < len(tokens) and tokens[i]:
            status = tokens[i]
            if status[:1] in ("R", "C") and i + 2 < len(tokens):
                old, new = tokens[i + 1], tokens[i + 2]
                final = current.get(new, new)
                out.setdefault(final, []).append(commit)
                if status[0] == "R":
                    current[old] = final
                i += 3
            else:
                path = tokens[i + 1] if i + 1 < len(tokens) else ""
                out.setdefault(current.get(path, path), []).append(commit)
                i += 2
    return out
