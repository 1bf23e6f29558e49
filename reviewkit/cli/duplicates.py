"""`reviewkit duplicates`: links made at import, possible duplicates, merge and keep apart."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, print_json, project_option
from reviewkit.store import Store

_reviewer_option = click.option(
    "--reviewer", default="", help="Who decided (kept in the audit with the action)."
)


@cli.group(invoke_without_command=True)
@click.option(
    "--restore",
    "restore",
    type=int,
    default=None,
    metavar="ID",
    help="Undo the duplicate link of record ID (it becomes a record again).",
)
@click.option(
    "--possible", is_flag=True, help="List possible duplicates waiting for a decision instead."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@project_option
@click.pass_context
def duplicates(
    ctx: click.Context, restore: int | None, possible: bool, as_json: bool, project: Path | None
) -> None:
    """List records linked as duplicates, or restore one with --restore ID.

    --possible lists the near-matches import queued (a title under
    dedup.title_threshold, a year apart, the same abstract), most alike
    first: RECORD, OTHER, score (title similarity 0-100), why. With --json,
    a list of {"pair", "record", "other", "score", "why", "state", "titles",
    "years"}. Decide each with `duplicates merge` or `duplicates keep-apart`,
    or with `d` in `reviewkit screen`.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reviewkit.store.records import duplicates as list_duplicates
    from reviewkit.store.records import restore_duplicate

    store, _, _ = open_review(project)
    with store:
        if possible:
            _list_possible(store, as_json)
            return
        if restore is not None:
            link = restore_duplicate(store, restore)
            click.echo(
                f"record {link.record_id} restored (was a duplicate of "
                f"{link.duplicate_of}, by {link.reason})"
            )
            return
        links = list_duplicates(store)
    if as_json:
        print_json([link.__dict__ for link in links])
        return
    for link in links:
        click.echo(
            f"{link.record_id}\tduplicate of {link.duplicate_of}\t{link.reason}\t{link.title[:70]}"
        )
    click.echo(f"{len(links)} duplicates")


def _list_possible(store: Store, as_json: bool) -> None:
    from reviewkit.store.duplicates import possible_pairs
    from reviewkit.store.records import get_records

    pairs = possible_pairs(store)
    ids = sorted({i for p in pairs for i in (p.record_id, p.other_id)})
    records = {r.id: r for r in get_records(store, ids)}
    if as_json:
        print_json(
            [
                {
                    "pair": p.id,
                    "record": p.record_id,
                    "other": p.other_id,
                    "score": p.score,
                    "why": p.why,
                    "state": p.state,
                    "titles": [records[p.record_id].title, records[p.other_id].title],
                    "years": [records[p.record_id].year, records[p.other_id].year],
                }
                for p in pairs
            ]
        )
        return
    for p in pairs:
        click.echo(
            f"{p.record_id}\t{p.other_id}\t{p.score:.0f}\t{p.why}\t"
            f"{records[p.record_id].title[:60]}"
        )
    click.echo(
        f"{len(pairs)} possible duplicates"
        + (" (`reviewkit duplicates merge KEPT OTHER` or `keep-apart A B`)" if pairs else "")
    )


@duplicates.command(name="merge")
@click.argument("kept", type=int)
@click.argument("other", type=int)
@_reviewer_option
@project_option
def merge_(kept: int, other: int, reviewer: str, project: Path | None) -> None:
    """Merge record OTHER into record KEPT (undo with `duplicates unmerge OTHER`).

    KEPT keeps its decisions and gains OTHER's identifiers; each decision on
    OTHER whose reviewer has none on KEPT is carried over. OTHER leaves
    screening and counts in PRISMA as a duplicate removed.
    """
    from reviewkit.store.duplicates import merge_records

    store, _, _ = open_review(project)
    with store:
        action = merge_records(store, kept, other, reviewer=reviewer)
    click.echo(action.note)


@duplicates.command()
@click.argument("other", type=int)
@_reviewer_option
@project_option
def unmerge(other: int, reviewer: str, project: Path | None) -> None:
    """Undo the merge of record OTHER: a record again, carried decisions withdrawn."""
    from reviewkit.store.duplicates import unmerge_record

    store, _, _ = open_review(project)
    with store:
        action = unmerge_record(store, other, reviewer=reviewer)
    click.echo(action.note)


@duplicates.command(name="keep-apart")
@click.argument("first", type=int)
@click.argument("second", type=int)
@click.option("--undo", is_flag=True, help="Put the pair back in the possible-duplicates queue.")
@_reviewer_option
@project_option
def keep_apart_(first: int, second: int, undo: bool, reviewer: str, project: Path | None) -> None:
    """Records FIRST and SECOND are two works: take the pair off the possible-duplicates queue."""
    from reviewkit.store.duplicates import keep_apart

    store, _, _ = open_review(project)
    with store:
        action = keep_apart(store, first, second, reviewer=reviewer, undo=undo)
    click.echo(action.note)
