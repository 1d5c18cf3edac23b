"""Build the team site with MkDocs into its output folder, swapping it in only once
complete; or serve a preview that follows the records."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pae.errors import DataError, UsageError
from pae.site import calendars
from pae.site.assembly import (
    BUILD_DIR,
    CALENDARS,
    TOOL_DIR,
    UNWANTED,
    Options,
    assemble,
    prepare,
)
from pae.site.builder import build, serve
from pae.site.context import Site
from pae.site.edition import proxy
from pae.site.edition.assets import cms_folder
from pae.site.edition.links import Edition
from pae.site.search import add_dossiers
from pae.terminal import quiet_worker


class Calendars:
    """The iCalendar files, computed in a forked process while MkDocs builds the pages
    (both are CPU-bound; the machine has more than one core).

    The child leaves its result in a file and exits at once: waiting to hand it over
    through a pipe kept a copy of the whole network alive until MkDocs had finished
    (420 MiB at 3,000 dossiers)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.files: dict[str, bytes] | None = None
        self.process: Any = None
        if os.name == "posix":
            handle, name = tempfile.mkstemp(prefix="pae-calendriers-", suffix=".pickle")
            os.close(handle)
            self.result_file = Path(name)
            context = multiprocessing.get_context("fork")
            # Forked, not pickled: the child reads the statuses from its copy of memory.
            self.process = context.Process(target=self._child, daemon=True)
            self.process.start()

    def _child(self) -> None:
        quiet_worker()
        files = dict(calendars.calendar_files(self.site))
        with self.result_file.open("wb") as out:
            pickle.dump(files, out, protocol=pickle.HIGHEST_PROTOCOL)

    def result(self) -> dict[str, bytes]:
        if self.files is None:
            if self.process is None:
                self.files = dict(calendars.calendar_files(self.site))
            else:
                self.process.join()
                try:
                    if self.process.exitcode != 0:
                        raise DataError("l'écriture des calendriers a échoué")
                    with self.result_file.open("rb") as found:
                        self.files = pickle.load(found)  # our own child's, never foreign
                finally:
                    self.result_file.unlink(missing_ok=True)
        return self.files

    def discard(self) -> None:
        """A build that failed: stop the child, leave no file behind."""
        if self.process is not None and self.files is None:
            self.process.terminate()
            self.process.join()
            self.result_file.unlink(missing_ok=True)


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
    shutil.rmtree(old, ignore_errors=True)  # an earlier build of this process, interrupted
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if not old.exists():
        return None
    thread = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
    thread.start()
    return thread


_LEFTOVERS = ("sources", "construction", "ancien")
"""What a build writes beside the output folder, named after its process: `.public.sources-
<pid>` (the pages, for a build out of the repository), `.public.construction-<pid>` (the new
site), `.public.ancien-<pid>` (the previous one, being deleted)."""


def clean_leftovers(output: Path) -> list[Path]:
    """Remove what builds killed before their end left beside `output` (full copies of the
    pages, names included); those of builds still running stay."""
    if os.name != "posix" or not output.parent.is_dir():
        return []  # os.kill(pid, 0) would end the process elsewhere
    kinds = "|".join(_LEFTOVERS)
    pattern = re.compile(rf"\.{re.escape(output.name)}\.(?:{kinds})-([0-9]{{1,9}})")
    removed = []
    for entry in output.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match and not entry.is_symlink() and entry.is_dir() and not _alive(int(match[1])):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this build's own folders: it handles them
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process has: leave it
    return True


