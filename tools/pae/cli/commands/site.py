"""`pae site`: generate the team site's pages from records/, then build it with MkDocs."""

from __future__ import annotations

from typing import TextIO

from pae.errors import UsageError
from pae.site.assembly import Options
from pae.site.publish import build_site, invalid_message, preview, preview_with_forms

__all__ = ["Options", "run"]


def run(opts: Options, out: TextIO, err: TextIO) -> int:
    if opts.edition and not opts.serve:
        raise UsageError("--edition va avec --servir")
    if opts.serve:

        def say(message: str) -> None:
            stream = err if message.startswith(("Attention", "Erreur")) else out
            stream.write(message + "\n")
            stream.flush()

        (preview_with_forms if opts.edition else preview)(opts, say)
        return 0
    built = build_site(opts)
    if built.invalid:
        err.write(invalid_message(built.invalid) + "\n")
    for message in built.warnings:
        err.write(f"Avertissement de MkDocs (message d'origine, en anglais) : {message}\n")
    elapsed = f"{built.seconds:.1f}".replace(".", ",")
    out.write(
        f"Site construit dans {built.output} : {built.dossiers} dossier(s), "
        f"{built.lycees} lycée(s), en {elapsed} s.\n"
    )
    if built.edition.built:
        out.write(f"Formulaires de saisie : {built.output / 'edition'}/\n")
    else:
        out.write(f"Formulaires de saisie non construits : {built.edition.reason}.\n")
    return 0
