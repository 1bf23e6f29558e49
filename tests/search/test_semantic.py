"""Embedding, the vector cache and semantic/hybrid search (loads the model once)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from reviewkit.embed import DIM, MODEL_NAME, embed_texts
from reviewkit.search.index import UNITS_MODEL, index_documents
from reviewkit.search.query import search, vector_cache
from reviewkit.store import Store
from reviewkit.store.passages import index_version

pytestmark = pytest.mark.slow


def test_embed_texts_are_unit_float32_in_order(model):
    texts = [
        "joint working between agencies",
        "",
        "a pooled budget",
        "joint working between agencies",
    ]
    seen: list[tuple[int, int]] = []
    vectors = embed_texts(texts, batch_size=2, progress=lambda d, t: seen.append((d, t)))
    assert vectors.shape == (4, DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 2, 3]], axis=1), 1.0, atol=1e-4)
    assert np.allclose(vectors[0], vectors[3], atol=1e-5)
    assert seen[-1] == (4, 4)
    assert embed_texts([]).shape == (0, DIM)


def test_index_embeds_once_and_semantic_search_finds_paraphrases(model, file_store):
    progress: list[tuple[str, int, int]] = []
    with Store(file_store) as store:
        first = index_documents(store, progress=lambda *a: progress.append(a))
        assert first.embedded > 0 and first.missing_vectors == 0
        assert progress[-1][0] == "embeddings" and progress[-1][1] == progress[-1][2]
        version = index_version(store, MODEL_NAME, UNITS_MODEL)
        assert version[2] == version[0]  # every passage has a vector
        again = index_documents(store)
        assert (again.documents, again.embedded) == (0, 0)

        hits = search(
            store, "combining money from several organisations into one pot", mode="semantic", k=1
        )
        assert "Pooled budgets" in hits[0].text
        hits = search(store, "did amalgamating hospitals cut costs?", mode="hybrid", k=2)
        assert "Mergers" in hits[0].text
        assert all(-1.0 <= h.score <= 1.0 for h in search(store, "x", mode="semantic"))


def test_search_from_a_worker_thread_with_its_own_store(model, file_store):
    with Store(file_store) as store:
        index_documents(store)
    vector_cache.clear()
    results: dict[str, object] = {}

    def worker() -> None:
        with Store(file_store) as own:
            results["hits"] = search(own, "staff from health and social care in one team")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(60)
    hits = results["hits"]
    assert isinstance(hits, list) and hits and "co-located" in hits[0].text
