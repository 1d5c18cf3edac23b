"""Tests for `pae site`: what the built site holds, and what it must never hold."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from lxml import html as lxml_html

from pae.cli import cli
from pae.commands.site import sync
from pae.errors import UsageError
from pae.pages.history import parse_log, read_histories
from site_network import (
    FIRST,
    FORGE,
    OTHER_LYCEE,
    OTHER_ML,
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
    assert [
        li.find_class("pae-steps__label")[0].text_content()
        for li in doc.find_class("pae-steps__item")
    ] == [
        "Repérage et contact",
        "Entretien d'information",
        "Inscription",
        "Entretien approfondi",
        "Parcours",
        "Bilan",
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


def test_alerts_are_admonitions_saying_who_and_when(tmp_path: Path) -> None:
    # On 2026-11-20 the last check-in (09/10) is 42 days old: A5 for the référent.
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
    assert "À faire par : référent, au plus tard le 24/10/2026." in body.text_content()


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
    assert f"{person.prenom} {person.nom}" in titles
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
        assert "fonts.googleapis" not in lxml_html.tostring(doc, encoding="unicode")
    for css in full.out.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert _allowed(url), (css, url)
        assert "@import" not in css.read_text(encoding="utf-8"), css
    ours = [full.out / "stylesheets/pae.css", full.out / "javascripts/pae.js"]
    for path in ours:
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path


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
        OTHER_LYCEE["commune"],
        OTHER_LYCEE["chef_etablissement"],
        OTHER_LYCEE["referents"][0]["nom"],
        OTHER_ML["nom"],
        "0990002P",
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
        "0990001N-m-roux.ics",
        "0990002P-b-hurtaud.ics",
        "tous.ics",
    ]
    assert sorted(p.name for p in (full.root / "build/site-src/calendriers").iterdir()) == files
    cal = Calendar.from_ical((full.out / "calendriers/tous.ics").read_bytes())
    assert len(cal.walk("VEVENT")) > 7
    mine = full.doc("referents/0990001N-c-durand")
    assert "../../calendriers/0990001N-c-durand.ics" in mine.xpath("//a/@href")


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
