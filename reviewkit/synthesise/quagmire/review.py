"""The quagmire map of a review: its definitions, embedded through the cache."""

from __future__ import annotations

import numpy as np

from reviewkit.embed import DIM, MODEL_NAME, Progress, embed_texts
from reviewkit.search.definitions import collect_definitions
from reviewkit.search.passages import text_hash
from reviewkit.store import passages as sp
from reviewkit.store.db import Store
from reviewkit.synthesise.quagmire import QuagmireMap, build_map, definition_text


def review_map(
    store: Store, *, extract: bool = True, progress: Progress | None = None
) -> QuagmireMap:
    """Cluster every current definition of the review.

    Runs extraction where it is missing (when `extract`), and embeds only
    definitions whose text has no cached vector.
    """
    items = collect_definitions(store, extract=extract)
    texts = [definition_text(item) for item in items]
    return build_map(items, cached_embeddings(store, texts, progress=progress))


def cached_embeddings(
    store: Store, texts: list[str], *, progress: Progress | None = None
) -> np.ndarray:
    """Unit vectors of `texts`, embedding (and caching) only the new ones."""
    hashes = [text_hash(t) for t in texts]
    cached = sp.embeddings_for(store, MODEL_NAME, hashes)
    todo = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in cached}.items())
    if todo:
        vectors = embed_texts([t for _, t in todo], progress=progress)
        sp.save_embeddings(
            store,
            MODEL_NAME,
            DIM,
            [(h, v[None, :]) for (h, _), v in zip(todo, vectors, strict=True)],
        )
        cached.update({h: v for (h, _), v in zip(todo, vectors, strict=True)})
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = cached[h]
    return out
