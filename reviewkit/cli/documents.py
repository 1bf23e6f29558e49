"""`reviewkit ingest`, `text`, `analyse`, `documents` and `link`."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, print_json, project_option
from reviewkit.document import Document
from reviewkit.errors import ReviewkitError

if TYPE_CHECKING:
    from reviewkit.store import Store


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
@click.option(
    "--wait",
    is_flag=True,
    help="Embed the new passages in this process instead of in the background.",
)
def ingest(
    paths: tuple[Path, ...],
    project: Path | None,
    password: str | None,
    jobs: int | None,
    timeout: float | None,
    no_extract: bool,
    no_embed: bool,
    wait: bool,
) -> None:
    """Ingest PDFs, .txt and .md files (or folders of them) into the review.

    Text and keyword search are stored at once; embedding for semantic search
    then runs in a background `reviewkit index` (or here with --wait).
    Unchanged files are skipped; a killed batch resumes where it stopped when
    run again. Exits with status 1 when any file failed.
    """
    from rich.console import Console

    from reviewkit.cli.progress import callback_progress
    from reviewkit.ingest.batch import FileOutcome
    from reviewkit.pipeline import ingest_paths

    store, config, folder = open_review(project)
    console = Console(stderr=True)
    batch: set[str] = set()
    embed = config.flag("search.embed") and not no_embed

    with store, callback_progress(console, "ingest") as bar:

        def on_file(outcome: FileOutcome, done: int, total: int) -> None:
            if outcome.sha256 and outcome.status != "failed":
                batch.add(outcome.sha256)
            if outcome.status == "failed":
                console.print(f"[red]failed:[/] {outcome.message}", highlight=False, soft_wrap=True)
            for warning in outcome.warnings:
                console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
            for note in outcome.notes:
                console.print(f"note: {note}", highlight=False, soft_wrap=True)
            bar("ingest", done, total)

        report = ingest_paths(
            store,
            config,
            list(paths),
            password=password,
            jobs=jobs,
            timeout=timeout,
            extract=False if no_extract else None,
            embed=embed and wait,
            on_file=on_file,
            progress=bar,
        )
        unmatched = _unmatched(store, batch)
    summary, linked = report.summary, report.linked
    click.echo(
        f"ingested {summary.ingested}, unchanged {summary.unchanged}, "
        f"failed {len(summary.failed)}"
        + (f", with warnings {len(summary.warned)}" if summary.warned else "")
        + (f"; {linked} matched to records" if linked else "")
    )
    if unmatched:
        names = ", ".join(Path(p).name for p in unmatched[:10])
        more = f" and {len(unmatched) - 10} more" if len(unmatched) > 10 else ""
        click.echo(
            f"not matched to any record: {names}{more} "
            "(`reviewkit link FILE RECORD`, or `reviewkit link FILE --new-record`)"
        )
    if embed and not wait and report.index.missing_vectors:
        _embed_in_background(folder, report.index.missing_vectors)
    if summary.failed:
        sys.exit(1)


def _embed_in_background(folder: Path, missing: int) -> None:
    from reviewkit.cli.background import LOG_FILE, start_indexer

    pid, started = start_indexer(folder)
    doing = "embedding" if started else "already embedding"
    click.echo(
        f"keyword search works now; {doing} {missing} passages for semantic search in the "
        f"background (pid {pid}, log {LOG_FILE}); `reviewkit index` waits for it"
    )


def _unmatched(store: Store, batch: set[str]) -> list[str]:
    """Paths of this batch's documents left without a record, when the review has records."""
    from reviewkit.store.documents import current_documents
    from reviewkit.store.records import count_records

    if not batch or count_records(store) == 0:
        return []
    return [d.path for d in current_documents(store) if d.sha256 in batch and d.record_id is None]


@cli.command()
@click.option("--unmatched", is_flag=True, help="Only documents not linked to a record.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@project_option
def documents(unmatched: bool, as_json: bool, project: Path | None) -> None:
    """List the review's documents: sha256, pages, linked record, path and title."""
    from reviewkit.store.documents import current_documents

    store, _, _ = open_review(project)
    with store:
        rows = [d for d in current_documents(store) if not unmatched or d.record_id is None]
    if as_json:
        print_json([asdict(d) for d in rows])
        return
    for d in rows:
        record = str(d.record_id) if d.record_id is not None else "-"
        click.echo(f"{d.sha256[:12]}\t{d.n_pages:>4}p\trecord {record}\t{d.path}\t{d.title or ''}")
    label = "unmatched documents" if unmatched else "documents"
    click.echo(f"{len(rows)} {label}")


@cli.command()
@click.argument("document")
@click.argument("record", required=False)
@click.option("--new-record", is_flag=True, help="Make a record from the document's own metadata.")
@click.option("--unlink", is_flag=True, help="Detach the document from its record.")
@project_option
def link(
    document: str, record: str | None, new_record: bool, unlink: bool, project: Path | None
) -> None:
    """Link DOCUMENT (path, file name or sha256 prefix) to RECORD (id or uid).

    With --new-record, a record is made from the document's title, authors,
    year, DOI and abstract (de-duplicated like any import) and linked.
    """
    from reviewkit.screen.importing import record_from_document
    from reviewkit.store.documents import find_document, link_record
    from reviewkit.store.records import find_record_id

    if sum((record is not None, new_record, unlink)) != 1:
        raise ReviewkitError("give a RECORD, or --new-record, or --unlink (one of them)")
    store, config, _ = open_review(project)
    with store:
        doc = find_document(store, document)
        if unlink:
            link_record(store, doc.sha256, None)
            click.echo(f"{Path(doc.path).name}: no longer linked to a record")
            return
        if new_record:
            record_id, made = record_from_document(
                store,
                doc.sha256,
                title_threshold=config.get("dedup.title_threshold"),
                author_threshold=config.get("dedup.author_threshold"),
            )
            how = "made from its metadata" if made else "found: the review already had it"
            click.echo(f"{Path(doc.path).name}: linked to record {record_id} ({how})")
            return
        assert record is not None
        record_id = find_record_id(store, record)
        link_record(store, doc.sha256, record_id)
    click.echo(f"{Path(doc.path).name}: linked to record {record_id}")


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
