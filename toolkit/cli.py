"""The command line: a thin Click layer over the library API.

Each command parses its options, calls one library function and renders the result. Library
exceptions become one Dutch line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from toolkit import __version__
from toolkit.errors import SleutelnetError

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn a SleutelnetError (or an unexpected fault) into one line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SleutelnetError as exc:
            click.echo(f"Fout: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Afgebroken.", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sleutelnet")
def cli() -> None:
    """sleutelnet: werkbladen voor het sleutelpersonennetwerk van een gemeente.

    Maak lege werkbladen (template), controleer ingevulde werkbladen (validate) en maak een
    kwartaaloverzicht van veel werkbladen (merge, stats).
    """


def main() -> None:
    cli(prog_name="sleutelnet")
