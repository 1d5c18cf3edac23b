"""The commands that record events, on a copy of the demo network: the exact lines each
adds, nothing else touched; refusals that leave the file byte for byte as it was."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pae.cli.main import main
from pae.files import ChangedMeanwhile
from pae.recording import transaction
from pae.records.yaml_edit import Document

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`pae` as a user runs it: French errors on stderr and exit codes, no traceback."""

    def invoke(*args: str | Path) -> Result:
        with pytest.raises(SystemExit) as exited:
            main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(int(exited.value.code or 0), captured.out, captured.err)

    return invoke


# Yanis Ferreira: enrolled, in programme, check-ins and attendance as flow lines.
YANIS = "0990001N-2026-001"
YANIS_FILE = f"records/jeunes/2026/0990001N/{YANIS}.yaml"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the demo records and schemas."""
    root = tmp_path / "demo"
    root.mkdir()
    for name in ("records", "schema"):
        shutil.copytree(REPO / name, root / name)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", "commit", "-qm", "démo"],
        cwd=root,
        check=True,
    )
    return root


def diff(root: Path, file: str) -> list[str]:
    """The lines git sees added or removed in `file` (no context, no headers)."""
    out = subprocess.run(
        ["git", "diff", "--unified=0", "--", file], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    return [x for x in out.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]


def record(run: Run, root: Path, *args: str, date: str = "2026-12-01") -> Result:
    result = run("--depot", root, *args, "--date", date)
    assert result.exit_code == 0, result.output
    return result


def test_a_check_in_adds_its_three_lines(run: Run, demo: Path) -> None:
    out = record(
        run,
        demo,
        "suivi",
        YANIS,
        "--le",
        "2026-11-30",
        "--avec",
        "jeune",
        "--resume",
        "Contrat saisonnier signé : début le 14:00 lundi.",
    )
    assert diff(demo, YANIS_FILE) == [
        "+    - date: 2026-11-30",
        "+      avec: [jeune]",
        '+      resume: "Contrat saisonnier signé : début le 14:00 lundi."',
    ]
    assert out.stdout.startswith(
        f"Dossier modifié : {YANIS_FILE} — point de suivi du 30/11/2026 (3 lignes ajoutées)\n"
    )
    assert f'git commit -m "{YANIS} : point de suivi du 30/11/2026"' in out.stdout
    assert run("--depot", demo, "valider", "--date", "2026-12-01").exit_code == 0


def test_a_week_of_attendance_by_its_slots(run: Run, demo: Path) -> None:
    # Week of 30 November: a2 (tuesday 14:00–16:00) runs until 15 December.
    out = record(
        run,
        demo,
        "assiduite",
        YANIS,
        "--semaine",
        "2026-12-02",
        "--absent",
        "mar",
        date="2026-12-05",
    )
    assert diff(demo, YANIS_FILE) == ["+    - {date: 2026-12-01, action: a2, statut: absent}"]
    assert "assiduité de la semaine du 30/11/2026 (1 séance)" in out.stdout
    again = run(
        "--depot", demo, "assiduite", YANIS, "--semaine", "2026-12-02", "--date", "2026-12-05"
    )
    assert again.exit_code == 2
    assert "toutes les séances passées sont déjà notées" in again.stderr


def test_attendance_skips_future_sessions_and_says_so(run: Run, demo: Path) -> None:
    result = run(
        "--depot", demo, "assiduite", YANIS, "--semaine", "2026-12-07", "--date", "2026-12-05"
    )
    assert result.exit_code == 2
    assert "aucune séance n'a encore eu lieu (date de référence : 05/12/2026)" in result.stderr
    assert diff(demo, YANIS_FILE) == []


def test_attendance_refuses_a_day_without_session(run: Run, demo: Path) -> None:
    result = run(
        "--depot",
        demo,
        "assiduite",
        YANIS,
        "--semaine",
        "2026-12-02",
        "--absent",
        "jeu",
        "--date",
        "2026-12-05",
    )
    assert result.exit_code == 2
    assert "aucune séance prévue le jeudi" in result.stderr


def test_a_new_action_with_its_slots_in_flow_style(run: Run, demo: Path) -> None:
    record(
        run,
        demo,
        "action",
        YANIS,
        "--type",
        "atelier_orientation",
        "--intitule",
        "Atelier orientation",
        "--structure",
        "cio-des-remparts",
        "--lieu",
        "structure_psad",
        "--debut",
        "2026-12-07",
        "--fin",
        "2026-12-11",
        "--creneau",
        "mercredi 9:00-12:00",
    )
    assert diff(demo, YANIS_FILE) == [
        "+    - id: a4",
        "+      type: atelier_orientation",
        "+      intitule: Atelier orientation",
        "+      structure: cio-des-remparts",
        "+      lieu: structure_psad",
        "+      debut: 2026-12-07",
        "+      fin: 2026-12-11",
        "+      creneaux:",
        '+        - {jour: mercredi, debut: "09:00", fin: "12:00"}',
    ]


def test_the_bilan_field_by_field(run: Run, demo: Path) -> None:
    record(
        run,
        demo,
        "bilan",
        YANIS,
        "--solution",
        "emploi",
        "--detail",
        "CDD de vendeur",
        "--competences",
        "Accueil des clients",
        "--le",
        "2026-12-16",
        date="2026-12-20",
    )
    assert diff(demo, YANIS_FILE) == [
        "+  solution: emploi",
        "+  solution_detail: CDD de vendeur",
        "+  competences_acquises: Accueil des clients",
    ]
    record(run, demo, "bilan", YANIS, "--transmis", "2026-12-18", "--imilo", date="2026-12-20")
    assert diff(demo, YANIS_FILE)[-2:] == [
        "+  transmis_chef_etablissement: 2026-12-18",
        "+  imilo_mis_a_jour: true",
    ]
    status = run("--depot", demo, "statut", YANIS, "--date", "2026-12-20")
    assert "Étape : Terminé" in status.stdout


def test_an_invalid_result_is_refused_and_nothing_is_written(run: Run, demo: Path) -> None:
    before = (demo / YANIS_FILE).read_bytes()
    # A check-in after the reference date has not happened: E8.
    result = run("--depot", demo, "suivi", YANIS, "--le", "2026-12-10", "--date", "2026-12-01")
    assert result.exit_code == 1
    # The new check-in would go just above `assiduite:`: its date is on that line.
    line = before.decode().splitlines().index("  assiduite:") + 1
    assert result.stderr.startswith(
        f"Erreur : le dossier {YANIS_FILE} ne serait plus valide, rien n'a été écrit :\n"
        f"  ligne {line}, colonne 13 : E8 point de suivi daté du 10/12/2026, dans le futur "
        "(date de référence : 01/12/2026)\n"
    )
    assert (demo / YANIS_FILE).read_bytes() == before


def test_an_event_recorded_twice_needs_remplacer(run: Run, demo: Path) -> None:
    result = run(
        "--depot",
        demo,
        "sortie",
        YANIS,
        "--le",
        "2026-11-30",
        "--motif",
        "emploi",
        "--date",
        "2026-12-01",
    )
    assert result.exit_code == 0, result.output
    again = run(
        "--depot",
        demo,
        "sortie",
        YANIS,
        "--le",
        "2026-11-29",
        "--motif",
        "emploi",
        "--date",
        "2026-12-01",
    )
    assert again.exit_code == 2
    assert "la sortie anticipée est déjà notée dans ce dossier (le 30/11/2026)" in again.stderr


def test_an_unknown_dossier_is_named(run: Run, demo: Path) -> None:
    result = run("--depot", demo, "suivi", "0990001N-2026-0", "--date", "2026-12-01")
    assert result.exit_code == 2
    assert "dossier « 0990001N-2026-0 » introuvable ; dossiers proches : " in result.stderr


def test_a_change_on_disk_meanwhile_is_refused(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from pae.recording import events

    path = demo / YANIS_FILE
    dump = Document.dump

    def concurrent(self: Document) -> str:
        path.write_text(path.read_text("utf-8") + "# modifié dans l'éditeur\n", "utf-8")
        return dump(self)

    monkeypatch.setattr(Document, "dump", concurrent)
    with pytest.raises(ChangedMeanwhile, match="a été modifié pendant la commande"):
        transaction.edit_dossier(
            demo,
            YANIS,
            date(2026, 12, 1),
            lambda doc, d, ctx: events.check_in(doc, d, date(2026, 11, 30), ["jeune"]),
        )
    assert path.read_text("utf-8").endswith("# modifié dans l'éditeur\n")
    assert not list(path.parent.glob(".pae-ecriture-*"))


def test_comments_and_the_rest_of_the_file_are_untouched(run: Run, demo: Path) -> None:
    path = demo / YANIS_FILE
    text = path.read_text("utf-8")
    path.write_text(text.replace("suivi:\n", "suivi:  # rempli par la référente\n"), "utf-8")
    subprocess.run(
        ["git", "commit", "-qam", "commentaire", "--no-verify"],
        cwd=demo,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
        },
    )
    record(run, demo, "suivi", YANIS, "--le", "2026-11-30")
    assert "suivi:  # rempli par la référente\n" in path.read_text("utf-8")
    assert len(diff(demo, YANIS_FILE)) == 2  # date and avec: nothing else moved


def test_commit_names_the_dossier_and_the_event(run: Run, demo: Path) -> None:
    env = {
        "GIT_AUTHOR_NAME": "Réf",
        "GIT_AUTHOR_EMAIL": "r@example.org",
        "GIT_COMMITTER_NAME": "Réf",
        "GIT_COMMITTER_EMAIL": "r@example.org",
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        record(run, demo, "suivi", YANIS, "--le", "2026-11-30", "--commit")
    log = subprocess.run(
        ["git", "log", "-1", "--format=%s", "--name-only"],
        cwd=demo,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert log.splitlines()[:3] == [f"{YANIS} : point de suivi du 30/11/2026", "", YANIS_FILE]
    assert diff(demo, YANIS_FILE) == []


def test_a_new_section_goes_where_the_schema_puts_it(run: Run, demo: Path) -> None:
    record(run, demo, "sortie", YANIS, "--le", "2026-11-30", "--motif", "emploi")
    text = (demo / YANIS_FILE).read_text("utf-8")
    assert text.index("\nsortie_anticipee:\n") < text.index("\nbilan:\n")
    assert diff(demo, YANIS_FILE) == [
        "+sortie_anticipee:",
        "+  date: 2026-11-30",
        "+  motif: emploi",
    ]


def test_a_placement_with_its_convention_then_its_tutor(run: Run, demo: Path) -> None:
    record(
        run,
        demo,
        "action",
        YANIS,
        "--type",
        "stage_immersion",
        "--intitule",
        "Immersion",
        "--structure",
        "comptoir-du-sport",
        "--lieu",
        "entreprise",
        "--debut",
        "2026-12-07",
        "--fin",
        "2026-12-11",
        "--convention-le",
        "2026-12-02",
        "--convention-ref",
        "PFMP-2026-099",
    )
    added = diff(demo, YANIS_FILE)
    # Written as the other conventions of the file are: on one line.
    assert added[-1] == "+      convention: {date_signature: 2026-12-02, reference: PFMP-2026-099}"
    record(
        run,
        demo,
        "convention",
        YANIS,
        "--action",
        "a4",
        "--tuteur",
        "M. Exemple",
        "--tuteur-fonction",
        "chef de rayon",
    )
    assert diff(demo, YANIS_FILE)[-1] == "+      tuteur: {nom: M. Exemple, fonction: chef de rayon}"
    missing = run(
        "--depot",
        demo,
        "convention",
        YANIS,
        "--action",
        "a9",
        "--tuteur",
        "X",
        "--date",
        "2026-12-01",
    )
    assert missing.exit_code == 2
    assert (
        "l'action « a9 » n'existe pas dans ce dossier (actions : a1, a2, a3, a4)" in missing.stderr
    )


def test_a_hand_over(run: Run, demo: Path) -> None:
    out = record(run, demo, "passation", YANIS, "--le", "2026-11-30", "--vers", "psad")
    assert "passation du suivi le 30/11/2026 (PSAD)" in out.stdout
    assert diff(demo, YANIS_FILE)[-3:] == ["+passation:", "+  date: 2026-11-30", "+  vers: psad"]
