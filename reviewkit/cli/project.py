"""`reviewkit init`."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.store import init_project


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from",
    "from_",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A file written by `reviewkit share`: open that copy of a review here.",
)
def init(folder: Path, from_: Path | None) -> None:
    """Create a review folder FOLDER with reviewkit.db and reviewkit.toml.

    With --from FILE the folder holds the shared copy: its records, full
    texts, settings, ranking and the one reviewer's own decisions.
    """
    if from_ is None:
        init_project(folder)
        click.echo(f"review folder ready: {folder}/reviewkit.db, {folder}/reviewkit.toml")
        return
    from reviewkit.store.share import init_from_share

    opened = init_from_share(folder, from_)
    m = opened.manifest
    click.echo(
        f"review folder ready: {folder}, from {from_} (shared for {m.reviewer} on "
        f"{m.created_at[:10]}): {opened.n_records} records, {opened.n_documents} documents, "
        f"{opened.n_decisions} decisions"
    )
    click.echo(f"screen with: reviewkit screen --project {folder} --reviewer {m.reviewer}")
