"""Possible duplicates: the queue import fills, and merge / keep apart, both reversible.

A merge of OTHER into KEPT:

- links OTHER to KEPT (``duplicate_of``, reason ``merged``): OTHER leaves
  screening and counts in PRISMA as a duplicate removed; nothing is deleted;
- keeps KEPT's own decisions, and carries over each current decision on OTHER
  whose reviewer has none on KEPT at that stage (appended on KEPT with a note
  naming OTHER), so nobody screens the same work twice; resolutions are not
  carried (settle a conflict on KEPT again if the carried decisions make one);
- gives KEPT OTHER's identifiers: :func:`identifiers` lists them beside
  KEPT's own.

An unmerge undoes exactly that: OTHER is a record of the review again, and
each carried decision still current on KEPT is withdrawn (an ``undo`` row);
a decision the reviewer made on KEPT after the merge stands. Keep-apart takes
a pair off the queue; its undo puts it back. Every action is a row of the
append-only ``duplicate_actions`` table, which the audit export reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewkit.errors import ReviewkitError
from reviewkit.normalise import pubmed_ids
from reviewkit.store.columns import from_json, inserted_id, json_list, now, to_json
from reviewkit.store.db import Store
from reviewkit.vocabulary import STAGES

MERGE, UNMERGE, KEEP_APART, UNDO_KEEP_APART = "merge", "unmerge", "keep-apart", "undo-keep-apart"
#: The latest action on a pair that leaves it open in the queue.
_REOPENING = (None, UNMERGE, UNDO_KEEP_APART)


@dataclass(frozen=True)
class PossiblePair:
    """Two records that may be one work, found at import.

    Attributes:
        record_id: the record imported later; other_id: the kept record it resembles.
        score: title similarity (rapidfuzz ratio, 0-100).
        why: what the two share, in words ("same first author, years 1997 and 1998").
        state: ``open``, ``merged``, ``kept apart``, or ``linked`` (one of the
            two became a duplicate otherwise).
    """

    id: int
    record_id: int
    other_id: int
    score: float
    why: str
    state: str


@dataclass(frozen=True)
class DuplicateAction:
    """One merge, unmerge, keep-apart or undo of a keep-apart, as stored for the audit."""

    id: int
    kind: str
    kept_id: int
    other_id: int
    reviewer: str
    note: str
    carried: list[int]
    at: str


@dataclass(frozen=True)
class Identifier:
    """An identifier of a record: ``DOI``, ``PMID``, ``PMCID`` or ``source id``.

    Attributes:
        from_record: the merged record it came from, None for the record's own.
    """

    name: str
    value: str
    from_record: int | None = None


def _pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _last_actions(store: Store) -> dict[tuple[int, int], str]:
    """The latest action on each pair anyone acted on, by (lower id, higher id)."""
    last: dict[tuple[int, int], str] = {}
    for kind, kept, other in store.db.execute(
        "select kind, kept_id, other_id from duplicate_actions order by id"
    ):
        last[_pair_key(kept, other)] = kind
    return last


def possible_pairs(store: Store, *, open_only: bool = True) -> list[PossiblePair]:
    """The possible duplicates found at import, most alike first (only open ones by default)."""
    last = _last_actions(store)
    sql = (
        "select p.id, p.record_id, p.other_id, p.score, p.why, "
        "a.duplicate_of is not null or b.duplicate_of is not null "
        "from possible_duplicates p join records a on a.id = p.record_id "
        "join records b on b.id = p.other_id order by p.score desc, p.id"
    )
    out = []
    for pid, rid, oid, score, why, linked in store.db.execute(sql):
        action = last.get(_pair_key(rid, oid))
        if action == MERGE:
            state = "merged"
        elif action == KEEP_APART:
            state = "kept apart"
        else:
            state = "linked" if linked else "open"
        if state == "open" or not open_only:
            out.append(PossiblePair(pid, rid, oid, float(score or 0), why, state))
    return out


def _check_records(store: Store, *ids: int) -> dict[int, Any]:
    """Each record's duplicate_of (None when kept); raises for an unknown id or a pair of one."""
    if len(set(ids)) < len(ids):
        raise ReviewkitError(f"record {ids[0]} is the same record twice; name two records")
    found: dict[int, Any] = {}
    for rid in ids:
        row = store.db.execute(
            "select duplicate_of, duplicate_reason from records where id = ?", [rid]
        ).fetchone()
        if row is None:
            raise ReviewkitError(f"no record {rid}; see `reviewkit duplicates --possible`")
        found[rid] = row
    return found


