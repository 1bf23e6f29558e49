"""Indexing: passages of every current document into FTS5, and their vectors.

Idempotent and cheap when nothing changed: a document is chunked only when it
has no passages, and a text is embedded only when no vector is cached for its
hash and the model's name (so a re-ingested or copied document costs nothing).
Last, the memory-mapped vector files search reads are brought up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewkit.embed import DIM, MODEL_NAME, embed_texts
from reviewkit.search.chunks import UNIT_MIN_CHARS, chunk_document, sentence_units, text_hash
from reviewkit.search.corpus_definitions import collect_definitions, definition_text
from reviewkit.store import passages as sp
from reviewkit.store.db import Store
from reviewkit.store.documents import load_document

#: ``progress(stage, done, total)``; stage is "passages" or "embeddings".
IndexProgress = Callable[[str, int, int], None]

#: Passages embedded and stored per transaction: a kill loses at most one chunk.
EMBED_CHUNK = 256
#: Cache key of a passage's sentence-unit vectors (several rows per text hash).
#: Names the unit rule too: units of 60+ characters replaced those of 120+
#: (``#sentences``), whose cached rows are simply no longer read.
UNITS_MODEL = f"{MODEL_NAME}#units{UNIT_MIN_CHARS}"


@dataclass(frozen=True)
class IndexReport:
    """What one call to :func:`index_documents` did."""

    documents: int
    passages: int
    embedded: int
    missing_vectors: int


def index_documents(
    store: Store,
    *,
    embed: bool = True,
    progress: IndexProgress | None = None,
    body_only: bool = True,
) -> IndexReport:
    """Chunk documents that have no passages yet, then embed uncached texts.

    Args:
        store: the review.
        embed: False skips the model entirely; keyword search still works and
            a later call with True embeds what is missing.
        progress: called as ``progress(stage, done, total)``.
        body_only: keep front matter, keywords lines and reference lists out
            of the index (False: every word, as before issue 12; benchmarks).
    """
    todo = sp.documents_to_index(store)
    n_passages = 0
    for i, sha in enumerate(todo, 1):
        doc = load_document(store, sha)
        if doc is not None:
            rows = [
                {
                    "page": p.page,
                    "char_start": p.char_start,
                    "char_end": p.char_end,
                    "text": p.text,
                    "text_hash": p.text_hash,
                }
                for p in chunk_document(doc, body_only=body_only)
            ]
            n_passages += sp.replace_passages(store, sha, rows)
        if progress:
            progress("passages", i, len(todo))
    embedded = embed_missing(store, progress=progress) if embed else 0
    if embed:
        embedded += embed_definitions(store, progress=progress)
    missing = len(sp.texts_to_embed(store, MODEL_NAME))
    if embed:
        # Write the memory-mapped vector files now, not on the first search.
        from reviewkit.search.vectors import vector_cache

        vector_cache.get(store)
    return IndexReport(len(todo), n_passages, embedded, missing)


def embed_definitions(store: Store, *, progress: IndexProgress | None = None) -> int:
    """Embed the extracted definitions with no cached vector (what the quagmire map reads).

    Returns:
        How many definition texts were run through the model.
    """
    texts = sorted({definition_text(item) for item in collect_definitions(store)})
    by_hash = {text_hash(t): t for t in texts}
    cached = sp.embeddings_for(store, MODEL_NAME, sorted(by_hash))
    todo = sorted((h, t) for h, t in by_hash.items() if h not in cached)
    for lo in range(0, len(todo), EMBED_CHUNK):
        chunk = todo[lo : lo + EMBED_CHUNK]
        vectors = embed_texts([t for _, t in chunk])
        with store.write():
            sp.save_embeddings(
                store,
                MODEL_NAME,
                DIM,
                [(h, v[None, :]) for (h, _), v in zip(chunk, vectors, strict=True)],
            )
        if progress:
            progress("definitions", lo + len(chunk), len(todo))
    return len(todo)


def embed_missing(store: Store, *, progress: IndexProgress | None = None) -> int:
    """Embed every passage (and its sentence units) with no cached vectors.

    Returns:
        How many texts were run through the model.
    """
    whole = dict(sp.texts_to_embed(store, MODEL_NAME))
    parts = dict(sp.texts_to_embed(store, UNITS_MODEL))
    hashes = sorted(set(whole) | set(parts))
    plans = []
    for h in hashes:
        text = whole.get(h) or parts[h]
        plans.append(
            (h, text if h in whole else None, sentence_units(text) if h in parts else None)
        )
    total = sum((p is not None) + len(u or ()) for _, p, u in plans)
    if progress and total:
        progress("embeddings", 0, total)
    done = 0
    for lo in range(0, len(plans), EMBED_CHUNK):
        chunk = plans[lo : lo + EMBED_CHUNK]
        texts: list[str] = []
        for _, passage, units in chunk:
            texts.extend(([passage] if passage is not None else []) + (units or []))

        def report(n: int, _total: int, base: int = done) -> None:
            if progress:
                progress("embeddings", base + n, total)

        vectors = embed_texts(texts, progress=report)
        whole_rows, unit_rows, i = [], [], 0
        for h, passage, units in chunk:
            if passage is not None:
                whole_rows.append((h, vectors[i : i + 1]))
                i += 1
            if units is not None:
                unit_rows.append((h, vectors[i : i + len(units)]))
                i += len(units)
        with store.write():
            sp.save_embeddings(store, MODEL_NAME, DIM, whole_rows)
            sp.save_embeddings(store, UNITS_MODEL, DIM, unit_rows)
        done += len(texts)
    return total
