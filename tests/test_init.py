"""`pae init`: a fresh clone with demo data becomes one lycée's repository, or nothing
changes at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, Run
from forge_helpers import pae
from pae.campaign.init import check_uai, parse_referent, without_fictional_forge
from pae.errors import UsageError

OPTIONS = (
    "--uai", "0750654D",
    "--nom", "Lycée professionnel Exemple",
    "--commune", "Paris",
    "--zone", "C",
    "--chef", "Mme Exemple",
    "--forge-chef", "mexemple",
    "--mission-locale", "ml-paris",
    "--mission-locale-nom", "Mission locale de Paris",
    "--mission-locale-courriel", "contact@ml-paris.example",
    "--referent", "c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand",
    "--referent", "m-roux:Marc Roux:marc.roux@ac-exemple.fr",
    "--date", "2026-09-01",
)  # fmt: skip

LYCEE = """\
# yaml-language-server: $schema=../../schema/etablissement.schema.json
uai: 0750654D
nom: Lycée professionnel Exemple
commune: Paris
zone_vacances: C
chef_etablissement: Mme Exemple
forge_chef: mexemple
mission_locale: ml-paris
referents:
  - id: c-durand
    nom: Claire Durand
    courriel: claire.durand@ac-exemple.fr
    forge: cdurand
  - id: m-roux
    nom: Marc Roux
    courriel: marc.roux@ac-exemple.fr
"""

MISSION_LOCALE = """\
# yaml-language-server: $schema=../../schema/mission-locale.schema.json
id: ml-paris
nom: Mission locale de Paris
courriel: contact@ml-paris.example
# Ajouter les conseillers qui suivent des jeunes du parcours : id, nom, courriel.
conseillers: []
"""

DONE = """\
Dépôt initialisé pour 0750654D (Lycée professionnel Exemple), session 2026 :
  records/etablissements/0750654D.yaml
  records/missions-locales/ml-paris.yaml
  records/jeunes/2026/0750654D/
  CODEOWNERS
