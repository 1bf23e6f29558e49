"""Decisions: append-only, undo, conflicts, resolutions, final labels, kappa."""

from __future__ import annotations

import pytest

from reviewkit.screen.kappa import kappa
from reviewkit.store import Store
from reviewkit.store.decisions import (
    conflicts,
    current_decisions,
    decision_for,
    final_labels,
    record_decision,
    resolve_conflict,
    reviewers,
    undo_last,
)
from reviewkit.store.records import record_ids
from reviewkit.vocabulary import DecisionError
from tests.conftest import add_test_records, titled_records

TA = "title-abstract"


@pytest.fixture
def store() -> Store:
    return add_test_records(Store(":memory:"), titled_records(6, "Record number {i} about care"))


def test_decisions_are_appended_and_latest_is_current(store: Store) -> None:
    r = record_ids(store)[0]
    first = record_decision(store, r, TA, "ann", "include", note="looks good")
    second = record_decision(store, r, TA, "ann", "exclude", reason="wrong population")
    assert second > first
    current = decision_for(store, r, TA, "ann")
    assert current is not None
    assert (current.label, current.reason, current.note) == ("exclude", "wrong population", None)
    assert current.at.endswith("+00:00")
    assert store.db.execute("select count(*) from decisions").fetchone()[0] == 2
    assert decision_for(store, r, "full-text", "ann") is None


def test_validation(store: Store) -> None:
    r = record_ids(store)[0]
    with pytest.raises(DecisionError, match="unknown stage"):
        record_decision(store, r, "abstract", "ann", "include")
    with pytest.raises(DecisionError, match="unknown label"):
        record_decision(store, r, TA, "ann", "yes")
    with pytest.raises(DecisionError, match="no record"):
        record_decision(store, 999, TA, "ann", "include")


def test_undo_walks_back_and_appends(store: Store) -> None:
    a, b, c = record_ids(store)[:3]
    record_decision(store, a, TA, "ann", "include")
    record_decision(store, b, TA, "ann", "exclude")
    record_decision(store, c, TA, "bob", "exclude")
    assert undo_last(store, "ann", TA) == b
    assert undo_last(store, "ann", TA) == a
    assert undo_last(store, "ann", TA) is None
    assert [d.record_id for d in current_decisions(store, TA)] == [c]
    assert store.db.execute("select count(*) from decisions").fetchone()[0] == 5
    record_decision(store, b, TA, "ann", "maybe")
    assert decision_for(store, b, TA, "ann").label == "maybe"  # type: ignore[union-attr]


def test_conflicts_resolutions_and_final_labels(store: Store) -> None:
    a, b, c, d = record_ids(store)[:4]
    record_decision(store, a, TA, "ann", "include")
    record_decision(store, a, TA, "bob", "include")
    record_decision(store, b, TA, "ann", "include")
    record_decision(store, b, TA, "bob", "exclude")
    record_decision(store, c, TA, "ann", "maybe")
    record_decision(store, d, TA, "ann", "exclude")
    record_decision(store, d, TA, "bob", "maybe")
    found = conflicts(store, TA)
    assert [x.record_id for x in found] == [b, d]
    assert found[0].labels == {"ann": "include", "bob": "exclude"}
    assert found[0].resolved is None
    assert final_labels(store, TA) == {a: "include", c: "maybe"}
    resolve_conflict(store, b, TA, "include", "carol", note="meets criteria")
    resolved = conflicts(store, TA)[0].resolved
    assert resolved is not None and resolved.reviewer == "carol"
    assert final_labels(store, TA) == {a: "include", b: "include", c: "maybe"}
    assert reviewers(store) == ["ann", "bob"]
    assert conflicts(store, "full-text") == []


def test_kappa_over_records_both_screened(store: Store) -> None:
    ids = record_ids(store)
    assert kappa(store, TA) is None
    ann = ["include", "exclude", "exclude", "include", "exclude", "maybe"]
    bob = ["include", "exclude", "include", "include", "exclude"]
    for r, label in zip(ids, ann, strict=True):
        record_decision(store, r, TA, "ann", label)
    assert kappa(store, TA) is None  # one reviewer
    for r, label in zip(ids, bob, strict=False):
        record_decision(store, r, TA, "bob", label)
    from sklearn.metrics import cohen_kappa_score

    expected = cohen_kappa_score(ann[:5], bob)
    assert kappa(store, TA) == pytest.approx(expected)


def test_exclusion_reasons_come_from_the_settings(store: Store) -> None:
    from reviewkit.config import defaults

    allowed = defaults()["screening.exclusion_reasons"]
    r = record_ids(store)[0]
    record_decision(
        store, r, TA, "ann", "exclude", reason="wrong population", allowed_reasons=allowed
    )
    with pytest.raises(DecisionError, match="unknown exclusion reason"):
        record_decision(store, r, TA, "ann", "exclude", reason="boring", allowed_reasons=allowed)
