"""`reviewkit init`."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.store import init_project


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Create a review folder FOLDER with reviewkit.db and reviewkit.toml."""
    init_project(folder)
    click.echo(f"review folder ready: {folder}/reviewkit.db, {folder}/reviewkit.toml")
