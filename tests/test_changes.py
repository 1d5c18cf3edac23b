"""`pae valider --depuis REF`: the changed files and every dossier that depends on them,
checked against the whole network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Edit
from forge_helpers import FILE_1, FILE_2, Outcome, add_second_lycee, commit, git, init_repo, pae
from pae.errors import UsageError
from pae.forge.changes import Scope, affected, scope

LYCEE_1 = "records/etablissements/0990001N.yaml"
LYCEE_2 = "records/etablissements/0990002P.yaml"
ML_1 = "records/missions-locales/ml-test.yaml"
OFFRE = "records/offre/boulangerie-du-centre.yaml"


@pytest.fixture
def repo(reseau: Path) -> Path:
    """The test network with a second lycée, committed on main, then a branch `travail`."""
    add_second_lycee(reseau)
    init_repo(reseau)
    git(reseau, "switch", "-q", "-c", "travail")
    return reseau


def since(capsys: pytest.CaptureFixture[str], root: Path, ref: str = "main") -> Outcome:
    return pae(capsys, "--depot", root, "valider", "--date", "2026-10-15", "--depuis", ref)


def checked(capsys: pytest.CaptureFixture[str], root: Path, ref: str = "main") -> list[str]:
    """The files `--depuis` checks, as counted by `--format json`."""
    done = pae(
        capsys, "--depot", root, "valider", "--date", "2026-10-15", "--depuis", ref,
        "--format", "json",
    )  # fmt: skip
    payload = json.loads(done.out)
    assert payload["fichiers_verifies"] == len(scoped(root, ref))
    return scoped(root, ref)


def scoped(root: Path, ref: str) -> list[str]:
    paths = scope(root, [], ref).paths
    assert paths is not None
    return [p.relative_to(root).as_posix() for p in paths]


def test_nothing_changed_checks_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = since(capsys, repo)
    assert (done.code, done.out) == (0, "Tout est valide : 0 fichier vérifié.\n")


def test_an_uncommitted_change_is_checked(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / FILE_2, "nom: Durand", "nom: Durant")
    assert checked(capsys, repo) == [FILE_2]


def test_a_staged_change_is_checked(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / FILE_2, "nom: Durand", "nom: Durant")
    git(repo, "add", FILE_2)
    assert checked(capsys, repo) == [FILE_2]


def test_an_untracked_dossier_is_checked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = repo / "records/jeunes/2026/0990002P/0990002P-2026-002.yaml"
    new.write_text((repo / FILE_2).read_text("utf-8").replace("-001", "-002"), "utf-8")
    assert checked(capsys, repo) == [new.relative_to(repo).as_posix()]
    assert since(capsys, repo).out == "Tout est valide : 1 fichier vérifié.\n"


def test_committed_changes_since_the_merge_base_are_checked(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / FILE_2, "nom: Durand", "nom: Durant")
    commit(repo, "Correction du nom")
    assert checked(capsys, repo) == [FILE_2]


def test_changes_on_the_target_branch_alone_are_not_checked(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "switch", "-q", "main")
    edit(repo / FILE_1, "nom: Martin", "nom: Martine")
    commit(repo, "Sur main")
    git(repo, "switch", "-q", "travail")
    assert checked(capsys, repo) == []


def test_an_error_in_a_changed_dossier_is_reported(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / FILE_1, "referent: c-durand", "referent: x-inconnu")
    done = since(capsys, repo)
    assert done.code == 1
    assert f"{FILE_1}:31:13: E2 le référent « x-inconnu » n'existe pas" in done.out
    assert done.out.endswith("1 erreur dans 1 fichier (1 fichier vérifié).\n")


def test_a_removed_referent_flags_the_dossiers_still_naming_them(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        repo / LYCEE_1,
        "  - id: c-durand\n    nom: Claire Durand\n    courriel: claire.durand@ac-demo.example\n"
        "    forge: cdurand\n",
        "",
    )
    commit(repo, "Départ de Claire Durand")
    assert checked(capsys, repo) == [LYCEE_1, FILE_1]
    done = since(capsys, repo)
    assert done.code == 1
    assert f"{FILE_1}:31:13: E2 le référent « c-durand » n'existe pas" in done.out
    assert FILE_2 not in done.out


def test_a_changed_mission_locale_concerns_the_lycees_attached_to_it(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / ML_1, "  - id: a-benali", "  - id: a-benali-2")
    assert checked(capsys, repo) == [LYCEE_1, FILE_1, ML_1]
    done = since(capsys, repo)
    assert done.code == 1
    assert "E2 le conseiller « a-benali » n'existe pas à la mission locale ml-test" in done.out


def test_a_dossier_naming_a_changed_mission_locale_is_checked(
    repo: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        repo / FILE_2,
        "      reponse: en_reflexion\n",
        "      reponse: entretien_accepte\nentretien_information:\n  date: 2026-09-10\n"
        "  mission_locale: ml-test\n",
    )
    commit(repo, "Entretien avec ml-test")
    git(repo, "switch", "-q", "-c", "autre")
    edit(repo / ML_1, "nom: Mission locale de Test", "nom: Mission locale de Testville")
    assert checked(capsys, repo, "travail") == [LYCEE_1, FILE_1, FILE_2, ML_1]


def test_a_deleted_offre_flags_the_dossiers_using_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / OFFRE).unlink()
    assert checked(capsys, repo) == [FILE_1]
    done = since(capsys, repo)
    assert done.code == 1
    assert "E2 la structure « boulangerie-du-centre » n'existe pas" in done.out


def test_a_deleted_dossier_is_fine(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / FILE_2).unlink()
    commit(repo, "Dossier retiré")
    done = since(capsys, repo)
    assert (done.code, done.out) == (0, "Tout est valide : 0 fichier vérifié.\n")


def test_changed_settings_check_everything(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "records/parametres.yaml").write_text("suivi:\n  intervalle_points_jours_ecole: 8\n")
    assert scope(repo, [], "main") == Scope(None, True)
    done = since(capsys, repo)
    assert done.out == "Tout est valide : 8 fichiers vérifiés.\n"


def test_a_changed_lycee_also_compares_codeowners() -> None:
    assert affected(Path("."), [LYCEE_2]).codeowners
    assert affected(Path("."), ["CODEOWNERS"]).codeowners
    assert not affected(Path("."), [FILE_2]).codeowners


def test_files_outside_records_are_ignored(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "README.md").write_text("# Lisez-moi\n", encoding="utf-8")
    assert checked(capsys, repo) == []


def test_a_mention_is_a_whole_identifier(tmp_path: Path) -> None:
    dossier = tmp_path / "records/jeunes/2026/0990009A/x.yaml"
    dossier.parent.mkdir(parents=True)
    dossier.write_text("structure: boulangerie-du-centre-ouest\n", encoding="utf-8")
    assert list(affected(tmp_path, [OFFRE]).paths or []) == []
    dossier.write_text("structure: boulangerie-du-centre\n", encoding="utf-8")
    assert affected(tmp_path, [OFFRE]).paths == [dossier]


def test_a_bad_ref_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = since(capsys, repo, "branche-inconnue")
    assert done.code == 2
    assert done.err == (
        "Erreur : référence git inconnue : « branche-inconnue » (une branche, une étiquette "
        "ou un commit est attendu, par exemple origin/main)\n"
    )


def test_a_ref_looking_like_an_option_is_refused(repo: Path) -> None:
    with pytest.raises(UsageError, match="référence git inconnue : « --output=x »"):
        scope(repo, [], "--output=x")


def test_depuis_needs_a_git_repository(
    reseau: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "hors-git"
    outside.mkdir()
    (outside / "records").mkdir()
    done = since(capsys, outside)
    assert done.code == 2
    assert done.err == f"Erreur : --depuis demande un dépôt git : {outside} n'en est pas un\n"


def test_depuis_and_paths_do_not_mix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = pae(capsys, "--depot", repo, "valider", "--depuis", "main", repo / FILE_1)
    assert done.code == 2
    assert done.err == (
        "Erreur : --depuis ne se combine pas avec des CHEMINS : choisir l'un ou l'autre\n"
    )


# --- explicit paths, as the pre-commit hook passes the staged files (issue 11, item 9) -----

REFERENT_C_DURAND = (
    "  - id: c-durand\n    nom: Claire Durand\n    courriel: claire.durand@ac-demo.example\n"
    "    forge: cdurand\n"
)


def test_a_staged_lycee_file_brings_the_dossiers_naming_its_referents(
    reseau: Path, edit: Edit, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_second_lycee(reseau)
    edit(reseau / LYCEE_1, REFERENT_C_DURAND, "")
    monkeypatch.chdir(reseau)
    done = pae(capsys, "valider", LYCEE_1, "--date", "2026-10-15")
    assert done.code == 1
    assert f"{FILE_1}:31:13: E2 le référent « c-durand » n'existe pas" in done.out
    assert FILE_2 not in done.out
    assert done.out.endswith("1 erreur dans 1 fichier (2 fichiers vérifiés).\n")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([FILE_1], [FILE_1]),
        ([ML_1], [LYCEE_1, FILE_1, ML_1]),
        ([OFFRE], [FILE_1, OFFRE]),
        (["records/jeunes/2026/0990002P"], ["records/jeunes/2026/0990002P", FILE_2]),
        (["records/etablissements"], [LYCEE_1, LYCEE_2, FILE_1, FILE_2, "records/etablissements"]),
    ],
)
def test_explicit_paths_and_what_depends_on_them(
    reseau: Path, given: list[str], expected: list[str]
) -> None:
    add_second_lycee(reseau)
    paths = scope(reseau, [reseau / g for g in given], None).paths
    assert paths is not None
    assert sorted(p.relative_to(reseau).as_posix() for p in paths) == sorted(expected)


def test_an_explicit_settings_file_means_everything(reseau: Path) -> None:
    (reseau / "records/parametres.yaml").write_text("suivi: {}\n", encoding="utf-8")
    assert scope(reseau, [reseau / "records/parametres.yaml"], None) == Scope(None, True)
