"""Passages, their FTS5 index and the embedding cache: every search query in SQL.

``passages_fts`` is an external-content FTS5 table (porter tokenizer) kept in
step with ``passages`` by triggers, so inserting or deleting passages is all
it takes to index them. Embeddings are keyed by (text hash, model name).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from reviewkit.store.db import Store

#: Characters FTS5 `highlight()` puts around matched tokens; never in page text.
MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"


def documents_to_index(store: Store) -> list[str]:
    """Current documents that have pages but no passages yet."""
    rows = store.db.execute(
        "select d.sha256 from documents d where d.replaced_by is null "
        "and not exists (select 1 from passages p where p.doc_sha256 = d.sha256) "
        "and exists (select 1 from pages g where g.doc_sha256 = d.sha256 "
        "and length(trim(g.text)) > 0) "
        "order by d.ingested_at, d.path"
    ).fetchall()
    return [r[0] for r in rows]


def replace_passages(store: Store, doc_sha256: str, rows: Iterable[dict[str, Any]]) -> int:
    """Store the passages of one document in place of any it had, atomically.

    Args:
        rows: dicts with page, char_start, char_end, text, text_hash.

    Returns:
        How many passages were stored.
    """
    with store.write() as db:
        db.execute("delete from passages where doc_sha256 = ?", [doc_sha256])
        batch = [{"doc_sha256": doc_sha256, **r} for r in rows]
        if batch:
            db.table("passages").insert_all(batch)
    return len(batch)


def texts_to_embed(store: Store, model: str) -> list[tuple[str, str]]:
    """(text_hash, text) of every passage text with no vector for `model` yet."""
    # Two steps so the scan reads only the text_hash index, never the texts.
    missing = [
        r[0]
        for r in store.db.execute(
            "select distinct p.text_hash from passages p where not exists "
            "(select 1 from embeddings e where e.text_hash = p.text_hash and e.model = ?)",
            [model],
        )
    ]
    out: list[tuple[str, str]] = []
    for lo in range(0, len(missing), 500):
        chunk = missing[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        out.extend(
            (r[0], r[1])
            for r in store.db.execute(
                f"select text_hash, min(text) from passages where text_hash in ({marks}) "
                "group by text_hash",
                chunk,
            )
        )
    return sorted(out)


def save_embeddings(
    store: Store, model: str, dim: int, items: Iterable[tuple[str, np.ndarray]]
) -> None:
    """Cache the vectors of each text hash: one row of `dim` floats, or several.

    A text's vectors are stored as one float32 blob (rows x dim); a text with
    no rows stores an empty blob, so it is not embedded again. Existing rows
    are kept.
    """
    with store.write() as db:
        db.conn.executemany(
            "insert or ignore into embeddings (text_hash, model, dim, vector) values (?, ?, ?, ?)",
            [
                (h, model, dim, np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for h, v in items
            ],
        )


def embeddings_for(store: Store, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
    """Cached vectors of `hashes` (those that have one)."""
    out: dict[str, np.ndarray] = {}
    for lo in range(0, len(hashes), 500):
        chunk = list(hashes[lo : lo + 500])
        marks = ",".join("?" * len(chunk))
        for h, blob in store.db.execute(
            f"select text_hash, vector from embeddings where model = ? and text_hash in ({marks})",
            [model, *chunk],
        ):
            out[h] = np.frombuffer(blob, dtype=np.float32)
    return out


def index_version(store: Store, *models: str) -> tuple[int, ...]:
    """Changes whenever passages or their vectors change.

    Returns:
        (passage count, max passage id, then per model the passages with vectors).
    """
    n, top = store.db.execute("select count(*), coalesce(max(id), 0) from passages").fetchone()
    out = [int(n), int(top)]
    for model in models:
        (vecs,) = store.db.execute(
            "select count(*) from passages p join embeddings e "
            "on e.text_hash = p.text_hash and e.model = ?",
            [model],
        ).fetchone()
        out.append(int(vecs))
    return tuple(out)


def passage_digest(store: Store) -> str:
    """sha256 over every passage's id and text hash, in id order.

    Names the memory-mapped vector files: any passage added, removed or
    replaced (even under a reused id) gives a new digest.
    """
    h = hashlib.sha256()
    cur = store.db.execute("select id, text_hash from passages order by id")
    while rows := cur.fetchmany(10_000):
        h.update("".join(f"{pid}:{th}\n" for pid, th in rows).encode())
    return h.hexdigest()


#: ``allocate(shape, dtype)``: where :func:`passage_vectors` writes its matrix.
Allocate = Callable[[tuple[int, ...], Any], np.ndarray]


def passage_vectors(
    store: Store,
    model: str,
    *,
    dtype: Any = np.float32,
    allocate: Allocate | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cached vectors of every passage under `model`, in passage id order.

    Args:
        dtype: the matrix's element type (vectors are cached as float32).
        allocate: makes the empty matrix to fill, e.g. a memory-mapped file
            (default ``numpy.empty``). Within one read transaction the matrix
            is filled exactly; otherwise a writer's new rows may be left out.

    Returns:
        (ids int64 (n,), counts int64 (n,): rows per passage, matrix
        (sum of counts, dim)).
    """
    sql = "from passages p join embeddings e on e.text_hash = p.text_hash and e.model = ?"
    n, nbytes, dim = store.db.execute(
        f"select count(*), coalesce(sum(length(e.vector)), 0), coalesce(max(e.dim), 0) {sql}",
        [model],
    ).fetchone()
    # Filled in place: peak memory is the matrix itself, not a copy of every blob.
    ids = np.empty(n, dtype=np.int64)
    counts = np.empty(n, dtype=np.int64)
    width = max(dim, 1)
    matrix = (allocate or np.empty)((nbytes // 4 // width, width), dtype)
    flat = matrix.reshape(-1)
    row = at = 0
    for pid, blob in store.db.execute(f"select p.id, e.vector {sql} order by p.id", [model]):
        if row == n:  # a writer added rows since the count; the next call sees them
            break
        size = len(blob) // 4
        if at + size > len(flat):
            break
        flat[at : at + size] = np.frombuffer(blob, dtype=np.float32)
        ids[row], counts[row] = pid, size // dim if dim else 0
        row, at = row + 1, at + size
    return ids[:row], counts[:row], matrix[: at // width]


def keyword_ranking(store: Store, match: str, limit: int) -> list[tuple[int, float]]:
    """(passage id, BM25 score; higher is better) for an FTS5 MATCH expression."""
    if not match:
        return []
    rows = store.db.execute(
        "select rowid, rank from passages_fts where passages_fts match ? order by rank limit ?",
        [match, limit],
    ).fetchall()
    # FTS5's rank is bm25() negated: more negative is more relevant.
    return [(int(r[0]), -float(r[1])) for r in rows]


def passages_by_id(store: Store, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Passage rows with their document's title, keyed by passage id."""
    out: dict[int, dict[str, Any]] = {}
    for lo in range(0, len(ids), 500):
        chunk = [int(i) for i in ids[lo : lo + 500]]
        marks = ",".join("?" * len(chunk))
        for row in store.db.query(
            "select p.id, p.doc_sha256, d.title, d.path, p.page, p.char_start, p.char_end, "
            f"p.text from passages p join documents d on d.sha256 = p.doc_sha256 "
            f"where p.id in ({marks})",
            chunk,
        ):
            out[row["id"]] = row
    return out


def highlighted(store: Store, match: str, ids: Sequence[int]) -> dict[int, str]:
    """Passage texts with matched tokens between MARK_OPEN and MARK_CLOSE."""
    if not match or not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = store.db.execute(
        f"select rowid, highlight(passages_fts, 0, ?, ?) from passages_fts "
        f"where passages_fts match ? and rowid in ({marks})",
        [MARK_OPEN, MARK_CLOSE, match, *[int(i) for i in ids]],
    ).fetchall()
    return {int(r[0]): r[1] for r in rows}


def count_passages(store: Store) -> int:
    (n,) = store.db.execute("select count(*) from passages").fetchone()
    return int(n)
