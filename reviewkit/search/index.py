"""Indexing: passages of every current document into FTS5, and their vectors.

Idempotent and cheap when nothing changed: a document is chunked only when it
has no passages, and a text is embedded only when no vector is cached for its
hash and the model's name (so a re-ingested or copied document costs nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewkit.embed import MODEL_NAME, embed_texts
from reviewkit.search.passages import chunk_document
from reviewkit.store import passages as sp
from reviewkit.store.db import Store
from reviewkit.store.documents import load_document

#: ``progress(stage, done, total)``; stage is "passages" or "embeddings".
IndexProgress = Callable[[str, int, int], None]

#: Texts embedded and stored per transaction: a kill loses at most one chunk.
EMBED_CHUNK = 512


@dataclass(frozen=True)
class IndexReport:
    """What one call to :func:`index_documents` did."""

    documents: int
    passages: int
    embedded: int
    missing_vectors: int


def index_documents(
    store: Store, *, embed: bool = True, progress: IndexProgress | None = None
) -> IndexReport:
    """Chunk documents that have no passages yet, then embed uncached texts.

    Args:
        store: the review.
        embed: False skips the model entirely; keyword search still works and
            a later call with True embeds what is missing.
        progress: called as ``progress(stage, done, total)``.
    """
    todo = sp.documents_to_index(store)
    n_passages = 0
    for i, sha in enumerate(todo, 1):
        doc = load_document(store, sha)
        if doc is not None:
            rows = [
                {"page": p.page, "char_start": p.char_start, "char_end": p.char_end,
                 "text": p.text, "text_hash": p.text_hash}
                for p in chunk_document(doc)
            ]
            n_passages += sp.replace_passages(store, sha, rows)
        if progress:
            progress("passages", i, len(todo))
    embedded = embed_missing(store, progress=progress) if embed else 0
    missing = len(sp.texts_to_embed(store, MODEL_NAME))
    return IndexReport(len(todo), n_passages, embedded, missing)


def embed_missing(store: Store, *, progress: IndexProgress | None = None) -> int:
    """Embed every passage text with no cached vector; returns how many were embedded."""
    todo = sp.texts_to_embed(store, MODEL_NAME)
    total = len(todo)
    if progress:
        progress("embeddings", 0, total)
    done = 0
    for lo in range(0, total, EMBED_CHUNK):
        chunk = todo[lo : lo + EMBED_CHUNK]

        def report(n: int, _total: int, base: int = done) -> None:
            if progress:
                progress("embeddings", base + n, total)

        vectors = embed_texts([t for _, t in chunk], progress=report)
        sp.save_embeddings(store, MODEL_NAME, [h for h, _ in chunk], vectors)
        done += len(chunk)
    return total
