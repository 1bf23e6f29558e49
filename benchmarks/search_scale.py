"""Semantic ranking at 100,000 and 1,000,000 passages: approximate index vs exact.

    .venv/bin/python benchmarks/search_scale.py [--sizes 100000 1000000] [--queries 200]

What a warm process (``reviewkit serve``, or the TUI after its first search)
spends ranking passages for one query vector, with the review's real layout:
memory-mapped float32 passage vectors and three float16 sentence-unit vectors
per passage (``reviewkit.search.vectors``), so the exact path is one matrix
product over every passage plus the unit rescoring of a 1,000-passage
shortlist, and the approximate path (``reviewkit.search.ann``, faiss IVF-SQ8,
``search.ann_nprobe`` cells) replaces the matrix product by the index's
candidates, scored exactly.

The vectors are not random: random vectors in 384 dimensions have no
neighbourhoods, which flatters exact search and makes any approximate index
look broken. They are made from real MiniLM embeddings of the sentences of
``corpora/real`` and ``../shared/corpus/truth``: each passage vector mixes two
real sentence vectors and a little noise; queries are made the same way from
sentences kept out of the passages. The real embeddings are computed once and
cached under ``benchmarks/.cache``.

For each size it prints exact p50/p95, approximate p50/p95, the ratio, the
build time of the index, recall@10 of the approximate final ranking against
the exact one (same run, same queries), and memory: the process's RSS split
into anonymous and file-backed pages.

Targets (issue 12): p50 < 50 ms at 100k and < 150 ms at 1M, recall@10 >= 0.95.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402

from reviewkit.config import defaults  # noqa: E402
from reviewkit.search.ann import build_ann, load_ann  # noqa: E402
from reviewkit.search.vectors import UNIT_DTYPE, VectorIndex  # noqa: E402

CACHE = HERE / ".cache"
SOURCES = [HERE.parent / "corpora" / "real", HERE.parent.parent / "shared" / "corpus" / "truth"]
UNITS_PER_PASSAGE = 3
QUERY_SHARE = 0.1  # real sentences kept out of the passages, to make queries from


def rss(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory() -> str:
    return f"RSS {rss():.0f} MiB (anonymous {rss('RssAnon'):.0f}, file-backed {rss('RssFile'):.0f})"


def real_sentences() -> list[str]:
    found: set[str] = set()
    for root in SOURCES:
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".md", ".txt"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for s in re.split(r"(?<=[.!?])\s+", text):
                s = " ".join(s.split())
                if 40 < len(s) < 600:
                    found.add(s)
    return sorted(found)


def real_vectors() -> np.ndarray:
    texts = real_sentences()
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"real_sentences_{digest}.npy"
    if path.exists():
        return np.load(path)
    from reviewkit.embed import embed_texts

    print(f"embedding {len(texts)} real sentences once (cached in {path.name}) ...", flush=True)
    vectors = embed_texts(texts).astype(np.float32)
    CACHE.mkdir(exist_ok=True)
    np.save(path, vectors)
    return vectors


def mixtures(base: np.ndarray, n: int, rng: np.random.Generator, out: np.ndarray) -> None:
    """Fill `out` (n rows) with unit vectors mixing two real vectors and noise."""
    for lo in range(0, n, 100_000):
        m = min(100_000, n - lo)
        i, j = rng.integers(0, len(base), m), rng.integers(0, len(base), m)
        a = rng.random(m, dtype=np.float32)[:, None] * 0.5
        x = (1 - a) * base[i] + a * base[j]
        x += rng.normal(0, 0.02, x.shape).astype(np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        out[lo : lo + m] = x


def build(n: int, base: np.ndarray, folder: Path, rng: np.random.Generator) -> VectorIndex:
    dim = base.shape[1]
    passages = np.lib.format.open_memmap(
        folder / "passages.npy", mode="w+", dtype=np.float32, shape=(n, dim)
    )
    mixtures(base, n, rng, passages)
    units = np.lib.format.open_memmap(
        folder / "units.npy", mode="w+", dtype=UNIT_DTYPE, shape=(n * UNITS_PER_PASSAGE, dim)
    )
    block = np.empty((100_000, dim), dtype=np.float32)
    for lo in range(0, len(units), len(block)):
        m = min(len(block), len(units) - lo)
        mixtures(base, m, rng, block[:m])
        units[lo : lo + m] = block[:m]
    passages.flush()
    units.flush()
    del passages, units
    ids = np.arange(1, n + 1, dtype=np.int64)
    return VectorIndex(
        ids=ids,
        passages=np.load(folder / "passages.npy", mmap_mode="r"),
        units=np.load(folder / "units.npy", mmap_mode="r"),
        unit_start=np.arange(n, dtype=np.int64) * UNITS_PER_PASSAGE,
        unit_count=np.full(n, UNITS_PER_PASSAGE, dtype=np.int64),
        path=folder,
    )


def timings(index: VectorIndex, queries: np.ndarray) -> tuple[list[float], list[list[int]]]:
    times, ranked = [], []
    for q in queries:
        t = time.perf_counter()
        hits = index.rank(q, 10)
        times.append(time.perf_counter() - t)
        ranked.append([pid for pid, _ in hits])
    return times, ranked


def p50_p95(times: list[float]) -> tuple[float, float]:
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[int(round(0.95 * (len(ms) - 1)))]


def run(n: int, real: np.ndarray, n_queries: int, nprobe: int) -> None:
    rng = np.random.default_rng(n)
    order = rng.permutation(len(real))
    held = int(len(real) * QUERY_SHARE)
    base, query_base = real[order[held:]], real[order[:held]]
    queries = np.empty((n_queries, real.shape[1]), dtype=np.float32)
    mixtures(query_base, n_queries, rng, queries)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        exact = build(n, base, folder, rng)
        made = time.perf_counter() - t
        timings(exact, queries[:5])  # page the files in once, as a warm server has
        exact_times, exact_ranked = timings(exact, queries)
        exact_memory = memory()
        t = time.perf_counter()
        build_ann(exact.passages, folder / "ann.faiss")
        built = time.perf_counter() - t
        approx = VectorIndex(
            exact.ids,
            exact.passages,
            exact.units,
            exact.unit_start,
            exact.unit_count,
            path=folder,
            ann=load_ann(folder / "ann.faiss", nprobe),
        )
        timings(approx, queries[:5])
        approx_times, approx_ranked = timings(approx, queries)
        recall = statistics.mean(
            len(set(a) & set(e)) / len(e) for a, e in zip(approx_ranked, exact_ranked, strict=True)
        )
        e50, e95 = p50_p95(exact_times)
        a50, a95 = p50_p95(approx_times)
        print(f"\n{n:,} passages ({n * UNITS_PER_PASSAGE:,} sentence units; made in {made:.0f} s)")
        print(f"  exact (baseline)   p50 {e50:7.1f} ms  p95 {e95:7.1f} ms   {exact_memory}")
        print(f"  approximate        p50 {a50:7.1f} ms  p95 {a95:7.1f} ms   {memory()}")
        print(
            f"  ratio p50 {e50 / a50:.1f}x faster; recall@10 against exact {recall:.3f}; "
            f"index built in {built:.1f} s (nprobe {nprobe})"
        )
        del exact, approx
        gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--nprobe", type=int, default=defaults().integer("search.ann_nprobe"))
    args = parser.parse_args()
    real = real_vectors()
    print(f"{len(real)} real sentence vectors; {args.queries} queries per size")
    for n in args.sizes:
        run(n, real, args.queries, args.nprobe)


if __name__ == "__main__":
    main()
