"""Where the forms are: the /edition/ page, its collections, a dossier's form."""

from __future__ import annotations

from dataclasses import dataclass

FOLDER = "edition"
"""The folder of the site that holds the forms."""


@dataclass(frozen=True)
class Edition:
    """Whether this build of the site has its forms, and why not."""

    built: bool = False
    reason: str = ""
    """Why /edition/ is not built (French, for the dashboard and `pae site`)."""


def dossier_collection(session: int, uai: str) -> str:
    """The collection of one lycée's dossiers of one session (its folder of records/)."""
    return f"dossiers-{session}-{uai}"


def dossier_fragment(session: int, uai: str, ident: str) -> str:
    """The part of /edition/'s address that opens a dossier's form."""
    return f"#/collections/{dossier_collection(session, uai)}/entries/{ident}"
