"""Dossier identifiers: `<UAI>-<session>-<3 digits>`, and the next free one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pae.errors import DataError

_NUMBER = re.compile(r"-(\d{3})$")


def prefix(uai: str, session: int) -> str:
    return f"{uai}-{session}-"


def free_id(taken: Iterable[str], uai: str, session: int) -> str:
    """The number after the highest one used by this lycée in this session."""
    start = prefix(uai, session)
    used = [int(m[1]) for t in taken if t.startswith(start) and (m := _NUMBER.search(t))]
    number = max(used, default=0) + 1
    if number > 999:
        raise DataError(
            f"plus d'identifiant libre pour {uai} en {session} : les 999 numéros sont pris"
        )
    return f"{start}{number:03d}"


def taken_ids(root: Path) -> set[str]:
    """Identifiers of the dossiers on disk, by their file names (E3 keeps them equal)."""
    jeunes = root / "records" / "jeunes"
    if not jeunes.is_dir():
        return set()
    return {p.stem for p in jeunes.glob("*/*/*.yaml")}


def dossier_file(uai: str, session: int, ident: str) -> str:
    """Where a dossier lives, relative to the repository root."""
    return f"records/jeunes/{session}/{uai}/{ident}.yaml"
