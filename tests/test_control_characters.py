"""Control characters (ESC, BEL, CR, C1…) never reach a terminal: the schemas refuse them
in every text field, and every text output shows them escaped (issue 11, item 4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from conftest import Edit, Run
from dossier_builder import Jeune, en_parcours, write_network
from pae.records import schemas
from pae.records.schemas import SCHEMA_DIR
from pae.terminal import visible

TITLE = "\x1b]0;pirate\x07"
"""Retitles the terminal (OSC 0 … BEL)."""
CLEAR = "\x1b[2J\x1b[H"
"""Clears the screen."""
TITLE_YAML, CLEAR_YAML = "\\e]0;pirate\\a", "\\e[2J\\x1b[H"
"""The same, as YAML escapes between double quotes: how they pass the YAML reader."""
TODAY = ("--date", "2026-10-15")


def strings(schema: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema that accepts free or patterned text (not an enumeration)."""
    if isinstance(schema, dict):
        types = schema.get("type")
        if (types == "string" or (isinstance(types, list) and "string" in types)) and not (
            "enum" in schema or "const" in schema
        ):
            yield where, schema
        for key, sub in schema.items():
            if isinstance(sub, dict):
                yield from strings(sub, f"{where}/{key}")
            elif isinstance(sub, list):
                for i, item in enumerate(sub):
                    yield from strings(item, f"{where}/{key}/{i}")


SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))
FIELDS = [
    (f"{path.name}{where}", sub)
    for path in SCHEMAS
    for where, sub in strings(json.loads(path.read_text(encoding="utf-8")))
]
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def both_refuse(sub: dict[str, Any], value: str) -> tuple[bool, bool]:
    checked = {k: v for k, v in sub.items() if k in ("type", "pattern", "format")}
    fast = jsonschema_rs.validator_for(
        checked, validate_formats=True, formats=schemas.FORMATS
    ).is_valid(value)
    slow = list(schemas._Slow(checked, format_checker=schemas._format_checker()).iter_errors(value))
    return not fast, bool(slow)


@pytest.mark.parametrize(("where", "sub"), FIELDS, ids=[w for w, _ in FIELDS])
def test_every_text_field_refuses_control_characters(where: str, sub: dict[str, Any]) -> None:
    assert "pattern" in sub or "format" in sub, f"{where}: no pattern nor format"
    for char in CONTROLS:
        for value in (
            f"a{char}b",
            char,
            f"0990001N{char}",
            f"lea{char}@exemple.fr",
            f"https://forge.example/{char}",
            f"2026-09-10{char}",
            f"09:00{char}",
        ):
            assert both_refuse(sub, value) == (True, True), (where, repr(value))


def test_free_text_keeps_tabs_line_breaks_and_accents() -> None:
    schema = json.loads((SCHEMA_DIR / "jeune.schema.json").read_text(encoding="utf-8"))
    resume = schema["properties"]["suivi"]["properties"]["points"]["items"]["properties"]
    for value in ("Élise\tDupré", "ligne 1\nligne 2", "Ça va, « très » bien ! ✓"):
        assert both_refuse(resume["resume"], value) == (False, False)


def test_an_escape_sequence_in_a_name_is_refused_in_french(
    run: Run, reseau: Path, dossier: Path, edit: Edit
) -> None:
    edit(dossier, "  nom: Martin\n", f'  nom: "Mar{TITLE_YAML}tin"\n')
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert (
        ":7:8: E1 « Mar\\x1b]0;pirate\\x07tin » contient un caractère de contrôle (U+001B) "
        "invisible\n"
        "      → le supprimer : il vient souvent d'un copier-coller depuis un autre logiciel\n"
    ) in result.output


def test_an_unknown_key_holding_an_escape_is_shown_escaped(
    run: Run, reseau: Path, dossier: Path
) -> None:
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text + f'"cle{CLEAR_YAML}": 1\n', "utf-8")
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert "clé inconnue « cle\\x1b[2J\\x1b[H »" in result.output
    assert "\x1b" not in result.output


def test_a_duplicate_key_holding_an_escape_is_shown_escaped(
    run: Run, reseau: Path, dossier: Path
) -> None:
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text + f'"a{CLEAR_YAML}": 1\n"a{CLEAR_YAML}": 2\n', "utf-8")
    result = run("--depot", reseau, "valider", *TODAY)
    assert result.exit_code == 1
    assert "clé « a\\x1b[2J\\x1b[H » en double" in result.output
    assert "\x1b" not in result.output


# --- defence in depth: text outputs escape what would slip through ----------------------


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A network whose dossier names hold escape sequences, the schema check switched off
    (as if a future field forgot its pattern)."""
    monkeypatch.setattr(schemas.SchemaCheck, "is_valid", lambda self, instance: True)
    return write_network(
        tmp_path / "depot",
        en_parcours(1),
        Jeune(2, nom=f"Bernard{TITLE}", prenom=f"Yanis{CLEAR}").contact("2026-07-09"),
    )


@pytest.mark.parametrize(
    "args",
    [
        ("statut",),
        ("statut", "0990001N-2026-002"),
        ("echeances", "--jours", "366"),
        ("valider", "--alertes"),
    ],
)
def test_text_outputs_never_write_control_characters(
    run: Run, hostile: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # a wide terminal: no cell cut
    result = run("--depot", hostile, *args, *TODAY)
    assert "Bernard" in result.output or args[0] == "valider"
    controls = [c for c in result.output if c in CONTROLS and c != "\n"]
    assert controls == []
    if args[0] != "valider":
        assert "Bernard\\x1b]0;pirate\\x07" in result.output


def test_visible() -> None:
    assert visible("a\x1b[2Jb\x07\x9b\x7f") == "a\\x1b[2Jb\\x07\\x9b\\x7f"
    assert visible("ligne 1\nligne 2\tfin\r") == "ligne 1\\nligne 2\\tfin\\r"
    assert visible("ligne 1\nligne 2", keep="\n") == "ligne 1\nligne 2"
    assert visible("Élise « ✓ »") == "Élise « ✓ »"


def test_the_coloured_table_takes_names_as_text_not_as_markup(
    hostile: Path, tmp_path: Path
) -> None:
    import io
    from dataclasses import replace
    from datetime import date

    from pae.reports.status import StatusView, text
    from pae.repository import statuses

    loaded = statuses(hostile, date(2026, 10, 15))
    first = loaded.statuses[-1]
    st = replace(first, dossier=replace(first.dossier, nom="[link=https://pirate.example]B[/link]"))
    out = io.StringIO()
    text(StatusView(loaded.context, [st], color=True), out)
    assert "\x1b]8;" not in out.getvalue()  # no terminal hyperlink (OSC 8)
    assert "[link=" in out.getvalue()  # shown as written
