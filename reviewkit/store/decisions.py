"""Screening decisions: append-only; the latest row per reviewer, record and stage is current.

Row kinds: ``decision`` (a reviewer's label), ``undo`` (withdraws that
reviewer's current decision on the record), ``resolution`` (settles a
conflict; ``reviewer`` is who resolved it). Nothing is ever updated or
deleted, so the table is the audit trail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from reviewkit.store.columns import from_json, inserted_id, now, to_json
from reviewkit.store.db import Store
from reviewkit.vocabulary import (
    Conflict,
    Decision,
    DecisionError,
    check_label,
    check_reason,
    check_stage,
)

__all__ = [
    "Conflict",
    "Decision",
    "conflicts",
    "current_decisions",
    "decision_for",
    "final_labels",
    "record_decision",
    "resolve_conflict",
    "reviewers",
    "undo_last",
]

_FIELDS = "id, record_id, stage, reviewer, label, reason, note, at"

# Decisions on a record linked as a duplicate (an import's link or a merge)
# stay stored but count nowhere: the record left screening, and PRISMA counts
# it among the duplicates removed.
_KEPT = "record_id not in (select id from records where duplicate_of is not null)"

# The latest decision/undo row per (record, reviewer) at a stage. "Latest" is by
# the time it was made, then by id: rows merged in from another copy of the
# review (`reviewkit merge`) get new ids, so ids alone would make the result
# depend on the order copies were merged in.
_LATEST = (
    "select id from (select id, row_number() over (partition by record_id, reviewer "
    "order by at desc, id desc) as n from decisions where stage = ? "
    f"and kind in ('decision', 'undo') and {_KEPT}) where n = 1"
)


def _decision(row: tuple[Any, ...]) -> Decision:
    return Decision(*row)


def _append(store: Store, row: dict[str, Any]) -> int:
    with store.write() as db:
        exists = db.execute("select 1 from records where id = ?", [row["record_id"]]).fetchone()
        if exists is None:
            raise DecisionError(f"no record {row['record_id']}; see `reviewkit status`")
        return inserted_id(db.table("decisions").insert({**row, "at": now()}))


def record_decision(
    store: Store,
    record_id: int,
    stage: str,
    reviewer: str,
    label: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    allowed_reasons: Sequence[str] | None = None,
) -> int:
    """Append a reviewer's decision; it becomes their current one for the record.

    Args:
        reason: an exclusion reason; checked against `allowed_reasons` (pass
            ``config["screening.exclusion_reasons"]``) when given.

    Returns:
        the new decision's id.
    """
    check_stage(stage)
    check_label(label)
    if allowed_reasons is not None:
        check_reason(reason, allowed_reasons)
    if not reviewer:
        raise DecisionError("a decision needs a reviewer name; pass --reviewer NAME")
    return _append(
        store,
        {
            "record_id": record_id,
            "stage": stage,
            "reviewer": reviewer,
            "kind": "decision",
            "label": label,
            "reason": reason,
            "note": note,
        },
    )


def undo_last(store: Store, reviewer: str, stage: str) -> int | None:
    """Withdraw the reviewer's latest current decision at `stage` by appending an undo.

    Called again, it withdraws the one before, and so on.

    Returns:
        the record id whose decision was withdrawn, or None when there is none.
    """
    check_stage(stage)
    with store.write():
        row = store.db.execute(
            f"select record_id from decisions where id in ({_LATEST}) and kind = 'decision' "
            "and reviewer = ? order by at desc, id desc limit 1",
            [stage, reviewer],
        ).fetchone()
        if row is None:
            return None
        _append(
            store,
            {
                "record_id": row[0],
                "stage": stage,
                "reviewer": reviewer,
                "kind": "undo",
                "label": None,
                "reason": None,
                "note": None,
            },
        )
    return int(row[0])


def current_decisions(store: Store, stage: str, reviewer: str | None = None) -> list[Decision]:
    """Every reviewer's current decision at `stage` (one reviewer's when given), oldest first."""
    check_stage(stage)
    sql = f"select {_FIELDS} from decisions where id in ({_LATEST}) and kind = 'decision'"
    params: list[Any] = [stage]
    if reviewer is not None:
        sql += " and reviewer = ?"
        params.append(reviewer)
    return [_decision(r) for r in store.db.execute(sql + " order by at, id", params)]


def decision_for(store: Store, record_id: int, stage: str, reviewer: str) -> Decision | None:
    """The reviewer's current decision on one record at `stage`, or None."""
    row = store.db.execute(
        f"select {_FIELDS}, kind from decisions where record_id = ? and stage = ? "
        "and reviewer = ? and kind in ('decision', 'undo') order by at desc, id desc limit 1",
        [record_id, stage, reviewer],
    ).fetchone()
    if row is None or row[-1] != "decision":
        return None
    return _decision(row[:-1])


def _resolutions(store: Store, stage: str) -> dict[int, Decision]:
    sql = (
        f"select {_FIELDS} from decisions where id in (select id from (select id, "
        "row_number() over (partition by record_id order by at desc, id desc) as n "
        f"from decisions where stage = ? and kind = 'resolution' and {_KEPT}) where n = 1)"
    )
    return {r[1]: _decision(r) for r in store.db.execute(sql, [stage])}


