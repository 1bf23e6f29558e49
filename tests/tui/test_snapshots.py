"""A few layout snapshots (pytest-textual-snapshot); behaviour is tested with Pilot elsewhere.

Update after an intended layout change with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and look at the SVGs in tests/tui/__snapshots__/ before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reviewkit.config import Config
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
from reviewkit.tui.app import make_app

from .conftest import settle

SIZE = (110, 32)
Review = tuple[Store, Config, Path]


def _app(review: Review, reviewer: str = "alice") -> Any:
    store, config, _ = review
    return make_app(store, config, reviewer=reviewer, retrain_every=0)


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)


def test_screening_layout(snap_compare: Callable[..., bool], review: Review) -> None:
    assert snap_compare(_app(review), terminal_size=SIZE, run_before=_settled)


def test_help_lists_every_key(snap_compare: Callable[..., bool], review: Review) -> None:
    assert snap_compare(
        _app(review), press=["question_mark"], terminal_size=SIZE, run_before=_settled
    )


def test_conflicts_side_by_side(snap_compare: Callable[..., bool], review: Review) -> None:
    store = review[0]
    record_decision(store, 1, "title-abstract", "alice", "include")
    record_decision(store, 1, "title-abstract", "bob", "exclude", reason="wrong population")
    assert snap_compare(_app(review, "bob"), press=["c"], terminal_size=SIZE, run_before=_settled)
