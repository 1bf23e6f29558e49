"""`k`: edit the include and exclude keyword lists kept in reviewkit.toml."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

KeywordLists = tuple[list[str], list[str]]


def split_keywords(text: str) -> list[str]:
    """Comma-separated keywords as a list, blanks and repeats dropped."""
    out: list[str] = []
    for word in text.split(","):
        word = word.strip()
        if word and word not in out:
            out.append(word)
    return out


class KeywordsDialog(ModalScreen[KeywordLists | None]):
    """Two comma-separated lists; enter in either input (or ctrl+s) saves.

    Focus never selects an input's text, so typing adds to a list instead of
    replacing it; tab moves between the two.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, include: Sequence[str], exclude: Sequence[str]) -> None:
        super().__init__(classes="dialog")
        self.include = list(include)
        self.exclude = list(exclude)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(
                "Keywords (whole words, comma-separated; end one with * for a stem)",
                classes="dialog-title",
            )
            yield Label("Include (green):")
            yield Input(", ".join(self.include), id="include-keywords", select_on_focus=False)
            yield Label("Exclude (red):")
            yield Input(", ".join(self.exclude), id="exclude-keywords", select_on_focus=False)
            yield Label(
                "enter/ctrl+s: save to reviewkit.toml · tab: next list · escape: cancel",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#include-keywords", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss(
            (
                split_keywords(self.query_one("#include-keywords", Input).value),
                split_keywords(self.query_one("#exclude-keywords", Input).value),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
