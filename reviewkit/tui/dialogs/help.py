"""`?`: every key of the screen it was opened from, explained."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpDialog(ModalScreen[None]):
    """A table of keys and what they do; any of escape, q, ? closes it.

    Args:
        title: the screen the keys belong to.
        keys: ``(key, explanation)`` rows.
    """

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close"),
        Binding("q", "close", "Close"),
    ]

    def __init__(self, title: str, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, text in self.keys:
            table.add_row(key, text)
        with VerticalScroll(classes="dialog-box"):
            yield Label(f"Keys: {self.title_text}", classes="dialog-title")
            yield Static(table, id="help-table")
            yield Label("escape or ?: close", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
