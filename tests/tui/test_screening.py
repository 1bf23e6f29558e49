"""Every key of the screening screen, driven with Pilot, asserted on the store."""

from __future__ import annotations

import pytest

from reviewkit.config import load_config
from reviewkit.store.decisions import (
    current_decisions,
    decision_for,
    record_decision,
    save_ranking,
)
from reviewkit.tui.app import make_app
from reviewkit.tui.dialogs.help import HelpDialog
from reviewkit.tui.dialogs.keywords import KeywordsDialog
from reviewkit.tui.dialogs.lookup import LookupDialog
from reviewkit.tui.dialogs.prompt import ChoiceDialog, TextPrompt
from reviewkit.tui.screens.screening import ScreeningScreen
from reviewkit.tui.widgets.progress import ScreeningProgress
from reviewkit.tui.widgets.record_view import RecordView
from tests.tui.conftest import settle

pytestmark = pytest.mark.asyncio
SIZE = (110, 36)
TA = "title-abstract"


def mine(store, reviewer="alice"):
    return [(d.record_id, d.label) for d in current_decisions(store, TA, reviewer)]


def shown(app) -> int | None:
    return app.screen.query_one(RecordView).record_id


@pytest.fixture
def ranked(review):
    """The review with a stored ranking 1..30, so records come in id order."""
    store, config, folder = review
    save_ranking(store, TA, {"order": "test"}, 0, list(range(1, 31)), 0.0)
    return review


@pytest.fixture
def alice(ranked):
    """The ranked review's store and alice's app over it (no retraining)."""
    store, config, _ = ranked
    return store, make_app(store, config, reviewer="alice", retrain_every=0)


async def test_include_exclude_maybe_store_at_once_then_next(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ScreeningScreen) and shown(app) == 1
        await pilot.press("i")
        assert mine(store) == [(1, "include")] and shown(app) == 2
        await pilot.press("e")
        await pilot.press("m")
        assert mine(store) == [(1, "include"), (2, "exclude"), (3, "maybe")]
        assert shown(app) == 4
        progress = app.screen.query_one(ScreeningProgress)
        assert (progress.screened, progress.total, progress.included) == (3, 30, 1)
        assert progress.summary.startswith("3/30 screened · 1 included")


async def test_reason_key_excludes_with_the_chosen_reason(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # the second reason
        d = decision_for(store, 1, TA, "alice")
        assert d is not None and (d.label, d.reason) == ("exclude", "wrong intervention")
        assert shown(app) == 2
        await pilot.press("r", "3")  # number keys choose directly
        assert decision_for(store, 2, TA, "alice").reason == "wrong comparator"
        await pilot.press("r", "escape")  # cancelled: nothing stored
        assert decision_for(store, 3, TA, "alice") is None and shown(app) == 3


async def test_note_is_stored_with_the_decision(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"unclear", "enter")
        await pilot.press("i")
        assert decision_for(store, 1, TA, "alice").note == "unclear"
        await pilot.press("left", "n")  # a note on a decided record is stored at once
        await pilot.press("ctrl+u", *"sure", "enter")
        d = decision_for(store, 1, TA, "alice")
        assert (d.label, d.note) == ("include", "sure")


async def test_undo_withdraws_the_last_decision_and_shows_it(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "e")
        await pilot.press("u")
        assert mine(store) == [(1, "include")] and shown(app) == 2
        await pilot.press("u")
        assert mine(store) == [] and shown(app) == 1
        await pilot.press("u")  # nothing left: no error
        assert mine(store) == []


async def test_left_and_right_walk_the_records_without_deciding(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        assert shown(app) == 3
        await pilot.press("left")
        assert shown(app) == 2
        await pilot.press("left", "left")  # stops at the first record
        assert shown(app) == 1 and mine(store) == []


async def test_find_jumps_to_a_record(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"study 17)", "enter")
        await settle(app, pilot)
        await pilot.press("enter")
        assert shown(app) == 17
        await pilot.press("i")
        assert mine(store) == [(17, "include")]


async def test_help_lists_every_key(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        keys = {k for k, _ in app.screen.keys}
        assert {"i", "e", "m", "r", "n", "u", "←", "→", "/", "s", "c", "t", "k", "?", "q"} <= keys
        assert all(text for _, text in app.screen.keys)
        await pilot.press("escape")
        assert isinstance(app.screen, ScreeningScreen)


async def test_q_quits(alice) -> None:
    store, app = alice
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "q")
        await pilot.pause()
        assert not app.is_running
    assert mine(store) == [(1, "include")]


async def test_keywords_are_edited_and_saved_to_the_toml(review) -> None:
    store, config, folder = review
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        assert isinstance(app.screen, KeywordsDialog)
        # Typing adds to a list (focus selects nothing); tab moves on; enter saves.
        await pilot.press("ctrl+u", *"care, joint", "tab", *", cats")
        await pilot.press("enter")
        assert isinstance(app.screen, ScreeningScreen)
    saved = load_config(folder / "reviewkit.toml")
    assert saved["screening.include_keywords"] == ["care", "joint"]
    assert saved["screening.exclude_keywords"] == [
        *config.words("screening.exclude_keywords"),
        "cats",
    ]


async def test_enter_in_the_first_list_saves_both(review) -> None:
    store, config, folder = review
    app = make_app(store, config, reviewer="alice", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k", *", pooled budget*", "enter")
        assert isinstance(app.screen, ScreeningScreen)
    saved = load_config(folder / "reviewkit.toml")
    assert saved["screening.include_keywords"][-1] == "pooled budget*"
    assert saved["screening.exclude_keywords"] == config.words("screening.exclude_keywords")


async def test_reviewer_is_asked_at_first_start(ranked) -> None:
    store, config, _ = ranked
    record_decision(store, 1, TA, "bob", "exclude")
    app = make_app(store, config, retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.suggestions == ["bob"]
        await pilot.press(*"carol", "enter")
        assert isinstance(app.screen, ScreeningScreen) and app.reviewer == "carol"
        await pilot.press("i")
    assert mine(store, "carol") == [(1, "include")]


async def test_screening_is_blinded(ranked) -> None:
    store, config, _ = ranked
    record_decision(store, 1, TA, "alice", "include", note="alice's note")
    app = make_app(store, config, reviewer="bob", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = str(app.screen.query_one("#record-status").render())
        assert "none yet" in status and "include" not in status and "alice" not in status
        progress = app.screen.query_one(ScreeningProgress)
        assert (progress.screened, progress.included) == (0, 0)


async def test_retraining_runs_in_the_background_and_reorders_unseen_records(ranked) -> None:
    store, config, _ = ranked
    app = make_app(store, config, reviewer="alice", retrain_every=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "e", "e")
        assert shown(app) == 4  # the decision and the next record come first
        await settle(app, pilot)
        session = app.screen.session
        assert session.order[:4] == [1, 2, 3, 4]  # seen records keep their place
        assert sorted(session.order) == list(range(1, 31))
    rows = list(store.db.query("select n_labelled from rankings where stage = ?", [TA]))
    assert rows and rows[-1]["n_labelled"] >= 3
