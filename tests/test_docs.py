"""The README's command table says what `pae --help` says: same commands, real options."""

from __future__ import annotations

import re
from pathlib import Path

import click

from pae.cli.main import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def command_rows() -> dict[str, str]:
    """`name` → the whole row, for each row of the table under « Les commandes »."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Les commandes") :]
    table = table[: table.index("\n## ")]
    rows = {}
    for line in table.splitlines():
        found = re.match(r"\| `pae ([a-z]+)[^`]*` \|", line)
        if found:
            rows[found[1]] = line
    return rows


def options_of(command: click.Command) -> set[str]:
    return {name for p in command.params for name in getattr(p, "opts", [])}


def test_the_readme_lists_every_command_and_only_them() -> None:
    assert sorted(command_rows()) == sorted(cli.commands)


def test_every_option_the_readme_names_exists() -> None:
    for name, row in command_rows().items():
        named = set(re.findall(r"(--[a-z][a-z-]*)", row))
        assert named <= options_of(cli.commands[name]) | {"--help"}, name
