"""Retrain time at 3,000 (or --records N) records: the model refit alone, and
`rank_and_store()` on a store.

Records are drawn from every benchmark dataset; beyond the 14,342 real ones
they are drawn again (synthetic copies), so 10,000 and 50,000 show how the
cost grows with the review. The default model's embeddings come from the disk
cache (benchmarks/embedding_cache.py), as a review's store caches them.

Not a test: prints medians to compare against the 0.2 s target. The feature
matrix is computed once per review state (cached), so it is timed separately.

Usage::

    python benchmarks/retrain.py [--records 3000] [--repeats 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "screening"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from reviewkit.screen.datasets import load_labelled_csv  # noqa: E402
from reviewkit.screen.dedup import DuplicateIndex  # noqa: E402
from reviewkit.screen.model import default_model  # noqa: E402
from reviewkit.screen.prioritise import rank_and_store  # noqa: E402
from reviewkit.store import Store  # noqa: E402
from reviewkit.store.decisions import record_decision  # noqa: E402
from reviewkit.store.records import add_records, record_ids  # noqa: E402
from reviewkit.vocabulary import Record  # noqa: E402

VECTORS: np.ndarray | None = None


def sample(n_records: int) -> tuple[list[str], list[str], np.ndarray]:
    """`n_records` titles, abstracts and labels drawn from every benchmark dataset
    (with replacement beyond the real records); their embeddings in :data:`VECTORS`."""
    global VECTORS
    from embedding_cache import cached_embeddings

    data = [load_labelled_csv(p) for p in sorted(SHARED.glob("*.csv"))]
    titles = [t for d in data for t in d.titles]
    abstracts = [a for d in data for a in d.abstracts]
    labels = np.concatenate([d.labels for d in data])
    vectors = np.concatenate([cached_embeddings(d) for d in data])
    rows = np.random.default_rng(0).choice(
        len(titles), size=n_records, replace=n_records > len(titles)
    )
    VECTORS = vectors[rows]
    return [titles[i] for i in rows], [abstracts[i] for i in rows], labels[rows]


def model_refits(
    titles: list[str], abstracts: list[str], labels: np.ndarray, repeats: int
) -> list[float]:
    model = default_model(random_state=0)
    t0 = time.perf_counter()
    X = model.fit_features(
        [f"{t}\n{a}".strip() for t, a in zip(titles, abstracts, strict=True)], vectors=VECTORS
    )
    print(f"features: {time.perf_counter() - t0:.2f} s (once per review state), {X.shape[1]} terms")
    rng = np.random.default_rng(1)
    times = []
    for k in range(repeats):
        labelled = rng.choice(len(labels), size=100 + 100 * k, replace=False)
        y = labels[labelled].copy()
        y[:2] = [1, 0]
        t0 = time.perf_counter()
        model.refit_and_rank(X, labelled, y)
        times.append(time.perf_counter() - t0)
    return times


def store_ranks(
    titles: list[str], abstracts: list[str], labels: np.ndarray, repeats: int
) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        add_records(
            store,
            [Record(title=t, abstract=a) for t, a in zip(titles, abstracts, strict=True)],
            path="bench",
            source="bench",
            fmt="csv",
            finder=DuplicateIndex(),
        )
        ids = record_ids(store)
        rank_and_store(store, "title-abstract")  # fixed order, nothing to fit
        times = []
        screened = 0
        for _ in range(repeats):
            for rid in ids[screened : screened + 40]:
                label = "include" if labels[ids.index(rid)] else "exclude"
                record_decision(store, rid, "title-abstract", "bench", label)
            screened += 40
            t0 = time.perf_counter()
            rank_and_store(store, "title-abstract")
            times.append(time.perf_counter() - t0)
        return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--no-store", action="store_true", help="time the model refit only")
    args = ap.parse_args()
    titles, abstracts, labels = sample(args.records)
    fits = model_refits(titles, abstracts, labels, args.repeats)
    print(
        f"model refit + rank at {args.records} records: median {statistics.median(fits):.3f} s,"
        f" max {max(fits):.3f} s over {len(fits)} refits (target <= 0.2 s)"
    )
    if args.no_store:
        return
    ranks = store_ranks(titles, abstracts, labels, args.repeats)
    print(
        f"rank() on a store of {args.records} records (features cached after the first): "
        f"median {statistics.median(ranks[1:]):.3f} s, first {ranks[0]:.2f} s, "
        f"max {max(ranks[1:]):.3f} s"
    )


if __name__ == "__main__":
    main()
