"""Replaying screening on a fully labelled dataset, as a reviewer would have screened it.

The prior records (drawn at random with the seed) come first, then records
in the model's order, each exactly once. The model is refitted in batches
that grow with the number screened: after every ``max(1, n_screened // 20)``
records (:func:`refit_every`), so a 2,500-record replay needs a few hundred
fits instead of 2,500; the order is what is measured, and refitting every
record changes it little. Once every included record has been found no fit
can change any measure, so the replay stops refitting and the remaining
records follow the last ranking.

The stopping rule runs as in real use (:mod:`reviewkit.screen.stopping_rule`):
after :func:`~reviewkit.screen.stopping_rule.sample_after` irrelevant records
in a row (a run as long as the sample the test would need), the records not
yet screened are screened in random order until the hypergeometric test says
stop (``stopped_at``); the rest follow the model.
A relevant record drawn while the sample says recall is still below target
ends the sample early (:func:`~reviewkit.screen.stopping_rule.should_abort`):
screening returns to the model's order until the next run of irrelevant ones.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reviewkit.screen.datasets import LabelledDataset, draw_priors
from reviewkit.screen.model import Model, make_model
from reviewkit.screen.stopping_rule import p_value, sample_after, should_abort

SCHEMA = "reviewkit.simulation/1"


def refit_every(n_screened: int) -> int:
    """Records screened between two refits, growing with the number screened."""
    return max(1, n_screened // 20)


@dataclass
class SimulationResult:
    """One replay. `order_rows` are 0-based dataset rows in screening order."""

    dataset: LabelledDataset
    seed: int
    model: dict[str, Any]
    order_rows: list[int]
    stopped_at: int | None
    sampling_started_at: int | None
    samples_aborted: int
    seconds: float
    retrain_seconds: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The simulation contract (contracts/simulation.schema.json)."""
        times = self.retrain_seconds or [0.0]
        return {
            "schema": SCHEMA,
            "dataset": self.dataset.name,
            "n_records": len(self.dataset),
            "n_included": self.dataset.n_included,
            "seed": self.seed,
            "model": self.model,
            "order": [self.dataset.ids[i] for i in self.order_rows],
            "stopped_at": self.stopped_at,
            "sampling_started_at": self.sampling_started_at,
            "samples_aborted": self.samples_aborted,
            "seconds": round(self.seconds, 3),
            "retrain_seconds": {
                "median": round(statistics.median(times), 4),
                "max": round(max(times), 4),
                "n": len(self.retrain_seconds),
            },
        }


def simulate(
    data: LabelledDataset,
    *,
    seed: int = 0,
    prior_included: int = 1,
    prior_excluded: int = 1,
    model: Model | str = "default",
    recall_target: float = 0.95,
    confidence: float = 0.95,
) -> SimulationResult:
    """Replay screening of `data` with the model and the stopping rule."""
    start = time.perf_counter()
    if isinstance(model, str):
        model = make_model(model, random_state=seed)
    labels = data.labels.astype(int)
    n, n_inc = len(labels), int(labels.sum())
    X = model.fit_features([f"{t}\n{a}" for t, a in zip(data.titles, data.abstracts, strict=True)])
    order = draw_priors(labels, seed, prior_included, prior_excluded)
    seen = np.zeros(n, dtype=bool)
    seen[order] = True
    found = int(labels[order].sum())
    streak = 0
    sample_rng = np.random.default_rng([seed, 1])
    order_rng = np.random.default_rng([seed, 2])
    urn: list[int] = []
    r_before = k = n_sampled = 0
    started = stopped = None
    ranking: np.ndarray = np.array([], dtype=int)
    pos, next_refit, retrain = 0, len(order), []
    aborted = 0
    while len(order) < n:
        if started is not None and stopped is None:
            row = urn[n_sampled]
        else:
            if len(ranking) == 0 or (len(order) >= next_refit and found < n_inc):
                labelled = np.asarray(order)
                if len(set(labels[labelled].tolist())) < 2:
                    # One class only (e.g. --prior-included 0): random order
                    # until the first record of the other class is found.
                    ranking = order_rng.permutation(np.flatnonzero(~seen))
                    pos, next_refit = 0, len(order) + 1
                else:
                    t0 = time.perf_counter()
                    ranking = model.refit_and_rank(X, labelled, labels[labelled])
                    retrain.append(time.perf_counter() - t0)
                    pos, next_refit = 0, len(order) + refit_every(len(order))
            while seen[ranking[pos]]:
                pos += 1
            row = int(ranking[pos])
        order.append(row)
        seen[row] = True
        found += labels[row]
        streak = 0 if labels[row] else streak + 1
        if (
            started is None
            and stopped is None
            and streak >= sample_after(n - len(order), found, recall_target, confidence)
        ):
            started, r_before, n_sampled, k = len(order), found, 0, 0
            urn = [int(i) for i in sample_rng.permutation(np.flatnonzero(~seen))]
        elif started is not None and stopped is None:
            n_sampled += 1
            k += labels[row]
            if labels[row] and should_abort(r_before, len(urn), n_sampled, k, recall_target):
                started, aborted = None, aborted + 1  # too early: back to the model
            elif p_value(len(urn), r_before, n_sampled, k, recall_target) < 1 - confidence:
                stopped = len(order)
            elif n_sampled == len(urn):
                started = None  # the whole urn screened: nothing left to stop early
    return SimulationResult(
        dataset=data,
        seed=seed,
        model=model.to_json(),
        order_rows=[int(i) for i in order],
        stopped_at=stopped,
        sampling_started_at=started,
        samples_aborted=aborted,
        seconds=time.perf_counter() - start,
        retrain_seconds=retrain,
    )


def order_metrics(
    order_rows: list[int], labels: np.ndarray, recall: float = 0.95, at_share: float = 0.10
) -> dict[str, float]:
    """WSS@recall (percent), recall after `at_share` screened (percent), records to `recall`.

    An order may end early (ASReview stops at the last included record): the
    records it never reached hold no included ones.
    """
    n, n_inc = len(labels), int(labels.sum())
    found = np.cumsum(labels[np.asarray(order_rows, dtype=int)])
    need = math.ceil(recall * n_inc)
    to_recall = int(np.searchsorted(found, need) + 1)
    at = math.ceil(at_share * n)
    return {
        "wss95": 100 * ((n - to_recall) / n - (1 - recall)),
        "recall10": 100 * float(found[min(at, len(found)) - 1] / n_inc),
        "to95": to_recall,
    }
