"""Rule E1: the JSON Schemas of `schema/`, a fast check for every file, French messages."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from pae.labels import number
from pae.problems import Path_
from pae.terminal import visible

KINDS = ("etablissement", "mission-locale", "offre", "jeune", "parametres")

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
"""The schemas live at the repository root, beside `records/`, for editors to find."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Accented addresses are legitimate (élise@exemple.fr); the point is catching typos.
_EMAIL = re.compile(
    r"[^@\s\x00-\x1f\x7f-\x9f]+@[^@\s\x00-\x1f\x7f-\x9f]+\.[^@\s.\x00-\x1f\x7f-\x9f]+"
)
TEXT = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F]*$"
"""The pattern of every free-text field: no control character but tab and line break
(an escape sequence in a name would act on the terminal that shows it)."""


MAX_PER_KIND = 50
"""Errors of one kind shown per file; one more line counts the rest."""


class SchemaError(NamedTuple):
    path: Path_
    message: str
    hint: str | None
    on_key: bool
    """The problem is the key itself (unknown key), not its value."""
    more: int = 0
    """How many errors this line stands for beyond itself (the rest of a kind, capped)."""


YEARS = range(1900, 2101)
"""Dates outside these years are typos (9999-12-10), and would overflow date arithmetic."""


def is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return not isinstance(value, str)  # non-strings are the `type` keyword's business
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return day.year in YEARS


def is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.fullmatch(value))


