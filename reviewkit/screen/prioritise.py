"""Which record to screen next: the model's ranking of the records nobody has screened.

:func:`rank` fits the model on the decisions so far and stores the ranking
with the model's names and parameters (rankings table); :func:`latest_ranking`
reads the newest one cheaply, for the TUI's keypress path. Fitting reads the
store without holding a write lock, so recording a decision never waits for
it; only the final insert of the ranking is a (short) write.

Order without a model: with no included record yet, records come in a fixed
pseudo-random order (a hash of stage and record id: the same for every
reviewer, and a fair sample for the stopping rule); with included records but
no excluded one, by similarity to the included ones. Once the stopping rule's
random-sampling phase has begun, the ranking is the urn's random order
until it is safe to stop, then the model's again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from reviewkit.screen.decisions import RELEVANT, check_stage
from reviewkit.screen.model import Model, make_model
from reviewkit.screen.order import fixed_order
from reviewkit.screen.stopping import maybe_start_sampling, stop_estimate
from reviewkit.store import Store
from reviewkit.store.decisions import (
    current_decisions,
    final_labels,
    latest_ranking_row,
    save_ranking,
    screened_ids,
)
from reviewkit.store.records import label_priors, record_ids, record_texts

_FEATURE_CACHE: dict[tuple[Any, ...], Any] = {}


@dataclass(frozen=True)
class Ranking:
    """An order of the records nobody has screened at a stage, most relevant first.

    Attributes:
        id: row id in the rankings table (None if not stored).
        model: names and parameters of the parts that produced it, plus
            ``"order"``: "model", "similarity", "fixed" or "random-sample".
        n_labelled: labelled records the model was fitted on.
    """

    id: int | None
    stage: str
    record_ids: list[int]
    model: dict[str, Any]
    n_labelled: int
    seconds: float
    at: str = ""


def candidate_ids(store: Store, stage: str) -> list[int]:
    """Records that can be screened at `stage`: all kept records at title-abstract;
    those included (or maybe) at title-abstract for full-text."""
    ids = record_ids(store)
    if stage == "title-abstract":
        return ids
    passed = {
        rid for rid, label in final_labels(store, "title-abstract").items() if label in RELEVANT
    }
    return [i for i in ids if i in passed]


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
        _FEATURE_CACHE[key] = model.fit_features(record_texts(store, ids))
    return _FEATURE_CACHE[key]


def _training_labels(store: Store, stage: str, pool: list[int]) -> dict[int, int]:
    labels = {rid: int(label in RELEVANT) for rid, label in final_labels(store, stage).items()}
    if stage == "title-abstract":
        in_pool = set(pool)
        for rid, prior in label_priors(store).items():
            if rid in in_pool:
                labels.setdefault(rid, prior)
    return labels


def rank(
    store: Store,
    stage: str,
    *,
    model: Model | str | None = None,
    recall_target: float = 0.95,
    confidence: float = 0.95,
) -> Ranking:
    """Rank the records nobody has screened at `stage` and store the ranking.

    Args:
        model: a :class:`Model`, a preset name (``screening.model``), or None
            for "default".
        recall_target, confidence: the stopping rule's settings
            (``stopping.recall_target``, ``stopping.confidence``).
    """
    check_stage(stage)
    start = time.perf_counter()
    if model is None or isinstance(model, str):
        model = make_model(model or "default")
    pool = candidate_ids(store, stage)
    screened = screened_ids(store, stage)
    todo = [i for i in pool if i not in screened]
    labels = _training_labels(store, stage, pool)
    spec: dict[str, Any] = model.to_json()
    sample = maybe_start_sampling(
        store, stage, pool, recall_target=recall_target, confidence=confidence
    )
    verdict = stop_estimate(store, stage, recall_target=recall_target, confidence=confidence)
    if sample is not None and not verdict.safe_to_stop:
        urn_left = [i for i in sample["urn"] if i not in screened]
        if urn_left:
            in_urn = set(urn_left)
            rest = [i for i in fixed_order(stage, todo) if i not in in_urn]
            return _save(
                store,
                stage,
                {"order": "random-sample", "sample_id": sample["id"]},
                len(labels),
                urn_left + rest,
                start,
            )
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


def latest_ranking(store: Store, stage: str) -> Ranking | None:
    """The newest stored ranking at `stage` (one indexed read; no fitting), or None.

    Records screened since it was made are still in it; skip them.
    """
    row = latest_ranking_row(store, stage)
    # The stored columns are the dataclass's fields, by name.
    return Ranking(**row) if row is not None else None


def next_record(store: Store, stage: str, reviewer: str, *, dual: bool = True) -> int | None:
    """The next record for `reviewer`.

    Args:
        dual: blinded dual screening: first any record a colleague screened and
            this reviewer has not (oldest first), so every record gets two
            decisions; then the latest ranking's order. With ``dual=False``
            reviewers share out the ranking instead.
    """
    mine = {d.record_id for d in current_decisions(store, stage, reviewer)}
    if dual:
        for d in current_decisions(store, stage):
            if d.record_id not in mine:
                return d.record_id
    ranking = latest_ranking(store, stage) or rank(store, stage)
    screened = screened_ids(store, stage)
    return next((i for i in ranking.record_ids if i not in screened and i not in mine), None)
