"""`pae site --servir --edition`: the forms save through decap-server, Decap's local
proxy, in git mode, on a clone of the repository kept for it.

decap-server checks branches out in its working tree, commits everything there
(`git add .`) without hooks, and has no authentication: it listens on 127.0.0.1 only, and
never works in the user's own working tree. Nor in a git worktree of it: a branch cannot
be checked out twice, and decap-server checks the base branch out on every request. The
clone lives in the repository's git folder, out of `git status`; its `cms/…` branches
come back with the `git fetch` that `pae site` prints.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import NoReturn

from pae.errors import DataError, UsageError

CLONE = "pae-edition"
"""The clone's folder, inside the repository's git folder."""
SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
"""decap-server's entry point, inside cms/."""
START_SECONDS = 20.0


@dataclass
class Proxy:
    """A running decap-server and the clone it writes to."""

    clone: Path
    branch: str
    url: str
    """The address the forms post to: http://localhost:PORT/api/v1."""
    process: subprocess.Popen[bytes]

    def fetch_command(self) -> str:
        """How to bring the forms' branches into the repository."""
        return f"git fetch {self.clone} 'refs/heads/cms/*:refs/heads/cms/*'"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DataError(f"git {' '.join(args)} a échoué dans {cwd} : {done.stderr.strip()}")
    return done.stdout.strip()


def node_executable() -> str:
    """The machine's Node.js, else the one `make` installed into the virtual environment."""
    found = shutil.which("node") or shutil.which("node", path=str(Path(sys.executable).parent))
    if not found:
        raise DataError("Node.js introuvable : lancer « make site », qui l'installe au besoin")
    return found


def clone_for(root: Path, branch: str) -> Path:
    """The proxy's clone of `root`, created or brought up to date with `branch`."""
    try:
        common = git(root, "rev-parse", "--path-format=absolute", "--git-common-dir")
    except DataError as exc:
        raise UsageError(f"--edition demande un dépôt git : {root} n'en est pas un") from exc
    clone = Path(common) / CLONE
    if not (clone / ".git").exists():
        git(root, "clone", "--quiet", "--no-hardlinks", str(root), str(clone))
    if git(clone, "status", "--porcelain"):
        raise DataError(
            f"le clone des formulaires {clone} contient des changements non enregistrés : "
            "les enregistrer (git commit) ou les annuler avant de relancer"
        )
    git(clone, "fetch", "--quiet", "origin")
    if not git(clone, "branch", "--list", "--remotes", f"origin/{branch}"):
        raise UsageError(
            f"la branche {branch} (forge.branche de records/parametres.yaml) "
            "n'existe pas dans ce dépôt"
        )
    if git(clone, "branch", "--list", branch):
        git(clone, "checkout", "--quiet", branch)
        # Forms published through the proxy may have moved the clone's branch ahead.
        subprocess.run(
            ["git", "merge", "--ff-only", "--quiet", f"origin/{branch}"],
            cwd=clone,
            capture_output=True,
            check=False,
        )
    else:
        git(clone, "checkout", "--quiet", "-b", branch, f"origin/{branch}")
    if not _has_identity(clone):
        git(clone, "config", "user.name", "Formulaires pae")
        git(clone, "config", "user.email", "formulaires@pae.invalid")
    return clone


def _has_identity(clone: Path) -> bool:
    name = subprocess.run(
        ["git", "config", "user.name"], cwd=clone, capture_output=True, check=False
    )
    return name.returncode == 0 and bool(name.stdout.strip())


def free_port(port: int = 0) -> int:
    """`port` if nothing listens on it (any free one for 0)."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            raise DataError(f"le port {port} est déjà occupé") from exc
        free: int = sock.getsockname()[1]
    return free


def start(cms: Path, clone: Path, branch: str, port: int | None = None) -> Proxy:
    """Run decap-server in git mode on `clone`, on 127.0.0.1; wait until it answers."""
    server = cms / SERVER
    if not server.is_file():
        raise DataError(f"decap-server absent ({server}) : lancer « make site », qui l'installe")
    port = free_port(port or 0)
    env = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(clone),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "warn",
    }
    log = clone.with_name(f"{CLONE}.log")
    with log.open("wb") as output:
        # Its working directory: decap-server reads a `.env` file there.
        process = subprocess.Popen(
            [node_executable(), str(server)],
            cwd=server.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log.read_text(encoding="utf-8", errors="replace").strip()
            raise DataError(f"decap-server s'est arrêté au démarrage : {said}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return Proxy(clone, branch, f"http://localhost:{port}/api/v1", process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    raise DataError(f"decap-server ne répond pas sur le port {port}")


@contextmanager
def running(cms: Path, clone: Path, branch: str) -> Iterator[Proxy]:
    """decap-server for the time of a `with` block, stopped on the way out: after Ctrl+C,
    and also when the process is asked to end (SIGTERM), which would skip `finally`."""
    server = start(cms, clone, branch)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _exit)
    try:
        yield server
    finally:
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit(signum: int, frame: FrameType | None) -> NoReturn:
    raise SystemExit(128 + signum)
