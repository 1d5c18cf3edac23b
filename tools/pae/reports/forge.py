"""Reporters for the forges: GitLab Code Quality, JUnit XML, GitHub annotations, SARIF."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from pae.codes import FIXES, Code, Severity
from pae.labels import plural
from pae.problems import Problem
from pae.records import load
from pae.reports.line_hash import line_hashes
from pae.reports.validation import summary
from pae.repository import ValidationResult

GITHUB_MAX_ANNOTATIONS = 10
"""GitHub shows at most this many annotations of each level (error, warning) per step."""


def full_message(p: Problem) -> str:
    return f"{p.message} → {p.hint}" if p.hint else p.message


# --- fingerprints -----------------------------------------------------------------------

_QUOTED = re.compile(r"«[^»]*»")
_NUMBER = re.compile(r"\d+")


def message_kind(message: str) -> str:
    """The message without the values it quotes: the same problem keeps its kind when a
    date or a name in it is corrected."""
    return _NUMBER.sub("#", _QUOTED.sub("«»", message))


def fingerprints(problems: list[Problem]) -> list[str]:
    """One stable fingerprint per problem: file, field, code and message kind, never the
    line; identical problems are told apart by their rank among themselves."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = []
    for p in problems:
        key = (p.file, p.field_path, p.code, message_kind(p.message))
        rank = seen[key]
        seen[key] += 1
        out.append(hashlib.sha256("\0".join((*key, str(rank))).encode()).hexdigest())
    return out


# --- GitLab -----------------------------------------------------------------------------


