"""What the reading commands share: load the records, compute every status once."""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pae import rules
from pae.errors import UsageError
from pae.model import Network
from pae.network import load_network, require_records
from pae.problems import Severity
from pae.settings import Settings
from pae.status import Core, DossierStatus, network_status


@dataclass
class Usable:
    """The records every view shows: without the files that have errors."""

    network: Network
    settings: Settings
    invalid_files: list[str]


@dataclass
class Loaded:
    core: Core
    statuses: list[DossierStatus]
    invalid_files: list[str]


def usable_network(root: Path, today: date) -> Usable:
    """Load the records and set aside every file with an error (E1–E9).

    Seen as of `today`, an event dated later has not happened yet: it is not an error here
    (it is one for `pae valider`), so `statut`, `echeances` and the site show the same
    dossiers whatever the reference date.
    """
    require_records(root)
    loaded = load_network(root)
    ctx = rules.Context(loaded.network, loaded.settings, today, future_events_are_errors=False)
    problems = loaded.problems + rules.check_network(ctx)
    invalid = sorted({p.file for p in problems if p.severity is Severity.ERROR})
    bad = set(invalid)
    network = replace(
        loaded.network, dossiers=[d for d in loaded.network.dossiers if d.file not in bad]
    )
    return Usable(network, loaded.settings, invalid)


def load_statuses(root: Path, today: date) -> Loaded:
    usable = usable_network(root, today)
    core = Core(usable.network, usable.settings, today)
    return Loaded(core, network_status(core), usable.invalid_files)


def invalid_warning(invalid: list[str]) -> str | None:
    if not invalid:
        return None
    n = len(invalid)
    files = "fichier invalide ignoré" if n == 1 else "fichiers invalides ignorés"
    warning = f"Attention : {n} {files} (lancer « pae valider » pour le détail)."
    if any(f.endswith("records/parametres.yaml") for f in invalid):
        warning += " records/parametres.yaml est invalide : réglages par défaut utilisés."
    return warning


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
