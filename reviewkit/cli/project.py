"""`reviewkit init`, `reviewkit doctor`, `reviewkit backup`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, project_option
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


@cli.command()
@project_option
def doctor(project: Path | None) -> None:
    """Check the review database with SQLite's integrity and foreign-key checks.

    Reads the file without changing it, so a damaged review can be examined.
    Exits with status 1 when anything is wrong.
    """
    from reviewkit.store import DB_NAME, find_project
    from reviewkit.store.db import integrity_problems

    path = find_project(project=project) / DB_NAME
    problems = integrity_problems(path)
    if not problems:
        click.echo(f"{path}: ok (integrity and foreign keys)")
        return
    for line in problems:
        click.echo(f"{path}: {line}" if not line.startswith(str(path)) else line, err=True)
    click.echo(
        f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}; restore a backup "
        f"({DB_NAME}.before-* beside it, or one made with `reviewkit backup`)",
        err=True,
    )
    sys.exit(1)


@cli.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write the copy to.",
)
@project_option
def backup(output: Path, project: Path | None) -> None:
    """Copy the review database to FILE, consistently, even while others screen."""
    from reviewkit.errors import ReviewkitError

    if output.exists():
        raise ReviewkitError(f"{output}: exists; choose a new file name")
    store, _, _ = open_review(project)
    with store:
        store.backup(output)
    click.echo(f"wrote a copy of the review to {output}")
