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
    name = template or config.text("extract.template")
    with store, callback_progress(Console(stderr=True), f"extract ({name})") as callback:
        n = ensure_extracted(store, name, redo=redo, progress=callback)
    click.echo(f"extracted {n} document(s) with template '{name}'")


@cli.group(name="eval")
def eval_group() -> None:
    """Measure reviewkit against hand-annotated gold files."""


@eval_group.command(name="extraction")
@click.option(
    "--gold",
    "gold_dir",
    default=None,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold JSON files (format of ../shared/gold); leave it out for a corpus "
    "split into tuning/ and held-out/ halves (corpora/real), each scored on its own.",
)
@click.option(
    "--corpus",
    "corpus_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding the documents (.pdf, .txt, .md) the gold files name.",
)
@click.option(
    "--half",
    type=click.Choice(["tuning", "held-out"]),
    default=None,
    help="Score only this half of a split corpus (default: both, separately).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_extraction(
    gold_dir: Path | None, corpus_dir: Path, half: str | None, as_json: bool
) -> None:
    """Precision, recall and F1 per field and per document against gold files.

    A value whose quote does not round-trip to `reviewkit text` counts as
    wrong. A split corpus (tuning/gold, held-out/gold) is reported half by
    half, never pooled: the held-out half is the honest measure.
    """
    from reviewkit.errors import InvalidArgumentError
    from reviewkit.extract.evaluate import corpus_halves, evaluate_corpus, format_report
    from reviewkit.ingest.parse import read_any

    if gold_dir is not None:
        report = evaluate_corpus(gold_dir, corpus_dir, read=read_any)
        if as_json:
            print_json(report.to_json())
        else:
            click.echo(format_report(report))
        return
    halves = corpus_halves(corpus_dir)
    if half is not None:
        halves = {k: v for k, v in halves.items() if k == half}
    if not halves:
        raise InvalidArgumentError(
            f"{corpus_dir}: no gold files; pass --gold DIR, or a corpus with "
            "tuning/gold and held-out/gold folders"
        )
    reports = {name: evaluate_corpus(g, docs, read=read_any) for name, (g, docs) in halves.items()}
    if as_json:
        print_json({"halves": {name: r.to_json() for name, r in reports.items()}})
        return
    for name, report in reports.items():
        click.echo(f"== {name} half ({len(report.documents)} documents) ==")
        click.echo(format_report(report))
