"""The JSON Schemas: well-formed, documented in French, one verdict from both validators."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from pae.problems import Problem
from pae.records import load, schemas
from pae.records.reading import discover, kind_of
from pae.records.schemas import KINDS, SCHEMA_DIR, SchemaCheck
from pae.repository import validate

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
Edit = Callable[[Path, str, str], None]
SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
TODAY = date(2026, 11, 27)


def test_one_schema_per_kind() -> None:
    assert sorted(p.name for p in SCHEMA_FILES) == sorted(f"{k}.schema.json" for k in KINDS)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert schema.get("additionalProperties") is False, "unknown keys must be errors"


def documented(schema: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """The root, every property at every depth, every list item and every definition."""
    yield where or "/", schema
    for key, sub in schema.get("properties", {}).items():
        yield from documented(sub, f"{where}/{key}")
    if isinstance(schema.get("items"), dict):
        yield from documented(schema["items"], f"{where}[]")
    for key, sub in schema.get("$defs", {}).items():
        yield from documented(sub, f"{where}/$defs/{key}")
    for keyword in ("additionalProperties", "not", "if", "then", "else", "contains"):
        if isinstance(schema.get(keyword), dict):
            yield from documented(schema[keyword], f"{where}/{keyword}")
    for keyword in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for i, sub in enumerate(schema.get(keyword, [])):
            yield from documented(sub, f"{where}/{keyword}/{i}")


FRENCH = re.compile(
    r"[àâçéèêëîïôûùœ]|\b(le|la|les|de|du|des|un|une|et|ou|au|aux|par|pour|en|est)\b", re.I
)
ENGLISH = re.compile(r"\b(the|of|and|must|should|which|with|when)\b", re.I)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_has_a_french_title_and_description(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    places = list(documented(schema))
    assert len(places) > 10
    for where, sub in places:
        title, description = sub.get("title"), sub.get("description")
        assert isinstance(title, str) and title[:1].isupper(), f"{path.name}{where}: title"
        assert isinstance(description, str), f"{path.name}{where}: description"
        assert description.endswith((".", ")", "»")), f"{path.name}{where}: {description!r}"
        assert FRENCH.search(description), f"{path.name}{where}: {description!r}"
        assert not ENGLISH.search(f"{title} {description}"), f"{path.name}{where}"


# --- both validators, one verdict ---------------------------------------------------------


def example_files() -> Iterator[tuple[Path, str]]:
    for base in (DATA / "valid", DATA / "invalid"):
        for path in sorted(base.glob("*/*.yaml")):
            yield path, path.parent.name
    for records in (DATA / "reseau" / "records", REPO / "records"):
        if records.is_dir():
            for path in discover(records):
                kind = kind_of(path.relative_to(records).parts)
                if kind is not None:
                    yield path, kind


def loadable(pairs: Iterator[tuple[Path, str]]) -> list[tuple[Path, str, dict[str, Any]]]:
    out = []
    for path, kind in pairs:
        try:
            out.append((path, kind, load.read(path)))
        except load.LoadError:
            continue  # nothing for a schema to say: test_load.py covers these
    return out


EXAMPLES = loadable(example_files())


def test_the_examples_cover_every_kind() -> None:
    assert {kind for _, kind, _ in EXAMPLES} == set(KINDS)


@pytest.mark.parametrize(
    ("path", "kind", "data"),
    EXAMPLES,
    ids=[str(p.relative_to(REPO)) for p, _, _ in EXAMPLES],
)
def test_both_validators_agree(path: Path, kind: str, data: dict[str, Any]) -> None:
    check = SchemaCheck(kind)
    messages = list(check.errors(data))
    assert check.is_valid(data) is (messages == []), messages
    if "valid" in path.parts and "invalid" not in path.parts:
        assert messages == []


@pytest.fixture(scope="module")
def jeune() -> dict[str, Any]:
    return load.read(DATA / "reseau/records/jeunes/2026/0990001N/0990001N-2026-001.yaml")


def verdicts(kind: str, data: dict[str, Any]) -> tuple[bool, bool]:
    check = SchemaCheck(kind)
    return check.is_valid(data), not list(check.errors(data))


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("élise.dupré@exemple.fr", True),
        ("lea@example.org", True),
        ("prenom.nom@ac-exemple.fr", True),
        ("lea.exemple.fr", False),
        ("lea@exemple", False),
        ("lea @exemple.fr", False),
        ("lea@@exemple.fr", False),
    ],
)
def test_email_addresses(jeune: dict[str, Any], value: str, valid: bool) -> None:
    data = {**jeune, "identite": {**jeune["identite"], "courriel": value}}
    assert verdicts("jeune", data) == (valid, valid)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("0990001N", True),
        ("0990001N\n", False),  # Python's `$` would accept it, JSON Schema's does not
        ("0990001n", False),
        ("0990001I", False),
        (" 0990001N", False),
    ],
)
def test_uai_pattern(jeune: dict[str, Any], value: str, valid: bool) -> None:
    assert verdicts("jeune", {**jeune, "etablissement": value}) == (valid, valid)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2026-09-10", True), ("2028-02-29", True), ("2026-02-29", False), ("2026-9-10", False)],
)
def test_date_format(jeune: dict[str, Any], value: str, valid: bool) -> None:
    data = {**jeune, "inscription": {**jeune["inscription"], "date": value}}
    assert verdicts("jeune", data) == (valid, valid)


FIELDS = st.sampled_from(["etablissement", "courriel", "date", "heure", "identifiant"])
GOOD = st.sampled_from(["0990001N", "élise.dupré@exemple.fr", "2026-09-10", "09:00", "a-benali"])
NOISE = st.one_of(st.sampled_from(["", "\n", " ", "\t", "\r\n", "é"]), st.text(max_size=2))
NEAR_GOOD = st.tuples(NOISE, GOOD, NOISE).map("".join)


@given(field=FIELDS, value=st.one_of(st.text(max_size=30), NEAR_GOOD))
def test_both_validators_agree_on_any_text(field: str, value: str) -> None:
    base = load.read(DATA / "reseau/records/jeunes/2026/0990001N/0990001N-2026-001.yaml")
    if field == "etablissement":
        base["etablissement"] = value
    elif field == "courriel":
        base["identite"]["courriel"] = value
    elif field == "date":
        base["inscription"]["date"] = value
    elif field == "heure":
        base["parcours"]["actions"][0]["creneaux"][0]["debut"] = value
    else:
        base["inscription"]["referent"] = value
    fast, slow = verdicts("jeune", base)
    assert fast is slow


def test_is_date() -> None:
    assert schemas.is_date("2026-09-30")
    assert not schemas.is_date("2026-09-31")
    assert not schemas.is_date("٢٠٢٦-٠٩-١٠")  # digits, but not ASCII ones
    assert schemas.is_date(12)  # a non-string is the `type` keyword's business


# --- French messages, at the right place --------------------------------------------------


def problems_of(
    root: Path, file: Path
) -> list[tuple[str, int | None, int | None, str, str | None]]:
    result = validate(root, TODAY, [file])
    return [(p.code, p.line, p.column, p.message, p.hint) for p in result.problems]


def test_unknown_key_suggests_the_right_one(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  projet: emploi", "  projets: emploi")
    hint = (
        "vouliez-vous dire « projet » ? clés possibles : date, participants, projet, projet_detail"
    )
    assert problems_of(reseau, dossier) == [
        ("E1", 37, 3, "clé inconnue « projets »", hint),
    ]


def test_unknown_key_without_a_close_one(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  projet: emploi", "  projet: emploi\n  humeur: bonne")
    hint = "clés possibles : date, participants, projet, projet_detail"
    assert problems_of(reseau, dossier) == [("E1", 38, 3, "clé inconnue « humeur »", hint)]


def test_wrong_enum_lists_the_possible_values(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "decision: inscription", "decision: inscrit")
    hint = (
        "vouliez-vous dire « inscription » ? valeurs possibles : "
        "inscription, reinscription_diplome, refus, en_reflexion"
    )
    assert problems_of(reseau, dossier) == [
        ("E1", 27, 13, "valeur « inscrit » non autorisée", hint),
    ]


def test_missing_required_field(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  specialite: Équipier polyvalent du commerce\n", "")
    assert problems_of(reseau, dossier) == [
        (
            "E1",
            11,
            3,
            "champ obligatoire « specialite » manquant",
            "ajouter « specialite: … » (Spécialité)",
        ),
    ]


def test_date_in_french_format(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date: 2026-09-12", "  date: 31/09/2026")
    assert problems_of(reseau, dossier) == [
        (
            "E1",
            29,
            9,
            "date invalide « 31/09/2026 »",
            "format attendu AAAA-MM-JJ, par exemple 2026-09-30",
        ),
    ]


def test_impossible_date(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  date_naissance: 2007-03-14", "  date_naissance: 2026-02-30")
    assert problems_of(reseau, dossier) == [
        (
            "E1",
            9,
            19,
            "la date « 2026-02-30 » n'existe pas",
            "format attendu AAAA-MM-JJ, par exemple 2026-09-30",
        ),
    ]


def test_wrong_type(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "volontaire: true", "volontaire: oui merci")
    assert problems_of(reseau, dossier) == [
        ("E1", 5, 13, "true ou false attendu, trouvé texte « oui merci »", None),
    ]


def test_list_expected(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, "  decision: inscription", "  besoins: mobilite\n  decision: inscription")
    assert problems_of(reseau, dossier) == [
        ("E1", 27, 12, "liste (« - … ») attendue, trouvé texte « mobilite »", None),
    ]


def test_bad_time(reseau: Path, dossier: Path, edit: Edit) -> None:
    edit(dossier, 'fin: "12:00"', "fin: 12h")
    assert problems_of(reseau, dossier) == [
        (
            "E1",
            48,
            46,
            "« 12h » n'est pas une heure valide",
            'format attendu HH:MM entre guillemets, par exemple "09:00"',
        ),
    ]


def test_unquoted_times_stay_times(reseau: Path, dossier: Path, edit: Edit) -> None:
    # YAML 1.1 would read 9:30 as the number 570 (base 60) and report a baffling « 570 ».
    edit(dossier, 'debut: "09:00", fin: "12:00"', "debut: 9:30, fin: 12:00")
    assert problems_of(reseau, dossier) == [
        (
            "E1",
            48,
            32,
            "« 9:30 » n'est pas une heure valide",
            'format attendu HH:MM entre guillemets, par exemple "09:00"',
        ),
    ]


# --- the example files of tests/data/invalid ----------------------------------------------

EXPECTED = re.compile(r"^# attendu : (E\d) (\d+):(\d+) (.*)$")
PLACE = {
    "jeune": "records/jeunes/2026/0990001N/0990001N-2026-001.yaml",
    "etablissement": "records/etablissements/0990001N.yaml",
}
INVALID = sorted((DATA / "invalid").glob("*/*.yaml"))


def expected_in(path: Path) -> list[tuple[str, int, int, str]]:
    """The `# attendu : CODE ligne:colonne message` lines at the top of an example file."""
    out = []
    for raw in path.read_bytes().splitlines():
        if match := EXPECTED.match(raw.decode("utf-8", "replace")):
            out.append((match[1], int(match[2]), int(match[3]), match[4]))
    return out


@pytest.mark.parametrize("example", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_example(reseau: Path, example: Path) -> None:
    expected = expected_in(example)
    assert expected, "an invalid example says what is expected"
    target = reseau / PLACE[example.parent.name]
    shutil.copyfile(example, target)
    result = validate(reseau, TODAY, [target])
    # The dossiers depending on a lycée's file are checked with it: only its own are here.
    own = [p for p in result.problems if p.file == PLACE[example.parent.name]]
    found = [(p.code, p.line, p.column, p.message) for p in own]
    assert sorted(found, key=lambda f: (f[1], f[2], f[0])) == expected
    assert all(isinstance(p, Problem) for p in result.problems)


def test_a_file_the_validators_disagree_on_is_never_dropped_silently(
    reseau: Path, dossier: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(dossier, "volontaire: true", "volontaire: oui")
    monkeypatch.setattr(SchemaCheck, "report", lambda self, instance: [])
    assert problems_of(reseau, dossier) == [("E1", 1, 1, "fichier non conforme au schéma", None)]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([1.0, 0.0, 2.5])
    | st.text(max_size=2),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.lists(JSON_VALUES, max_size=6))
def test_unique_items_agrees_with_jsonschema(items: list[Any]) -> None:
    from jsonschema._utils import uniq

    schema = {"type": "array", "uniqueItems": True}
    ours = list(schemas._Slow(schema).iter_errors(items)) == []
    assert ours is uniq(items)
    assert ours is jsonschema_rs.validator_for(schema).is_valid(items)


# --- bounds: hostile input stays small (issue 11) -----------------------------------------


def subschemas(schema: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield where, schema
        for key, sub in schema.items():
            yield from subschemas(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, sub in enumerate(schema):
            yield from subschemas(sub, f"{where}/{i}")


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_number_and_every_list_is_bounded(path: Path) -> None:
    """Unbounded lists made the rules quadratic (1,500 overlapping actions: 38 s for
    `pae echeances`); unbounded numbers overflowed date arithmetic."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    for where, sub in subschemas(schema):
        if sub.get("type") in ("integer", "number"):
            assert "minimum" in sub and "maximum" in sub, f"{path.name}{where}"
        if sub.get("type") == "array":
            enum_set = sub.get("uniqueItems") and "enum" in sub.get("items", {})
            assert enum_set or "maxItems" in sub, f"{path.name}{where}"


def test_too_many_actions_is_an_error(reseau: Path, dossier: Path) -> None:
    data = load.read(dossier)
    action = data["parcours"]["actions"][0]
    data["parcours"]["actions"] = [{**action, "id": f"a{i}"} for i in range(1, 52)]
    assert not SchemaCheck("jeune").is_valid(data)
    messages = [m for _, m, _, _ in SchemaCheck("jeune").errors(data)]
    assert messages == ["liste trop longue : au plus 50 élément(s)"]
