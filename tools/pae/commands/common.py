"""What the reading commands share: load the records, compute every status once."""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pae.errors import UsageError
from pae.network import load_network
from pae.status import Core, DossierStatus, network_status


@dataclass
class Loaded:
    core: Core
    statuses: list[DossierStatus]
    invalid_files: list[str]


def load_statuses(root: Path, today: date) -> Loaded:
    if not (root / "records").is_dir():
        raise UsageError(
            f"pas de dossier records/ dans {root} : lancer la commande à la racine "
            "du dépôt, ou indiquer --depot CHEMIN"
        )
    loaded = load_network(root)
    core = Core(loaded.network, loaded.settings, today)
    invalid = sorted({p.file for p in loaded.problems})
    return Loaded(core, network_status(core), invalid)


def invalid_warning(invalid: list[str]) -> str | None:
    if not invalid:
        return None
    n = len(invalid)
    files = "fichier invalide ignoré" if n == 1 else "fichiers invalides ignorés"
    return f"Attention : {n} {files} (lancer « pae valider » pour le détail)."


def _why(exc: OSError) -> str:
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
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"impossible d'écrire {what} {path} : {_why(exc)}") from None
    finally:
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink()
