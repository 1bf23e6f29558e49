"""The hypergeometric stopping test: the formula, and its state read from the store."""

from __future__ import annotations

import pytest
from scipy.stats import hypergeom

from reviewkit.screen.prioritise import rank
from reviewkit.screen.records import Record
from reviewkit.screen.stopping import NO_GUARANTEE, stop_estimate
from reviewkit.screen.stopping_rule import k_target, p_value, sample_after
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
from reviewkit.store.records import add_records


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
    assert sample_after(150) == 50 and sample_after(671) == 200
    assert sample_after(10_000) == 500


def test_stop_estimate_phases_through_the_store() -> None:
    store = Store(":memory:")
    add_records(
        store,
        [Record(title=f"Record {i} on integrated care") for i in range(150)],
        path="x",
        source="t",
        fmt="ris",
    )
    est = stop_estimate(store, "title-abstract")
    assert (est.phase, est.safe_to_stop, est.p_value, est.n_screened) == (
        "prioritised",
        False,
        None,
        0,
    )
    assert est.advice["note"] == NO_GUARANTEE
    ranking = rank(store, "title-abstract")
    order = iter(ranking.record_ids)
    for _ in range(5):
        record_decision(store, next(order), "title-abstract", "ann", "include")
    for _ in range(50):
        record_decision(store, next(order), "title-abstract", "ann", "exclude")
    assert stop_estimate(store, "title-abstract").advice["irrelevant_in_a_row"] == 50
    sampling = rank(store, "title-abstract")  # 50 irrelevant in a row: sampling begins
    assert sampling.model["order"] == "random-sample"
    est = stop_estimate(store, "title-abstract")
    assert est.phase == "sampling" and est.sample == {"urn": 95, "drawn": 0, "relevant": 0}
    for rid in sampling.record_ids:
        record_decision(store, rid, "title-abstract", "ann", "exclude")
        est = stop_estimate(store, "title-abstract")
        if est.safe_to_stop:
            break
    assert est.safe_to_stop
    assert est.p_value is not None and est.p_value < 0.05
    assert est.estimated_recall == 1.0
    assert 0 < est.sample["drawn"] < 95  # type: ignore[index]
    assert rank(store, "title-abstract").model["order"] != "random-sample"
    assert set(est.to_json()) >= {
        "method",
        "recall_target",
        "confidence",
        "estimated_recall",
        "safe_to_stop",
    }
