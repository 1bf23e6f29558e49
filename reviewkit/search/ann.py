"""Approximate nearest neighbours for reviews past ``search.ann_min_passages``.

Below that size one matrix product over the memory-mapped passage vectors is
exact and fast (about 15 ms at 100,000 passages on 2 cores). Above it, that
product grows with the review (about 170 ms at 1,000,000), so a faiss
inverted-file index with 8-bit scalar-quantised vectors
(``IndexIVFScalarQuantizer``, inner product) proposes the candidates instead:
only ``nprobe`` of its ``nlist`` cells are scanned per query, and the
candidates are then scored exactly from the passage vectors, so a passage's
score is the same whichever path found it.

The index is written once per state of the passages, as ``ann.faiss`` inside
the vector folder (see :mod:`reviewkit.search.vectors`), so every process
searching the review shares it; a folder that has none simply searches
exactly. faiss is imported here only, on first use.

Measured by ``benchmarks/search.py --ann`` against exact search in the same
run (recall@10 of the final ranking).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

#: File name of the index inside a vector folder.
ANN_FILE = "ann.faiss"
#: Training rows per cell: faiss warns below 39; more buys little.
TRAIN_PER_CELL = 40
#: Rows added per call, so a memory-mapped matrix is never copied whole.
ADD_CHUNK = 65536


def cells_for(n: int) -> int:
    """Cells (``nlist``) for `n` vectors: about 4 * sqrt(n), the usual rule."""
    return max(1, min(n // TRAIN_PER_CELL, int(4 * math.sqrt(n))))


def build_ann(vectors: np.ndarray, path: Path, *, seed: int = 0) -> None:
    """Train and fill an IVF-SQ8 index over unit-length `vectors`; write it to `path`.

    Written to a temporary file and renamed, so a reader never sees half an
    index and a killed build leaves nothing that looks finished.
    """
    import faiss

    n, dim = vectors.shape
    nlist = cells_for(n)
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    rng = np.random.default_rng(seed)
    n_train = min(n, nlist * TRAIN_PER_CELL)
    sample = np.sort(rng.choice(n, size=n_train, replace=False))
    index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
    for lo in range(0, n, ADD_CHUNK):
        index.add(np.ascontiguousarray(vectors[lo : lo + ADD_CHUNK], dtype=np.float32))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        faiss.write_index(index, str(tmp))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class AnnIndex:
    """A loaded IVF index: candidate rows of the passage matrix for one query.

    Attributes:
        index: the faiss index (its ids are rows of the passage matrix).
        nprobe: cells scanned per query.
    """

    index: Any
    nprobe: int

    def candidates(self, vector: np.ndarray, m: int) -> np.ndarray:
        """Rows of (about) the `m` passages nearest to `vector`, unordered."""
        self.index.nprobe = self.nprobe
        _, rows = self.index.search(np.asarray(vector, dtype=np.float32)[None, :], m)
        found: np.ndarray = rows[0][rows[0] >= 0]
        return found


def load_ann(path: Path, nprobe: int) -> AnnIndex:
    """Open the index at `path`, its inverted lists memory-mapped (shared pages)."""
    import faiss

    return AnnIndex(faiss.read_index(str(path), faiss.IO_FLAG_MMAP), nprobe)
