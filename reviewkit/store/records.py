"""Bibliographic records: store an import (with the duplicates a finder names), read back,
undo a duplicate link.

The store does not decide what a duplicate is: the screening stage hands
:func:`add_records` a :class:`DuplicateFinder` (``reviewkit.screen.dedup``),
and the store fills it with the records kept and stores what it finds, all in
the import's one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from reviewkit.errors import ReviewkitError
from reviewkit.normalise import PMCID_FIELDS, PMID_FIELDS, normalise_doi
from reviewkit.store.columns import chunks, from_json, inserted_id, json_list, now, to_json
from reviewkit.store.db import Store
from reviewkit.vocabulary import Record


class DuplicateFinder(Protocol):
    """What decides, record by record, whether an import duplicates a kept record."""

    def add(self, record_id: int, record: Record) -> None:
        """Remember a kept record."""

    def find(self, record: Record) -> tuple[int, str] | None:
        """The id of the kept record `record` duplicates and why, or None."""

    def possible(self, record: Record) -> list[tuple[int, float, str]]:
        """Kept records `record` may duplicate (id, score 0-100, why), for a person to decide."""


@dataclass(frozen=True)
class PastImport:
    """An import already stored: which file, when, how many records it added."""

    import_id: int
    path: str
    at: str
    n_records: int


@dataclass(frozen=True)
class ImportResult:
    """What one import stored.

    Attributes:
        n_records: records read from the file (all stored).
        n_duplicates: of those, linked to an earlier record as duplicates.
        n_new: of those, new to the review.
    """

    import_id: int
    n_records: int
    n_duplicates: int
    n_new: int
    n_labels_ignored: int = 0
    #: set when the file had been imported before and nothing was added
    already: PastImport | None = None
    #: what the reader noticed and the user should know (no titles, huge fields)
    warnings: tuple[str, ...] = ()
    #: pairs queued as possible duplicates (`reviewkit duplicates --possible`)
    n_possible: int = 0


@dataclass(frozen=True)
class DuplicateLink:
    """A record linked to the record kept, and why (``doi``, ``title+year+author``...)."""

    record_id: int
    duplicate_of: int
    reason: str
    title: str


def add_records(
    store: Store,
    records: Iterable[Record],
    *,
    path: str,
    source: str,
    fmt: str,
    labels_as_prior: bool = False,
    finder: DuplicateFinder | None = None,
    sha256: str | None = None,
) -> ImportResult:
    """Store records read from one file, linking duplicates to the record kept.

    Duplicates (those `finder` names, given every kept record first) are
    stored too, with ``duplicate_of`` set; nothing is deleted, and
    :func:`restore_duplicate` undoes a link. All of one import is stored in
    one transaction or none of it.

    Args:
        records: as produced by a reader in :mod:`reviewkit.screen.readers`.
        finder: an empty duplicate finder; None stores every record as new.
        sha256: the file's content hash, kept so :func:`find_import` knows it.
        path: the file read; source: where it came from (e.g. "pubmed");
        fmt: the reader's format name.
        labels_as_prior: keep each record's ``label_prior``; otherwise labels
            in the file are dropped (never stored silently) and counted in
            ``n_labels_ignored``.
    """
    with store.write() as db:
        if finder is not None:
            for record_id, kept in _kept(store):
                finder.add(record_id, kept)
        import_id = inserted_id(
            db.table("imports").insert(
                {
                    "path": str(path),
                    "source": source,
                    "format": fmt,
                    "n_records": 0,
                    "n_duplicates": 0,
                    "at": now(),
                    "sha256": sha256,
                }
            )
        )
        n = n_dup = n_ignored = n_possible = 0
        for record in records:
            n_ignored += record.label_prior is not None and not labels_as_prior
            found = finder.find(record) if finder is not None else None
            row = _row(record, import_id, labels_as_prior)
            if found is not None:
                row["duplicate_of"], row["duplicate_reason"] = found
                n_dup += 1
            record_id = inserted_id(db.table("records").insert(row))
            if found is None and finder is not None:
                for other_id, score, why in finder.possible(record):
                    db.execute(
                        "insert into possible_duplicates (record_id, other_id, score, why, "
                        "import_id, at) values (?, ?, ?, ?, ?, ?)",
                        [record_id, other_id, round(score, 1), why, import_id, now()],
                    )
                    n_possible += 1
                finder.add(record_id, record)
            n += 1
        db.execute(
            "update imports set n_records = ?, n_duplicates = ? where id = ?", [n, n_dup, import_id]
        )
    return ImportResult(
        import_id=import_id,
        n_records=n,
        n_duplicates=n_dup,
        n_new=n - n_dup,
        n_labels_ignored=n_ignored,
        n_possible=n_possible,
    )


def find_import(store: Store, sha256: str) -> PastImport | None:
    """The first import of a file with these bytes, or None."""
    row = store.db.execute(
        "select id, path, at, n_records from imports where sha256 = ? order by id limit 1",
        [sha256],
    ).fetchone()
    return PastImport(int(row[0]), str(row[1]), str(row[2]), int(row[3])) if row else None


def _kept(store: Store) -> Iterable[tuple[int, Record]]:
    # Whole abstracts and source ids only of short-titled records: the
    # duplicate finder matches those by every field, all others by title (and
    # by the opening of their abstract for possible duplicates). Of the fields
    # as read, only those holding a PubMed or PMC id.
    id_fields = ", ".join(f"'{name}'" for name in sorted(PMID_FIELDS | PMCID_FIELDS))
    sql = (
        "select id, title, year, authors, doi, "
        "case when length(coalesce(title, '')) < 40 then abstract "
        "else substr(abstract, 1, 600) end, "
        "case when length(coalesce(title, '')) < 40 then source_key end, url, "
        "(select json_group_object(key, value) from json_each(records.raw) "
        f"where lower(key) in ({id_fields})) "
        "from records where duplicate_of is null"
    )
    for rid, title, year, authors, doi, abstract, key, url, ids in store.db.execute(sql):
        yield (
            rid,
            Record(
                id=rid,
                title=title or "",
                abstract=abstract or "",
                year=year,
                authors=json_list(authors),
                doi=doi or "",
                url=url or "",
                source_key=key or "",
                raw=from_json(ids) if ids else {},
            ),
        )


def _row(record: Record, import_id: int, labels_as_prior: bool) -> dict[str, Any]:
    return {
        "import_id": import_id,
        "source_key": record.source_key,
        "title": record.title,
        "abstract": record.abstract,
        "authors": to_json(record.authors),
        "year": record.year,
        "doi": normalise_doi(record.doi),
        "journal": record.journal,
        "keywords": to_json(record.keywords),
        "url": record.url,
        "raw": to_json(record.raw),
        "label_prior": record.label_prior if labels_as_prior else None,
        "duplicate_of": None,
        "duplicate_reason": None,
    }


_COLUMNS = (
    "id, title, abstract, authors, year, doi, journal, keywords, url, source_key, "
    "duplicate_of, label_prior"
)


def _record(row: tuple[Any, ...]) -> Record:
    (rid, title, abstract, authors, year, doi, journal, keywords, url, key, dup, prior) = row
    return Record(
        id=rid,
        title=title or "",
        abstract=abstract or "",
        authors=json_list(authors),
        year=year,
        doi=doi or "",
        journal=journal or "",
        keywords=json_list(keywords),
        url=url or "",
        source_key=key or "",
        duplicate_of=dup,
        label_prior=prior,
    )


def import_records(store: Store, import_id: int) -> list[tuple[int, int | None]]:
    """(record id, id of the record it duplicates or None) for each record of one import."""
    sql = "select id, duplicate_of from records where import_id = ? order by id"
    return [(int(a), b) for a, b in store.db.execute(sql, [import_id])]


def get_record(store: Store, record_id: int) -> Record | None:
    """One record by id (duplicates included), or None."""
    row = store.db.execute(f"select {_COLUMNS} from records where id = ?", [record_id]).fetchone()
    return _record(row) if row else None


def get_records(store: Store, ids: Iterable[int] | None = None) -> list[Record]:
    """Records by id in the order given; every kept record (by id) when `ids` is None."""
    if ids is None:
        sql = f"select {_COLUMNS} from records where duplicate_of is null order by id"
        return [_record(r) for r in store.db.execute(sql)]
    wanted = list(ids)
    found: dict[int, Record] = {}
    for chunk, marks in chunks(wanted):
        for row in store.db.execute(f"select {_COLUMNS} from records where id in ({marks})", chunk):
            found[row[0]] = _record(row)
    return [found[i] for i in wanted if i in found]


def record_ids(store: Store, *, include_duplicates: bool = False) -> list[int]:
    """Ids of the review's records in import order (duplicates left out unless asked)."""
    where = "" if include_duplicates else " where duplicate_of is null"
    return [r[0] for r in store.db.execute(f"select id from records{where} order by id")]


