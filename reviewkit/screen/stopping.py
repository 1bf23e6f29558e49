"""Is it safe to stop screening? The hypergeometric test on a review's decisions.

See :mod:`reviewkit.screen.stopping_rule` for the method. Included and
"maybe" records count as relevant. "Irrelevant in a row" is reported as
advice only: it gives no statistical guarantee.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from reviewkit.screen.decisions import RELEVANT, check_stage
from reviewkit.screen.stopping_rule import (
    estimated_recall,
    p_value,
    sample_after,
    should_abort,
)
from reviewkit.store import Store
from reviewkit.store.decisions import decision_sequence, latest_sample, save_sample
from reviewkit.store.records import record_ids

METHOD = "hypergeometric (Callaghan & Müller-Hansen 2020)"
NO_GUARANTEE = "advice only: a run of irrelevant records gives no guarantee of recall"


@dataclass(frozen=True)
class StopEstimate:
    """The stopping rule's verdict at one stage.

    Attributes:
        phase: "prioritised" (model order; no estimate yet) or "sampling"
            (random sample from the urn under way). A sample that drew a
            relevant record while estimating recall below target is ended
            early (``sample["ended_early"]``): back to model order until the
            next run of irrelevant records starts a new one.
        estimated_recall: point estimate once sampling has begun, else None.
        safe_to_stop: the test rejects "recall < target" at the confidence.
        p_value: the test's p-value, None before sampling.
        sample: urn size, records drawn from it, relevant among them.
        advice: irrelevant records in a row, and when sampling starts; no guarantee.
    """

    method: str
    recall_target: float
    confidence: float
    estimated_recall: float | None
    safe_to_stop: bool
    p_value: float | None
    n_screened: int
    n_included: int
    phase: str = "prioritised"
    sample: dict[str, int] | None = None
    advice: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("estimated_recall", "p_value"):
            if out[key] is not None:
                out[key] = round(out[key], 6)
        return out


def irrelevant_in_a_row(labels: list[str]) -> int:
    """Records at the end of the screening order not judged relevant."""
    run = 0
    for label in reversed(labels):
        if label in RELEVANT:
            break
        run += 1
    return run


def _sample_progress(
    sample: dict[str, Any], seq: list[tuple[int, str]], recall_target: float
) -> tuple[int, int, bool]:
    """Records drawn from the urn, relevant among them, and whether the sample was ended
    early (:func:`~reviewkit.screen.stopping_rule.should_abort`)."""
    urn = set(sample["urn"])
    n = k = 0
    for rid, label in seq:
        if rid not in urn:
            continue
        n += 1
        if label in RELEVANT:
            k += 1
            if should_abort(sample["n_relevant"], len(urn), n, k, recall_target):
                return n, k, True
    return n, k, False


def stop_estimate(
    store: Store, stage: str, *, recall_target: float = 0.95, confidence: float = 0.95
) -> StopEstimate:
    """The stopping rule's verdict for `stage` from the decisions stored so far."""
    check_stage(stage)
    seq = decision_sequence(store, stage)
    labels = [label for _, label in seq]
    n_included = sum(label in RELEVANT for label in labels)
    run = irrelevant_in_a_row(labels)
    n_left = max(0, len(record_ids(store)) - len(seq))
    start_after = sample_after(n_left, n_included, recall_target, confidence)
    advice = {
        "irrelevant_in_a_row": run,
        "sampling_starts_after": start_after,
        "note": NO_GUARANTEE,
    }
    common: dict[str, Any] = {
        "method": METHOD,
        "recall_target": recall_target,
        "confidence": confidence,
        "n_screened": len(seq),
        "n_included": n_included,
        "advice": advice,
    }
    sample = latest_sample(store, stage)
    if sample is None:
        return StopEstimate(estimated_recall=None, safe_to_stop=False, p_value=None, **common)
    n_urn = len(sample["urn"])
    drawn, k, aborted = _sample_progress(sample, seq, recall_target)
    info = {"urn": n_urn, "drawn": drawn, "relevant": k}
    if aborted:
        # The sample began too early; screening is back in model order.
        return StopEstimate(
            estimated_recall=None,
            safe_to_stop=False,
            p_value=None,
            sample={**info, "ended_early": 1},
            **common,
        )
    p = p_value(n_urn, sample["n_relevant"], drawn, k, recall_target)
    return StopEstimate(
        estimated_recall=estimated_recall(sample["n_relevant"], n_urn, drawn, k),
        safe_to_stop=drawn > 0 and p < 1 - confidence,
        p_value=p,
        phase="sampling",
        sample=info,
        **common,
    )


def maybe_start_sampling(
    store: Store,
    stage: str,
    pool: list[int],
    *,
    recall_target: float = 0.95,
    confidence: float = 0.95,
) -> dict[str, Any] | None:
    """Begin the random-sampling phase when the run of irrelevant records is long enough.

    Args:
        pool: the records that can be screened at `stage`.

    Returns:
        the sample under way (existing or new), or None while screening stays
        in model order (including after a sample that was ended early).
    """
    seq = decision_sequence(store, stage)
    sample = latest_sample(store, stage)
    if sample is not None and not _sample_progress(sample, seq, recall_target)[2]:
        return sample
    labels = [label for _, label in seq]
    screened = {rid for rid, _ in seq}
    urn = [rid for rid in pool if rid not in screened]
    n_relevant = sum(label in RELEVANT for label in labels)
    threshold = sample_after(len(urn), n_relevant, recall_target, confidence)
    if not urn or irrelevant_in_a_row(labels) < threshold:
        return None
    seed = len(seq)  # deterministic: every reviewer gets the same urn order
    urn = [int(i) for i in np.random.default_rng(seed).permutation(np.asarray(urn, dtype=int))]
    save_sample(store, stage, len(seq), n_relevant, urn, seed)
    return latest_sample(store, stage)
