"""The built site on paper and on a phone, in headless Chromium (fixtures of test_browser).

Print: an A4 page less its margins (182 mm) is about 688 CSS pixels wide; every table of
the printed page must end within it, its last row shown. Phone: 390 pixels wide, no page
wider than the screen, the cohort table's key columns in view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    PAGES,
    Browser,
    browser,
    server,
    site_dir,
)

pytestmark = pytest.mark.browser

PRINT_WIDTH = 688
PHONE = {"width": 390, "height": 844}
PAGE_TYPES = PAGES


def _first_link(b: Browser, path: str, pattern: str) -> str:
    b.go(path)
    hrefs = b.page.eval_on_selector_all(".md-content a[href]", "links => links.map(a => a.href)")
    wanted = [h[len(b.base) :] for h in hrefs if re.fullmatch(pattern, h[len(b.base) :])]
    assert wanted, f"aucun lien {pattern} sur /{path}"
    return str(wanted[0])


def _path(b: Browser, kind: str) -> str:
    where = PAGE_TYPES[kind]
    path = where if isinstance(where, str) else _first_link(b, *where)
    return path + "fiches/" if kind == "fiches" else path


def _in_progress_dossier(b: Browser) -> str:
    """A dossier in progress: it has a weekly timetable."""
    b.go("cohorte/")
    link = b.page.locator("tr[data-etape='en_parcours'] a[href*='dossiers/']").first
    return str(link.evaluate("a => a.href"))[len(b.base) :]


@pytest.fixture
def printing(browser: Browser) -> Iterator[Browser]:  # noqa: F811
    """The page as printed on A4 (its width less the margins), back to screen after."""
    browser.page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    browser.page.emulate_media(media="print")
    try:
        yield browser
    finally:
        browser.page.emulate_media(media="screen")
        browser.page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def phone(browser: Browser) -> Iterator[Browser]:  # noqa: F811
    browser.page.set_viewport_size(PHONE)
    try:
        yield browser
    finally:
        browser.page.set_viewport_size({"width": 1280, "height": 900})


CUT_TABLES = """() => [...document.querySelectorAll('.md-content table, main table')]
  .filter(t => t.offsetParent !== null)
  .map(t => {
    const rows = t.rows, last = rows[rows.length - 1];
    const cell = last.cells[last.cells.length - 1].getBoundingClientRect();
    const head = t.rows[0].cells[t.rows[0].cells.length - 1].getBoundingClientRect();
    return {caption: (t.caption || {}).textContent || t.rows[0].textContent.slice(0, 40),
            right: Math.max(cell.right, head.right), shown: cell.width > 0 && cell.height > 0};
  })
  .filter(t => t.right > innerWidth + 1 || !t.shown)"""


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_printed_cohort_bilan_keeps_every_column_and_row(printing: Browser) -> None:
    page = printing.page
    printing.go("bilans/")
    assert page.evaluate(CUT_TABLES) == []
    for caption in ("Par diplôme", "Par niveau", "Par lycée"):
        table = page.locator(".md-content table", has=page.locator("caption", has_text=caption))
        last_head = table.locator("thead th").last
        assert last_head.inner_text().strip() == "Sorties positives"
        assert last_head.is_visible() and table.locator("tbody tr").last.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINT_WIDTH
    (ARTIFACTS / "bilan-cohorte-complet.pdf").write_bytes(page.pdf(format="A4"))


@pytest.mark.parametrize("kind", ["cohorte", "lycee", "referent", "echeancier", "bilans-lycee"])
def test_printed_lists_fit_the_page(browser: Browser, kind: str) -> None:  # noqa: F811
    path = _path(browser, kind)
    browser.page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    browser.page.emulate_media(media="print")
    try:
        browser.go(path)
        assert browser.page.evaluate(CUT_TABLES) == [], path
    finally:
        browser.page.emulate_media(media="screen")
        browser.page.set_viewport_size({"width": 1280, "height": 900})


def test_the_weekly_timetable_prints_on_its_own(browser: Browser) -> None:  # noqa: F811
    path = _in_progress_dossier(browser)
    browser.go(path)
    page = browser.page
    # window.print() is replaced: the test checks what the button asks for, then prints.
    page.evaluate(
        "window.print = () => { window.paePrinted = document.documentElement.dataset.paePrint; }"
    )
    page.get_by_role("button", name="Imprimer l'emploi du temps").click()
    assert page.evaluate("window.paePrinted") == "edt"
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    try:
        assert page.locator("h1").first.is_visible()
        grid = page.locator(".pae-edts table.pae-edt").first
        assert grid.is_visible() and grid.locator(".pae-edt__slot").count() >= 1
        assert not page.locator("#assiduite").is_visible()
        assert not page.locator(".pae-print-only .pae-bilan").is_visible()
        assert not page.locator(".pae-fiche").is_visible()
        assert page.evaluate(CUT_TABLES) == []
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.evaluate("delete document.documentElement.dataset.paePrint")
    (ARTIFACTS / "emploi-du-temps.pdf").write_bytes(pdf)
    assert 1 <= _pdf_pages(pdf) <= 2


def test_the_interview_sheets_print_one_page_each(browser: Browser) -> None:  # noqa: F811
    path = _in_progress_dossier(browser)
    browser.go(path)
    page = browser.page
    page.get_by_role("link", name="Fiches d'entretien").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/fiches/index.html")
    assert page.locator("h2").all_inner_texts() == [
        "Fiche d'entretien d'information",
        "Fiche d'entretien approfondi",
    ]
    assert page.get_by_role("button", name="Imprimer les deux fiches").is_visible()
    name = page.locator("h1").inner_text().removeprefix("Fiches d'entretien de ")
    assert name in page.locator(".pae-sheet__facts").first.inner_text()
    page.emulate_media(media="print")
    try:
        assert not page.locator("h1").is_visible()
        assert page.evaluate(CUT_TABLES) == []
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.emulate_media(media="screen")
    (ARTIFACTS / "fiches-entretien.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) == 2


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_page_is_wider_than_a_phone(phone: Browser, kind: str) -> None:
    path = _path(phone, kind)
    phone.go(path)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"/{path} : {width} px de large"


def _shown_headers(page: Any) -> list[str]:
    return [
        t.strip().replace("\n", " ")
        for t in page.locator("table.pae-cohorte thead th:visible").all_inner_texts()
    ]


def test_the_cohort_on_a_phone_keeps_its_key_columns(phone: Browser) -> None:
    phone.go("cohorte/")
    page = phone.page
    assert _shown_headers(page) == ["Jeune", "Étape", "Prochaine échéance", "Alertes"]
    for header in page.locator("table.pae-cohorte thead th:visible").all():
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    toggle = page.get_by_role("button", name="Toutes les colonnes")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "Diplôme" in _shown_headers(page) and "Lycée" in _shown_headers(page)
    # All the columns scroll inside the table's frame: the page keeps the screen's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toggle.click()
    assert _shown_headers(page) == ["Jeune", "Étape", "Prochaine échéance", "Alertes"]
    page.screenshot(path=str(ARTIFACTS / "cohorte-telephone.png"))
