"""The hypergeometric stopping test: the formula, and its state read from the store."""

from __future__ import annotations

import pytest
from scipy.stats import hypergeom

from reviewkit.screen.prioritise import rank
from reviewkit.screen.stopping import NO_GUARANTEE, stop_estimate
from reviewkit.screen.stopping_rule import k_target, p_value, sample_after, sample_share
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
from tests.conftest import add_test_records, titled_records

TA = "title-abstract"


def test_k_target_and_p_value() -> None:
    # 40 relevant before sampling, none in the sample: H0 needs >= 3 in the urn.
    assert k_target(40, 40, 0.95) == 3
    assert p_value(1000, 40, 0, 0, 0.95) == 1.0
    assert p_value(1000, 40, 500, 0, 0.95) == pytest.approx(hypergeom.cdf(0, 1000, 3, 500))
    # Sampling more without finding anything lowers p.
    assert p_value(1000, 40, 700, 0, 0.95) < p_value(1000, 40, 300, 0, 0.95)
    # A relevant record in the sample raises it.
    assert p_value(1000, 40, 500, 1, 0.95) > p_value(1000, 40, 500, 0, 0.95)
    # An urn too small to hide enough relevant records: recall is certain.
    assert p_value(2, 100, 1, 0, 0.95) == 0.0
    # The run before sampling is as long as the sample the test would need.
    assert sample_share(40, 0.95, 0.95) == pytest.approx(1 - 0.05 ** (1 / 3))
    assert sample_after(1000, 40) == 632
    assert sample_after(10_000, 1000) == 550  # many found: sampling is cheap, starts early
    assert sample_after(150, 10) == 143  # few found: the sample must cover nearly all
    assert sample_after(50, 1000) == 50  # never longer than what is left


def test_stop_estimate_phases_through_the_store() -> None:
    store = add_test_records(
        Store(":memory:"), titled_records(400, "Record {i} on integrated care")
    )
    est = stop_estimate(store, TA)
    assert (est.phase, est.safe_to_stop, est.p_value, est.n_screened) == (
        "prioritised",
        False,
        None,
        0,
    )
    assert est.advice["note"] == NO_GUARANTEE
    order = iter(rank(store, TA).record_ids)
    for _ in range(80):  # 80 relevant: the sample will need a fifth of what is left
        record_decision(store, next(order), TA, "ann", "include")
    while True:
        record_decision(store, next(order), TA, "ann", "exclude")
        advice = stop_estimate(store, TA).advice
        if advice["irrelevant_in_a_row"] >= advice["sampling_starts_after"]:
            break
    sampling = rank(store, TA)  # the run is long enough: rank starts the sample
    assert sampling.model["order"] == "random-sample"
    est = stop_estimate(store, TA)
    assert est.phase == "sampling" and est.sample is not None
    assert est.sample["drawn"] == 0 and est.sample["urn"] == 400 - est.n_screened
    for rid in sampling.record_ids:
        record_decision(store, rid, TA, "ann", "exclude")
        est = stop_estimate(store, TA)
        if est.safe_to_stop:
            break
    assert est.safe_to_stop
    assert est.p_value is not None and est.p_value < 0.05
    assert est.estimated_recall == 1.0
    assert 0 < est.sample["drawn"] < est.sample["urn"]  # type: ignore[index]
    assert rank(store, TA).model["order"] != "random-sample"
    assert set(est.to_json()) >= {
        "method",
        "recall_target",
        "confidence",
        "estimated_recall",
        "safe_to_stop",
    }


def test_a_sample_begun_too_early_is_ended() -> None:
    store = add_test_records(Store(":memory:"), titled_records(300, "Record {i} on care"))
    order = iter(rank(store, TA).record_ids)
    record_decision(store, next(order), TA, "ann", "include")
    for _ in range(290):
        record_decision(store, next(order), TA, "ann", "exclude")
    sampling = rank(store, TA)
    assert sampling.model["order"] == "random-sample"
    record_decision(store, sampling.record_ids[0], TA, "ann", "include")
    est = stop_estimate(store, TA)
    assert est.phase == "prioritised" and est.sample and est.sample["ended_early"] == 1
