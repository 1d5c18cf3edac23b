"""The printable interview sheets (`site/interviews.py`): the vademecum's headings, the
dossier's facts filled in, blanks where the dossier says nothing yet; none for wider
partners."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from dossier_builder import Jeune, en_parcours, site_of
from pae.records.schemas import SCHEMA_DIR
from pae.site import interviews
from pae.site.dossier import dossier_page
from pae.site.pages import generate


def _sheet(jeune: Jeune, today: str = "2026-10-15") -> lxml_html.HtmlElement:
    site = site_of([jeune], today)
    return lxml_html.fromstring(interviews.sheets(site, site.statuses[0]))


def _checked(doc: lxml_html.HtmlElement, heading: str) -> list[str]:
    """The ticked choices of the list under a heading of the sheet."""
    ul = doc.xpath(f"//h3[normalize-space()={heading!r}]/following-sibling::ul[1]")[0]
    return [
        li.text_content().replace("☒", "").replace("(coché)", "").strip()
        for li in ul.xpath("li[@class='pae-checked']")
    ]


def test_the_two_sheets_carry_the_vademecums_headings_and_the_dossiers_facts() -> None:
    jeune = en_parcours().approfondi("2026-09-16", projet="apprentissage")
    doc = _sheet(jeune)
    assert doc.xpath("//html/@lang") == ["fr"]
    titles = [h.text_content() for h in doc.xpath("//h2")]
    assert titles == ["Fiche d'entretien d'information", "Fiche d'entretien approfondi"]
    steps = [p.text_content() for p in doc.xpath("//p[@class='pae-sheet__step']")]
    assert steps == [
        "Vademecum, étape 2 : organiser des entretiens d'information avec la mission locale.",
        "Vademecum, étape 4 : construire un parcours adapté aux besoins de chaque jeune.",
    ]
    headings = [h.text_content() for h in doc.xpath("//h3")]
    for wanted in (
        "Faire le point sur la situation du jeune",
        "Présenter le dispositif",
        "Aides possibles : logement, mobilité, santé",
        "Inscription à France Travail",
        "Décision du jeune",
        "Le projet du jeune",
        "Besoins identifiés au regard du projet",
        "Parcours adapté : actions envisagées",
        "Actions retenues (cartographie des solutions locales)",
        "Emploi du temps",
    ):
        assert wanted in headings
    text = doc.text_content()
    assert "le 10/09/2026" in text  # the information interview, on the in-depth sheet
    assert "le 12/09/2026, MEF PAE N3" in text
    assert "Claire Durand" in text and "Amina Benali (Mission locale de Test)" in text
    assert "mercredi 16 septembre 2026" in text
    assert _checked(doc, "Décision du jeune") == ["Inscription au parcours"]
    assert _checked(doc, "Le projet du jeune") == ["Apprentissage"]
    assert "Conseiller de la mission locale" in _checked(doc, "Participants")
    # The dossier's action is listed, and ticked among the vademecum's kinds of action.
    rows = doc.xpath("//table[@class='pae-sheet__actions']/tbody/tr")
    assert "05/10/2026" in rows[0].text_content()
    ticked = doc.xpath("//div[@class='pae-sheet__groups']//li[@class='pae-checked']")
    assert [li.text_content().strip("☒ ").replace(" (coché)", "") for li in ticked] == [
        "Atelier d'orientation"
    ]


def test_a_young_person_not_yet_interviewed_gets_blank_sheets_with_the_facts_known() -> None:
    jeune = Jeune(1).contact("2026-07-08")
    doc = _sheet(jeune, "2026-07-10")
    text = doc.text_content()
    assert "premier contact le 08/07/2026" in text
    assert _checked(doc, "Décision du jeune") == []
    # Blanks say so to screen readers; nothing invented.
    assert len(doc.xpath("//span[@class='pae-blank']")) >= 5
    assert "à compléter" in text
    assert not re.search(r"\bNone\b", text)
    assert "pae-blank" not in text and "&#" not in text  # blanks as markup, never as text
    # the référent's and conseiller's rows, unknown yet, are blanks too
    rows = {tr.findtext("th"): tr.find("td") for tr in doc.iter("tr") if tr.find("th") is not None}
    for heading in ("Professeur référent", "Conseiller de la mission locale"):
        assert rows[heading].find("span").get("class") == "pae-blank", heading


def test_each_dossier_links_to_its_sheets_which_stay_out_of_the_search_index() -> None:
    site = site_of([en_parcours(1), en_parcours(2)], "2026-10-15")
    pages = dict(generate(site, SCHEMA_DIR, ""))
    for st in site.statuses:
        path = interviews.sheets_page(st.dossier.id)
        assert path == f"dossiers/{st.dossier.id}/fiches/index.html"
        # A static page: MkDocs copies it, neither Markdown nor the search plugin read it.
        assert isinstance(pages[path], str) and pages[path].startswith("<!doctype html>")
        assert 'name="robots" content="noindex, nofollow"' in pages[path]
        assert 'href="fiches/index.html">Fiches d\'entretien</a>' in dossier_page(site, st)


def test_wider_partners_get_no_sheet() -> None:
    site = site_of([en_parcours()], "2026-10-15", pseudonymise=True)
    assert list(interviews.sheet_pages(site)) == []
    assert "Fiches d'entretien" not in dossier_page(site, site.statuses[0])
