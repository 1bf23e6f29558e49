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

#: Irrelevant records in a row before random sampling may start, at least
#: (or every record left, when fewer remain).
SAMPLE_AFTER_MIN = 100


def sample_share(r_found: int, recall_target: float, confidence: float) -> float:
    """Share of the urn a random sample must cover, finding nothing relevant, to stop.

    With ``K`` = :func:`k_target` relevant records hidden in a large urn, a
    sample of share ``f`` misses them all with probability ``(1 - f) ** K``;
    the test rejects once that is below ``1 - confidence``.
    """
    k = max(1, k_target(r_found, r_found, recall_target))
    return 1.0 - (1.0 - confidence) ** (1.0 / k)


def sample_after(
    n_unscreened: int, r_found: int, recall_target: float = 0.95, confidence: float = 0.95
) -> int:
    """Irrelevant records in a row after which the random-sampling phase starts.

    The run must be at least as long as the sample the test would then need
    (:func:`sample_share` of the records left), and at least
    :data:`SAMPLE_AFTER_MIN`. Sampling is cheap when many relevant records have
    been found (the share is small), so it starts early; with few, the sample
    must cover most of what is left, so screening in the model's order a while
    longer costs little and protects recall. As records run out the threshold
    falls, so the rule always gets to sample before the end. Measured with
    benchmarks/screening.py.
    """
    share = sample_share(r_found, recall_target, confidence)
    return max(min(SAMPLE_AFTER_MIN, n_unscreened), math.ceil(share * n_unscreened))


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
