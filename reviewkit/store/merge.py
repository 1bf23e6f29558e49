"""`reviewkit merge`: bring another copy's decisions, notes and extracted values in.

The other copy is a review folder, a file written by `reviewkit share`, or one
written by `reviewkit export decisions`; all three are read through the same
temporary views (``src_records``, ``src_decisions``, ``src_extractions``), in
the share file's columns.

A row is recognised by its uid, so merging twice adds nothing the second time,
and merging A into B gives the same rows as B into A. Nothing stored is ever
updated or deleted: decisions are appended with the reviewer, stage and time
they were made with. Records are matched by uid only; decisions on a record
this review does not have are reported, never attached to a look-alike. The
whole merge is one transaction: killed half-way, the review is as it was, and
running it again completes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewkit.errors import InputFileError, ReviewkitError
from reviewkit.store.db import DB_NAME, Store
from reviewkit.store.share_format import check_share, columns
from reviewkit.vocabulary import LABELS, STAGES

#: Decisions inserted per statement; progress is reported between chunks.
CHUNK = 2000
KINDS = ("decision", "undo", "resolution")
_STATUSES = ("proposed", "accepted", "edited", "rejected")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class UnknownRecord:
    """A record the other copy has decisions on and this review does not have."""

    uid: str
    title: str
    n_decisions: int


@dataclass(frozen=True)
class DecisionsAdded:
    """Decision rows (decisions, undos, resolutions) a merge appended or found already here."""

    added: int = 0
    present: int = 0
    by_reviewer: dict[str, int] = field(default_factory=dict)
    unknown_records: list[UnknownRecord] = field(default_factory=list)


@dataclass(frozen=True)
class ValuesAdded:
    """Extraction rows a merge appended, found already here, or could not place.

    Attributes:
        matched: machine proposals identical to one already here (same
            document, template, field, value, quotes and method), which the
            other copy's actions are attached to instead of a second copy.
        unknown_documents: documents this review has not ingested, with how
            many rows are about each.
        orphans: actions on a value neither copy has.
    """

    added: int = 0
    present: int = 0
    matched: int = 0
    unknown_documents: dict[str, int] = field(default_factory=dict)
    orphans: int = 0


@dataclass(frozen=True)
class MergeResult:
    """What one merge did.

    Attributes:
        source: the folder or file merged; kind: "review folder", "share"
            or "decisions"; reviewer: whose share file it was (if one).
    """

    source: Path
    kind: str
    reviewer: str | None
    decisions: DecisionsAdded
    values: ValuesAdded

    @property
    def changed(self) -> bool:
        """Whether the merge stored anything."""
        return bool(self.decisions.added or self.values.added)


_SHARE_VIEWS = {
    "src_records": "select uid, title from {s}.records",
    "src_decisions": "select {decisions}, rowid as seq from {s}.decisions",
    "src_extractions": "select {extractions} from {s}.extractions",
}
_FOLDER_VIEWS = {
    "src_records": "select uid, title from {s}.records",
    "src_decisions": (
        "select d.uid, r.uid as record_uid, d.stage, d.reviewer, d.kind, d.label, d.reason, "
        "d.note, d.at, d.id as seq from {s}.decisions d join {s}.records r on r.id = d.record_id"
    ),
    "src_extractions": (
        "select e.uid, e.doc_sha256, e.template, e.field, e.value, e.evidence, e.method, "
        "e.confidence, e.status, e.reviewer, p.uid as supersedes_uid, e.at "
        "from {s}.extractions e left join {s}.extractions p on p.id = e.supersedes"
    ),
}


@contextmanager
def source_views(store: Store, schema: str, *, folder: bool) -> Iterator[None]:
    """Temporary views over the attached database `schema` in the share file's columns."""
    views = _FOLDER_VIEWS if folder else _SHARE_VIEWS
    names = {
        "s": schema,
        "decisions": ", ".join(columns("decisions")),
        "extractions": ", ".join(columns("extractions")),
    }
    for name, select in views.items():
        store.db.execute(f"create temp view {name} as {select.format(**names)}")
    try:
        yield
    finally:
        for name in views:
            store.db.execute(f"drop view if exists temp.{name}")


def check_rows(store: Store, path: Path) -> None:
    """Refuse a source whose rows name an unknown stage, kind, label or status.

    Raises:
        InputFileError: naming the file, the first bad row and the valid values.
    """

    def marks(values: tuple[str, ...]) -> str:
        return ", ".join(f"'{v}'" for v in values)

    checks = (
        (
            f"select uid, stage from temp.src_decisions where stage not in ({marks(STAGES)})",
            f"unknown stage (use {', '.join(STAGES)})",
        ),
        (
            f"select uid, kind from temp.src_decisions where kind not in ({marks(KINDS)})",
            f"unknown kind (use {', '.join(KINDS)})",
        ),
        (
            "select uid, label from temp.src_decisions where kind != 'undo' "
            f"and (label is null or label not in ({marks(LABELS)}))",
            f"unknown label (use {', '.join(LABELS)})",
        ),
        (
            "select uid, status from temp.src_extractions "
            f"where status not in ({marks(_STATUSES)})",
            f"unknown extraction status (use {', '.join(_STATUSES)})",
        ),
    )
    for sql, problem in checks:
        bad = store.db.execute(sql + " limit 1").fetchone()
        if bad is not None:
            raise InputFileError(
                path,
                f"row {bad[0]} has {problem}: {bad[1]!r}",
                "the file was changed by hand or by another tool; nothing was stored",
            )


