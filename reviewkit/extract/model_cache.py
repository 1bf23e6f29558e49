"""Fitted extraction models kept on disk, so a worker starts in a fraction of a second.

The sentence classifiers are trained from the committed data at first use.
Fitting all three takes several seconds on 2 cores, once per ingest worker and
once per `reviewkit analyse`, which is most of the time a small batch takes.
A fitted model is therefore pickled into the user's cache folder
(``$REVIEWKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reviewkit``, else
``~/.cache/reviewkit``) under a key that covers everything it is made from:
every file of ``reviewkit/extract/`` (code and training data), the Python,
scikit-learn and numpy versions. Any change to any of them names a new file,
so a cached model is always the model the current code would fit. A missing,
unreadable or foreign cache file is simply fitted again; a cache folder that
cannot be written is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

EXTRACT = Path(__file__).resolve().parent


def cache_folder() -> Path:
    """Where fitted models are kept (not created here): the same per-user folder
    as the query model's ONNX export (:func:`reviewkit.embed.cache_dir`)."""
    from reviewkit.embed import cache_dir

    return cache_dir()


@cache
def _source_digest() -> str:
    import numpy
    import sklearn

    h = hashlib.sha256(f"{sys.version}|{sklearn.__version__}|{numpy.__version__}".encode())
    for path in sorted(EXTRACT.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(EXTRACT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def cached_fit(name: str, fit: Callable[[], T]) -> T:
    """The model `fit` returns, from the cache when the same code fitted it before."""
    path = cache_folder() / f"{name}-{_source_digest()}.pickle"
    try:
        with path.open("rb") as handle:
            model: T = pickle.load(handle)  # our own file, named by what made it
        return model
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    model = fit()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as handle:
                pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # readers see a whole file or none
        finally:
            tmp.unlink(missing_ok=True)
    return model
