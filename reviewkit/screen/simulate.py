"""Replaying screening on a fully labelled dataset, as a reviewer would have screened it.

The prior records (drawn at random with the seed) come first, then every
record once, each chosen by the screening engine's one step
(:func:`reviewkit.screen.engine.step`) from the sequence so far and the
model's latest ranking: the same step the TUI, ``next_record`` and the demo
take on a stored review, so a replay measures what a reviewer gets,
including where the stopping rule says stop (``stopped_at``).

Refitting (``refit``): ``"growing"`` (the default) refits after every
``max(1, n_screened // 20)`` records (:func:`refit_every`), so a 2,500-record
replay needs a few hundred fits instead of 2,500; ``"every"`` refits after
every record, as ASReview LAB does, for like-for-like comparisons. Once every
included record has been found no fit can change any measure (nor the
stopping rule's verdict: every later label is "irrelevant" whatever the
order), so the replay stops refitting and the rest follow the last ranking.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reviewkit.screen.datasets import LabelledDataset, draw_priors
from reviewkit.screen.engine import step
from reviewkit.screen.model import Model, make_model
from reviewkit.screen.stopping import StoppingRule

SCHEMA = "reviewkit.simulation/1"

#: Refit schedules: "growing" (batches of n // 20) or "every" record.
REFITS = ("growing", "every")


def refit_every(n_screened: int) -> int:
    """Records screened between two refits, growing with the number screened."""
    return max(1, n_screened // 20)


@dataclass
class SimulationResult:
    """One replay. `order_rows` are 0-based dataset rows in screening order.

    Attributes:
        stopped_at: records screened when the stopping rule first said stop
            (None: it never did before the last record).
        p_at_stop: the rule's p-score then.
    """

    dataset: LabelledDataset
    seed: int
    model: dict[str, Any]
    order_rows: list[int]
    stopped_at: int | None
    seconds: float
    rule: dict[str, Any] = field(default_factory=dict)
    refit: str = "growing"
    p_at_stop: float | None = None
    sampling_started_at: int | None = None
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
            "refit": self.refit,
            "order": [self.dataset.ids[i] for i in self.order_rows],
            "stopped_at": self.stopped_at,
            "stop": {
                "rule": self.rule,
                "p_value": None if self.p_at_stop is None else round(self.p_at_stop, 6),
                "recall": self.recall_at_stop(),
            },
            "sampling_started_at": self.sampling_started_at,
            "seconds": round(self.seconds, 3),
            "retrain_seconds": {
                "median": round(statistics.median(times), 4),
                "max": round(max(times), 4),
                "n": len(self.retrain_seconds),
            },
        }

    def recall_at_stop(self) -> float | None:
        """Share of the included records found when the rule said stop."""
        if self.stopped_at is None or self.dataset.n_included == 0:
            return None
        rows = np.asarray(self.order_rows[: self.stopped_at], dtype=int)
        return round(float(self.dataset.labels[rows].sum() / self.dataset.n_included), 6)


def simulate(
    data: LabelledDataset,
    *,
    seed: int = 0,
    prior_included: int = 1,
    prior_excluded: int = 1,
    model: Model | str = "default",
    rule: StoppingRule | None = None,
    refit: str = "growing",
    features: Any = None,
    vectors: Any = None,
    recall_target: float | None = None,
    confidence: float | None = None,
) -> SimulationResult:
    """Replay screening of `data` with the model and the stopping rule.

    Args:
        rule: the stopping rule (default: BUSCAR, 95% recall, 95% confidence).
        refit: "growing" or "every" (see the module docstring).
        features: a precomputed feature matrix for `model` (benchmarks reuse it).
        vectors: the records' embeddings, for a model that uses them (else
            they are computed: slow on a large dataset).
        recall_target, confidence: override the rule's (``--recall-target``, ``--confidence``).
    """
    if refit not in REFITS:
        raise ValueError(f"refit must be one of {REFITS}")
    rule = rule or StoppingRule()
    if recall_target is not None or confidence is not None:
        rule = StoppingRule(
            rule.method,
            rule.recall_target if recall_target is None else recall_target,
            rule.confidence if confidence is None else confidence,
            rule.bias,
        )
    start = time.perf_counter()
    if isinstance(model, str):
        model = make_model(model, random_state=seed)
    labels = data.labels.astype(int)
    n, n_inc = len(labels), int(labels.sum())
    X = features
    if X is None:
        X = model.fit_features(
            [f"{t}\n{a}".strip() for t, a in zip(data.titles, data.abstracts, strict=True)],
            vectors=vectors,
        )
    pool = list(range(n))
    order = draw_priors(labels, seed, prior_included, prior_excluded)
    sequence = [(row, bool(labels[row])) for row in order]
    seen = np.zeros(n, dtype=bool)
    seen[order] = True
    found = int(labels[order].sum())
    order_rng = np.random.default_rng([seed, 2])
    ranking: list[int] = []
    next_refit, retrain = len(order), []
    stopped: int | None = None
    p_stop: float | None = None
    sampling_at: int | None = None
    while len(sequence) < n:
        if not ranking or (len(sequence) >= next_refit and found < n_inc):
            labelled = np.asarray([row for row, _ in sequence])
            if len(set(labels[labelled].tolist())) < 2:
                # One class only (e.g. --prior-included 0): random order
                # until the first record of the other class is found.
                ranking = [int(i) for i in order_rng.permutation(np.flatnonzero(~seen))]
                next_refit = len(sequence) + 1
            else:
                t0 = time.perf_counter()
                ranking = [int(i) for i in model.refit_and_rank(X, labelled, labels[labelled])]
                retrain.append(time.perf_counter() - t0)
                gap = 1 if refit == "every" else refit_every(len(sequence))
                next_refit = len(sequence) + gap
        s = step(pool, sequence, ranking, rule, detail=False)
        if stopped is None and s.verdict.safe_to_stop:
            stopped, p_stop = len(sequence), s.verdict.p_value
        if sampling_at is None and s.source == "random-sample":
            sampling_at = len(sequence)
        row = s.next_id
        if row is None:
            break
        sequence.append((row, bool(labels[row])))
        seen[row] = True
        found += labels[row]
    return SimulationResult(
        dataset=data,
        seed=seed,
        model=model.to_json(),
        order_rows=[row for row, _ in sequence],
        stopped_at=stopped,
        seconds=time.perf_counter() - start,
        rule=rule.params(),
        refit=refit,
        p_at_stop=p_stop,
        sampling_started_at=sampling_at,
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