def _labels_by_record(store: Store, stage: str) -> dict[int, dict[str, str]]:
    by_record: dict[int, dict[str, str]] = defaultdict(dict)
    for d in current_decisions(store, stage):
        by_record[d.record_id][d.reviewer] = d.label
    return by_record


def conflicts(store: Store, stage: str) -> list[Conflict]:
    """Records whose reviewers' current labels disagree, resolved or not, by record id."""
    resolutions = _resolutions(store, stage)
    return [
        Conflict(record_id=rid, labels=dict(sorted(labels.items())), resolved=resolutions.get(rid))
        for rid, labels in sorted(_labels_by_record(store, stage).items())
        if len(set(labels.values())) > 1
    ]


def resolve_conflict(
    store: Store,
    record_id: int,
    stage: str,
    label: str,
    resolver: str,
    *,
    note: str | None = None,
    reason: str | None = None,
) -> int:
    """Settle a record's label at `stage` (appends a resolution; the latest one counts).

    The resolver may be one of the reviewers in conflict or a third person;
    the audit names them, with the reason given.

    Returns:
        the resolution's id.
    """
    check_stage(stage)
    check_label(label)
    return _append(
        store,
        {
            "record_id": record_id,
            "stage": stage,
            "reviewer": resolver,
            "kind": "resolution",
            "label": label,
            "reason": reason,
            "note": note,
        },
    )


def final_labels(store: Store, stage: str) -> dict[int, str]:
    """Each decided record's label at `stage`: the resolution if any, else the agreed label.

    Records with an unresolved conflict are left out.
    """
    resolutions = _resolutions(store, stage)
    out: dict[int, str] = {}
    for rid, labels in _labels_by_record(store, stage).items():
        if rid in resolutions:
            out[rid] = resolutions[rid].label
        elif len(set(labels.values())) == 1:
            out[rid] = next(iter(labels.values()))
    for rid, res in resolutions.items():
        out.setdefault(rid, res.label)
    return dict(sorted(out.items()))


def reviewers(store: Store) -> list[str]:
    """Everyone who has recorded a decision, alphabetically."""
    sql = "select distinct reviewer from decisions where kind = 'decision' order by reviewer"
    return [r[0] for r in store.db.execute(sql)]


def decision_counts(store: Store) -> dict[str, int]:
    """Decisions (not undos or resolutions) each reviewer has recorded, all stages."""
    sql = (
        "select reviewer, count(*) from decisions where kind = 'decision' "
        "group by reviewer order by reviewer"
    )
    return {r: int(n) for r, n in store.db.execute(sql)}


def screened_ids(store: Store, stage: str) -> set[int]:
    """Records with at least one current decision (or a resolution) at `stage`."""
    ids = {d.record_id for d in current_decisions(store, stage)}
    return ids | set(_resolutions(store, stage))


def decision_sequence(store: Store, stage: str) -> list[tuple[int, str]]:
    """(record id, label) of each record's first current decision at `stage`, in screening order.

    What the stopping rule reads: the order records were screened in, each once.
    """
    order: dict[int, str] = {}
    for d in current_decisions(store, stage):
        order.setdefault(d.record_id, d.label)
    final = final_labels(store, stage)
    return [(rid, final.get(rid, label)) for rid, label in order.items()]


# Rankings and stopping samples: screening state written by the model, read by the TUI.


def _insert(store: Store, table: str, row: dict[str, Any]) -> int:
    """Append one row stamped with the time; returns its id."""
    with store.write() as db:
        return inserted_id(db.table(table).insert({**row, "at": now()}))


def _latest(
    store: Store, table: str, columns: tuple[str, ...], json_columns: tuple[str, ...], stage: str
) -> dict[str, Any] | None:
    """The newest row of `table` at `stage`, as a dict with its JSON columns decoded."""
    row = store.db.execute(
        f"select {', '.join(columns)} from {table} where stage = ? order by id desc limit 1",
        [stage],
    ).fetchone()
    if row is None:
        return None
    out = dict(zip(columns, row, strict=True))
    for column in json_columns:
        out[column] = from_json(out[column])
    return out


def save_ranking(
    store: Store,
    stage: str,
    model: dict[str, Any],
    n_labelled: int,
    record_ids: list[int],
    seconds: float,
) -> int:
    """Append a ranking with the model (names + parameters) that produced it."""
    return _insert(
        store,
        "rankings",
        {
            "stage": stage,
            "model": to_json(model),
            "n_labelled": n_labelled,
            "record_ids": to_json(record_ids),
            "seconds": seconds,
        },
    )


def latest_ranking_row(store: Store, stage: str) -> dict[str, Any] | None:
    """The newest ranking at `stage` as stored (JSON decoded), or None."""
    columns = ("id", "stage", "model", "n_labelled", "record_ids", "seconds", "at")
    return _latest(store, "rankings", columns, ("model", "record_ids"), stage)