def _action(
    store: Store, kind: str, kept: int, other: int, reviewer: str, note: str, carried: list[int]
) -> int:
    return inserted_id(
        store.db.table("duplicate_actions").insert(
            {
                "kind": kind,
                "kept_id": kept,
                "other_id": other,
                "reviewer": reviewer,
                "note": note,
                "carried": to_json(carried),
                "at": now(),
            }
        )
    )


def _current(store: Store, record_id: int, stage: str) -> dict[str, tuple[Any, ...]]:
    """Each reviewer's latest decision/undo row on one record at `stage`, by reviewer."""
    rows = store.db.execute(
        "select id, reviewer, kind, label, reason, note from decisions where record_id = ? "
        "and stage = ? and kind in ('decision', 'undo') order by at, id",
        [record_id, stage],
    )
    latest: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        latest[row[1]] = row
    return latest


def _why(store: Store, a: int, b: int) -> str:
    row = store.db.execute(
        "select why from possible_duplicates where (record_id = ? and other_id = ?) "
        "or (record_id = ? and other_id = ?) order by id limit 1",
        [a, b, b, a],
    ).fetchone()
    return f" (possible duplicate: {row[0]})" if row else " (by hand)"


def merge_records(store: Store, kept: int, other: int, *, reviewer: str = "") -> DuplicateAction:
    """Merge record `other` into record `kept` (see the module's docstring for what moves).

    Raises:
        ReviewkitError: an unknown record, the same record twice, or a record
            that is already a duplicate.
    """
    with store.write() as db:
        for rid, (dup_of, _) in _check_records(store, kept, other).items():
            if dup_of is not None:
                raise ReviewkitError(
                    f"record {rid} is already a duplicate of record {dup_of}; merge into "
                    f"record {dup_of} instead, or restore it first (`reviewkit duplicates`)"
                )
        carried: list[int] = []
        for stage in STAGES:
            mine = _current(store, kept, stage)
            for name, (_, _, kind, label, reason, note) in _current(store, other, stage).items():
                if kind != "decision" or (name in mine and mine[name][2] == "decision"):
                    continue
                marker = f"carried over from record {other} when it was merged into {kept}"
                row = {
                    "record_id": kept,
                    "stage": stage,
                    "reviewer": name,
                    "kind": "decision",
                    "label": label,
                    "reason": reason,
                    "note": f"{note} ({marker})" if note else f"({marker})",
                    "at": now(),
                }
                carried.append(inserted_id(db.table("decisions").insert(row)))
        db.execute(
            "update records set duplicate_of = ?, duplicate_reason = 'merged' where id = ?",
            [kept, other],
        )
        note = f"record {other} merged into record {kept}{_why(store, kept, other)}"
        if carried:
            note += f"; {len(carried)} decision(s) carried over"
        action_id = _action(store, MERGE, kept, other, reviewer, note, carried)
    return _get_action(store, action_id)


