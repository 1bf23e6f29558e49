"""`reviewkit extract` and `reviewkit eval extraction`."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, print_json, project_option


@cli.command()
@project_option
@click.option(
    "--template",
    default=None,
    help="Template name (extraction_templates/NAME.yaml) or path; default: extract.template.",
)
@click.option("--redo", is_flag=True, help="Propose again for documents already extracted.")
def extract(project: Path | None, template: str | None, redo: bool) -> None:
    """Run an extraction template over the review's documents.

    Every value is stored with its evidence, method, confidence and the status
    "proposed"; reviewers accept, edit or reject it in `reviewkit screen`.
    """
    from rich.console import Console

    from reviewkit.cli.progress import callback_progress
    from reviewkit.extract.run import ensure_extracted

    store, config, _ = open_review(project)
    name = template or config["extract.template"]
    with callback_progress(Console(stderr=True), f"extract ({name})") as callback:
        n = ensure_extracted(store, name, redo=redo, progress=callback)
    click.echo(f"extracted {n} document(s) with template '{name}'")


@cli.group(name="eval")
def eval_group() -> None:
    """Measure reviewkit against hand-annotated gold files."""


@eval_group.command(name="extraction")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold JSON files (format of ../shared/gold).",
)
@click.option(
    "--corpus",
    "corpus_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding the PDFs the gold files name.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_extraction(gold_dir: Path, corpus_dir: Path, as_json: bool) -> None:
    """Precision, recall and F1 per field and per document against gold files.

    A value whose quote does not round-trip to `reviewkit text` counts as wrong.
    """
    from reviewkit.extract.evaluate import evaluate_corpus, format_report

    report = evaluate_corpus(gold_dir, corpus_dir)
    if as_json:
        print_json(report.to_json())
    else:
        click.echo(format_report(report))
