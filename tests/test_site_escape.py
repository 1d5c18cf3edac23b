"""Tests for pae.pages.escape: record text always shows as itself, never as markup."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from pae.site.escape import finalize, html_escape, mailto, md_escape, safe

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]
"""The Markdown extensions of mkdocs.yml."""

# Printable text (no control or surrogate characters, no Unicode line separators), and
# line breaks: what a YAML free-text field can hold and a person can type.
TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
    | st.sampled_from("\n<>&[]()`*_#|!\\:\"'"),
    max_size=80,
)


def expected(text: str) -> str:
    """What the page shows: each line stripped, empty lines dropped, breaks kept."""
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line) if len(lines) > 1 else lines[0]


def shown(markup: str) -> tuple[str, set[str]]:
    """The text a browser shows for an HTML fragment, and the tags it holds."""
    if not markup.strip():
        return "", set()
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return root.text_content(), {el.tag for el in root.iter()} - {"div"}


@given(TEXT)
def test_md_escape_in_a_paragraph(text: str) -> None:
    out = markdown.markdown(md_escape(text), extensions=EXTENSIONS)
    content, tags = shown(out)
    assert content.strip() == expected(text).strip()
    assert tags <= {"p", "br"}


@given(TEXT)
def test_md_escape_in_a_table_cell(text: str) -> None:
    source = f"| a | b |\n|---|---|\n| {md_escape(text)} | fin |\n"
    out = markdown.markdown(source, extensions=EXTENSIONS)
    root = lxml_html.fragment_fromstring(out, create_parent="div")
    cells = root.findall(".//tbody/tr/td")
    assert len(cells) == 2
    for br in cells[0].iter("br"):
        br.tail = "\n" + (br.tail or "")
    assert cells[0].text_content().strip() == expected(text).strip()
    assert cells[1].text_content() == "fin"
    assert {el.tag for el in cells[0].iter()} <= {"td", "br"}


@given(TEXT.filter(lambda t: "\n" not in t))
def test_md_escape_in_an_admonition_title(text: str) -> None:
    source = f'!!! warning "A5 — {md_escape(text)}"\n\n    Corps.\n'
    out = markdown.markdown(source, extensions=EXTENSIONS)
    root = lxml_html.fragment_fromstring(out, create_parent="div")
    title = root.find_class("admonition-title")[0]
    assert title.text_content().strip() == f"A5 — {text.strip()}".strip()
    assert len(list(title.iter())) == 1


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60))
def test_html_escape_as_text_and_attribute(text: str) -> None:
    root = lxml_html.fragment_fromstring(
        f'<p title="{html_escape(text)}">{html_escape(text)}</p>', create_parent="div"
    )
    p = root.find("p")
    assert p is not None
    assert p.text_content() == text
    assert p.get("title") == text


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![x](https://tiers.example/pixel.png)",
        "<img src=x onerror=alert(1)>",
        "{: onclick=alert(1) }",
        '!!! danger "piège"',
        "<https://tiers.example>",
        "&lt;script&gt;",
    ],
)
def test_attacks_are_shown_as_text(attack: str) -> None:
    out = markdown.markdown(md_escape(attack), extensions=EXTENSIONS)
    content, tags = shown(out)
    assert content == attack
    assert tags == {"p"}
    root = lxml_html.fragment_fromstring(out, create_parent="div")
    assert all(not el.attrib for el in root.iter())


def test_finalize_escapes_all_but_safe_markup() -> None:
    assert finalize("<b>") == "&#60;b&#62;"
    assert finalize(safe("<b>")) == "<b>"
    assert finalize(None) == ""
    assert finalize(12) == "12"


def test_mailto_subject_is_encoded() -> None:
    url = mailto("contact@ml.example", "AMBITION EMPLOI — dossier 0990001N-2026-001")
    assert url == (
        "mailto:contact@ml.example?subject=AMBITION%20EMPLOI%20%E2%80%94%20dossier"
        "%200990001N-2026-001"
    )
