"""The fuzzer's mutations of a data repository: bytes, values and types, Unicode, YAML
features, identifiers, dates, settings, long lists and the file system. Each takes the
case's context (its random generator and folders) and returns what it did, in a few words.
"""

from __future__ import annotations

import copy
import os
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from pae.records.load import MAX_BYTES


@dataclass
class Context:
    rng: random.Random
    depot: Path
    outside: Path
    """A folder beside the repository: links may point there, nothing may be written."""
    out: Path
    """The output folder: the only place a command may write."""
    huge: bool = False
    """A file over the size limit was written (the time bound does not apply)."""


def yaml_files(depot: Path) -> list[Path]:
    records = depot / "records"
    return sorted(p for p in records.rglob("*.yaml") if p.is_file() and not p.is_symlink())


def _pick(ctx: Context, kind: str = "") -> Path | None:
    files = [p for p in yaml_files(ctx.depot) if kind in p.as_posix()]
    return ctx.rng.choice(files) if files else None


def _rel(ctx: Context, path: Path) -> str:
    return path.relative_to(ctx.depot).as_posix()


# --- bytes --------------------------------------------------------------------------------

INSERTS = (
    b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\r", b"\t", b":", b"- ", b"{", b"[", b"]",
    b"&a ", b"*a", b"!!", b"%YAML 1.2\n", b"\x1b[2J", b"\xe2\x80\xae", b"\x85", b"#", b"'",
    b'"', b"|\n", b">-\n", b"? ", b"\xf0\x9f\x98\x80", b"\\", b"\n  - ", b"\n\t",
)  # fmt: skip


def mutate_bytes(ctx: Context) -> str:
    path = _pick(ctx)
    if path is None:
        return "bytes: no file"
    data = bytearray(path.read_bytes())
    rng = ctx.rng
    op = rng.choice(["flip", "insert", "delete", "truncate", "crlf", "cr"])
    at = rng.randrange(len(data) + 1)
    if op == "flip" and data:
        data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
    elif op == "insert":
        data[at:at] = rng.choice(INSERTS)
    elif op == "delete":
        del data[at : at + rng.randrange(1, 40)]
    elif op == "truncate":
        del data[at:]
    elif op == "crlf":
        data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
    else:
        data = bytearray(bytes(data).replace(b"\n", b"\r"))
    path.write_bytes(bytes(data))
    return f"bytes: {op} at {at} in {_rel(ctx, path)}"


# --- values and types ---------------------------------------------------------------------

VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1.5, 10**30, -(10**30), float("inf"), float("nan"), "", " ",
    "\t", "x" * 5000, "é" * 3000, "\x1b]0;titre\x07", "\u202eevil", "\u200b", "😀👩‍👩‍👧",
    "=1+1", "\r=1+1", ";=1+1", "ligne\nligne", "0990001N", "0990002P", "0990001A", "ml-test",
    "ml-deux", "c-durand", "b-martin", "a1", "boulangerie-du-centre", "2026-02-29",
    "2026-09-31", "9999-12-31", "0001-01-01", "1900-01-01", "2100-12-31", "25:61", "09:00",
    "yes", "~", "null", "1e309", "../../etc/passwd", "[link=https://x.example]x[/link]",
    "<script>alert(1)</script>", "{{ 7*7 }}", "%s%n", [], [1, 2], [[[[[]]]]], {},
    {"cle": "valeur"}, {"date": "2026-10-01"}, ["x"] * 100,
)  # fmt: skip


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _load(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError):
        return None


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # aliases only where a mutation means them


def _dump(path: Path, data: Any) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def replace_value(ctx: Context) -> str:
    path = _pick(ctx)
    data = _load(path) if path else None
    if path is None or not isinstance(data, dict):
        return mutate_bytes(ctx)
    rng = ctx.rng
    where = rng.choice([p for p in _paths(data) if p])
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    op = rng.choice(["set", "set", "set", "delete", "add", "repeat"])
    value = copy.deepcopy(rng.choice(VALUES))
    if op == "delete":
        del parent[where[-1]]
    elif op == "add" and isinstance(parent, dict):
        parent[rng.choice(["inconnue", "Nom", "date ", "id2", "🙂"])] = value
    elif op == "repeat" and isinstance(parent, list):
        parent.extend(copy.deepcopy(parent[where[-1]]) for _ in range(rng.choice((1, 5, 50))))
    else:
        parent[where[-1]] = value
    _dump(path, data)
    return f"value: {op} {'.'.join(map(str, where))} = {str(value)[:30]!r} in {_rel(ctx, path)}"


