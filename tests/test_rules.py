"""Rules E1–E9: for each, a dossier that passes and one that fails, at the right place."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pae.programme import rules
from pae.repository import validate

Edit = Callable[[Path, str, str], None]
Found = tuple[str, int | None, int | None, str, str | None]

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 27)
DOSSIER = "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"
ETAB = "records/etablissements/0990001N.yaml"
ORDER_HINT = (
    "vérifier l'ordre des dates : contacts, entretien d'information, inscription "
    "et entretien approfondi"
)
FUTURE_HINT = "on n'enregistre qu'un événement qui a eu lieu : corriger la date"
EXIT_HINT = (
    "une sortie anticipée clôt le parcours : corriger la date de sortie ou retirer ce qui suit"
)
END_HINT = "ramener la date au 31/12/2026 au plus tard"


def check(root: Path, today: date = TODAY, *paths: Path) -> list[Found]:
    """Every problem of a network, as (code, line, column, message, hint), in report order."""
    result = validate(root, today, list(paths))
    ordered = sorted(result.problems, key=lambda p: p.sort_key())
    return [(p.code, p.line, p.column, p.message, p.hint) for p in ordered]


def in_file(root: Path, file: str, today: date = TODAY) -> list[Found]:
    result = validate(root, today)
    ordered = sorted((p for p in result.problems if p.file == file), key=lambda p: p.sort_key())
    return [(p.code, p.line, p.column, p.message, p.hint) for p in ordered]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_test_network_is_valid(reseau: Path) -> None:
    assert check(reseau) == []


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "valid/jeune").glob("*.yaml")))
def test_valid_example_dossiers_pass_every_rule(reseau: Path, name: str) -> None:
    shutil.copyfile(DATA / "valid/jeune" / name, reseau / "records/jeunes/2026/0990001N" / name)
    assert check(reseau, date(2026, 12, 20)) == []


def test_valid_example_reference_files_pass_every_rule(reseau: Path) -> None:
    for kind, place in [
        ("etablissement", "etablissements"),
        ("mission-locale", "missions-locales"),
        ("offre", "offre"),
        ("parametres", "."),
    ]:
        for example in (DATA / "valid" / kind).glob("*.yaml"):
            shutil.copyfile(example, reseau / "records" / place / example.name)
    assert check(reseau) == []


# --- E1: the UAI key letter -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("uai", "key"), [("0990001N", "N"), ("0750654D", "D"), ("0000000A", "A"), ("0000022Z", "Z")]
)
def test_uai_key(uai: str, key: str) -> None:
    assert rules.uai_key(uai[:7]) == key
    assert rules.bad_uai(uai) is None


def test_bad_uai_message() -> None:
    expected = "la lettre clé de l'UAI « 0990001A » est fausse : 0990001N attendu"
    assert rules.bad_uai("0990001A") == expected


def test_e1_wrong_key_letter_in_a_dossier(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "etablissement: 0990001N", "etablissement: 0990001A")
    found = check(reseau)
    assert (
        "E1",
        4,
        16,
        "la lettre clé de l'UAI « 0990001A » est fausse : 0990001N attendu",
        None,
    ) in found
    assert [f[0] for f in found] == ["E3", "E3", "E1", "E2"]  # and the folder, id, lycée


# --- E2: references ---------------------------------------------------------------------------


def test_e2_other_referent_of_the_lycee_passes(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "referent: c-durand", "referent: m-roux")
    assert check(reseau) == []


def test_e2_unknown_referent(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "referent: c-durand", "referent: c-dupont")
    assert check(reseau) == [
        (
            "E2",
            31,
            13,
            "le référent « c-dupont » n'existe pas",
            "référents de 0990001N : c-durand (Claire Durand), m-roux (Marc Roux) (liste dans "
            "records/etablissements/0990001N.yaml)",
        )
    ]


def test_e2_referent_removed_from_the_lycee(reseau: Path, edit: Edit) -> None:
    # The merge request touches only the lycée's file; the dossier naming her is flagged.
    etab = reseau / ETAB
    edit(
        etab, "  - id: c-durand\n    nom: Claire Durand\n", "  - id: c-martin\n    nom: C. Martin\n"
    )
    hint = (
        "référents de 0990001N : c-martin (C. Martin), m-roux (Marc Roux) "
        "(liste dans records/etablissements/0990001N.yaml)"
    )
    expected = [("E2", 31, 13, "le référent « c-durand » n'existe pas", hint)]
    assert check(reseau) == expected
    assert check(reseau, TODAY, reseau / DOSSIER) == expected


def test_e2_unknown_conseiller(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "conseiller_ml: a-benali", "conseiller_ml: a-benalli")
    assert check(reseau) == [
        (
            "E2",
            32,
            18,
            "le conseiller « a-benalli » n'existe pas à la mission locale ml-test",
            "conseillers de ml-test : a-benali (Amina Benali) "
            "(liste dans records/missions-locales/ml-test.yaml)",
        )
    ]


def test_e2_unknown_conseiller_at_the_interview(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  mission_locale: ml-test\n", "  mission_locale: ml-test\n  conseiller_ml: x\n")
    assert check(reseau) == [
        (
            "E2",
            26,
            18,
            "le conseiller « x » n'existe pas à la mission locale ml-test",
            "conseillers de ml-test : a-benali (Amina Benali) "
            "(liste dans records/missions-locales/ml-test.yaml)",
        )
    ]


def test_e2_known_conseiller_at_the_interview(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(
        dossier,
        "  mission_locale: ml-test\n",
        "  mission_locale: ml-test\n  conseiller_ml: a-benali\n",
    )
    assert check(reseau) == []


def test_e2_unknown_mission_locale(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "mission_locale: ml-test", "mission_locale: ml-ailleurs")
    assert check(reseau) == [
        (
            "E2",
            25,
            19,
            "la mission locale « ml-ailleurs » n'existe pas",
            "missions locales connues : ml-test",
        )
    ]


def test_e2_unknown_etablissement(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "etablissement: 0990001N", "etablissement: 0990002P")
    assert (
        "E2",
        4,
        16,
        "l'établissement « 0990002P » n'existe pas",
        "ajouter records/etablissements/<UAI>.yaml ; établissements connus : 0990001N",
    ) in check(reseau)


def test_e2_unknown_structure(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "structure: boulangerie-du-centre", "structure: boulangerie-du-center")
    assert check(reseau) == [
        (
            "E2",
            43,
            18,
            "la structure « boulangerie-du-center » n'existe pas",
            "indiquer l'identifiant d'un fichier de records/offre/ ou l'UAI d'un lycée ; "
            "structures connues : boulangerie-du-centre",
        )
    ]


def test_e2_the_lycee_itself_is_a_structure(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "structure: boulangerie-du-centre", "structure: 0990001N")
    assert check(reseau) == []


def test_e2_attendance_of_an_unknown_action(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "action: a1, statut", "action: a2, statut")
    assert check(reseau) == [
        (
            "E2",
            56,
            34,
            "l'action « a2 » n'existe pas dans le parcours",
            "actions du parcours : a1",
        )
    ]


def test_e2_a_broken_reference_file_does_not_cascade(reseau: Path, edit: Edit) -> None:
    edit(
        reseau / "records/missions-locales/ml-test.yaml", "courriel: contact@", "courrier: contact@"
    )
    found = check(reseau)
    assert [(f[0], f[3]) for f in found] == [
        ("E1", "champ obligatoire « courriel » manquant"),
        ("E1", "clé inconnue « courrier »"),
    ]


# --- E3: placement ---------------------------------------------------------------------------


def test_e3_a_second_dossier_well_placed_passes(reseau: Path, dossier: Path) -> None:
    second = dossier.with_name("0990001N-2026-002.yaml")
    second.write_text(dossier.read_text(encoding="utf-8").replace("-001", "-002"), "utf-8")
    assert check(reseau) == []


def test_e3_file_name_is_not_the_id(reseau: Path, dossier: Path) -> None:
    renamed = dossier.rename(dossier.with_name("0990001N-2026-009.yaml"))
    assert check(reseau) == [
        (
            "E3",
            2,
            5,
            "le nom du fichier ne correspond pas à l'identifiant « 0990001N-2026-001 »",
            "renommer le fichier en 0990001N-2026-001.yaml",
        )
    ]
    assert renamed.exists()


def test_e3_wrong_folder(reseau: Path, dossier: Path) -> None:
    folder = reseau / "records/jeunes/2025/0990001N"
    folder.mkdir(parents=True)
    dossier.rename(folder / dossier.name)
    assert check(reseau) == [
        (
            "E3",
            2,
            5,
            "dossier mal rangé : un dossier de la session 2026 du lycée 0990001N va dans "
            "records/jeunes/2026/0990001N/",
            "déplacer le fichier dans records/jeunes/2026/0990001N/",
        )
    ]


def test_e3_id_of_another_lycee(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "id: 0990001N-2026-001", "id: 0750654D-2026-001")
    dossier.rename(dossier.with_name("0750654D-2026-001.yaml"))
    assert check(reseau) == [
        (
            "E3",
            2,
            5,
            "l'identifiant « 0750654D-2026-001 » doit commencer par 0990001N-2026-",
            "identifiant attendu : 0990001N-2026-NNN",
        )
    ]


def test_e3_duplicate_id(reseau: Path, dossier: Path) -> None:
    shutil.copyfile(dossier, dossier.with_name("0990001N-2026-002.yaml"))
    duplicate = (
        "E3",
        2,
        5,
        "identifiant « 0990001N-2026-001 » utilisé par 2 dossiers",
        "chaque dossier a un identifiant unique",
    )
    assert in_file(reseau, DOSSIER) == [duplicate]
    copy = DOSSIER.replace("-001.yaml", "-002.yaml")
    # The copy is told to take a free identifier (its own file name), never the taken one.
    fix = (
        "pour la copie, écrire « id: 0990001N-2026-002 » (identifiant libre) et renommer le "
        "fichier en 0990001N-2026-002.yaml"
    )
    assert in_file(reseau, copy) == [
        (
            "E3",
            2,
            5,
            "le nom du fichier ne correspond pas à l'identifiant « 0990001N-2026-001 », déjà "
            "pris par un autre dossier",
            fix,
        ),
        (*duplicate[:4], f"chaque dossier a un identifiant unique ; {fix}"),
    ]


def test_e3_a_copy_is_offered_the_next_free_identifier(reseau: Path, dossier: Path) -> None:
    shutil.copyfile(dossier, dossier.with_name("copie.yaml"))
    shutil.copyfile(dossier, dossier.with_name("0990001N-2026-007.yaml"))
    hints = {hint for *_, hint in in_file(reseau, DOSSIER.replace("-001.yaml", "-007.yaml"))}
    assert "pour la copie, écrire « id: 0990001N-2026-007 » (identifiant libre)" in "".join(hints)
    copy_hints = [
        hint for *_, hint in in_file(reseau, DOSSIER.replace("0990001N-2026-001", "copie"))
    ]
    assert any("« id: 0990001N-2026-008 »" in h for h in copy_hints), copy_hints


@pytest.mark.parametrize(
    "place",
    ["records/jeunes/2026/perdu.yaml", "records/jeunes/2026/0990001N/a.yml", "records/x.yaml"],
)
def test_e3_file_outside_the_layout(reseau: Path, dossier: Path, place: str) -> None:
    shutil.copyfile(dossier, reseau / place)
    assert check(reseau) == [
        (
            "E3",
            2,
            1,
            "fichier mal placé : records/ ne contient que parametres.yaml, "
            "etablissements/<UAI>.yaml, missions-locales/<id>.yaml, offre/<id>.yaml et "
            "jeunes/<session>/<UAI>/<id>.yaml",
            "déplacer le fichier (extension .yaml) ou le supprimer",
        )
    ]


def test_e3_reference_file_name(reseau: Path) -> None:
    offre = reseau / "records/offre/boulangerie-du-centre.yaml"
    offre.rename(offre.with_name("boulangerie.yaml"))
    assert (
        "E3",
        1,
        5,
        "le nom du fichier ne correspond pas à l'identifiant « boulangerie-du-centre »",
        "renommer le fichier en boulangerie-du-centre.yaml",
    ) in check(reseau)


# --- E4: eligibility ---------------------------------------------------------------------------


def test_e4_diploma_outside_the_programme(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "diplome: cap", "diplome: bts")
    assert check(reseau) == [
        (
            "E4",
            11,
            12,
            "valeur « bts » non autorisée",
            "valeurs possibles : bac_pro, cap, bma, dtms",
        )
    ]


def test_e4_enrolled_without_volunteering(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "volontaire: true", "volontaire: false")
    assert check(reseau) == [
        (
            "E4",
            5,
            13,
            "un jeune inscrit doit être volontaire (volontaire: true)",
            "le parcours ne concerne que des volontaires : corriger, ou retirer l'inscription",
        )
    ]


def test_e4_not_volunteering_and_not_enrolled_passes(reseau: Path) -> None:
    example = DATA / "valid/jeune/0990001N-2026-003.yaml"
    assert "volontaire: false" in example.read_text(encoding="utf-8")
    shutil.copyfile(example, reseau / "records/jeunes/2026/0990001N" / example.name)
    assert check(reseau) == []


# --- E5: MEF ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("diplome", "mef"),
    [("cap", "pae_n3"), ("bac_pro", "pae_n4"), ("bma", "pae_n4"), ("dtms", "pae_n4")],
)
def test_e5_right_mef(reseau: Path, dossier: Path, edit: Edit, diplome: str, mef: str) -> None:
    edit(dossier, "diplome: cap", f"diplome: {diplome}")
    edit(dossier, "mef: pae_n3", f"mef: {mef}")
    assert check(reseau) == []


def test_e5_cap_in_pae_n4(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    assert check(reseau) == [
        (
            "E5",
            30,
            8,
            "MEF « pae_n4 » incompatible avec le diplôme CAP",
            "un jeune issu de CAP est inscrit en pae_n3",
        )
    ]


def test_e5_bac_pro_in_pae_n3(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "diplome: cap", "diplome: bac_pro")
    assert check(reseau) == [
        (
            "E5",
            30,
            8,
            "MEF « pae_n3 » incompatible avec le diplôme bac pro",
            "un jeune issu de bac pro est inscrit en pae_n4",
        )
    ]


# --- E6: enrolment deadline ------------------------------------------------------------------


def test_e6_enrolled_on_30_september(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date: 2026-09-12", "  date: 2026-09-30")
    assert check(reseau) == []


def test_e6_enrolled_on_1_october(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date: 2026-09-12", "  date: 2026-10-01")
    assert check(reseau) == [
        (
            "E6",
            29,
            9,
            "inscription le 01/10/2026, après la date limite du 30/09/2026",
            "l'inscription n'est plus possible après cette date : corriger la date "
            "ou retirer l'inscription",
        )
    ]


def test_e6_deadline_comes_from_the_settings(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date: 2026-09-12", "  date: 2026-10-01")
    (reseau / "records/parametres.yaml").write_text(
        'dispositifs:\n  pae:\n    date_limite_inscription: "10-15"\n', encoding="utf-8"
    )
    assert check(reseau) == []


# --- E7: end of programme --------------------------------------------------------------------


def test_e7_last_action_on_31_december(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "fin: 2026-10-16", "fin: 2026-12-31")
    assert check(reseau) == []


def test_e7_action_after_31_december(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "fin: 2026-10-16", "fin: 2027-01-05")
    assert check(reseau, date(2027, 1, 10)) == [
        (
            "E7",
            46,
            12,
            "fin de l'action a1 le 05/01/2027 : le parcours s'achève au plus tard le 31/12/2026",
            END_HINT,
        )
    ]


def test_e7_accepts_a_bilan_after_31_december(reseau: Path, dossier: Path) -> None:
    # A late bilan is recorded, and flagged by A12 (tests/test_late_bilan.py).
    append(dossier, "bilan:\n  date: 2027-01-04\n  participants: [jeune]\n  solution: emploi\n")
    append(dossier, "  transmis_chef_etablissement: 2027-01-05\n")
    assert check(reseau, date(2027, 1, 10)) == []


# The four months, counted from the programme's start: tests/test_programme_dates.py.


# --- E8: chronology --------------------------------------------------------------------------


def test_e8_contact_on_the_day_of_the_interview(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "- date: 2026-07-08", "- date: 2026-09-10")
    assert check(reseau) == []


def test_e8_contact_after_the_information_interview(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "- date: 2026-07-08", "- date: 2026-09-11")
    assert check(reseau) == [
        (
            "E8",
            18,
            13,
            "contact le 11/09/2026, après l'entretien d'information du 10/09/2026",
            ORDER_HINT,
        )
    ]


def test_e8_enrolment_before_the_interview(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date: 2026-09-12", "  date: 2026-09-09")
    assert check(reseau) == [
        (
            "E8",
            29,
            9,
            "inscription le 09/09/2026, avant l'entretien d'information du 10/09/2026",
            ORDER_HINT,
        )
    ]


def test_e8_in_depth_interview_before_the_information_one(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "  date: 2026-09-16", "  date: 2026-09-09")
    assert check(reseau) == [
        (
            "E8",
            35,
            9,
            "entretien approfondi le 09/09/2026, avant l'entretien d'information du 10/09/2026",
            ORDER_HINT,
        )
    ]


def test_e8_in_depth_interview_before_enrolment_passes(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "  date: 2026-09-16", "  date: 2026-09-11")
    assert check(reseau) == []


def test_e8_action_ending_before_it_starts(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "debut: 2026-10-05", "debut: 2026-10-20")
    assert check(reseau) == [
        (
            "E8",
            46,
            12,
            "l'action a1 finit le 16/10/2026, avant son début le 20/10/2026",
            "vérifier les dates debut et fin",
        ),
        (
            "E8",
            56,
            14,
            "présence du 05/10/2026 hors des dates de l'action a1 (20/10/2026 – 16/10/2026)",
            "corriger la date ou l'action",
        ),
    ]


def test_e8_attendance_on_the_last_day_of_its_action(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "{date: 2026-10-05, action", "{date: 2026-10-16, action")
    assert check(reseau) == []


def test_e8_attendance_outside_its_action(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "{date: 2026-10-05, action", "{date: 2026-10-17, action")
    assert check(reseau) == [
        (
            "E8",
            56,
            14,
            "présence du 17/10/2026 hors des dates de l'action a1 (05/10/2026 – 16/10/2026)",
            "corriger la date ou l'action",
        )
    ]


def test_e8_check_in_dated_today(reseau: Path) -> None:
    assert check(reseau, date(2026, 10, 9)) == []


def test_e8_check_in_after_the_reference_date(reseau: Path) -> None:
    assert check(reseau, date(2026, 10, 8)) == [
        (
            "E8",
            52,
            13,
            "point de suivi daté du 09/10/2026, dans le futur (date de référence : 08/10/2026)",
            FUTURE_HINT,
        )
    ]


def test_e8_attendance_after_the_reference_date(reseau: Path) -> None:
    assert check(reseau, date(2026, 10, 4))[1] == (
        "E8",
        56,
        14,
        "présence datée du 05/10/2026, dans le futur (date de référence : 04/10/2026)",
        FUTURE_HINT,
    )


def test_e8_contact_after_the_reference_date(reseau: Path) -> None:
    assert check(reseau, date(2026, 7, 7))[0] == (
        "E8",
        18,
        13,
        "contact daté du 08/07/2026, dans le futur (date de référence : 07/07/2026)",
        FUTURE_HINT,
    )


def test_e8_transmission_of_the_bilan_in_the_future(reseau: Path, dossier: Path) -> None:
    append(
        dossier,
        "bilan:\n  date: 2026-11-20\n  transmis_chef_etablissement: 2026-11-30\n"
        "  participants: [jeune]\n",
    )
    assert check(reseau) == [
        (
            "E8",
            59,
            32,
            "transmission du bilan datée du 30/11/2026, dans le futur "
            "(date de référence : 27/11/2026)",
            FUTURE_HINT,
        )
    ]


def test_e8_interviews_and_actions_may_be_planned_ahead(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text[: text.index("suivi:\n")], encoding="utf-8")
    assert check(reseau, date(2026, 9, 12)) == []


# --- E9: consistency -------------------------------------------------------------------------


def test_e9_dated_bilan_with_a_solution(reseau: Path, dossier: Path) -> None:
    append(dossier, "bilan:\n  date: 2026-11-20\n  participants: [jeune]\n  solution: emploi\n")
    assert check(reseau) == []


def test_e9_bilan_being_filled_in(reseau: Path, dossier: Path) -> None:
    append(dossier, "bilan:\n  participants: [referent]\n")
    assert check(reseau) == []


def test_e9_bilan_with_a_solution_and_no_date(reseau: Path, dossier: Path) -> None:
    append(dossier, "bilan:\n  solution: emploi\n")
    assert check(reseau) == [
        (
            "E9",
            58,
            3,
            "un bilan avec une solution doit être daté",
            "ajouter « date: AAAA-MM-JJ » au bilan",
        )
    ]


@pytest.mark.parametrize(("first", "error"), [("2025", False), ("2026", False), ("2027", True)])
def test_e9_first_session_after_the_session(
    reseau: Path, dossier: Path, edit: Edit, first: str, error: bool
) -> None:
    edit(dossier, "premiere_session: 2026", f"premiere_session: {first}")
    expected = (
        "E9",
        14,
        21,
        "première session 2027 postérieure à la session 2026 du dossier",
        "la première session est celle où le candidat s'est présenté pour la première fois à "
        "ce diplôme : au plus tard 2026",
    )
    assert check(reseau) == ([expected] if error else [])


def test_e9_graduate_without_parcoursup_offer(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "resultat: ajourne", "resultat: admis")
    edit(dossier, "motif: echec_examen", "motif: sans_proposition_parcoursup")
    assert check(reseau) == []


def test_e9_graduate_cannot_have_failed(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "resultat: ajourne", "resultat: admis")
    assert check(reseau) == [
        (
            "E9",
            16,
            10,
            "motif « echec_examen » incompatible avec le résultat « admis »",
            "motifs possibles pour un diplômé : sans_proposition_parcoursup, sans_solution_connue",
        )
    ]


def test_e9_check_in_on_the_day_of_an_early_exit(reseau: Path, dossier: Path) -> None:
    append(dossier, "sortie_anticipee:\n  date: 2026-10-09\n  motif: emploi\n")
    append(dossier, "bilan:\n  date: 2026-10-20\n  participants: [jeune]\n  solution: emploi\n")
    assert check(reseau) == []


def test_e9_check_in_after_an_early_exit(reseau: Path, dossier: Path) -> None:
    append(dossier, "sortie_anticipee:\n  date: 2026-10-08\n  motif: emploi\n")
    assert check(reseau) == [
        (
            "E9",
            52,
            13,
            "point de suivi le 09/10/2026, après la sortie anticipée du 08/10/2026",
            EXIT_HINT,
        )
    ]


def test_e9_action_starting_after_an_early_exit(reseau: Path, dossier: Path) -> None:
    append(dossier, "sortie_anticipee:\n  date: 2026-10-01\n  motif: demenagement\n")
    found = check(reseau)
    assert found[0] == (
        "E9",
        45,
        14,
        "début de l'action a1 le 05/10/2026, après la sortie anticipée du 01/10/2026",
        EXIT_HINT,
    )
    assert [f[0] for f in found] == ["E9", "E9", "E9"]  # the action, the check-in, attendance


# --- every problem is collected, none stops the others -----------------------------------------


def test_all_problems_of_all_files_are_reported(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "mef: pae_n3", "mef: pae_n4")
    edit(dossier, "resultat: ajourne", "resultat: admis")
    second = dossier.with_name("0990001N-2026-002.yaml")
    shutil.copyfile(DATA / "valid/jeune/0990001N-2026-002.yaml", second)
    edit(second, "  date: 2026-09-12", "  date: 2026-10-02")
    edit(reseau / ETAB, "mission_locale: ml-test", "mission_locale: ml-x")
    codes = [(f[0], f[1]) for f in check(reseau, date(2026, 12, 20))]
    assert codes == [("E2", 7), ("E9", 16), ("E5", 30), ("E6", 56)]


def test_a_whole_number_written_with_a_decimal_point(
    reseau: Path, dossier: Path, edit: Edit
) -> None:
    # JSON Schema counts 2026.0 as an integer: the rules must get the year 2026, not crash.
    edit(dossier, "\nsession: 2026", "\nsession: 2026.0")
    edit(dossier, "premiere_session: 2026", "premiere_session: 2.026e+3")
    assert check(reseau) == []
