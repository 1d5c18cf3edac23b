"""The site's forms (/edition/): the Decap CMS configuration generated from the schemas,
the files served, when the site has them and what it says when not, the local proxy's
clone. The forms in a real browser: tests/test_edition_browser.py."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from conftest import REPO
from pae.cli.main import cli, main
from pae.errors import UsageError
from pae.recording.new import SCHEMA_LINE
from pae.records.reading import load_network
from pae.records.schema_walk import resolved
from pae.records.schemas import SCHEMA_DIR, load_schema
from pae.records.settings import ForgeProject
from pae.site.edition import assets, proxy
from pae.site.edition.config import KINDS, Inputs, cms_config
from pae.site.edition.fields import LABEL_TABLES
from pae.site.edition.links import FOLDER
from site_network import TODAY, write_network

DEMO_DATE = date(2026, 11, 27)
DEMO_PROJECT = ForgeProject("https://forge.example", "academie/pae", "application-de-demonstration")
CMS = REPO / "cms"


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    """The configuration of the demo network, as `pae site` writes it."""
    network = load_network(REPO).network
    return cms_config(Inputs(REPO, network, DEMO_PROJECT, SCHEMA_DIR, DEMO_DATE))


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo site built by `pae site` (its settings configure the forms); its output."""
    if assets.availability(DEMO_PROJECT, CMS, False).reason:
        pytest.fail("fichiers des formulaires absents : lancer « make cms »")
    out = tmp_path_factory.mktemp("demo") / "public"
    args = ["--depot", str(REPO), "site", "--date", DEMO_DATE.isoformat(), "--sortie", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result.output


def collections(generated: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in generated["config"]["collections"]}


def by_path(fields: list[dict[str, Any]], path: str) -> dict[str, Any]:
    """The field at `suivi.points.*.date` (`*`: inside a list's items)."""
    head, _, rest = path.partition(".")
    found = next(f for f in fields if f["name"] == head)
    if not rest:
        return found
    if rest.startswith("*."):
        rest = rest[2:]
    return by_path(found["fields"], rest)


def schema_paths(schema: dict[str, Any], node: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """Every property of a schema: `suivi.points.*.date`."""
    for name, raw in (node.get("properties") or {}).items():
        child = resolved(raw, schema)
        path = f"{prefix}{name}"
        yield path
        if child.get("type") == "object":
            yield from schema_paths(schema, child, f"{path}.")
        items = resolved(child.get("items") or {}, schema)
        if child.get("type") == "array" and items.get("type") == "object":
            yield from schema_paths(schema, items, f"{path}.*.")


def forms_of(generated: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(schema name, fields) of every form: each folder collection, each file."""
    formats = {kind.format: kind.schema for kind in KINDS}
    for collection in generated["config"]["collections"]:
        schema = formats[collection["format"]]
        if "files" in collection:
            for file in collection["files"]:
                yield schema, file["fields"]
        else:
            yield schema, collection["fields"]


# --- the configuration ----------------------------------------------------------------------


def test_every_property_of_every_schema_is_a_field(generated: dict[str, Any]) -> None:
    seen = set()
    for name, fields in forms_of(generated):
        schema = load_schema(name)
        for path in schema_paths(schema, schema):
            assert by_path(fields, path)["name"] == path.rsplit(".", 1)[-1], (name, path)
        seen.add(name)
    assert (
        seen
        == {kind.schema for kind in KINDS}
        == {p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")}
    )


def test_labels_and_hints_are_the_schemas_titles_and_descriptions(
    generated: dict[str, Any],
) -> None:
    for name, fields in forms_of(generated):
        schema = load_schema(name)
        for path in schema_paths(schema, schema):
            field = by_path(fields, path)
            node = resolved(schema_node(schema, path), schema)
            assert field["label"] == node["title"], path
            assert field["hint"] == node["description"], path


def schema_node(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node = schema
    for step in path.split("."):
        node = resolved(node, schema)
        node = resolved(node["items"], schema) if step == "*" else node["properties"][step]
    return node


def test_enumerations_are_selects_in_french(generated: dict[str, Any]) -> None:
    dossiers = collections(generated)["dossiers-2026-0990001N"]["fields"]
    statut = by_path(dossiers, "suivi.assiduite.*.statut")
    assert statut["widget"] == "select"
    assert statut["options"] == [
        {"label": "Présent", "value": "present"},
        {"label": "Absent", "value": "absent"},
        {"label": "Absence justifiée", "value": "absent_justifie"},
        {"label": "Retard", "value": "retard"},
    ]
    avec = by_path(dossiers, "suivi.points.*.avec")
    assert avec["widget"] == "select" and avec["multiple"] is True
    assert {"label": "Conseiller de la mission locale", "value": "conseiller_ml"} in avec["options"]
    diplome = by_path(dossiers, "examen.diplome")
    assert [o["label"] for o in diplome["options"]] == ["Bac pro", "CAP", "BMA", "DTMS"]


def test_every_enumerated_value_has_a_french_label_but_calendars_and_days() -> None:
    """A new enumeration without its table in labels.py shows raw values in the forms."""
    unlabelled = set()
    for kind in KINDS:
        schema = load_schema(kind.schema)
        for path in schema_paths(schema, schema):
            node = resolved(schema_node(schema, path), schema)
            values = node.get("enum") or resolved(node.get("items") or {}, schema).get("enum")
            if values and not any(all(v in t for v in values) for t in LABEL_TABLES):
                unlabelled.add(path.rsplit(".", 1)[-1])
    assert unlabelled == {"zone_vacances", "jours_feries", "jour"}


def test_dates_store_aaaa_mm_jj_and_times_keep_their_pattern(generated: dict[str, Any]) -> None:
    for name, fields in forms_of(generated):
        schema = load_schema(name)
        for path in schema_paths(schema, schema):
            if resolved(schema_node(schema, path), schema).get("format") == "date":
                field = by_path(fields, path)
                assert field["widget"] == "datetime", path
                assert (field["format"], field["time_format"]) == ("YYYY-MM-DD", False), path
    dossiers = collections(generated)["dossiers-2026-0990001N"]["fields"]
    debut = by_path(dossiers, "parcours.actions.*.creneaux.*.debut")
    assert debut["widget"] == "string"
    assert re.search(debut["pattern"][0], "09:30") and not re.search(debut["pattern"][0], "9h30")


def test_lists_of_objects_are_repeatable_groups_summed_up_in_french(
    generated: dict[str, Any],
) -> None:
    dossiers = collections(generated)["dossiers-2026-0990001N"]["fields"]
    points = by_path(dossiers, "suivi.points")
    assert points["widget"] == "list" and points["label_singular"] == "point de suivi"
    assert (
        points["summary"]
        == "{{fields.date | date('DD/MM/YYYY')}} · {{fields.resume | truncate(40, '…')}}"
    )
    assert [f["name"] for f in points["fields"]] == ["date", "avec", "resume"]
    assert by_path(dossiers, "suivi.points.*.resume")["widget"] == "text"
    creneaux = by_path(dossiers, "parcours.actions.*.creneaux")
    assert creneaux["summary"] == "{{fields.jour}} · {{fields.debut}} · {{fields.fin}}"
    settings = collections(generated)["parametres"]["files"][0]["fields"]
    accounts = by_path(settings, "forge.responsables_referentiel")
    assert accounts["widget"] == "list" and accounts["field"]["widget"] == "string"


def test_required_only_where_the_parent_always_exists(generated: dict[str, Any]) -> None:
    dossiers = collections(generated)["dossiers-2026-0990001N"]["fields"]
    required = {
        "volontaire": True,
        "boursier": False,
        "identite.nom": True,
        "identite.ine": False,
        "inscription": False,
        "inscription.date": False,  # required by the schema, inside an optional group
        "suivi.points.*.date": True,
        "suivi.points.*.resume": False,
    }
    assert {p: by_path(dossiers, p)["required"] for p in required} == required
    assert by_path(dossiers, "volontaire")["default"] is False
    assert "default" not in by_path(dossiers, "boursier")


def test_references_come_from_the_reference_files(generated: dict[str, Any]) -> None:
    dossiers = collections(generated)["dossiers-2026-0990003R"]["fields"]
    referent = by_path(dossiers, "inscription.referent")
    assert referent["widget"] == "relation"
    assert (referent["collection"], referent["file"], referent["value_field"]) == (
        "etablissements",
        "0990003R",
        "referents.*.id",
    )
    for path in ("inscription.conseiller_ml", "entretien_information.conseiller_ml"):
        assert by_path(dossiers, path)["value_field"] == "conseillers.*.id"
    assert by_path(dossiers, "entretien_information.mission_locale")["collection"] == (
        "missions_locales"
    )
    structure = by_path(dossiers, "parcours.actions.*.structure")
    options = {o["value"]: o["label"] for o in structure["options"]}
    assert options["cio-garonne"] == "CIO Garonne (fictif) (Toulouse)"
    assert options["0990003R"] == "Lycée professionnel des Coteaux (action au lycée)"
    assert structure["label"] == "Structure d'accueil"
    assert by_path(dossiers, "suivi.assiduite.*.action")["widget"] == "pae-action"
    lycees = collections(generated)["etablissements"]["files"]
    assert by_path(lycees[0]["fields"], "mission_locale")["widget"] == "relation"


def test_one_collection_per_lycee_and_session_creating_upper_case_ids(
    generated: dict[str, Any],
) -> None:
    names = [c["name"] for c in generated["config"]["collections"]]
    assert names == [  # this year's first, by lycée name; then earlier sessions on disk
        "dossiers-2026-0990003R",
        "dossiers-2026-0990001N",
        "dossiers-2026-0990002P",
        "dossiers-2025-0990001N",
        "etablissements",
        "missions_locales",
        "offre",
        "parametres",
    ]
    first = collections(generated)["dossiers-2026-0990001N"]
    assert first["folder"] == "records/jeunes/2026/0990001N"
    assert first["label"] == "Dossiers 2026 — Lycée professionnel des Tilleuls"
    # Decap would lower-case a slug made from a field: the next free id is written as is.
    taken = sorted(p.stem for p in (REPO / first["folder"]).glob("*.yaml"))
    assert first["slug"] == f"0990001N-2026-{int(taken[-1][-3:]) + 1:03d}"
    hidden = {p: by_path(first["fields"], p) for p in ("id", "session", "etablissement")}
    assert {p: (f["widget"], f["default"]) for p, f in hidden.items()} == {
        "id": ("hidden", first["slug"]),
        "session": ("hidden", 2026),
        "etablissement": ("hidden", "0990001N"),
    }
    assert first["create"] is True and first["delete"] is False and first["publish"] is False


def test_a_new_session_has_its_collections(tmp_path: Path) -> None:
    network = load_network(REPO).network
    inputs = Inputs(REPO, network, DEMO_PROJECT, SCHEMA_DIR, date(2027, 7, 1))
    names = [c["name"] for c in cms_config(inputs)["config"]["collections"]]
    assert names[:4] == [
        "dossiers-2027-0990003R",
        "dossiers-2027-0990001N",
        "dossiers-2027-0990002P",
        "dossiers-2026-0990003R",
    ]
    assert collections(cms_config(inputs))["dossiers-2027-0990001N"]["slug"] == (
        "0990001N-2027-001"
    )


def test_the_forge_is_the_only_server_named(generated: dict[str, Any]) -> None:
    config = generated["config"]
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "academie/pae",
        "branch": "main",
        "base_url": "https://forge.example",
        "api_root": "https://forge.example/api/v4",
        "auth_type": "pkce",
        "app_id": "application-de-demonstration",
        "commit_messages": config["backend"]["commit_messages"],
    }
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "fr"
    assert config["issue_reports"] == {"url": "../guide/formulaires/"}
    assert "local_backend" not in config
    assert {u.split("/")[2] for u in addresses(config)} == {"forge.example"}
    messages = config["backend"]["commit_messages"]
    assert messages["update"] == "{{collection}} {{slug}} : modification (formulaire du site)"


def addresses(value: Any) -> Iterator[str]:
    """Every value of a configuration that is a web address (hints only quote them)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from addresses(item)
    elif isinstance(value, list):
        for item in value:
            yield from addresses(item)
    elif isinstance(value, str) and re.match(r"https?://", value):
        yield value


def test_the_local_proxy_is_named_only_when_asked() -> None:
    network = load_network(REPO).network
    url = "http://localhost:8765/api/v1"
    inputs = Inputs(REPO, network, DEMO_PROJECT, SCHEMA_DIR, DEMO_DATE, url)
    assert cms_config(inputs)["config"]["local_backend"] == {"url": url}


def test_formats_write_the_schema_line_and_the_flow_lists(generated: dict[str, Any]) -> None:
    formats = generated["formats"]
    assert set(formats) == {kind.format for kind in KINDS}
    jeune = formats["pae-jeune"]
    assert f"# {jeune['header'][0]}\n" == SCHEMA_LINE
    assert jeune["keyFields"] == ["id"] and jeune["schema"] == load_schema("jeune")
    assert sorted(jeune["flowPaths"]) == ["parcours.actions.*.creneaux.*", "suivi.assiduite.*"]
    for kind, folder in (("pae-offre", "offre"), ("pae-etablissement", "etablissements")):
        first_file = next((REPO / "records" / folder).glob("*.yaml"))
        first_line = first_file.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# {formats[kind]['header'][0]}"
    assert formats["pae-parametres"]["keyFields"] == []


# --- the built site -------------------------------------------------------------------------


def test_the_demo_site_serves_the_forms_and_only_what_they_load(
    demo_site: tuple[Path, str],
) -> None:
    out, output = demo_site
    assert f"Formulaires de saisie : {out / FOLDER}/" in output
    served = sorted(p.name for p in (out / FOLDER).iterdir())
    assert served == [
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
        "index.html",
        "pae-cms.js",
        "pae-config.js",
        "pae-format.js",
        "pae-locale-fr.js",
        "pae-preinit.js",
    ]
    page = lxml_html.parse(str(out / FOLDER / "index.html")).getroot()
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    scripts = page.xpath("//script/@src")
    assert scripts[:2] == ["pae-preinit.js", "decap-cms.js"] and "pae-config.js" in scripts
    assert all("/" not in src for src in scripts + page.xpath("//link/@href"))
    assert not page.xpath("//script[not(@src)]")  # no inline script: a strict CSP works
    for name in ("pae-cms.js", "pae-format.js", "pae-locale-fr.js", "pae-preinit.js"):
        text = (out / FOLDER / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), name
    script = (out / FOLDER / "pae-config.js").read_text(encoding="utf-8")
    prefix = "// Generated by `pae site` from the schemas: do not edit.\nwindow.PAE_CMS = "
    assert script.startswith(prefix) and script.endswith(";\n")
    config = json.loads(script[len(prefix) : -2])["config"]
    assert {u.split("/")[2] for u in addresses(config)} == {"forge.example"}
    # The CMS's "report it" link: the guide page about the forms.
    guide = (out / FOLDER / config["issue_reports"]["url"] / "index.html").resolve()
    assert guide == (out / "guide/formulaires/index.html").resolve() and guide.is_file()


def test_a_dossier_page_opens_its_form(demo_site: tuple[Path, str]) -> None:
    out, _ = demo_site
    doc = lxml_html.parse(str(out / "dossiers/0990001N-2026-001/index.html")).getroot()
    links = doc.xpath("//a[text()='Modifier ce dossier']/@href")
    assert links == ["../../edition/#/collections/dossiers-2026-0990001N/entries/0990001N-2026-001"]
    target = (out / "dossiers/0990001N-2026-001" / links[0].split("#")[0]).resolve()
    assert target == (out / FOLDER).resolve()


def test_without_forge_settings_the_site_has_no_forms_and_says_why(tmp_path: Path) -> None:
    root = tmp_path / "depot"
    write_network(root, git=False)
    out = tmp_path / "public"
    args = ["--depot", str(root), "site", "--date", TODAY, "--sortie", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    why = (
        "formulaires non configurés : renseigner forge.url_forge, forge.projet, "
        "forge.application_oauth dans records/parametres.yaml (voir le guide, page Hébergement)"
    )
    assert f"Formulaires de saisie non construits : {why}.\n" in result.output
    assert not (out / FOLDER).exists()
    dashboard = lxml_html.parse(str(out / "index.html")).getroot().text_content()
    assert f"Formulaires de saisie indisponibles : {why}." in dashboard
    dossier = next((out / "dossiers").iterdir()) / "index.html"
    links = lxml_html.parse(str(dossier)).getroot().xpath("//a[text()='Modifier ce dossier']/@href")
    assert len(links) == 1 and links[0].startswith("https://forge.example/academie/pae/-/edit/")


def test_forms_need_their_files_and_a_named_site(tmp_path: Path) -> None:
    assert assets.availability(DEMO_PROJECT, CMS, False).built
    missing = assets.availability(DEMO_PROJECT, tmp_path, False)
    assert not missing.built and "lancer « make site »" in missing.reason
    pseudo = assets.availability(DEMO_PROJECT, CMS, True)
    assert not pseudo.built and pseudo.reason.startswith("site pseudonymisé")
    half = ForgeProject("https://forge.example", None, None)
    reason = assets.availability(half, CMS, False).reason
    assert "renseigner forge.projet, forge.application_oauth dans" in reason


# --- the local proxy ------------------------------------------------------------------------


def test_edition_goes_with_servir(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--depot", str(REPO), "site", "--edition"])
    assert exited.value.code == 2
    assert "--edition va avec --servir" in capsys.readouterr().err


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "depot"
    write_network(root, git=False)
    git(root, "init", "--quiet", "--initial-branch", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "depart")
    return root


def test_the_proxy_works_on_its_own_clone_never_the_working_tree(repository: Path) -> None:
    (repository / "brouillon.txt").write_text("pas encore enregistré", encoding="utf-8")
    git(repository, "checkout", "--quiet", "-b", "travail")
    clone = proxy.clone_for(repository, "main")
    assert clone == repository / ".git" / proxy.CLONE
    assert git(clone, "branch", "--show-current") == "main"
    assert not (clone / "brouillon.txt").exists()
    assert git(repository, "status", "--porcelain") == "?? brouillon.txt"
    assert git(repository, "branch", "--show-current") == "travail"
    # A later commit on main reaches the clone at the next start.
    git(repository, "checkout", "--quiet", "main")
    git(repository, "rm", "--quiet", "records/offre/mlds-ravel.yaml")
    git(repository, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    assert proxy.clone_for(repository, "main") == clone
    assert not (clone / "records/offre/mlds-ravel.yaml").exists()
    with pytest.raises(UsageError, match="la branche master"):
        proxy.clone_for(repository, "master")


def test_the_proxy_refuses_a_clone_with_changes(repository: Path) -> None:
    clone = proxy.clone_for(repository, "main")
    (clone / "records/parametres.yaml").write_text("forge: {}\n", encoding="utf-8")
    with pytest.raises(Exception, match="changements non enregistrés"):
        proxy.clone_for(repository, "main")


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hexadecimal, as Linux writes them) listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text(encoding="ascii").splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: listening
                found.add(address)
    return found


def test_the_proxy_listens_on_localhost_only(repository: Path) -> None:
    clone = proxy.clone_for(repository, "main")
    server = proxy.start(CMS, clone, "main")
    try:
        port = int(server.url.split(":")[2].split("/")[0])
        assert server.url == f"http://localhost:{port}/api/v1"
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        assert server.fetch_command() == f"git fetch {clone} 'refs/heads/cms/*:refs/heads/cms/*'"
    finally:
        server.stop()
    assert server.process.returncode is not None


def test_the_proxy_stops_when_pae_is_asked_to_end(repository: Path) -> None:
    clone = proxy.clone_for(repository, "main")
    with pytest.raises(SystemExit) as exited, proxy.running(CMS, clone, "main") as server:
        assert server.process.poll() is None
        os.kill(os.getpid(), signal.SIGTERM)
    assert exited.value.code == 128 + signal.SIGTERM
    assert server.process.returncode is not None
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
