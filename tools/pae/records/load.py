"""Safe YAML reading: the only place that turns a file's bytes into values."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from pae.labels import number
from pae.terminal import visible

try:  # the C parser is ~7x faster; the pure-Python one gives the same results
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is present on every supported platform
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 512 * 1024
"""A dossier is a few kilobytes; anything this large is a mistake or an attack."""
MAX_DEPTH = 50
"""Lists and mappings inside one another: a dossier has fewer than 10 levels. Deeper values
would exhaust Python's recursion in the validator's messages."""
PARSER_DEPTH = 1000
"""libyaml's own limit."""


def too_deep(levels: int) -> str:
    return (
        f"imbrication trop profonde : plus de {number(levels)} niveaux de listes ou de "
        "dictionnaires les uns dans les autres ; vérifier les crochets, les accolades et "
        "l'indentation"
    )


class LoadError(Exception):
    """A file that cannot be read as one YAML mapping; message in French, 1-based position."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Loader(_BaseLoader):
    """Safe loader that keeps dates as text and refuses what would lose or expand data."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # A node met twice is an alias: refusing it defuses "billion laughs" expansions.
        if node in self.constructed_objects:
            raise LoadError(
                "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : "
                "recopier la valeur à chaque endroit",
                *_one_based(node),
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):  # pragma: no cover - the resolver guarantees it
            raise LoadError("un dictionnaire de clés était attendu", *_one_based(node))
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(
                    "la clé de fusion « << » n'est pas acceptée : écrire les clés en entier",
                    *_one_based(key_node),
                )
            if not isinstance(key_node, ScalarNode):
                raise LoadError(
                    "une clé doit être un simple mot (par exemple « date: »)",
                    *_one_based(key_node),
                )
            # Keys stay as written: `1:` or `yes:` must not turn into a number or a boolean.
            key = key_node.value
            if key in mapping:
                raise LoadError(
                    f"clé « {visible(key)} » en double : la seconde valeur effacerait la "
                    "première ; garder une seule fois cette clé",
                    *_one_based(key_node),
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


# Dates stay strings so that the schema's `format: date` reports `2026-02-30` with a
# position, and so that quoted and unquoted dates behave the same.
_Loader.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str
)


def _refuse_tag(loader: _Loader, node: Node) -> Any:
    raise LoadError("étiquette YAML (« ! ») non acceptée : l'enlever", *_one_based(node))


# These tags give bytes, sets or pairs: values that no schema (and no JSON) can hold.
for _tag in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


def _guarded(construct: Any) -> Any:
    """A number or boolean constructor that reports, rather than raises, what it cannot read."""

    def wrapper(loader: _Loader, node: Node) -> Any:
        if ":" in str(node.value):  # YAML 1.1 reads 10:30 as 630 (base 60): keep the time
            return loader.construct_scalar(node)  # type: ignore[arg-type]
        try:
            return construct(loader, node)
        except (ValueError, KeyError, IndexError):  # `!!int abc`, `!!bool oui`, 5000 digits
            shown = str(node.value)
            shown = shown if len(shown) <= 40 else shown[:37] + "…"
            raise LoadError(
                f"valeur « {shown} » illisible (nombre trop long, ou étiquette « !! » "
                "qui ne convient pas) : l'écrire entre guillemets",
                *_one_based(node),
            ) from None

    return wrapper


for _tag, _construct in (
    ("int", _Loader.construct_yaml_int),
    ("float", _Loader.construct_yaml_float),
    ("bool", _Loader.construct_yaml_bool),
):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _guarded(_construct))