def _check_output(opts: Options) -> Path:
    output = (opts.output or opts.root / "public").resolve()
    if output == opts.root.resolve() or output in opts.root.resolve().parents:
        raise UsageError(f"dossier de sortie dangereux : {output}")
    if output.exists() and not output.is_dir():
        raise UsageError(
            f"la sortie {output} est un fichier, pas un dossier : en choisir une autre"
        )
    blocking = next((p for p in output.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise UsageError(
            f"dossier de sortie impossible : {blocking} est un fichier, pas un dossier"
        )
    if output.exists() and not (output / "index.html").exists() and any(output.iterdir()):
        raise UsageError(f"le dossier de sortie {output} n'est pas vide et ne contient pas un site")
    return output


def docs_dir_for(root: Path, output: Path) -> tuple[Path, bool]:
    """Where the pages are written for MkDocs, and whether that folder is temporary.

    The usual build (into public/ of the repository) keeps build/site-src, which mkdocs.yml
    names; a build elsewhere writes nothing into the repository and never shares its
    sources with another build running at the same time."""
    if output == (root / "public").resolve():
        return root / BUILD_DIR, False
    return output.with_name(f".{output.name}.sources-{os.getpid()}"), True


@dataclass
class Built:
    """What a build of the site did."""

    output: Path
    dossiers: int
    lycees: int
    seconds: float
    invalid: int
    """Invalid files left out of the site."""
    warnings: list[str] = field(default_factory=list)
    """MkDocs' own warnings (in English)."""
    edition: Edition = field(default_factory=Edition)
    """Whether the forms (/edition/) were built, else why not."""


def invalid_count(site: Site) -> int:
    return len(site.invalid) + site.invalid_others


def build_site(opts: Options) -> Built:
    """Generate the pages, build them with MkDocs beside the output folder, then swap."""
    started = time.perf_counter()
    output = _check_output(opts)
    clean_leftovers(output)
    site, project = prepare(opts)
    ics = Calendars(site)
    docs, temporary = docs_dir_for(opts.root, output)
    gen = assemble(
        site, project, opts.root, with_calendars=False, docs_dir=docs, proxy_url=opts.proxy_url
    )
    gen.site_url = opts.site_url or os.environ.get("CI_PAGES_URL") or None
    # A failed build must leave the previous site as it was: build beside it, then swap.
    staging = output.with_name(f".{output.name}.construction-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        # The calendars of a previous build (another lycée's, maybe) go: MkDocs copies
        # every file of the docs folder.
        sync(gen.docs_dir, gen.files)
        gen.files.clear()  # on disk now: MkDocs reads them from there
        warnings = build(gen, staging)
        add_dossiers(staging, site)
        files = {Path(k).name: v for k, v in ics.result().items()}
        if not temporary:
            sync(gen.docs_dir / CALENDARS, files)
        sync(staging / CALENDARS, files)
        for name in UNWANTED:
            (staging / name).unlink(missing_ok=True)
    except BaseException:
        ics.discard()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if temporary:
            shutil.rmtree(docs, ignore_errors=True)
    cleaner = _swap_in(staging, output)
    if cleaner:
        cleaner.join()
    return Built(
        output,
        len(site.statuses),
        len(site.ctx.network.etablissements),
        time.perf_counter() - started,
        invalid_count(site),
        warnings,
        site.edition,
    )


def preview(opts: Options, say: Callable[[str], None]) -> None:
    """Serve the site on this machine; regenerate the pages when a record changes."""
    site, project = prepare(opts)
    if count := invalid_count(site):
        say(invalid_message(count))
    gen = assemble(site, project, opts.root, proxy_url=opts.proxy_url)
    sync(gen.docs_dir, gen.files)

    def regenerate() -> None:
        try:
            fresh_site, _ = prepare(opts)
            fresh = assemble(fresh_site, project, opts.root, proxy_url=opts.proxy_url)
            count = sync(fresh.docs_dir, fresh.files)
            say(f"Dossiers relus : {count} fichier(s) du site mis à jour.")
        except Exception as exc:  # keep serving whatever happens to one regeneration
            say(f"Erreur pendant la régénération : {exc}")

    say(f"Aperçu sur http://{opts.address}/ (Ctrl+C pour arrêter).")
    serve(opts, gen, regenerate)


def invalid_message(count: int) -> str:
    return (
        f"Attention : {count} fichier(s) invalide(s) laissé(s) hors du site "
        "(lancer « pae valider » pour voir les erreurs)."
    )


def preview_with_forms(opts: Options, say: Callable[[str], None]) -> None:
    """The preview, with forms that save through decap-server on a clone of the
    repository (never its working tree)."""
    site, project = prepare(opts)
    if not site.edition.built:
        raise UsageError(f"--edition : {site.edition.reason}")
    branch = site.ctx.settings.forge_project.branche
    clone = proxy.clone_for(opts.root, branch)
    with proxy.running(cms_folder(project, TOOL_DIR), clone, branch) as server:
        say(
            f"Formulaires sur http://{opts.address}/edition/ : ils enregistrent dans le clone "
            f"{clone} (la branche {branch} de ce dépôt, sans ce qui n'y est pas encore "
            "enregistré par git commit), jamais dans votre copie de travail. Chaque dossier "
            f"enregistré y crée une branche cms/… ; pour les récupérer : {server.fetch_command()}"
        )
        preview(replace(opts, proxy_url=server.url), say)
