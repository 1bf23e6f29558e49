"""Search speed and memory at 100,000 passages, and embedding throughput.

    .venv/bin/python benchmarks/search.py [--passages 100000] [--queries 200]

1. Builds a review of synthetic documents (1,000 documents x 10 pages x 10
   paragraphs by default), chunks and keyword-indexes them with
   ``index_documents(embed=False)``, then stores random-but-fixed unit vectors
   for every passage and three sentence units each (the real corpora average
   2.6-3.0 units of 60+ characters per passage) instead of embedding 100k texts.
2. Times ``search()`` per mode (p50, p95) once the vectors are loaded, against
   a baseline measured in the same run: the raw FTS5 query for keyword, the
   raw query embedding plus one matrix product for semantic, and their sum
   for hybrid.
3. Writes the memory-mapped vector files (``reviewkit.vectors/`` beside the
   database), then times opening them as a fresh process would, against
   reading the same index from SQLite into memory; reports memory (RSS, split
   into anonymous and file-backed pages) at each step.
4. Embeds a few hundred real passages and sentence units of the shared corpus
   with ``reviewkit.embed.embed_texts`` and with raw
   ``SentenceTransformer.encode`` (batch 32, normalised), in five rounds that
   alternate which goes first, and prints the throughput ratio.

5. Cold CLI search (issue 12): a new ``python -m reviewkit search`` process
   per query over a 2,000-passage review, hybrid and semantic, on the ONNX
   query model against today's path (torch + sentence-transformers, forced by
   an empty ``REVIEWKIT_CACHE_DIR``), alternating in the same run
   (``--only-cold-cli`` runs just this). Target: < 2 s.

Targets: hybrid p50 < 100 ms at 100k passages once loaded; embedding >= 0.9x
raw encode; < 1 GiB for 100k passages.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402

from reviewkit.document import Document, Page  # noqa: E402
from reviewkit.embed import DIM, MODEL_NAME, embed_query, embed_texts, load_model  # noqa: E402
from reviewkit.search import query as q  # noqa: E402
from reviewkit.search.chunks import chunk_document, sentence_units  # noqa: E402
from reviewkit.search.index import UNITS_MODEL, index_documents  # noqa: E402
from reviewkit.search.vectors import VECTORS_DIR  # noqa: E402
from reviewkit.store import Store  # noqa: E402
from reviewkit.store import passages as sp  # noqa: E402
from reviewkit.store.documents import save_document  # noqa: E402

TRUTH = HERE.parent.parent / "shared" / "corpus" / "truth"
UNITS_PER_PASSAGE = 3


def rss_mib(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_text() -> str:
    return (
        f"RSS {rss_mib():.0f} MiB (anonymous {rss_mib('RssAnon'):.0f}, "
        f"file-backed {rss_mib('RssFile'):.0f})"
    )


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vocabulary() -> list[str]:
    """Real words from the shared corpus, so keyword queries hit realistic postings."""
    words: set[str] = set()
    for path in sorted(TRUTH.glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["full_text"]
        words.update(w.strip(".,;:()‘’'\"").lower() for w in text.split())
    return sorted(w for w in words if w.isalpha() and len(w) > 2)


def synthetic_documents(n_passages: int, rng: random.Random, vocab: list[str]) -> list[Document]:
    # Zipf-like word frequencies: a few common words, a long tail.
    weights = [1 / (i + 1) for i in range(len(vocab))]
    pages_per_doc, paragraphs_per_page = 10, 10
    n_docs = max(1, n_passages // (pages_per_doc * paragraphs_per_page))
    docs = []
    for d in range(n_docs):
        pages = []
        for p in range(pages_per_doc):
            paragraphs = []
            for _ in range(paragraphs_per_page):
                words = rng.choices(vocab, weights=weights, k=rng.randint(55, 75))
                sentences = [
                    " ".join(words[i : i + 15]).capitalize() + "." for i in range(0, len(words), 15)
                ]
                paragraphs.append(" ".join(sentences))
            pages.append(Page(p + 1, "\n\n".join(paragraphs)))
        docs.append(
            Document(
                sha256=f"{d:064x}",
                path=f"/synthetic/{d}.pdf",
                kind="pdf",
                pages=pages,
                title=f"Synthetic paper {d}",
            )
        )
    return docs


def store_random_vectors(store: Store, rng: np.random.Generator) -> int:
    hashes = [r[0] for r in store.db.execute("select distinct text_hash from passages")]
    for lo in range(0, len(hashes), 5000):
        chunk = hashes[lo : lo + 5000]
        whole = rng.standard_normal((len(chunk), DIM)).astype(np.float32)
        whole /= np.linalg.norm(whole, axis=1, keepdims=True)
        units = rng.standard_normal((len(chunk), UNITS_PER_PASSAGE, DIM)).astype(np.float32)
        units /= np.linalg.norm(units, axis=2, keepdims=True)
        with store.write():
            sp.save_embeddings(
                store, MODEL_NAME, DIM, [(h, v[None, :]) for h, v in zip(chunk, whole, strict=True)]
            )
            sp.save_embeddings(store, UNITS_MODEL, DIM, list(zip(chunk, units, strict=True)))
    return len(hashes)


def percentiles(times: list[float]) -> tuple[float, float]:
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


def timed(fn, queries: list[str]) -> list[float]:
    out = []
    for text in queries:
        t0 = time.perf_counter()
        fn(text)
        out.append(time.perf_counter() - t0)
    return out


def real_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(TRUTH.glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        pages = [Page(i + 1, p["text"]) for i, p in enumerate(truth["pages"])]
        for passage in chunk_document(Document(path.stem, str(path), "pdf", pages)):
            texts.append(passage.text)
            texts.extend(sentence_units(passage.text))
    return list(dict.fromkeys(texts))


def embedding_throughput(rounds: int = 5) -> None:
    texts = real_texts()
    model = load_model()
    embed_texts(texts[:64])  # warm up both paths
    model.encode(texts[:64], show_progress_bar=False)

    def ours() -> None:
        embed_texts(texts)

    def raw() -> None:
        model.encode(
            texts,
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    times: dict[str, list[float]] = {"ours": [], "raw": []}
    for r in range(rounds):
        # Alternate which goes first, so a burst of load elsewhere hits both.
        order = (("ours", ours), ("raw", raw)) if r % 2 == 0 else (("raw", raw), ("ours", ours))
        for name, fn in order:
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    a, b = min(times["ours"]), min(times["raw"])
    ratios = sorted(r / o for r, o in zip(times["raw"], times["ours"], strict=True))
    print(
        f"\nembedding {len(texts)} real passages and sentence units "
        f"({sum(map(len, texts)) / len(texts):.0f} chars on average), {rounds} alternating rounds:"
    )
    print(
        f"  raw SentenceTransformer.encode: best {b:6.2f} s  {len(texts) / b:6.1f} texts/s  "
        "(baseline)"
    )
    print(
        f"  reviewkit.embed.embed_texts:    best {a:6.2f} s  {len(texts) / a:6.1f} texts/s  "
        f"ratio of bests {b / a:.2f}x, median per-round ratio "
        f"{statistics.median(ratios):.2f}x  (target >= 0.9x)"
    )


def cold_cli(rounds: int = 3, n_passages: int = 2_000) -> None:
    """Seconds per cold `reviewkit search`, ONNX query model against torch."""
    from reviewkit.embed import ensure_onnx

    if ensure_onnx() is None:
        print("cold CLI: the ONNX query model could not be built; skipped")
        return
    rng = random.Random(5)
    vocab = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        review = Path(tmp) / "review"
        subprocess.run(
            [sys.executable, "-m", "reviewkit", "init", str(review)],
            check=True,
            capture_output=True,
        )
        with Store(review / "reviewkit.db") as store:
            for doc in synthetic_documents(n_passages, rng, vocab):
                save_document(store, doc)
            index_documents(store, embed=False)
            store_random_vectors(store, np.random.default_rng(5))
            index_documents(store, embed=True)  # writes the memory-mapped vector files
        paths = {
            "onnx": dict(os.environ),
            "torch": dict(os.environ, REVIEWKIT_CACHE_DIR=str(Path(tmp) / "no-cache")),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for r in range(rounds):
            for mode in ("hybrid", "semantic"):
                order = list(paths) if r % 2 == 0 else list(reversed(paths))
                for name in order:
                    t0 = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "reviewkit", "search", "how is integration defined",
                         "--mode", mode, "--project", str(review), "-k", "5"],
                        check=True, capture_output=True, env=paths[name],
                    )  # fmt: skip
                    times.setdefault((name, mode), []).append(time.perf_counter() - t0)
        for mode in ("hybrid", "semantic"):
            new = statistics.median(times[("onnx", mode)])
            old = statistics.median(times[("torch", mode)])
            print(
                f"cold CLI search ({mode}, {n_passages:,} passages, median of {rounds}): "
                f"ONNX {new:.2f} s, today's torch path {old:.2f} s, {old / new:.1f}x faster "
                f"(target < 2 s: {'met' if new < 2 else 'NOT met'})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--only-throughput", action="store_true")
    parser.add_argument("--only-cold-cli", action="store_true")
    args = parser.parse_args()
    if args.only_throughput:
        embedding_throughput()
        return
    if args.only_cold_cli:
        cold_cli()
        return
    cold_cli()
    print(f"cores: {os.cpu_count()}; passages: {args.passages:,}; queries per mode: {args.queries}")

    load_model()  # the model is part of every semantic query's process
    embed_query("warm up")
    rss_model = rss_mib()
    print(f"with the embedding model loaded: {rss_text()}")

    rng = random.Random(7)
    vocab = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "reviewkit.db")
        t0 = time.perf_counter()
        docs = synthetic_documents(args.passages, rng, vocab)
        for doc in docs:
            save_document(store, doc)
        del docs
        t_docs = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = index_documents(store, embed=False)
        t_index = time.perf_counter() - t0
        n_vec = store_random_vectors(store, np.random.default_rng(7))
        size = (Path(tmp) / "reviewkit.db").stat().st_size / 2**20
        print(
            f"stored {report.documents:,} documents in {t_docs:.1f} s; chunked and FTS-indexed "
            f"{report.passages:,} passages in {t_index:.1f} s; {n_vec:,} random vectors "
            f"(+{UNITS_PER_PASSAGE} units each); database {size:.0f} MiB"
        )
        t0 = time.perf_counter()
        index_documents(store, embed=True)  # no text to embed: writes the vector files
        t_files = time.perf_counter() - t0
        files = sum(f.stat().st_size for f in (Path(tmp) / VECTORS_DIR).rglob("*.npy"))
        print(
            f"vector files written in {t_files:.1f} s ({files / 2**20:.0f} MiB on disk); "
            f"peak RSS so far {peak_mib():.0f} MiB"
        )
        again = time.perf_counter()
        index_documents(store, embed=True)  # nothing to do: must be cheap
        print(f"re-index with nothing changed: {1000 * (time.perf_counter() - again):.0f} ms")

        # As a new process would: from SQLite into memory, then from the files.
        q.vector_cache.clear()
        gc.collect()
        q.vector_cache.use_files = False
        before = rss_mib()
        t0 = time.perf_counter()
        in_memory = q.vector_cache.get(store)
        t_sqlite = time.perf_counter() - t0
        grown = rss_mib() - before
        q.vector_cache.use_files = True
        q.vector_cache.clear()
        del in_memory
        gc.collect()
        before = rss_mib()
        t0 = time.perf_counter()
        index = q.vector_cache.get(store)
        t_load = time.perf_counter() - t0
        after = rss_mib()
        matrices = (index.passages.nbytes + index.units.nbytes) / 2**20
        print(
            f"vector index: {len(index.ids):,} passages + {len(index.units):,} units "
            f"(float32 + float16, {matrices:.0f} MiB): read from SQLite into memory in "
            f"{t_sqlite:.2f} s (+{grown:.0f} MiB RSS); memory-mapped from files in "
            f"{t_load:.3f} s (+{after - before:.0f} MiB RSS until queries touch pages)"
        )
        print(f"after loading: {rss_text()}")

        qrng = random.Random(11)
        queries = [
            " ".join(qrng.sample(vocab[:3000], qrng.randint(3, 7))) for _ in range(args.queries)
        ]
        for text in queries[:5]:
            q.search(store, text)  # warm caches

        def raw_keyword(text: str) -> None:
            store.db.execute(
                "select rowid from passages_fts where passages_fts match ? order by rank limit 10",
                [q.keyword_query(text)],
            ).fetchall()

        def raw_semantic(text: str) -> None:
            v = embed_query(text)
            sims = index.passages @ v
            np.argpartition(-sims, 10)[:10]

        # Interleaved, query by query, so load from other processes hits
        # every variant alike.
        fns = {
            "base keyword": raw_keyword,
            "base semantic": raw_semantic,
            **{
                mode: (lambda text, m=mode: q.search(store, text, mode=m, k=10))
                for mode in ("keyword", "semantic", "hybrid")
            },
        }
        times: dict[str, list[float]] = {name: [] for name in fns}
        for text in queries:
            for name, fn in fns.items():
                times[name].extend(timed(fn, [text]))
        times["base hybrid"] = [
            a + b for a, b in zip(times["base keyword"], times["base semantic"], strict=True)
        ]
        rows = []
        for mode in ("keyword", "semantic", "hybrid"):
            p50, p95 = percentiles(times[mode])
            b50, b95 = percentiles(times[f"base {mode}"])
            rows.append((mode, p50, p95, b50, b95))
        print(
            "\nquery latency, ms (search() with titles, highlights and fusion; baseline in the "
            "same run: raw FTS5 top-10, raw query embedding + one matrix product, their sum)"
        )
        print(f"{'mode':<10}{'p50':>8}{'p95':>8}{'base p50':>10}{'base p95':>10}{'p50 ratio':>11}")
        for mode, p50, p95, b50, b95 in rows:
            print(f"{mode:<10}{p50:>8.1f}{p95:>8.1f}{b50:>10.1f}{b95:>10.1f}{p50 / b50:>10.2f}x")
        hybrid_p50 = rows[2][1]
        print(
            f"\nhybrid p50 {hybrid_p50:.1f} ms (target < 100 ms): "
            f"{'OK' if hybrid_p50 < 100 else 'MISSED'}"
        )
        total = rss_mib()
        print(
            f"after {len(queries) * 5} queries: {rss_text()}, peak {peak_mib():.0f} MiB; "
            f"{total - rss_model:.0f} MiB above the loaded model; whole process "
            f"{total:.0f} MiB (target < 1024 MiB): {'OK' if total < 1024 else 'MISSED'}"
        )
        store.close()

    if not args.skip_throughput:
        embedding_throughput()


if __name__ == "__main__":
    main()
