"""The quagmire map of a review: its definitions, with their cached embeddings.

Only reads. `reviewkit index` (and ingest) embeds the definitions and caches
the vectors by text hash; a definition still without one is embedded here in
memory and reported, not stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reviewkit.embed import DIM, MODEL_NAME, Progress, embed_texts
from reviewkit.search.chunks import text_hash
from reviewkit.search.corpus_definitions import collect_definitions, definition_text
from reviewkit.store import passages as sp
from reviewkit.store.db import Store
from reviewkit.synthesise.quagmire import QuagmireMap, build_map


@dataclass(frozen=True)
class ReviewMap:
    """A review's quagmire map and how many definitions had no cached vector."""

    map: QuagmireMap
    uncached: int


def review_map(
    store: Store, *, template: str | None = None, progress: Progress | None = None
) -> ReviewMap:
    """Cluster every current definition of the review (of `template`, or of every template)."""
    items = collect_definitions(store, template=template)
    texts = [definition_text(item) for item in items]
    vectors, uncached = cached_embeddings(store, texts, progress=progress)
    return ReviewMap(build_map(items, vectors), uncached)


def cached_embeddings(
    store: Store, texts: list[str], *, progress: Progress | None = None
) -> tuple[np.ndarray, int]:
    """Unit vectors of `texts` from the cache; texts without one are embedded, not stored.

    Returns:
        The vectors (one row per text) and how many texts were not cached.
    """
    hashes = [text_hash(t) for t in texts]
    cached = sp.embeddings_for(store, MODEL_NAME, hashes)
    todo = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in cached}.items())
    if todo:
        vectors = embed_texts([t for _, t in todo], progress=progress)
        cached.update({h: v for (h, _), v in zip(todo, vectors, strict=True)})
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = cached[h]
    return out, len(todo)
