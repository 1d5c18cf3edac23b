"""What the reading commands print alike."""

from __future__ import annotations


def invalid_warning(invalid: list[str]) -> str | None:
    """The warning printed when invalid files were left out of a view."""
    if not invalid:
        return None
    n = len(invalid)
    files = "fichier invalide ignoré" if n == 1 else "fichiers invalides ignorés"
    warning = f"Attention : {n} {files} (lancer « pae valider » pour le détail)."
    if any(f.endswith("records/parametres.yaml") for f in invalid):
        warning += " records/parametres.yaml est invalide : réglages par défaut utilisés."
    return warning
