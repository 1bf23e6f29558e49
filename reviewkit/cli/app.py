"""The click group every command module registers on, and the error boundary."""

from __future__ import annotations

import sys

import click

from reviewkit import __version__
from reviewkit.errors import ReviewkitError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewkit")
def cli() -> None:
    """reviewkit: local-first evidence review.

    Ingest PDFs into page-faithful text, extract definitions, continua, study
    designs and outcome reporting with verbatim quotes, screen records in a
    terminal UI, search the corpus, and export evidence tables.
    """


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run a command, turning errors into one line."""
    try:
        cli.main(args=argv, prog_name="reviewkit", standalone_mode=False)
    except ReviewkitError as exc:
        click.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
