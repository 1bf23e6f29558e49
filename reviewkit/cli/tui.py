"""`reviewkit screen`: the screening TUI."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, project_option
from reviewkit.vocabulary import STAGES


@cli.command()
@project_option
@click.option("--reviewer", default=None, help="Your reviewer name (asked at start if not given).")
@click.option(
    "--stage",
    type=click.Choice(STAGES),
    default="title-abstract",
    show_default=True,
    help="Screening stage.",
)
def screen(project: Path | None, reviewer: str | None, stage: str) -> None:
    """Screen records in a terminal UI (press ? in the app for every key)."""
    from reviewkit.tui.app import make_app

    store, config, _ = open_review(project)
    try:
        make_app(store, config, reviewer=reviewer, stage=stage).run()
    finally:
        store.close()
