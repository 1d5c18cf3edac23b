"""CODEOWNERS from the lycées' files: who must approve a change to which records."""

from __future__ import annotations

from pathlib import Path

from pae.codes import Code
from pae.errors import DataError
from pae.problems import Problem
from pae.records.network import Network
from pae.records.reading import SETTINGS_FILE, load_network, require_records
from pae.records.reference import Etablissement
from pae.records.settings import Settings

LOCATIONS = ("CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS")
"""Where GitLab and GitHub look for the file, relative to the repository root."""

REFERENCE_PATHS = (
    "/records/etablissements/",
    "/records/missions-locales/",
    "/records/offre/",
    "/records/parametres.yaml",
    "/schema/",
    "/CODEOWNERS",
)

HEADER = """\
# Fichier généré par « pae codeowners » : ne pas le modifier à la main.
# Il vient des fiches des lycées (records/etablissements/*.yaml : forge_chef et
# referents[].forge) et de records/parametres.yaml (forge.responsables_referentiel).
# Après un changement de ces fiches, relancer « pae codeowners » ; « pae valider »
# signale un fichier qui n'est plus à jour.
"""


def owners(etab: Etablissement) -> list[str]:
    """The head's account first, then the référents' in the file's order, without repeats."""
    accounts = [etab.forge_chef, *(r.forge for r in etab.referents)]
    return list(dict.fromkeys(f"@{a}" for a in accounts if a))


def render(network: Network, settings: Settings) -> str:
    lines = [HEADER, "# Dossiers des jeunes, par lycée : chef d'établissement et référents."]
    for uai in sorted(network.etablissements):
        etab = network.etablissements[uai]
        accounts = owners(etab)
        if accounts:
            lines.append(f"/records/jeunes/*/{uai}/ {' '.join(accounts)}")
        else:
            lines.append(
                f"# {uai} ({etab.nom}) : aucun compte forge (forge_chef, referents[].forge)"
            )
    lines += ["", "# Données de référence et schémas : forge.responsables_referentiel."]
    keepers = [f"@{a}" for a in settings.responsables_referentiel]
    if keepers:
        lines += [f"{path} {' '.join(keepers)}" for path in REFERENCE_PATHS]
    else:
        lines.append("# aucun responsable : voir forge.responsables_referentiel (parametres.yaml)")
    return "\n".join(lines) + "\n"


def stale(root: Path, network: Network, settings: Settings) -> list[Problem]:
    """A problem for each CODEOWNERS file of the repository that differs from `render`.

    Skipped while a reference file fails its schema: the difference would be a consequence
    of that error, reported on its own.
    """
    if network.broken_refs:
        return []
    expected = render(network, settings)
    problems = []
    for rel in LOCATIONS:
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8", errors="replace") != expected:
            command = "pae codeowners" + ("" if rel == "CODEOWNERS" else f" --sortie {rel}")
            problems.append(
                Problem(
                    Code.CODEOWNERS,
                    rel,
                    f"{rel} n'est pas à jour : lancer {command}",
                    hint="les fiches des lycées ou forge.responsables_referentiel ont changé "
                    "depuis sa génération",
                    line=1,
                    column=1,
                )
            )
    return problems


def expected(root: Path) -> tuple[str, int, int]:
    """The file's text, the number of lycées and of reference keepers it names."""
    require_records(root)
    sources = [root / "records" / "etablissements", root / "records" / SETTINGS_FILE]
    loaded = load_network(root, only=[p for p in sources if p.exists()])
    if loaded.problems:
        files = ", ".join(sorted({p.file for p in loaded.problems}))
        raise DataError(
            f"fiches invalides, CODEOWNERS n'a pas été écrit : {files} "
            "(lancer « pae valider » pour le détail)"
        )
    text = render(loaded.network, loaded.settings)
    lycees = sum(bool(owners(e)) for e in loaded.network.etablissements.values())
    return text, lycees, len(loaded.settings.responsables_referentiel)
