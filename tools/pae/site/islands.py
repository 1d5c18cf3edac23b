"""A Markdown extension: the site's blocks of finished HTML pass through without parsing.

The page builders write dossier facts, step lists, tables and grids as HTML blocks
between Markdown headings. Python-Markdown finds where each raw HTML block ends by feeding
the whole page to an HTML parser, twice with MkDocs (its anchor pass, then `md_in_html`):
at 1,000 dossiers that was about half of the build. A block that is obviously whole needs
neither: it starts after a blank line with a block-level tag, runs to the next blank line,
ends with that tag's closing tag, opens and closes it as often, and asks for no Markdown
inside (`markdown="1"`). Such a block is stored as raw HTML at once, exactly as Markdown
would have stored it; anything else is left to Markdown. The `id`s of stored blocks are
handed to MkDocs' anchor check, which no longer sees them.

Enabled in mkdocs.yml (`markdown_extensions: - pae.site.islands`).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def whole_block(text: str, tag: str) -> bool:
    """Whether `text`, which starts with `<tag`, is one element closed at its end."""
    if not text.rstrip().endswith(f"</{tag}>") or "markdown=" in text:
        return False
    opened = len(re.findall(rf"<{tag}[\s>]", text))
    return opened == text.count(f"</{tag}>")


class _Islands(Preprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()
        self.taken = 0
        """Blocks stored whole on the last page."""

    def run(self, lines: list[str]) -> list[str]:
        self.ids, self.taken = set(), 0
        out: list[str] = []
        i, count = 0, len(lines)
        while i < count:
            match = _OPENING.match(lines[i])
            after_blank = i == 0 or not lines[i - 1].strip()
            if match and after_blank and self.md.is_block_level(match[1]):
                end = i
                while end < count and lines[end].strip():
                    end += 1
                text = "\n".join(lines[i:end])
                if whole_block(text, match[1]):
                    self.ids.update(_ID.findall(text))
                    self.taken += 1
                    out.extend((self.md.htmlStash.store(text + "\n"), ""))
                    i = end
                    continue
            out.append(lines[i])
            i += 1
        return out


class _Anchors(Preprocessor):
    """After MkDocs' anchor pass: add the ids of the blocks it did not see."""

    def __init__(self, md: Markdown, islands: _Islands) -> None:
        super().__init__(md)
        self.islands = islands

    def run(self, lines: list[str]) -> list[str]:
        if "mkdocs_raw_html" in self.md.preprocessors:
            found = getattr(self.md.preprocessors["mkdocs_raw_html"], "present_anchor_ids", None)
            if isinstance(found, set):
                found.update(self.islands.ids)
        return lines


class IslandsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        islands = _Islands(md)
        # after fenced code (25) is set aside, before MkDocs' anchor pass (21) and the
        # raw HTML block preprocessor (20)
        md.preprocessors.register(islands, "pae_islands", 22)
        md.preprocessors.register(_Anchors(md, islands), "pae_island_anchors", 20.5)


def makeExtension(**kwargs: Any) -> IslandsExtension:
    return IslandsExtension(**kwargs)
