"""Tests for `pae site`: what the built site holds, and what it must never hold."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from lxml import html as lxml_html

from dossier_builder import Jeune, en_parcours, network, site_of
from pae import labels
from pae.cli.main import cli
from pae.errors import UsageError
from pae.programme.deadlines import Due
from pae.records.network import Network
from pae.records.reading import load_network
from pae.records.reference import Etablissement, Referent
from pae.site import assembly as site_command
from pae.site import publish, render
from pae.site.dossier import bilan_view, bilans_page, has_bilan_page, step_marks
from pae.site.history import parse_log, read_histories
from pae.site.narrowing import one_lycee_redactor, pseudonymise, restrict
from pae.site.privacy import Redactor
from pae.site.publish import sync
from site_network import (
    FIRST,
    FORGE,
    INE,
    OTHER_LYCEE,
    OTHER_ML,
    TALKATIVE,
    TODAY,
    XSS_LINK,
    XSS_SCRIPT,
    Person,
    write_network,
)

URL_ATTRIBUTES = ("href", "src", "action", "srcset", "poster", "data", "formaction")


@dataclass
class Built:
    root: Path
    out: Path
    people: list[Person]
    stdout: str

    def html(self, page: str) -> str:
        return (self.out / page / "index.html").read_text(encoding="utf-8")

    def doc(self, page: str) -> lxml_html.HtmlElement:
        return lxml_html.fromstring(self.html(page))

    def files(self) -> Iterator[Path]:
        return (p for p in self.out.rglob("*") if p.is_file() and p.suffix != ".gz")

    def texts(self) -> Iterator[tuple[Path, str]]:
        """Every file the build wrote from data, as text (the theme's own assets/ are the
        same for every site); the search index also decoded, as a browser reads it."""
        for path in self.files():
            if path.suffix in (".png", ".ico") or path.relative_to(self.out).parts[0] == "assets":
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            yield path, text
            if path.suffix == ".json":
                yield path, json.dumps(json.loads(text), ensure_ascii=False)


def build(tmp: Path, *options: str, invalid: bool = False) -> Built:
    root = tmp / "depot"
    people = write_network(root, invalid=invalid)
    out = tmp / "public"
    result = CliRunner().invoke(
        cli,
        ["--depot", str(root), "site", "--date", TODAY, "--sortie", str(out), *options],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return Built(root, out, people, result.output)


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("full"), invalid=True)


@pytest.fixture(scope="module")
def one_lycee(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("lycee"), "--etablissement", "0990001N")


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("pseudo"), "--pseudonymiser")


def dossier_of(built: Built, index: int) -> str:
    return f"dossiers/{built.people[index].ident}"


# --- the pages ----------------------------------------------------------------------------


def test_every_page_is_built(full: Built) -> None:
    for page in (
        "",
        "cohorte",
        "lycees",
        "lycees/0990001N",
        "referents",
        "referents/0990001N-c-durand",
        "missions-locales/ml-test",
        "conseillers/ml-test-a-benali",
        "conseillers/ml-ravel-y-kervella",
        "echeancier",
        "bilans",
        "offre",
        "guide",
        "guide/champs",
        "guide/modifier-un-dossier",
        dossier_of(full, 0),
        "bilans/0990001N",
    ):
        assert (full.out / page / "index.html").is_file(), page
    assert "Site construit dans" in full.stdout


def test_dashboard_counts_invalid_files(full: Built) -> None:
    doc = full.doc("")
    text = doc.text_content()
    assert "1 fichier invalide : lancer pae valider" in text
    assert "records/jeunes/2026/0990001N/0990001N-2026-090.yaml" in text
    assert not (full.out / "dossiers/0990001N-2026-090").exists()
    assert "Cassé" not in full.html("cohorte")


def test_dashboard_has_funnel_steps_alerts_and_lycees(full: Built) -> None:
    doc = full.doc("")
    titles = [h.text_content() for h in doc.iter("h2")]
    assert titles == [
        "Du repérage au bilan",
        "Par lycée",
        "Alertes",
        "À faire dans les 14 jours",
    ]
    svg = doc.find_class("pae-chart")[0]
    assert svg.tag == "svg" and svg.get("role") == "img"
    assert svg.find("title") is not None
    table_text = doc.find_class("pae-compact")[0].text_content()
    assert "Repérés" in table_text and "Bilan fait" in table_text
    cards = doc.find_class("pae-card")
    assert [c.find_class("pae-card__title")[0].text_content() for c in cards] == [
        "Lycée professionnel de Test",
        OTHER_LYCEE["nom"],
    ]


def test_cohort_table_lists_every_valid_dossier(full: Built) -> None:
    doc = full.doc("cohorte")
    rows = doc.xpath("//table[@class='pae-cohorte']/tbody/tr")
    assert len(rows) == 7
    assert {r.get("data-etape") for r in rows} == {"en_parcours"}
    links = {a.get("href") for a in doc.xpath("//table[@class='pae-cohorte']//a")}
    assert f"../dossiers/{full.people[3].ident}/" in links
    assert doc.find_class("pae-table__tools")[0].get("hidden") is not None  # shown by JS


def test_dossier_page(full: Built) -> None:
    person = full.people[3]
    doc = full.doc(dossier_of(full, 3))
    text = doc.text_content()
    assert f"{person.prenom} {person.nom}" in doc.find(".//h1").text_content()
    assert "Notes conservables jusqu'à" in text and "la session 2031" in text
    steps = [
        (li.find_class("pae-steps__label")[0].text_content(), li.get("class").split("--")[1])
        for li in doc.find_class("pae-steps__item")
    ]
    assert steps == [
        ("À contacter", "done"),
        ("Contacté", "done"),
        ("Entretien d'information", "done"),
        ("Inscrit", "done"),
        ("En parcours", "current"),
        ("Bilan", "todo"),
        ("Terminé", "todo"),
    ]
    grid = doc.find_class("pae-edt")
    assert grid and "Lundi" in grid[0].text_content()
    assert doc.find_class("pae-edt__slot")[0].get("class").endswith("pae-colour-0")
    assert "Taux de présence" in text
    edit = doc.xpath("//a[text()='Modifier ce dossier']")[0].get("href")
    assert edit == f"{FORGE}/-/edit/main/records/jeunes/2026/0990002P/{person.ident}.yaml"
    theme_edit = doc.xpath("//a[@rel='edit']")[0].get("href")
    assert theme_edit == edit
    mail = doc.xpath("//a[starts-with(@href, 'mailto:')]")[0].get("href")
    assert mail.startswith(
        f"mailto:{OTHER_ML['conseillers'][0]['courriel']}?subject=AMBITION%20EMPLOI"
    )
    adviser = doc.xpath("//dt[text()='Mission locale']/following-sibling::dd/a")[1]
    assert adviser.text_content() == OTHER_ML["conseillers"][0]["nom"]
    assert adviser.get("href") == "../../conseillers/ml-ravel-y-kervella/"


def test_a_placement_shows_its_days_done_and_its_convention(full: Built) -> None:
    doc = full.doc(dossier_of(full, 3))
    text = " ".join(doc.text_content().split())
    # One attendance line (05/10, present) as of 2026-10-20: one day done.
    assert (
        "Immersion en boulangerie : 1 jour effectué ; convention signée le 28/09/2026 "
        "(réf. C-2026-001)."
    ) in text
    table = doc.xpath("//table[thead/tr/th[text()='Jours effectués']]")[0]
    assert [td.text_content() for td in table.xpath(".//tbody/tr/td[7]")] == ["1"]


def test_alerts_are_admonitions_saying_who_and_when(tmp_path: Path) -> None:
    # On 2026-11-20 the last check-in (09/10) is 19 school days old: A5 for the référent.
    root = tmp_path / "depot"
    people = write_network(root, git=False)
    out = tmp_path / "public"
    result = CliRunner().invoke(
        cli, ["--depot", str(root), "site", "--date", "2026-11-20", "--sortie", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = lxml_html.parse(str(out / "dossiers" / people[3].ident / "index.html")).getroot()
    titles = [t.text_content() for t in doc.find_class("admonition-title")]
    assert "A5 — Point de suivi en retard" in titles
    body = doc.find_class("admonition")[titles.index("A5 — Point de suivi en retard")]
    assert "À faire par : référent, au plus tard le 06/11/2026." in body.text_content()


def test_history_follows_renames_and_is_escaped(full: Built) -> None:
    doc = full.doc(dossier_of(full, 0))
    history = doc.find_class("pae-history")[0]
    messages = [row.findall("td")[2].text_content() for row in history.xpath(".//tbody/tr")]
    assert messages == [
        "Point de suivi de Zéphyrine Quillacq",
        "Renommage du dossier",
        "Premier jet <script>alert(3)</script>",
    ]
    assert "Claire Durand" in history.text_content()


def test_record_text_is_escaped_everywhere(full: Built) -> None:
    doc = full.doc(dossier_of(full, 0))
    text = doc.text_content()
    assert XSS_SCRIPT in text and XSS_LINK in text
    assert "**gras** <b>pas gras</b> | `code`" in text
    for path, content in full.texts():
        if path.suffix not in (".html", ".json", ".js", ".xml"):
            continue  # iCalendar files are plain text, read by calendar applications
        assert "<script>alert" not in content, path
        assert "<b>pas gras" not in content, path
        assert "<img src=x" not in content, path
    for page in full.out.rglob("*.html"):
        for el in lxml_html.parse(str(page)).getroot().iter():
            for name, value in el.attrib.items():
                assert not name.startswith("on"), (page, name)
                assert "javascript:" not in value.replace(" ", "").lower(), (page, value)


def test_search_index_finds_people_by_name(full: Built) -> None:
    index = json.loads((full.out / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    titles = {d["title"] for d in index["docs"]}
    person = full.people[4]
    assert f"{person.prenom} {person.nom} ({person.ident})" in titles
    locations = {d["location"] for d in index["docs"]}
    assert not any(loc.startswith(("cohorte/", "bilans/0")) for loc in locations)
    dossier = [d for d in index["docs"] if d["location"].startswith("dossiers/")]
    assert all("#" not in d["location"] for d in dossier)  # only the summary is indexed


# --- private by construction --------------------------------------------------------------


def test_every_page_says_noindex(full: Built) -> None:
    pages = list(full.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        doc = lxml_html.parse(str(page)).getroot()
        robots = doc.xpath("//meta[@name='robots']/@content")
        assert robots == ["noindex, nofollow"], page


def test_robots_txt_disallows_everything(full: Built) -> None:
    lines = (full.out / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and "Disallow: /" in lines


def _allowed(url: str) -> bool:
    url = url.strip()
    if url.startswith(("mailto:", "#", "data:")) or url == FORGE or url.startswith(FORGE + "/"):
        return True
    return not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE)


def test_no_request_to_a_third_party(full: Built) -> None:
    for page in full.out.rglob("*.html"):
        doc = lxml_html.parse(str(page)).getroot()
        for el in doc.iter():
            for name in URL_ATTRIBUTES:
                value = el.get(name)
                if value is not None:
                    assert _allowed(value), (page, el.tag, name, value)
        for style in doc.iter("style"):  # inline CSS may load fonts too
            for url in _css_urls(style.text or ""):
                assert _allowed(url), (page, "style", url)
    for css in full.out.rglob("*.css"):
        for url in _css_urls(css.read_text(encoding="utf-8")):
            assert _allowed(url), (css, url)
        assert "@import" not in css.read_text(encoding="utf-8"), css
    ours = [full.out / "stylesheets/pae.css", full.out / "javascripts/pae.js"]
    for path in ours:
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path


def _css_urls(text: str) -> list[str]:
    """Every address a style sheet would fetch: url(…) and @import "…"."""
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
        r"@import\s+['\"]([^'\"]+)", text
    )


def test_dossier_pages_stay_out_of_the_nav(full: Built) -> None:
    doc = full.doc("")
    nav_links = doc.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    assert nav_links
    assert not [h for h in nav_links if "dossiers/" in h or "bilans/0" in h]
    assert len(full.html(dossier_of(full, 0))) < 120_000


def test_one_lycee_site_names_no_other_lycee(one_lycee: Built) -> None:
    others = [p for p in one_lycee.people if p.uai == "0990002P"]
    forbidden = [
        OTHER_LYCEE["nom"],
        "Ravelsberg",  # "lycée Quentin Ravelsberg" in a résumé
        OTHER_LYCEE["commune"],
        OTHER_LYCEE["chef_etablissement"],
        "Ostrowski",  # the other lycée's head, contact of an entry of the local offer
        OTHER_LYCEE["referents"][0]["nom"],
        "Hurtaud",
        OTHER_ML["nom"],
        "0990002P",  # also the structure of an action
        *(p.nom for p in others),
        *(p.prenom for p in others),
    ]
    for path, text in one_lycee.texts():
        for word in forbidden:
            assert word not in text, (path, word)
    assert not (one_lycee.out / "lycees/0990002P").exists()
    rows = one_lycee.doc("cohorte").xpath("//table[@class='pae-cohorte']/tbody/tr")
    assert len(rows) == 4


def test_pseudonymised_site_holds_no_identity(pseudo: Built) -> None:
    forbidden = []
    for p in [*pseudo.people, FIRST]:
        day = p.naissance.split("-")
        forbidden += [w for w in (p.nom, p.prenom, p.telephone, p.courriel, p.naissance) if w]
        forbidden.append(f"{day[2]}/{day[1]}/{day[0]}")
    for path, text in pseudo.texts():
        for word in forbidden:
            assert word not in text, (path, word)
    person = pseudo.people[3]
    title = pseudo.doc(f"dossiers/{person.ident}").find(".//h1").text_content()
    assert title == f"{person.prenom[0]}.{person.nom[0]}. ({person.ident})"


def test_calendars_are_written_and_parse(full: Built) -> None:
    files = sorted(p.name for p in (full.out / "calendriers").iterdir())
    assert files == [
        "0990001N-c-durand.ics",
        "0990001N-chef.ics",
        "0990001N-m-roux.ics",
        "0990002P-b-hurtaud.ics",
        "0990002P-chef.ics",
        "ml-ravel-y-kervella.ics",
        "ml-test-a-benali.ics",
        "tous.ics",
    ]
    assert not (full.root / "build").exists()  # built elsewhere: nothing in the repository
    cal = Calendar.from_ical((full.out / "calendriers/tous.ics").read_bytes())
    # Nothing is due in the fortnight of the Toussaint break: the horizon keeps it empty.
    assert cal.walk("VEVENT") == []
    adviser = Calendar.from_ical((full.out / "calendriers/ml-test-a-benali.ics").read_bytes())
    assert str(adviser["X-WR-CALNAME"]) == "Parcours Ambition Emploi — Amina Benali"
    mine = full.doc("referents/0990001N-c-durand")
    assert "../../calendriers/0990001N-c-durand.ics" in mine.xpath("//a/@href")


def test_each_conseiller_has_a_page_linked_from_their_mission_locale(full: Built) -> None:
    ml = full.doc("missions-locales/ml-test")
    row = ml.xpath("//table[thead/tr/th='Conseiller']/tbody/tr")[0]
    assert [td.text_content() for td in row.findall("td")] == ["Amina Benali", "4", "0"]
    assert row.find("td/a").get("href") == "../../conseillers/ml-test-a-benali/"
    doc = full.doc("conseillers/ml-test-a-benali")
    assert doc.find(".//h1").text_content() == "Mes jeunes — Amina Benali"
    rows = doc.xpath("//table[@class='pae-cohorte']/tbody/tr")
    mine = {p.ident for p in full.people if p.uai == "0990001N"} | {"0990001N-2026-001"}
    assert {r.find("td/a").get("href").split("/")[-2] for r in rows} == mine
    titles = [h.text_content() for h in doc.iter("h2")]
    assert titles[:4] == ["À faire", "Entretiens à venir", "Mes jeunes", "Mes alertes"]
    assert "../../calendriers/ml-test-a-benali.ics" in doc.xpath("//a/@href")
    assert (full.out / "calendriers/ml-test-a-benali.ics").is_file()
    index = full.doc("missions-locales").xpath("//a[text()='Yann Kervella']/@href")
    assert index == ["../conseillers/ml-ravel-y-kervella/"]
    other = full.doc("conseillers/ml-ravel-y-kervella").text_content()
    assert "Mission locale du Ravel" in other and "3 jeunes suivis" in other


def test_bilans_are_printable(full: Built) -> None:
    person = full.people[0]
    doc = full.doc(dossier_of(full, 0))
    printed = doc.find_class("pae-print-only")[0]
    assert f"Bilan du parcours de {person.prenom} {person.nom}" in printed.text_content()
    batch = full.doc("bilans/0990001N")
    assert len(batch.find_class("pae-bilan")) == 4
    css = (full.out / "stylesheets/pae.css").read_text(encoding="utf-8")
    assert "size: A4" in css and "@media print" in css
    cohort = full.doc("bilans").text_content()
    assert "Par diplôme" in cohort and "Par lycée" in cohort and "Sorties positives" in cohort


def test_field_reference_comes_from_the_schemas(full: Built) -> None:
    text = full.doc("guide/champs").text_content()
    for path in ("identite.date_naissance", "parcours.actions[].creneaux[].jour", "bilan.solution"):
        assert path in text
    assert "service_civique" in text and "obligatoire" in text


# --- the command --------------------------------------------------------------------------


def test_builds_from_the_test_network(tmp_path: Path) -> None:
    root = tmp_path / "reseau"
    shutil.copytree(Path(__file__).parent / "data" / "reseau", root)
    result = CliRunner().invoke(cli, ["--depot", str(root), "site", "--date", TODAY])
    assert result.exit_code == 0, result.output
    assert (root / "public/dossiers/0990001N-2026-001/index.html").is_file()
    assert (root / "build/site-src/dossiers/0990001N-2026-001.md").is_file()
    doc = lxml_html.parse(str(root / "public/dossiers/0990001N-2026-001/index.html")).getroot()
    assert "Historique indisponible" in doc.find_class("pae-history")[0].text_content()


def test_unknown_lycee_is_a_usage_error(tmp_path: Path) -> None:
    root = tmp_path / "reseau"
    shutil.copytree(Path(__file__).parent / "data" / "reseau", root)
    with pytest.raises(UsageError, match="établissement « 0750654D » inconnu"):
        CliRunner().invoke(
            cli,
            ["--depot", str(root), "site", "--etablissement", "0750654D"],
            catch_exceptions=False,
        )


def test_help_is_in_french() -> None:
    result = CliRunner().invoke(cli, ["site", "--help"])
    assert result.exit_code == 0
    assert "Construire le site privé de l'équipe" in result.output
    assert "--pseudonymiser" in result.output and "--servir" in result.output


def test_sync_writes_changes_and_removes_stale_files(tmp_path: Path) -> None:
    (tmp_path / "vieux").mkdir()
    (tmp_path / "vieux/page.md").write_text("ancien", encoding="utf-8")
    (tmp_path / "garde.md").write_text("même", encoding="utf-8")
    written = sync(tmp_path, {"garde.md": "même".encode(), "neuf/page.md": b"neuf"})
    assert written == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "garde.md",
        "neuf",
        "neuf/page.md",
    ]


def test_parse_log_follows_renames() -> None:
    log = (
        "\x1eb\x1f2026-10-02T10:00:00+02:00\x1fBob\x1fRenomme\x00\nR100\x00a.yaml\x00b.yaml\x00"
        "\x1ea\x1f2026-10-01T10:00:00+02:00\x1fAlice\x1fAjout\x00\nA\x00a.yaml\x00"
    )
    histories = parse_log(log)
    assert [c.message for c in histories["b.yaml"]] == ["Renomme", "Ajout"]
    assert "a.yaml" not in histories


def test_histories_without_git_repository(tmp_path: Path) -> None:
    histories = read_histories(tmp_path)
    assert histories.by_file == {}
    assert not histories.available
    assert histories.reason == "le dossier des données n'est pas un dépôt git"


# --- review findings ----------------------------------------------------------------------


def test_step_tracker_shows_the_cores_step() -> None:
    unreached = Jeune(1).attempts("2026-07-08")
    bilan_planned = en_parcours(2).bilan("2026-12-14", solution=None, imilo=None)
    refused = Jeune(3).contact("2026-07-08").info("2026-09-10", decision="refus")
    site = site_of([unreached, bilan_planned, refused], "2026-10-15")
    marks = {
        st.dossier.id: [(m.label, m.when, m.state) for m in step_marks(st, site)]
        for st in site.statuses
    }
    todo = [("Bilan", "à venir", "todo"), ("Terminé", "à venir", "todo")]
    # An unanswered call is no contact: the young person is still to be contacted.
    assert marks[unreached.id] == [
        ("À contacter", "en cours", "current"),
        ("Contacté", "à venir", "todo"),
        ("Entretien d'information", "à venir", "todo"),
        ("Inscrit", "à venir", "todo"),
        ("En parcours", "à venir", "todo"),
        *todo,
    ]
    # A bilan planned for December: the young person is still in programme.
    assert marks[bilan_planned.id] == [
        ("À contacter", "", "done"),
        ("Contacté", "08/07/2026", "done"),
        ("Entretien d'information", "10/09/2026", "done"),
        ("Inscrit", "12/09/2026", "done"),
        ("En parcours", "depuis le 05/10/2026", "current"),
        *todo,
    ]
    assert marks[refused.id] == [
        ("À contacter", "", "done"),
        ("Contacté", "08/07/2026", "done"),
        ("Entretien d'information", "10/09/2026", "done"),
        ("Non inscrit", "refus à l'entretien d'information", "current"),
    ]


def test_printable_bilan_names_the_bilan_deadline_not_an_action_about_bilans() -> None:
    jeune = en_parcours().action(
        "a2",
        "2026-10-19",
        "2026-10-30",
        "mobilisation_bilan_competences",
        (),
        "Mobilisation et bilan de compétences",
    )
    site = site_of([jeune], "2026-10-15")
    st = site.statuses[0]
    due = bilan_view(site, st).due
    assert due is not None and (due.kind, due.what) == (Due.BILAN, "entretien de bilan")
    page = bilans_page(site, "0990001N", site.statuses)
    assert "Bilan non encore tenu : entretien de bilan, au plus tard le" in page
    assert "début de l" not in page


def test_a_lycee_as_structure_is_named_or_hidden(full: Built, one_lycee: Built) -> None:
    page = dossier_of(full, TALKATIVE)
    row = "//table[thead/tr/th='Structure']/tbody/tr[td[contains(., 'Découverte des ateliers')]]"
    cell = full.doc(page).xpath(row)[0].findall("td")[2]
    assert cell.text_content() == OTHER_LYCEE["nom"]
    assert cell.find("a").get("href") == "../../lycees/0990002P/"
    cell = one_lycee.doc(page).xpath(row)[0].findall("td")[2]
    assert cell.text_content() == "un autre lycée du réseau"


def test_one_lycee_site_redacts_free_text_so_that_it_reads_well(one_lycee: Built) -> None:
    person = one_lycee.people[TALKATIVE]
    text = one_lycee.doc(dossier_of(one_lycee, TALKATIVE)).text_content()
    assert "Vu au [lycée] avec [jeune] ; M. [personnel] et [personnel] prévenus." in text
    assert f"{person.prenom} {person.nom}" in text  # this lycée's own young person stays
    offre = one_lycee.doc("offre").text_content()
    assert "Contact : M. [personnel] · mlds@ac-demo.example" in offre


def _network_of_two(other_name: str) -> Network:
    def etab(uai: str, nom: str, chef: str, referent: str) -> Etablissement:
        ref = Referent(referent.lower().replace(" ", "-"), referent, "x@ac-demo.example")
        return Etablissement(uai, nom, "Ville", "A", chef, "ml", f"{uai}.yaml", (ref,))

    return Network(
        root="",
        etablissements={
            "0990001N": etab(
                "0990001N", "Lycée professionnel des Tilleuls", "Mme Bourquin", "Anne Roy"
            ),
            "0990002P": etab("0990002P", other_name, "M. Patrick Schaeffer", "Anne Stoessel"),
        },
    )


def test_another_lycee_is_found_by_the_distinctive_part_of_its_name() -> None:
    redact = one_lycee_redactor(
        _network_of_two("Lycée professionnel du Rhin Vert"), "0990001N", set()
    )
    assert redact("Stage trouvé par le lycée du Rhin Vert.") == "Stage trouvé par le [lycée]."
    assert redact("vu au Rhin Vert, puis au LP Rhin Vert") == "vu au [lycée], puis au [lycée]"
    assert redact("vu au lycée du rhin vert") == "vu au [lycée]"
    assert redact("un pré vert au bord du Rhin") == "un pré vert au bord du Rhin"
    assert redact("M. Schaeffer et Patrick Schaeffer") == "M. [personnel] et [personnel]"
    # "Anne" is also a member of this lycée's staff: only the full name goes.
    assert redact("Anne Stoessel, Mme Stoessel et Anne Roy") == (
        "[personnel], Mme [personnel] et Anne Roy"
    )
    assert (
        redact("les Tilleuls et le lycée des Tilleuls") == "les Tilleuls et le lycée des Tilleuls"
    )
    redact = one_lycee_redactor(
        _network_of_two("Lycée professionnel des Coteaux"), "0990001N", set()
    )
    assert redact("au lycée des Coteaux, à Garonne et Coteaux") == (
        "au [lycée], à Garonne et Coteaux"  # one word after "des": a common noun alone
    )


def test_one_lycee_redactor_hides_other_young_people_in_commit_messages(tmp_path: Path) -> None:
    people = write_network(tmp_path / "depot", git=False)
    _, redact = restrict(load_network(tmp_path / "depot").network, "0990001N")
    other, own = people[3], people[0]
    assert redact(f"Point de suivi de {other.prenom} {other.nom}") == "Point de suivi de [jeune]"
    assert redact(f"Point de suivi de {other.nom.upper()}") == "Point de suivi de [jeune]"
    assert redact(f"Point de suivi de {own.prenom} {own.nom}") == (
        f"Point de suivi de {own.prenom} {own.nom}"
    )


def test_pseudonymised_site_hides_contact_details_typed_in_free_text(pseudo: Built) -> None:
    person = pseudo.people[TALKATIVE]
    text = pseudo.doc(dossier_of(pseudo, TALKATIVE)).text_content()
    assert (
        "Joignable au [téléphone] ou [courriel] (né le [date de naissance], INE [INE]). "
        f"Vu au lycée Quentin Ravelsberg avec {pseudo.people[3].prenom[0]}. "
        f"{pseudo.people[3].nom[0]}. ;" in text
    )
    digits = person.telephone.replace(" ", "")
    for path, content in pseudo.texts():
        assert INE not in content, path
        assert digits not in re.sub(r"[\s.]", "", content), path


def _pseudonymiser(*people: tuple[str, str, dict[str, str]]) -> Redactor:
    jeunes = []
    for i, (prenom, nom, identite) in enumerate(people, 1):
        jeune = Jeune(i, prenom=prenom, nom=nom)
        jeune.raw["identite"].update(identite)
        jeunes.append(jeune)
    return pseudonymise(network(*jeunes))[1]


def test_pseudonymising_redacts_names_by_rule_and_contact_details_however_typed() -> None:
    details = {"telephone": "06 39 98 10 15", "courriel": "ines.p@example.org"}
    redact = _pseudonymiser(("Inès", "Petit", details), ("Jean-Marc", "Da Silva", {}))
    assert redact("vu au lycée le petit déjeuner") == "vu au lycée le petit déjeuner"
    assert redact("Inès Petit est venue ; Petit aussi, et inès petit") == (
        "I. P. est venue ; P. aussi, et I. P."
    )
    assert redact("Da Silva et Jean-Marc") == "D. S. et J. M."
    assert redact("le da de la fontaine") == "le da de la fontaine"
    for phone in ("06 39 98 10 15", "0639981015", "06.39.98.10.15", "+33 6 39 98 10 15"):
        assert redact(f"tél {phone}.") == "tél [téléphone].", phone
    assert redact("tél 06 39 98 10 16") == "tél 06 39 98 10 16"
    for day in ("2007-03-14", "14/03/2007", "14.03.2007"):
        assert redact(f"né le {day}") == "né le [date de naissance]", day
    assert redact("écrire à Ines.P@example.org") == "écrire à [courriel]"


def _timed_redaction(count: int) -> float:
    letters = "bcdfghjklmnpqrstvz"

    def word(i: int) -> str:
        out = ""
        for _ in range(4):
            i, r = divmod(i, len(letters))
            out += letters[r] + "a"
        return out.capitalize()

    jeunes = [Jeune(i % 999 + 1, prenom=word(2 * i), nom=word(2 * i + 1)) for i in range(count)]
    _, redact = pseudonymise(network(*jeunes))
    texts = ["Point de suivi avec la conseillère : stage confirmé, à revoir en novembre."] * 300
    started = time.perf_counter()
    for text in texts:
        redact(text)
    return time.perf_counter() - started


def test_redaction_cost_does_not_grow_with_the_number_of_young_people() -> None:
    small, large = _timed_redaction(200), _timed_redaction(3200)
    assert large < 3 * small + 0.05, (small, large)


def test_calendars_of_a_previous_build_never_reach_a_one_lycee_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "depot"
    people = write_network(root, git=False)
    site_args = ["--depot", str(root), "site", "--date", TODAY]
    assert CliRunner().invoke(cli, site_args, catch_exceptions=False).exit_code == 0
    seen: dict[str, str] = {}

    def spy(gen: Any, output: Path) -> list[str]:
        for ics in (gen.docs_dir / "calendriers").glob("*.ics"):
            seen[ics.name] = ics.read_text(encoding="utf-8")
        return real(gen, output)

    real = publish.build
    monkeypatch.setattr(publish, "build", spy)
    result = CliRunner().invoke(cli, [*site_args, "--etablissement", "0990001N"])
    assert result.exit_code == 0, result.output
    assert sorted(seen) == [
        "0990001N-c-durand.ics",
        "0990001N-chef.ics",
        "0990001N-m-roux.ics",
        "ml-test-a-benali.ics",
        "tous.ics",
    ]
    written = [*(root / "public/calendriers").glob("*"), *(root / "build/site-src").rglob("*.ics")]
    texts = [*seen.values(), *(p.read_text(encoding="utf-8") for p in written)]
    assert len(written) == 10  # the 5 calendars, in the site and in its sources
    others = [w for p in people if p.uai == "0990002P" for w in (p.prenom, p.nom)]
    for text in texts:
        for word in [*others, OTHER_LYCEE["nom"], "0990002P"]:
            assert word not in text


def test_two_builds_at_once_do_not_mix(tmp_path: Path) -> None:
    root = tmp_path / "depot"
    people = write_network(root, git=False)
    pae = Path(sys.executable).with_name("pae")
    base = [str(pae), "--depot", str(root), "site", "--date", TODAY, "--sortie"]
    runs = [
        subprocess.Popen([*base, str(tmp_path / "tous")], stderr=subprocess.PIPE),
        subprocess.Popen(
            [*base, str(tmp_path / "un"), "--etablissement", "0990001N"], stderr=subprocess.PIPE
        ),
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors.decode()
    assert not (root / "build").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    everyone = (tmp_path / "tous/cohorte/index.html").read_text(encoding="utf-8")
    assert all(p.nom in everyone for p in people)
    one = [
        p.read_text(encoding="utf-8")
        for p in (tmp_path / "un").rglob("*.*")
        if p.suffix in (".html", ".ics")
    ]
    for p in people:
        if p.uai == "0990002P":
            assert not any(p.nom in text for text in one), p.nom
    # everyone's, the chef's, 2 référents', 1 conseiller's
    assert len(list((tmp_path / "un/calendriers").iterdir())) == 5


def test_pseudonymised_site_has_no_forge_material(pseudo: Built) -> None:
    person = pseudo.people[3]
    doc = pseudo.doc(dossier_of(pseudo, 3))
    assert not doc.xpath("//a[text()='Modifier ce dossier']")
    assert not doc.xpath("//a[@rel='edit']") and not doc.find_class("pae-history")
    for page in pseudo.out.rglob("*.html"):
        links = lxml_html.parse(str(page)).getroot().xpath("//a/@href")
        assert not [u for u in links if u.startswith(FORGE)], page
    for path, text in pseudo.texts():
        assert "Renommage du dossier" not in text, path  # a commit message
    mail = doc.xpath("//a[starts-with(@href, 'mailto:')]")[0].get("href")
    assert unquote(mail.split("subject=")[1]) == f"AMBITION EMPLOI — dossier {person.ident}"


def test_404_page_is_french_and_works_under_a_sub_path(tmp_path: Path) -> None:
    root = tmp_path / "depot"
    write_network(root, git=False)
    out = tmp_path / "public"
    result = CliRunner().invoke(
        cli,
        ["--depot", str(root), "site", "--date", TODAY, "--sortie", str(out)],
        env={"CI_PAGES_URL": "https://groupe.pages.example/pae"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    doc = lxml_html.parse(str(out / "404.html")).getroot()
    text = doc.text_content()
    assert "Page introuvable" in text and "Not found" not in text
    urls = [u for el in doc.iter() for n in URL_ATTRIBUTES if (u := el.get(n)) is not None]
    rooted = [u for u in urls if u.startswith("/")]
    assert rooted and all(u.startswith("/pae/") for u in rooted), rooted
    assert doc.xpath("//a[text()='Retour au tableau de bord']/@href") == ["/pae/"]


def test_site_works_under_any_path(full: Built) -> None:
    for page in full.out.rglob("*.html"):
        if page.name == "404.html" and page.parent == full.out:
            continue
        for el in lxml_html.parse(str(page)).getroot().iter():
            for name in URL_ATTRIBUTES:
                value = el.get(name)
                assert value is None or not value.startswith("/"), (page, value)
    assert not (full.out / "sitemap.xml").exists() and not (full.out / "sitemap.xml.gz").exists()
    guide = full.doc("guide/hebergement").text_content()
    assert "X-Robots-Tag" in guide and "CI_PAGES_URL" in guide


def test_one_lycee_dashboard_names_only_its_own_invalid_files(tmp_path: Path) -> None:
    root = tmp_path / "depot"
    write_network(root, invalid=True, git=False)
    (root / "records/offre/casse.yaml").write_text("id: casse\n", encoding="utf-8")
    other = root / "records/jeunes/2026/0990002P/0990002P-2026-001.yaml"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("volontaire: true", "volontaire: peut-etre"), "utf-8")
    out = tmp_path / "public"
    args = ["--depot", str(root), "site", "--date", TODAY, "--sortie", str(out)]
    result = CliRunner().invoke(cli, [*args, "--etablissement", "0990001N"])
    assert result.exit_code == 0, result.output
    text = lxml_html.parse(str(out / "index.html")).getroot().text_content()
    assert "3 fichiers invalides : lancer pae valider" in text
    assert "records/jeunes/2026/0990001N/0990001N-2026-090.yaml" in text
    assert "2 autres fichiers invalides hors des dossiers de ce lycée" in text
    assert "casse" not in text and "0990002P" not in text


def test_dashboard_in_programme_figure_shows_enrolled_and_in_programme(full: Built) -> None:
    kpi = full.doc("").xpath("//a[contains(., 'inscrits ou en parcours')]/@href")
    assert kpi == ["cohorte/#etape=inscrit,en_parcours"]
    options = full.doc("cohorte").xpath("//select[@data-pae-step]/option")
    assert [(o.get("value"), o.text_content()) for o in options][:2] == [
        ("", "toutes"),
        ("inscrit,en_parcours", "Inscrit ou en parcours"),
    ]


def test_future_enrolment_is_not_yet_a_bilan() -> None:
    later = Jeune(1).contact("2026-07-08").info("2026-09-10").inscription("2026-10-20")
    site = site_of([later, en_parcours(2)], "2026-10-15")
    assert [has_bilan_page(st, site.ctx.today) for st in site.statuses] == [False, True]
    page = bilans_page(site, "0990001N", site.statuses)
    assert page.count('class="pae-bilan"') == 1


@pytest.mark.parametrize(
    "edit_uri",
    ["-/edit/main/site/", "-/edit/main/site", "/-/edit/main/", "-/edit/main"],
)
def test_forge_edit_links_whatever_the_slashes(edit_uri: str) -> None:
    forge = site_command._forge({"repo_url": FORGE + "/", "edit_uri": edit_uri}, None)
    assert forge.edit("records/x.yaml") == f"{FORGE}/-/edit/main/records/x.yaml"


def test_mkdocs_warnings_say_they_are_mkdocs_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "depot"
    write_network(root, git=False)

    def warn(gen: Any, output: Path) -> list[str]:
        return [*real(gen, output), "Doc file 'x.md' contains a link 'y.md'"]

    real = publish.build
    monkeypatch.setattr(publish, "build", warn)
    result = CliRunner().invoke(
        cli, ["--depot", str(root), "site", "--date", TODAY, "--sortie", str(tmp_path / "p")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "Avertissement de MkDocs (message d'origine, en anglais) : Doc file 'x.md' contains"
        in result.stderr
    )


def test_pages_use_the_one_plural_of_the_tool() -> None:
    assert render.environment().globals["plural"] is labels.plural


def search_docs(built: Built) -> list[dict[str, str]]:
    index = json.loads((built.out / "search/search_index.json").read_text(encoding="utf-8"))
    docs: list[dict[str, str]] = index["docs"]
    return docs


def test_search_finds_each_dossier_by_name_id_lycee_and_step(full: Built) -> None:
    docs = [d for d in search_docs(full) if d["location"].startswith("dossiers/")]
    # One short entry per dossier: the page itself is not parsed by the search plugin.
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations)) == len(list((full.out / "dossiers").iterdir()))
    assert all("#" not in x for x in locations)
    person = full.people[0]
    mine = next(d for d in docs if person.prenom in d["title"] and person.nom in d["title"])
    assert mine["location"] == f"dossiers/{person.ident}/"
    assert person.ident in mine["text"] and "Lycée" in mine["text"]


def test_a_pseudonymised_search_index_names_nobody(pseudo: Built) -> None:
    text = json.dumps(search_docs(pseudo), ensure_ascii=False)
    for person in pseudo.people:
        assert person.nom not in text, person.nom


def test_pages_keep_their_titles_once_mkdocs_has_let_go_of_their_text(full: Built) -> None:
    # The build drops each page's Markdown and HTML once used (memory at 3,000 dossiers);
    # titles read after that must not change: the guide's comes from its first heading.
    guide = full.doc("guide")
    assert guide.findtext(".//title") == "Le parcours en cinq étapes - Parcours Ambition Emploi"
    person = full.people[0]
    title = full.doc(dossier_of(full, 0)).findtext(".//title") or ""
    assert title.startswith(f"{person.prenom} {person.nom} ({person.ident})"), title


def test_calendars_child_hands_over_a_file_and_leaves_nothing(tmp_path: Path) -> None:
    from pae.site.assembly import Options, prepare
    from pae.site.publish import Calendars

    repo = Path(__file__).resolve().parents[1]
    from datetime import date

    site, _ = prepare(Options(repo, date(2026, 12, 20), tmp_path / "public"))
    done = Calendars(site)
    files = done.result()
    assert "calendriers/tous.ics" in files and files["calendriers/tous.ics"].startswith(b"BEGIN")
    assert not done.result_file.exists()
    stopped = Calendars(site)
    stopped.discard()
    assert not stopped.process.is_alive() and not stopped.result_file.exists()


def test_a_dossier_failing_only_a_rule_stays_with_a_banner(tmp_path: Path) -> None:
    root = tmp_path / "depot"
    people = write_network(root, git=False)
    person = people[2]
    file = f"records/jeunes/2026/{person.uai}/{person.ident}.yaml"
    text = (root / file).read_text(encoding="utf-8")
    assert "premiere_session: 2026" in text
    (root / file).write_text(text.replace("premiere_session: 2026", "premiere_session: 2027"))
    line = text[: text.index("premiere_session")].count("\n") + 1
    out = tmp_path / "public"
    args = ["--depot", str(root), "site", "--date", TODAY, "--sortie", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = lxml_html.parse(str(out / "dossiers" / person.ident / "index.html")).getroot()
    banner = doc.find_class("admonition")[0]
    assert "danger" in banner.get("class")
    text = " ".join(banner.text_content().split())
    assert text.startswith("1 erreur à corriger dans ce dossier")
    assert (
        f"E9 Première session 2027 postérieure à la session 2026 du dossier — {file}, "
        f"ligne {line}. Pour corriger : la première session est celle où" in text
    )
    assert f"pae valider {file}" in text
    dashboard = lxml_html.parse(str(out / "index.html")).getroot().text_content()
    assert "1 dossier à corriger : une règle du parcours n'est pas respectée" in dashboard
    cohort = lxml_html.parse(str(out / "cohorte/index.html")).getroot()
    assert cohort.xpath(f"//a[contains(@href, '{person.ident}')]")  # still in the views


def test_the_lycee_page_offers_its_chef_a_calendar(full: Built) -> None:
    page = full.doc("lycees/0990001N")
    links = {a.text_content(): a.get("href") for a in page.iter("a")}
    target = links["Calendrier du chef d'établissement (.ics)"]
    assert target.endswith("calendriers/0990001N-chef.ics")
    assert (full.out / "lycees/0990001N" / target).resolve().is_file()
    echeancier = full.html("echeancier")
    assert "0990001N-chef.ics" in echeancier and "ml-test-a-benali.ics" in echeancier
