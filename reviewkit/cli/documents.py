"""`reviewkit ingest`, `reviewkit text`, `reviewkit analyse`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, print_json, project_option
from reviewkit.document import Document
from reviewkit.errors import ReviewkitError

if TYPE_CHECKING:
    pass


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@project_option
@click.option("--password", default=None, help="Password of encrypted PDFs in this batch.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: ingest.jobs).")
@click.option(
    "--timeout",
    type=float,
    default=None,
    help="Seconds per file before it is stopped (default: ingest.timeout_seconds).",
)
@click.option("--no-extract", is_flag=True, help="Do not run the extraction template.")
@click.option("--no-embed", is_flag=True, help="Index passages for keyword search only.")
def ingest(
    paths: tuple[Path, ...],
    project: Path | None,
    password: str | None,
    jobs: int | None,
    timeout: float | None,
    no_extract: bool,
    no_embed: bool,
) -> None:
    """Ingest PDFs, .txt and .md files (or folders of them) into the review.

    Unchanged files are skipped; a killed batch resumes where it stopped when
    run again. Exits with status 1 when any file failed.
    """
    from rich.console import Console

    from reviewkit.cli.progress import callback_progress
    from reviewkit.ingest.batch import FileOutcome
    from reviewkit.pipeline import ingest_paths

    store, config, _ = open_review(project)
    console = Console(stderr=True)

    with store, callback_progress(console, "ingest") as bar:

        def on_file(outcome: FileOutcome, done: int, total: int) -> None:
            if outcome.status == "failed":
                console.print(f"[red]failed:[/] {outcome.message}", highlight=False, soft_wrap=True)
            for warning in outcome.warnings:
                console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
            bar("ingest", done, total)

        report = ingest_paths(
            store,
            config,
            list(paths),
            password=password,
            jobs=jobs,
            timeout=timeout,
            extract=False if no_extract else None,
            embed=False if no_embed else None,
            on_file=on_file,
            progress=bar,
        )
    summary, linked = report.summary, report.linked
    click.echo(
        f"ingested {summary.ingested}, unchanged {summary.unchanged}, "
        f"failed {len(summary.failed)}"
        + (f", with warnings {len(summary.warned)}" if summary.warned else "")
        + (f"; {linked} matched to records" if linked else "")
    )
    if summary.failed:
        sys.exit(1)


def _read(file: Path, password: str | None) -> Document:
    """Read a file for `text`/`analyse`: the stored text if a review holds it, else parse it."""
    from reviewkit.document import file_sha256
    from reviewkit.ingest.parse import read_any

    if not file.is_file():
        raise ReviewkitError(f"{file}: no such file; check the path")
    try:
        store, _, _ = open_review(None)
    except ReviewkitError:
        store = None
    if store is not None:
        from reviewkit.store.documents import load_document

        doc = load_document(store, file_sha256(file))
        store.close()
        if doc is not None:
            return doc
    return read_any(file, password=password)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--page", type=int, default=None, help="Print only this page (1-based).")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
def text(file: Path, page: int | None, password: str | None) -> None:
    """Print the extracted text of FILE: every page, separated by form feeds.

    This is the exact text that quotes and character offsets point into.
    Works without a review folder.
    """
    doc = _read(file, password)
    if page is None:
        click.echo(doc.full_text, nl=False)
        return
    try:
        click.echo(doc.page(page).text, nl=False)
    except IndexError:
        raise ReviewkitError(
            f"{file}: has no page {page}; it has {len(doc.pages)} pages (1-{len(doc.pages)})"
        ) from None


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the analysis contract as JSON.")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Also list the definitions below extract.min_confidence.",
)
def analyse(file: Path, as_json: bool, password: str | None, everything: bool) -> None:
    """Analyse one document: definitions, continua, study design, outcome reporting.

    Every value comes with its page and verbatim quote. Works without a review
    folder; inside one, its extract.min_confidence decides which definitions
    are shown. The file's warnings (no text layer, pages not read, not a PDF)
    are printed on stderr, as ingest prints them.
    """
    from reviewkit.extract.analyse import analyse_document, summary_text

    threshold = _threshold()
    doc = _read(file, password)
    for warning in doc.warnings:  # what ingest would say of the file
        line = warning if warning.startswith(str(file)) else f"{file}: {warning}"
        click.secho(f"warning: {line}", err=True, fg="yellow")
    analysis = analyse_document(doc, threshold=threshold)
    if as_json:
        print_json(analysis.to_json(everything))
    else:
        click.echo(summary_text(analysis, everything=everything))


def _threshold() -> float:
    """extract.min_confidence of the review around the cwd, else its default."""
    from reviewkit.config import defaults
    from reviewkit.store import find_project, folder_config

    try:
        folder = find_project()
    except ReviewkitError:
        return defaults().number("extract.min_confidence")
    return folder_config(folder).number("extract.min_confidence")
