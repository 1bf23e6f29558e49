"""Conflicts, statistics and search screens, driven with Pilot."""

from __future__ import annotations

import pytest

from reviewkit.document import Document, Page
from reviewkit.search.query import Hit
from reviewkit.store.decisions import conflicts, final_labels, record_decision
from reviewkit.store.documents import save_document
from reviewkit.tui import backend
from reviewkit.tui.app import make_app
from reviewkit.tui.dialogs.lookup import LookupDialog
from reviewkit.tui.screens.conflicts import ConflictsScreen
from reviewkit.tui.screens.passage import PassageScreen
from reviewkit.tui.screens.screening import ScreeningScreen
from reviewkit.tui.screens.stats import StatsScreen
from reviewkit.tui.widgets.page_view import PageView
from tests.tui.conftest import settle

pytestmark = pytest.mark.asyncio
SIZE = (110, 36)
TA = "title-abstract"


def disagree(store) -> None:
    """alice and bob disagree on records 1 and 2, agree on 3; carol only screened 4."""
    for rid, a, b in (
        (1, "include", "exclude"),
        (2, "maybe", "exclude"),
        (3, "include", "include"),
    ):
        record_decision(store, rid, TA, "alice", a, reason=None, note=f"alice on {rid}")
        record_decision(
            store, rid, TA, "bob", b, reason="wrong population" if b == "exclude" else None
        )
    record_decision(store, 4, TA, "carol", "include")


async def test_conflicts_side_by_side_and_resolved_with_the_resolver(review) -> None:
    store, config, _ = review
    disagree(store)
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        assert [c.record_id for c in screen.conflicts] == [1, 2]
        side_by_side = screen.query_one("#conflict-labels").render()
        assert side_by_side is not None
        await pilot.press("i")  # resolve record 1: include
        assert screen.selected.record_id == 2  # on to the next unresolved
        await pilot.press("e")
        await pilot.press("escape")
        assert isinstance(app.screen, ScreeningScreen)
    resolved = {c.record_id: c.resolved for c in conflicts(store, TA)}
    assert resolved[1].label == "include" and resolved[1].reviewer == "alice"
    assert resolved[2].label == "exclude"
    assert final_labels(store, TA) == {1: "include", 2: "exclude", 3: "include", 4: "include"}


async def test_conflicts_stay_blinded_for_a_reviewer_who_has_not_screened_them(review) -> None:
    store, config, _ = review
    disagree(store)
    app = make_app(store, config, reviewer="carol", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert app.screen.conflicts == []  # carol screens, and decided neither record
    arbiter = make_app(store, config, reviewer="dana", retrain_every=0)
    async with arbiter.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert [c.record_id for c in arbiter.screen.conflicts] == [1, 2]


async def test_stats_show_counts_kappa_and_inclusion_rate(review) -> None:
    store, config, _ = review
    disagree(store)
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        await settle(app, pilot)
        status = app.screen.status
        assert status is not None
        stage = status.stages[TA]
        assert stage.screened == 4 and stage.conflicts == 2
        assert stage.kappa is not None
        assert set(status.reviewers) == {"alice", "bob", "carol"}
        await pilot.press("escape")
        assert isinstance(app.screen, ScreeningScreen)


async def test_search_jumps_to_the_passage_in_its_page(review, monkeypatch) -> None:
    store, config, _ = review
    text = "Intro text.\n\nIntegration is defined as joint working across sectors."
    doc = Document(
        sha256="d" * 64,
        path="paper.pdf",
        kind="text",
        title="A paper",
        pages=[Page(1, "first page"), Page(2, text)],
    )
    save_document(store, doc)
    start = text.index("Integration")

    hit = Hit(
        doc_sha256=doc.sha256,
        title="A paper",
        page=2,
        text=text[start:],
        score=1.0,
        char_start=start,
        char_end=len(text),
    )
    seen = {}

    def fake_search(store, query, k):
        seen["query"], seen["k"], seen["store"] = query, k, store
        return [hit]

    monkeypatch.setattr(backend, "search", fake_search)
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"joint working", "enter")
        await settle(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, PassageScreen)
        await settle(app, pilot)
        view = app.screen.query_one(PageView)
        assert view.page == 2 and view.spans == [(start, len(text))]
        await pilot.press("left_square_bracket")
        assert view.page == 1
        await pilot.press("escape")
        assert isinstance(app.screen, ScreeningScreen)
    assert seen["query"] == "joint working" and seen["k"] == config["search.k"]
    assert seen["store"] is not store  # the worker opened its own connection
