"""Sentence embeddings of the labelled screening datasets, cached on disk by text hash.

Embedding 14,000 records with the packaged MiniLM takes minutes on a busy
machine, so the benchmarks compute them once (``python
benchmarks/embedding_cache.py``, best started early in the background) and
read them from ``benchmarks/.cache/embeddings/`` afterwards. Each record's
text is ``title + "\\n" + abstract``, keyed by the sha256 of that text, so an
edited dataset only embeds the records that changed.

Usage::

    python benchmarks/embedding_cache.py                 # every dataset in ../shared/screening
    python benchmarks/embedding_cache.py --datasets Cohen_2006_ADHD
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache" / "embeddings"
SHARED = HERE.parent.parent / "shared" / "screening"
sys.path.insert(0, str(HERE.parent))

from reviewkit.screen.datasets import LabelledDataset, load_labelled_csv  # noqa: E402


def record_texts(data: LabelledDataset) -> list[str]:
    """The text embedded for each record (the same text the TF-IDF features see)."""
    return [f"{t}\n{a}" for t, a in zip(data.titles, data.abstracts, strict=True)]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached_embeddings(data: LabelledDataset, *, compute: bool = True) -> np.ndarray | None:
    """Unit vectors (n x 384) for every record of `data`, from the cache where present.

    Args:
        compute: embed the records missing from the cache (else return None
            when any is missing).
    """
    texts = record_texts(data)
    hashes = [_hash(t) for t in texts]
    path = CACHE / f"{data.name}.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            known = dict(zip(z["hashes"].tolist(), z["vectors"], strict=True))
    missing = sorted({h for h in hashes if h not in known})
    if missing:
        if not compute:
            return None
        from reviewkit.embed import embed_texts

        by_hash = {h: t for h, t in zip(hashes, texts, strict=True)}
        vecs = embed_texts([by_hash[h] for h in missing])
        known.update(zip(missing, vecs, strict=True))
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        keys = sorted(known)
        np.savez(tmp, hashes=np.asarray(keys), vectors=np.stack([known[k] for k in keys]))
        tmp.replace(path)
    return np.stack([known[h] for h in hashes]).astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--datasets", nargs="*", help="dataset stems (default: all)")
    args = ap.parse_args()
    paths = sorted(SHARED.glob("*.csv"), key=lambda p: p.stat().st_size)
    if args.datasets:
        paths = [p for p in paths if p.stem in set(args.datasets)]
    for path in paths:
        data = load_labelled_csv(path)
        start = time.perf_counter()
        cached_embeddings(data)
        seconds = time.perf_counter() - start
        print(f"{data.name}: {len(data)} records, {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    main()