def gitlab(result: ValidationResult, out: TextIO) -> None:
    """GitLab Code Quality report: errors `major`, warnings and alerts `minor`."""
    problems = result.ordered()
    issues = [
        {
            "description": f"{p.code} {full_message(p)}",
            "check_name": p.code,
            "fingerprint": fp,
            "severity": "major" if p.is_error else "minor",
            "location": {"path": p.file, "lines": {"begin": p.line or 1}},
        }
        for p, fp in zip(problems, fingerprints(problems), strict=True)
    ]
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- JUnit ------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text without the characters XML 1.0 cannot carry (a YAML value may hold them)."""
    return _NOT_XML.sub("\ufffd", text)


def _lines(problems: list[Problem]) -> str:
    text = ""
    for p in problems:
        text += f"{p.where}: {p.code} {p.message}\n"
        if p.hint:
            text += f"    → {p.hint}\n"
    return _xml(text)


def junit(result: ValidationResult, out: TextIO) -> None:
    """JUnit XML as GitLab reads it: one test case per checked file, named after it and
    pointing at it (`file`), failed when the file has errors."""
    by_file = dict(result.by_file())
    files = sorted(set(result.checked) | set(by_file))
    failures = sum(any(p.is_error for p in by_file.get(f, [])) for f in files)
    counts = {"tests": str(len(files)), "failures": str(failures), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "pae valider", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "pae valider", "skipped": "0", **counts})
    for file in files:
        # GitLab reads `file` to link the case to its file and to copy failed tests' names.
        case = ET.SubElement(
            suite,
            "testcase",
            name=_xml(file),
            classname=_xml(str(PurePosixPath(file).parent)),
            file=_xml(file),
        )
        problems = by_file.get(file, [])
        errors = [p for p in problems if p.is_error]
        others = [p for p in problems if not p.is_error]  # warnings and alerts
        if errors:
            codes = ", ".join(sorted({p.code for p in errors}))
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{plural(sum(p.weight for p in errors), 'erreur')} : {codes}",
                type=codes,
            )
            failure.text = _lines(errors)
        if others:
            ET.SubElement(case, "system-out").text = _lines(others)
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")


# --- GitHub -----------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(p: Problem) -> str:
    """A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=E1::message`."""
    level = "error" if p.is_error else "warning"
    props = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", p.file),
            ("line", p.line or 1),
            ("col", p.column or 1),
            ("title", p.code),
        )
    )
    return f"::{level} {props}::{_escape_data(full_message(p))}"


def github(result: ValidationResult, out: TextIO) -> None:
    """Annotations for the first problems of each level, the others as plain log lines."""
    shown: Counter[bool] = Counter()
    for p in result.ordered():
        if shown[p.is_error] < GITHUB_MAX_ANNOTATIONS:
            shown[p.is_error] += 1
            out.write(annotation(p) + "\n")
        else:
            out.write(f"{p.where}: {p.code} {full_message(p)}\n")
    hidden = len(result.problems) - shown[True] - shown[False]
    if hidden:
        out.write(
            f"GitHub n'affiche que {GITHUB_MAX_ANNOTATIONS} annotations de chaque niveau : "
            f"{plural(hidden, 'autre problème', 'autres problèmes')} dans le journal "
            "ci-dessus.\n"
        )
    out.write(summary(result) + "\n")


# --- SARIF ------------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_MAX_RESULTS = 25_000
"""GitHub rejects a run with more results (and shows the first 5,000 by severity)."""


def _pae_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pae")
    except PackageNotFoundError:  # pragma: no cover - the package is always installed
        return "0"


def _rule(code: Code) -> dict[str, Any]:
    if code.is_alert:
        actors = ", ".join(a.label for a in code.entry.actors)
        kind = "Alerte : le dossier reste valide, mais quelqu'un doit agir" + (
            f" ({actors})." if actors else "."
        )
    elif code.severity is Severity.WARNING:
        kind = "Avertissement : le dossier reste valide ; à vérifier (échec avec --strict)."
    else:
        kind = "Erreur : le fichier n'est pas valide tant qu'elle n'est pas corrigée."
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": code.label},
        "fullDescription": {"text": f"{code} — {code.label}. {kind}"},
        "help": {"text": FIXES[code]},
        "defaultConfiguration": {
            "level": "error" if code.severity is Severity.ERROR else "warning"
        },
    }


def sarif(result: ValidationResult, out: TextIO) -> None:
    """SARIF 2.1.0, for code scanning: errors `error`, warnings and alerts `warning`."""
    problems = result.ordered()
    prints = fingerprints(problems)
    if len(problems) > SARIF_MAX_RESULTS:
        kept = sorted(range(len(problems)), key=lambda i: not problems[i].is_error)
        kept = sorted(kept[:SARIF_MAX_RESULTS])
        problems, prints = [problems[i] for i in kept], [prints[i] for i in kept]
    codes = sorted({p.code for p in problems}, key=lambda code: code.order)
    hashes = _LineHashes(result.root)
    results = [
        _sarif_result(p, codes.index(p.code), fp, hashes.of(p.file, p.line or 1))
        for p, fp in zip(problems, prints, strict=True)
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pae",
                        "fullName": "pae valider (Parcours Ambition Emploi)",
                        "version": _pae_version(),
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "language": "fr-FR",
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")


class _LineHashes:
    """GitHub's line hash of each file, computed once per file."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.files: dict[str, dict[int, str]] = {}

    def of(self, file: str, line: int) -> str | None:
        if self.root is None:
            return None
        if file not in self.files:
            try:
                self.files[file] = line_hashes(
                    load.read_bytes(self.root / file).decode("utf-8", "replace")
                )
            except load.LoadError:
                self.files[file] = {}
        return self.files[file].get(line)


def _sarif_result(
    p: Problem, index: int, fingerprint: str, line_hash: str | None
) -> dict[str, Any]:
    line, column = p.line or 1, p.column or 1
    return {
        "ruleId": p.code,
        "ruleIndex": index,
        "level": "error" if p.is_error else "warning",
        "message": {"text": full_message(p)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(p.file), "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": line,
                        "startColumn": column,
                        "endLine": line,
                        "endColumn": max(p.end_column or 0, column + 1),
                    },
                }
            }
        ],
        # Code scanning matches results by primaryLocationLineHash only: GitHub's own hash
        # of the line when the file can be read (the upload action computes the same and
        # keeps it), else a stable value of ours, which the action keeps too.
        "partialFingerprints": {
            "primaryLocationLineHash": line_hash or fingerprint[:16],
            "paeProbleme/v1": fingerprint,
        },
    }
