"""The built site in a real headless Chromium: it renders, its tables work, nothing leaks.

Debian's /usr/bin/chromium is driven by Playwright (`make chromium` installs it). These
tests run in CI: a missing browser fails them, unless PAE_SKIP_BROWSER=1 is set explicitly.
Screenshots are kept in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pae.cli.main import cli
from site_network import write_network

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_DATE = "2026-11-27"
"""A date in the middle of the demo campaign: plans running, timetables current."""


def _chromium() -> Path:
    if os.environ.get("PAE_SKIP_BROWSER") == "1":
        pytest.skip("tests du navigateur désactivés par PAE_SKIP_BROWSER=1")
    if not CHROMIUM.is_file():
        pytest.fail(
            "chromium introuvable (/usr/bin/chromium) : lancer « make chromium », "
            "ou PAE_SKIP_BROWSER=1 pour sauter explicitement ces tests"
        )
    return CHROMIUM


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site (records/ of the repository), else the small test network."""
    _chromium()
    out = tmp_path_factory.mktemp("site") / "public"
    if any((REPO / "records" / "jeunes").glob("*/*/*.yaml")):
        args = ["--depot", str(REPO), "site", "--date", DEMO_DATE, "--sortie", str(out)]
    else:
        root = tmp_path_factory.mktemp("reseau") / "depot"
        write_network(root, git=False)
        args = ["--depot", str(root), "site", "--date", "2026-10-20", "--sortie", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def server(site_dir: Path) -> Iterator[str]:
    """The site on http://127.0.0.1:<random free port>/."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Browser:
    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def browser(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(_chromium()),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            locale="fr-FR",
        )
        seen = Browser(context.pages[0] if context.pages else context.new_page(), server)
        context.on("request", lambda request: seen.requests.append(request.url))
        seen.page.on(
            "console", lambda msg: seen.errors.append(msg.text) if msg.type == "error" else None
        )
        seen.page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
        try:
            yield seen
        finally:
            context.close()


def _norm(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()


def _visible_rows(b: Browser) -> Any:
    return b.page.locator("table.pae-cohorte tbody tr:visible")


def test_dashboard_renders(browser: Browser) -> None:
    browser.go("")
    page = browser.page
    assert page.locator("h1").first.inner_text() == "Tableau de bord"
    assert page.locator(".pae-kpi").count() == 5
    chart = page.locator("svg.pae-chart").first
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    assert page.locator(".pae-card").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "tableau-de-bord.png"), full_page=True)


def test_cohort_table_filters_and_sorts(browser: Browser) -> None:
    browser.go("cohorte/")
    page = browser.page
    tools = page.locator(".pae-table__tools")
    assert tools.is_visible()  # JavaScript ran
    total = page.locator("table.pae-cohorte tbody tr").count()
    assert total >= 5
    assert page.locator("[data-pae-count]").inner_text() == f"{total} dossiers"

    first_cell = page.locator("table.pae-cohorte tbody tr td").first
    name = first_cell.inner_text().strip()
    page.fill("[data-pae-filter]", name)
    rows = _visible_rows(browser)
    assert 1 <= rows.count() < total
    assert all(name in rows.nth(i).inner_text() for i in range(rows.count()))

    page.fill("[data-pae-filter]", "")
    page.select_option("[data-pae-step]", "en_parcours")
    rows = _visible_rows(browser)
    assert 0 < rows.count() < total
    etapes = {rows.nth(i).get_attribute("data-etape") for i in range(rows.count())}
    assert etapes == {"en_parcours"}
    page.select_option("[data-pae-step]", "")
    assert _visible_rows(browser).count() == total

    header = page.locator("table.pae-cohorte thead button", has_text="Jeune")
    header.click()
    keys = page.eval_on_selector_all(
        "table.pae-cohorte tbody tr td:first-child", "cells => cells.map(c => c.dataset.value)"
    )
    assert [_norm(k) for k in keys] == sorted(_norm(k) for k in keys)
    header.click()
    keys = page.eval_on_selector_all(
        "table.pae-cohorte tbody tr td:first-child", "cells => cells.map(c => c.dataset.value)"
    )
    assert [_norm(k) for k in keys] == sorted((_norm(k) for k in keys), reverse=True)
    page.screenshot(path=str(ARTIFACTS / "cohorte.png"), full_page=True)


def test_dashboard_alert_rows_open_the_cohort_filtered_on_them(browser: Browser) -> None:
    page = browser.page
    browser.go("")
    by_code = page.locator("table:has(caption:text('Par type')) tbody tr td:first-child a")
    assert by_code.count() >= 1
    href = by_code.first.get_attribute("href")
    code = href.split("#alerte=")[1]
    by_code.first.click()
    page.wait_for_load_state("networkidle")
    total = page.locator("table.pae-cohorte tbody tr").count()
    rows = _visible_rows(browser)
    assert 1 <= rows.count() < total
    for i in range(rows.count()):
        assert code in rows.nth(i).get_attribute("data-alertes").split()
    assert page.locator("[data-pae-alert]").input_value() == code
    assert page.locator("[data-pae-count]").inner_text() == f"{rows.count()} sur {total} dossiers"
    page.select_option("[data-pae-alert]", "")
    assert _visible_rows(browser).count() == total

    browser.go("")
    by_person = page.locator("table:has(caption:text('Par personne')) tbody a")
    token = by_person.first.get_attribute("href").split("#qui=")[1]
    by_person.first.click()
    page.wait_for_load_state("networkidle")
    rows = _visible_rows(browser)
    assert 1 <= rows.count() < total
    for i in range(rows.count()):
        assert token in rows.nth(i).get_attribute("data-qui").split()
    page.fill("[data-pae-filter]", "zzzz")  # the text filter still applies on top
    assert _visible_rows(browser).count() == 0
    page.fill("[data-pae-filter]", "")
    assert _visible_rows(browser).count() == rows.count()


FUNNELS = {
    "demo-like": [
        ("Repérés", 46),
        ("Contactés", 40),
        ("Entretien d'information", 36),
        ("Inscrits", 34),
        ("En parcours", 25),
        ("Bilan fait", 2),
    ],
    "académie": [
        ("Repérés", 3000),
        ("Contactés", 2500),
        ("Entretien d'information", 1900),
        ("Inscrits", 1200),
        ("En parcours", 1100),
        ("Bilan fait", 12),
    ],
    "tiny": [
        ("Repérés", 3),
        ("Contactés", 2),
        ("Entretien d'information", 1),
        ("Inscrits", 1),
        ("En parcours", 1),
        ("Bilan fait", 1),
    ],
}


@pytest.mark.parametrize("width", [1280, 700, 390, 320])
@pytest.mark.parametrize("name", sorted(FUNNELS))
def test_every_funnel_figure_is_readable_at_any_width(
    browser: Browser, width: int, name: str
) -> None:
    """Real font metrics: each figure inside its bar, or beside it, never cut by the bar or
    the drawing's edge."""
    from pae.site import charts

    css = (REPO / "site/stylesheets/pae.css").read_text(encoding="utf-8")
    svg = charts.funnel("f", "Entonnoir", FUNNELS[name])
    page = browser.page
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto("about:blank")  # no origin: no request for a favicon of the test server
        page.set_content(f"<style>{css}</style><div style='width:{width - 20}px'>{svg}</div>")
        boxes = page.eval_on_selector(
            "svg.pae-chart",
            """svg => {
              const box = svg.getBoundingClientRect();
              const bars = [...svg.querySelectorAll('rect.pae-chart__bar')];
              const values = [...svg.querySelectorAll(
                '.pae-chart__inner, .pae-chart__value')];
              return values.map((t, i) => {
                const r = t.getBoundingClientRect(), b = bars[i].getBoundingClientRect();
                return {inside: t.classList.contains('pae-chart__inner'), text: t.textContent,
                        left: r.left, right: r.right, barLeft: b.left, barRight: b.right,
                        svgLeft: box.left, svgRight: box.right};
              });
            }""",
        )
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    assert len(boxes) == len(FUNNELS[name])
    for v in boxes:
        assert v["svgLeft"] <= v["left"] and v["right"] <= v["svgRight"], v
        if v["inside"]:
            assert v["barLeft"] <= v["left"] and v["right"] <= v["barRight"], v
        else:
            assert v["left"] >= v["barRight"], v


def test_a_dossier_opens_from_the_cohort_with_its_timetable(browser: Browser) -> None:
    browser.go("cohorte/")
    page = browser.page
    page.select_option("[data-pae-step]", "en_parcours")
    link = _visible_rows(browser).first.locator("td a").first
    name = link.inner_text().strip()
    link.click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/dossiers/[0-9]{7}[A-Z]-[0-9]{4}-[0-9]{3}/$", page.url)
    assert page.locator("h1").first.inner_text().strip() == name
    grid = page.locator(".pae-edts > .pae-edt-wrap table.pae-edt").first
    assert grid.is_visible()
    assert grid.locator(".pae-edt__slot").count() >= 1
    assert page.locator("a", has_text="Modifier ce dossier").count() == 1
    page.screenshot(path=str(ARTIFACTS / "dossier.png"), full_page=True)


def test_search_finds_a_young_person_by_name(browser: Browser) -> None:
    browser.go("cohorte/")
    page = browser.page
    cell = page.locator("table.pae-cohorte tbody tr td").nth(0)
    name = cell.inner_text().strip()
    surname = name.split()[-1]
    browser.go("")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(surname, delay=20)  # the theme listens to key strokes
    result = page.locator(".md-search-result__item", has_text=surname).first
    result.wait_for(state="visible", timeout=15_000)
    result.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert "/dossiers/" in page.url
    assert surname in page.locator("h1").first.inner_text()


def test_printed_dossier_is_a_one_page_bilan(browser: Browser) -> None:
    browser.go("bilans/")
    page = browser.page
    page.locator("table a[href*='dossiers/']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("button[data-pae-print]").is_visible()
    page.emulate_media(media="print")
    try:
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".pae-fiche").is_visible()
        assert page.locator(".pae-print-only .pae-bilan").is_visible()
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.emulate_media(media="screen")
    (ARTIFACTS / "bilan.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_no_request_leaves_localhost_and_no_console_error(browser: Browser) -> None:
    browser.go("")
    assert browser.requests
    assert any(url.endswith("search/search_index.json") for url in browser.requests)
    foreign = [url for url in browser.requests if not url.startswith(browser.base)]
    assert foreign == []
    assert browser.errors == []


def test_the_printed_cohort_bilan_keeps_every_row(browser: Browser) -> None:
    page = browser.page
    browser.go("bilans/")
    page.emulate_media(media="print")
    try:
        table = page.locator(".pae-indicateurs table")
        last = table.locator("tr").last
        assert "Sorties anticipées" in last.inner_text()
        assert last.is_visible()
        rate = page.locator(".pae-indicateurs th", has_text="Taux de sorties positives").last
        assert rate.is_visible()
        box = last.bounding_box()
        assert box is not None and box["width"] > 0
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF")
        (ARTIFACTS / "bilan-cohorte.pdf").write_bytes(pdf)
    finally:
        page.emulate_media(media="screen")


# Every page type of the site: a path, or an index and the pattern of its first link
# (the accessibility and layout tests visit each).
PAGES: dict[str, tuple[str, str] | str] = {
    "accueil": "",
    "cohorte": "cohorte/",
    "dossier": ("cohorte/", r"dossiers/[^/]+/"),
    "lycee": ("lycees/", r"lycees/[^/]+/"),
    "referent": ("referents/", r"referents/[^/]+/"),
    "conseiller": ("missions-locales/", r"conseillers/[^/]+/"),
    "mission-locale": ("missions-locales/", r"missions-locales/[^/]+/"),
    "echeancier": "echeancier/",
    "bilans": "bilans/",
    "bilans-lycee": ("bilans/", r"bilans/[^/]+/"),
    "offre": "offre/",
    "guide": "guide/",
    "champs": "guide/champs/",
    "declaration": "guide/accessibilite/",
    "fiches": ("cohorte/", r"dossiers/[^/]+/"),  # the dossier's interview sheets
}
