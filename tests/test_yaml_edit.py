"""Round-trip editing of the records (records/yaml_edit.py): byte-identical reading and
writing, minimal diffs, safe quoting."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import enum
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pae.records import load as APP
from pae.records import yaml_edit
from pae.records import yaml_style as roundtrip
from pae.records.yaml_edit import Document
from pae.records.yaml_style import Value, read

RECORDS = Path(__file__).resolve().parents[1] / "records"
FILES = sorted(RECORDS.rglob("*.yaml"))
DOSSIERS = sorted((RECORDS / "jeunes").rglob("*.yaml"))
DAY = dt.date(2026, 12, 1)


def changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """The removed and the added lines of the unified diff from `old` to `new`."""
    diff = list(difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0))
    removed = [s[1:] for s in diff[2:] if s.startswith("-")]
    added = [s[1:] for s in diff[2:] if s.startswith("+")]
    return removed, added


def edited(path: Path, *edits: Any) -> tuple[str, str]:
    """The text of `path` before and after `edits` (callables on a Document)."""
    old = path.read_text("utf-8")
    doc = Document.parse(old)
    for edit in edits:
        edit(doc)
    return old, doc.dump()


def check_read(new: str, want: Any) -> None:
    """`new` reads as `want` for the application, and round-trips again."""
    assert read(new) == want
    assert APP.parse(new) == want
    assert Document.parse(new).dump() == new


# 1. Reading and writing back changes nothing.


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(RECORDS)))
def test_demo_file_round_trips_byte_for_byte(path: Path) -> None:
    text = path.read_text("utf-8")
    doc = Document.parse(text)
    assert doc.dump() == text
    assert doc._base == text  # ruamel alone already writes these files back as they are
    assert doc.get(()) == APP.parse(text)


def test_the_demo_files_are_enough_to_mean_something() -> None:
    assert len(FILES) > 60 and len(DOSSIERS) > 40


@pytest.mark.parametrize("path", FILES[:20], ids=lambda p: p.name)
def test_setting_a_value_to_itself_changes_nothing(path: Path) -> None:
    text = path.read_text("utf-8")
    doc = Document.parse(text)
    for key, value in APP.parse(text).items():
        if isinstance(value, str | int):
            doc.set((key,), value)
    assert doc.dump() == text


# Text that ruamel alone rewrites; an unrelated edit must still keep every original line.
REWRITTEN = {
    "spaces after colon": "a:   1\nb:    hello\n",
    "spaces in flow": "a: [ 1, 2 ]\nb: {x: 1,y: 2}\nc: [1,2]\n",
    "null spellings": "a: ~\nb: null\nc:\nd: Null\n",
    "boolean spellings": "a: True\nb: FALSE\n",
    "plus sign": "d: +5\n",
    "wrapped plain scalar": "a: hello\n  world\nb: 1\n",
    "wrapped flow list": "a: [x,\n  y]\nb: 1\n",
    "trailing spaces": "a: 1  \nb: 2\n",
    "explicit start": "---\na: 1\n",
    "crlf": "a: 1\r\nb: [x, y]\r\n",
    "single-pair mapping in flow list": "a: [x: 1]\n",
}
KEPT = {
    "blank lines": "a:\n  x: 1\n\nb:\n  y: 2\n",
    "comments": "# head\na:\n  x: 1   # eol\n  l: [1, 2]  # eol2\n# about b\nb: 2\n",
    "comment in list": "a:\n  # first\n  - x: 1\n    y: 2\n  # between\n  - x: 3\nb: 1\n",
    "single quotes": "a: 'x'\nb: 'it''s'\n'k': 1\n",
    "number spellings": "a: 0o17\nb: 0x1F\nc: 1_000\ne: 012\nf: 1.50\ng: 1e3\nh: 1:30\n",
    "dates": "a: 2026-9-1\nb: 2026-09-01\nc: 2026-09-01T10:00:00\n",
    "yes and on": "b: yes\nd: on\n",
    "block scalars": "a: |\n  line1\n\n  line3\nb: >-\n  folded\n  text\n",
    "long line": "a: " + "mot " * 300 + "fin\n",
    "empty collections": "a: []\nb: {}\n",
    "one-key mapping in flow list": "a: [{x: 1}, {y: 2, z: 3}]\n",
    # Kept because Document guesses the indentation from the text.
    "sequence at key column": "a:\n- 1\n- x: 1\n  y: 2\nb:\n  c:\n  - p\n",
    "mapping indent 4": "a:\n    b: 1\n    c:\n        - 1\n",
}


@pytest.mark.parametrize(
    "text", [*REWRITTEN.values(), *KEPT.values(), "\ufeffa: 1\n"], ids=[*REWRITTEN, *KEPT, "bom"]
)
def test_tricky_text_round_trips_and_survives_an_unrelated_edit(text: str) -> None:
    doc = Document.parse(text)
    assert doc.dump() == text
    doc.set(("zz",), 1)
    newline = "\r\n" if "\r\n" in text else "\n"
    assert doc.dump() == text + "zz: 1" + newline


@pytest.mark.parametrize("text", REWRITTEN.values(), ids=REWRITTEN)
def test_ruamel_alone_rewrites_these(text: str) -> None:
    # Documents the quirks in NOTES.md: if a ruamel upgrade stops rewriting one, this fails.
    assert Document.parse(text)._base != text.removeprefix("\ufeff")


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT)
def test_ruamel_alone_keeps_these(text: str) -> None:
    assert Document.parse(text)._base == text


def test_blank_lines_at_the_end_stay_at_the_end() -> None:
    doc = Document.parse("a: 1\n\n\n")
    doc.set(("b",), 2)
    assert doc.dump() == "a: 1\nb: 2\n\n\n"


def test_no_final_newline_stays_so() -> None:
    doc = Document.parse("a: 1\nb: 2")
    assert doc.dump() == "a: 1\nb: 2"
    doc.set(("c",), 3)
    assert doc.dump() == "a: 1\nb: 2\nc: 3"


def test_bom_and_crlf_are_kept_on_edited_lines() -> None:
    doc = Document.parse("\ufeffa: 1\r\nb:\r\n  c: 2\r\n")
    doc.set(("b", "d"), "x")
    doc.set(("a",), 5)
    assert doc.dump() == "\ufeffa: 5\r\nb:\r\n  c: 2\r\n  d: x\r\n"


def test_document_end_marker_stays_last() -> None:
    doc = Document.parse("a: 1\n...\n")
    doc.set(("b",), 2)
    assert doc.dump() == "a: 1\nb: 2\n...\n"


def test_edit_next_to_a_rewritten_line_stays_local() -> None:
    doc = Document.parse("a:   1\nl: [ x, y ]\nn: ~\n")
    doc.append(("l",), "z")
    assert doc.dump() == "a:   1\nl: [x, y, z]\nn: ~\n"


def test_appending_after_a_wrapped_scalar_rewrites_it_on_one_line() -> None:
    doc = Document.parse("a:\n  - t: hello\n      world\nb: 1\n")
    doc.append(("a",), {"t": "x"})
    assert doc.dump() == "a:\n  - t: hello world\n  - t: x\nb: 1\n"


def test_list_at_key_column_gets_items_at_key_column() -> None:
    doc = Document.parse("a:\n- x: 1\n  z: 2\nb: 1\n")
    doc.append(("a",), {"x": 3, "z": 4})
    assert doc.dump() == "a:\n- x: 1\n  z: 2\n- x: 3\n  z: 4\nb: 1\n"


def test_list_written_otherwise_than_the_guess_is_rewritten_whole() -> None:
    # The guess follows the first list (at key column); the second list moves to it.
    doc = Document.parse("a:\n- 1\nb:\n  - x: 1\nc: 1\n")
    doc.append(("b",), {"x": 2})
    assert doc.dump() == "a:\n- 1\nb:\n- x: 1\n- x: 2\nc: 1\n"


def test_ruamel_output_is_the_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_edit, "merge_lines", lambda *args: "broken: [\n")
    doc = Document.parse("a:   1\r\nb: 2\r\n")
    doc.set(("c",), 3)
    assert doc.dump() == "a: 1\r\nb: 2\r\nc: 3\r\n"


def test_tab_before_comment_is_refused_by_ruamel() -> None:
    # PyYAML reads it; ruamel 0.19.1 does not (NOTES.md).
    assert APP.parse("a: 1\t# c\n") == {"a": 1}
    with pytest.raises(Exception, match="cannot start any token"):
        Document.parse("a: 1\t# c\n")


# Comments stay with what follows them, though ruamel hangs them on what precedes.


def test_new_key_goes_above_a_footer_comment() -> None:
    doc = Document.parse("a:\n  z: 2\n# footer\n")
    doc.set(("a", "w"), 5)
    assert doc.dump() == "a:\n  z: 2\n  w: 5\n# footer\n"


def test_new_key_goes_above_the_blank_line_before_the_next_section() -> None:
    doc = Document.parse("a:\n  x: 1\n\nb:\n  y: 2\n")
    doc.set(("a", "z"), 3)
    assert doc.dump() == "a:\n  x: 1\n  z: 3\n\nb:\n  y: 2\n"


def test_new_item_goes_above_the_comment_heading_the_next_key() -> None:
    text = "a:\n  l:\n    - x: 1\n      y: 2\n  # about m\n  m: 1\n"
    doc = Document.parse(text)
    doc.append(("a", "l"), {"x": 3})
    assert doc.dump() == "a:\n  l:\n    - x: 1\n      y: 2\n    - x: 3\n  # about m\n  m: 1\n"


def test_new_item_goes_below_a_comment_inside_the_last_item() -> None:
    doc = Document.parse("p:\n  - d: 1\n    # TODO\nq: 1\n")
    doc.append(("p",), {"d": 2})
    assert doc.dump() == "p:\n  - d: 1\n    # TODO\n  - d: 2\nq: 1\n"


def test_removing_a_section_keeps_the_comment_heading_the_next() -> None:
    doc = Document.parse("a: 1\nb:\n  x: 1\n# about c\nc: 3\n")
    doc.remove(("b",))
    assert doc.dump() == "a: 1\n# about c\nc: 3\n"


def test_end_of_line_comment_stays_on_a_changed_line() -> None:
    doc = Document.parse("a: 1  # note\nb: 2\n")
    doc.set(("a",), 7)
    assert doc.dump() == "a: 7  # note\nb: 2\n"


# 2. Edits of the demo dossiers change only the expected lines.


def dossiers_with(*path: str) -> list[Path]:
    """The demo dossiers that have a value at `path`."""
    return [p for p in DOSSIERS if _at(APP.parse(p.read_text("utf-8")), path) is not None]


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        data = data.get(step) if isinstance(data, dict) else None
    return data


def ids(p: Path) -> str:
    return p.stem


POINT: dict[str, Value] = {
    "date": DAY,
    "avec": ["jeune", "conseiller_ml"],
    "resume": "Point : rendez-vous à 14:00.",
}
POINT_LINES = [
    "    - date: 2026-12-01\n",
    "      avec: [jeune, conseiller_ml]\n",
    '      resume: "Point : rendez-vous à 14:00."\n',
]


@pytest.mark.parametrize("path", dossiers_with("suivi", "points"), ids=ids)
def test_append_a_check_in(path: Path) -> None:
    old, new = edited(path, lambda d: d.append(("suivi", "points"), POINT))
    assert changes(old, new) == ([], POINT_LINES)
    want = APP.parse(old)
    want["suivi"]["points"].append(roundtrip.plain(POINT))
    check_read(new, want)


ATTENDANCE: dict[str, Value] = {"date": DAY, "action": "a1", "statut": "absent_justifie"}


@pytest.mark.parametrize("path", dossiers_with("suivi", "assiduite"), ids=ids)
def test_append_an_attendance_line_in_flow_style(path: Path) -> None:
    old, new = edited(path, lambda d: d.append(("suivi", "assiduite"), ATTENDANCE))
    line = "    - {date: 2026-12-01, action: a1, statut: absent_justifie}\n"
    assert changes(old, new) == ([], [line])
    want = APP.parse(old)
    want["suivi"]["assiduite"].append(roundtrip.plain(ATTENDANCE))
    check_read(new, want)


ACTION: dict[str, Value] = {
    "id": "a9",
    "type": "stage_immersion",
    "intitule": "Stage : découverte, 2 semaines",
    "structure": "comptoir-du-sport",
    "lieu": "entreprise",
    "debut": DAY,
    "fin": dt.date(2026, 12, 11),
    "creneaux": [
        {"jour": "lundi", "debut": "09:00", "fin": "12:00"},
        {"jour": "mardi", "debut": "14:00", "fin": "17:30"},
    ],
}
ACTION_LINES = [
    "    - id: a9\n",
    "      type: stage_immersion\n",
    '      intitule: "Stage : découverte, 2 semaines"\n',
    "      structure: comptoir-du-sport\n",
    "      lieu: entreprise\n",
    "      debut: 2026-12-01\n",
    "      fin: 2026-12-11\n",
    "      creneaux:\n",
    '        - {jour: lundi, debut: "09:00", fin: "12:00"}\n',
    '        - {jour: mardi, debut: "14:00", fin: "17:30"}\n',
]


@pytest.mark.parametrize("path", dossiers_with("parcours", "actions"), ids=ids)
def test_append_an_action_with_flow_time_slots(path: Path) -> None:
    old, new = edited(path, lambda d: d.append(("parcours", "actions"), ACTION))
    assert changes(old, new) == ([], ACTION_LINES)
    want = APP.parse(old)
    want["parcours"]["actions"].append(roundtrip.plain(ACTION))
    check_read(new, want)


@pytest.mark.parametrize("path", DOSSIERS, ids=ids)
def test_set_bilan_transmission_date(path: Path) -> None:
    old, new = edited(path, lambda d: d.set(("bilan", "transmis_chef_etablissement"), DAY))
    data = APP.parse(old)
    line = "  transmis_chef_etablissement: 2026-12-01\n"
    if "bilan" not in data:
        expected: tuple[list[str], list[str]] = ([], ["bilan:\n", line])
    elif "transmis_chef_etablissement" in data["bilan"]:
        was = data["bilan"]["transmis_chef_etablissement"]
        expected = ([f"  transmis_chef_etablissement: {was}\n"], [line])
    else:
        expected = ([], [line])
    assert changes(old, new) == expected
    data.setdefault("bilan", {})["transmis_chef_etablissement"] = "2026-12-01"
    check_read(new, data)
    assert list(read(new)) == list(read(old)) + ([] if "bilan" in read(old) else ["bilan"])


EXIT: dict[str, Value] = {
    "date": DAY,
    "motif": "emploi",
    "commentaire": "CDD signé : début le 2 décembre.",
}


@pytest.mark.parametrize(
    "path", [p for p in DOSSIERS if p not in dossiers_with("sortie_anticipee")], ids=ids
)
def test_create_a_missing_section_at_the_end(path: Path) -> None:
    old, new = edited(path, lambda d: d.set(("sortie_anticipee",), EXIT))
    lines = [
        "sortie_anticipee:\n",
        "  date: 2026-12-01\n",
        "  motif: emploi\n",
        '  commentaire: "CDD signé : début le 2 décembre."\n',
    ]
    assert changes(old, new) == ([], lines)
    assert new == old + "".join(lines)
    check_read(new, {**APP.parse(old), "sortie_anticipee": roundtrip.plain(EXIT)})


SCHEMA_ORDER = list(
    json.loads(Path("/work/main/schema/jeune.schema.json").read_text("utf-8"))["properties"]
)


@pytest.mark.parametrize(
    "path", [p for p in DOSSIERS if p not in dossiers_with("sortie_anticipee")], ids=ids
)
def test_create_a_missing_section_in_schema_order(path: Path) -> None:
    old, new = edited(path, lambda d: d.set(("sortie_anticipee",), EXIT, order=SCHEMA_ORDER))
    lines = "sortie_anticipee:\n  date: 2026-12-01\n  motif: emploi\n"
    lines += '  commentaire: "CDD signé : début le 2 décembre."\n'
    assert new == (
        old.replace("\nbilan:", "\n" + lines + "bilan:") if "\nbilan:" in old else old + lines
    )
    assert list(read(new)) == [k for k in SCHEMA_ORDER if k in read(new)]


def test_missing_step_goes_before_the_next_one() -> None:
    frozen = Path(__file__).parent / "data/edition/0990001N-2026-001.yaml"
    text = frozen.read_text("utf-8")
    start = text.index("\ninscription:\n")
    end = text.index("\nentretien_approfondi:", start)
    old = text[:start] + text[end:]  # the dossier before its enrolment was written
    doc = Document.parse(old)
    inscription: dict[str, Value] = {
        "date": dt.date(2026, 9, 4),
        "mef": "pae_n4",
        "referent": "c-girardot",
    }
    doc.set(("inscription",), inscription, order=SCHEMA_ORDER)
    lines = "inscription:\n  date: 2026-09-04\n  mef: pae_n4\n  referent: c-girardot\n"
    assert doc.dump() == old.replace(
        "\nentretien_approfondi:", "\n" + lines + "entretien_approfondi:"
    )


def test_ordered_key_keeps_comments_with_the_next_key() -> None:
    doc = Document.parse("a: 1\nb:\n  x: 1  # eol\n\n# about d\nd: 4  # eol d\n")
    doc.set(("c",), {"k": 2}, order="abcd")
    doc.set(("e",), 5, order="abcd")
    assert doc.dump() == "a: 1\nb:\n  x: 1  # eol\nc:\n  k: 2\n\n# about d\nd: 4  # eol d\ne: 5\n"


@pytest.mark.parametrize("path", DOSSIERS, ids=ids)
def test_change_one_scalar(path: Path) -> None:
    old, new = edited(path, lambda d: d.set(("identite", "telephone"), "0642875449"))
    data = APP.parse(old)
    added = ['  telephone: "0642875449"\n']
    was = data["identite"].get("telephone")
    removed = [f'  telephone: "{was}"\n'] if was else []
    if not was:  # a new key goes after the last key of `identite`
        last = list(data["identite"])[-1]
        assert f"  {last}: " in new.split('  telephone: "0642875449"\n')[0].splitlines()[-1]
    assert changes(old, new) == (removed, added)
    data["identite"]["telephone"] = "0642875449"
    check_read(new, data)


def test_golden_diff_of_all_edits_at_once() -> None:
    # A frozen copy of a demo dossier: the golden diff must not move with the demo.
    path = Path(__file__).parent / "data/edition/0990001N-2026-001.yaml"
    old, new = edited(
        path,
        lambda d: d.set(("identite", "telephone"), "06 12 34 56 78"),
        lambda d: d.append(("parcours", "actions"), ACTION),
        lambda d: d.append(("suivi", "points"), POINT),
        lambda d: d.append(("suivi", "assiduite"), ATTENDANCE),
        lambda d: d.set(("bilan", "transmis_chef_etablissement"), DAY),
        lambda d: d.set(("sortie_anticipee",), EXIT),
        lambda d: d.set(("suivi", "assiduite", 5, "statut"), "present"),
    )
    diff = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0))
    assert diff == GOLDEN


GOLDEN = """\
--- \n+++ \n@@ -12 +12 @@
-  telephone: "06 39 98 10 15"
+  telephone: "06 12 34 56 78"
@@ -82,0 +83,10 @@
+    - id: a9
+      type: stage_immersion
+      intitule: "Stage : découverte, 2 semaines"
+      structure: comptoir-du-sport
+      lieu: entreprise
+      debut: 2026-12-01
+      fin: 2026-12-11
+      creneaux:
+        - {jour: lundi, debut: "09:00", fin: "12:00"}
+        - {jour: mardi, debut: "14:00", fin: "17:30"}
@@ -102,0 +113,3 @@
+    - date: 2026-12-01
+      avec: [jeune, conseiller_ml]
+      resume: "Point : rendez-vous à 14:00."
@@ -109 +122 @@
-    - {date: 2026-10-01, action: a1, statut: retard}
+    - {date: 2026-10-01, action: a1, statut: present}
@@ -125,0 +139 @@
+    - {date: 2026-12-01, action: a1, statut: absent_justifie}
@@ -128,0 +143,5 @@
+  transmis_chef_etablissement: 2026-12-01
+sortie_anticipee:
+  date: 2026-12-01
+  motif: emploi
+  commentaire: "CDD signé : début le 2 décembre."
"""


def test_edits_chain_through_successive_files() -> None:
    path = RECORDS / "jeunes/2026/0990002P/0990002P-2026-001.yaml"
    text = path.read_text("utf-8")
    for day in range(1, 6):
        doc = Document.parse(text)
        doc.append(
            ("suivi", "assiduite"),
            {"date": dt.date(2026, 12, day), "action": "a1", "statut": "present"},
        )
        new = doc.dump()
        assert changes(text, new)[0] == []
        text = new
    assert read(text)["suivi"]["assiduite"][-1] == {
        "date": "2026-12-05",
        "action": "a1",
        "statut": "present",
    }


# Lists and sections that do not exist yet take the style of the records.


def test_reused_date_object_is_not_written_as_an_alias() -> None:
    doc = Document.parse("a: 1\n")
    doc.set(("b",), DAY)
    doc.append(("l",), {"date": DAY})
    assert doc.dump() == "a: 1\nb: 2026-12-01\nl:\n  - date: 2026-12-01\n"


def test_first_attendance_line_creates_the_list_in_flow_style() -> None:
    doc = Document.parse("id: x\nsuivi:\n  points: []\n")
    doc.append(("suivi", "assiduite"), ATTENDANCE)
    doc.append(("suivi", "points"), POINT)
    assert doc.dump() == (
        "id: x\nsuivi:\n  points:\n"
        + "".join(POINT_LINES)
        + "  assiduite:\n    - {date: 2026-12-01, action: a1, statut: absent_justifie}\n"
    )


def test_first_action_with_time_slots_creates_flow_slots() -> None:
    doc = Document.parse("id: x\n")
    doc.append(("parcours", "actions"), ACTION)
    assert doc.dump() == "id: x\nparcours:\n  actions:\n" + "".join(ACTION_LINES)


def test_flow_argument_overrides_the_guess() -> None:
    doc = Document.parse("l:\n  - {a: 1}\n")
    doc.append(("l",), {"a": 2}, flow=False)
    doc.set(("m",), {"a": 1, "b": [1, 2]}, flow=True)
    doc.set(("w",), ["x", "z"], flow=False)
    doc.append(("o",), {"a": 1}, flow=True)
    assert doc.dump() == (
        "l:\n  - {a: 1}\n  - a: 2\nm: {a: 1, b: [1, 2]}\nw:\n  - x\n  - z\no:\n  - {a: 1}\n"
    )


def test_new_item_copies_the_style_of_the_last_item() -> None:
    doc = Document.parse("l:\n  - a: 1\n    b: [x]\n    c: {d: 1}\n")
    doc.append(("l",), {"a": 2, "b": [{"z": 1}], "c": {"d": 2}})
    assert doc.dump() == (
        "l:\n  - a: 1\n    b: [x]\n    c: {d: 1}\n  - a: 2\n    b: [{z: 1}]\n    c: {d: 2}\n"
    )


def test_changed_quoted_value_stays_quoted() -> None:
    doc = Document.parse("a: \"texte\"\nb: 'x'\nc: plain\n")
    doc.set(("a",), "autre")
    doc.set(("b",), "autre")
    doc.set(("c",), "autre")
    assert doc.dump() == 'a: "autre"\nb: "autre"\nc: autre\n'


def test_get_and_remove() -> None:
    doc = Document.parse("a:\n  l: [1, 2, 3]\n  d: 2026-01-02\nb: 1\n")
    assert doc.get(("a", "d")) == "2026-01-02"
    assert doc.get(("a", "l", 1)) == 2
    assert doc.get(("a", "missing")) is None
    assert doc.get(("b", "x"), "none") == "none"
    doc.remove(("a", "l", 0))
    doc.remove(("b",))
    assert doc.get(()) == {"a": {"l": [2, 3], "d": "2026-01-02"}}
    assert doc.dump() == "a:\n  l: [2, 3]\n  d: 2026-01-02\n"
    with pytest.raises(KeyError):
        doc.remove(("b",))


def test_get_does_not_index_into_text_and_remove_does_not_create() -> None:
    doc = Document.parse("id: abc\n")
    assert doc.get(("id", 0)) is None
    with pytest.raises(KeyError):
        doc.remove(("x", "y"))
    with pytest.raises(KeyError):
        doc.remove(())
    assert doc.dump() == "id: abc\n"


def test_enum_values_are_written_as_their_value() -> None:
    class Statut(enum.StrEnum):
        PRESENT = "present"

    class Old(str, enum.Enum):  # noqa: UP042 - the older spelling, whose str() differs
        NO = "no"

    class Number(enum.IntEnum):
        ONE = 1

    doc = Document.parse("a: 1\n")
    doc.set(("s",), Statut.PRESENT)
    doc.set(("o",), Old.NO)
    doc.set(("i",), Number.ONE)
    assert doc.dump() == 'a: 1\ns: present\no: "no"\ni: 1\n'


def test_line_breaks_other_than_newline_do_not_split_lines() -> None:
    text = 'a: "x\u2028y"\nb: "p\x85q"\n'
    doc = Document.parse(text)
    doc.set(("c",), "r\u2029s")
    assert doc.dump() == text + 'c: "r\\Ps"\n'
    # YAML 1.1 folds a raw NEL in quotes to a space: the file's own meaning, kept as it was.
    assert read(doc.dump()) == {"a": "x\u2028y", "b": "p q", "c": "r\u2029s"}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (None, TypeError),
        (dt.datetime(2026, 1, 1, 10), TypeError),
        (float("nan"), TypeError),
        (1e20, ValueError),  # ruamel writes 1e+20, which YAML 1.1 reads as text
        (object(), TypeError),
    ],
)
def test_values_that_cannot_be_written_are_refused(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        Document.parse("a: 1\n").set(("b",), value)


def test_path_through_a_scalar_is_refused() -> None:
    doc = Document.parse("a: 1\nl: [1]\n")
    with pytest.raises(TypeError):
        doc.set(("a", "b"), 1)
    with pytest.raises(TypeError):
        doc.set(("l", "x"), 1)
    with pytest.raises(TypeError):
        doc.append(("a",), 1)
    with pytest.raises(ValueError):
        doc.set((), 1)


def test_a_document_must_be_a_mapping() -> None:
    for text in ("", "# only a comment\n", "- 1\n", "just text\n"):
        with pytest.raises(ValueError):
            Document.parse(text)


# 3. Values are read back exactly as written, by PyYAML and by the application.

RISKY = [
    "14:00",
    "09:00",
    "1:30",
    "190:20:30",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "Yes",
    "NO",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
    "~",
    "",
    " ",
    "  x",
    "x  ",
    "0642875449",
    "06 12 34 56 78",
    "+33 6 12 34 56 78",
    "06.12.34.56.78",
    "2026-11-16",
    "2026-9-1",
    "2026-11-16 10:00",
    "1e3",
    "1_000",
    "0x1F",
    "0o17",
    "017",
    "0b101",
    ".inf",
    "-.inf",
    ".nan",
    "12.5",
    "1.",
    ".5",
    "-0",
    "+1",
    "2/3",
    "07-01",
    "-",
    "- x",
    "--",
    "---",
    "...",
    "#x",
    "a #b",
    "a# b",
    "a: b",
    "a:b",
    "a:",
    ":a",
    "@x",
    "`x",
    "%x",
    "!x",
    "!!str",
    "&x",
    "*x",
    "?",
    "? x",
    "[x]",
    "{x}",
    "x, y",
    "x]",
    "|",
    ">",
    "'x",
    '"x',
    "x'",
    'x"',
    "x\n",
    "x\ny",
    "\n",
    "\ty",
    "tab\tin",
    "é",
    "<<",
    "=",
    "<script>alert(1)</script>",
    "[lien](https://x.org)",
    "\u2028",
    "\x85",
    "\ufeffx",
    "x\x00y",
    "\x7f",
    "😀",
    "a\\b",
    "\\",
    "0990001N",
    "L'association",
    "Premier point : emploi",
    "Mme Bourquin (proviseure)",
]


def write_and_read(value: str) -> tuple[str, Document]:
    """A small record with `value` as a block value, a flow item, a list word and a key."""
    doc = Document.parse("a: 1\nl:\n  - {x: 1}\n")
    doc.set(("s",), value)
    doc.append(("l",), {"x": value})
    doc.set(("w",), [value, value])
    doc.set(("k", value), value)
    return doc.dump(), doc


@pytest.mark.parametrize("value", RISKY)
def test_risky_string_reads_back_as_written(value: str) -> None:
    text, _ = write_and_read(value)
    want = {
        "a": 1,
        "l": [{"x": 1}, {"x": value}],
        "s": value,
        "w": [value, value],
        "k": {value: value},
    }
    assert read(text) == want
    assert yaml.load(text, Loader=yaml.CSafeLoader) == want  # plain PyYAML: strings stay str
    assert APP.parse(text) == want
    assert Document.parse(text).get(()) == want


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("14:00", 's: "14:00"'),
        ("06 12 34 56 78", 's: "06 12 34 56 78"'),
        ("0642875449", 's: "0642875449"'),
        ("2/3", 's: "2/3"'),
        ("yes", 's: "yes"'),
        ("2026-11-16", 's: "2026-11-16"'),
        ("Premier point : emploi", 's: "Premier point : emploi"'),
        ("L'association", "s: L'association"),
        ("x, y", "s: x, y"),
        ("Métiers du commerce", "s: Métiers du commerce"),
        ("0990001N", "s: 0990001N"),
        ("'x", 's: "\'x"'),
    ],
)
def test_quoting_follows_the_records(value: str, written: str) -> None:
    doc = Document.parse("a: 1\n")
    doc.set(("s",), value)
    assert doc.dump() == f"a: 1\n{written}\n"


def test_flow_item_with_comma_is_quoted() -> None:
    doc = Document.parse("l:\n  - {x: 1}\n")
    doc.append(("l",), {"x": "a, b"})
    assert doc.dump() == 'l:\n  - {x: 1}\n  - {x: "a, b"}\n'


def test_other_scalars() -> None:
    doc = Document.parse("a: 1\n")
    values: dict[str, Value] = {"d": DAY, "t": True, "f": False, "i": 0, "m": -3, "x": 12.5}
    for key, value in values.items():
        doc.set((key,), value)
    doc.set(("y",), "n")  # YAML 1.1 booleans that PyYAML reads as text are quoted all the same
    assert doc.dump() == (
        'a: 1\nd: 2026-12-01\nt: true\nf: false\ni: 0\nm: -3\nx: 12.5\n"y": "n"\n'
    )
    assert APP.parse(doc.dump())["d"] == "2026-12-01"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_reads_back_as_written(value: str) -> None:
    text, _ = write_and_read(value)
    want = {
        "a": 1,
        "l": [{"x": 1}, {"x": value}],
        "s": value,
        "w": [value, value],
        "k": {value: value},
    }
    assert read(text) == want
    assert APP.parse(text) == want


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8))
def test_any_string_changes_only_its_own_line(value: str) -> None:
    old = (RECORDS / "jeunes/2026/0990001N/0990001N-2026-001.yaml").read_text("utf-8")
    doc = Document.parse(old)
    doc.set(("suivi", "points", 1, "resume"), value)
    new = doc.dump()
    removed, added = changes(old, new)
    was = "Assidu au bilan de compétences ; hésite entre vente et logistique."
    assert removed == [f"      resume: {was}\n"]
    assert len(added) == 1 and added[0].startswith("      resume: ")
    want = copy.deepcopy(APP.parse(old))
    want["suivi"]["points"][1]["resume"] = value
    assert APP.parse(new) == want
