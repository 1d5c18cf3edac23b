"""Safe YAML reading: every bad input gives a French message at the right place."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pae.records import load, positions
from pae.records.load import LoadError


def error_of(text: str) -> tuple[int, int, str]:
    with pytest.raises(LoadError) as caught:
        load.parse(text)
    return caught.value.line, caught.value.column, caught.value.message


DOUBLE_A = (
    "clé « a » en double : la seconde valeur effacerait la première ; "
    "garder une seule fois cette clé"
)
ALIAS = (
    "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : "
    "recopier la valeur à chaque endroit"
)
TAG = "étiquette YAML (« ! ») non acceptée : l'enlever"
TAB = "tabulation utilisée pour l'indentation : YAML n'accepte que des espaces"
MERGE = "la clé de fusion « << » n'est pas acceptée : écrire les clés en entier"
EMPTY = "fichier vide : un dictionnaire de clés était attendu"


# --- refused inputs -----------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_one() -> None:
    assert error_of("a: 1\nb: 2\na: 3\n") == (3, 1, DOUBLE_A)


def test_duplicate_key_nested() -> None:
    message = (
        "clé « date » en double : la seconde valeur effacerait la première ; "
        "garder une seule fois cette clé"
    )
    text = "inscription:\n  date: 2026-09-12\n  mef: pae_n3\n  date: 2026-09-13\n"
    assert error_of(text) == (4, 3, message)


def test_keys_differing_only_by_type_are_still_duplicates() -> None:
    # `1:` and `"1":` would be two keys for a YAML library; keys stay text here.
    assert error_of('1: a\n"1": b\n')[2].startswith("clé « 1 » en double")


def test_anchor_and_alias() -> None:
    assert error_of("a: &x 1\nb: *x\n") == (1, 4, ALIAS)


def test_undefined_alias() -> None:
    assert error_of("a: *x\n") == (1, 4, "les alias YAML (« * ») ne sont pas acceptés")


def test_recursive_alias() -> None:
    assert error_of("a: &x [1, *x]\n") == (1, 4, ALIAS)


def test_billion_laughs_fails_fast_without_expanding() -> None:
    lines = ['l0: &l0 ["rire", "rire", "rire", "rire", "rire", "rire", "rire", "rire", "rire"]']
    for n in range(1, 12):  # 9**12 strings if expanded: far beyond any memory
        refs = ", ".join([f"*l{n - 1}"] * 9)
        lines.append(f"l{n}: &l{n} [{refs}]")
    start = time.perf_counter()
    assert error_of("\n".join(lines) + "\n") == (1, 5, ALIAS)
    assert time.perf_counter() - start < 1


def test_merge_key() -> None:
    assert error_of("base: &b {x: 1}\nautre:\n  <<: *b\n  y: 2\n") == (3, 3, MERGE)


def test_merge_key_without_alias() -> None:
    assert error_of("autre:\n  <<: {x: 1}\n  y: 2\n") == (2, 3, MERGE)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pirate']\n",
        "a: !!python/name:os.system\n",
        "a: !perso 1\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !!omap [b: 1]\n",
        "a: !!pairs [b: 1]\n",
    ],
)
def test_tags_giving_code_or_non_json_values_are_refused(text: str) -> None:
    assert error_of(text) == (1, 4, TAG)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!int abc\n", "abc"),
        ("a: !!float x\n", "x"),
        ("a: !!bool peut-être\n", "peut-être"),
        ("a: !!int\n", ""),
        ("a: " + "7" * 5000 + "\n", "7" * 37 + "…"),
    ],
)
def test_unreadable_numbers_and_booleans(text: str, shown: str) -> None:
    message = (
        f"valeur « {shown} » illisible (nombre trop long, ou étiquette « !! » "
        "qui ne convient pas) : l'écrire entre guillemets"
    )
    assert error_of(text) == (1, 4, message)


def test_tab_indentation() -> None:
    assert error_of("identite:\n\tnom: Martin\n") == (2, 1, TAB)


def test_tab_indentation_after_good_lines() -> None:
    assert error_of("identite:\n  nom: Martin\n\tprenom: Léa\n") == (3, 1, TAB)


def test_several_documents() -> None:
    message = "plusieurs documents dans un fichier (« --- ») : un seul dossier par fichier"
    assert error_of("a: 1\n---\nb: 2\n") == (2, 1, message)
    assert error_of("---\na: 1\n---\nb: 2\n") == (3, 1, message)


@pytest.mark.parametrize("text", ["", "\n\n", "# seulement un commentaire\n", "---\n"])
def test_empty_file(text: str) -> None:
    assert error_of(text) == (1, 1, EMPTY)


def test_list_at_top_level() -> None:
    message = "le fichier doit contenir des clés (« cle: valeur »), pas une liste"
    assert error_of("- id: a1\n- id: a2\n") == (1, 1, message)


def test_lone_value_at_top_level() -> None:
    message = "le fichier doit contenir des clés (« cle: valeur »), pas une valeur seule"
    assert error_of("bonjour\n") == (1, 1, message)


def test_complex_key() -> None:
    message = "une clé doit être un simple mot (par exemple « date: »)"
    assert error_of("? [a, b]\n: 1\n") == (1, 3, message)


def test_unclosed_quote_points_at_the_quote() -> None:
    message = "fin de fichier inattendue : un guillemet n'est pas fermé"
    assert error_of('nom: Martin\nprenom: "Léa\nsession: 2026\n') == (2, 9, message)


def test_colon_in_a_plain_value() -> None:
    message = (
        "« : » inattendu ; une valeur qui contient « : » doit être entre guillemets, "
        "ou l'indentation est décalée"
    )
    assert error_of("resume: Rendez-vous: lundi\n") == (1, 20, message)


def test_control_character_is_placed_after_accents() -> None:
    # libyaml counts bytes: the three « é » before the character must count as three columns.
    text = "nom: Léa\nresume: ééé\x07\n"
    message = "caractère de contrôle interdit (U+0007) : le supprimer"
    assert error_of(text) == (2, 12, message)


def test_non_utf8_byte() -> None:
    data = "id: x\nidentite:\n  nom: Léa\n".encode("latin-1")
    with pytest.raises(LoadError) as caught:
        load.decode(data)
    error = caught.value
    assert (error.line, error.column) == (3, 9)
    assert error.message == "caractère non UTF-8 (octet 0xe9) : enregistrer le fichier en UTF-8"


def test_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "gros.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: reading it would take a while
    start = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        load.read(big)
    assert time.perf_counter() - start < 1
    assert caught.value.message == "fichier trop volumineux (51200 Kio ; maximum 512 Kio)"
    assert (caught.value.line, caught.value.column) == (1, 1)


def test_size_limit_boundary(tmp_path: Path) -> None:
    path = tmp_path / "limite.yaml"
    body = b"a: " + b"x" * (load.MAX_BYTES - 4) + b"\n"
    assert len(body) == load.MAX_BYTES
    path.write_bytes(body)
    assert load.read(path) == {"a": "x" * (load.MAX_BYTES - 4)}
    path.write_bytes(body + b"\n")
    with pytest.raises(LoadError) as caught:
        load.read(path)
    assert caught.value.message == "fichier trop volumineux (513 Kio ; maximum 512 Kio)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load.read(tmp_path / "absent.yaml")
    assert caught.value.message == "fichier introuvable"


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load.read(tmp_path)
    assert caught.value.message == "fichier illisible : c'est un dossier"


# --- accepted inputs ----------------------------------------------------------------------


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffnom: Léa\n".encode())
    assert load.read(path) == {"nom": "Léa"}


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"nom: Martin\r\ninscription:\r\n  date: 2026-09-12\r\n")
    assert load.read(path) == {"nom": "Martin", "inscription": {"date": "2026-09-12"}}


def test_crlf_positions_are_still_right() -> None:
    assert error_of("a: 1\r\nb: 2\r\na: 3\r\n") == (3, 1, DOUBLE_A)


def test_dates_stay_text_quoted_or_not() -> None:
    text = "a: 2026-09-10\nb: \"2026-09-10\"\nc: '2026-09-10'\nd: 2026-09-10 10:30:00\n"
    assert load.parse(text) == {
        "a": "2026-09-10",
        "b": "2026-09-10",
        "c": "2026-09-10",
        "d": "2026-09-10 10:30:00",
    }


@pytest.mark.parametrize("value", ["2026-02-30", "31/09/2026", "2026-9-1"])
def test_impossible_or_foreign_dates_load_as_text(value: str) -> None:
    # The schema, not the loader, says what is wrong with them, with a position.
    assert load.parse(f"date: {value}\n") == {"date": value}


def test_times_stay_text() -> None:
    # YAML 1.1 reads 10:30 as 630 (base 60); a timetable means 10 h 30.
    assert load.parse("debut: 10:30\nfin: 9:30\n") == {"debut": "10:30", "fin": "9:30"}
    assert load.parse("duree: !!int 1:30\n") == {"duree": "1:30"}


def test_keys_stay_as_written() -> None:
    assert load.parse("1: a\nyes: b\n~: c\n") == {"1": "a", "yes": "b", "~": "c"}


def test_json_like_values() -> None:
    text = "n: 12\nf: 12.5\nb: true\nz: ~\nl: [1, deux]\nd: {x: 1}\ns: !!str 2026\n"
    assert load.parse(text) == {
        "n": 12,
        "f": 12.5,
        "b": True,
        "z": None,
        "l": [1, "deux"],
        "d": {"x": 1},
        "s": "2026",
    }


def test_an_anchor_alone_is_harmless() -> None:
    assert load.parse("a: &x 1\nb: 2\n") == {"a": 1, "b": 2}


# --- positions ----------------------------------------------------------------------------

SAMPLE = """\
id: x
parcours:
  actions:
    - id: a1
      debut: 2026-10-05
    - {id: a2, debut: 2026-11-02}
