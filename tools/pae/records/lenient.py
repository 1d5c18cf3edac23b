"""A dossier read from a file that fails its schema, as far as it can be: so that the
rules on references (E1 UAI key, E2, E3) still run and a typo'd key and a wrong référent
are reported in one round of `pae valider`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pae.records.dossier import Dossier

REQUIRED = ("id", "session", "etablissement")


@dataclass(frozen=True)
class Partial:
    """A schema-invalid dossier read as far as it can be, and the sections left out."""

    dossier: Dossier
    dropped: frozenset[str]


def lenient_dossier(raw: Any, file: str) -> Partial | None:
    """The dossier with every top-level section that can be read on its own (a section
    that cannot is left out, whole: its items keep their places); None without an id, a
    session and an établissement that can be read."""
    if not isinstance(raw, dict):
        return None
    if not all(isinstance(raw.get(k), str) for k in ("id", "etablissement")):
        return None
    session = raw.get("session")
    if isinstance(session, bool) or not isinstance(session, int | float):
        return None
    base: dict[str, Any] = {k: raw[k] for k in REQUIRED}
    base["volontaire"] = raw.get("volontaire") if isinstance(raw.get("volontaire"), bool) else True
    kept = dict(base)
    dropped = set()
    for key, value in raw.items():
        if key in base:
            continue
        try:
            Dossier.from_raw({**base, key: value}, file, keep_raw=False)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            dropped.add(str(key))
            continue
        kept[key] = value
    try:
        return Partial(Dossier.from_raw(kept, file, keep_raw=False), frozenset(dropped))
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        return None
