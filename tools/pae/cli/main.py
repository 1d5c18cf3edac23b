"""The `pae` command: parses options into plain objects; the work is done elsewhere.

Each command's options are declared in `reading` or `setup`; its work, in
`commands/<name>.py`, imported only when the command runs.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import click

from pae.cli import french

# Before the commands are defined: click names their path types (« dossier ») then.
french.install()

from pae.cli.campaign import CAMPAIGN_COMMANDS  # noqa: E402
from pae.cli.enrolment import ENROLMENT_COMMANDS  # noqa: E402
from pae.cli.follow_up import FOLLOW_UP_COMMANDS  # noqa: E402
from pae.cli.options import DEPOT_HELP  # noqa: E402
from pae.cli.reading import echeances, statut, valider  # noqa: E402
from pae.cli.recording import importer, nouveau  # noqa: E402
from pae.cli.setup import codeowners, init, site  # noqa: E402
from pae.errors import PaeError  # noqa: E402
from pae.terminal import visible  # noqa: E402


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.option(
    "--depot",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help=DEPOT_HELP,
)
@click.version_option(package_name="pae", message="pae %(version)s")
@click.pass_context
def cli(ctx: click.Context, depot: Path) -> None:
    """Suivi du Parcours Ambition Emploi (AvenirPro+) : dossiers, échéances, site de l'équipe.

    Chaque commande travaille sur le dépôt du dossier courant, ou sur celui de --depot.
    """
    ctx.obj = {"depot": depot.resolve()}


for _command in (
    valider,
    statut,
    echeances,
    nouveau,
    importer,
    *ENROLMENT_COMMANDS,
    *FOLLOW_UP_COMMANDS,
    *CAMPAIGN_COMMANDS,
    codeowners,
    init,
    site,
):
    cli.add_command(_command)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program stands so that every `finally` cleans up (a killed
    `pae site` would leave its build folders behind)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _interrupted(exc: BaseException) -> int:
    click.echo("Interrompu.", err=True)
    return 143 if isinstance(exc, Terminated) else 130  # 128 + the signal's number


def main(argv: list[str] | None = None) -> None:
    """Entry point: French errors and exit codes, never a traceback."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        code = _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    sys.exit(code or 0)


def _run(argv: list[str] | None) -> int | None:
    code: int | None
    try:
        code = cli.main(args=argv, prog_name="pae", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Abort as exc:
        # click turns Ctrl-C (and the end of input at a question) into Abort.
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, KeyboardInterrupt):
            code = _interrupted(cause)
        else:
            click.echo("Abandon.", err=True)
            code = 1
    except PaeError as exc:
        click.echo(f"Erreur : {visible(str(exc), keep=chr(10))}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt as exc:
        code = _interrupted(exc)
    except Exception as exc:
        # A bug of ours: say so in French; PAE_DEBUG=1 shows the details for developers.
        if os.environ.get("PAE_DEBUG"):
            raise
        click.echo(
            f"Erreur interne inattendue ({type(exc).__name__}) : merci de la signaler à "
            "l'équipe qui maintient pae, avec la commande lancée (PAE_DEBUG=1 pour le détail).",
            err=True,
        )
        code = 3
    return code