FORMATS: dict[str, Callable[[object], bool]] = {"date": is_date, "email": is_email}
"""One definition of each format, given to both validators so that they agree."""


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, func in FORMATS.items():
        checker.checks(name)(func)
    return checker


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """A schema pattern read as JSON Schema (and jsonschema-rs) reads it: `$` ends the text."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"  # Python's `$` also matches before a final newline: "0750654D\n"
        out.append(char)
    return re.compile("".join(out))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _canonical(value: Any) -> Any:
    """A hashable form under which two JSON values are equal when JSON Schema says so
    (1 and 1.0 are equal; true and 1 are not)."""
    if isinstance(value, bool) or value is None:
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)  # Python already makes 1 == 1.0 and hash(1) == hash(1.0)
    if isinstance(value, list):
        return ("l", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, _canonical(v)) for k, v in value.items()))
    return ("s", value)


def _unique_items(
    validator: Any, unique: bool, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    # jsonschema compares unorderable items pairwise: minutes for a list of 20,000 mappings.
    if unique and validator.is_type(instance, "array"):
        seen = {_canonical(item) for item in instance}
        if len(seen) < len(instance):
            yield ValidationError("has non-unique elements")


_Slow: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern, "uniqueItems": _unique_items}
)
"""jsonschema with ECMA-262 patterns, so that it agrees with the fast validator, and a
linear `uniqueItems`."""


def schema_dir_of(root: Path) -> Path:
    """A repository's own schema/ folder, else the tool's."""
    return root / "schema" if (root / "schema").is_dir() else SCHEMA_DIR


def schema_path(kind: str, schema_dir: Path | None = None) -> Path:
    return (schema_dir or SCHEMA_DIR) / f"{kind}.schema.json"


@cache
def load_schema(kind: str, schema_dir: Path | None = None) -> dict[str, Any]:
    with schema_path(kind, schema_dir).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


class SchemaCheck:
    """Compiled validator for the fast path, jsonschema for the messages of failing files."""

    def __init__(self, kind: str, schema_dir: Path | None = None) -> None:
        self.kind = kind
        self.schema = load_schema(kind, schema_dir)
        self._fast = jsonschema_rs.validator_for(
            self.schema, validate_formats=True, formats=FORMATS
        )
        self._slow: Any = None

    def is_valid(self, instance: Any) -> bool:
        return bool(self._fast.is_valid(instance))

    def _sorted_errors(self, instance: Any) -> list[ValidationError]:
        if self._slow is None:
            self._slow = _Slow(self.schema, format_checker=_format_checker())
        return sorted(self._slow.iter_errors(instance), key=lambda e: list(map(str, e.path)))

    def errors(self, instance: Any) -> Iterator[tuple[Path_, str, str | None, bool]]:
        """Every schema error as (path, French message, hint, points at a key)."""
        for error in self._sorted_errors(instance):
            yield from _french(error)

    def report(self, instance: Any, limit: int = MAX_PER_KIND) -> list[SchemaError]:
        """The schema errors, at most `limit` of each kind, then one line for the rest of
        that kind; messages (and their suggestions) are built only for those shown."""
        shown: list[SchemaError] = []
        used: Counter[str] = Counter()
        left: Counter[str] = Counter()
        first_left: dict[str, SchemaError] = {}
        for error in self._sorted_errors(instance):
            kind = str(error.validator)
            messages = _french(error)
            taken = 0
            for item in islice(messages, max(0, limit - used[kind])):
                shown.append(SchemaError(*item))
                taken += 1
            used[kind] += taken
            rest = _units(error) - taken
            if rest > 0:
                if kind not in first_left and (following := next(messages, None)):
                    first_left[kind] = SchemaError(*following)
                left[kind] += rest
        for kind, count in left.items():
            first = first_left.get(kind, SchemaError((), "", None, False))
            message = f"… et {number(count)} autres erreurs du même type"
            shown.append(SchemaError(first.path, message, _REST_HINT, first.on_key, count - 1))
        return shown


def _units(error: ValidationError) -> int:
    """How many messages `_french` gives for one error (one per unknown or missing key)."""
    value: Any = error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = schema.get("properties", {})
        return sum(k not in allowed for k in value) if isinstance(value, dict) else 1
    rule: Any = error.validator_value
    if error.validator == "required" and isinstance(value, dict):
        return sum(k not in value for k in rule)
    return 1


_REST_HINT = "corriger les premières, puis relancer « pae valider » pour voir les suivantes"


def _label(schema: dict[str, Any]) -> str:
    return str(schema.get("title") or "")


def _french(error: jsonschema.ValidationError) -> Iterator[tuple[Path_, str, str | None, bool]]:
    path: Path_ = tuple(error.path)
    value: Any = error.instance
    kind = error.validator
    rule: Any = error.validator_value
    kind = str(kind)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [k for k in rule if isinstance(value, dict) and k not in value]
        props = schema.get("properties", {})
        for key in missing:
            title = _label(props.get(key, {}))
            hint = f"ajouter « {key}: … »" + (f" ({title})" if title else "")
            yield path, f"champ obligatoire « {key} » manquant", hint, False
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(k for k in value if k not in allowed):
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"vouliez-vous dire « {close[0]} » ? " if close else ""
            hint += "clés possibles : " + ", ".join(allowed)
            yield (*path, key), f"clé inconnue « {_show(key)} »", hint, True
    elif kind == "enum":
        close = difflib.get_close_matches(str(value), [str(v) for v in rule], n=1, cutoff=0.6)
        hint = f"vouliez-vous dire « {close[0]} » ? " if close else ""
        hint += "valeurs possibles : " + ", ".join(str(v) for v in rule)
        yield path, f"valeur « {_show(value)} » non autorisée", hint, False
    elif kind == "const":
        yield path, f"valeur « {_show(value)} » non autorisée", f"valeur attendue : {rule}", False
    elif kind == "type":
        expected: list[str] = rule if isinstance(rule, list) else [rule]
        wanted = " ou ".join(_TYPES.get(t, t) for t in expected)
        expected_ = "attendue" if expected == ["array"] else "attendu"  # « une liste »
        message = f"{wanted} {expected_}, trouvé {_type_of(value)} « {_show(value)} »"
        yield path, message, None, False
    elif kind == "format" and rule == "date":
        if isinstance(value, str) and _DATE.fullmatch(value) and int(value[:4]) not in YEARS:
            hint = f"une année entre {YEARS.start} et {YEARS.stop - 1}"
            yield path, f"date « {value} » hors limites", hint, False
        elif isinstance(value, str) and _DATE.fullmatch(value):
            yield path, f"la date « {value} » n'existe pas", _DATE_HINT, False
        else:
            yield path, f"date invalide « {_show(value)} »", _DATE_HINT, False
    elif kind == "format" and rule == "email":
        hint = "format attendu : nom@domaine.fr"
        yield path, f"adresse électronique invalide « {_show(value)} »", hint, False
    elif kind == "pattern" and rule == TEXT:
        char = next((c for c in str(value) if _CONTROL.match(c)), "\x00")
        message = (
            f"« {_show(value)} » contient un caractère de contrôle (U+{ord(char):04X}) invisible"
        )
        yield path, message, _CONTROL_HINT, False
    elif kind == "pattern":
        meaning, pattern_hint = _PATTERNS.get(rule, ("ne respecte pas le format attendu", None))
        yield path, f"« {_show(value)} » {meaning}", pattern_hint or _example(schema), False
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = {"minimum": "au moins", "maximum": "au plus"}.get(kind, "strictement")
        yield path, f"valeur {_show(value)} hors limites : {word} {rule} attendu", None, False
    elif kind == "minItems":
        yield path, f"liste trop courte : au moins {rule} élément(s) attendu(s)", None, False
    elif kind == "maxItems":
        yield path, f"liste trop longue : au plus {rule} élément(s)", None, False
    elif kind == "uniqueItems":
        yield path, "élément en double dans la liste : ne l'écrire qu'une fois", None, False
    elif kind == "minLength":
        yield path, "texte vide : écrire une valeur ou enlever la ligne", None, False
    else:  # pragma: no cover - our schemas use only the keywords above
        yield path, f"valeur non conforme au schéma (règle « {kind} »)", None, False


_CONTROL = re.compile(TEXT.replace("^[^", "[").replace("]*$", "]"))
_CONTROL_HINT = "le supprimer : il vient souvent d'un copier-coller depuis un autre logiciel"
_DATE_HINT = "format attendu AAAA-MM-JJ, par exemple 2026-09-30"

_TYPES = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre",
    "boolean": "true ou false",
    "object": "dictionnaire de clés (« cle: valeur »)",
    "array": "liste (« - … »)",
    "null": "valeur vide",
}

_PATTERNS: dict[str, tuple[str, str | None]] = {
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": (
        "n'est pas une heure valide",
        'format attendu HH:MM entre guillemets, par exemple "09:00"',
    ),
    "^[0-9]{7}[ABCDEFGHJKLMNPRSTUVWXYZ]$": (
        "n'est pas un numéro UAI",
        "format attendu : 7 chiffres et une lettre clé, par exemple 0750654D",
    ),
    "^[0-9]{7}[ABCDEFGHJKLMNPRSTUVWXYZ]-[0-9]{4}-[0-9]{3}$": (
        "n'est pas un identifiant de dossier",
        "format attendu : <UAI>-<session>-<3 chiffres>, par exemple 0750654D-2026-007",
    ),
    "^[a-z0-9][a-z0-9-]*$": (
        "n'est pas un identifiant valide",
        "minuscules sans accents, chiffres et tirets, par exemple c-durand",
    ),
    "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": (
        "n'est pas une date de l'année",
        'format attendu MM-JJ entre guillemets, par exemple "09-30"',
    ),
    "^[0-9]{1,3}/[1-9][0-9]{0,2}$": (
        "n'est pas une fraction",
        'format attendu : "2/3" (au plus trois chiffres de chaque côté)',
    ),
    "^((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$": (
        "n'est pas un jour qui existe chaque année",
        'format attendu MM-JJ entre guillemets, par exemple "09-01"',
    ),
}


def _example(schema: dict[str, Any]) -> str | None:
    examples = schema.get("examples")
    return f"exemple : {examples[0]}" if examples else None


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "booléen"
    if isinstance(value, int | float):
        return "nombre"
    if isinstance(value, str):
        return "texte"
    if isinstance(value, list):
        return "liste"
    if isinstance(value, dict):
        return "dictionnaire"
    if value is None:
        return "valeur vide"
    return type(value).__name__


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value) if not isinstance(value, dict | list) else json.dumps(value, default=str)
    # A line break or a tab inside the value must not break the report's one line per problem.
    text = visible(text)
    return text if len(text) <= 60 else text[:57] + "…"
