"""The few git questions the tools ask: which files changed since a reference."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pae.errors import UsageError


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git est introuvable : l'installer pour utiliser --depuis") from None


def _names(output: bytes) -> list[str]:
    return [n.decode("utf-8", "surrogateescape") for n in output.split(b"\0") if n]


def _checked(root: Path, *args: str) -> list[str]:
    done = git(root, *args)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} a échoué : {detail[-1] if detail else done.returncode}")
    return _names(done.stdout)


def changed_since(root: Path, ref: str) -> list[str]:
    """Files changed between `ref` and the work tree: committed since the merge base
    (`ref...HEAD`), staged, unstaged and untracked; paths relative to `root`, sorted.

    Deleted and renamed files are listed under their old name too (no rename detection),
    so that what referred to them is checked again.
    """
    if git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise UsageError(f"--depuis demande un dépôt git : {root} n'en est pas un")
    if ref.startswith("-") or (
        git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0
    ):
        raise UsageError(
            f"référence git inconnue : « {ref} » (une branche, une étiquette ou un commit "
            "est attendu, par exemple origin/main)"
        )
    diff = ("diff", "--name-only", "--no-renames", "--relative", "-z")
    names = set(_checked(root, *diff, f"{ref}...HEAD"))
    names.update(_checked(root, *diff, "HEAD"))
    names.update(_checked(root, "ls-files", "--others", "--exclude-standard", "-z"))
    return sorted(names)


def is_work_tree(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--is-inside-work-tree").returncode == 0
    except UsageError:  # no git at all
        return False


def commit(root: Path, files: list[str], message: str) -> str:
    """Commit these files only (hooks run as for any commit); the new commit's hash."""
    if not is_work_tree(root):
        raise UsageError(f"--commit demande un dépôt git : {root} n'en est pas un")
    _checked(root, "add", "--", *files)
    done = git(root, "commit", "-q", "-m", message, "--", *files)
    if done.returncode != 0:
        output = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"le fichier est écrit, mais git commit a échoué : "
            f"{output[-1] if output else done.returncode} "
            "(enregistrer à la main : git add puis git commit)"
        )
    return git(root, "rev-parse", "HEAD").stdout.decode("ascii", "replace").strip()


def uncommitted(root: Path, *paths: str) -> list[tuple[str, str]] | None:
    """Files under `paths` that differ from the last commit (new, added, modified,
    deleted), relative to `root`, each with its state in French; None outside a git work
    tree (or without git)."""
    try:
        where = git(root, "rev-parse", "--show-prefix")
    except UsageError:  # git is not installed
        return None
    if where.returncode != 0:
        if any((folder / ".git").exists() for folder in (root, *root.parents)):
            detail = where.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(
                f"git ne peut pas lire le dépôt {root} ({detail[-1] if detail else '?'}) : "
                "impossible de vérifier qu'aucune modification ne serait perdue"
            )
        return None
    prefix = where.stdout.decode("utf-8", "replace").strip()
    entries = _checked(
        root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
        "--", *paths,
    )  # fmt: skip
    found = []
    for entry in entries:
        state, name = entry[:2], entry[3:]
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        found.append((shown.removeprefix(prefix), _state(state)))
    return sorted(found)


def _state(code: str) -> str:
    if code == "??":
        return "nouveau"
    for letter, label in (("U", "en conflit"), ("A", "ajouté"), ("D", "supprimé")):
        if letter in code:
            return label
    return "modifié"
