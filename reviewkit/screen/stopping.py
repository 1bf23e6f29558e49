"""Is it safe to stop screening? Statistical stopping rules as pure functions.

Every rule reads the same thing: the labels of the records screened so far,
in the order they were screened (True = relevant), and how many records can
be screened at the stage. Nothing here reads the store.

``buscar`` (the default; Callaghan & Müller-Hansen 2020, the BUSCAR score of
the reference implementation ``buscarpy``) tests the screening sequence
itself. For each n, the last n records screened in the model's order are
treated as a sample drawn from the records that were not screened before
them. Under H0, "recall is below the target", those records must hold at
least ``k_hat`` relevant ones; the hypergeometric probability of a sample
holding as few relevant records as it does is the p-value of that n, and
the p-score is the smallest over every n. A prioritised order puts relevant
records first, so a run of irrelevant ones at the end is *less* likely to be
a random draw than the test assumes: the rule is conservative. ``bias > 1``
(the noncentral Wallenius hypergeometric: drawing a relevant record is that
many times likelier than an irrelevant one) makes it less so, and stops
earlier.

``random-sample`` is the original two-phase rule of the same paper: after a
run of irrelevant records, every record left forms an urn, records are drawn
from it in random order, and the test runs on that random sample only.

Reference: Callaghan, M. W. & Müller-Hansen, F. (2020). Statistical stopping
criteria for automated screening in systematic reviews. Systematic Reviews 9, 273.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy.special import gammaln

#: Stopping rules by name; "buscar" is the default.
METHODS = ("buscar", "random-sample")

#: What each rule is called in status, PRISMA and the methods sentence.
METHOD_NAMES = {
    "buscar": "BUSCAR hypergeometric stopping rule (Callaghan & Müller-Hansen 2020)",
    "random-sample": (
        "hypergeometric random-sampling stopping rule (Callaghan & Müller-Hansen 2020)"
    ),
}

#: Said once wherever the run of irrelevant records is shown.
ADVICE_NOTE = (
    "advice only: a run of irrelevant records in a row gives no statistical "
    "guarantee of recall; the verdict above is the test's"
)

#: Irrelevant records in a row before the random-sampling phase may start, at
#: least (or every record left, when fewer remain).
SAMPLE_AFTER_MIN = 100


@dataclass(frozen=True)
class StoppingRule:
    """A stopping rule and its parameters (``stopping.*`` settings).

    Attributes:
        method: "buscar" or "random-sample".
        recall_target: the recall that must be reached, e.g. 0.95.
        confidence: with this confidence, e.g. 0.95 (stop when p < 1 - confidence).
        bias: BUSCAR only: how much likelier the model order draws a relevant
            record than chance (1 = none assumed, the conservative default).
    """

    method: str = "buscar"
    recall_target: float = 0.95
    confidence: float = 0.95
    bias: float = 1.0

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown stopping method {self.method!r}; choose {METHODS}")
        if not 0 < self.recall_target <= 1 or not 0 < self.confidence < 1:
            raise ValueError("recall_target must be in (0, 1] and confidence in (0, 1)")
        if self.bias < 1:
            raise ValueError("bias must be >= 1")

    @property
    def alpha(self) -> float:
        """Stop when the p-score falls below this."""
        return 1.0 - self.confidence

    @property
    def name(self) -> str:
        """The rule's name as a paper cites it."""
        return METHOD_NAMES[self.method]

    def params(self) -> dict[str, Any]:
        """The rule's parameters, as stored in the audit and shown in status."""
        out: dict[str, Any] = {
            "method": self.method,
            "recall_target": self.recall_target,
            "confidence": self.confidence,
        }
        if self.method == "buscar":
            out["bias"] = self.bias
        return out


