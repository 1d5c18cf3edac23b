"""`pae codeowners` and the CODEOWNERS check of `pae valider`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Edit, Run
from forge_helpers import add_second_lycee, commit, init_repo, pae
from pae.forge.codeowners import HEADER

LYCEE_1 = "records/etablissements/0990001N.yaml"
KEEPERS = "forge:\n  responsables_referentiel: [dane-pilote, groupe/ml-coordination]\n"

EXPECTED = (
    HEADER
    + """
# Dossiers des jeunes, par lycée : chef d'établissement et référents.
/records/jeunes/*/0990001N/ @cdurand
/records/jeunes/*/0990002P/ @mdeux

# Données de référence et schémas : forge.responsables_referentiel.
/records/etablissements/ @dane-pilote @groupe/ml-coordination
/records/missions-locales/ @dane-pilote @groupe/ml-coordination
/records/offre/ @dane-pilote @groupe/ml-coordination
/records/parametres.yaml @dane-pilote @groupe/ml-coordination
/schema/ @dane-pilote @groupe/ml-coordination
/CODEOWNERS @dane-pilote @groupe/ml-coordination
"""
)


@pytest.fixture
def depot(reseau: Path) -> Path:
    """Two lycées (référent cdurand; chef mdeux) and two keepers of the reference data."""
    add_second_lycee(reseau)
    (reseau / "records/parametres.yaml").write_text(KEEPERS, encoding="utf-8")
    return reseau


def test_codeowners_writes_the_file(depot: Path, run: Run) -> None:
    result = run("--depot", depot, "codeowners")
    assert (result.exit_code, result.output) == (
        0,
        "CODEOWNERS écrit : 2 lycées avec des responsables, 2 responsables du référentiel.\n",
    )
    assert (depot / "CODEOWNERS").read_text(encoding="utf-8") == EXPECTED
    again = run("--depot", depot, "codeowners")
    assert (again.exit_code, again.output) == (0, "CODEOWNERS est déjà à jour.\n")


def test_the_header_says_it_is_generated() -> None:
    assert HEADER.startswith(
        "# Fichier généré par « pae codeowners » : ne pas le modifier à la main.\n"
    )


def test_head_first_then_referents_without_repeats(depot: Path, edit: Edit, run: Run) -> None:
    edit(
        depot / LYCEE_1,
        "mission_locale: ml-test\n",
        "mission_locale: ml-test\nforge_chef: cheffe\n",
    )
    edit(depot / LYCEE_1, "    courriel: marc.roux@ac-demo.example\n", (
        "    courriel: marc.roux@ac-demo.example\n    forge: cheffe\n"
    ))  # fmt: skip
    run("--depot", depot, "codeowners")
    text = (depot / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/records/jeunes/*/0990001N/ @cheffe @cdurand\n" in text


def test_a_lycee_without_accounts_and_no_keepers(reseau: Path, edit: Edit, run: Run) -> None:
    edit(reseau / LYCEE_1, "    forge: cdurand\n", "")
    run("--depot", reseau, "codeowners")
    text = (reseau / "CODEOWNERS").read_text(encoding="utf-8")
    assert text == HEADER + (
        "\n# Dossiers des jeunes, par lycée : chef d'établissement et référents.\n"
        "# 0990001N (Lycée professionnel de Test) : aucun compte forge "
        "(forge_chef, referents[].forge)\n"
        "\n# Données de référence et schémas : forge.responsables_referentiel.\n"
        "# aucun responsable : voir forge.responsables_referentiel (parametres.yaml)\n"
    )


def test_verifier(depot: Path, edit: Edit, run: Run) -> None:
    missing = run("--depot", depot, "codeowners", "--verifier")
    assert (missing.exit_code, missing.output) == (
        1,
        "CODEOWNERS n'existe pas : lancer pae codeowners\n",
    )
    run("--depot", depot, "codeowners")
    fresh = run("--depot", depot, "codeowners", "--verifier")
    assert (fresh.exit_code, fresh.output) == (0, "CODEOWNERS est à jour.\n")
    edit(depot / LYCEE_1, "forge: cdurand", "forge: claire-d")
    stale = run("--depot", depot, "codeowners", "--verifier")
    assert (stale.exit_code, stale.output) == (
        1,
        "CODEOWNERS n'est pas à jour : lancer pae codeowners\n",
    )
    assert "@cdurand" in (depot / "CODEOWNERS").read_text(encoding="utf-8")


def test_sortie(depot: Path, run: Run) -> None:
    target = depot / ".github" / "CODEOWNERS"
    result = run("--depot", depot, "codeowners", "--sortie", target)
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == EXPECTED
    assert not (depot / "CODEOWNERS").exists()


def test_invalid_reference_files_write_nothing(
    depot: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(depot / LYCEE_1, "zone_vacances: C", "zone_vacances: Z")
    done = pae(capsys, "--depot", depot, "codeowners")
    assert done.code == 1
    assert done.err == (
        f"Erreur : fiches invalides, CODEOWNERS n'a pas été écrit : {LYCEE_1} "
        "(lancer « pae valider » pour le détail)\n"
    )
    assert not (depot / "CODEOWNERS").exists()


# --- pae valider ------------------------------------------------------------------------


def test_valider_flags_an_outdated_codeowners(depot: Path, edit: Edit, run: Run) -> None:
    run("--depot", depot, "codeowners")
    assert run("--depot", depot, "valider", "--date", "2026-10-15").exit_code == 0
    edit(depot / LYCEE_1, "forge: cdurand", "forge: claire-d")
    result = run("--depot", depot, "valider", "--date", "2026-10-15")
    assert result.exit_code == 1
    assert result.output == (
        "CODEOWNERS (1 erreur)\n"
        "  CODEOWNERS:1:1: CODEOWNERS CODEOWNERS n'est pas à jour : lancer pae codeowners\n"
        "      → les fiches des lycées ou forge.responsables_referentiel ont changé depuis sa "
        "génération\n"
        "\n"
        "1 erreur dans 1 fichier (8 fichiers vérifiés).\n"
    )


def test_valider_checks_codeowners_where_the_forges_look(depot: Path, run: Run) -> None:
    (depot / ".gitlab").mkdir()
    (depot / ".gitlab" / "CODEOWNERS").write_text("* @quelquun\n", encoding="utf-8")
    result = run("--depot", depot, "valider", "--date", "2026-10-15")
    assert result.exit_code == 1
    assert (
        ".gitlab/CODEOWNERS n'est pas à jour : lancer pae codeowners --sortie "
        ".gitlab/CODEOWNERS" in result.output
    )


def test_no_codeowners_file_is_fine(depot: Path, run: Run) -> None:
    assert run("--depot", depot, "valider", "--date", "2026-10-15").exit_code == 0


def test_valider_with_paths_leaves_codeowners_alone(depot: Path, run: Run) -> None:
    (depot / "CODEOWNERS").write_text("# ancien\n", encoding="utf-8")
    result = run("--depot", depot, "valider", "--date", "2026-10-15", depot / "records" / "jeunes")
    assert result.exit_code == 0


def test_no_codeowners_noise_while_a_lycee_file_is_broken(
    depot: Path, edit: Edit, run: Run
) -> None:
    run("--depot", depot, "codeowners")
    edit(depot / LYCEE_1, "zone_vacances: C", "zone_vacances: Z")
    result = run("--depot", depot, "valider", "--date", "2026-10-15")
    assert result.exit_code == 1
    assert "CODEOWNERS n'est pas à jour" not in result.output


def test_depuis_compares_codeowners_when_a_lycee_changed(depot: Path, edit: Edit, run: Run) -> None:
    run("--depot", depot, "codeowners")
    init_repo(depot)
    edit(depot / LYCEE_1, "forge: cdurand", "forge: claire-d")
    commit(depot, "Nouveau compte")
    result = run("--depot", depot, "valider", "--date", "2026-10-15", "--depuis", "HEAD~1")
    assert result.exit_code == 1
    assert "CODEOWNERS n'est pas à jour : lancer pae codeowners" in result.output


def test_depuis_flags_a_hand_edited_codeowners(depot: Path, run: Run) -> None:
    run("--depot", depot, "codeowners")
    init_repo(depot)
    with (depot / "CODEOWNERS").open("a", encoding="utf-8") as out:
        out.write("/records/ @quelquun\n")
    result = run("--depot", depot, "valider", "--date", "2026-10-15", "--depuis", "HEAD")
    assert result.exit_code == 1
    assert result.output.endswith("1 erreur dans 1 fichier (0 fichier vérifié).\n")