def unicode_text(ctx: Context) -> str:
    path = _pick(ctx)
    if path is None:
        return "unicode: no file"
    text = path.read_text(encoding="utf-8", errors="replace")
    op = ctx.rng.choice(["nfd", "fullwidth-digits", "zero-width", "combining", "bidi", "upper"])
    if op == "nfd":
        text = unicodedata.normalize("NFD", text)
    elif op == "fullwidth-digits":
        text = re.sub(r"[0-9]", lambda m: chr(0xFF10 + int(m[0])), text, count=8)
    elif op == "zero-width":
        text = text.replace("nom: ", "nom: \u200d", 1)
    elif op == "combining":
        text = text.replace("nom: ", "nom: e" + "\u0301" * 300, 1)
    elif op == "bidi":
        text = text.replace("prenom: ", "prenom: \u202e\u2066", 1)
    else:
        text = text.replace("id: ", "ID: ", 1)
    path.write_text(text, encoding="utf-8")
    return f"unicode: {op} in {_rel(ctx, path)}"


# --- YAML features ------------------------------------------------------------------------

SNIPPETS = (
    "a: &ancre 1\nb: *ancre\n", "<<: {nom: x}\n", "x: !!python/object/apply:os.system [ls]\n",
    "x: !!binary aGVsbG8=\n", "x: !!set {a, b}\n", "x: !perso 1\n", "---\nid: deux\n",
    "...\n", "%YAML 1.1\n---\n", "? [a, b]\n: c\n", "x: " + "[" * 400 + "]" * 400 + "\n",
    "x: " + "[" * 1200 + "]" * 1200 + "\n", "x: " + "{a: " * 60 + "1" + "}" * 60 + "\n",
    "x: 'non fermé\n", 'x: "\\e]0;t\\a\\x9b"\n', "\tx: 1\n", "x: " + "y" * 200_000 + "\n",
    "# seulement un commentaire\n", "x: |\n  bloc\n   texte\n", "x: 0b101\ny: 0x1F\nz: 1_000\n",
    "x: 12:30:00\n", "x: .inf\ny: -.nan\n", "x: 2026-10-15T10:00:00Z\n", "id: 1\nid: 2\n",
)  # fmt: skip


def yaml_feature(ctx: Context) -> str:
    path = _pick(ctx)
    if path is None:
        return "yaml: no file"
    snippet = ctx.rng.choice(SNIPPETS)
    text = path.read_text(encoding="utf-8", errors="replace")
    where = ctx.rng.choice(["start", "end", "replace"])
    if where == "start":
        text = snippet + text
    elif where == "end":
        text = text + snippet
    else:
        text = snippet
    path.write_text(text, encoding="utf-8")
    return f"yaml: {where} {snippet[:25]!r} in {_rel(ctx, path)}"


# --- identifiers and references -----------------------------------------------------------


