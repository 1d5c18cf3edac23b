"""`pae site`: generate the team site's pages from records/, then build it with MkDocs."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import yaml

from pae.cohort import cohort_figures
from pae.commands.common import usable_network
from pae.errors import DataError, UsageError
from pae.pages import calendars, generate
from pae.pages.builder import build, serve
from pae.pages.context import Forge, Site
from pae.pages.context import Options as PageOptions
from pae.pages.history import read_histories
from pae.pages.privacy import Redactor, pseudonymise, restrict
from pae.schemas import SCHEMA_DIR
from pae.status import Core, network_status

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
    usable = usable_network(opts.root, opts.today)
    project = project_dir(opts.root)
    network, invalid = usable.network, usable.invalid_files
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
    core = Core(network, usable.settings, opts.today)
    statuses = network_status(core)
    config = _mkdocs_config(project / "mkdocs.yml")
    site = Site(
        core=core,
        statuses=statuses,
        figures=cohort_figures(statuses, core),
        histories=read_histories(opts.root),
        options=PageOptions(opts.today, opts.pseudonymise, opts.etablissement),
        # Wider partners get no link to the forge, which names the young people's files.
        forge=Forge() if opts.pseudonymise else _forge(config, usable.settings.url_depot),
        invalid=invalid,
        invalid_others=others,
        redact=redact,
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
) -> Generated:
    """All the files of the docs folder: copies of site/ beside the generated pages; the
    calendars, when left for later, as empty files (the pages link to them)."""
    files = dict(hand_written(project))
    intro = _intro(files.pop("index.md", b"").decode("utf-8"))
    schema_dir = root / "schema" if (root / "schema").is_dir() else SCHEMA_DIR
    for path, content in generate(site, schema_dir, intro):
        files[path] = content.encode("utf-8") if isinstance(content, str) else content
    if with_calendars:
        files.update(calendars.calendar_files(site))
    else:
        files.update(dict.fromkeys(calendars.calendar_paths(site), b""))
    return Generated(site, files, project / "mkdocs.yml", docs_dir or root / BUILD_DIR)


class Calendars:
    """The iCalendar files, computed in a forked process while MkDocs builds the pages
    (both are CPU-bound; the machine has more than one core)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.files: dict[str, bytes] | None = None
        self.process: Any = None
        if os.name == "posix":
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            # Forked, not pickled: the child reads the statuses from its copy of memory.
            self.process = context.Process(target=self._child, args=(sender,), daemon=True)
            self.process.start()
            sender.close()

    def _child(self, sender: Any) -> None:
        sender.send(dict(calendars.calendar_files(self.site)))
        sender.close()

    def result(self) -> dict[str, bytes]:
        if self.files is None:
            if self.process is None:
                self.files = dict(calendars.calendar_files(self.site))
            else:
                try:
                    self.files = self.receiver.recv()
                except EOFError as exc:
                    raise DataError("l'écriture des calendriers a échoué") from exc
                self.process.join()
        return self.files


def sync(folder: Path, files: dict[str, bytes]) -> int:
    """Make `folder` hold exactly `files`, writing only what changed; returns the number
    of files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, content in files.items():
        path = folder / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written += 1
    wanted = {folder / rel for rel in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def _swap_in(staging: Path, output: Path) -> threading.Thread | None:
    """Put the new site in place only once it is complete; delete the old one meanwhile."""
    old = output.with_name(f".{output.name}.ancien-{os.getpid()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if not old.exists():
        return None
    thread = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
    thread.start()
    return thread


def _check_output(opts: Options) -> Path:
    output = (opts.output or opts.root / "public").resolve()
    if output == opts.root.resolve() or output in opts.root.resolve().parents:
        raise UsageError(f"dossier de sortie dangereux : {output}")
    if output.exists() and not (output / "index.html").exists() and any(output.iterdir()):
        raise UsageError(f"le dossier de sortie {output} n'est pas vide et ne contient pas un site")
    return output


def _warn_invalid(site: Site, err: TextIO) -> None:
    count = len(site.invalid) + site.invalid_others
    if count:
        err.write(
            f"Attention : {count} fichier(s) invalide(s) laissé(s) hors du site "
            "(lancer « pae valider » pour voir les erreurs).\n"
        )


def docs_dir_for(root: Path, output: Path) -> tuple[Path, bool]:
    """Where the pages are written for MkDocs, and whether that folder is temporary.

    The usual build (into public/ of the repository) keeps build/site-src, which mkdocs.yml
    names; a build elsewhere writes nothing into the repository and never shares its
    sources with another build running at the same time."""
    if output == (root / "public").resolve():
        return root / BUILD_DIR, False
    return output.with_name(f".{output.name}.sources-{os.getpid()}"), True


def run(opts: Options, out: TextIO, err: TextIO) -> int:
    started = time.perf_counter()
    if opts.serve:
        return _run_serve(opts, out, err)
    output = _check_output(opts)
    site, project = prepare(opts)
    _warn_invalid(site, err)
    ics = Calendars(site)
    docs, temporary = docs_dir_for(opts.root, output)
    gen = assemble(site, project, opts.root, with_calendars=False, docs_dir=docs)
    gen.site_url = opts.site_url or os.environ.get("CI_PAGES_URL") or None
    # A failed build must leave the previous site as it was: build beside it, then swap.
    staging = output.with_name(f".{output.name}.construction-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        # The calendars of a previous build (another lycée's, maybe) go: MkDocs copies
        # every file of the docs folder.
        sync(gen.docs_dir, gen.files)
        warnings = build(gen, staging)
        files = {Path(k).name: v for k, v in ics.result().items()}
        if not temporary:
            sync(gen.docs_dir / CALENDARS, files)
        sync(staging / CALENDARS, files)
        for name in UNWANTED:
            (staging / name).unlink(missing_ok=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if temporary:
            shutil.rmtree(docs, ignore_errors=True)
    cleaner = _swap_in(staging, output)
    if cleaner:
        cleaner.join()
    for message in warnings:
        err.write(f"Avertissement de MkDocs (message d'origine, en anglais) : {message}\n")
    elapsed = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    out.write(
        f"Site construit dans {output} : {len(site.statuses)} dossier(s), "
        f"{len(site.core.network.etablissements)} lycée(s), en {elapsed} s.\n"
    )
    return 0


def _run_serve(opts: Options, out: TextIO, err: TextIO) -> int:
    site, project = prepare(opts)
    _warn_invalid(site, err)
    gen = assemble(site, project, opts.root)
    sync(gen.docs_dir, gen.files)

    def regenerate() -> None:
        try:
            fresh_site, _ = prepare(opts)
            fresh = assemble(fresh_site, project, opts.root)
            count = sync(fresh.docs_dir, fresh.files)
            out.write(f"Dossiers relus : {count} fichier(s) du site mis à jour.\n")
            out.flush()
        except Exception as exc:  # keep serving whatever happens to one regeneration
            err.write(f"Erreur pendant la régénération : {exc}\n")

    out.write(f"Aperçu sur http://{opts.address}/ (Ctrl+C pour arrêter).\n")
    out.flush()
    serve(opts, gen, regenerate)
    return 0
