"""Reading records/: many errors in one file, odd entries of the file system, copies of
reference files (issue 11)."""

from __future__ import annotations

import os
import signal
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Edit
from pae.records import positions
from pae.repository import usable, validate

TODAY = date(2026, 10, 20)
DOSSIER = "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"


# --- many errors in one file (item 2) -----------------------------------------------------


def count_compositions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = positions._compose

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(positions, "_compose", counting)
    return calls


def test_two_thousand_unknown_keys_one_composition_fifty_lines_and_a_summary(
    reseau: Path, dossier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dossier.read_text(encoding="utf-8")
    first_line = before.count("\n") + 1
    dossier.write_text(before + "".join(f"cle{i}: 1\n" for i in range(2000)), "utf-8")
    calls = count_compositions(monkeypatch)
    problems = validate(reseau, TODAY).problems
    assert calls == [1]
    unknown = [p for p in problems if p.message.startswith("clé inconnue")]
    assert len(unknown) == 50
    (summary,) = [p for p in problems if not p.message.startswith("clé inconnue")]
    # The 51st key in the order of the report (sorted as text) is where the rest begins.
    first_left_out = sorted(f"cle{i}" for i in range(2000))[50]
    assert (summary.code, summary.file, summary.message) == (
        "E1",
        DOSSIER,
        "… et 1\u202f950 autres erreurs du même type",
    )
    assert (summary.line, summary.column) == (first_line + int(first_left_out[3:]), 1)
    assert summary.hint == (
        "corriger les premières, puis relancer « pae valider » pour voir les suivantes"
    )
    from pae.reports.validation import error_count
    from pae.reports.validation import summary as summary_line

    result = validate(reseau, TODAY)
    assert error_count(result) == 2000  # the summary line stands for the 1,950 left out
    assert summary_line(result).startswith("2000 erreurs dans 1 fichier")
    import io

    from pae.reports.forge import junit
    from pae.reports.validation import text

    out = io.StringIO()
    text(result, out)
    assert f"{DOSSIER} (2000 erreurs)" in out.getvalue()  # the file's heading counts them too
    out = io.StringIO()
    junit(result, out)
    assert 'message="2000 erreurs : E1"' in out.getvalue()


def test_each_kind_of_error_has_its_own_cap(reseau: Path, dossier: Path, edit: Edit) -> None:
    before = dossier.read_text(encoding="utf-8")
    keys = "".join(f"cle{i}: 1\n" for i in range(60))
    dossier.write_text(before.replace("volontaire: true", "volontaire: oui") + keys, "utf-8")
    problems = validate(reseau, TODAY).problems
    messages = sorted(p.message for p in problems if not p.message.startswith("clé inconnue"))
    assert messages == [
        "true ou false attendu, trouvé texte « oui »",
        "… et 10 autres erreurs du même type",
    ]


def test_errors_below_the_cap_have_no_summary(reseau: Path, dossier: Path) -> None:
    before = dossier.read_text(encoding="utf-8")
    dossier.write_text(before + "".join(f"cle{i}: 1\n" for i in range(50)), "utf-8")
    problems = validate(reseau, TODAY).problems
    assert len(problems) == 50
    assert all(p.message.startswith("clé inconnue") for p in problems)


# --- nesting and long lists: the slow path stays fast and never crashes (items 2, 8) ------


def test_a_value_nested_too_deep_is_an_error_not_a_crash(reseau: Path, dossier: Path) -> None:
    text = dossier.read_text(encoding="utf-8")
    deep = "[" * 990 + "]" * 990
    dossier.write_text(text.replace("  nom: Martin\n", f"  nom: {deep}\n"), "utf-8")
    problems = validate(reseau, TODAY).problems
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [
        (
            "E1",
            7,
            56,
            "imbrication trop profonde : plus de 50 niveaux de listes ou de dictionnaires "
            "les uns dans les autres ; vérifier les crochets, les accolades et l'indentation",
        )
    ]


def test_a_long_list_of_equal_looking_items_is_checked_in_linear_time(
    reseau: Path, dossier: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jsonschema import _utils

    calls = [0]
    real = _utils.equal

    def counting(one: Any, two: Any) -> bool:
        calls[0] += 1
        return bool(real(one, two))

    monkeypatch.setattr(_utils, "equal", counting)
    items = ", ".join(f"{{a: {i}}}" for i in range(500))
    edit(dossier, "  participants: [referent, conseiller_ml]", f"  participants: [{items}]")
    problems = validate(reseau, TODAY).problems
    assert calls[0] < 5 * 500
    assert [p.message for p in problems][-1] == "… et 450 autres erreurs du même type"


# --- links and special files in records/ (item 7) -----------------------------------------

OFFRE = "records/offre/boulangerie-du-centre.yaml"


def codes_of(root: Path) -> list[tuple[str, str, str]]:
    return [(p.code, p.file, p.message) for p in validate(root, TODAY).problems]


def test_a_link_to_a_file_outside_the_repository_is_refused(reseau: Path, tmp_path: Path) -> None:
    secret = tmp_path / "ailleurs" / "secret.yaml"
    secret.parent.mkdir()
    (reseau / OFFRE).rename(secret)
    (reseau / OFFRE).symlink_to(secret)
    assert codes_of(reseau) == [
        (
            "E1",
            OFFRE,
            f"lien symbolique vers un fichier hors du dépôt ({secret}) : remplacer le lien "
            "par le fichier lui-même",
        )
    ]
    assert "boulangerie-du-centre" not in usable(reseau, TODAY).network.offres  # not published


def test_a_link_inside_the_repository_is_read(reseau: Path) -> None:
    target = reseau / "partage" / "boulangerie.yaml"
    target.parent.mkdir()
    (reseau / OFFRE).rename(target)
    (reseau / OFFRE).symlink_to(Path("../../partage/boulangerie.yaml"))
    assert codes_of(reseau) == []


def test_a_broken_link_and_a_link_to_a_folder_are_reported(reseau: Path, tmp_path: Path) -> None:
    (reseau / "records/offre/absente.yaml").symlink_to(tmp_path / "nulle-part.yaml")
    (reseau / "records/offre/dossier").symlink_to(tmp_path)
    assert codes_of(reseau) == [
        (
            "E1",
            "records/offre/absente.yaml",
            f"lien symbolique cassé : sa cible {tmp_path / 'nulle-part.yaml'} n'existe pas ; "
            "supprimer le lien",
        ),
        (
            "E1",
            "records/offre/dossier",
            f"lien symbolique vers un dossier ({tmp_path}) : il n'est pas suivi ; y mettre les "
            "fichiers eux-mêmes",
        ),
    ]


def test_a_fifo_is_reported_not_skipped_nor_read(reseau: Path) -> None:
    fifo = reseau / "records/jeunes/2026/0990001N/tube.yaml"
    os.mkfifo(fifo)
    assert codes_of(reseau) == [
        (
            "E1",
            "records/jeunes/2026/0990001N/tube.yaml",
            "tube nommé (FIFO), pas un fichier ordinaire : le supprimer",
        )
    ]


def test_a_fifo_does_not_block_the_dependants_of_a_change(reseau: Path) -> None:
    from pae.forge.changes import dependents

    os.mkfifo(reseau / "records/jeunes/2026/0990001N/tube.yaml")

    def blocked(*args: object) -> None:
        raise AssertionError("a FIFO was opened for reading")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(10)
    try:
        found = list(dependents(reseau, set(), {"c-durand"}))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert found == [DOSSIER, "records/jeunes/2026/0990001N/tube.yaml"]  # checked, reported


@pytest.mark.parametrize(
    ("mode", "name"),
    [
        (stat.S_IFIFO, "tube nommé (FIFO)"),
        (stat.S_IFCHR, "fichier de périphérique"),
        (stat.S_IFBLK, "fichier de périphérique"),
        (stat.S_IFSOCK, "socket"),
    ],
)
def test_special_files_are_named(mode: int, name: str) -> None:
    from pae.records.load import special_kind

    assert special_kind(mode | 0o644) == name
    assert special_kind(stat.S_IFREG | 0o644) is None


# --- copies of reference files (item 13) --------------------------------------------------

REFERENCES = [
    ("records/offre/boulangerie-du-centre.yaml", "id", "boulangerie-du-centre"),
    ("records/missions-locales/ml-test.yaml", "id", "ml-test"),
    ("records/etablissements/0990001N.yaml", "uai", "0990001N"),
]


@pytest.mark.parametrize("copy_name", ["aa-copie.yaml", "zz-copie.yaml"])
@pytest.mark.parametrize(("original", "field", "ident"), REFERENCES)
def test_a_copy_of_a_reference_file_is_reported_whatever_the_order(
    reseau: Path, original: str, field: str, ident: str, copy_name: str
) -> None:
    copy = str(Path(original).parent / copy_name)
    (reseau / copy).write_bytes((reseau / original).read_bytes())
    problems = validate(reseau, TODAY).problems
    assert [(p.code, p.file, p.field_path, p.message, p.hint) for p in problems] == [
        (
            "E3",
            copy,
            field,
            f"identifiant « {ident} » déjà utilisé par {original}",
            "supprimer ce fichier s'il en est une copie, ou lui donner son propre identifiant "
            "(et le nom de fichier qui va avec)",
        )
    ]
    lines = (reseau / copy).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"{field}:"))
    assert (problems[0].line, problems[0].column) == (line, len(field) + 3)


def test_two_files_of_the_same_identifier_neither_named_after_it(reseau: Path) -> None:
    offre = reseau / "records/offre/boulangerie-du-centre.yaml"
    (reseau / "records/offre/b.yaml").write_bytes(offre.read_bytes())
    offre.rename(reseau / "records/offre/a.yaml")
    problems = validate(reseau, TODAY).problems
    assert sorted((p.code, p.file, p.message) for p in problems) == [
        (
            "E3",
            "records/offre/a.yaml",
            "le nom du fichier ne correspond pas à l'identifiant « boulangerie-du-centre »",
        ),
        (
            "E3",
            "records/offre/b.yaml",
            "identifiant « boulangerie-du-centre » déjà utilisé par records/offre/a.yaml",
        ),
    ]
