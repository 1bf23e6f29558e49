"""`reviewkit import`, `resolve`, `status`, `simulate`: thin clients of reviewkit.screen."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, print_json, project_option
from reviewkit.errors import ReviewkitError
from reviewkit.vocabulary import LABELS, STAGES


@cli.command("import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--source", default="", help="Where the files came from, e.g. pubmed (default: file name)."
)
@click.option(
    "--labels-as",
    type=click.Choice(["ignore", "prior"]),
    default="ignore",
    show_default=True,
    help="What to do with a CSV's label_included column: ignore it, or keep it as "
    "prior knowledge for the model.",
)
@click.option(
    "--again",
    is_flag=True,
    help="Import a file whose bytes were imported before (its records become duplicates).",
)
@project_option
def import_(
    files: tuple[Path, ...], source: str, labels_as: str, again: bool, project: Path | None
) -> None:
    """Import records from FILE... (RIS, BibTeX, CSV/TSV, PubMed .nbib, WoS .ciw).

    The format comes from the suffix (.ris .enw .bib .csv .tsv .nbib .ciw;
    .txt files are recognised by their first line). CSV columns follow
    ASReview's names (title, abstract, authors, year, doi, record_id).

    Duplicates (same DOI, PMID or PMCID, else near-identical title with the
    same year and first author) are kept but linked to the first record; list
    them and undo a link with `reviewkit duplicates`. Near-matches (a title under
    dedup.title_threshold, a year apart, the same abstract) are only queued:
    `reviewkit duplicates --possible`. A file imported before (the same
    bytes) adds nothing, and says so.
    """
    from reviewkit.screen.importing import import_file

    store, config, _ = open_review(project)
    with store:
        for path in files:
            result = import_file(
                store,
                path,
                source=source,
                labels_as_prior=labels_as == "prior",
                title_threshold=config.number("dedup.title_threshold"),
                author_threshold=config.number("dedup.author_threshold"),
                possible_threshold=config.number("dedup.possible_threshold"),
                again=again,
            )
            if result.already is not None:
                past = result.already
                click.echo(
                    f"{path}: already imported ({past.path}, {past.at[:16].replace('T', ' ')}, "
                    f"{past.n_records} records); nothing added (--again imports it anyway)"
                )
                continue
            click.echo(
                f"{path}: {result.n_records} records, {result.n_new} new, "
                f"{result.n_duplicates} duplicates"
            )
            if result.n_possible:
                click.echo(
                    f"  {result.n_possible} possible duplicates to decide: "
                    "`reviewkit duplicates --possible`, or `d` in `reviewkit screen`"
                )
            for warning in result.warnings:
                click.secho(f"warning: {warning}", err=True, fg="yellow")
            if result.n_labels_ignored:
                click.echo(
                    f"  {result.n_labels_ignored} labels in the file were not stored; "
                    "use --labels-as prior to keep them"
                )


@cli.command()
@click.argument("record")
@click.argument("label", type=click.Choice(LABELS))
@click.option("--reviewer", required=True, help="Who settles it (a third reviewer, often).")
@click.option("--reason", required=True, help="Why: kept in the audit with the resolution.")
@click.option(
    "--stage", type=click.Choice(STAGES), default=STAGES[0], show_default=True, help="The stage."
)
@project_option
def resolve(
    record: str, label: str, reviewer: str, reason: str, stage: str, project: Path | None
) -> None:
    """Settle the conflict on RECORD (id or uid): the label, who decided and why."""
    from reviewkit.store.decisions import conflicts, resolve_conflict
    from reviewkit.store.records import find_record_id

    store, _, _ = open_review(project)
    with store:
        record_id = find_record_id(store, record)
        if record_id not in {c.record_id for c in conflicts(store, stage)}:
            raise ReviewkitError(
                f"record {record_id} has no conflict at {stage}; see `reviewkit status`"
            )
        resolve_conflict(store, record_id, stage, label, reviewer, reason=reason)
    click.echo(f"record {record_id}: {label} at {stage}, settled by {reviewer} ({reason})")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (contract: status).")
@project_option
def status(as_json: bool, project: Path | None) -> None:
    """Records, duplicates, documents; per stage: decisions, conflicts, kappa, stop estimate."""
    from reviewkit.screen.status import review_status

    store, config, folder = open_review(project)
    if as_json:
        from reviewkit.serve.client import ask_server

        served = ask_server(folder, "/api/status", {})
        if served is not None:
            store.close()
            print_json(served)
            return
    with store:
        report = review_status(store, config)
    if as_json:
        print_json(report.to_json())
        return
    from reviewkit.screen.stopping import ADVICE_NOTE

    click.echo(
        f"records: {report.records} ({report.duplicates} duplicates linked), "
        f"documents: {report.documents}"
    )
    for stage, s in report.stages.items():
        kappa = "-" if s.kappa is None else f"{s.kappa:.2f}"
        click.echo(
            f"{stage}: screened {s.screened}, include {s.include}, exclude "
            f"{s.exclude}, maybe {s.maybe}, conflicts {s.conflicts}, kappa {kappa}"
        )
        if s.stop is not None:
            click.echo(f"  stopping rule: {s.stop.describe()}")
            click.echo(f"  {s.stop.irrelevant_in_a_row} irrelevant in a row ({ADVICE_NOTE})")
    for name, n in report.reviewers.items():
        click.echo(f"reviewer {name}: {n} decisions")


@cli.command()
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seed", default=0, show_default=True, help="Seed for the prior records and model.")
@click.option(
    "--prior-included", default=1, show_default=True, help="Included records given first."
)
@click.option(
    "--prior-excluded", default=1, show_default=True, help="Excluded records given first."
)
@click.option(
    "--model", default="default", show_default=True, help="Model preset: default, elas-u4, nb."
)
@click.option("--recall-target", default=0.95, show_default=True, help="Stopping rule's target.")
@click.option("--confidence", default=0.95, show_default=True, help="Stopping rule's confidence.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (contract: simulation).")
def simulate(
    dataset: Path,
    seed: int,
    prior_included: int,
    prior_excluded: int,
    model: str,
    recall_target: float,
    confidence: float,
    as_json: bool,
) -> None:
    """Replay screening on a labelled CSV DATASET (ASReview columns, label_included).

    Prior records are drawn at random with the seed and come first, then the
    model's order, every record once; the model is refitted after every
    max(1, n/20) records. The stopping rule runs as in real use.
    """
    from reviewkit.screen.datasets import load_labelled_csv
    from reviewkit.screen.simulate import order_metrics
    from reviewkit.screen.simulate import simulate as run

    data = load_labelled_csv(dataset)
    result = run(
        data,
        seed=seed,
        prior_included=prior_included,
        prior_excluded=prior_excluded,
        model=model,
        recall_target=recall_target,
        confidence=confidence,
    )
    if as_json:
        print_json(result.to_json())
        return
    m = order_metrics(result.order_rows, data.labels)
    out = result.to_json()
    click.echo(f"{data.name}: {len(data)} records, {data.n_included} included, seed {seed}")
    click.echo(
        f"WSS@95 {m['wss95']:.1f}%, recall after 10% {m['recall10']:.1f}%, "
        f"95% recall after {m['to95']} records"
    )
    click.echo(
        f"stopping rule: stopped at {result.stopped_at} of {len(data)}, recall "
        f"{out['stop']['recall']}, p {out['stop']['p_value']}"
    )
    click.echo(f"{out['seconds']} s; refit median {out['retrain_seconds']['median']} s")
