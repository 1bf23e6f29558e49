"""Documents and their pages: save atomically, read back as `Document`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from reviewkit.document import Document, Page, Reference, Section
from reviewkit.errors import ReviewkitError
from reviewkit.store.columns import json_list, now, to_json
from reviewkit.store.db import Store


def stored_sha_for_path(store: Store, path: str | Path) -> str | None:
    """The sha256 of the document the file at `path` held when last ingested."""
    row = store.db.execute("select sha256 from files where path = ?", [str(path)]).fetchone()
    return row[0] if row else None


def has_document(store: Store, sha256: str) -> bool:
    """Whether a document with this content hash is stored (replaced or not)."""
    row = store.db.execute("select 1 from documents where sha256 = ?", [sha256]).fetchone()
    return row is not None


def save_document(store: Store, doc: Document, *, size: int = 0, mtime: float = 0.0) -> bool:
    """Store `doc` and point its path at it, in one transaction.

    When the path held another document, that one is marked replaced (its
    passages go, its pages stay so old quotes still verify) and any earlier
    failure records for the path are cleared.

    Returns:
        True when the document's text is new to the store, False when the
        same content was already stored (e.g. a copy under another name).
    """
    path = str(doc.path)
    with store.write() as db:
        old = stored_sha_for_path(store, path)
        is_new = not has_document(store, doc.sha256)
        if is_new:
            db.table("documents").insert(_document_row(doc))
            db.table("pages").insert_all(
                {
                    "doc_sha256": doc.sha256,
                    "number": p.number,
                    "text": p.text,
                    "header": p.header,
                    "footer": p.footer,
                }
                for p in doc.pages
            )
        else:
            db.execute("update documents set replaced_by = null where sha256 = ?", [doc.sha256])
        _point_path(db, old, path, doc.sha256, size=size, mtime=mtime)
    return is_new


def document_path(store: Store, sha256: str) -> str | None:
    """The path a stored document was first ingested from."""
    row = store.db.execute("select path from documents where sha256 = ?", [sha256]).fetchone()
    return str(row[0]) if row else None


def same_text_as(store: Store, doc: Document) -> str | None:
    """The path of another current document whose pages hold exactly `doc`'s text.

    One paper saved twice (re-exported, renamed, metadata edited) has two
    hashes and one text; search shows it once, and ingest says so.
    """
    if not doc.pages or not any(p.text.strip() for p in doc.pages):
        return None
    first = doc.pages[0].text
    rows = store.db.execute(
        "select d.sha256, d.path from documents d join pages g "
        "on g.doc_sha256 = d.sha256 and g.number = 1 "
        "where d.replaced_by is null and d.sha256 != ? and d.n_pages = ? "
        "and length(g.text) = ? and g.text = ? order by d.ingested_at, d.path",
        [doc.sha256, len(doc.pages), len(first), first],
    ).fetchall()
    texts = [p.text for p in doc.pages]
    for sha, path in rows:
        stored = [
            r[0]
            for r in store.db.execute(
                "select text from pages where doc_sha256 = ? order by number", [sha]
            )
        ]
        if stored == texts:
            return str(path)
    return None


def _point_path(
    db: sqlite_utils.Database,
    old: str | None,
    path: str,
    sha256: str,
    *,
    size: int,
    mtime: float,
) -> None:
    """Make `path` hold `sha256`, retiring the document it held before (`old`).

    The old document keeps its pages so quotes already taken from it still
    verify; its passages go so search no longer finds it.
    """
    if old and old != sha256:
        db.execute("update documents set replaced_by = ? where sha256 = ?", [sha256, old])
        db.execute("delete from passages where doc_sha256 = ?", [old])
    db.table("files").upsert(
        {"path": path, "sha256": sha256, "size": size, "mtime": mtime, "updated_at": now()},
        pk="path",
    )
    db.execute("delete from ingest_failures where path = ?", [path])


def _document_row(doc: Document) -> dict[str, object]:
    return {
        "sha256": doc.sha256,
        "path": str(doc.path),
        "kind": doc.kind,
        "n_pages": len(doc.pages),
        "title": doc.title,
        "authors": to_json(doc.authors),
        "year": doc.year,
        "doi": doc.doi,
        "abstract": doc.abstract,
        "sections": to_json([asdict(s) for s in doc.sections]),
        "refs": to_json([asdict(r) for r in doc.references]),
        "flags": to_json(doc.flags),
        "warnings": to_json(doc.warnings),
        "record_id": None,
        "replaced_by": None,
        "ingested_at": now(),
    }


def record_failure(
    store: Store, path: str | Path, reason: str, message: str, sha256: str | None = None
) -> None:
    """Remember why a file failed, so `status` and the next ingest can say so."""
    with store.write() as db:
        db.table("ingest_failures").insert(
            {"path": str(path), "sha256": sha256, "reason": reason, "message": message, "at": now()}
        )


def load_document(store: Store, sha256: str) -> Document | None:
    """Read a stored document back, pages and metadata included."""
    rows = list(store.db.query("select * from documents where sha256 = ?", [sha256]))
    if not rows:
        return None
    row = rows[0]
    pages = [
        Page(number=p["number"], text=p["text"], header=p["header"] or "", footer=p["footer"] or "")
        for p in store.db.query(
            "select * from pages where doc_sha256 = ? order by number", [sha256]
        )
    ]
    return Document(
        sha256=row["sha256"],
        path=row["path"],
        kind=row["kind"],
        pages=pages,
        title=row["title"],
        authors=json_list(row["authors"]),
        year=row["year"],
        doi=row["doi"],
        abstract=row["abstract"],
        sections=[Section(**s) for s in json_list(row["sections"])],
        references=[Reference(**r) for r in json_list(row["refs"])],
        flags=json_list(row["flags"]),
        warnings=json_list(row["warnings"]),
    )


@dataclass(frozen=True)
class DocumentRow:
    """A stored document as lists show it (its pages are read by :func:`load_document`).

    Attributes:
        record_id: the bibliographic record it is the full text of, if linked.
    """

    sha256: str
    path: str
    kind: str
    n_pages: int
    title: str | None
    year: int | None
    flags: list[str]
    record_id: int | None


def current_documents(store: Store) -> list[DocumentRow]:
    """Every document not replaced by a newer version of its file, oldest first."""
    return [
        DocumentRow(
            sha256=row["sha256"],
            path=row["path"],
            kind=row["kind"],
            n_pages=int(row["n_pages"] or 0),
            title=row["title"],
            year=row["year"],
            flags=json_list(row["flags"]),
            record_id=row["record_id"],
        )
        for row in store.db.query(
            "select sha256, path, kind, n_pages, title, year, flags, record_id "
            "from documents where replaced_by is null order by ingested_at, path"
        )
    ]


def count_documents(store: Store) -> int:
    """Documents not replaced by a newer version of their file."""
    row = store.db.execute("select count(*) from documents where replaced_by is null").fetchone()
    return int(row[0])


def link_record(store: Store, sha256: str, record_id: int | None) -> None:
    """Attach a document to the bibliographic record it is the full text of."""
    with store.write() as db:
        db.execute("update documents set record_id = ? where sha256 = ?", [record_id, sha256])


def link_path(
    store: Store, path: str | Path, sha256: str, *, size: int = 0, mtime: float = 0.0
) -> None:
    """Point `path` at an already-stored document with the same content."""
    with store.write() as db:
        old = stored_sha_for_path(store, path)
        _point_path(db, old, str(path), sha256, size=size, mtime=mtime)


def unlinked_documents(store: Store) -> list[dict[str, Any]]:
    """Current documents not yet linked to a record: sha256, title, doi, year."""
    return list(
        store.db.query(
            "select sha256, title, doi, year from documents "
            "where replaced_by is null and record_id is null"
        )
    )


def linkable_records(store: Store) -> list[dict[str, Any]]:
    """Records (not duplicates) no document is linked to yet: id, title, doi, year."""
    return list(
        store.db.query(
            "select id, title, doi, year from records where duplicate_of is null and id not in "
            "(select record_id from documents where record_id is not null)"
        )
    )


def find_document(store: Store, ref: str) -> DocumentRow:
    """The current document a user names: a file path, a file name, or a sha256 prefix.

    Raises:
        ReviewkitError: when nothing, or more than one document, matches.
    """
    docs = current_documents(store)
    ref = ref.strip()
    resolved = str(Path(ref).resolve()) if ref else ""
    exact = [d for d in docs if d.path in (ref, resolved)]
    by_name = [d for d in docs if Path(d.path).name == ref]
    by_sha = [d for d in docs if len(ref) >= 6 and d.sha256.startswith(ref.lower())]
    for found in (exact, by_name, by_sha):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ReviewkitError(
                f"{ref!r} names {len(found)} documents; give its path or more of its sha256"
            )
    raise ReviewkitError(
        f"no document {ref!r} in this review; list them with `reviewkit documents`"
    )