def count_records(store: Store) -> int:
    """Records in the review after de-duplication."""
    return int(
        store.db.execute("select count(*) from records where duplicate_of is null").fetchone()[0]
    )


def count_duplicates(store: Store) -> int:
    """Records linked to another as duplicates."""
    return int(
        store.db.execute("select count(*) from records where duplicate_of is not null").fetchone()[
            0
        ]
    )


_LINK_COLUMNS = "id, duplicate_of, coalesce(duplicate_reason, ''), coalesce(title, '')"


def duplicates(store: Store) -> list[DuplicateLink]:
    """Every duplicate link, oldest first."""
    sql = f"select {_LINK_COLUMNS} from records where duplicate_of is not null order by id"
    return [DuplicateLink(*row) for row in store.db.execute(sql)]


def restore_duplicate(store: Store, record_id: int) -> DuplicateLink:
    """Undo a duplicate link: the record becomes a record of the review again.

    Raises:
        ReviewkitError: when the record does not exist or is not a duplicate.
    """
    with store.write() as db:
        row = db.execute(
            f"select {_LINK_COLUMNS} from records where id = ?", [record_id]
        ).fetchone()
        if row is None:
            raise ReviewkitError(f"no record {record_id}; see `reviewkit duplicates`")
        if row[1] is None:
            raise ReviewkitError(f"record {record_id} is not a duplicate; nothing to restore")
        if row[2] == "merged":
            raise ReviewkitError(
                f"record {record_id} was merged into record {row[1]} by hand; undo it with "
                f"`reviewkit duplicates unmerge {record_id}` (it withdraws what the merge carried)"
            )
        db.execute(
            "update records set duplicate_of = null, duplicate_reason = ? where id = ?",
            [f"restored (was duplicate of {row[1]} by {row[2]})", record_id],
        )
    return DuplicateLink(*row)


