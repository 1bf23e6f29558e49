"""`reviewkit share`, `merge`, `decide`, `export decisions`: screening on several machines."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, project_option
from reviewkit.cli.exporting import export_group
from reviewkit.store import CONFIG_NAME
from reviewkit.vocabulary import LABELS, STAGES

_UNKNOWN_SHOWN = 5


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


@cli.command()
@click.option("--reviewer", required=True, help="Whose copy this is: only their decisions go in.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The share file to write.",
)
@project_option
def share(reviewer: str, output: Path, project: Path | None) -> None:
    """Write a blinded copy of the review for REVIEWER to screen on another machine.

    The file holds the records (with their duplicate links), the full texts,
    reviewkit.toml (keywords, exclusion reasons and every other setting), the
    latest ranking, machine-proposed extraction values, and only REVIEWER's own
    decisions: nobody else's decisions, notes or conflicts. Open it with
    `reviewkit init DIR --from FILE`; bring the work back with `reviewkit merge`.
    """
    from reviewkit.store.share import write_share

    store, _, folder = open_review(project)
    toml = folder / CONFIG_NAME
    settings = {CONFIG_NAME: toml.read_text(encoding="utf-8")} if toml.is_file() else {}
    with store:
        written = write_share(store, output, reviewer=reviewer, settings=settings)
    counts = written.manifest.counts
    click.echo(
        f"wrote {output} for {reviewer}: {counts['records']} records, {counts['documents']} "
        f"documents, {counts['decisions']} of {reviewer}'s decisions ({_size(written.size)})"
    )


@export_group.command(name="decisions")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (a share file holding decisions only).",
)
@project_option
def export_decisions(output: Path, project: Path | None) -> None:
    """Every reviewer's decisions, notes and extraction actions, for `reviewkit merge`.

    Unlike `reviewkit share` this is not blinded and carries no records or
    full texts beyond the ids and titles the decisions are about.
    """
    from reviewkit.store.share import write_share

    store, _, _ = open_review(project)
    with store:
        written = write_share(store, output, kind="decisions")
    counts = written.manifest.counts
    click.echo(
        f"wrote {counts['decisions']} decisions and {counts['extractions']} extraction rows "
        f"to {output} ({_size(written.size)})"
    )


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@project_option
def merge(path: Path, project: Path | None) -> None:
    """Bring in the decisions, notes and extracted values of another copy of the review.

    PATH is a review folder, a file from `reviewkit share` or one from
    `reviewkit export decisions`. Rows already here are recognised and skipped
    (merging twice changes nothing); nothing here is overwritten. Decisions on
    records this review does not have are listed, not added. One transaction:
    interrupted, nothing is stored, and running it again completes it.
    """
    from reviewkit.store.merge import merge as run

    def progress(done: int, total: int) -> None:
        click.echo(f"merging: {done}/{total} decisions", err=True)

    store, _, _ = open_review(project)
    with store:
        result = run(store, path, progress)
    what = result.kind + (f" of {result.reviewer}" if result.reviewer else "")
    d, v = result.decisions, result.values
    by = ", ".join(f"{name} {n}" for name, n in d.by_reviewer.items())
    click.echo(
        f"merged {path} ({what}): {d.added} decisions added{f' ({by})' if by else ''}, "
        f"{d.present} already here"
    )
    click.echo(
        f"extracted values: {v.added} added, {v.present + v.matched} already here"
        + (f", {v.orphans} acting on values neither copy has (not added)" if v.orphans else "")
    )
    if d.unknown_records:
        n = sum(u.n_decisions for u in d.unknown_records)
        click.echo(
            f"{n} decisions are about {len(d.unknown_records)} records this review does not "
            "have (not added; import them here, or merge the other way):"
        )
        for u in d.unknown_records[:_UNKNOWN_SHOWN]:
            click.echo(f"  {u.uid}  {u.title[:70]}")
        if len(d.unknown_records) > _UNKNOWN_SHOWN:
            click.echo(f"  ... and {len(d.unknown_records) - _UNKNOWN_SHOWN} more")
    if v.unknown_documents:
        click.echo(
            f"{sum(v.unknown_documents.values())} extracted values are about "
            f"{len(v.unknown_documents)} documents this review has not ingested (not added; "
            "ingest the PDFs and merge again)"
        )
    if not result.changed:
        click.echo("nothing new: this review already had everything in it")


@cli.command()
@click.argument("record")
@click.argument("label", type=click.Choice(LABELS))
@click.option("--reviewer", required=True, help="Who made the decision.")
@click.option(
    "--reason", default=None, help="Exclusion reason (one of screening.exclusion_reasons)."
)
@click.option("--note", default=None, help="A note kept with the decision.")
@click.option(
    "--stage", type=click.Choice(STAGES), default=STAGES[0], show_default=True, help="Stage."
)
@project_option
def decide(
    record: str,
    label: str,
    reviewer: str,
    reason: str | None,
    note: str | None,
    stage: str,
    project: Path | None,
) -> None:
    """Record REVIEWER's decision LABEL on RECORD (its id here, or its uid).

    For scripts and for decisions made elsewhere. The decision is appended
    like one made in the TUI and becomes the reviewer's current one. Find ids
    with `reviewkit export records --decision all --with-decisions`.
    """
    from reviewkit.store.decisions import record_decision
    from reviewkit.store.records import find_record_id

    store, config, _ = open_review(project)
    with store:
        record_id = find_record_id(store, record)
        record_decision(
            store,
            record_id,
            stage,
            reviewer,
            label,
            reason=reason,
            note=note,
            allowed_reasons=config.words("screening.exclusion_reasons"),
        )
    click.echo(f"record {record_id}: {label} by {reviewer} ({stage})")
