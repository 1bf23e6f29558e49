"""Full-text screening: pages beside the proposed extractions; a / enter / x."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from reviewkit.document import Document, Evidence, Page
from reviewkit.store.decisions import current_decisions, record_decision
from reviewkit.store.documents import link_record, save_document
from reviewkit.store.extractions import add_proposals, current_values, history
from reviewkit.tui.app import make_app
from reviewkit.tui.dialogs.edit import EditValueDialog
from reviewkit.tui.screens.fulltext import FullTextScreen
from reviewkit.tui.widgets.page_view import PageView
from reviewkit.tui.widgets.record_view import RecordView
from reviewkit.tui.widgets.values import ValuesList
from tests.tui.conftest import settle

pytestmark = pytest.mark.asyncio
SIZE = (120, 40)
PAGE2 = "Methods.\n\nIntegration is defined as joint working. We interviewed 20 staff."


@dataclass
class Proposed:
    field: str
    value: Any
    evidence: list[Evidence] = field(default_factory=list)
    method: str = "test"
    confidence: float = 0.9


def evidence(quote: str) -> Evidence:
    start = PAGE2.index(quote)
    return Evidence(page=2, quote=quote, char_start=start, char_end=start + len(quote))


@pytest.fixture
def fulltext(review):
    """Records 2 and 5 included at title-abstract; record 5 has its full text and values."""
    store, config, folder = review
    for rid in (2, 5):
        record_decision(store, rid, "title-abstract", "alice", "include")
    record_decision(store, 6, "title-abstract", "alice", "exclude")
    doc = Document(
        sha256="f" * 64,
        path="study5.pdf",
        kind="pdf",
        title="Study five",
        pages=[Page(1, "Title page."), Page(2, PAGE2)],
    )
    save_document(store, doc)
    link_record(store, doc.sha256, 5)
    add_proposals(
        store,
        doc.sha256,
        "integration",
        [
            Proposed(
                "definitions",
                {"term": "integration", "definition": "joint working"},
                [evidence("Integration is defined as joint working.")],
            ),
            Proposed(
                "study_design", {"label": "qualitative"}, [evidence("We interviewed 20 staff.")]
            ),
            Proposed("outcome_reporting", {"label": "process-only"}, []),
        ],
    )
    return store, config, folder


async def open_record_5(app, pilot) -> FullTextScreen:
    screen = app.screen
    assert isinstance(screen, FullTextScreen)
    if screen.session.current_id != 5:
        await pilot.press("right")
    await settle(app, pilot)
    assert screen.query_one(RecordView).record_id == 5
    return screen


async def test_full_text_lists_included_records_and_shows_quotes_in_pages(fulltext) -> None:
    store, config, _ = fulltext
    app = make_app(store, config, reviewer="bob", stage="full-text", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_record_5(app, pilot)
        assert sorted(screen.session.order) == [2, 5]
        values = screen.query_one(ValuesList)
        assert [v.field for v in values.values] == [
            "definitions",
            "study_design",
            "outcome_reporting",
        ]
        view = screen.query_one(PageView)
        quote = evidence("Integration is defined as joint working.")
        assert view.page == 2 and view.spans == [(quote.char_start, quote.char_end)]
        await pilot.press("down")  # the study design's quote
        q2 = evidence("We interviewed 20 staff.")
        assert view.spans == [(q2.char_start, q2.char_end)]
        await pilot.press("left_square_bracket")
        assert view.page == 1


async def test_accept_reject_and_edit_are_stored_with_reviewer(fulltext) -> None:
    store, config, _ = fulltext
    app = make_app(store, config, reviewer="bob", stage="full-text", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_record_5(app, pilot)
        await pilot.press("a")  # accept the definition
        await pilot.press("down", "x")  # reject the design
        await pilot.press("down", "enter")  # edit the outcome reporting
        assert isinstance(app.screen, EditValueDialog)
        app.screen.query_one("TextArea").text = '{"label": "outcomes"}'
        await pilot.press("ctrl+s")
        assert app.screen is screen
        fields = [v.field for v in screen.query_one(ValuesList).values]
        assert fields == ["definitions", "study_design", "outcome_reporting"]  # order kept
    current = {v.field: v for v in current_values(store)}
    assert (current["definitions"].status, current["definitions"].reviewer) == ("accepted", "bob")
    assert current["study_design"].status == "rejected"
    assert current["outcome_reporting"].status == "edited"
    assert current["outcome_reporting"].value == {"label": "outcomes"}
    assert all(row.at for row in history(store))


async def test_full_text_decisions_use_the_full_text_stage(fulltext) -> None:
    store, config, _ = fulltext
    app = make_app(store, config, reviewer="bob", stage="full-text", retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        first, second = screen.session.order
        await settle(app, pilot)
        has_text = screen.query_one(PageView).document is not None
        assert has_text == (first == 5)  # record 2 has no full text ingested
        await pilot.press("i")
        assert screen.query_one(RecordView).record_id == second
        await pilot.press("e")
    assert [(d.record_id, d.label) for d in current_decisions(store, "full-text", "bob")] == [
        (first, "include"),
        (second, "exclude"),
    ]
    assert current_decisions(store, "title-abstract", "bob") == []
