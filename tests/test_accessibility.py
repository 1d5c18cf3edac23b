"""Accessibility (RGAA, i.e. WCAG 2.1 AA): axe-core on every page type of the demo site.

axe-core is pinned in tests/a11y/package-lock.json (`make test` installs it) and injected
into each page from disk by Playwright: the site itself never loads it. A serious or
critical violation of any rule fails the test, with the list of what axe found.
The site, its server and the browser are the fixtures of test_browser.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from test_browser import PAGES, Browser, browser, server, site_dir  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def _axe() -> Path:
    if os.environ.get("PAE_SKIP_BROWSER") == "1":
        pytest.skip("tests du navigateur désactivés par PAE_SKIP_BROWSER=1")
    if not AXE.is_file():
        pytest.fail(f"axe-core introuvable ({AXE}) : lancer « make test » (npm ci dans tests/a11y)")
    return AXE


def _first_link(b: Browser, path: str, pattern: str) -> str:
    """The address, relative to the site's root, of the page's first link matching pattern."""
    b.go(path)
    hrefs = b.page.eval_on_selector_all(".md-content a[href]", "links => links.map(a => a.href)")
    found = [h[len(b.base) :] for h in hrefs if h.startswith(b.base)]
    wanted = [h for h in found if re.fullmatch(pattern, h)]
    assert wanted, f"aucun lien {pattern} sur /{path}"
    return str(wanted[0])


def _violations(b: Browser, path: str, scheme: str) -> list[dict[str, Any]]:
    b.go(path)
    # The theme's two palettes (light "default", dark "slate"), whatever the visitor chose.
    # Switched without the theme's colour transition, which axe would measure halfway.
    b.page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    b.page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    b.page.add_script_tag(path=str(_axe()))
    result = b.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in SEVERE]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']} ({len(v['nodes'])}) : {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])} {node['failureSummary'][:300]!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_axe_violation(browser: Browser, kind: str, scheme: str) -> None:  # noqa: F811
    where = PAGES[kind]
    path = where if isinstance(where, str) else _first_link(browser, *where)
    path += "fiches/" if kind == "fiches" else ""
    found = _violations(browser, path, scheme)
    assert found == [], f"/{path} ({scheme}) :\n{_describe(found)}"


def test_the_cohort_table_sorts_and_filters_from_the_keyboard(browser: Browser) -> None:  # noqa: F811
    browser.go("cohorte/")
    page = browser.page
    total = page.locator("table.pae-cohorte tbody tr").count()
    page.locator("[data-pae-filter]").focus()
    name = page.locator("table.pae-cohorte tbody tr td").first.inner_text().strip()
    page.keyboard.type(name.split()[-1])
    assert 1 <= page.locator("table.pae-cohorte tbody tr:visible").count() < total
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-pae-step]')")
    # Every sortable header is a button reached with Tab, its state in aria-sort.
    buttons = page.locator("table.pae-cohorte thead th button.pae-sort")
    assert buttons.count() == page.locator("table.pae-cohorte thead th[data-sort]").count() > 0
    step = page.locator("table.pae-cohorte thead th", has_text="Étape")
    step.locator("button").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert step.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")
    assert step.get_attribute("aria-sort") == "descending"
    orders = page.eval_on_selector_all(
        "table.pae-cohorte tbody tr td:nth-child(5)", "cells => cells.map(c => +c.dataset.value)"
    )
    assert orders == sorted(orders, reverse=True)
    assert page.locator("table.pae-cohorte thead th[aria-sort]").count() == 1


@pytest.mark.parametrize("path", ["", "bilans/", "dossier"])
def test_every_chart_has_a_name_and_its_figures_in_a_table(browser: Browser, path: str) -> None:  # noqa: F811
    if path == "dossier":  # one in progress: its attendance is charted
        browser.go("cohorte/")
        link = browser.page.locator("tr[data-etape='en_parcours'] a[href*='dossiers/']").first
        path = link.evaluate("a => a.href")[len(browser.base) :]
    browser.go(path)
    charts = browser.page.locator("svg.pae-chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "img"
        name = chart.evaluate(
            "svg => document.getElementById(svg.getAttribute('aria-labelledby')).textContent"
        )
        assert name.strip()
        # The same figures as text: a table right after the chart's figure.
        table = chart.evaluate(
            "svg => { let n = svg.closest('figure').nextElementSibling;"
            " return n && (n.matches('table') ? n : n.querySelector('table')) ? 1 : 0; }"
        )
        assert table == 1, f"/{path} : graphique {name!r} sans tableau"