def unmerge_record(store: Store, other: int, *, reviewer: str = "") -> DuplicateAction:
    """Undo the merge of record `other`: it is a record again; carried decisions withdrawn.

    Raises:
        ReviewkitError: when `other` is unknown or was not merged by hand.
    """
    with store.write() as db:
        dup_of, reason = _check_records(store, other)[other]
        if dup_of is None or reason != "merged":
            raise ReviewkitError(
                f"record {other} was not merged into another; nothing to unmerge "
                "(an import's duplicate link is undone with `reviewkit duplicates --restore`)"
            )
        row = db.execute(
            "select carried from duplicate_actions where kind = ? and kept_id = ? "
            "and other_id = ? order by id desc limit 1",
            [MERGE, dup_of, other],
        ).fetchone()
        withdrawn = 0
        for did in json_list(row[0] if row else None):
            stage, name = db.execute(
                "select stage, reviewer from decisions where id = ?", [did]
            ).fetchone()
            latest = _current(store, dup_of, stage).get(name)
            if latest is None or latest[0] != did:
                continue  # the reviewer decided the kept record again since: theirs stands
            db.table("decisions").insert(
                {
                    "record_id": dup_of,
                    "stage": stage,
                    "reviewer": name,
                    "kind": "undo",
                    "note": f"(record {other} unmerged from {dup_of})",
                    "at": now(),
                }
            )
            withdrawn += 1
        db.execute(
            "update records set duplicate_of = null, duplicate_reason = null where id = ?", [other]
        )
        note = f"record {other} unmerged from record {dup_of}"
        if withdrawn:
            note += f"; {withdrawn} carried decision(s) withdrawn"
        action_id = _action(store, UNMERGE, int(dup_of), other, reviewer, note, [])
    return _get_action(store, action_id)


def keep_apart(
    store: Store, a: int, b: int, *, reviewer: str = "", undo: bool = False
) -> DuplicateAction:
    """Say records `a` and `b` are two works (off the queue); `undo` puts the pair back.

    Raises:
        ReviewkitError: an unknown record, the same record twice, or (undo)
            a pair that is not kept apart.
    """
    with store.write():
        _check_records(store, a, b)
        last = _last_actions(store).get(_pair_key(a, b))
        if undo and last != KEEP_APART:
            raise ReviewkitError(f"records {a} and {b} are not kept apart; nothing to undo")
        if not undo and last == KEEP_APART:
            raise ReviewkitError(f"records {a} and {b} are already kept apart")
        kind = UNDO_KEEP_APART if undo else KEEP_APART
        note = (
            f"records {a} and {b} back in the possible-duplicates queue"
            if undo
            else f"records {a} and {b} kept apart: two works{_why(store, a, b)}"
        )
        action_id = _action(store, kind, a, b, reviewer, note, [])
    return _get_action(store, action_id)


def _get_action(store: Store, action_id: int) -> DuplicateAction:
    row = store.db.execute(
        "select id, kind, kept_id, other_id, coalesce(reviewer, ''), coalesce(note, ''), "
        "carried, at from duplicate_actions where id = ?",
        [action_id],
    ).fetchone()
    aid, kind, kept, other, reviewer, note, carried, at = row
    return DuplicateAction(aid, kind, kept, other, reviewer, note, json_list(carried), at)


def duplicate_actions(store: Store) -> list[DuplicateAction]:
    """Every merge, unmerge and keep-apart (and its undo), oldest first: their audit trail."""
    ids = [r[0] for r in store.db.execute("select id from duplicate_actions order by id")]
    return [_get_action(store, i) for i in ids]


def identifiers(store: Store, record_id: int) -> list[Identifier]:
    """A record's DOI, PMID, PMCID and source id, then those of records merged into it.

    PMID and PMCID are read from the fields as imported (``raw``) and the
    record's link; a source id equal to the PMID is not repeated.
    """
    rows = store.db.execute(
        "select id, doi, url, source_key, raw from records where id = ? "
        "or (duplicate_of = ? and duplicate_reason = 'merged') order by id = ? desc, id",
        [record_id, record_id, record_id],
    ).fetchall()
    out: list[Identifier] = []
    seen: set[tuple[str, str]] = set()
    for rid, doi, url, key, raw in rows:
        pmid, pmcid = pubmed_ids(from_json(raw) if raw else {}, url or "")
        source = None if rid == record_id else int(rid)
        for name, value in (("DOI", doi), ("PMID", pmid), ("PMCID", pmcid), ("source id", key)):
            value = (value or "").strip()
            if not value or (name == "source id" and value in {pmid, pmcid, doi}):
                continue
            if (name, value.lower()) not in seen:
                seen.add((name, value.lower()))
                out.append(Identifier(name, value, source))
    return out
