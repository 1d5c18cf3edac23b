"""Run MkDocs on the assembled docs folder: a build into the output folder, or a preview
that regenerates the pages when a record changes."""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pae.errors import DataError, UsageError
from pae.files import why

_UNAVAILABLE = {
    errno.EADDRINUSE: "adresse déjà utilisée, peut-être par un autre aperçu",
    errno.EADDRNOTAVAIL: "adresse indisponible sur ce poste",
    errno.EACCES: "port réservé : choisir un port au-dessus de 1024",
}

if TYPE_CHECKING:
    from pathlib import Path

    from pae.site.assembly import Generated, Options


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _overrides(gen: Generated) -> dict[str, Any]:
    """What `pae site` decides over mkdocs.yml (MkDocs drops the None values)."""
    out: dict[str, Any] = {"docs_dir": str(gen.docs_dir), "repo_url": gen.site.forge.repo_url}
    if gen.site.options.pseudonymise:
        out.update(repo_url="", edit_uri="")  # wider partners: no link to the forge
    if gen.site_url:
        out["site_url"] = gen.site_url
    return out


def _lean_plugin() -> Any:
    """Drop each page's Markdown once it is HTML, and its HTML once its file is written.

    MkDocs keeps both for every page until the end of the build; with French text
    (two bytes a character) that was most of its memory at 3,000 dossiers."""
    from mkdocs.plugins import BasePlugin

    class Lean(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_page_content(self, html: str, page: Any, **_: Any) -> str:
            page.markdown = ""  # not None: MkDocs reads None as "no title yet"
            return html

        def on_post_page(self, output: str, page: Any, **_: Any) -> str:
            page.content = None
            return output

    return Lean()


def build(gen: Generated, output: Path) -> list[str]:
    """Run the MkDocs build in-process; returns its warnings."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        config = load_config(str(gen.config_file), site_dir=str(output), **_overrides(gen))
        config.plugins["pae/lean"] = _lean_plugin()  # last: after search has read the page
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Exception as exc:  # MkDocs' own errors: explained, never a traceback
        raise DataError(f"la construction du site par MkDocs a échoué : {exc}") from exc
    finally:
        logger.removeHandler(handler)
    return handler.messages


def serve(opts: Options, gen: Generated, regenerate: Callable[[], None]) -> None:
    """Preview on localhost; a change of a YAML file of records/ regenerates the pages."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    pending: list[threading.Timer] = []

    class OnRecords(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            # Editors often write a temporary file then rename it over the YAML file.
            paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
            if event.event_type in ("opened", "closed_no_write") or not any(
                p.endswith((".yaml", ".yml")) for p in paths
            ):
                return
            for timer in pending:
                timer.cancel()
            pending.clear()
            timer = threading.Timer(0.4, regenerate)
            pending.append(timer)
            timer.start()

    observer = Observer()
    observer.schedule(OnRecords(), str(opts.root / "records"), recursive=True)
    observer.start()
    try:
        mkdocs_serve(
            config_file=str(gen.config_file),
            livereload=True,
            dev_addr=opts.address,
            **_overrides(gen),
        )
    except OSError as exc:  # the address cannot be opened on this machine
        reason = _UNAVAILABLE.get(exc.errno or 0) or why(exc)
        raise UsageError(
            f"impossible d'ouvrir l'aperçu sur {opts.address} ({reason}) : en choisir une "
            "autre avec --adresse, par exemple 127.0.0.1:8001"
        ) from None
    finally:
        observer.stop()
        observer.join()
