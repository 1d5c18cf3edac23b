"""Where the commands that produce tables write them: a file (any format) or the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from pae.errors import UsageError
from pae.files import write_atomically
from pae.reports.formats import EXPORT_FORMATS

FORMATS = tuple(EXPORT_FORMATS)  # the same names for the indicators' tables


def format_of(fmt: str | None, output: Path | None, default: str) -> str:
    """`--format`, else the output file's extension, else `default`."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMATS else default


def deliver(data: bytes, fmt: str, output: Path | None, stdout: BinaryIO) -> str | None:
    """Write to `output`, or to the terminal for text formats; the file written, if any."""
    if output is None:
        if fmt in ("xlsx", "ods"):
            raise UsageError(
                f"le format {fmt} s'écrit dans un fichier : ajouter --sortie FICHIER.{fmt}"
            )
        stdout.write(data)
        stdout.flush()
        return None
    write_atomically(output, data, "le fichier")
    return str(output)