@dataclass(frozen=True)
class StopVerdict:
    """A stopping rule's verdict on one stage's screening so far.

    Attributes:
        rule: the rule's parameters (:meth:`StoppingRule.params`).
        safe_to_stop: the test rejects "recall < target" at the confidence.
        p_value: the p-score (None before anything can be tested).
        n_pool: records that can be screened at the stage.
        n_screened, n_relevant: screened so far, and relevant among them.
        recall_estimate: relevant found over found plus :attr:`remaining_estimate`.
        remaining_estimate: relevant records that may remain, extrapolated
            from the rate among the most recently screened records.
        recall_bound: the highest recall the test confirms at the confidence
            (None when not computed, or nothing can be confirmed).
        irrelevant_in_a_row: records at the end of the order not relevant (advice).
        phase: random-sample only: "prioritised" or "sampling".
        sample: random-sample only: urn size, drawn, relevant among them.
    """

    rule: dict[str, Any]
    safe_to_stop: bool
    p_value: float | None
    n_pool: int
    n_screened: int
    n_relevant: int
    recall_estimate: float | None = None
    remaining_estimate: int | None = None
    recall_bound: float | None = None
    irrelevant_in_a_row: int = 0
    phase: str = "prioritised"
    sample: dict[str, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def method(self) -> str:
        return str(self.rule["method"])

    def describe(self) -> str:
        """The verdict in words, as status and the TUI say it."""
        return describe(self)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("extra")
        out.update(self.extra)
        for key in ("p_value", "recall_estimate", "recall_bound"):
            if out[key] is not None:
                out[key] = round(float(out[key]), 6)
        out["method"] = METHOD_NAMES[self.method]
        out["verdict"] = describe(self)
        out["advice"] = {"irrelevant_in_a_row": self.irrelevant_in_a_row, "note": ADVICE_NOTE}
        return out


# -- the hypergeometric distribution, fast ----------------------------------------------


def _log_comb(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    out: np.ndarray = gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)
    return out


def hypergeom_cdf(k: np.ndarray, M: np.ndarray, K: np.ndarray, n: np.ndarray) -> np.ndarray:
    """P(X <= k) for X ~ Hypergeometric(population M, K successes, n draws), elementwise.

    The same values as ``scipy.stats.hypergeom.cdf(k, M, K, n)``, summed from
    the lower end of the support in log space: far faster than scipy's
    generic distribution machinery when k is small, which is what a stopping
    test asks about. Where K > M (H0 impossible) the probability is 0.
    """
    k, M, K, n = (np.asarray(a, dtype=np.int64) for a in (k, M, K, n))
    shape = np.broadcast_shapes(k.shape, M.shape, K.shape, n.shape)
    k, M, K, n = (np.broadcast_to(a, shape).ravel() for a in (k, M, K, n))
    out = np.zeros(k.shape, dtype=float)
    valid = (K <= M) & (K >= 0) & (n <= M) & (n >= 0)
    lo = np.maximum(0, n - (M - K))
    hi = np.minimum(k, np.minimum(K, n))
    sel = np.flatnonzero(valid & (hi >= lo))
    if len(sel) == 0:
        return out.reshape(shape)
    counts = hi[sel] - lo[sel] + 1
    owner = np.repeat(np.arange(len(sel)), counts)
    starts = np.repeat(lo[sel], counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    i = starts + offsets
    Ms, Ks, ns = M[sel][owner], K[sel][owner], n[sel][owner]
    log_pmf = _log_comb(Ks, i) + _log_comb(Ms - Ks, ns - i) - _log_comb(Ms, ns)
    sums = np.bincount(owner, weights=np.exp(log_pmf), minlength=len(sel))
    out[sel] = np.minimum(1.0, sums)
    return out.reshape(shape)


# -- BUSCAR ----------------------------------------------------------------------------


def _buscar_terms(
    labels: np.ndarray, n_pool: int, recall_target: float, candidates: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(k, M, K, n) of the hypergeometric test for the urns of the given sizes."""
    r_seen = int(labels.sum())
    relevant_from_end = np.cumsum(labels[::-1])  # relevant among the last n, n = 1..len
    k = relevant_from_end[candidates - 1]
    M = n_pool - (len(labels) - candidates)
    K = np.floor(r_seen / recall_target + 1 - (r_seen - k)).astype(np.int64)
    return k, M, K, candidates


def _candidate_urns(labels: np.ndarray) -> np.ndarray:
    """The urn sizes the smallest p can be found at.

    Growing an urn by one more irrelevant record never raises its p (the
    larger sample from the larger population mixes the smaller one with a
    stochastically larger one), so only the urns that begin just after a
    relevant record, and the whole sequence, need testing.
    """
    n = len(labels)
    after_relevant = n - np.flatnonzero(labels)[:] - 1  # urn sizes starting after each
    sizes = np.unique(np.concatenate([after_relevant[after_relevant > 0], [n]]))
    return sizes.astype(np.int64)


def buscar_p(
    labels: Sequence[bool] | np.ndarray,
    n_pool: int,
    recall_target: float = 0.95,
    bias: float = 1.0,
    *,
    every_urn: bool = False,
) -> float:
    """The BUSCAR p-score of H0 "recall < `recall_target`" after screening `labels`.

    Args:
        labels: relevant (1) or not (0) of each record screened, in screening order.
        n_pool: every record that can be screened (screened or not).
        bias: > 1 uses the noncentral Wallenius hypergeometric (slower; every urn).
        every_urn: test every urn size, not only those the minimum can be at
            (the same value; for checking).

    Returns:
        The smallest p over the urns (1.0 with nothing screened).
    """
    y = np.asarray(labels, dtype=np.int64)
    if len(y) == 0 or n_pool <= 0:
        return 1.0
    if bias != 1.0 or every_urn:
        sizes = np.arange(1, len(y) + 1, dtype=np.int64)
    else:
        sizes = _candidate_urns(y)
    k, M, K, n = _buscar_terms(y, n_pool, recall_target, sizes)
    if bias != 1.0:
        from scipy.stats import nchypergeom_wallenius

        possible = K <= M
        p = np.zeros(len(sizes))
        if possible.any():
            p[possible] = nchypergeom_wallenius.cdf(
                k[possible], M[possible], K[possible], n[possible], bias
            )
    else:
        p = hypergeom_cdf(k, M, K, n)
    return float(np.min(p))


def recall_bound(
    labels: Sequence[bool] | np.ndarray, n_pool: int, confidence: float = 0.95, bias: float = 1.0
) -> float | None:
    """The highest recall target the BUSCAR test confirms at `confidence`, to 0.001.

    The p-score falls as the target is lowered, so a bisection finds where it
    crosses 1 - confidence. None when no target above 0 is confirmed.
    """
    y = np.asarray(labels, dtype=np.int64)
    if y.sum() == 0:
        return None
    alpha = 1.0 - confidence
    lo, hi = 0.0, 1.0
    if buscar_p(y, n_pool, 1.0, bias) < alpha:
        return 1.0
    if buscar_p(y, n_pool, 0.001, bias) >= alpha:
        return None
    lo = 0.001
    for _ in range(12):
        mid = (lo + hi) / 2
        if buscar_p(y, n_pool, mid, bias) < alpha:
            lo = mid
        else:
            hi = mid
    return math.floor(lo * 1000) / 1000


def remaining_estimate(labels: Sequence[bool] | np.ndarray, n_pool: int) -> int:
    """Relevant records that may remain unscreened: the rate among the last tenth
    screened (at least 50 records, with one relevant and one irrelevant record
    added so a run of irrelevant ones never says "none") times the records left.

    In a prioritised order the rate only falls, so this errs high.
    """
    y = np.asarray(labels, dtype=np.int64)
    left = max(0, n_pool - len(y))
    if left == 0 or len(y) == 0:
        return 0
    window = y[-max(50, len(y) // 10) :]
    return round(float(window.sum() + 1) / (len(window) + 2) * left)


def irrelevant_in_a_row(labels: Sequence[bool] | np.ndarray) -> int:
    """Records at the end of the screening order not judged relevant."""
    y = np.asarray(labels, dtype=bool)
    hits = np.flatnonzero(y)
    return int(len(y) - hits[-1] - 1) if len(hits) else len(y)


# -- random sampling ---------------------------------------------------------------------


def k_target(r_seen: int, r_before: int, recall_target: float) -> int:
    """Fewest relevant records in the urn for recall to be below target (H0)."""
    return math.floor(r_seen / recall_target - r_before + 1)


def sample_p(
    n_urn: int, r_before: int, n_sample: int, k_sample: int, recall_target: float
) -> float:
    """P(a random sample of `n_sample` from the urn holds <= `k_sample` relevant | H0)."""
    if n_sample <= 0:
        return 1.0
    K = k_target(r_before + k_sample, r_before, recall_target)
    return float(
        hypergeom_cdf(np.array(k_sample), np.array(n_urn), np.array(K), np.array(n_sample))
    )


def sample_share(r_found: int, recall_target: float, confidence: float) -> float:
    """Share of the urn a random sample must cover, finding nothing relevant, to stop."""
    k = max(1, k_target(r_found, r_found, recall_target))
    return float(1.0 - (1.0 - confidence) ** (1.0 / k))


def sample_after(
    n_unscreened: int, r_found: int, recall_target: float = 0.95, confidence: float = 0.95
) -> int:
    """Irrelevant records in a row after which the random-sampling phase starts:
    as long as the sample the test would then need, and at least
    :data:`SAMPLE_AFTER_MIN` (or what is left)."""
    share = sample_share(r_found, recall_target, confidence)
    return max(min(SAMPLE_AFTER_MIN, n_unscreened), math.ceil(share * n_unscreened))


def sample_estimate(r_before: int, n_urn: int, n_sample: int, k_sample: int) -> float | None:
    """Recall point estimate of a random sample: found over found + expected in the rest."""
    if n_sample <= 0:
        return None
    found = r_before + k_sample
    remaining = k_sample / n_sample * (n_urn - n_sample)
    return found / (found + remaining) if found + remaining > 0 else 1.0


@dataclass(frozen=True)
class Sample:
    """The random-sampling phase under way: the urn in draw order, and progress."""

    started_at: int
    r_before: int
    urn: tuple[int, ...]
    drawn: int
    relevant: int


def sampling_phase(
    pool: Sequence[int], sequence: Sequence[tuple[int, bool]], rule: StoppingRule
) -> Sample | None:
    """The sample under way after `sequence`, derived from the decisions alone.

    A sample starts once :func:`sample_after` irrelevant records come in a
    row; its urn is every record of `pool` not screened then, in an order
    seeded by how many were screened (the same for every reviewer and every
    replay). A sample that draws a relevant record while its own estimate
    puts recall below target began too early: it ends, and screening returns
    to the model's order until the next long run.
    """
    screened: set[int] = set()
    streak = found = 0
    sample: Sample | None = None
    in_urn: set[int] = set()
    n_pool = len(pool)
    for i, (rid, relevant) in enumerate(sequence):
        screened.add(rid)
        found += relevant
        if sample is not None and rid in in_urn:
            drawn, k = sample.drawn + 1, sample.relevant + relevant
            est = sample_estimate(sample.r_before, len(sample.urn), drawn, k)
            if relevant and est is not None and est < rule.recall_target:
                sample, in_urn, streak = None, set(), 0
                continue
            sample = Sample(sample.started_at, sample.r_before, sample.urn, drawn, k)
            continue
        streak = 0 if relevant else streak + 1
        if sample is None:
            left = n_pool - len(screened)
            if left > 0 and streak >= sample_after(
                left, found, rule.recall_target, rule.confidence
            ):
                urn = np.asarray([r for r in pool if r not in screened], dtype=np.int64)
                order = np.random.default_rng(i + 1).permutation(urn)
                sample = Sample(i + 1, found, tuple(int(r) for r in order), 0, 0)
                in_urn = set(sample.urn)
    return sample


# -- one verdict -------------------------------------------------------------------------


def assess(
    rule: StoppingRule,
    labels: Sequence[bool] | np.ndarray,
    n_pool: int,
    *,
    sample: Sample | None = None,
    detail: bool = True,
) -> StopVerdict:
    """The rule's verdict after screening `labels` (in order) out of `n_pool` records.

    Args:
        sample: random-sample only: :func:`sampling_phase` of the same sequence.
        detail: also the recall estimate and the confirmed recall (a few more
            tests; replays that only need the verdict skip them).
    """
    y = np.asarray(labels, dtype=np.int64)
    common: dict[str, Any] = {
        "rule": rule.params(),
        "n_pool": n_pool,
        "n_screened": len(y),
        "n_relevant": int(y.sum()),
        "irrelevant_in_a_row": irrelevant_in_a_row(y),
    }
    if detail and len(y):
        left = remaining_estimate(y, n_pool)
        common["remaining_estimate"] = left
        found = int(y.sum())
        common["recall_estimate"] = found / (found + left) if found + left else None
    if len(y) >= n_pool > 0:
        # Everything screened: nothing is left to miss.
        return StopVerdict(
            safe_to_stop=True,
            p_value=0.0,
            **{**common, "recall_bound": 1.0, "recall_estimate": 1.0},
        )
    if rule.method == "buscar":
        p = buscar_p(y, n_pool, rule.recall_target, rule.bias) if y.sum() else 1.0
        if detail and y.sum():
            common["recall_bound"] = recall_bound(y, n_pool, rule.confidence, rule.bias)
        return StopVerdict(safe_to_stop=p < rule.alpha, p_value=p, **common)
    if sample is None or sample.drawn == 0:
        phase = "sampling" if sample is not None else "prioritised"
        info = None if sample is None else _sample_info(sample)
        return StopVerdict(safe_to_stop=False, p_value=None, phase=phase, sample=info, **common)
    p = sample_p(
        len(sample.urn), sample.r_before, sample.drawn, sample.relevant, rule.recall_target
    )
    est = sample_estimate(sample.r_before, len(sample.urn), sample.drawn, sample.relevant)
    if detail and est is not None:
        common["recall_estimate"] = est
        found = sample.r_before + sample.relevant
        common["remaining_estimate"] = math.ceil(found / est - found) if est else None
    return StopVerdict(
        safe_to_stop=p < rule.alpha,
        p_value=p,
        phase="sampling",
        sample=_sample_info(sample),
        **common,
    )


def _sample_info(sample: Sample) -> dict[str, int]:
    return {"urn": len(sample.urn), "drawn": sample.drawn, "relevant": sample.relevant}


def describe(v: StopVerdict) -> str:
    """The verdict in words.

    "95% recall reached with 95% confidence (p = 0.03): safe to stop", or
    "keep screening: p = 0.41; about 12 relevant records may remain
    (estimated recall 90%)".
    """
    target = f"{v.rule['recall_target']:.0%}"
    confidence = f"{v.rule['confidence']:.0%}"
    if v.n_screened == 0:
        return (
            f"keep screening: nothing screened yet (stop at {target} recall, "
            f"{confidence} confidence)"
        )
    if v.safe_to_stop:
        if v.n_screened >= v.n_pool:
            return "every record screened: nothing left to stop early"
        return (
            f"{target} recall reached with {confidence} confidence ({_p(v.p_value)}): safe to stop"
        )
    if v.p_value is None:
        if v.method == "random-sample" and v.phase == "prioritised":
            return (
                "keep screening in the model's order: random sampling starts after a longer run "
                "of irrelevant records"
            )
        if v.n_relevant == 0:
            return "keep screening: no relevant record found yet"
        return "keep screening: random sample started, nothing drawn yet"
    parts = [f"keep screening: {_p(v.p_value)}"]
    if v.remaining_estimate is not None:
        n = v.remaining_estimate
        parts.append(f"about {n} relevant record{'s' if n != 1 else ''} may remain")
    text = "; ".join(parts)
    if v.recall_estimate is not None:
        text += f" (estimated recall {v.recall_estimate:.0%})"
    return text


def _p(p: float | None) -> str:
    """``p = 0.03``, ``p = 0.004`` or ``p < 0.001``."""
    if p is None:
        return "p n/a"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"
