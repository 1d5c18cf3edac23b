"""Writing files safely: the whole file or nothing, and the reason in French when it fails."""

from __future__ import annotations

import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pae.errors import DataError, UsageError

TEMPORARY_PREFIX = ".pae-ecriture-"
"""Temporary files of a write in progress: hidden, so that no reader ever takes one for a
record, and named after their process, so that a later write removes those of a process
that was killed."""


class Terminated(KeyboardInterrupt):
    """SIGTERM during a write: stop like Ctrl-C, after removing the temporary file."""


@contextmanager
def _terminating_cleanly() -> Iterator[None]:
    """During a write, turn SIGTERM into an exception, so that `finally` cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class ChangedMeanwhile(DataError):
    """The file changed on disk while the command ran: nothing was written."""


def why(exc: OSError) -> str:
    """The reason a file cannot be written, in French."""
    reasons = {
        errno.EACCES: "permission refusée",
        errno.EPERM: "permission refusée",
        errno.EROFS: "système de fichiers en lecture seule",
        errno.ENOSPC: "plus de place sur le disque",
        errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
        errno.EEXIST: "un élément du chemin n'est pas un dossier",
        errno.EISDIR: "c'est un dossier",
        errno.ENOENT: "dossier introuvable",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def write_atomically(path: Path, data: bytes, what: str = "le fichier") -> None:
    """Write the whole file or nothing: a temporary file renamed over the target."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; give it the mode any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"impossible d'écrire {what} {path} : {why(exc)}") from None
    finally:
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink()


def _temporary(folder: Path, name: str) -> Path:
    return folder / f"{TEMPORARY_PREFIX}{os.getpid()}-{name}"


def _remove_stale(folder: Path) -> None:
    """Temporary files left by a killed process (SIGKILL leaves no time to clean up)."""
    for path in folder.glob(f"{TEMPORARY_PREFIX}*"):
        pid = path.name[len(TEMPORARY_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: fsync the directory)."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory handles
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def replace_file(path: Path, data: bytes, original: bytes, shown: str) -> None:
    """Replace a record whose content was `original` by `data`, atomically: the old file or
    the new one, never half of it; refused if the file changed since it was read."""
    folder = path.parent
    tmp = _temporary(folder, path.name)
    with _terminating_cleanly():
        _replace(path, tmp, data, original, shown)


def _replace(path: Path, tmp: Path, data: bytes, original: bytes, shown: str) -> None:
    try:
        _remove_stale(path.parent)
        _write_synced(tmp, data)
        if path.read_bytes() != original:
            raise ChangedMeanwhile(
                f"{shown} a été modifié pendant la commande (par un éditeur ou une autre "
                "commande) : rien n'a été écrit ; relancer la commande"
            )
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except OSError as exc:
        raise UsageError(f"impossible d'écrire {shown} : {why(exc)}") from None
    finally:
        tmp.unlink(missing_ok=True)


def create_file(path: Path, data: bytes, shown: str) -> None:
    """Create a record that must not exist yet, atomically, never overwriting one."""
    folder = path.parent
    tmp = _temporary(folder, path.name)
    with _terminating_cleanly():
        _create(path, tmp, data, shown)


def _create(path: Path, tmp: Path, data: bytes, shown: str) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder)
        _write_synced(tmp, data)
        os.link(tmp, path)  # fails if the file exists: never overwrite
        _sync_folder(folder)
    except FileExistsError:
        raise DataError(f"{shown} existe déjà : rien n'a été écrit") from None
    except OSError as exc:
        raise UsageError(f"impossible d'écrire {shown} : {why(exc)}") from None
    finally:
        tmp.unlink(missing_ok=True)
