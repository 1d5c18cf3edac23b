"""The one root exception users may see, mapped to an exit code by the CLI."""

from __future__ import annotations


class PaeError(Exception):
    """A failure explained in French; the CLI prints the message, never a traceback."""

    exit_code = 2


class UsageError(PaeError):
    """Bad options or paths (exit 2)."""


class DataError(PaeError):
    """The records cannot be used for this command (exit 1)."""

    exit_code = 1