def add_decisions(store: Store, progress: Progress | None = None) -> DecisionsAdded:
    """Append the source's decision rows this review lacks (inside the caller's transaction).

    A decision on a record this review has merged into another (`reviewkit
    duplicates merge`) lands on the record kept, with a note naming the one it
    was made on: the reviewer judged the same study.
    """
    db = store.db
    db.execute("drop table if exists temp.merge_incoming")
    db.execute(
        "create temp table merge_incoming as select "
        "case when r.duplicate_reason = 'merged' then r.duplicate_of else r.id end as record_id, "
        "s.stage, s.reviewer, s.kind, s.label, s.reason, "
        "case when r.duplicate_reason = 'merged' then "
        "trim(coalesce(s.note, '') || ' (decided on record ' || r.id || ', merged into this one)') "
        "else s.note end as note, s.at, s.uid from temp.src_decisions s "
        "join main.records r on r.uid = s.record_uid "
        "where not exists (select 1 from main.decisions d where d.uid = s.uid) "
        "order by s.at, s.seq"
    )
    total = int(db.execute("select count(*) from temp.merge_incoming").fetchone()[0])
    for start in range(0, total, CHUNK):
        db.execute(
            "insert into main.decisions (record_id, stage, reviewer, kind, label, reason, note, "
            "at, uid) select record_id, stage, reviewer, kind, label, reason, note, at, uid "
            "from temp.merge_incoming where rowid > ? and rowid <= ? order by rowid",
            [start, start + CHUNK],
        )
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    by_reviewer = dict(
        db.execute(
            "select reviewer, count(*) from temp.merge_incoming group by reviewer order by reviewer"
        ).fetchall()
    )
    db.execute("drop table temp.merge_incoming")
    present = db.execute(
        "select count(*) from temp.src_decisions s where exists "
        "(select 1 from main.decisions d where d.uid = s.uid)"
    ).fetchone()[0]
    unknown = [
        UnknownRecord(uid, title or "", int(n))
        for uid, title, n in db.execute(
            "select s.record_uid, (select title from temp.src_records t where t.uid = "
            "s.record_uid), count(*) from temp.src_decisions s where not exists "
            "(select 1 from main.records r where r.uid = s.record_uid) "
            "group by s.record_uid order by s.record_uid"
        )
    ]
    return DecisionsAdded(total, int(present) - total, by_reviewer, unknown)


def add_extractions(store: Store) -> ValuesAdded:
    """Append the source's extraction rows this review lacks, keeping each chain's links."""
    db = store.db
    local: dict[str, int] = dict(db.execute("select uid, id from main.extractions").fetchall())
    content = "doc_sha256, template, field, value, evidence, method"
    proposals: dict[tuple[Any, ...], int] = {
        tuple(row[1:]): row[0]
        for row in db.execute(
            f"select id, {content} from main.extractions where status = 'proposed'"
        )
    }
    documents = {r[0] for r in db.execute("select sha256 from main.documents")}
    rows = db.execute(
        f"select {', '.join(columns('extractions'))} from temp.src_extractions order by at, uid"
    ).fetchall()
    pending = [r for r in rows if r[0] not in local]
    present, matched, added = len(rows) - len(pending), 0, 0
    unknown: Counter[str] = Counter()
    insert = (
        "insert into main.extractions (uid, doc_sha256, template, field, value, evidence, "
        "method, confidence, status, reviewer, supersedes, at) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    while pending:
        waiting = []
        for row in pending:
            uid, doc, template, field_, value, evidence, method = row[:7]
            if doc not in documents:
                unknown[doc] += 1
                continue
            if row[8] == "proposed" and (doc, template, field_, value, evidence, method) in (
                proposals
            ):
                local[uid] = proposals[(doc, template, field_, value, evidence, method)]
                matched += 1
                continue
            parent = row[10]
            if parent is not None and parent not in local:
                waiting.append(row)
                continue
            cursor = db.execute(insert, [*row[:10], local.get(parent) if parent else None, row[11]])
            local[uid] = int(cursor.lastrowid or 0)
            added += 1
        if len(waiting) == len(pending):
            break
        pending = waiting
    else:
        waiting = []
    return ValuesAdded(added, present, matched, dict(unknown), len(waiting))


def merge(store: Store, path: str | Path, progress: Progress | None = None) -> MergeResult:
    """Merge another copy of the review into `store`, in one transaction.

    Args:
        path: a review folder, or a file from `reviewkit share` or
            `reviewkit export decisions`.
        progress: called with (decisions stored, decisions to store) as the
            merge goes.

    Raises:
        InputFileError: `path` is not a review folder or share file this
            reviewkit reads (nothing is stored).
    """
    path = Path(path)
    reviewer = None
    if path.is_dir():
        db_path = path / DB_NAME
        if not db_path.is_file():
            raise InputFileError(
                path, f"not a review folder (no {DB_NAME})", "pass a review folder or share file"
            )
        if store.path != ":memory:" and db_path.resolve() == Path(store.path).resolve():
            raise ReviewkitError(f"{path}: is this review itself; nothing to merge")
        # Opening it brings an older review to the current schema, so its
        # rows have the uids every later merge will recognise them by.
        Store(db_path).close()
        kind = "review folder"
    else:
        manifest = check_share(path)
        kind, reviewer = manifest.kind, manifest.reviewer
        db_path = path
    store.db.execute("attach database ? as src", [str(db_path)])
    try:
        with source_views(store, "src", folder=kind == "review folder"), store.write():
            check_rows(store, path)
            decisions = add_decisions(store, progress)
            values = add_extractions(store)
    finally:
        store.db.execute("detach database src")
    return MergeResult(path, kind, reviewer, decisions, values)
