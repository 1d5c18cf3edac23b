"""`pae agreger`: the pseudonymised exports, or the indicator files, of several lycées'
repositories in one table — for an académie, without any shared database."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pae.campaign.export import COLUMNS, FORMAT_VERSION
from pae.campaign.indicators import INDICATORS_VERSION, Indicators, Line, from_json, share
from pae.errors import DataError, UsageError
from pae.labels import label

KINDS = {"pae-export": FORMAT_VERSION, "pae-indicateurs": INDICATORS_VERSION}
HEADINGS = {c.key: c.heading for c in COLUMNS} | {"pseudonyme": "Pseudonyme"}


@dataclass
class Rows:
    """Exports combined: every row of every file, in the first file's columns."""

    keys: list[str]
    headings: list[str]
    rows: list[list[Any]]
    session: int | None

    def labelled(self) -> list[list[Any]]:
        """For a spreadsheet, as `pae exporter` writes it: French labels, real dates."""
        tables = [LABELS.get(k) for k in self.keys]
        return [[_cell(v, t) for v, t in zip(row, tables, strict=True)] for row in self.rows]


LABELS = {c.key: c.labels for c in COLUMNS if c.labels}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _cell(value: Any, labels: dict[str, str] | None) -> Any:
    if isinstance(value, str) and labels:
        return label(labels, value)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date.fromisoformat(value)
    return value


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"fichier introuvable : {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise DataError(f"{path} : ce n'est pas un export JSON de pae") from None
    kind = data.get("format") if isinstance(data, dict) else None
    if kind not in KINDS:
        raise DataError(
            f"{path} : ni un export (pae exporter --format json) ni des indicateurs "
            "(pae indicateurs --format json)"
        )
    if data.get("version") != KINDS[kind]:
        raise DataError(
            f"{path} : version de format {data.get('version')} ; cette version de pae lit la "
            f"version {KINDS[kind]} : regénérer le fichier avec la même version de pae"
        )
    return dict(data)


def aggregate(paths: list[Path]) -> Rows | Indicators:
    """Check that the files share a kind, a session and a format; combine them."""
    if not paths:
        raise UsageError("indiquer au moins un fichier à agréger")
    files = [(p, _read(p)) for p in paths]
    kinds = {data["format"] for _, data in files}
    if len(kinds) > 1:
        raise DataError("mélange d'exports et d'indicateurs : agréger l'un ou l'autre")
    sessions = {data.get("session") for _, data in files}
    if len(sessions) > 1:
        shown = ", ".join(f"{p.name} : {d.get('session')}" for p, d in files)
        raise DataError(f"sessions différentes ({shown}) : agréger une session à la fois")
    session = next(iter(sessions))
    if session is None:
        names = ", ".join(p.name for p, _ in files)
        raise DataError(
            f"fichiers sans session ({names}) : ils peuvent mêler plusieurs années ; les "
            "refaire avec --session AAAA"
        )
    resolved = [p.resolve() for p in paths]
    twice = sorted({p.name for p in paths if resolved.count(p.resolve()) > 1})
    if twice:
        raise UsageError(f"fichier donné deux fois : {', '.join(twice)}")
    if kinds == {"pae-indicateurs"}:
        return _indicators([from_json(d) for _, d in files], session)
    private = [p.name for p, d in files if not d.get("pseudonymise")]
    if private:
        raise DataError(
            f"export non pseudonymisé ({', '.join(private)}) : les données nominatives ne "
            "quittent pas le lycée ; exporter avec --pseudonymiser"
        )
    keys = list(files[0][1]["lignes"][0]) if files[0][1]["lignes"] else ["pseudonyme"]
    seen: dict[Any, str] = {}
    for path, data in files:
        for row in data["lignes"]:
            pseudo = row.get("pseudonyme")
            if pseudo in seen:
                raise DataError(
                    f"le même jeune ({pseudo}) dans {seen[pseudo]} et {path.name} : un export "
                    "donné deux fois, ou deux exports d'un même lycée"
                )
            seen[pseudo] = path.name
    rows = [[row.get(k) for k in keys] for _, d in files for row in d["lignes"]]
    return Rows(keys, [HEADINGS.get(k, k) for k in keys], rows, session)


def _indicators(tables: list[Indicators], session: int | None) -> Indicators:
    columns: list[str] = []
    for t in tables:
        columns += [c for c in t.columns if c not in columns]
    out = Indicators(session, max(t.today for t in tables), columns)
    order: list[tuple[str, str]] = []
    found: dict[tuple[str, str], list[Line]] = {}
    for t in tables:
        for line in t.lines:
            key = (line.section, line.label)
            if key not in found:
                order.append(key)
            found.setdefault(key, []).append(line)
    for key in order:
        lines = found[key]
        if lines[0].rate:
            parts = {
                c: (
                    sum(x.parts.get(c, (0, 0))[0] for x in lines),
                    sum(x.parts.get(c, (0, 0))[1] for x in lines),
                )
                for c in columns
            }
            out.lines.append(Line(*key, share(parts), True, parts))
        else:
            values = {c: sum(int(x.values.get(c) or 0) for x in lines) for c in columns}
            out.lines.append(Line(*key, dict(values)))
    return out
