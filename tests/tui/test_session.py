"""The screening order and navigation, without Textual."""

from __future__ import annotations

from reviewkit.screen.order import fixed_order
from reviewkit.store.decisions import current_decisions, record_decision, save_ranking
from reviewkit.tui.session import FULL_TEXT, ScreeningSession, find_records

TA = "title-abstract"


def test_new_review_starts_every_reviewer_on_the_same_record(review) -> None:
    store, _, _ = review
    alice = ScreeningSession(store, "alice")
    bob = ScreeningSession(store, "bob")
    assert alice.order == bob.order == fixed_order(TA, range(1, 31))
    assert alice.current_id == bob.current_id
    assert alice.total == 30 and alice.screened == 0


def test_records_a_colleague_screened_come_first(review) -> None:
    store, _, _ = review
    record_decision(store, 17, TA, "alice", "include")
    record_decision(store, 4, TA, "alice", "exclude")
    record_decision(store, 4, TA, "bob", "exclude")
    bob = ScreeningSession(store, "bob")
    assert bob.order[:2] == [4, 17] and bob.current_id == 17


def test_the_models_ranking_orders_undecided_records(review) -> None:
    store, _, _ = review
    record_decision(store, 5, TA, "alice", "include")
    save_ranking(store, "title-abstract", {}, 1, [9, 5, 3] + list(range(30, 0, -1)), 0.0)
    s = ScreeningSession(store, "alice")
    assert s.order[:4] == [5, 9, 3, 30]  # own decided first, then the ranking
    assert s.current_id == 9


def test_a_new_ranking_reorders_only_records_not_yet_seen(review) -> None:
    store, _, _ = review
    save_ranking(store, TA, {}, 0, list(range(1, 31)), 0.0)
    s = ScreeningSession(store, "alice")
    s.move(1)
    s.move(1)  # records 1, 2, 3 have been seen
    moved = s.apply_ranking([30, 29, 1, 2])
    assert moved == 27
    assert s.order[:5] == [1, 2, 3, 30, 29]
    assert s.current_id == 3


def test_decide_undo_and_notes(review) -> None:
    store, _, _ = review
    save_ranking(store, TA, {}, 0, list(range(1, 31)), 0.0)
    s = ScreeningSession(store, "alice")
    assert s.set_note("check the methods") is False  # kept for the decision
    s.decide("exclude", reason="wrong population")
    d = current_decisions(store, TA, "alice")[0]
    assert (d.record_id, d.label, d.reason, d.note) == (
        1,
        "exclude",
        "wrong population",
        "check the methods",
    )
    s.move(1)
    assert s.undo() == 1 and s.current_id == 1 and s.screened == 0
    assert current_decisions(store, TA, "alice") == []
    assert s.undo() is None


def test_go_to_brings_an_unseen_record_to_the_frontier(review) -> None:
    store, _, _ = review
    s = ScreeningSession(store, "alice")
    first = s.current_id
    assert s.go_to(20)
    assert s.order[:2] == [first, 20] and s.current_id == 20
    assert not s.go_to(999)


def test_full_text_stage_holds_the_records_included_at_title_abstract(review) -> None:
    store, _, _ = review
    for rid, label in ((2, "include"), (3, "exclude"), (7, "include"), (9, "maybe")):
        record_decision(store, rid, TA, "alice", label)
    assert sorted(ScreeningSession(store, "alice", FULL_TEXT).order) == [2, 7, 9]


def test_find_records_by_id_and_words(review) -> None:
    store, _, _ = review
    wanted = set(range(1, 31))
    assert [rid for rid, _ in find_records(store, "12", wanted)] == [12]
    found = find_records(store, "mice study 3", wanted)
    assert [rid for rid, _ in found] == [3]
    assert find_records(store, "author7,", {1, 2}) == []
