"""`pae campagne nouvelle`: the next campaign, in the same repository or in a new
data-only one (reference data carried over, no dossier)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from pae.errors import UsageError
from pae.files import why
from pae.forge import codeowners
from pae.records.reading import SETTINGS_FILE, load_network, require_records
from pae.records.yaml_edit import Document
from pae.site.assembly import project_dir

TEMPLATES = Path(__file__).parent / "templates"
REFERENCE = ("etablissements", "missions-locales", "offre")
RECOMMENDATION = (
    "Conseil : un dépôt par campagne. Une fois les chiffres remis et la durée de "
    "conservation écoulée, le dépôt entier est supprimé : aucune donnée ne reste dans "
    "l'historique Git (voir le guide, « Protection des données »)."
)


@dataclass
class Prepared:
    created: list[str] = field(default_factory=list)
    """What was written, relative to the repository that received it."""
    target: Path | None = None
    """The new repository, when one was created."""
    unset: list[str] = field(default_factory=list)
    """Settings of the old repository's forge left out of the new one (to set again)."""


def same_repository(root: Path, session: int) -> Prepared:
    """An empty folder of dossiers per lycée for the new session."""
    require_records(root)
    network = load_network(root, only=[]).network
    if not network.etablissements:
        raise UsageError("aucun lycée dans records/etablissements : lancer d'abord pae init")
    out = Prepared()
    for uai in sorted(network.etablissements):
        folder = root / "records" / "jeunes" / str(session) / uai
        if folder.exists():
            continue
        folder.mkdir(parents=True)
        (folder / ".gitkeep").write_text("", encoding="utf-8")
        out.created.append(folder.relative_to(root).as_posix() + "/")
    return out


def data_repository(root: Path, session: int, target: Path, tool: str, version: str) -> Prepared:
    """A new repository holding data only: the reference files, the settings, the site's
    sources, CODEOWNERS, and CI files that install pae at `version` from `tool`."""
    require_records(root)
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} existe et n'est pas vide : choisir un nouveau dossier")
    loaded = load_network(root, only=[])
    if loaded.problems:
        files = ", ".join(sorted({p.file for p in loaded.problems}))
        raise UsageError(f"fiches invalides ({files}) : lancer pae valider et les corriger")
    out = Prepared(target=target)
    try:
        _copy_data(root, target, out)
        _copy_site(root, target, out)
        names = [e.nom for e in loaded.network.etablissements.values()]
        context: dict[str, object] = {
            "nom": ", ".join(sorted(names)) or "lycée",
            "session": session,
            "outil": tool,
            "version": version,
        }
        templates = {
            ".gitlab-ci.yml": "gitlab-ci.yml.j2",
            ".github/workflows/ci.yml": "github-ci.yml.j2",
            "README.md": "README.md.j2",
        }
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
        for rel, template in templates.items():
            _write(target, rel, env.get_template(template).render(**context), out)
        _write(target, ".gitignore", (TEMPLATES / "gitignore").read_text("utf-8"), out)
        text = codeowners.render(loaded.network, loaded.settings)
        _write(target, "CODEOWNERS", text, out)
        for uai in sorted(loaded.network.etablissements):
            _write(target, f"records/jeunes/{session}/{uai}/.gitkeep", "", out)
        subprocess.run(["git", "init", "-q", str(target)], check=False, capture_output=True)
    except OSError as exc:
        raise UsageError(f"impossible d'écrire dans {target} : {why(exc)}") from None
    return out


def _write(target: Path, rel: str, text: str, out: Prepared) -> None:
    path = target / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    out.created.append(rel)


def _copy_data(root: Path, target: Path, out: Prepared) -> None:
    records = root / "records"
    for name in REFERENCE:
        if (records / name).is_dir():
            shutil.copytree(records / name, target / "records" / name)
            out.created.append(f"records/{name}/")
    if (records / SETTINGS_FILE).is_file():
        (target / "records").mkdir(parents=True, exist_ok=True)
        text = (records / SETTINGS_FILE).read_text("utf-8")
        (target / "records" / SETTINGS_FILE).write_text(_new_forge(text, out), "utf-8")
        out.created.append(f"records/{SETTINGS_FILE}")
    schema = root / "schema" if (root / "schema").is_dir() else project_dir(root) / "schema"
    shutil.copytree(schema, target / "schema")
    out.created.append("schema/")


OLD_FORGE = ("projet", "application_oauth", "url_depot")
"""The old repository's place on the forge: the new repository's forms and « Modifier ce
dossier » links must not point at the campaign that will be deleted."""


def _new_forge(text: str, out: Prepared) -> str:
    doc = Document.parse(text)
    for key in OLD_FORGE:
        if doc.get(("forge", key)) is not None:
            doc.remove(("forge", key))
            out.unset.append(f"forge.{key}")
    return doc.dump()


MR_TEMPLATES = (".gitlab/merge_request_templates", ".github/pull_request_template.md")
"""The merge-request templates (French check lists) a data repository keeps."""


def _copy_site(root: Path, target: Path, out: Prepared) -> None:
    project = project_dir(root)
    shutil.copy2(project / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(project / "site", target / "site")
    out.created += ["mkdocs.yml", "site/"]
    for rel in MR_TEMPLATES:
        source = project / rel
        if source.is_dir():
            shutil.copytree(source, target / rel)
        elif source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
        else:
            continue
        out.created.append(rel + ("/" if source.is_dir() else ""))
