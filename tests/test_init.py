"""`pae init`: a fresh clone with demo data becomes one lycée's repository, or nothing
changes at all."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Run
from forge_helpers import commit, git, init_repo, pae
from pae.campaign.init import DATA_DIRS, check_uai, parse_referent, without_fictional_forge
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
Données précédentes déplacées dans {backup}/ : 4 fichiers (à supprimer quand elles ne \
serviront plus).
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


def backup_of(root: Path) -> str:
    (backup,) = root.glob(".pae-sauvegarde-*")
    assert re.fullmatch(r"\.pae-sauvegarde-\d{8}-\d{6}", backup.name)
    return backup.name


def done_text(root: Path) -> str:
    return DONE.format(backup=backup_of(root))


def test_init_replaces_the_demo_data(clone: Path, run: Run) -> None:
    result = run("--depot", clone, "init", *OPTIONS)
    assert (result.exit_code, result.output) == (0, done_text(clone))
    files = {k: v for k, v in snapshot(clone).items() if not k.startswith(".pae-sauvegarde-")}
    assert sorted(f for f in files if f.startswith("records/")) == [
        "records/etablissements/0750654D.yaml",
        "records/jeunes/2026/0750654D/.gitkeep",
        "records/missions-locales/ml-paris.yaml",
        "records/offre/.gitkeep",
        "records/parametres.yaml",
    ]
    assert files["records/etablissements/0750654D.yaml"].decode() == LYCEE
    assert files["records/missions-locales/ml-paris.yaml"].decode() == MISSION_LOCALE
    settings = files["records/parametres.yaml"].decode()
    assert settings.startswith("forge:\n  responsables_referentiel: [dane-pilote]\n")
    # The lycée's own pseudonym key, drawn at random: never the demo's, never shared.
    key = yaml.safe_load(settings)["confidentialite"]["cle_pseudonymes"]
    assert len(key) >= 16 and key != "demo-cle-fictive-0123456789abcdef"
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
        "démonstration (4 fichiers) : pae init les remplacerait. Relancer avec --force pour "
        "les remplacer (elles seront déplacées dans un dossier de sauvegarde).\n"
    )
    assert snapshot(clone) == before
    forced = run("--depot", clone, "init", *OPTIONS, "--force")
    assert forced.exit_code == 0
    assert f"Données précédentes déplacées dans {backup_of(clone)}/ : 4 fichiers" in (forced.output)


def test_a_repository_without_data_needs_no_force(clone: Path, run: Run) -> None:
    for folder in ("etablissements", "missions-locales", "offre", "jeunes"):
        shutil.rmtree(clone / "records" / folder)
    (clone / "records" / ".demo").unlink()
    result = run("--depot", clone, "init", *OPTIONS)
    assert result.exit_code == 0
    assert "Données précédentes" not in result.output
    assert not list(clone.glob(".pae-sauvegarde-*"))


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
        "a-benali:Amina Benali",  # refused: no e-mail, asked again
        "a-benali:Amina Benali:a.benali@ml-paris.example",
        "",  # no more conseillers
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
    assert result.output.endswith(done_text(clone))
    lycee = (clone / "records/etablissements/0750654D.yaml").read_text(encoding="utf-8")
    assert "forge_chef" not in lycee
    assert "    forge: cdurand\n" in lycee
    assert (
        "Erreur : conseiller « a-benali:Amina Benali » : attendu id:Prénom Nom:courriel, par "
        "exemple a-benali:Amina Benali:a.benali@ml-exemple.fr\n"
    ) in result.output
    ml = (clone / "records/missions-locales/ml-paris.yaml").read_text(encoding="utf-8")
    assert ml.endswith(
        "conseillers:\n"
        "  - id: a-benali\n"
        "    nom: Amina Benali\n"
        "    courriel: a.benali@ml-paris.example\n"
    )


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
        "du dépôt, ou indiquer --depot DOSSIER\n"
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


# --- never delete what Git cannot give back (issue 11, item 5) ---------------------------


@pytest.fixture
def git_clone(clone: Path) -> Path:
    """The fresh clone as a git repository: demo data, a CODEOWNERS, all committed."""
    (clone / "CODEOWNERS").write_text("/records/ @dane-pilote\n", encoding="utf-8")
    (clone / ".gitignore").write_text("*.brouillon.yaml\n", encoding="utf-8")
    init_repo(clone)
    return clone


def test_uncommitted_work_is_listed_and_nothing_changes_even_forced(
    git_clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jeunes = git_clone / "records/jeunes/2026/0990001N"
    (jeunes / "0990001N-2026-002.yaml").write_text("id: nouveau\n", encoding="utf-8")
    (jeunes / "notes.txt").write_text("à rappeler\n", encoding="utf-8")
    (git_clone / "CODEOWNERS").write_text("* @moi\n", encoding="utf-8")
    (git_clone / "records/offre/boulangerie-du-centre.yaml").unlink()
    before = snapshot(git_clone)
    for force in ((), ("--force",)):
        done = pae(capsys, "--depot", git_clone, "init", *OPTIONS, *force)
        assert (done.code, done.out) == (2, "")
        assert done.err == (
            "Erreur : des modifications ne sont pas enregistrées dans Git ; pae init les "
            "perdrait :\n"
            "  CODEOWNERS (modifié)\n"
            "  records/jeunes/2026/0990001N/0990001N-2026-002.yaml (nouveau)\n"
            "  records/jeunes/2026/0990001N/notes.txt (nouveau)\n"
            "  records/offre/boulangerie-du-centre.yaml (supprimé)\n"
            "Les enregistrer (git add puis git commit) ou les mettre à l'abri hors du dépôt, "
            "puis relancer pae init ; --force ne passe pas outre.\n"
        )
        assert snapshot(git_clone) == before


def test_a_staged_but_uncommitted_dossier_is_refused_too(
    git_clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = git_clone / "records/jeunes/2026/0990001N/0990001N-2026-002.yaml"
    new.write_text("id: nouveau\n", encoding="utf-8")
    git(git_clone, "add", "-A")
    done = pae(capsys, "--depot", git_clone, "init", *OPTIONS)
    assert done.code == 2
    assert "  records/jeunes/2026/0990001N/0990001N-2026-002.yaml (ajouté)\n" in done.err


def test_the_interactive_command_refuses_before_any_question(
    git_clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (git_clone / "records/notes.txt").write_text("à rappeler\n", encoding="utf-8")
    done = pae(capsys, "--depot", git_clone, "init")
    assert (done.code, done.out) == (2, "")
    assert "  records/notes.txt (nouveau)\n" in done.err


def test_every_replaced_file_is_moved_to_a_dated_backup_ignored_by_git(
    git_clone: Path, run: Run
) -> None:
    jeunes = git_clone / "records/jeunes/2026/0990001N"
    odd = {
        "records/offre/plaquette.pdf": b"%PDF-1.4\n",
        "records/jeunes/2026/0990001N/notes.txt": "à rappeler\n".encode(),
        "records/offre/Autre.YAML": b"id: autre\n",
        "records/offre/.cache": b"x\n",
    }
    for rel, data in odd.items():
        (git_clone / rel).write_bytes(data)
    commit(git_clone, "Fichiers divers")
    (jeunes / "0990001N-2026-009.brouillon.yaml").write_text("id: brouillon\n", "utf-8")
    before = snapshot(git_clone)
    result = run("--depot", git_clone, "init", *OPTIONS)
    assert result.exit_code == 0, result.output
    backup = backup_of(git_clone)
    moved = {
        rel: data
        for rel, data in before.items()
        if (rel.startswith("records/") and rel.split("/")[1] in DATA_DIRS) or rel == "CODEOWNERS"
    }
    after = snapshot(git_clone)
    assert {rel: after[f"{backup}/{rel}"] for rel in moved} == moved
    assert f"dans {backup}/ : {len(moved)} fichiers" in result.output
    assert git(git_clone, "status", "--porcelain", "--ignored", "--", backup) == (f"!! {backup}/\n")
    assert not git(git_clone, "status", "--porcelain", "--untracked-files=all", "--", backup)


def test_outside_a_git_repository_the_backup_still_keeps_everything(clone: Path, run: Run) -> None:
    (clone / "records/offre/plaquette.pdf").write_bytes(b"%PDF-1.4\n")
    before = snapshot(clone)
    assert run("--depot", clone, "init", *OPTIONS).exit_code == 0
    backup = backup_of(clone)
    after = snapshot(clone)
    for rel, data in before.items():
        if rel.startswith("records/") and rel.split("/")[1] in DATA_DIRS:
            assert after[f"{backup}/{rel}"] == data


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
    # The forms settings go; the pseudonym key is drawn anew; every other line stays.
    forms = ("url_forge:", "projet:", "branche:", "application_oauth:", "cle_pseudonymes:")
    assert [x for x in kept.splitlines() if not x.strip().startswith("cle_pseudonymes:")] == [
        line for line in demo.splitlines() if not line.strip().startswith(forms)
    ]
    real = demo.replace("https://forge.example", "https://forge.ac-exemple.fr")
    (clone / "records" / "parametres.yaml").write_text(real, encoding="utf-8")
    assert without_fictional_forge(real) == real


# --- the conseillers and the local offer --------------------------------------------------

OFFRE_CSV = """\
Structure;Type de structure;Commune;Courriel;Téléphone;Action;Type d'action;Description
Boulangerie du Centre;Entreprise;Paris;contact@boulangerie.example;01 23 45 67 89;\
Immersion au fournil;Stage ou immersion en entreprise;Deux semaines
Boulangerie du Centre;entreprise;Paris;;;Atelier vente;consolidation_acquis;
CIO de Paris;CIO;Paris;cio@ac-exemple.fr;;Positionnement;positionnement_scolaire;
Garage sans contact;Entreprise;Paris;;;Immersion;stage_immersion;
Club;Club de sport;Paris;club@example.org;;Atelier;autre;
"""


def write_offre(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    source = tmp_path / "offre.csv"
    source.write_bytes(text.encode(encoding))
    return source


def test_init_with_conseillers_and_the_offer(clone: Path, run: Run, tmp_path: Path) -> None:
    good = "\n".join(OFFRE_CSV.splitlines()[:4]) + "\n"
    source = write_offre(tmp_path, good)
    result = run(
        "--depot", clone, "init", *OPTIONS, "--offre", source,
        "--conseiller", "a-benali:Amina Benali:a.benali@ml-paris.example",
        "--conseiller", "h-diop:Hugo Diop:h.diop@ml-paris.example",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Offre : 3 lignes, encodage utf-8-sig ; colonnes : nom ← « Structure », type ← « Type "
        "de structure », commune ← « Commune », courriel ← « Courriel », telephone ← "
        "« Téléphone », action ← « Action », action_type ← « Type d'action », description ← "
        "« Description »\n"
        "\n"
        "À créer (2 structures)\n"
        "  records/offre/boulangerie-du-centre.yaml : Boulangerie du Centre, 2 actions "
        "(lignes 2, 3)\n"
        "  records/offre/cio-de-paris.yaml : CIO de Paris, 1 action (ligne 4)\n"
    )
    assert "  records/offre/boulangerie-du-centre.yaml\n" in result.stdout
    bakery = (clone / "records/offre/boulangerie-du-centre.yaml").read_text(encoding="utf-8")
    assert bakery == (
        "# yaml-language-server: $schema=../../schema/offre.schema.json\n"
        "id: boulangerie-du-centre\n"
        "nom: Boulangerie du Centre\n"
        "type: entreprise\n"
        "commune: Paris\n"
        "contact:\n"
        "  courriel: contact@boulangerie.example\n"
        "  telephone: 01 23 45 67 89\n"
        "actions:\n"
        "  - id: immersion-au-fournil\n"
        "    type: stage_immersion\n"
        "    intitule: Immersion au fournil\n"
        "    description: Deux semaines\n"
        "  - id: atelier-vente\n"
        "    type: consolidation_acquis\n"
        "    intitule: Atelier vente\n"
    )
    ml = (clone / "records/missions-locales/ml-paris.yaml").read_text(encoding="utf-8")
    assert "  - id: h-diop\n    nom: Hugo Diop\n" in ml
    assert run("--depot", clone, "valider", "--date", "2026-09-01").exit_code == 0


def test_the_offer_in_a_dry_run_says_which_lines_are_refused(
    clone: Path, run: Run, tmp_path: Path
) -> None:
    source = write_offre(tmp_path, OFFRE_CSV.replace(";", ","), encoding="utf-8")
    before = snapshot(clone)
    result = run("--depot", clone, "init", *OPTIONS, "--offre", source, "--simulation")
    assert result.exit_code == 1
    assert (
        "En erreur (2)\n"
        "  ligne 5 : contact manquant : un nom, un courriel, un téléphone ou une adresse (sur "
        "la première ligne de la structure au moins)\n"
        "  ligne 6 : type de structure « Club de sport » inconnu : "
    ) in result.stdout
    assert result.stdout.endswith(
        "Simulation : rien n'a été écrit. pae init écrirait la fiche de 0750654D, celle de "
        "ml-paris (0 conseiller), 2 fiches de l'offre et CODEOWNERS. Relancer sans "
        "--simulation pour les écrire.\n"
    )
    assert snapshot(clone) == before
    assert run("--depot", clone, "init", "--help").stdout.count("--offre FICHIER") == 1


def test_refused_lines_of_the_offer_write_nothing(
    clone: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_offre(tmp_path, OFFRE_CSV)
    before = snapshot(clone)
    refused = pae(capsys, "--depot", clone, "init", *OPTIONS, "--offre", source)
    assert refused.code == 2
    assert refused.err == (
        "Erreur : offre : 2 lignes refusées (ci-dessus) ; corriger le tableur puis relancer "
        "pae init (rien n'a été écrit)\n"
    )
    assert snapshot(clone) == before


def test_the_offer_needs_its_columns(
    clone: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_offre(tmp_path, "Nom;Ville\nX;Paris\n")
    result = pae(capsys, "--depot", clone, "init", *OPTIONS, "--offre", source)
    assert result.code == 2
    assert result.err == (
        "Erreur : offre : colonnes obligatoires introuvables — action : « action »; "
        "action_type : « type d action » "
        "(en-têtes du fichier : « Nom », « Ville ») ; voir « pae init --help » pour les noms "
        "acceptés\n"
    )


def test_the_offer_from_a_workbook(clone: Path, run: Run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STRUCTURE", "Commune", "Contact", "Action", "TYPE D'ACTION"])
    sheet.append(["Tiers-lieu du Port", "Sète", "Mme Exemple", "Atelier", "Autre"])
    source = tmp_path / "offre.xlsx"
    book.save(source)
    result = run("--depot", clone, "init", *OPTIONS, "--offre", source, "--simulation")
    assert result.exit_code == 0, result.output
    assert (
        "  records/offre/tiers-lieu-du-port.yaml : Tiers-lieu du Port, 1 action (ligne 2)\n"
    ) in result.stdout
