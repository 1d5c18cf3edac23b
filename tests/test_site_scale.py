"""What keeps the site fast and small at scale, each checked to give the same pages:
whole HTML blocks past Markdown unparsed, only the values the pages read kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from pae.site.assembly import Options, assemble, prepare
from pae.site.islands import whole_block

REPO = Path(__file__).resolve().parents[1]

CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8").replace("!!python", "#"))


def _extensions(with_islands: bool) -> tuple[list[Any], dict[str, Any]]:
    names: list[Any] = []
    configs: dict[str, Any] = {}
    for entry in CONFIG["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pae.site.islands" and not with_islands:
            continue
        names.append(name)
        configs[name] = config or {}
    return names, configs


def _html(text: str, with_islands: bool) -> tuple[str, int]:
    names, configs = _extensions(with_islands)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    return md.convert(text), len(md.htmlStash.rawHtmlBlocks)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    opts = Options(REPO, date(2026, 12, 20), tmp_path_factory.mktemp("out"))
    site, project = prepare(opts)
    gen = assemble(site, project, opts.root, with_calendars=False)
    found = {}
    for name, data in gen.files.items():
        if name.endswith(".md"):
            text = data.decode("utf-8")
            if text.startswith("---\n"):  # front matter: MkDocs takes it off first
                text = text.split("\n---\n", 1)[1]
            found[name] = text
    return found


def test_the_extension_is_enabled_for_the_site() -> None:
    assert "pae.site.islands" in _extensions(True)[0]


def test_every_page_of_the_demo_gives_the_same_html(pages: dict[str, str]) -> None:
    assert len(pages) > 60
    for name, text in pages.items():
        assert _html(text, True)[0] == _html(text, False)[0], name


def test_dossier_blocks_are_stored_whole(pages: dict[str, str]) -> None:
    dossiers = [text for name, text in pages.items() if name.startswith("dossiers/")]
    assert dossiers
    for text in dossiers:
        names, configs = _extensions(True)
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        md.convert(text)
        stored = [str(block) for block in md.htmlStash.rawHtmlBlocks]
        # the fact sheet and the step list, written as HTML, were taken whole, by us
        assert md.preprocessors["pae_islands"].taken >= 2  # type: ignore[attr-defined]
        assert any(b.startswith('<div class="pae-fiche">') for b in stored)
        assert any(b.startswith('<ol class="pae-steps">') for b in stored)


@pytest.mark.parametrize(
    ("text", "tag", "whole"),
    [
        ('<div class="a">\n<p>x</p>\n</div>', "div", True),
        ("<div>\n<div>x</div>", "div", False),  # not closed
        ("<div><div>x</div></div>", "div", True),
        ("<ol><li>a</li></ol>\ntext", "ol", False),  # Markdown after the block
        ('<div markdown="1">**b**</div>', "div", False),  # asks for Markdown inside
        ("<table><tr><td>1</td></tr></table>", "table", True),
    ],
)
def test_whole_block(text: str, tag: str, whole: bool) -> None:
    assert whole_block(text, tag) is whole


def test_ids_of_stored_blocks_reach_the_anchor_check() -> None:
    names, configs = _extensions(True)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    md.convert('# T\n\n<div id="bilan" class="x">\n<p>y</p>\n</div>\n')
    assert md.preprocessors["pae_islands"].ids == {"bilan"}  # type: ignore[attr-defined]


def test_the_site_keeps_only_what_its_pages_read_of_each_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pae.site import assembly

    opts = Options(REPO, date(2026, 12, 20), tmp_path / "out")
    site, project = prepare(opts)
    assert all(set(st.dossier.raw) <= {"identite", "examen", "reperage"} for st in site.statuses)
    lean = assemble(site, project, opts.root, with_calendars=False).files
    monkeypatch.setattr(assembly, "RAW_READ", True)  # everything kept, as before
    site, project = prepare(opts)
    assert any("suivi" in st.dossier.raw for st in site.statuses)
    whole = assemble(site, project, opts.root, with_calendars=False).files
    assert lean.keys() == whole.keys()
    assert [k for k in lean if lean[k] != whole[k]] == []
