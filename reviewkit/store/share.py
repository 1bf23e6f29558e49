"""Share files: written by `share` and `export decisions`, opened by `init --from`.

A share file is written next to its destination and renamed into place only
when complete, so a half-written file never exists under the name the user
gave. The whole copy reads one snapshot of the review.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewkit import __version__
from reviewkit.errors import ReviewkitError
from reviewkit.store.columns import from_json, now, to_json
from reviewkit.store.db import Store
from reviewkit.store.merge import add_decisions, add_extractions, check_rows, source_views
from reviewkit.store.share_format import (
    KINDS,
    TABLES,
    VERSION,
    Manifest,
    check_share,
    columns,
    create_tables,
)

#: Decision kinds a reviewer's blinded copy carries: their own labels and
#: undos. Resolutions are left out: settling a conflict reveals the others.
_OWN_KINDS = ("decision", "undo")


@dataclass(frozen=True)
class ShareWritten:
    """A share file as written: where, its manifest, and its size in bytes."""

    path: Path
    manifest: Manifest
    size: int


@contextmanager
def _attached(store: Store, path: Path, name: str) -> Iterator[None]:
    store.db.execute("attach database ? as " + name, [str(path)])
    try:
        yield
    finally:
        store.db.execute(f"detach database {name}")


def _copy(store: Store, table: str, select: str, params: list[Any] | tuple[Any, ...] = ()) -> None:
    cols = ", ".join(columns(table))
    store.db.execute(f"insert into share.{table} ({cols}) {select}", list(params))


def write_share(
    store: Store,
    path: str | Path,
    *,
    kind: str = "share",
    reviewer: str | None = None,
    settings: Mapping[str, str] | None = None,
) -> ShareWritten:
    """Write a share file of the review to `path` (replacing a file already there).

    Args:
        kind: "share": the records (with their duplicate links and imports),
            documents with their page text, machine proposals and `reviewer`'s
            own extraction actions, `reviewer`'s own decisions and undos only
            (blinding), the latest ranking per stage, and `settings`.
            "decisions": every reviewer's decisions, undos and resolutions and
            every extraction row, with the records' ids and titles only.
        reviewer: whose copy ("share" only; required there).
        settings: files of the review folder to carry, name -> text (e.g.
            ``{"reviewkit.toml": ...}``).
    """
    if kind not in KINDS:
        raise ReviewkitError(f"unknown share kind {kind!r}; use one of {', '.join(KINDS)}")
    if kind == "share" and not reviewer:
        raise ReviewkitError("a share file is for one reviewer; pass --reviewer NAME")
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with _attached(store, tmp, "share"):
            manifest = _fill(store, kind, reviewer if kind == "share" else None, settings or {})
        os.replace(tmp, path)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return ShareWritten(path, manifest, path.stat().st_size)


def _fill(store: Store, kind: str, reviewer: str | None, settings: Mapping[str, str]) -> Manifest:
    conn = store.db.conn
    create_tables(conn, "share")
    with store.read():
        full = kind == "share"
        _copy_records(store, full)
        if full:
            _copy(
                store,
                "imports",
                "select id, path, source, format, n_records, n_duplicates, at from main.imports",
            )
            _copy_documents(store)
            _copy_rankings(store)
            for name, text in sorted(settings.items()):
                _copy(store, "settings", "select ?, ?", [name, text])
        _copy_decisions(store, reviewer)
        _copy_extractions(store, reviewer)
        counts = {
            t: int(store.db.execute(f"select count(*) from share.{t}").fetchone()[0])
            for t in TABLES
            if t != "manifest"
        }
    manifest = Manifest(VERSION, kind, reviewer, now(), __version__, counts)
    store.db.execute("insert into share.manifest (json) values (?)", [to_json(manifest.to_json())])
    return manifest


def _copy_records(store: Store, full: bool) -> None:
    if not full:
        _copy_partial(store)
        return
    _copy(
        store,
        "records",
        "select r.uid, r.id, r.import_id, r.source_key, r.title, r.abstract, r.authors, r.year, "
        "r.doi, r.journal, r.keywords, r.url, r.raw, r.label_prior, k.uid, r.duplicate_reason "
        "from main.records r left join main.records k on k.id = r.duplicate_of order by r.id",
    )


def _copy_partial(store: Store) -> None:
    # Enough to say which record a decision is about when the other copy lacks it.
    store.db.execute(
        "insert into share.records (uid, id, title, doi, year) "
        "select uid, id, title, doi, year from main.records order by id"
    )


def _copy_documents(store: Store) -> None:
    _copy(
        store,
        "documents",
        "select d.sha256, d.path, d.kind, d.n_pages, d.title, d.authors, d.year, d.doi, "
        "d.abstract, d.sections, d.refs, d.flags, d.warnings, r.uid, d.replaced_by, "
        "d.ingested_at from main.documents d left join main.records r on r.id = d.record_id",
    )
    _copy(store, "pages", "select doc_sha256, number, text, header, footer from main.pages")


def _copy_decisions(store: Store, reviewer: str | None) -> None:
    select = (
        "select d.uid, r.uid, d.stage, d.reviewer, d.kind, d.label, d.reason, d.note, d.at "
        "from main.decisions d join main.records r on r.id = d.record_id"
    )
    params: list[Any] = []
    if reviewer is not None:
        select += " where d.reviewer = ? and d.kind in (?, ?)"
        params = [reviewer, *_OWN_KINDS]
    _copy(store, "decisions", select + " order by d.at, d.id", params)


def _copy_extractions(store: Store, reviewer: str | None) -> None:
    rows = store.db.execute(
        "select id, uid, doc_sha256, template, field, value, evidence, method, confidence, "
        "status, reviewer, supersedes, at from main.extractions order by id"
    ).fetchall()
    by_id = {r[0]: r for r in rows}

    def kept(row: tuple[Any, ...]) -> bool:
        # Blinding: machine proposals and the reviewer's own actions only.
        return reviewer is None or row[10] is None or row[10] == reviewer

    def parent_uid(row: tuple[Any, ...]) -> str | None:
        parent = by_id.get(row[11])
        while parent is not None and not kept(parent):
            parent = by_id.get(parent[11])
        return None if parent is None else str(parent[1])

    out = [(*r[1:11], parent_uid(r), r[12]) for r in rows if kept(r)]
    cols = ", ".join(columns("extractions"))
    marks = ", ".join("?" * len(columns("extractions")))
    store.db.conn.executemany(f"insert into share.extractions ({cols}) values ({marks})", out)


def _copy_rankings(store: Store) -> None:
    uids = dict(store.db.execute("select id, uid from main.records").fetchall())
    latest = (
        "select stage, model, n_labelled, record_ids, seconds, at from main.rankings "
        "where id in (select max(id) from main.rankings group by stage)"
    )
    for stage, model, n_labelled, record_ids, seconds, at in store.db.execute(latest).fetchall():
        ranked = [uids[i] for i in from_json(record_ids) if i in uids]
        _copy(
            store,
            "rankings",
            "select ?, ?, ?, ?, ?, ?",
            [stage, model, n_labelled, to_json(ranked), seconds, at],
        )


@dataclass(frozen=True)
class ShareOpened:
    """What `init --from` stored from a share file."""

    manifest: Manifest
    settings: dict[str, str]
    n_records: int
    n_decisions: int
    n_documents: int


def load_share(store: Store, path: str | Path) -> ShareOpened:
    """Fill an empty review from a share file of kind "share" (`reviewkit init DIR --from FILE`).

    Records keep their ids and uids, so the same record has the same id on
    every machine; decisions keep their reviewer, stage, time and uid.

    Raises:
        InputFileError: the file is not a share file this reviewkit reads.
        ReviewkitError: the file holds only decisions, or the review is not empty.
    """
    path = Path(path)
    manifest = check_share(path)
    if manifest.kind != "share":
        raise ReviewkitError(
            f"{path}: holds {manifest.kind} only, not a whole review; open a file written "
            "by `reviewkit share`, or `reviewkit merge` this one into a review"
        )
    if store.db.execute("select 1 from records limit 1").fetchone() is not None:
        raise ReviewkitError(
            f"{store.path}: this review already has records; `reviewkit init --from` needs a "
            f"new folder (or run `reviewkit merge {path}` in this one)"
        )
    with (
        _attached(store, path, "share"),
        source_views(store, "share", folder=False),
        store.write() as db,
    ):
        check_rows(store, path)
        db.execute(
            "insert into main.imports (id, path, source, format, n_records, n_duplicates, at) "
            "select id, path, source, format, n_records, n_duplicates, at from share.imports"
        )
        db.execute(
            "insert into main.records (id, uid, import_id, source_key, title, abstract, authors, "
            "year, doi, journal, keywords, url, raw, label_prior, duplicate_of, "
            "duplicate_reason) select s.id, s.uid, s.import_id, s.source_key, s.title, "
            "s.abstract, s.authors, s.year, s.doi, s.journal, s.keywords, s.url, s.raw, "
            "s.label_prior, k.id, s.duplicate_reason from share.records s "
            "left join share.records k on k.uid = s.duplicate_of_uid order by s.id"
        )
        db.execute(
            "insert into main.documents (sha256, path, kind, n_pages, title, authors, year, doi, "
            "abstract, sections, refs, flags, warnings, record_id, replaced_by, ingested_at) "
            "select s.sha256, s.path, s.kind, s.n_pages, s.title, s.authors, s.year, s.doi, "
            "s.abstract, s.sections, s.refs, s.flags, s.warnings, r.id, s.replaced_by, "
            "s.ingested_at from share.documents s left join main.records r on r.uid = s.record_uid"
        )
        db.execute(
            "insert into main.pages (doc_sha256, number, text, header, footer) "
            "select doc_sha256, number, text, header, footer from share.pages"
        )
        n_decisions = add_decisions(store).added
        add_extractions(store)
        _load_rankings(store)
        settings = dict(db.execute("select name, text from share.settings").fetchall())
        n_records = int(
            db.execute("select count(*) from main.records where duplicate_of is null").fetchone()[0]
        )
        n_documents = int(db.execute("select count(*) from main.documents").fetchone()[0])
    return ShareOpened(manifest, settings, n_records, n_decisions, n_documents)


def _load_rankings(store: Store) -> None:
    ids = dict(store.db.execute("select uid, id from main.records").fetchall())
    rows = store.db.execute(
        "select stage, model, n_labelled, record_uids, seconds, at from share.rankings"
    ).fetchall()
    for stage, model, n_labelled, record_uids, seconds, at in rows:
        ranked = [ids[u] for u in from_json(record_uids) if u in ids]
        store.db.execute(
            "insert into main.rankings (stage, model, n_labelled, record_ids, seconds, at) "
            "values (?, ?, ?, ?, ?, ?)",
            [stage, model, n_labelled, to_json(ranked), seconds, at],
        )


def init_from_share(folder: Path, path: Path) -> ShareOpened:
    """`reviewkit init DIR --from FILE`: a new review folder holding a share file's copy.

    The file is checked before anything is created; its reviewkit.toml (when
    it carries one) becomes the folder's.
    """
    from reviewkit.store.folder import CONFIG_NAME, DB_NAME, init_project

    check_share(path)
    init_project(folder)
    with Store(folder / DB_NAME) as store:
        opened = load_share(store, path)
    toml = opened.settings.get(CONFIG_NAME)
    if toml is not None:
        (folder / CONFIG_NAME).write_text(toml, encoding="utf-8")
    return opened
