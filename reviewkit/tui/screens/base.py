"""What every screen of the app shares: `?` help, `q` quit, the app's typed handle."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.screen import Screen

from reviewkit.tui.dialogs.help import HelpDialog

if TYPE_CHECKING:
    from reviewkit.tui.app import ReviewApp


#: `[` and `]` for screens showing a `PageView`; the screen's `action_turn` turns it.
PAGE_BINDINGS = [
    Binding(
        "left_square_bracket",
        "turn(-1)",
        "Prev page",
        key_display="[",
        tooltip="Previous page of the document.",
    ),
    Binding(
        "right_square_bracket",
        "turn(1)",
        "Next page",
        key_display="]",
        tooltip="Next page of the document.",
    ),
]


class ReviewScreen(Screen[None]):
    """A screen whose `?` lists its own keys (each binding's tooltip explains it)."""

    HELP_TITLE = "reviewkit"
    BINDINGS = [
        Binding(
            "question_mark",
            "help",
            "Keys",
            key_display="?",
            tooltip="Every key of this screen, explained.",
        ),
        Binding("q", "quit", "Quit", tooltip="Quit reviewkit (every decision is already stored)."),
    ]

    @property
    def review(self) -> ReviewApp:
        """The app, typed."""
        return cast("ReviewApp", self.app)

    def key_rows(self) -> list[tuple[str, str]]:
        """(key, explanation) for every binding of this screen, most specific first."""
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for cls in type(self).__mro__:
            for binding in getattr(cls, "BINDINGS", []):
                if not isinstance(binding, Binding) or binding.key in seen:
                    continue
                seen.add(binding.key)
                key = binding.key_display or binding.key
                rows.append((key, binding.tooltip or binding.description))
        return rows

    def action_help(self) -> None:
        self.app.push_screen(HelpDialog(self.HELP_TITLE, self.key_rows()))

    async def action_quit(self) -> None:
        self.app.exit()
