"""The hypergeometric stopping test of Callaghan & Müller-Hansen (2020), as pure functions.

Screening runs in two phases. First records are screened in the model's
order. Once a run of irrelevant records suggests few relevant ones remain,
the *random-sampling phase* begins: every record not yet screened at that
moment forms the urn, and records are drawn from it uniformly at random. After
each draw the test asks: if recall were below the target, how likely is it
that the sample would hold as few relevant records as it does? When that
probability falls below 1 - confidence, it is safe to stop.

Reference: Callaghan, M. W. & Müller-Hansen, F. (2020). Statistical stopping
criteria for automated screening in systematic reviews. Systematic Reviews 9, 273.
"""

from __future__ import annotations

import math

from scipy.stats import hypergeom

#: Irrelevant records in a row that start random sampling: at least this many...
SAMPLE_AFTER_MIN = 200
#: ...or this share of the records, whichever is more...
SAMPLE_AFTER_SHARE = 0.05
#: ...but never more than this share (small reviews must reach sampling too).
SAMPLE_AFTER_MAX_SHARE = 1 / 3


def sample_after(n_records: int) -> int:
    """Irrelevant records in a row that start the random-sampling phase.

    Chosen by measurement (benchmarks/screening.py): with the default model
    the longest run of irrelevant records *before* 95% recall was 38-144 on
    the five benchmark reviews (671-2,544 records), so 200 rarely starts
    sampling too early; a sample that does is ended early (:func:`should_abort`).
    """
    return min(
        max(SAMPLE_AFTER_MIN, math.ceil(SAMPLE_AFTER_SHARE * n_records)),
        max(1, math.ceil(SAMPLE_AFTER_MAX_SHARE * n_records)),
    )


def k_target(r_seen: int, r_before: int, recall_target: float) -> int:
    """Fewest relevant records in the urn for recall to be below target (H0)."""
    return math.floor(r_seen / recall_target - r_before + 1)


def p_value(n_urn: int, r_before: int, n_sample: int, k_sample: int, recall_target: float) -> float:
    """P(a random sample of `n_sample` from the urn holds <= `k_sample` relevant | H0).

    Args:
        n_urn: records not screened when sampling began.
        r_before: relevant records found before sampling began.
        n_sample, k_sample: records drawn from the urn so far, and relevant among them.
        recall_target: e.g. 0.95.
    """
    if n_sample <= 0:
        return 1.0
    k_tar = k_target(r_before + k_sample, r_before, recall_target)
    if k_tar > n_urn:
        return 0.0  # the urn cannot hold that many relevant records: recall is reached
    return float(hypergeom.cdf(k_sample, n_urn, k_tar, n_sample))


def estimated_recall(r_before: int, n_urn: int, n_sample: int, k_sample: int) -> float | None:
    """Point estimate of recall: relevant found over found + expected in the unsampled urn."""
    if n_sample <= 0:
        return None
    found = r_before + k_sample
    remaining = k_sample / n_sample * (n_urn - n_sample)
    return found / (found + remaining) if found + remaining > 0 else 1.0


def should_abort(
    r_before: int, n_urn: int, n_sample: int, k_sample: int, recall_target: float
) -> bool:
    """End a sample that began too early: a relevant record was drawn and the
    sample's own estimate puts recall below target.

    Screening then returns to the model's order, which finds the remaining
    relevant records far faster than random draws; a new sample begins after
    the next run of irrelevant records. A sample is only ever ended, never
    used to stop, after such a draw, so this can only make stopping later.
    """
    recall = estimated_recall(r_before, n_urn, n_sample, k_sample)
    return k_sample > 0 and recall is not None and recall < recall_target
