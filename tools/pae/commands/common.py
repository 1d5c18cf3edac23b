"""What the reading commands share: load the records, compute every status once."""

from __future__ import annotations

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


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file renamed over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
