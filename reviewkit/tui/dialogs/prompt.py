"""Small dialogs: ask for a line of text, or pick one of a few choices."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with it, or None on escape.

    Args:
        title: the question.
        value: the text the input starts with.
        placeholder: a hint shown in the empty input.
        suggestions: earlier answers offered below the input (e.g. known reviewers).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        suggestions: Sequence[str] = (),
        allow_empty: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.suggestions = list(suggestions)
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            if self.suggestions:
                yield Label("or pick:", classes="dialog-hint")
                yield OptionList(*self.suggestions, id="prompt-suggestions")
            yield Label("enter: OK · escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text or self.allow_empty:
            self.dismiss(text)

    @on(OptionList.OptionSelected, "#prompt-suggestions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.prompt))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of `choices` (up/down, enter, or its number key); None on escape.

    Args:
        title: what is being chosen.
        choices: ``(id, label)`` pairs; the dialog dismisses with the chosen id.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(
                *(
                    Option(f"{n}. {label}" if n < 10 else label, id=key)
                    for n, (key, label) in enumerate(self.choices, start=1)
                ),
                id="choices",
            )
            yield Label("enter or 1-9: choose · escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.choices:
            options.highlighted = 0

    def on_key(self, event: object) -> None:
        key = getattr(event, "character", None)
        if key and key.isdigit() and 1 <= int(key) <= min(9, len(self.choices)):
            self.dismiss(self.choices[int(key) - 1][0])

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