def _one_based(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def special_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is, in French."""
    if stat.S_ISFIFO(mode):
        return "tube nommé (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "fichier de périphérique"
    if stat.S_ISSOCK(mode):
        return "socket"
    return None


def read_text(path: Path) -> str:
    """Read a regular file as UTF-8 text within the size limit, without its BOM."""
    return decode(read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """Read a regular file within the size limit; every failure is a LoadError."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(path)
        if kind := special_kind(status.st_mode):  # reading a FIFO would wait forever
            raise LoadError(f"{kind}, pas un fichier ordinaire : le supprimer")
        size = status.st_size
        if size > MAX_BYTES:
            raise LoadError(
                f"fichier trop volumineux ({-(-size // 1024)} Kio ; "
                f"maximum {MAX_BYTES // 1024} Kio)"
            )
        return path.read_bytes()
    # The system's own words (exc.strerror) would be in English.
    except FileNotFoundError as exc:
        raise LoadError("fichier introuvable") from exc
    except PermissionError as exc:
        raise LoadError("fichier illisible : accès refusé") from exc
    except IsADirectoryError as exc:
        raise LoadError("fichier illisible : c'est un dossier") from exc
    except OSError as exc:
        raise LoadError(f"fichier illisible (erreur système {exc.errno})") from exc


def decode(data: bytes) -> str:
    """Decode UTF-8 strictly; a bad byte is reported where it stands."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            f"caractère non UTF-8 (octet 0x{data[exc.start]:02x}) : "
            "enregistrer le fichier en UTF-8",
            line,
            column,
        ) from exc
    return text.removeprefix("\ufeff")


def parse(text: str) -> dict[str, Any]:
    """Parse one YAML document that must be a mapping."""
    loader = _Loader(text)
    try:
        value = loader.get_single_data()
    except LoadError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _translate(exc, text) from None
    except yaml.reader.ReaderError as exc:
        raise _forbidden_character(exc, text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        raise LoadError(f"syntaxe YAML invalide ({exc})") from None
    finally:
        loader.dispose()
    if value is None:
        raise LoadError("fichier vide : un dictionnaire de clés était attendu")
    if not isinstance(value, dict):
        found = "une liste" if isinstance(value, list) else "une valeur seule"
        raise LoadError(f"le fichier doit contenir des clés (« cle: valeur »), pas {found}")
    return value


def read(path: Path) -> dict[str, Any]:
    """Read and parse a YAML file; every failure is a LoadError with a position."""
    return parse(read_text(path))


_PROBLEMS = {
    "found character that cannot start any token": "caractère inattendu",
    "mapping values are not allowed in this context": (
        "« : » inattendu ; une valeur qui contient « : » doit être entre guillemets, "
        "ou l'indentation est décalée"
    ),
    "mapping values are not allowed here": (
        "« : » inattendu ; une valeur qui contient « : » doit être entre guillemets, "
        "ou l'indentation est décalée"
    ),
    "did not find expected key": "indentation incohérente : aligner cette clé sur ses voisines",
    "did not find expected '-' indicator": (
        "élément de liste attendu (« - ») : vérifier l'indentation"
    ),
    "found unexpected end of stream": "fin de fichier inattendue : un guillemet n'est pas fermé",
    "found undefined alias": "les alias YAML (« * ») ne sont pas acceptés",
    "but found another document": (
        "plusieurs documents dans un fichier (« --- ») : un seul dossier par fichier"
    ),
    "did not find expected ',' or ']'": "liste entre crochets non fermée : ajouter « ] »",
    "did not find expected ',' or '}'": "dictionnaire entre accolades non fermé : ajouter « } »",
    "found unknown escape character": "séquence d'échappement inconnue entre guillemets doubles",
    "could not find expected ':'": "« : » attendu après la clé",
}


def _translate(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in (exc.problem or "") and exc.context_mark:
        mark = exc.context_mark  # point at the quote left open, not at the end of the file
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = exc.problem or ""
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    if "\t" in indent or "tab" in problem or (mark and _char_at(text, mark.index) == "\t"):
        tab_line = line
        if "\t" not in indent:  # the scanner may stop on the line after the tab
            tab_line = next((n for n, ln in enumerate(lines, 1) if ln.startswith("\t")), line)
        return LoadError(
            "tabulation utilisée pour l'indentation : YAML n'accepte que des espaces",
            tab_line,
            1,
        )
    if problem.startswith("expected a single document") or "another document" in problem:
        problem = "but found another document"
    if "maximum nesting depth" in problem:
        return LoadError(too_deep(PARSER_DEPTH), line, column)
    if exc.problem and "constructor for the tag" in exc.problem:
        return LoadError("étiquette YAML (« ! ») non acceptée : l'enlever", line, column)
    french = next((fr for en, fr in _PROBLEMS.items() if en in problem), None)
    if french is None:
        french = "syntaxe YAML invalide"
    return LoadError(french, line, column)


def _forbidden_character(exc: yaml.reader.ReaderError, text: str) -> LoadError:
    # libyaml counts in UTF-8 bytes, the pure-Python reader in characters.
    if _BaseLoader.__name__ == "CSafeLoader":
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
    else:  # pragma: no cover - libyaml is present on every supported platform
        before = text[: exc.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return LoadError(
        f"caractère de contrôle interdit (U+{exc.character:04X}) : le supprimer", line, column
    )


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""
