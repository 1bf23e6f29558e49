"""`enter` on an extracted value: edit it as JSON (or plain text)."""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

_UNSET = object()


def parse_value(text: str) -> Any:
    """The edited text as a value: JSON when it parses, else the text itself."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text.strip()


class EditValueDialog(ModalScreen[tuple[bool, Any]]):
    """Edit one value; dismisses with ``(True, value)`` on ctrl+s, ``(False, None)`` on escape.

    Args:
        field: the field's name, shown as the title.
        value: the current value.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, field: str, value: Any) -> None:
        super().__init__(classes="dialog")
        self.field = field
        self.value = value

    def compose(self) -> ComposeResult:
        text = (
            self.value
            if isinstance(self.value, str)
            else json.dumps(self.value, ensure_ascii=False, indent=2)
        )
        with Vertical(classes="dialog-box"):
            yield Label(f"Edit {self.field}", classes="dialog-title")
            yield TextArea(text, id="edit-value", soft_wrap=True)
            yield Label("ctrl+s: save · escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss((True, parse_value(self.query_one(TextArea).text)))

    def action_cancel(self) -> None:
        self.dismiss((False, None))
