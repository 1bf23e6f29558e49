"""A query box whose results are looked up in a worker thread: find and search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reviewkit.errors import ReviewkitError
from reviewkit.store.db import Store

if TYPE_CHECKING:
    from reviewkit.tui.app import ReviewApp

#: Runs in a worker with the worker's own Store: (store, query) -> [(payload, label)].
Lookup = Callable[[Store, str], Sequence[tuple[Any, str]]]


class LookupDialog(ModalScreen[Any]):
    """Type a query, enter; pick a result (up/down, enter). Dismisses with its payload.

    Args:
        title: what is looked up.
        lookup: the slow part, run in a thread with its own Store.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Found(Message):
        """Results of one query, posted by the worker."""

        def __init__(self, query: str, results: Sequence[tuple[Any, str]], error: str = "") -> None:
            super().__init__()
            self.query = query
            self.results = list(results)
            self.error = error

    def __init__(self, title: str, lookup: Lookup) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.lookup = lookup
        self.results: list[tuple[Any, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box lookup-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(id="lookup-input")
            yield Label(
                "enter: look up · escape: cancel",
                id="lookup-status",
                markup=False,
                classes="dialog-hint",
            )
            yield OptionList(id="lookup-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.query_one("#lookup-status", Label).update("looking up…")
            self.run_lookup(event.value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_lookup(self, query: str) -> None:
        """Run the lookup in a worker thread (its own store connection); post what it found."""
        app = cast("ReviewApp", self.app)
        try:
            with app.open_store() as store:
                results = self.lookup(store, query)
        except (ReviewkitError, ValueError, OSError) as exc:
            self.post_message(self.Found(query, [], str(exc)))
            return
        self.post_message(self.Found(query, results))

    @on(Found)
    def _found(self, message: Found) -> None:
        self.results = message.results
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(label, id=str(n)) for n, (_, label) in enumerate(self.results))
        status = message.error or (
            f"{len(self.results)} found for “{message.query}” · up/down, enter: open"
            if self.results
            else f"nothing found for “{message.query}”"
        )
        self.query_one("#lookup-status", Label).update(status)
        if self.results:
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.results[int(event.option.id or 0)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
