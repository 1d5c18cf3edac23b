"""French for click's own words (usage, help, usage errors): every user-facing word is French."""

from __future__ import annotations

import importlib
from collections.abc import Callable

_FR = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Voir « {command} {option} » pour l'aide.",
    "No such option {name!r}.": "option inconnue : {name}",
    "No such option: {name}": "option inconnue : {name}",
    "No such command {name!r}.": "commande inconnue : {name}",
    "Missing command.": "commande manquante.",
    "Missing argument": "argument manquant",
    "Missing option": "option manquante",
    "Missing parameter": "paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Option {name!r} does not take a value.": "l'option {name} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "l'option {name} demande une valeur.",
    "Option {name!r} requires {nargs} arguments.": "l'option {name} demande {nargs} valeurs.",
    "{value!r} is not {choice}.": "« {value} » n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "« {value} » n'est pas parmi {choices}.",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "{name} « {filename} » est un fichier.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » est un dossier.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "default: {default}": "par défaut : {default}",
    "Aborted!": "Abandon.",
    "Got unexpected extra argument ({args})": "argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "arguments en trop ({args})",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire : {possibilities} ?)",
    "integer": "entier",
}


def _gettext(message: str) -> str:
    return _FR.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


_MODULES = ("core", "exceptions", "formatting", "decorators", "types", "parser", "termui")


_TYPE_NAMES = {
    "StringParamType": "texte",
    "IntParamType": "entier",
    "IntRange": "entier",
    "FloatParamType": "nombre",
    "BoolParamType": "booléen",
    "Path": "chemin",
    "File": "fichier",
}


def install() -> None:
    """Swap click's gettext for ours; click reads it through module globals."""
    import click.types

    # Metavars (TEXT, INTEGER RANGE) are the upper-cased type names.
    for cls_name, french in _TYPE_NAMES.items():
        getattr(click.types, cls_name).name = french
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        patches: dict[str, Callable[..., str]] = {"_": _gettext, "ngettext": _ngettext}
        for attr, func in patches.items():
            if hasattr(module, attr):
                setattr(module, attr, func)
