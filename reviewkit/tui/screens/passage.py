"""`s`: search the review and read the passage found, in its page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header

from reviewkit.document import Document
from reviewkit.store.db import Store
from reviewkit.store.documents import load_document
from reviewkit.tui import backend
from reviewkit.tui.dialogs.lookup import LookupDialog
from reviewkit.tui.screens.base import PAGE_BINDINGS, ReviewScreen
from reviewkit.tui.widgets.page_view import PageView


def search_lookup(k: int) -> Any:
    """A LookupDialog lookup running the review's hybrid search."""

    def lookup(store: Store, query: str) -> Sequence[tuple[Any, str]]:
        hits = backend.search(store, query, k)
        return [
            (
                hit,
                f"{hit.title or hit.doc_sha256[:8]} · p. {hit.page}: "
                f"{' '.join(hit.text.split())[:120]}",
            )
            for hit in hits
        ]

    return lookup


def open_search(screen: ReviewScreen) -> None:
    """Ask for a query; open the chosen passage in a :class:`PassageScreen`."""

    def chosen(hit: Any) -> None:
        if hit is not None:
            screen.app.push_screen(
                PassageScreen(hit.doc_sha256, hit.page, [(hit.char_start, hit.char_end)])
            )

    k = screen.review.config.integer("search.k")
    screen.app.push_screen(LookupDialog("Search the full texts", search_lookup(k)), chosen)


class PassageScreen(ReviewScreen):
    """A document opened at a page, with a passage highlighted; escape goes back."""

    CSS_PATH = "passage.tcss"
    HELP_TITLE = "passage"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to where you were."),
        *PAGE_BINDINGS,
        Binding("s", "search", "Search", tooltip="Search again."),
    ]

    class Loaded(Message):
        """Posted by `load` with the document read (None when it is not in the review)."""

        def __init__(self, document: Document | None) -> None:
            super().__init__()
            self.document = document

    def __init__(self, doc_sha256: str, page: int, spans: Sequence[tuple[int, int]]) -> None:
        super().__init__()
        self.doc_sha256 = doc_sha256
        self.page = page
        self.spans = list(spans)

    def compose(self) -> ComposeResult:
        yield Header()
        yield PageView(id="passage-page")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        """Read the document in a worker thread (its own store connection)."""
        with self.review.open_store() as store:
            document = load_document(store, self.doc_sha256)
        self.post_message(self.Loaded(document))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.query_one(PageView).show(
            message.document, self.page, self.spans, empty="Document not found in the review."
        )

    def action_turn(self, step: int) -> None:
        if not self.query_one(PageView).turn(step):
            self.app.bell()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_search(self) -> None:
        open_search(self)
