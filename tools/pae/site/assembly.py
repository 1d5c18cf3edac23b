"""The team site's docs folder: load and narrow the records, compute the pages, assemble
them with the hand-written sources of site/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from pae.errors import UsageError
from pae.programme.cohort import cohort_figures
from pae.programme.context import Context
from pae.programme.status import network_status
from pae.records.positions import fill_positions
from pae.records.schemas import SCHEMA_DIR
from pae.repository import usable, with_errors
from pae.site import calendars
from pae.site.context import RAW_READ, Forge, Site
from pae.site.context import Options as PageOptions
from pae.site.edition.assets import availability, cms_folder, served_files
from pae.site.edition.config import Inputs, cms_config, config_script
from pae.site.history import read_histories
from pae.site.narrowing import pseudonymise, restrict
from pae.site.pages import generate
from pae.site.privacy import Redactor

TOOL_DIR = Path(__file__).resolve().parents[3]
"""The checkout holding the tool's own mkdocs.yml and site/ (used when the data repository
has none)."""
BUILD_DIR = Path("build") / "site-src"
"""The generated docs folder of the usual build (into public/ of the repository)."""
CALENDARS = "calendriers"
UNWANTED = ("sitemap.xml", "sitemap.xml.gz")
"""Theme files a private site has no use for (a sitemap for search engines)."""


@dataclass
class Options:
    root: Path
    today: date
    output: Path | None = None
    etablissement: str | None = None
    pseudonymise: bool = False
    serve: bool = False
    address: str = "127.0.0.1:8000"
    site_url: str | None = None
    """Where the site is published (GitLab Pages: CI_PAGES_URL); needed by the 404 page
    under a sub-path."""
    edition: bool = False
    """With `serve`: the forms save through a local proxy, on a clone of the repository."""
    proxy_url: str | None = None
    """That proxy's address, written into the forms' configuration."""


@dataclass
class Generated:
    """One generation: the data behind the pages and the files of the docs folder."""

    site: Site
    files: dict[str, bytes]
    config_file: Path
    docs_dir: Path
    site_url: str | None = None
    warnings: list[str] = field(default_factory=list)


def project_dir(root: Path) -> Path:
    """Where mkdocs.yml and site/ are: the data repository, else the tool's checkout."""
    if (root / "mkdocs.yml").is_file() and (root / "site").is_dir():
        return root
    if (TOOL_DIR / "mkdocs.yml").is_file():
        return TOOL_DIR
    raise UsageError(
        f"mkdocs.yml introuvable dans {root} : lancer la commande à la racine du dépôt"
    )


def _forge(config: dict[str, Any], url_depot: str | None) -> Forge:
    repo = url_depot or config.get("repo_url")
    if not isinstance(repo, str) or not repo.startswith(("https://", "http://")):
        return Forge()
    # edit_uri points at site/ (hand-written pages): the records are beside it.
    parts = [p for p in str(config.get("edit_uri") or "").split("/") if p]
    if parts and parts[-1] == "site":
        parts.pop()
    prefix = "".join(f"{p}/" for p in parts)
    safe = ":/?#@!$&()*+,;=%-._~"
    return Forge(quote(repo.rstrip("/"), safe=safe), quote(prefix, safe=safe))


def _mkdocs_config(config_file: Path) -> dict[str, Any]:
    data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def prepare(opts: Options) -> tuple[Site, Path]:
    """Load, validate and narrow the records; compute every status and figure."""
    narrowed = opts.pseudonymise or bool(opts.etablissement)
    found = usable(opts.root, opts.today, keep_raw=True if narrowed else RAW_READ)
    project = project_dir(opts.root)
    network, invalid = found.network, found.invalid_files
    others = 0
    redact = Redactor()
    if opts.pseudonymise:
        network, redact = pseudonymise(network)
    if opts.etablissement:
        uai = opts.etablissement
        if uai not in network.etablissements:
            known = ", ".join(sorted(network.etablissements)) or "aucun"
            raise UsageError(f"établissement « {uai} » inconnu (établissements : {known})")
        network, only = restrict(network, uai)
        redact = redact.then(only)
        named = [f for f in invalid if _concerns(f, uai)]
        invalid, others = named, len(invalid) - len(named)
    ctx = Context(network, found.settings, opts.today)
    statuses = with_errors(network_status(ctx), found)  # a rule's errors: the page's banner
    fill_positions(opts.root, [e for st in statuses for e in st.errors])  # their lines
    config = _mkdocs_config(project / "mkdocs.yml")
    site = Site(
        ctx=ctx,
        statuses=statuses,
        figures=cohort_figures(statuses, ctx),
        histories=read_histories(opts.root),
        options=PageOptions(opts.today, opts.pseudonymise, opts.etablissement),
        # Wider partners get no link to the forge, which names the young people's files.
        forge=Forge() if opts.pseudonymise else _forge(config, found.settings.url_depot),
        invalid=invalid,
        invalid_others=others,
        redact=redact,
        edition=availability(
            found.settings.forge_project, cms_folder(project, TOOL_DIR), opts.pseudonymise
        ),
    )
    return site, project


def _concerns(file: str, uai: str) -> bool:
    """Whether an invalid file may be named in a one-lycée site: this lycée's dossiers and
    its own file; any other (another lycée's, the shared reference data) is only counted."""
    parts = file.split("/")
    if len(parts) == 5 and parts[:2] == ["records", "jeunes"]:
        return parts[3] == uai
    return parts == ["records", "etablissements", f"{uai}.yaml"]


def hand_written(project: Path) -> Iterator[tuple[str, bytes]]:
    """The sources of site/ that are copied as they are (theme overrides stay in place)."""
    source = project / "site"
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source).as_posix()
        if path.is_file() and not rel.startswith("overrides/") and not path.name.startswith("."):
            yield rel, path.read_bytes()


def _intro(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def assemble(
    site: Site,
    project: Path,
    root: Path,
    with_calendars: bool = True,
    docs_dir: Path | None = None,
    proxy_url: str | None = None,
) -> Generated:
    """All the files of the docs folder: copies of site/ beside the generated pages; the
    calendars, when left for later, as empty files (the pages link to them); the forms."""
    files = dict(hand_written(project))
    intro = _intro(files.pop("index.md", b"").decode("utf-8"))
    schema_dir = root / "schema" if (root / "schema").is_dir() else SCHEMA_DIR
    for path, content in generate(site, schema_dir, intro):
        files[path] = content.encode("utf-8") if isinstance(content, str) else content
    if with_calendars:
        files.update(calendars.calendar_files(site))
    else:
        files.update(dict.fromkeys(calendars.calendar_paths(site), b""))
    if site.edition.built:
        ctx = site.ctx
        inputs = Inputs(
            root, ctx.network, ctx.settings.forge_project, schema_dir, ctx.today, proxy_url
        )
        files.update(served_files(cms_folder(project, TOOL_DIR), config_script(cms_config(inputs))))
    return Generated(site, files, project / "mkdocs.yml", docs_dir or root / BUILD_DIR)
