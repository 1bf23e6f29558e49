"""Which record to screen next: the model's ranking of the records nobody has screened.

:func:`rank_and_store` fits the model on the decisions so far and stores the ranking
with the model's names and parameters (rankings table); the TUI and
:func:`next_record` read the newest one cheaply
(:func:`reviewkit.screen.engine.latest_ranking`). Fitting reads the store
without holding a write lock, so recording a decision never waits for it;
only the final insert of the ranking is a (short) write.

Order without a model: with no included record yet, records come in a fixed
pseudo-random order (a hash of stage and record id: the same for every
reviewer); with included records but no excluded one, by similarity to the
included ones. What comes next, and whether it is safe to stop, is the
engine's one step (:mod:`reviewkit.screen.engine`).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import numpy as np

from reviewkit.screen.engine import (
    Ranking,
    is_automation,
    rule_from_config,
    stage_pool,
    store_step,
)
from reviewkit.screen.model import Model, make_model
from reviewkit.screen.order import fixed_order
from reviewkit.screen.stopping import StoppingRule
from reviewkit.store import Store
from reviewkit.store.decisions import (
    current_decisions,
    final_labels,
    save_ranking,
    screened_ids,
)
from reviewkit.store.passages import embeddings_for, save_embeddings
from reviewkit.store.records import label_priors, record_texts
from reviewkit.vocabulary import RELEVANT, check_stage

__all__ = ["Ranking", "next_record", "rank_and_store", "rule_from_config"]

_FEATURE_CACHE: dict[tuple[Any, ...], Any] = {}


def _features(store: Store, model: Model, ids: list[int]) -> Any:
    # Records never change once stored, so the matrix is cached per review and
    # record set; texts are read only when it must be recomputed.
    key = (
        store.path if store.path != ":memory:" else id(store),
        tuple(ids),
        repr(model.to_json()["features"]),
    )
    if key not in _FEATURE_CACHE:
        _FEATURE_CACHE.clear()  # one review's matrix at a time
        texts = record_texts(store, ids)
        vectors = record_vectors(store, texts) if model.uses_vectors else None
        _FEATURE_CACHE[key] = model.fit_features(texts, vectors=vectors)
    return _FEATURE_CACHE[key]


def record_vectors(store: Store, texts: list[str]) -> np.ndarray:
    """Write: the MiniLM embedding of each text, from the review's cache by text hash;
    texts not cached yet are embedded once and stored (in the model process,
    never on the TUI's keypress path)."""
    from reviewkit.embed import DIM, MODEL_NAME, embed_texts

    hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    known = embeddings_for(store, MODEL_NAME, sorted(set(hashes)))
    missing = sorted({h for h in hashes if h not in known})
    if missing:
        by_hash = dict(zip(hashes, texts, strict=True))
        fresh = embed_texts([by_hash[h] for h in missing])
        save_embeddings(store, MODEL_NAME, DIM, zip(missing, fresh, strict=True))
        known.update(zip(missing, fresh, strict=True))
    return np.stack([known[h] for h in hashes]) if hashes else np.zeros((0, DIM), np.float32)


def _training_labels(store: Store, stage: str, pool: list[int]) -> dict[int, int]:
    labels = {rid: int(label in RELEVANT) for rid, label in final_labels(store, stage).items()}
    if stage == "title-abstract":
        in_pool = set(pool)
        for rid, prior in label_priors(store).items():
            if rid in in_pool:
                labels.setdefault(rid, prior)
    return labels


def rank_and_store(store: Store, stage: str, *, model: Model | str | None = None) -> Ranking:
    """Write: rank the records nobody has screened at `stage` and store the ranking.

    Args:
        model: a :class:`Model`, a preset name (``screening.model``), or None
            for "default".
    """
    check_stage(stage)
    start = time.perf_counter()
    if model is None or isinstance(model, str):
        model = make_model(model or "default")
    pool = stage_pool(store, stage)
    screened = screened_ids(store, stage)
    todo = [i for i in pool if i not in screened]
    labels = _training_labels(store, stage, pool)
    spec: dict[str, Any] = model.to_json()
    n_pos = sum(labels.values())
    if not todo or n_pos == 0:
        return _save(store, stage, {"order": "fixed"}, len(labels), fixed_order(stage, todo), start)
    X = _features(store, model, pool)
    row = {rid: pos for pos, rid in enumerate(pool)}
    labelled = np.asarray([row[i] for i in labels if i in row], dtype=int)
    y = np.asarray([labels[i] for i in labels if i in row], dtype=int)
    todo_rows = np.asarray([row[i] for i in todo], dtype=int)
    if n_pos == len(labels):  # no excluded record yet: nearest to the included ones
        centroid = np.asarray(X[labelled].mean(axis=0)).ravel()
        scores = np.asarray(X[todo_rows] @ centroid).ravel()
        spec = {"order": "similarity", "features": spec["features"]}
    else:
        scores = model.scores(X, labelled, y)[todo_rows]
        spec = {"order": "model", **spec}
    ordered = [todo[i] for i in model.querier.order(scores)]
    return _save(store, stage, spec, len(labels), ordered, start)


def _save(
    store: Store, stage: str, spec: dict[str, Any], n_labelled: int, ids: list[int], start: float
) -> Ranking:
    seconds = time.perf_counter() - start
    ranking_id = save_ranking(store, stage, spec, n_labelled, ids, seconds)
    return Ranking(
        id=ranking_id,
        stage=stage,
        record_ids=ids,
        model=spec,
        n_labelled=n_labelled,
        seconds=seconds,
    )


def next_record(
    store: Store,
    stage: str,
    reviewer: str,
    *,
    dual: bool = True,
    rule: StoppingRule | None = None,
) -> int | None:
    """The next record for `reviewer`: the engine's step on the stored decisions.

    Only reads: the latest ranking stored by :func:`rank_and_store` gives the
    order, and before there is one the fixed pseudo-random order does.

    Args:
        dual: blinded dual screening: first any record a colleague screened and
            this reviewer has not (oldest first), so every record gets two
            decisions; then the latest ranking's order. With ``dual=False``
            reviewers share out the ranking instead.
        rule: the stopping rule (its random-sampling variant changes the order).
    """
    mine = {d.record_id for d in current_decisions(store, stage, reviewer)}
    first = (
        [d.record_id for d in current_decisions(store, stage) if not is_automation(d.reviewer)]
        if dual
        else []
    )
    return store_step(
        store, stage, rule or StoppingRule(), skip=mine, first=first, detail=False
    ).next_id