Données précédentes supprimées : 4 fichiers.
Suite : relire ces fichiers, lancer « pae valider », puis enregistrer le tout \
(git add -A records CODEOWNERS && git commit).
"""


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A fresh clone: the schemas and the test network marked as demo data, with settings."""
    root = tmp_path / "clone"
    shutil.copytree(Path(__file__).parent / "data" / "reseau", root)
    shutil.copytree(REPO / "schema", root / "schema")
    (root / "records" / "parametres.yaml").write_text(
        "forge:\n  responsables_referentiel: [dane-pilote]\n", encoding="utf-8"
    )
    (root / "records" / ".demo").write_text("Données fictives.\n", encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_init_replaces_the_demo_data(clone: Path, run: Run) -> None:
    result = run("--depot", clone, "init", *OPTIONS)
    assert (result.exit_code, result.output) == (0, DONE)
    files = snapshot(clone)
    assert sorted(f for f in files if f.startswith("records/")) == [
        "records/etablissements/0750654D.yaml",
        "records/jeunes/2026/0750654D/.gitkeep",
        "records/missions-locales/ml-paris.yaml",
        "records/offre/.gitkeep",
        "records/parametres.yaml",
    ]
    assert files["records/etablissements/0750654D.yaml"].decode() == LYCEE
    assert files["records/missions-locales/ml-paris.yaml"].decode() == MISSION_LOCALE
    assert files["records/parametres.yaml"] == (
        b"forge:\n  responsables_referentiel: [dane-pilote]\n"
    )
    assert "/records/jeunes/*/0750654D/ @mexemple @cdurand\n" in files["CODEOWNERS"].decode()
    assert "/records/offre/ @dane-pilote\n" in files["CODEOWNERS"].decode()
    assert not [f for f in files if f.startswith(".pae-init")]
    valid = run("--depot", clone, "valider", "--date", "2026-09-01")
    assert (valid.exit_code, valid.output) == (0, "Tout est valide : 3 fichiers vérifiés.\n")
    assert run("--depot", clone, "codeowners", "--verifier").exit_code == 0


def test_session_option(clone: Path, run: Run) -> None:
    assert run("--depot", clone, "init", *OPTIONS, "--session", "2027").exit_code == 0
    assert (clone / "records/jeunes/2027/0750654D/.gitkeep").is_file()


def test_a_bad_uai_changes_nothing(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(clone)
    options = list(OPTIONS)
    options[1] = "0750654A"
    done = pae(capsys, "--depot", clone, "init", *options)
    assert (done.code, done.out) == (2, "")
    assert done.err == (
        "Erreur : la lettre clé de l'UAI « 0750654A » est fausse : 0750654D attendu\n"
    )
    assert snapshot(clone) == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--uai", "750654D", "UAI « 750654D » invalide : 7 chiffres et une lettre clé, "
         "par exemple 0750654D"),
        ("--zone", "D", "zone « D » inconnue : A, B, C, corse, guadeloupe, guyane, martinique, "
         "mayotte, la_reunion, nouvelle_caledonie, polynesie_francaise, "
         "saint_pierre_et_miquelon, wallis_et_futuna"),
        ("--mission-locale", "ML Paris", "identifiant « ML Paris » invalide : minuscules, "
         "chiffres et tirets, par exemple ml-paris"),
        ("--mission-locale-courriel", "contact", "courriel « contact » invalide"),
        ("--forge-chef", "@mexemple", "compte forge « @mexemple » invalide : un nom "
         "d'utilisateur sans @, par exemple cdurand"),
        ("--referent", "c-durand:Claire Durand", "référent « c-durand:Claire Durand » : attendu "
         "id:Prénom Nom:courriel[:compte forge], par exemple "
         "c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand"),
        ("--referent", "C:Claire:c@d.fr", "référent « C:Claire:c@d.fr » : identifiant « C » "
         "invalide : minuscules, chiffres et tirets, par exemple ml-paris"),
    ],
)  # fmt: skip
def test_a_bad_value_changes_nothing(
    clone: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    before = snapshot(clone)
    options = [o for o in OPTIONS if o not in ("--referent",) and ":" not in o]
    done = pae(capsys, "--depot", clone, "init", *options, option, value)
    assert (done.code, done.err) == (2, f"Erreur : {message}\n")
    assert snapshot(clone) == before


def test_values_that_fail_validation_change_nothing(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (clone / "records" / "parametres.yaml").write_text("suivi:\n  inconnu: 1\n", "utf-8")
    before = snapshot(clone)
    done = pae(capsys, "--depot", clone, "init", *OPTIONS)
    assert done.code == 2
    assert done.err.startswith(
        "Erreur : les valeurs données ne passent pas la validation :\n"
        "  records/parametres.yaml:2:3: E1 "
    )
    assert snapshot(clone) == before


def test_real_data_are_kept_unless_forced(
    clone: Path, run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    (clone / "records" / ".demo").unlink()
    before = snapshot(clone)
    done = pae(capsys, "--depot", clone, "init", *OPTIONS)
    assert done.code == 2
    assert done.err == (
        "Erreur : records/ contient déjà des données qui ne sont pas celles de la "
        "démonstration (4 fichiers) : pae init les supprimerait. Relancer avec --force pour "
        "les remplacer.\n"
    )
    assert snapshot(clone) == before
    forced = run("--depot", clone, "init", *OPTIONS, "--force")
    assert forced.exit_code == 0
    assert "Données précédentes supprimées : 4 fichiers.\n" in forced.output


def test_a_repository_without_data_needs_no_force(clone: Path, run: Run) -> None:
    for folder in ("etablissements", "missions-locales", "offre", "jeunes"):
        shutil.rmtree(clone / "records" / folder)
    (clone / "records" / ".demo").unlink()
    result = run("--depot", clone, "init", *OPTIONS)
    assert result.exit_code == 0
    assert "Données précédentes supprimées" not in result.output


def test_interactive(clone: Path) -> None:
    from click.testing import CliRunner

    from pae.cli.main import cli

    answers = [
        "0750654A",  # refused: wrong key letter, asked again
        "0750654D",
        "Lycée professionnel Exemple",
        "Paris",
        "C",
        "Mme Exemple",
        "",  # no forge account for the head
        "ml-paris",
        "Mission locale de Paris",
        "contact@ml-paris.example",
        "c-durand:Claire Durand:claire.durand@ac-exemple.fr:cdurand",
        "",  # no more référents
    ]
    result = CliRunner().invoke(
        cli,
        ["--depot", str(clone), "init", "--date", "2026-09-01"],
        input="\n".join(answers) + "\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.output.startswith(
        "Code UAI du lycée (7 chiffres et la lettre clé, par exemple 0750654D) : 0750654A\n"
        "Erreur : la lettre clé de l'UAI « 0750654A » est fausse : 0750654D attendu\n"
        "Code UAI du lycée (7 chiffres et la lettre clé, par exemple 0750654D) : 0750654D\n"
        "Nom du lycée : Lycée professionnel Exemple\n"
    )
    assert "Compte forge du chef d'établissement, sans @ (facultatif) : \n" in result.output
    assert "Référent « id:Prénom Nom:courriel[:compte forge] » (vide pour terminer) : \n" in (
        result.output
    )
    assert result.output.endswith(DONE)
    lycee = (clone / "records/etablissements/0750654D.yaml").read_text(encoding="utf-8")
    assert "forge_chef" not in lycee
    assert "    forge: cdurand\n" in lycee


def test_interactive_refuses_real_data_before_any_question(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (clone / "records" / ".demo").unlink()
    done = pae(capsys, "--depot", clone, "init")
    assert done.code == 2
    assert done.out == ""
    assert done.err.startswith("Erreur : records/ contient déjà des données")


def test_no_records_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = pae(capsys, "--depot", tmp_path, "init", *OPTIONS)
    assert done.code == 2
    assert done.err == (
        f"Erreur : pas de dossier records/ dans {tmp_path} : lancer la commande à la racine "
        "du dépôt, ou indiquer --depot CHEMIN\n"
    )


def test_check_uai_reuses_the_key_rule() -> None:
    assert check_uai("0750654D") is None
    assert check_uai("0990001N") is None
    assert check_uai("0990001A") == (
        "la lettre clé de l'UAI « 0990001A » est fausse : 0990001N attendu"
    )


def test_parse_referent() -> None:
    assert parse_referent(" c-d : Claire D : c@d.fr ").forge is None
    assert parse_referent("c-d:Claire D:c@d.fr:cd").forge == "cd"
    with pytest.raises(UsageError, match="courriel « pas-un-courriel » invalide"):
        parse_referent("c-d:Claire D:pas-un-courriel")


def test_a_failed_swap_puts_everything_back(
    clone: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(clone)
    real_rename = Path.rename
    calls: list[Path] = []

    def failing_rename(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 6:  # the demo folders are out, the second new one fails to come in
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    done = pae(capsys, "--depot", clone, "init", *OPTIONS)
    assert (done.code, done.err) == (
        1,
        "Erreur : impossible de remplacer les données (plus de place sur le disque) : rien n'a "
        "été modifié\n",
    )
    assert snapshot(clone) == before
    assert not list(clone.glob(".pae-init-*"))


def test_the_demo_forms_settings_do_not_follow_into_a_lycee_repository(
    clone: Path, run: Run
) -> None:
    """The demo's forms point at a fictional forge: the lycée's site must say to configure
    its own rather than send its team there."""
    demo = (REPO / "records" / "parametres.yaml").read_text(encoding="utf-8")
    assert "url_forge: https://forge.example" in demo
    (clone / "records" / "parametres.yaml").write_text(demo, encoding="utf-8")
    assert run("--depot", clone, "init", *OPTIONS).exit_code == 0
    kept = (clone / "records" / "parametres.yaml").read_text(encoding="utf-8")
    forms = ("url_forge:", "projet:", "branche:", "application_oauth:")
    assert kept.splitlines() == [
        line for line in demo.splitlines() if not line.strip().startswith(forms)
    ]
    real = demo.replace("https://forge.example", "https://forge.ac-exemple.fr")
    (clone / "records" / "parametres.yaml").write_text(real, encoding="utf-8")
    assert without_fictional_forge(real) == real
