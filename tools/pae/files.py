"""Writing files safely: the whole file or nothing, and the reason in French when it fails."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from pae.errors import UsageError


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
