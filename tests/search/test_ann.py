"""The approximate index: used past the review's size setting, built once and
shared, and finding what exact search finds.

Vectors are made up (no model): clustered, as sentence embeddings are, since
an inverted-file index on vectors with no structure at all measures nothing a
reviewer meets.
"""

from __future__ import annotations

import numpy as np
import pytest

from reviewkit.search.ann import ANN_FILE, build_ann, load_ann
from reviewkit.search.vectors import VectorIndex, vector_cache
from reviewkit.store import Store
from reviewkit.store.documents import save_document
from tests.search.test_vectors import _doc, _index

DIM = 64


def _clustered(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((200, DIM)).astype(np.float32)
    x = centres[rng.integers(0, len(centres), n)] + 0.35 * rng.standard_normal((n, DIM))
    x = x.astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _plain(vectors: np.ndarray) -> VectorIndex:
    n = len(vectors)
    empty = np.zeros((0, vectors.shape[1]), dtype=np.float16)
    zeros = np.zeros(n, dtype=np.int64)
    return VectorIndex(np.arange(100, 100 + n), vectors, empty, zeros, zeros)


@pytest.fixture(autouse=True)
def _fresh_cache():
    vector_cache.clear()
    yield
    vector_cache.clear()


def test_approximate_ranking_finds_what_exact_search_finds(tmp_path):
    vectors = _clustered(20_000)
    build_ann(vectors, tmp_path / ANN_FILE)
    exact = _plain(vectors)
    approximate = VectorIndex(
        exact.ids,
        exact.passages,
        exact.units,
        exact.unit_start,
        exact.unit_count,
        ann=load_ann(tmp_path / ANN_FILE, nprobe=16),
    )
    queries = _clustered(50, seed=1)
    recall = []
    for q in queries:
        want = exact.rank(q, 10, shortlist=100)
        got = approximate.rank(q, 10, shortlist=100)
        recall.append(len({i for i, _ in want} & {i for i, _ in got}) / 10)
        # A passage found by both paths has the same, exact score.
        scores = dict(want)
        for pid, score in got:
            if pid in scores:
                assert score == pytest.approx(scores[pid], abs=1e-6)
    assert np.mean(recall) >= 0.95


def test_fewer_cells_scanned_find_less(tmp_path):
    """nprobe is what the setting says: scanning 1 cell misses neighbours 64 cells find."""
    vectors = _clustered(20_000)
    path = tmp_path / ANN_FILE
    build_ann(vectors, path)
    queries = _clustered(30, seed=2)
    exact = _plain(vectors)

    def recall(nprobe: int) -> float:
        ann = load_ann(path, nprobe)
        hits = 0
        for q in queries:
            want = {i - 100 for i, _ in exact.rank(q, 10, shortlist=10)}
            hits += len(want & set(ann.candidates(q, 10).tolist()))
        return hits / (10 * len(queries))

    assert recall(1) < recall(64)
    assert recall(64) >= 0.9


def test_a_review_past_the_setting_builds_the_index_once_and_uses_it(tmp_path):
    (tmp_path / "reviewkit.toml").write_text("[search]\nann_min_passages = 5\n", encoding="utf-8")
    store = Store(tmp_path / "reviewkit.db")
    for name in ("a", "b", "c", "d"):
        save_document(store, _doc(name))
    index = _index(store)
    assert len(index.ids) >= 5
    assert index.ann is not None and index.path is not None
    built = (index.path / ANN_FILE).stat().st_mtime_ns
    vector_cache.clear()  # as a new process
    again = vector_cache.get(store)
    assert again.ann is not None
    assert (again.path / ANN_FILE).stat().st_mtime_ns == built  # type: ignore[operator]
    query = again.passages[0].astype(np.float32)
    assert again.rank(query, 1)[0][0] == int(again.ids[0])
    store.close()


def test_a_review_below_the_setting_searches_exactly(tmp_path):
    store = Store(tmp_path / "reviewkit.db")
    save_document(store, _doc("a"))
    index = _index(store)
    assert index.path is not None and index.ann is None
    assert not (index.path / ANN_FILE).exists()
    store.close()
