"""`reviewkit demo`."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reviewkit-demo"),
    show_default=True,
    help="Folder for the demo review and its outputs (recreated on each run).",
)
def demo(out: Path) -> None:
    """Run the whole pipeline on the bundled demo corpus (corpora/demo).

    Imports search results with de-duplication, screens them (decisions
    simulated from the corpus's known answers) with prioritisation and the
    stopping rule, ingests the PDFs, extracts, searches, maps the quagmire and
    exports the evidence tables and the PRISMA diagram into --out.
    """
    from rich.console import Console

    from reviewkit.cli.progress import callback_progress
    from reviewkit.demo import run_demo

    console = Console(stderr=True)
    click.echo(f"reviewkit demo: writing the review and its outputs to {out}/")
    with callback_progress(console, "embedding") as progress:
        result = run_demo(out, say=lambda line: click.echo(f"- {line}"), progress=progress)
    click.echo(f"done in {result.facts['seconds']} s. Outputs:")
    for name, path in result.files.items():
        click.echo(f"  {name:<15} {path}")
    click.echo(f"  {'review':<15} {out / 'reviewkit.db'}  (try: cd {out} && reviewkit status)")