def identifiers(ctx: Context) -> str:
    rng, records = ctx.rng, ctx.depot / "records"
    op = rng.choice(["collide", "copy", "rename", "move", "uai", "delete", "unknown"])
    dossiers = yaml_files(ctx.depot / "records/jeunes") if (records / "jeunes").is_dir() else []
    references = [p for p in yaml_files(ctx.depot) if p not in dossiers and p.parent != records]
    if op == "collide" and len(dossiers) > 1:
        one, other = rng.sample(dossiers, 2)
        text = one.read_text(encoding="utf-8", errors="replace")
        one.write_text(re.sub(r"(?m)^id: .*$", f"id: {other.stem}", text, count=1), "utf-8")
    elif op == "copy" and references:
        source = rng.choice(references)
        name = rng.choice(["aa-copie.yaml", "zz-copie.yaml", "0990001N.yaml"])
        (source.parent / name).write_bytes(source.read_bytes())
    elif op == "rename" and dossiers:
        path = rng.choice(dossiers)
        path.rename(path.with_name(rng.choice(["autre.yaml", "0990001N-2026-999.yaml"])))
    elif op == "move" and dossiers:
        path = rng.choice(dossiers)
        target = records / "jeunes" / rng.choice(["2025/0990001N", "2026/0990002P", "x"])
        target.mkdir(parents=True, exist_ok=True)
        path.rename(target / path.name)
    elif op == "uai" and (path := _pick(ctx)):
        text = path.read_text(encoding="utf-8", errors="replace")
        path.write_text(text.replace("0990001N", rng.choice(["0990001A", "0990009X"])), "utf-8")
    elif op == "delete" and references:
        rng.choice(references).unlink()
    elif path := _pick(ctx):
        text = path.read_text(encoding="utf-8", errors="replace")
        for old in ("c-durand", "ml-test", "a-benali", "boulangerie-du-centre", "a1"):
            text = text.replace(old, f"{old}-inconnu")
        path.write_text(text, encoding="utf-8")
    return f"ids: {op}"


DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
EXTREME_DATES = (
    "1900-01-01", "2100-12-31", "0001-01-01", "9999-12-31", "2026-02-29", "2028-02-29",
    "2026-13-01", "2026-09-31", "1899-12-31", "2101-01-01", "2026-00-10", "10000-01-01",
    "2026-07-01", "2026-12-31", "2027-01-01", "2026-09-30", "2026-10-01",
)  # fmt: skip


def extreme_date(ctx: Context) -> str:
    path = _pick(ctx, "jeunes") or _pick(ctx)
    if path is None:
        return "date: no file"
    text = path.read_text(encoding="utf-8", errors="replace")
    found = list(DATE.finditer(text))
    if not found:
        return mutate_bytes(ctx)
    match, new = ctx.rng.choice(found), ctx.rng.choice(EXTREME_DATES)
    path.write_text(text[: match.start()] + new + text[match.end() :], encoding="utf-8")
    return f"date: {match[0]} -> {new} in {_rel(ctx, path)}"


def settings(ctx: Context) -> str:
    rng = ctx.rng
    key = rng.choice([
        "suivi.intervalle_points_jours", "suivi.seuil_assiduite_pourcent",
        "suivi.fenetre_assiduite_semaines", "suivi.absences_consecutives_max",
        "suivi.tentatives_contact_injoignable", "suivi.horizon_alerte_jours",
        "suivi.horizon_echeances_jours", "dispositifs.pae.date_limite_inscription",
        "dispositifs.pae.date_fin", "dispositifs.avenirpro_plus.debut_campagne",
        "dispositifs.pae.duree_max_mois", "dispositifs.pae.part_max_stages_entreprise",
        "dispositifs.pae.delai_entretien_approfondi_jours", "forge.url_depot",
    ])  # fmt: skip
    value = rng.choice(
        (0, 1, 52, 100, 366, 367, 3_000_000, -5, 10**20, "02-30", "02-29", "12-31", "01-01",
         "13-01", "1/0", "0/1", "999/1", "2/3", "x", None, [], "https://x\x1b.example")
    )  # fmt: skip
    path = ctx.depot / "records/parametres.yaml"
    data = _load(path) if path.is_file() else None
    data = data if isinstance(data, dict) else {}
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {}) if isinstance(node.get(part, {}), dict) else {}
    node[parts[-1]] = value
    _dump(path, data)
    return f"settings: {key} = {value!r}"


# --- long lists, valid or not, under the size limit ---------------------------------------


def _days(start: str, i: int, span: int) -> str:
    return (date.fromisoformat(start) + timedelta(days=i % span)).isoformat()


