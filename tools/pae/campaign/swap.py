"""Replace a repository's data by the staged ones, the old ones kept in a backup folder
(`pae init`); on failure, everything is put back."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from pae.errors import DataError
from pae.files import why
from pae.records.reading import SETTINGS_FILE

DATA_DIRS = ("etablissements", "missions-locales", "offre", "jeunes")
"""The data folders of records/ that init replaces."""


BACKUP_PREFIX = ".pae-sauvegarde-"


def backup_folder(root: Path) -> Path:
    """A new folder `.pae-sauvegarde-AAAAMMJJ-HHMMSS` at the root, ignored by Git (its own
    .gitignore says so): the data init replaces go there, never to the bin."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = root / f"{BACKUP_PREFIX}{stamp}"
    n = 1
    while folder.exists():
        n += 1
        folder = root / f"{BACKUP_PREFIX}{stamp}-{n}"
    (folder / "records").mkdir(parents=True)
    (folder / ".gitignore").write_text("# Sauvegarde de pae init : hors de Git.\n*\n", "utf-8")
    return folder


def _files(path: Path) -> int:
    if path.is_file():
        return 1
    return sum(1 for p in path.rglob("*") if p.is_file() or p.is_symlink())


def swap(root: Path, staging: Path) -> tuple[Path | None, int]:
    """Move the old data folders and CODEOWNERS to a backup folder and the new ones in; on
    failure, put everything back. Returns the backup folder (None if nothing was there)
    and how many files it holds."""
    records = root / "records"
    owners = root / "CODEOWNERS"
    backup = backup_folder(root)
    moved_out: list[str] = []
    moved_in: list[str] = []
    owners_out = False
    try:
        for d in DATA_DIRS:
            if (records / d).exists():
                (records / d).rename(backup / "records" / d)
                moved_out.append(d)
        if owners.exists():
            os.replace(owners, backup / "CODEOWNERS")
            owners_out = True
        for d in DATA_DIRS:
            (staging / "records" / d).rename(records / d)
            moved_in.append(d)
        (staging / "CODEOWNERS").replace(owners)
        settings = staging / "records" / SETTINGS_FILE
        if settings.is_file():
            settings.replace(records / SETTINGS_FILE)
    except OSError as exc:
        for d in moved_in:
            (records / d).rename(staging / "records" / d)
        for d in moved_out:
            (backup / "records" / d).rename(records / d)
        if owners_out:
            os.replace(backup / "CODEOWNERS", owners)
        shutil.rmtree(backup, ignore_errors=True)
        raise DataError(
            f"impossible de remplacer les données ({why(exc)}) : rien n'a été modifié"
        ) from exc
    moved = sum(_files(backup / "records" / d) for d in moved_out) + owners_out
    if not moved_out and not owners_out:
        shutil.rmtree(backup, ignore_errors=True)
        return None, 0
    return backup, moved
