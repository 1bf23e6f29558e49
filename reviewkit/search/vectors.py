"""The passage vector index: memory-mapped files beside the review database.

SQLite's ``embeddings`` table stays the cache of record (vectors keyed by text
hash and model). For search, the vectors of the current passages are written
once into ``reviewkit.vectors/<model>-<n>-<digest>/`` next to
``reviewkit.db``:

- ``index.npy``: int64 (3, n): passage id, first unit row, unit count;
- ``passages.npy``: float32 (n, dim), one unit-length vector per passage;
- ``units.npy``: float16 (m, dim), the sentence-unit vectors grouped by passage
  (only a shortlist of them is read per query, so half precision halves their
  pages at no cost in ranking: measured identical hit@5 and MRR@10).

and opened with ``numpy.load(mmap_mode="r")``. Start-up is then a few
milliseconds instead of seconds of reading blobs, and the pages are shared by
every process searching the review and reclaimable by the OS. The digest
covers every passage id and text hash and the vector counts, so any change of
passages or vectors names a new folder; the old one is removed. When the
folder cannot be written (read-only review, in-memory database) the same
index is built in memory.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import threading
import time
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from reviewkit.search.ann import ANN_FILE, AnnIndex, build_ann, load_ann
from reviewkit.store import passages as sp
from reviewkit.store.db import Store
from reviewkit.store.folder import folder_config

#: Weight of a passage's own vector against its best sentence unit. Chosen on
#: the odd-numbered questions of ``benchmarks/search_questions.jsonl`` with
#: sentence units of 60+ characters (0.3 beat 0.5 and 1.0, i.e. no units).
PASSAGE_WEIGHT = 0.3
#: Passages rescored with their sentence units, taken best-first by their own
#: vector: scanning every unit vector for each query would read three times the
#: memory for a few passages that only a unit would lift that far.
SHORTLIST = 1000
#: Folder of the memory-mapped index files, beside ``reviewkit.db``.
VECTORS_DIR = "reviewkit.vectors"
#: Storage type of the sentence-unit vectors (in files and in memory alike).
UNIT_DTYPE = np.float16
#: Bumped when the file layout changes, so old folders are never misread.
FORMAT = 1


@dataclass(frozen=True)
class VectorIndex:
    """Passage vectors and their sentence-unit vectors, ready for one query each.

    Attributes:
        ids: passage ids (n,).
        passages: unit-length float32 (n, dim).
        units: unit-length sentence-unit vectors (m, dim), grouped by passage.
        unit_start: row in `units` of each passage's first unit (n,).
        unit_count: how many units each passage has, 0 for none (n,).
        path: the folder the arrays are mapped from, or None when in memory.
        ann: an approximate index proposing the shortlist, or None to score
            every passage (small reviews; see :mod:`reviewkit.search.ann`).
    """

    ids: np.ndarray
    passages: np.ndarray
    units: np.ndarray
    unit_start: np.ndarray
    unit_count: np.ndarray
    path: Path | None = None
    ann: AnnIndex | None = None

    def rank(
        self,
        vector: np.ndarray,
        limit: int,
        *,
        passage_weight: float = PASSAGE_WEIGHT,
        shortlist: int = SHORTLIST,
    ) -> list[tuple[int, float]]:
        """The `limit` passages most similar to `vector`, best first.

        A passage scores ``w * own + (1 - w) * max(own, best unit)``; only the
        `shortlist` passages nearest by their own vector are rescored. With
        an approximate index the shortlist is its candidates, scored exactly.
        """
        if len(self.ids) == 0 or limit <= 0:
            return []
        vector = vector.astype(np.float32, copy=False)
        m = min(len(self.ids), max(shortlist, limit))
        if self.ann is not None:
            rows = np.sort(self.ann.candidates(vector, m))  # read the mapped rows forwards
            own_rows = np.asarray(self.passages[rows] @ vector)
        else:
            own = np.asarray(self.passages @ vector)
            rows = np.argpartition(-own, m - 1)[:m] if m < len(own) else np.arange(len(own))
            own_rows = own[rows]
        best = own_rows
        counts = np.asarray(self.unit_count[rows])
        has = counts > 0
        if has.any():
            c = counts[has]
            first = np.cumsum(c) - c
            take = np.repeat(self.unit_start[rows[has]] - first, c) + np.arange(int(c.sum()))
            # Gathered rows in storage order read the mapped file forwards.
            order = np.argsort(take, kind="stable")
            gathered = np.empty((len(take), self.units.shape[1]), dtype=np.float32)
            gathered[order] = self.units[take[order]]
            per_unit = gathered @ vector
            best = best.copy()
            best[has] = np.maximum(best[has], np.maximum.reduceat(per_unit, first))
        scores = passage_weight * own_rows + (1 - passage_weight) * best
        return top_k(self.ids[rows], scores, limit)


def build_vector_index(
    ids: np.ndarray,
    passages: np.ndarray,
    unit_ids: np.ndarray,
    unit_counts: np.ndarray,
    units: np.ndarray,
) -> VectorIndex:
    """Point each passage at its unit vectors (stored per passage id, any order)."""
    start, count = unit_pointers(ids, unit_ids, unit_counts)
    return VectorIndex(ids, passages, units, start, count)


def unit_pointers(
    ids: np.ndarray, unit_ids: np.ndarray, unit_counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(first unit row, unit count) of each passage in `ids`; 0, 0 for none."""
    offsets = np.cumsum(unit_counts) - unit_counts
    start = np.zeros(len(ids), dtype=np.int64)
    count = np.zeros(len(ids), dtype=np.int64)
    if len(unit_ids):
        order = np.argsort(unit_ids, kind="stable")
        pos = np.minimum(np.searchsorted(unit_ids[order], ids), len(unit_ids) - 1)
        found = unit_ids[order][pos] == ids
        start[found] = offsets[order][pos[found]]
        count[found] = unit_counts[order][pos[found]]
    return start, count