"""


@pytest.mark.parametrize(
    ("path", "on_key", "expected"),
    [
        (("id",), False, (1, 5)),
        (("parcours", "actions", 0, "debut"), False, (5, 14)),
        (("parcours", "actions", 0, "debut"), True, (5, 7)),
        (("parcours", "actions", 1, "debut"), False, (6, 23)),
        (("parcours", "actions", 5, "debut"), False, (4, 5)),  # nearest existing parent
        (("absent",), False, (1, 1)),
        ((), False, (1, 1)),
    ],
)
def test_locate(path: load.Path_, on_key: bool, expected: tuple[int, int]) -> None:
    assert positions.locate(SAMPLE, path, on_key) == expected


# --- whatever the input, a dict or a LoadError ---------------------------------------------

PIECES = [
    *"ab:-[]{}&*!<>|'\"#%@`?,.09 \t\n\ré\x00\x07",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!binary ",
    "!!set ",
    "!!python/name:os.system ",
    "!perso ",
    "<<: ",
    "---\n",
    "...\n",
    "&a ",
    "*a",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "\ufeff",
    "\u2028",
    "\x85",
    "date: 2026-02-30\n",
    "  - ",
]
YAMLISH = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def parses_or_explains(text: str) -> None:
    try:
        value = load.parse(text)
    except LoadError as error:
        assert error.message
        assert error.line >= 1
        assert error.column >= 1
    else:
        assert isinstance(value, dict)


@given(st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    try:
        text = load.decode(data)
    except LoadError:
        return
    parses_or_explains(text)


@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    parses_or_explains(text)


@given(YAMLISH)
def test_any_yaml_like_text(text: str) -> None:
    parses_or_explains(text)


NESTING = (
    "imbrication trop profonde : plus de 1\u202f000 niveaux de listes ou de dictionnaires "
    "les uns dans les autres ; vérifier les crochets, les accolades et l'indentation"
)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("x: " + "[" * 1000 + "]" * 1000, (1, 1003)),
        ("x: " + "{a: " * 1000 + "1" + "}" * 1000, (1, 4000)),
        ("".join(" " * i + "a:\n" for i in range(1001)) + " " * 1001 + "b: 1\n", (1000, 1001)),
    ],
    ids=["lists", "mappings", "indentation"],
)
def test_nesting_beyond_the_parser_limit(text: str, position: tuple[int, int]) -> None:
    assert error_of(text) == (*position, NESTING)
