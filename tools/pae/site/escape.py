"""The one place where record text is made safe for the generated pages."""

from __future__ import annotations

import html
from urllib.parse import quote

from markupsafe import Markup

# Characters Python-Markdown (and the extensions we enable) give a meaning to, plus HTML's
# own. Written as numeric character references they show as themselves in every context
# of a page: Markdown text, table cells, admonition titles, raw HTML blocks and attributes.
_SIGNIFICANT = "\\`*_{}[]()<>#+-.!|~^=:\"'&$%@"
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _SIGNIFICANT})


def md_escape(text: object) -> str:
    """Plain text → Markdown that renders as exactly this text (never as markup or a link)."""
    value = "" if text is None else str(text)
    value = value.translate(_TABLE)
    # A line break would end a table row, an admonition or a list item: keep it visible.
    lines = [line.strip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "<br>".join(line for line in lines if line) if len(lines) > 1 else lines[0]


def html_escape(text: object) -> str:
    """Plain text → HTML text or attribute value (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def safe(markup: str) -> Markup:
    """Mark text built by our own code (links, SVG, tables) as already escaped."""
    return Markup(markup)


def mailto(address: str, subject: str) -> str:
    """A `mailto:` URL; the address comes from a schema-checked record, quoted anyway."""
    return f"mailto:{quote(address, safe='@.+-_')}?subject={quote(subject, safe='')}"


def finalize(value: object) -> object:
    """Jinja's hook on every `{{ … }}`: escape everything that was not marked safe."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return md_escape(value)


__all__ = ["Markup", "finalize", "html_escape", "mailto", "md_escape", "safe"]
