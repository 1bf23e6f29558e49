"""The screening engine: one step for the stored review and for the replay.

A small committed labelled set (tests/fixtures/screening) is screened twice:
through a store (rank, next_record, the stored decisions), as a reviewer in
the TUI or the demo would, and by `simulate`. Both must offer the same
records in the same order and stop at the same point.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reviewkit.screen.datasets import draw_priors, load_labelled_csv
from reviewkit.screen.engine import (
    AUTOMATION_REVIEWER,
    exclude_unscreened_by_rule,
    history,
    queue,
    step,
    stop_verdict,
)
from reviewkit.screen.model import make_model
from reviewkit.screen.prioritise import next_record, rank_and_store
from reviewkit.screen.simulate import refit_every, simulate
from reviewkit.screen.stopping import StoppingRule
from reviewkit.store import Store
from reviewkit.store.decisions import current_decisions, record_decision
from reviewkit.vocabulary import Record
from tests.conftest import add_test_records

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "screening" / "kitchenham_240.csv"
TA = "title-abstract"


@pytest.fixture(scope="module")
def data():
    return load_labelled_csv(FIXTURE)


def test_queue_offers_colleagues_then_ranking_then_the_rest() -> None:
    pool = [1, 2, 3, 4, 5]
    out = queue(pool, [4, 9, 2], skip={1}, first=[5])
    assert out[:3] == [5, 4, 2]  # colleague first, then the ranking (9 is not in the pool)
    assert sorted(out) == [2, 3, 4, 5]


def test_step_skips_screened_and_says_when_done() -> None:
    rule = StoppingRule()
    s = step([1, 2, 3], [(2, True)], [2, 3, 1], rule)
    assert (s.next_id, s.source) == (3, "ranking")
    assert not s.verdict.safe_to_stop
    done = step([1, 2], [(1, True), (2, False)], [], rule)
    assert done.next_id is None and done.verdict.safe_to_stop


def _store_replay(data, seed: int, rule: StoppingRule) -> tuple[list[int], int | None, Store]:
    """Screen `data` through a store: decisions stored, rankings stored, the engine's step."""
    store = add_test_records(
        Store(":memory:"),
        [Record(title=t, abstract=a) for t, a in zip(data.titles, data.abstracts, strict=True)],
    )
    pool, _ = history(store, TA)
    assert len(pool) == len(data)  # nothing merged as a duplicate: ids follow rows
    row_of = {rid: row for row, rid in enumerate(pool)}
    id_of = dict(enumerate(pool))
    labels = data.labels.astype(int)
    model = make_model("elas-u4", random_state=seed)
    order: list[int] = []
    for row in draw_priors(labels, seed, 1, 1):
        record_decision(store, id_of[row], TA, "ann", "include" if labels[row] else "exclude")
        order.append(row)
    n_inc = int(labels.sum())
    next_refit, ranked, stopped = len(order), False, None
    while len(order) < len(data):
        found = int(labels[order].sum())
        if not ranked or (len(order) >= next_refit and found < n_inc):
            rank_and_store(store, TA, model=model)
            ranked, next_refit = True, len(order) + refit_every(len(order))
        if stopped is None and stop_verdict(store, TA, rule, detail=False).safe_to_stop:
            stopped = len(order)
        rid = next_record(store, TA, "ann", rule=rule)
        assert rid is not None
        row = row_of[rid]
        record_decision(store, rid, TA, "ann", "include" if labels[row] else "exclude")
        order.append(row)
    return order, stopped, store


@pytest.mark.parametrize("method", ["buscar", "random-sample"])
def test_store_and_replay_give_the_same_order_and_stop(data, method: str) -> None:
    rule = StoppingRule(method=method)
    replay = simulate(data, seed=0, model=make_model("elas-u4", random_state=0), rule=rule)
    order, stopped, _ = _store_replay(data, 0, rule)
    assert order == replay.order_rows
    assert stopped == replay.stopped_at
    if method == "buscar":
        assert stopped is not None and stopped < len(data)
        recall = data.labels[np.asarray(order[:stopped])].sum() / data.n_included
        assert recall >= 0.95


def test_stopping_on_the_rule_marks_the_rest_as_the_rules(data) -> None:
    rule = StoppingRule()
    store = add_test_records(
        Store(":memory:"),
        [Record(title=t, abstract=a) for t, a in zip(data.titles, data.abstracts, strict=True)],
    )
    pool, _ = history(store, TA)
    with pytest.raises(Exception, match="keep screening"):
        exclude_unscreened_by_rule(store, TA, rule)
    # Screen every included record first, then excluded ones until the rule says stop.
    labels = data.labels.astype(int)
    rows = [*np.flatnonzero(labels == 1), *np.flatnonzero(labels == 0)]
    for row in rows:
        if stop_verdict(store, TA, rule, detail=False).safe_to_stop:
            break
        record_decision(store, pool[row], TA, "ann", "include" if labels[row] else "exclude")
    verdict = stop_verdict(store, TA, rule)
    assert verdict.safe_to_stop and verdict.n_screened < len(pool)
    n = exclude_unscreened_by_rule(store, TA, rule)
    assert n == len(pool) - verdict.n_screened
    auto = current_decisions(store, TA, AUTOMATION_REVIEWER)
    assert len(auto) == n and all(d.label == "exclude" for d in auto)
    assert '"method": "buscar"' in (auto[0].note or "") and '"recall_target": 0.95' in auto[0].note
    # A second reviewer is not offered the rule's records as a colleague's.
    offered = next_record(store, TA, "bob")
    assert offered not in {d.record_id for d in auto}


def test_prisma_and_methods_name_the_rule_for_the_records_it_marked(data) -> None:
    from reviewkit.config import defaults
    from reviewkit.export.methods import methods_text
    from reviewkit.export.prisma import prisma_counts

    rule = StoppingRule()
    store = add_test_records(
        Store(":memory:"),
        [Record(title=t, abstract=a) for t, a in zip(data.titles, data.abstracts, strict=True)],
    )
    pool, _ = history(store, TA)
    labels = data.labels.astype(int)
    for row in [*np.flatnonzero(labels == 1), *np.flatnonzero(labels == 0)]:
        if stop_verdict(store, TA, rule, detail=False).safe_to_stop:
            break
        record_decision(store, pool[row], TA, "ann", "include" if labels[row] else "exclude")
    screened = stop_verdict(store, TA, rule).n_screened
    n = exclude_unscreened_by_rule(store, TA, rule)
    counts = prisma_counts(store)
    assert counts.automation == n and counts.screened == screened
    assert counts.excluded_screening == screened - data.n_included
    assert any("BUSCAR" in note and "recall target 0.95" in note for note in counts.notes)
    text = methods_text(store, defaults())
    assert "BUSCAR" in text and "recall target 95%, confidence 95%" in text
    assert f"{screened} of {len(pool)} records were screened" in text
    assert f"remaining {n} records were marked as ineligible by the rule" in text
