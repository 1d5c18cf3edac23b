"""The forms (/edition/) in a real headless Chromium, in French, on a scratch copy of the
demo network: decap-server in git mode on its own clone (as `pae site --servir
--edition` runs it), and the site built with that proxy in its configuration.

Every request that does not go to this machine is blocked and recorded: the forms must
work without any. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from conftest import REPO
from pae.cli.main import cli
from pae.site.assembly import Options
from pae.site.edition import proxy
from pae.site.publish import build_site

pytestmark = pytest.mark.browser

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
    "--lang=fr-FR",
]
TODAY = date(2026, 12, 4)
LOCAL = ("127.0.0.1", "localhost")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch repository holding the demo records and schemas, on branch main."""
    if not CHROMIUM.is_file():
        pytest.fail("chromium introuvable (/usr/bin/chromium) : lancer « make chromium »")
    root = tmp_path_factory.mktemp("edition") / "demo"
    for name in ("records", "schema"):
        shutil.copytree(REPO / name, root / name)
    git(root, "init", "--quiet", "--initial-branch", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Démo", "-c", "user.email=demo@example.org", "commit", "-qm", "démo")
    return root


@pytest.fixture(scope="module")
def server(demo: Path) -> Iterator[proxy.Proxy]:
    """decap-server in git mode on the proxy's own clone of the scratch repository."""
    clone = proxy.clone_for(demo, "main")
    running = proxy.start(REPO / "cms", clone, "main")
    try:
        yield running
    finally:
        running.stop()


def serve(folder: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def site(
    demo: Path, server: proxy.Proxy, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The demo site with forms that save through the proxy."""
    out = tmp_path_factory.mktemp("site") / "public"
    built = build_site(Options(demo, TODAY, output=out, proxy_url=server.url))
    assert built.edition.built, built.edition.reason
    yield from serve(out)


@pytest.fixture(scope="module")
def forge_site(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site as `make site` builds it: forms that log in to the forge (PKCE)."""
    out = tmp_path_factory.mktemp("forge-site") / "public"
    assert build_site(Options(demo, TODAY, output=out)).edition.built
    yield from serve(out)


@dataclass
class Browser:
    context: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def page(self) -> Any:
        page = self.context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        return page


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        seen = Browser(context)

        def local_only(route: Any) -> None:
            if urlsplit(route.request.url).hostname in LOCAL:
                route.continue_()
            else:
                seen.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", local_only)
        try:
            yield seen
        finally:
            browser.close()


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    chromium.blocked.clear()
    chromium.errors.clear()
    return chromium


# --- driving Decap CMS 3.16 -----------------------------------------------------------------


def control(page: Any, label: str, nth: int = -1) -> Any:
    """The input of the field labelled `label` exactly (optional fields say « facultatif »)."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*(\(facultatif\))?\s*$", re.IGNORECASE)
    labels = page.locator("label").filter(has_text=pattern)
    found = labels.nth(nth) if nth >= 0 else labels.last
    return page.locator(f"[id='{found.get_attribute('for')}']")


def unfold(page: Any, label: str) -> Any:
    group = control(page, label, 0)
    group.locator("[data-testid=expand-button]").first.click()
    return group


def choose(page: Any, label: str, *texts: str) -> None:
    """Pick options of a select (react-select): type each label, then Enter."""
    control(page, label).click()
    for text in texts:
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def log_in(page: Any, base: str) -> None:
    """Open /edition/ and log in through the proxy (once per browser: Decap remembers)."""
    page.goto(base + "edition/")
    button = page.get_by_role("button", name="Se connecter")
    button.or_(page.get_by_text("Collections")).first.wait_for()
    if button.is_visible():
        button.click()
    page.get_by_text("Collections").wait_for()


def save(page: Any) -> None:
    page.get_by_role("button", name="Enregistrer").first.click()
    page.get_by_text("Entrée enregistrée").first.wait_for(timeout=20_000)


# --- what a save did, in the proxy's clone --------------------------------------------------


def diff_lines(clone: Path, branch: str) -> tuple[list[str], list[str], list[str]]:
    """Files changed, lines added, lines removed between main and `branch`."""
    files = git(clone, "diff", "--name-only", "main", branch).splitlines()
    diff = git(clone, "diff", "--unified=0", "main", branch).splitlines()
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    return files, added, removed


def validate(clone: Path, branch: str, tmp_path: Path) -> str:
    """`pae valider` on the branch, in a detached worktree of the clone; its output."""
    tree = tmp_path / "branche"
    git(clone, "worktree", "add", "--quiet", "--detach", str(tree), branch)
    try:
        args = ["--depot", str(tree), "valider", "--date", TODAY.isoformat()]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output
    finally:
        git(clone, "worktree", "remove", "--force", str(tree))


# --- the tests ------------------------------------------------------------------------------


def test_a_week_of_follow_up_recorded_through_the_form(
    site: str, server: proxy.Proxy, browser: Browser, tmp_path: Path
) -> None:
    page = browser.page()
    log_in(page, site)
    page.goto(site + "edition/#/collections/dossiers-2026-0990001N/entries/0990001N-2026-014")
    page.locator("label", has_text="Points de suivi").first.wait_for(state="attached")
    # The référent's relation shows the name from the lycée's file.
    unfold(page, "Inscription").get_by_text("Jérôme Vuillemin").wait_for(timeout=10_000)

    unfold(page, "Suivi")
    points = control(page, "Points de suivi")
    points.get_by_role("button", name="Ajouter : point de suivi").click()
    control(page, "Date du point").fill("2026-12-03")
    choose(page, "Avec qui", "Jeune", "Conseiller de la mission locale")
    control(page, "Résumé").fill("Point à 14:00 : yes, la semaine s'est bien passée.")

    week = [("2026-11-30", "a2", "Présent"), ("2026-12-01", "a3", "Absence justifiée")]
    week.append(("2026-12-03", "a2", "Présent"))
    attendance = control(page, "Assiduité")
    for day, action, statut in week:
        attendance.get_by_role("button", name="Ajouter : présence").click()
        control(page, "Date de la séance").fill(day)
        # a select of the dossier's own actions (the widget of cms/src/pae-cms.js)
        assert f"{action} — " in control(page, "Action").inner_text()
        control(page, "Action").select_option(action)
        choose(page, "Statut", statut)
    page.screenshot(path=str(ARTIFACTS / "formulaire-semaine.png"))
    save(page)

    branch = "cms/dossiers-2026-0990001N/0990001N-2026-014"
    files, added, removed = diff_lines(server.clone, branch)
    assert files == ["records/jeunes/2026/0990001N/0990001N-2026-014.yaml"]
    assert removed == []
    assert added == [
        "    - date: 2026-12-03",
        "      avec: [jeune, conseiller_ml]",
        '      resume: "Point à 14:00 : yes, la semaine s\'est bien passée."',
        "    - {date: 2026-11-30, action: a2, statut: present}",
        "    - {date: 2026-12-01, action: a3, statut: absent_justifie}",
        "    - {date: 2026-12-03, action: a2, statut: present}",
    ]
    assert git(server.clone, "config", f"branch.{branch}.description") == "decap-cms/draft"
    message = git(server.clone, "log", "-1", "--format=%s", branch)
    assert message == "dossier 0990001N-2026-014 : modification (formulaire du site)"
    validate(server.clone, branch, tmp_path)
    assert browser.blocked == [] and browser.errors == []


def test_a_new_dossier_from_the_form_gets_its_upper_case_id_and_place(
    site: str, server: proxy.Proxy, browser: Browser, tmp_path: Path
) -> None:
    page = browser.page()
    log_in(page, site)
    page.goto(site + "edition/#/collections/dossiers-2026-0990002P")
    page.get_by_text("Ajouter : dossier").click()
    page.locator("label", has_text="Identité").first.wait_for(state="attached")
    control(page, "Nom", 0).fill("Lefèvre")
    control(page, "Prénom", 0).fill("Manon")
    control(page, "Date de naissance", 0).fill("2008-03-14")
    choose(page, "Diplôme", "CAP")
    control(page, "Spécialité", 0).fill("Cuisine")
    choose(page, "Résultat", "Ajourné")
    control(page, "Première session", 0).fill("2026")
    choose(page, "Motif du repérage", "Examen non obtenu")
    save(page)

    taken = sorted(p.stem for p in (REPO / "records/jeunes/2026/0990002P").glob("*.yaml"))
    ident = f"0990002P-2026-{int(taken[-1][-3:]) + 1:03d}"
    branch = f"cms/dossiers-2026-0990002P/{ident}"
    files, added, removed = diff_lines(server.clone, branch)
    assert files == [f"records/jeunes/2026/0990002P/{ident}.yaml"]
    assert removed == []
    assert added == [
        "# yaml-language-server: $schema=../../../../schema/jeune.schema.json",
        f"id: {ident}",
        "session: 2026",
        "etablissement: 0990002P",
        "volontaire: false",
        "identite:",
        "  nom: Lefèvre",
        "  prenom: Manon",
        "  date_naissance: 2008-03-14",
        "examen:",
        "  diplome: cap",
        "  specialite: Cuisine",
        "  resultat: ajourne",
        "  premiere_session: 2026",
        "reperage:",
        "  motif: echec_examen",
    ]
    validate(server.clone, branch, tmp_path)
    assert browser.blocked == [] and browser.errors == []


def test_the_forms_work_with_every_request_off_this_machine_blocked(
    site: str, browser: Browser
) -> None:
    page = browser.page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    log_in(page, site)
    assert page.get_by_text("Dossiers 2026 — Lycée professionnel des Tilleuls").first.is_visible()
    page.goto(site + "edition/#/collections/offre/entries/cio-garonne")
    assert (
        control(page, "Nom de la structure").input_value(timeout=10_000) == "CIO Garonne (fictif)"
    )
    page.screenshot(path=str(ARTIFACTS / "formulaire-offre.png"))
    hosts = {urlsplit(url).hostname for url in requests if url.startswith("http")}
    assert hosts <= set(LOCAL) and len(hosts) == 2  # the site, and the proxy
    assert browser.blocked == [] and browser.errors == []


def test_the_forge_configuration_loads_without_error_before_login(
    forge_site: str, browser: Browser
) -> None:
    page = browser.page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.goto(forge_site + "edition/")
    button = page.get_by_role("button", name="Se connecter avec la forge (GitLab)")
    button.wait_for(timeout=20_000)
    text = page.locator("body").inner_text()
    assert "configuration" not in text.lower() and "erreur" not in text.lower()
    assert console == [] and browser.errors == [] and browser.blocked == []
    page.screenshot(path=str(ARTIFACTS / "formulaire-connexion.png"))
    # Logging in leaves for the forge's own authorization page, with PKCE: nothing else.
    button.click()
    page.wait_for_timeout(1000)
    assert browser.blocked and all(u == browser.blocked[0] for u in browser.blocked)
    login = urlsplit(browser.blocked[0])
    query = parse_qs(login.query)
    assert (login.scheme, login.hostname, login.path) == (
        "https",
        "forge.example",
        "/oauth/authorize",
    )
    assert query["client_id"] == ["application-de-demonstration"]
    assert query["redirect_uri"] == [forge_site + "edition/"]
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert query["scope"] == ["api"]
