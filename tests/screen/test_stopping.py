"""The stopping rules: BUSCAR's p-score, its words, and the rule read from a store."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import hypergeom, nchypergeom_wallenius

from reviewkit.screen.engine import stop_verdict
from reviewkit.screen.stopping import (
    ADVICE_NOTE,
    StoppingRule,
    assess,
    buscar_p,
    hypergeom_cdf,
    recall_bound,
    sample_after,
    sample_share,
    sampling_phase,
)
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
from tests.conftest import add_test_records, titled_records

TA, FT = "title-abstract", "full-text"


def _reference_p(labels: np.ndarray, n_pool: int, target: float, bias: float = 1.0) -> float:
    """BUSCAR written out from the paper, one urn at a time (slow, obvious)."""
    r_seen = labels.sum()
    best = 1.0
    for n in range(1, len(labels) + 1):
        urn = labels[len(labels) - n :]
        k = urn.sum()
        population = n_pool - (len(labels) - n)  # the urn and every record not screened
        k_hat = int(np.floor(r_seen / target + 1 - (r_seen - k)))
        if k_hat > population:
            p = 0.0  # H0 cannot hold: the records left cannot hide that many
        elif bias == 1.0:
            p = hypergeom.cdf(k, population, k_hat, n)
        else:
            p = nchypergeom_wallenius.cdf(k, population, k_hat, n, bias)
        best = min(best, float(p))
    return best


def _prioritised(n: int, n_rel: int, bias: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    labels = np.zeros(n, dtype=int)
    labels[:n_rel] = 1
    weights = np.where(labels == 1, bias, 1.0)
    return labels[rng.choice(n, n, replace=False, p=weights / weights.sum())]


def test_hypergeometric_cdf_matches_scipy() -> None:
    rng = np.random.default_rng(0)
    M = rng.integers(20, 3000, 400)
    K = rng.integers(0, 20, 400)
    n = rng.integers(0, 20, 400)
    k = rng.integers(0, 6, 400)
    assert hypergeom_cdf(k, M, K, n) == pytest.approx(hypergeom.cdf(k, M, K, n), abs=1e-10)
    assert hypergeom_cdf(np.array(0), np.array(5), np.array(9), np.array(2)) == 0.0


@pytest.mark.parametrize("seed", range(6))
def test_buscar_p_is_the_papers_score(seed: int) -> None:
    seq = _prioritised(600, 30, 8.0, seed)
    for cut in (60, 200, 400, 590):
        want = _reference_p(seq[:cut], 600, 0.95)
        assert buscar_p(seq[:cut], 600, 0.95) == pytest.approx(want, abs=1e-9)
        assert buscar_p(seq[:cut], 600, 0.95, every_urn=True) == pytest.approx(want, abs=1e-9)


def test_bias_uses_wallenius_and_stops_earlier() -> None:
    seq = _prioritised(300, 20, 10.0, 1)[:200]
    biased = buscar_p(seq, 300, 0.95, bias=3.0)
    assert biased == pytest.approx(_reference_p(seq, 300, 0.95, 3.0), abs=1e-9)
    assert biased <= buscar_p(seq, 300, 0.95)


def test_a_run_of_irrelevant_records_lowers_p_and_a_relevant_one_raises_it() -> None:
    seq = np.array([1] * 20 + [0] * 200)
    assert buscar_p(seq, 1000) < buscar_p(seq[:120], 1000)
    assert buscar_p(np.append(seq, 1), 1000) > buscar_p(seq, 1000)
    assert buscar_p([], 1000) == 1.0


def test_recall_bound_is_what_the_test_confirms() -> None:
    seq = np.array([1] * 40 + [0] * 600)
    bound = recall_bound(seq, 1000, 0.95)
    assert bound is not None and 0 < bound <= 1
    assert buscar_p(seq, 1000, bound) < 0.05 <= buscar_p(seq, 1000, min(1.0, bound + 0.01))


def test_verdict_in_words() -> None:
    rule = StoppingRule()
    keep = assess(rule, [1] * 10 + [0] * 5, 500)
    assert not keep.safe_to_stop
    text = keep.describe()
    assert text.startswith("keep screening: p = ") and "relevant records may remain" in text
    assert "estimated recall" in text
    stop = assess(rule, [1] * 40 + [0] * 900, 1000)
    assert stop.safe_to_stop
    assert stop.describe().startswith("95% recall reached with 95% confidence (p")
    assert stop.describe().endswith("): safe to stop")
    out = stop.to_json()
    assert out["advice"]["note"] == ADVICE_NOTE
    assert out["rule"] == {
        "method": "buscar",
        "recall_target": 0.95,
        "confidence": 0.95,
        "bias": 1.0,
    }
    assert "BUSCAR" in out["method"]


def test_full_text_counts_only_the_records_that_reached_it() -> None:
    store = add_test_records(Store(":memory:"), titled_records(300, "Record {i} on care"))
    ids = list(range(1, 301))
    for rid in ids[:30]:
        record_decision(store, rid, TA, "ann", "include")
    for rid in ids[:25]:
        record_decision(store, rid, FT, "ann", "exclude" if rid % 2 else "include")
    verdict = stop_verdict(store, FT, StoppingRule())
    assert verdict.n_pool == 30 and verdict.n_screened == 25
    assert verdict.to_json()["n_pool"] == 30


def test_random_sampling_phase_starts_after_a_long_run() -> None:
    rule = StoppingRule(method="random-sample")
    pool = list(range(1000))
    run = next(r for r in range(1, 960) if r >= sample_after(960 - r, 40))
    seq = [(i, True) for i in range(40)] + [(i, False) for i in range(40, 40 + run)]
    assert sampling_phase(pool, seq[:-1], rule) is None
    sample = sampling_phase(pool, seq, rule)
    assert sample is not None and sample.started_at == 40 + run and sample.drawn == 0
    assert set(sample.urn) == set(range(sample.started_at, 1000))
    assert sample_share(40, 0.95, 0.95) == pytest.approx(1 - 0.05 ** (1 / 3))
    # Drawing from the urn, finding nothing: the test says stop eventually.
    drawn = [(rid, False) for rid in sample.urn]
    for n in range(1, len(drawn)):
        s = sampling_phase(pool, seq[: sample.started_at] + drawn[:n], rule)
        verdict = assess(rule, [0] * (sample.started_at + n), 1000, sample=s)
        if verdict.safe_to_stop:
            break
    assert verdict.safe_to_stop and verdict.phase == "sampling"
    assert sample_after(50, 1000) == 50  # never longer than what is left
