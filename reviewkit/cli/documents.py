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
from reviewkit.store import Store

if TYPE_CHECKING:
    from rich.console import Console


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

    from reviewkit.cli.progress import progress_bar
    from reviewkit.ingest.batch import IngestSummary, discover, ingest_files

    store, config, _ = open_review(project)
    console = Console(stderr=True)
    files, problems = discover(list(paths))
    summary = IngestSummary()
    for outcome in problems:
        summary.add(outcome)
        console.print(f"[red]failed:[/] {outcome.message}", highlight=False, soft_wrap=True)
    template = None if no_extract or not config["ingest.extract"] else config["extract.template"]
    with progress_bar(console, "ingest", total=len(files)) as advance:
        for outcome in ingest_files(
            store,
            files,
            password=password,
            jobs=config["ingest.jobs"] if jobs is None else jobs,
            timeout=config["ingest.timeout_seconds"] if timeout is None else timeout,
            max_pages=config["ingest.max_pages"],
            template=template,
        ):
            summary.add(outcome)
            if outcome.status == "failed":
                console.print(f"[red]failed:[/] {outcome.message}", highlight=False, soft_wrap=True)
            for warning in outcome.warnings:
                console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
            advance()
    from reviewkit.ingest.match import link_documents

    linked = link_documents(store)
    _index(store, console, embed=config["search.embed"] and not no_embed)
    click.echo(
        f"ingested {summary.ingested}, unchanged {summary.unchanged}, "
        f"failed {len(summary.failed)}"
        + (f", with warnings {len(summary.warned)}" if summary.warned else "")
        + (f"; {linked} matched to records" if linked else "")
    )
    if summary.failed:
        sys.exit(1)


def _index(store: Store, console: Console, *, embed: bool) -> None:
    """Index the new documents' passages for search (embedding them when `embed`)."""
    from reviewkit.cli.progress import callback_progress
    from reviewkit.search.index import index_documents

    with callback_progress(console, "embed passages") as callback:
        index_documents(store, embed=embed, progress=callback)


def _read(file: Path, password: str | None) -> Document:
    """Read a file for `text`/`analyse`: the stored text if a review holds it, else parse it."""
    from reviewkit.ingest.batch import file_sha256
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
    are shown.
    """
    from reviewkit.extract.analyse import analyse_document, summary_text

    threshold = _threshold()
    analysis = analyse_document(_read(file, password), threshold=threshold)
    if as_json:
        print_json(analysis.to_json(everything))
    else:
        click.echo(summary_text(analysis, everything=everything))


def _threshold() -> float:
    """extract.min_confidence of the review around the cwd, else its default."""
    from reviewkit.config import CONFIG_NAME, defaults, load_config
    from reviewkit.store import find_project

    try:
        folder = find_project()
    except ReviewkitError:
        return float(defaults()["extract.min_confidence"])
    return float(load_config(folder / CONFIG_NAME)["extract.min_confidence"])