def top_k(ids: np.ndarray, sims: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The `limit` ids with the highest `sims`, best first."""
    limit = min(limit, len(sims))
    if limit <= 0:
        return []
    top = np.argpartition(-sims, limit - 1)[:limit]
    top = top[np.argsort(-sims[top], kind="stable")]
    return [(int(ids[i]), float(sims[i])) for i in top]


# -- building and loading -----------------------------------------------------


def read_vector_index(store: Store, model: str, units_model: str) -> VectorIndex:
    """The index built in memory from SQLite (no files)."""
    ids, _, matrix = sp.passage_vectors(store, model)
    unit_ids, unit_counts, units = sp.passage_vectors(store, units_model, dtype=UNIT_DTYPE)
    return build_vector_index(ids, matrix, unit_ids, unit_counts, units)


def index_name(model: str, version: tuple[int, ...], digest: str) -> str:
    """``<model>-<n passages>-<hash>``: names one state of passages and vectors."""
    slug = re.sub(r"[^a-z0-9]+", "-", model.split("/")[-1].lower()).strip("-")
    h = hashlib.sha256(f"{FORMAT}|{model}|{version}|{digest}".encode()).hexdigest()[:16]
    return f"{slug}-{version[0]}-{h}"


def vectors_folder(store: Store) -> Path | None:
    """Where `store`'s index files live; None for an in-memory database."""
    if store.path in ("", ":memory:") or store.path.startswith("file:"):
        return None
    return Path(store.path).resolve().parent / VECTORS_DIR


def write_vector_files(store: Store, folder: Path, model: str, units_model: str) -> None:
    """Stream the vectors of every passage from SQLite into `folder` (created).

    Rows go straight from the blobs into memory-mapped files, so peak memory
    stays small however many passages there are. Call inside one read
    transaction so counts and rows agree.
    """
    folder.mkdir(parents=True)

    def mapped(name: str) -> Any:
        def allocate(shape: tuple[int, ...], dtype: Any) -> np.ndarray:
            if 0 in shape:
                return np.empty(shape, dtype=dtype)
            return np.lib.format.open_memmap(folder / name, mode="w+", dtype=dtype, shape=shape)

        return allocate

    ids, _, matrix = sp.passage_vectors(store, model, allocate=mapped("passages.npy"))
    unit_ids, unit_counts, units = sp.passage_vectors(
        store, units_model, dtype=UNIT_DTYPE, allocate=mapped("units.npy")
    )
    start, count = unit_pointers(ids, unit_ids, unit_counts)
    for name, array in (("passages.npy", matrix), ("units.npy", units)):
        if isinstance(array, np.memmap):
            array.flush()
        else:
            np.save(folder / name, array)
    del matrix, units
    np.save(folder / "index.npy", np.stack([ids, start, count]).astype(np.int64))


def load_vector_files(folder: Path) -> VectorIndex:
    """Map an index written by :func:`write_vector_files`."""
    meta = np.load(folder / "index.npy")
    return VectorIndex(
        ids=meta[0],
        passages=_map(folder / "passages.npy"),
        units=_map(folder / "units.npy"),
        unit_start=meta[1],
        unit_count=meta[2],
        path=folder,
    )


def with_ann(index: VectorIndex, review: Path) -> VectorIndex:
    """`index` with its approximate index when the review is past ``search.ann_min_passages``.

    The index file is built the first time (by ``reviewkit index``, which opens
    the vectors once it has embedded) and shared from then on. A review below
    the size, or a folder that cannot be written, searches exactly.
    """
    if index.path is None:
        return index
    config = folder_config(review)
    if len(index.ids) < config.integer("search.ann_min_passages"):
        return index
    path = index.path / ANN_FILE
    if not path.exists():
        try:
            build_ann(index.passages, path)
        except OSError:
            return index
    return replace(index, ann=load_ann(path, config.integer("search.ann_nprobe")))


def _map(path: Path) -> np.ndarray:
    array: np.ndarray = np.load(path, mmap_mode="r")
    return array


class _VectorCache:
    """Vector indexes per database, reloaded only when the index changes.

    Whether anything changed is first asked cheaply, per Store: SQLite's
    ``data_version`` (bumped by other connections' commits) and the
    connection's own ``total_changes``. Only when either moved are passages
    and vectors counted and hashed; only when that digest moved is the index
    mapped again, from its files when another process (or `reviewkit index`)
    already wrote them, else written first.

    Attributes:
        use_files: False keeps every index in memory (the path before files).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[str, VectorIndex]] = {}
        self._seen: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], str]]
        self._seen = weakref.WeakKeyDictionary()
        self.use_files = True

    def get(self, store: Store) -> VectorIndex:
        from reviewkit.embed import MODEL_NAME
        from reviewkit.search.index import UNITS_MODEL

        key = store.path if store.path != ":memory:" else f"mem:{id(store)}"
        cheap = store.change_marker()
        with self._lock:
            entry = self._entries.get(key)
            seen = self._seen.get(store)
            if entry is not None and seen is not None and seen == (cheap, entry[0]):
                return entry[1]
        with store.read():  # one snapshot for the digest and the rows
            version = sp.index_version(store, MODEL_NAME, UNITS_MODEL)
            name = index_name(MODEL_NAME, version, sp.passage_digest(store))
            with self._lock:
                entry = self._entries.get(key)
                if entry is None or entry[0] != name:
                    index = self._open(store, name, version, MODEL_NAME, UNITS_MODEL)
                    entry = (name, index)
                    self._entries[key] = entry
                self._seen[store] = (cheap, entry[0])
                return entry[1]

    def _open(
        self, store: Store, name: str, version: tuple[int, ...], model: str, units_model: str
    ) -> VectorIndex:
        root = vectors_folder(store) if self.use_files else None
        if root is None or version[2] == 0:  # in memory, or nothing to map
            return read_vector_index(store, model, units_model)
        folder = root / name
        if not (folder / "index.npy").exists():
            tmp = root / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
            try:
                write_vector_files(store, tmp, model, units_model)
                try:
                    os.replace(tmp, folder)
                except OSError:
                    if not (folder / "index.npy").exists():  # not a concurrent writer's
                        raise
            except OSError:
                return read_vector_index(store, model, units_model)  # read-only review
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            _remove_stale(root, keep=name)
        return with_ann(load_vector_files(folder), root.parent)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._seen.clear()


def _remove_stale(root: Path, keep: str) -> None:
    """Delete index folders of the same model other than `keep` (best effort).

    Also half-written folders of killed processes, once they are an hour old.
    """
    prefix = keep.rsplit("-", 2)[0] + "-"
    now = time.time()
    for path in root.iterdir():
        if not path.is_dir() or path.name == keep:
            continue
        stale_tmp = path.name.endswith(".tmp") and now - path.stat().st_mtime > 3600
        if path.name.startswith(prefix) or stale_tmp:
            # On POSIX a process still mapping the old files keeps them alive.
            shutil.rmtree(path, ignore_errors=True)


vector_cache = _VectorCache()
