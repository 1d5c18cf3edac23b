"""Options several `pae` commands share: the reference date, the repository, the filters."""

from __future__ import annotations

import ipaddress
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from pae.labels import label
from pae.records.schema_walk import enum_values
from pae.records.schemas import YEARS

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "AAAA-MM-JJ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value)
        # fromisoformat alone also takes 20261001 and 2026-W40-4: insist on AAAA-MM-JJ.
        if not _ISO_DATE.fullmatch(text):
            self.fail(f"date invalide « {value} » : format attendu AAAA-MM-JJ", param, ctx)
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(
                f"la date « {value} » n'existe pas : indiquer un jour du calendrier, au "
                "format AAAA-MM-JJ",
                param,
                ctx,
            )
        if day.year not in YEARS:
            # The schemas refuse these years too; beyond them, date arithmetic overflows.
            self.fail(
                f"date « {value} » hors limites : une année entre {YEARS.start} et "
                f"{YEARS.stop - 1} est attendue",
                param,
                ctx,
            )
        return day


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class AddressParam(click.ParamType):  # type: ignore[type-arg]
    """`HÔTE:PORT` of the preview: an IP address (or localhost) and a port that exists."""

    name = "HÔTE:PORT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        host, _, port = str(value).rpartition(":")
        try:
            if host != "localhost":
                ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
            if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
                raise ValueError(port)
        except ValueError:
            self.fail(
                f"adresse « {value} » invalide : HÔTE:PORT attendu, par exemple 127.0.0.1:8000 "
                "(port entre 1 et 65535)",
                param,
                ctx,
            )
        return str(value)


def date_option(func: F) -> F:
    """`--date`: the reference date ("today"), so that every result is reproducible."""
    return click.option(
        "--date",
        "today",
        type=DateParam(),
        default=None,
        help="Date de référence (« aujourd'hui ») au format AAAA-MM-JJ ; "
        "par défaut, la date du jour.",
    )(func)


def _set_depot(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["depot"] = value.resolve()


DEPOT_HELP = (
    "Dépôt de données à utiliser (dossier qui contient records/) ; par défaut, le dossier courant."
)

depot_option = click.option(
    "--depot",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DOSSIER",
    default=None,
    expose_value=False,
    callback=_set_depot,
    help=DEPOT_HELP,
)
"""`--depot` also after the command name: `pae statut --depot ../lycee`."""


def filter_options(func: F) -> F:
    """`--etablissement`, `--referent` and `--conseiller`: one lycée's young people, one
    référent's or one conseiller's of the mission locale."""
    func = click.option(
        "--conseiller",
        metavar="ID",
        help="Seulement les jeunes de ce conseiller de la mission locale.",
    )(func)
    func = click.option("--referent", metavar="ID", help="Seulement les jeunes de ce référent.")(
        func
    )
    return click.option("--etablissement", metavar="UAI", help="Seulement les jeunes de ce lycée.")(
        func
    )


def root_of(ctx: click.Context) -> Path:
    root: Path = ctx.obj["depot"]
    return root


def today_or(value: date | None) -> date:
    # The only call to date.today(): below the CLI everything takes the date as an argument.
    return value or date.today()


def event_options(func: F) -> F:
    """`--le` (the event's day), `--date` (the reference date) and `--commit`."""
    func = record_options(func)
    return click.option(
        "--le",
        "day",
        type=DateParam(),
        default=None,
        help="Jour de l'événement au format AAAA-MM-JJ ; par défaut, la date du jour.",
    )(func)


def convention_options(func: F) -> F:
    """A company placement's convention and tutor, on `pae action`."""
    for name, text in (
        ("--tuteur-fonction", "Sa fonction dans l'entreprise."),
        ("--tuteur", "Stage en entreprise : le tuteur qui accueille le jeune."),
        ("--convention-ref", "Stage en entreprise : référence de la convention."),
    ):
        func = click.option(name, metavar="TEXTE", help=text)(func)
    return click.option(
        "--convention-le",
        type=DateParam(),
        help="Stage en entreprise : jour où la convention a été signée (obligatoire dès le "
        "premier jour du stage).",
    )(func)


def record_options(func: F) -> F:
    """`--date` (the reference date) and `--commit`, for every command that writes."""
    func = click.option(
        "--commit",
        "commit",
        is_flag=True,
        help="Enregistrer aussi la modification dans git (git add et git commit, avec un "
        "message qui nomme le dossier et l'événement).",
    )(func)
    return date_option(func)


def choice(kind: str, *path: str) -> click.Choice:  # type: ignore[type-arg]
    """The values a schema field allows, as a click choice (one list: the schema's)."""
    return click.Choice(enum_values(kind, *path))


def values_help(kind: str, *path: str, table: dict[str, str]) -> str:
    """« telephone (téléphone), sms (SMS), … » for a help text or a prompt."""
    return ", ".join(
        v if label(table, v) == v else f"{v} ({label(table, v)})" for v in enum_values(kind, *path)
    )


def run_event(
    ctx: click.Context,
    dossier: str,
    day: date | None,
    today: date | None,
    commit: bool,
    change: Callable[..., str],
) -> None:
    """Record one event: `change(doc, dossier, context, day)` edits the document."""
    from pae.cli.commands import evenement

    when = today_or(day)
    opts = evenement.Options(root_of(ctx), today_or(today), dossier, commit)
    ctx.exit(evenement.run(opts, lambda doc, d, c: change(doc, d, c, when), sys.stdout))
