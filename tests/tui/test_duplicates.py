"""Possible duplicates side by side (`d`), and identifiers on the record being screened."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store.decisions import decision_for, record_decision
from reviewkit.store.duplicates import duplicate_actions, possible_pairs
from reviewkit.store.records import add_records, record_ids
from reviewkit.tui.app import make_app
from reviewkit.tui.screens.duplicates import DuplicatesScreen
from reviewkit.tui.screens.screening import ScreeningScreen
from reviewkit.tui.widgets.record_view import RecordView
from tests.tui.conftest import make_records

pytestmark = pytest.mark.asyncio
SIZE = (140, 40)
TA = "title-abstract"


def _add_the_1998_copy(store) -> None:  # type: ignore[no-untyped-def]
    """Record 31: record 1 again, a year later, from PubMed (PMID, PMCID, no DOI)."""
    first = make_records(1)[0]
    copy = replace(first, year=first.year + 1, doi="", source_key="31", raw={"PMID": ["555"]})
    copy.url = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC777/"
    result = add_records(
        store, [copy], path="pubmed.nbib", source="pubmed", fmt="medline", finder=DuplicateIndex()
    )
    assert (result.n_duplicates, result.n_possible) == (0, 1)


def _text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


async def test_the_record_view_shows_its_identifiers(review) -> None:
    store, config, _ = review
    _add_the_1998_copy(store)
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ScreeningScreen)
        assert screen.session is not None and screen.session.go_to(31)
        screen.show_current()
        await pilot.pause()
        meta = _text(screen, "#record-meta")
        assert "PMID 555" in meta and "PMCID PMC777" in meta and "source id 31" in meta
        assert screen.session.go_to(1)
        screen.show_current()
        await pilot.pause()
        assert "DOI 10.1000/test.1" in _text(screen, "#record-meta")


async def test_pairs_side_by_side_merged_kept_apart_skipped_and_undone(review) -> None:
    store, config, _ = review
    _add_the_1998_copy(store)
    # a second pair: record 2's title reworded (90% alike), same author and year
    title = "Joint commissioning in community mental health care services: a review (study 2)"
    second = replace(make_records(2)[1], doi="", title=title)
    add_records(store, [second], path="b.ris", source="b", fmt="ris", finder=DuplicateIndex())
    assert len(possible_pairs(store)) == 2
    record_decision(store, 31, TA, "bob", "include")
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        left = screen.query_one("#dup-left", RecordView)
        right = screen.query_one("#dup-right", RecordView)
        assert (left.record_id, right.record_id) == (1, 31)
        assert "years 2001 and 2000" in _text(screen, "#dup-status")
        assert "PMID 555" in _text(screen, "#dup-right #record-meta")
        await pilot.press("s")  # skip to the other pair, then back
        assert (left.record_id, right.record_id) == (2, 32)
        await pilot.press("left")
        await pilot.press("m")  # merge 31 into 1
        await pilot.pause()
        assert 31 not in record_ids(store)
        assert decision_for(store, 1, TA, "bob").label == "include"  # carried over
        assert (left.record_id, right.record_id) == (2, 32)
        await pilot.press("w", "a")  # swap sides, then keep the pair apart
        assert screen.pairs == []
        assert "No possible duplicates" in _text(screen, "#dup-status")
        await pilot.press("u", "u")  # undo the keep-apart, then the merge
        await pilot.pause()
        assert 31 in record_ids(store) and decision_for(store, 1, TA, "bob") is None
        assert (left.record_id, right.record_id) == (1, 31)
        await pilot.press("escape")
        assert isinstance(app.screen, ScreeningScreen)
    kinds = [(a.kind, a.reviewer) for a in duplicate_actions(store)]
    assert kinds == [
        ("merge", "alice"),
        ("keep-apart", "alice"),
        ("undo-keep-apart", "alice"),
        ("unmerge", "alice"),
    ]


async def test_a_huge_title_is_shown_shortened_and_kept_whole(review) -> None:
    store, config, _ = review
    title = "Integrated care " * 2_000
    add_records(
        store,
        [replace(make_records(1)[0], title=title, doi="", year=1950)],
        path="c.ris",
        source="c",
        fmt="ris",
    )
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ScreeningScreen) and screen.session is not None
        assert screen.session.go_to(31)
        screen.show_current()
        await pilot.pause()
        shown = _text(screen, "#record-title")
        assert "more characters not shown; the record keeps them]" in shown
        assert len(shown) < 1_200
    assert store.db.execute("select length(title) from records where id = 31").fetchone() == (
        len(title),
    )
