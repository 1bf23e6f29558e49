"""The memory-mapped vector index: written beside the database, rebuilt when
passages change, and ranking exactly like the index read into memory.

Vectors are made up (no model): each text's vector is derived from its hash.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from reviewkit.document import Document, Page
from reviewkit.embed import DIM, MODEL_NAME
from reviewkit.search.chunks import sentence_units, text_hash
from reviewkit.search.index import UNITS_MODEL, index_documents
from reviewkit.search.vectors import (
    VECTORS_DIR,
    VectorIndex,
    read_vector_index,
    vector_cache,
)
from reviewkit.store import Store
from reviewkit.store import passages as sp
from reviewkit.store.documents import save_document


def _vector(key: str, rows: int = 1) -> np.ndarray:
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    v = np.random.default_rng(seed).standard_normal((rows, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _fake_embed(store: Store) -> None:
    """Cache made-up vectors for every passage and its sentence units."""
    whole = sp.texts_to_embed(store, MODEL_NAME)
    parts = sp.texts_to_embed(store, UNITS_MODEL)
    sp.save_embeddings(store, MODEL_NAME, DIM, [(h, _vector(h)) for h, _ in whole])
    sp.save_embeddings(
        store,
        UNITS_MODEL,
        DIM,
        [(h, _vector(h + "#u", len(sentence_units(t)))) for h, t in parts],
    )


def _index(store: Store) -> VectorIndex:
    index_documents(store, embed=False)
    _fake_embed(store)
    return vector_cache.get(store)


def _doc(name: str, n_pages: int = 2) -> Document:
    pages = [
        Page(
            i + 1,
            f"{name} page {i + 1}. Integration of services is discussed at length here. "
            "Partners pooled their budgets for older people. Staff were co-located.\n\n"
            f"A second paragraph of {name} about trust between agencies, shared records "
            "and accountability, long enough to be its own passage after the first one.",
        )
        for i in range(n_pages)
    ]
    sha = hashlib.sha256(name.encode()).hexdigest()
    return Document(sha256=sha, path=f"/p/{name}.pdf", kind="pdf", pages=pages, title=name)


@pytest.fixture(autouse=True)
def _fresh_cache():
    vector_cache.clear()
    yield
    vector_cache.clear()
    vector_cache.use_files = True


def _folders(tmp_path):
    root = tmp_path / VECTORS_DIR
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.exists() else []


def test_index_is_mapped_from_files_and_ranks_like_memory(tmp_path):
    store = Store(tmp_path / "reviewkit.db")
    for name in ("a", "b", "c"):
        save_document(store, _doc(name))
    mapped = _index(store)
    assert mapped.path is not None and mapped.path.parent == tmp_path / VECTORS_DIR
    assert isinstance(mapped.passages, np.memmap) and isinstance(mapped.units, np.memmap)
    assert mapped.units.dtype == np.float16 and mapped.passages.dtype == np.float32
    assert len(_folders(tmp_path)) == 1

    memory = read_vector_index(store, MODEL_NAME, UNITS_MODEL)
    assert memory.path is None
    np.testing.assert_array_equal(mapped.ids, memory.ids)
    np.testing.assert_array_equal(mapped.passages, memory.passages)
    np.testing.assert_array_equal(mapped.units, memory.units)
    np.testing.assert_array_equal(mapped.unit_start, memory.unit_start)
    np.testing.assert_array_equal(mapped.unit_count, memory.unit_count)
    assert mapped.unit_count.sum() > 0
    for seed in range(5):
        query = _vector(f"query {seed}")[0]
        assert mapped.rank(query, 5) == memory.rank(query, 5)
        assert mapped.rank(query, 5, shortlist=2) == memory.rank(query, 5, shortlist=2)
    store.close()


def test_another_process_maps_the_same_files_without_rebuilding(tmp_path):
    with Store(tmp_path / "reviewkit.db") as store:
        save_document(store, _doc("a"))
        first = _index(store)
        files = {p: p.stat().st_mtime_ns for p in first.path.iterdir()}  # type: ignore[union-attr]
    vector_cache.clear()  # as a new process
    with Store(tmp_path / "reviewkit.db") as store:
        again = vector_cache.get(store)
    assert again.path == first.path
    assert {p: p.stat().st_mtime_ns for p in again.path.iterdir()} == files  # type: ignore[union-attr]


def test_files_are_rebuilt_when_passages_change(tmp_path):
    store = Store(tmp_path / "reviewkit.db")
    a, b = _doc("a"), _doc("b")
    save_document(store, a)
    first = _index(store)
    save_document(store, b)
    second = _index(store)
    assert second.path != first.path and len(second.ids) > len(first.ids)
    assert _folders(tmp_path) == [second.path.name]  # type: ignore[union-attr]

    # Same count and same ids, different texts: the digest still changes.
    with store.write() as db:
        rows = db.execute("select id, text from passages where doc_sha256 = ?", [b.sha256])
        for pid, text in rows.fetchall():
            new = text.replace("trust", "confidence")
            db.execute(
                "update passages set text = ?, text_hash = ? where id = ?",
                [new, text_hash(new), pid],
            )
    third = _index(store)
    assert len(third.ids) == len(second.ids) and third.path != second.path
    memory = read_vector_index(store, MODEL_NAME, UNITS_MODEL)
    query = _vector("q")[0]
    assert third.rank(query, 10) == memory.rank(query, 10)
    store.close()


def test_in_memory_database_and_no_vectors_need_no_files(tmp_path):
    store = Store(":memory:")
    save_document(store, _doc("a"))
    index = _index(store)
    assert index.path is None and len(index.ids) > 0
    disk = Store(tmp_path / "reviewkit.db")
    save_document(disk, _doc("a"))
    index_documents(disk, embed=False)
    empty = vector_cache.get(disk)
    assert len(empty.ids) == 0 and not (tmp_path / VECTORS_DIR).exists()
    disk.close()


def test_unwritable_folder_falls_back_to_memory(tmp_path, monkeypatch):
    from reviewkit.search import vectors

    def refuse(*_a, **_k):
        raise PermissionError("read-only")

    monkeypatch.setattr(vectors, "write_vector_files", refuse)
    store = Store(tmp_path / "reviewkit.db")
    save_document(store, _doc("a"))
    index = _index(store)
    assert index.path is None and len(index.ids) > 0
    assert _folders(tmp_path) == []
    store.close()
