"""The README's command table says what `pae --help` says: same commands, real options."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest

from pae.cli.main import cli, main

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
    """The options of a command, or of all the subcommands of a group."""
    found = {name for p in command.params for name in getattr(p, "opts", [])}
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found |= options_of(sub)
    return found


def test_the_readme_lists_every_command_and_only_them() -> None:
    assert sorted(command_rows()) == sorted(cli.commands)


def test_every_option_the_readme_names_exists() -> None:
    for name, row in command_rows().items():
        named = set(re.findall(r"(--[a-z][a-z-]*)", row))
        assert named <= options_of(cli.commands[name]) | {"--help"}, name


def walkthrough() -> list[list[str]]:
    """The commands of the README's walk-through, each split as a shell would."""
    text = README.read_text(encoding="utf-8")
    part = text[text.index("## Noter ce qui se passe, pas à pas") :]
    block = part[part.index("```\n") + 4 :]
    block = block[: block.index("```")]
    return [shlex.split(line)[1:] for line in block.splitlines() if line.startswith("pae ")]


def test_the_walk_through_runs_and_the_records_stay_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "demo"
    for name in ("records", "schema"):
        shutil.copytree(README.parent / name, root / name)
    steps = walkthrough()
    assert [s[0] for s in steps][:3] == ["nouveau", "contact", "entretien"]
    assert all(args[-2:] == ["--date", "2026-12-20"] for args in steps)  # as printed
    for args in steps:
        for command in (args, ["valider", "--date", "2026-12-20"]):
            with pytest.raises(SystemExit) as exited:
                main(["--depot", str(root), *command])
            assert exited.value.code == 0, (args, capsys.readouterr())
    with pytest.raises(SystemExit):
        main(["--depot", str(root), "statut", "0990001N-2026-016", "--date", "2026-12-20"])
    assert "Étape : Terminé" in capsys.readouterr().out


ENGLISH_PLACEHOLDERS = re.compile(
    r"\b(DIRECTORY|FILE|FILENAME|PATH|TEXT|INTEGER|FLOAT|BOOLEAN|UUID|RANGE)\b"
)


def every_command(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += every_command(sub, (*path, name))
    return found


@pytest.mark.parametrize("path", every_command(cli), ids=lambda p: " ".join(("pae", *p)))
def test_no_english_placeholder_in_any_help(path: tuple[str, ...]) -> None:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    text = command.get_help(click.Context(command, info_name=" ".join(("pae", *path))))
    assert "--depot" not in text or "--depot DOSSIER" in text
    assert ENGLISH_PLACEHOLDERS.findall(text) == [], text
