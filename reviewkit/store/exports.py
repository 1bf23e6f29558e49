"""Read queries the exports need and no other module offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewkit.store.columns import json_list
from reviewkit.store.db import Store


@dataclass(frozen=True)
class DocumentMeta:
    """A current document's metadata, without its pages."""

    sha256: str
    path: str
    title: str
    authors: list[str]
    year: int | None
    doi: str
    record_id: int | None


@dataclass(frozen=True)
class SourceCount:
    """Records imported from one source (all its imports summed)."""

    source: str
    n_records: int
    n_duplicates: int


def document_metadata(store: Store) -> list[DocumentMeta]:
    """Every document not replaced by a newer version of its file, oldest first."""
    sql = (
        "select sha256, path, title, authors, year, doi, record_id from documents "
        "where replaced_by is null order by ingested_at, path"
    )
    return [
        DocumentMeta(
            sha256=sha,
            path=path,
            title=title or "",
            authors=json_list(authors),
            year=year,
            doi=doi or "",
            record_id=record_id,
        )
        for sha, path, title, authors, year, doi, record_id in store.db.execute(sql)
    ]


def has_decisions(store: Store, stage: str | None = None) -> bool:
    """Whether any decision row (of any kind) was recorded, at `stage` when given."""
    sql = "select 1 from decisions" + (" where stage = ?" if stage else "") + " limit 1"
    return store.db.execute(sql, [stage] if stage else []).fetchone() is not None


def source_counts(store: Store) -> list[SourceCount]:
    """Records identified per source, in the order sources were first imported.

    A record's source is the database it names itself (RIS ``DB``, e.g. one
    Scopus export holding Scopus and Social Care Online records), else the
    source given at import (``--source``), else the imported file.
    """
    sql = (
        "select coalesce(nullif(json_extract(r.raw, '$.name_of_database'), ''), "
        "nullif(i.source, ''), i.path) as src, count(*), "
        "sum(r.duplicate_of is not null) "
        "from records r join imports i on i.id = r.import_id group by src order by min(r.id)"
    )
    return [SourceCount(s, int(n or 0), int(d or 0)) for s, n, d in store.db.execute(sql)]


def decision_log(store: Store) -> list[dict[str, Any]]:
    """Every row of the decisions table (decisions, undos, resolutions), oldest first."""
    return list(store.db.query("select * from decisions order by id"))
