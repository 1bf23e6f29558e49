"""Full-text screening: the document's pages beside its proposed extractions."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, OptionList

from reviewkit.document import Document
from reviewkit.store.documents import current_documents, load_document
from reviewkit.store.extractions import StoredValue, current_values, review_value
from reviewkit.tui.dialogs.edit import EditValueDialog
from reviewkit.tui.screens.base import PAGE_BINDINGS
from reviewkit.tui.screens.screening import ScreeningScreen
from reviewkit.tui.widgets.page_view import PageView
from reviewkit.tui.widgets.record_view import RecordView
from reviewkit.tui.widgets.values import ValuesList


class FullTextScreen(ScreeningScreen):
    """Screen the records included at title-abstract, reading their full text.

    i / e / m decide the record at the full-text stage as on the screening
    screen; a / enter / x accept, edit or reject the highlighted extraction.
    """

    CSS_PATH = ["screening.tcss", "fulltext.tcss"]
    HELP_TITLE = "full-text screening"
    BINDINGS = [
        Binding(
            "a",
            "review_value('accepted')",
            "Accept",
            tooltip="Accept the highlighted extracted value (stored with your name).",
        ),
        Binding("enter", "edit_value", "Edit", tooltip="Edit the highlighted extracted value."),
        Binding(
            "x",
            "review_value('rejected')",
            "Reject",
            tooltip="Reject the highlighted extracted value.",
        ),
        *PAGE_BINDINGS,
    ]

    class DocumentLoaded(Message):
        """A worker read the current record's document and its extractions."""

        def __init__(
            self, record_id: int, document: Document | None, values: list[StoredValue]
        ) -> None:
            super().__init__()
            self.record_id = record_id
            self.document = document
            self.values = values

    def __init__(self) -> None:
        super().__init__()
        self.documents: dict[int, str] = {}
        self.loaded_for: int | None = None

    def compose_body(self) -> ComposeResult:
        yield RecordView(id="record")
        with Horizontal(id="fulltext"):
            yield PageView(id="page")
            with Vertical(id="values-pane"):
                yield Label(
                    "Extracted values · a accept · enter edit · x reject", id="values-title"
                )
                yield ValuesList(id="values")

    def on_mount(self) -> None:
        for row in current_documents(self.review.store):
            if row.record_id is not None:
                self.documents.setdefault(row.record_id, row.sha256)
        super().on_mount()
        self.query_one(ValuesList).focus()

    def show_current(self) -> None:
        """Show the current record, and load its document and extracted values when it changed."""
        super().show_current()
        rid = self._session.current_id
        if rid == self.loaded_for:
            return
        self.loaded_for = rid
        sha = self.documents.get(rid) if rid is not None else None
        if sha is None:
            self.query_one(PageView).show(None)
            self.query_one(ValuesList).set_values([])
            return
        self.query_one(PageView).show(None, empty="Opening the full text…")
        self.load_document(rid, sha)

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def load_document(self, record_id: int, sha256: str) -> None:
        """Read the document and its current values with the worker's own Store."""
        with self.review.open_store() as store:
            document = load_document(store, sha256)
            values = current_values(store, doc_sha256=sha256)
        self.post_message(self.DocumentLoaded(record_id, document, values))

    @on(DocumentLoaded)
    def _loaded(self, message: DocumentLoaded) -> None:
        if message.record_id != self._session.current_id:
            return  # the reviewer has moved on
        self.query_one(PageView).document = message.document
        self.query_one(ValuesList).set_values(message.values)
        self.show_value()

    @on(OptionList.OptionHighlighted, "#values")
    def show_value(self) -> None:
        """Show the highlighted value's quotes in their page."""
        view = self.query_one(PageView)
        value = self.query_one(ValuesList).selected
        if view.document is None:
            return
        if value is None or not value.evidence:
            view.show(view.document, view.page)
            return
        page = value.evidence[0].page
        spans = [(e.char_start, e.char_end) for e in value.evidence if e.page == page]
        view.show(view.document, page, spans)

    def action_turn(self, step: int) -> None:
        if not self.query_one(PageView).turn(step):
            self.app.bell()

    def action_review_value(self, status: str, value: Any = None) -> None:
        values = self.query_one(ValuesList)
        current = values.selected
        app = self.review
        if current is None or app.reviewer is None:
            self.app.bell()
            return
        try:
            review_value(app.store, current.id, status, app.reviewer, value=value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
        # The new row replaces the one acted on, in its place in the list.
        fresh = current_values(app.store, doc_sha256=current.doc_sha256)
        successor = {v.supersedes: v for v in fresh if v.supersedes is not None}
        values.set_values([successor.get(v.id, v) for v in values.values], values.highlighted)
        self.show_value()

    @on(OptionList.OptionSelected, "#values")
    def action_edit_value(self) -> None:
        current = self.query_one(ValuesList).selected
        if current is None:
            self.app.bell()
            return

        def edited(result: tuple[bool, Any] | None) -> None:
            if result is not None and result[0]:
                self.action_review_value("edited", result[1])

        self.app.push_screen(EditValueDialog(current.field, current.value), edited)
