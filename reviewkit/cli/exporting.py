"""`reviewkit export evidence|records|methods|prisma|audit`."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import F, open_review, project_option
from reviewkit.export.evidence import EVIDENCE_WRITERS
from reviewkit.export.records import DECISIONS, RECORD_WRITERS
from reviewkit.vocabulary import STAGES

_SUFFIX_FORMATS = {".htm": "html", ".markdown": "md", ".bib": "bibtex", ".txt": "ris"}


def _format(fmt: str | None, output: Path | None, known: Collection[str], default: str) -> str:
    """The --format given, else the one the output's suffix names, else `default`."""
    if fmt:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        guess = _SUFFIX_FORMATS.get(suffix, suffix.lstrip("."))
        if guess in known:
            return guess
    return default


def _emit(data: bytes, output: Path | None, binary: bool) -> None:
    if output is None:
        if binary:
            raise click.UsageError("this format is binary; name a file with -o FILE")
        click.echo(data, nl=False)


def _notes(notes: list[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)


def _output_option(*, required: bool, help: str) -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        required=required,
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help,
    )


output_option = _output_option(required=False, help="File to write (default: standard output).")


@cli.group(name="export")
def export_group() -> None:
    """Export evidence tables, records, the PRISMA 2020 diagram and the audit trail."""


@export_group.command(name="evidence")
@project_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EVIDENCE_WRITERS)),
    default=None,
    help="Output format (default: from the -o suffix, else csv).",
)
@output_option
@click.option(
    "--template",
    default=None,
    help="Extraction template whose fields are the columns; default: extract.template.",
)
@click.option(
    "--status",
    type=click.Choice(["all", "accepted"]),
    default="all",
    show_default=True,
    help="'accepted': only values a reviewer accepted or edited.",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Also show proposals below extract.min_confidence.",
)
def export_evidence(
    project: Path | None,
    fmt: str | None,
    output: Path | None,
    template: str | None,
    status: str,
    everything: bool,
) -> None:
    """The evidence table: one row per included study, one column per template field.

    Every value carries its page ("conceptual (p. 2)"); "✓" marks values a
    reviewer accepted or edited, "?" values only proposed. XLSX adds a sheet
    of every quote. CSV and XLSX cells never hold a live formula.
    """
    from reviewkit.export.evidence import export_evidence as run

    fmt = _format(fmt, output, EVIDENCE_WRITERS, "csv")
    if output is None and fmt == "xlsx":
        raise click.UsageError("xlsx is binary; name a file with -o FILE.xlsx")
    store, config, _ = open_review(project)
    with store:
        result = run(
            store,
            fmt,
            output,
            template=template or config.text("extract.template"),
            status=status,
            min_confidence=0.0 if everything else config.number("extract.min_confidence"),
        )
    _emit(result.data, output, fmt == "xlsx")
    _notes(result.notes)
    if output is not None:
        click.echo(f"wrote {result.n_studies} studies to {output}")


@export_group.command(name="records")
@project_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(RECORD_WRITERS)),
    default=None,
    help="Output format (default: from the -o suffix, else ris).",
)
@click.option(
    "--decision",
    type=click.Choice(DECISIONS),
    default="include",
    show_default=True,
    help="Final label of the records to export; 'all' exports every record.",
)
@click.option(
    "--stage",
    type=click.Choice(STAGES),
    default=None,
    help="Stage whose decisions count (default: full-text once any exist).",
)
@click.option(
    "--with-decisions",
    is_flag=True,
    help="Add per stage each record's decision, exclusion reasons, notes and each "
    "reviewer's label, and ASReview's label_included: CSV columns (with the record's id "
    "and uid), RIS N1 notes or a BibTeX note.",
)
@output_option
def export_records(
    project: Path | None,
    fmt: str | None,
    decision: str,
    stage: str | None,
    with_decisions: bool,
    output: Path | None,
) -> None:
    """Records by screening decision as RIS, BibTeX or CSV (reference managers, ASReview).

    `--decision all --format csv --with-decisions` lists every record with the
    id `reviewkit decide` takes and where its screening stands.
    """
    from reviewkit.export.records import export_records as run

    fmt = _format(fmt, output, RECORD_WRITERS, "csv" if with_decisions else "ris")
    store, _, _ = open_review(project)
    with store:
        data, selection = run(
            store, fmt, output, decision=decision, stage=stage, with_decisions=with_decisions
        )
    _emit(data, output, binary=False)
    if output is not None:
        click.echo(
            f"wrote {len(selection.records)} records ({decision}, {selection.stage}) to {output}"
        )


@export_group.command(name="methods")
@project_option
@output_option
def export_methods(project: Path | None, output: Path | None) -> None:
    """The methods sentences on screening: model, stopping rule, target, confidence, p."""
    from reviewkit.export.methods import methods_text

    store, config, _ = open_review(project)
    with store:
        text = methods_text(store, config)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote the screening methods to {output}")
    else:
        click.echo(text, nl=False)


@export_group.command(name="prisma")
@project_option
@_output_option(required=True, help="Image to write: FILE.svg, FILE.png or FILE.pdf.")
def export_prisma(project: Path | None, output: Path) -> None:
    """The PRISMA 2020 flow diagram of the review, with counts from the store."""
    from reviewkit.export.prisma import export_prisma as run

    store, config, _ = open_review(project)
    with store:
        path, counts = run(store, output, title=config.text("review.title"))
    _notes(counts.notes)
    click.echo(
        f"wrote PRISMA diagram ({counts.identified} identified, {counts.included} "
        f"included) to {path}"
    )


@export_group.command(name="audit")
@project_option
@_output_option(required=True, help="CSV file to write.")
def export_audit(project: Path | None, output: Path) -> None:
    """Every decision (undos and resolutions too) and extraction edit, with reviewer and time."""
    from reviewkit.export.audit import export_audit as run

    store, _, _ = open_review(project)
    with store:
        path, n = run(store, output)
    click.echo(f"wrote {n} audit rows to {path}")