def mark_duplicate(store: Store, record_id: int, of: int) -> None:
    """Link a record to the record kept by hand (reason ``manual``)."""
    if record_id == of:
        raise ReviewkitError(f"record {record_id} cannot be a duplicate of itself")
    with store.write() as db:
        kept = db.execute("select duplicate_of from records where id = ?", [of]).fetchone()
        if kept is None or get_record(store, record_id) is None:
            raise ReviewkitError(f"no record {of if kept is None else record_id}")
        root = kept[0] if kept[0] is not None else of
        db.execute(
            "update records set duplicate_of = ?, duplicate_reason = 'manual' where id = ?",
            [root, record_id],
        )


def label_priors(store: Store) -> dict[int, int]:
    """Labels imported as prior knowledge (``--labels-as prior``), by kept record id."""
    sql = (
        "select id, label_prior from records where label_prior is not null and duplicate_of is null"
    )
    return {int(rid): int(label) for rid, label in store.db.execute(sql)}


def record_texts(store: Store, ids: list[int]) -> list[str]:
    """Title and abstract of each record in `ids` (what the model reads), in that order."""
    found: dict[int, str] = {}
    for chunk, marks in chunks(ids):
        sql = (
            "select id, coalesce(title, ''), coalesce(abstract, '') from records "
            f"where id in ({marks})"
        )
        for rid, title, abstract in store.db.execute(sql, chunk):
            found[rid] = f"{title}\n{abstract}".strip()
    return [found.get(i, "") for i in ids]


def record_uids(store: Store) -> dict[int, str]:
    """Every record's stable uid (the id two copies of a review share), by record id."""
    return {int(rid): str(uid) for rid, uid in store.db.execute("select id, uid from records")}


def find_record_id(store: Store, ref: str) -> int:
    """The record a user names: its id in this review, or its uid (the same on every copy).

    Raises:
        ReviewkitError: when no record has that id or uid.
    """
    ref = ref.strip()
    if ref.isdigit():
        row = store.db.execute("select id from records where id = ?", [int(ref)]).fetchone()
    else:
        row = store.db.execute("select id from records where uid = ?", [ref.lower()]).fetchone()
    if row is None:
        raise ReviewkitError(
            f"no record {ref!r} in this review; find ids with "
            "`reviewkit export records --decision all --format csv --with-decisions`"
        )
    return int(row[0])