def many_items(ctx: Context) -> str:
    """Long lists in the complete dossier, valid as far as possible, so that the rules and
    the pages see them: quadratic work shows here."""
    path = ctx.depot / "records/jeunes/2026/0990001N/0990001N-2026-002.yaml"
    data = _load(path) if path.is_file() else None
    if not isinstance(data, dict) or not isinstance(data.get("parcours"), dict):
        return replace_value(ctx)
    rng = ctx.rng
    n = rng.choice((30, 50, 200, 1500))
    section = rng.choice(["actions", "assiduite", "points", "contacts", "keys"])
    if section == "actions":
        actions = data["parcours"]["actions"]
        model = actions[-1]
        actions += [{**copy.deepcopy(model), "id": f"a{i}"} for i in range(3, n + 1)]
    elif section == "assiduite":
        data["suivi"]["assiduite"] = [
            {"date": _days("2026-11-02", i, 40), "action": "a2",
             "statut": rng.choice(["present", "absent", "retard", "absent_justifie"])}
            for i in range(n)
        ]  # fmt: skip
    elif section == "points":
        data["suivi"]["points"] = [
            {"date": _days("2026-09-13", i, 90), "avec": ["jeune"], "resume": f"Point {i}."}
            for i in range(n)
        ]
    elif section == "contacts":
        contact = data["reperage"]["contacts"][0]
        data["reperage"]["contacts"] = [
            {**copy.deepcopy(contact), "date": _days("2026-07-01", i, 60)} for i in range(n)
        ]
    else:
        data.update({f"cle{i}": i for i in range(n * 20)})
    _dump(path, data)
    if path.stat().st_size > MAX_BYTES:
        ctx.huge = True
    return f"many: {n} {section} in {_rel(ctx, path)} ({path.stat().st_size // 1024} KiB)"


# --- the file system ----------------------------------------------------------------------


def file_system(ctx: Context) -> str:
    rng, records = ctx.rng, ctx.depot / "records"
    op = rng.choice([
        "link-out", "link-broken", "link-dir", "link-loop", "fifo", "dir-yaml", "misplaced",
        "hidden", "other-suffix", "empty", "over-limit", "at-limit", "deep",
    ])  # fmt: skip
    offre = records / "offre"
    offre.mkdir(parents=True, exist_ok=True)
    source = _pick(ctx)
    if op == "link-out" and source:
        secret = ctx.outside / "secret.yaml"
        secret.write_bytes(source.read_bytes())
        source.unlink()
        source.symlink_to(secret)
    elif op == "link-broken":
        (offre / "casse.yaml").symlink_to(ctx.outside / "absent.yaml")
    elif op == "link-dir":
        (records / "jeunes" / "lien").symlink_to(ctx.outside, target_is_directory=True)
    elif op == "link-loop":
        (offre / "boucle.yaml").symlink_to(offre / "boucle.yaml")
    elif op == "fifo":
        os.mkfifo(rng.choice([offre / "tube.yaml", records / "tube"]))
    elif op == "dir-yaml":
        (offre / "dossier.yaml").mkdir()
    elif op == "misplaced" and source:
        target = rng.choice([records / "notes.yaml", records / "jeunes/x.yaml", offre / "a/b.yaml"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    elif op == "hidden" and source:
        (source.parent / f".{source.name}").write_bytes(b"id: cache\n")
    elif op == "other-suffix" and source:
        for suffix in (".yml", ".YAML", ".txt", ".yaml.bak"):
            source.with_name(source.stem + suffix).write_bytes(source.read_bytes())
    elif op == "empty" and source:
        source.write_bytes(b"")
    elif op == "over-limit":
        (offre / "enorme.yaml").write_bytes(b"id: x\n" + b"# " + b"x" * MAX_BYTES + b"\n")
        ctx.huge = True
    elif op == "at-limit":
        keys = "".join(f"cle{i}: {i}\n" for i in range(60_000))
        text = ("id: boulangerie-du-centre\n" + keys)[: MAX_BYTES - 100]
        (offre / "limite.yaml").write_text(text[: text.rfind("\n") + 1], encoding="utf-8")
    elif op == "deep":
        deep = records / "jeunes" / "/".join(["a"] * 30)
        deep.mkdir(parents=True, exist_ok=True)
        (deep / "x.yaml").write_text("id: x\n", encoding="utf-8")
    return f"fs: {op}"


MUTATIONS: tuple[Callable[[Context], str], ...] = (
    mutate_bytes,
    replace_value,
    replace_value,
    unicode_text,
    yaml_feature,
    identifiers,
    extreme_date,
    extreme_date,
    settings,
    many_items,
    file_system,
)
