"""`d`: possible duplicates side by side; merge, keep apart or skip each pair (all undoable)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Static

from reviewkit.errors import ReviewkitError
from reviewkit.store.duplicates import (
    PossiblePair,
    identifiers,
    keep_apart,
    merge_records,
    possible_pairs,
    unmerge_record,
)
from reviewkit.store.records import get_record
from reviewkit.tui.screens.base import ReviewScreen
from reviewkit.tui.widgets.record_view import RecordView


class DuplicatesScreen(ReviewScreen):
    """The open possible-duplicate pairs, one at a time: the kept record left, the other right.

    Attributes:
        changed: whether anything was merged or unmerged (the screening order
            must then be read again).
    """

    CSS_PATH = "duplicates.tcss"
    HELP_TITLE = "possible duplicates"
    BINDINGS = [
        Binding("m", "merge", "Merge", tooltip="Merge the right record into the left one."),
        Binding("w", "swap", "Swap", tooltip="Swap sides: keep the right record instead."),
        Binding("a", "keep_apart", "Keep apart", tooltip="Two works: take the pair off the queue."),
        Binding("s", "skip(1)", "Skip", tooltip="Leave this pair for later; show the next."),
        Binding("right", "skip(1)", "Next", key_display="→", tooltip="Next pair."),
        Binding("left", "skip(-1)", "Prev", key_display="←", tooltip="Previous pair."),
        Binding("u", "undo", "Undo", tooltip="Undo your last merge or keep-apart here."),
        Binding("escape", "back", "Back", tooltip="Back to screening."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[PossiblePair] = []
        self.pos = 0
        self.swapped = False
        self.changed = False
        # (kind, kept, other) of each action taken here, for `u`
        self.done: list[tuple[str, int, int]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dup-status", markup=False)
        with Horizontal(id="dup-pair"):
            yield RecordView(id="dup-left")
            yield RecordView(id="dup-right")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: tuple[int, int] | None = None) -> None:
        """Read the open pairs again; show `keep` (a pair of record ids) if still open."""
        self.pairs = possible_pairs(self.review.store)
        keys = [frozenset((p.record_id, p.other_id)) for p in self.pairs]
        if keep is not None and frozenset(keep) in keys:
            self.pos = keys.index(frozenset(keep))
        self.pos = min(self.pos, max(len(self.pairs) - 1, 0))
        self.swapped = False
        self.show_pair()

    @property
    def selected(self) -> tuple[int, int] | None:
        """(kept, other) of the pair shown, or None when the queue is empty."""
        if not self.pairs:
            return None
        p = self.pairs[self.pos]
        return (p.record_id, p.other_id) if self.swapped else (p.other_id, p.record_id)

    def show_pair(self) -> None:
        """Show the current pair side by side (attributes down to the two views)."""
        app = self.review
        left, right = (
            self.query_one("#dup-left", RecordView),
            self.query_one("#dup-right", RecordView),
        )
        status = self.query_one("#dup-status", Static)
        pair = self.selected
        if pair is None:
            status.update(Text("No possible duplicates to decide.", style="bold"))
            left.show(None, [], [])
            right.show(None, [], [])
            return
        p = self.pairs[self.pos]
        line = Text(f"pair {self.pos + 1} of {len(self.pairs)}", style="bold")
        line.append(f" · {p.why} · title similarity {p.score:.0f}")
        line.append("\nm merge right into left · w swap · a keep apart · s skip · u undo", "dim")
        status.update(line)
        include = app.config.words("screening.include_keywords")
        exclude = app.config.words("screening.exclude_keywords")
        for view, rid, role in ((left, pair[0], "kept"), (right, pair[1], "merged into the left")):
            view.show(
                get_record(app.store, rid),
                include,
                exclude,
                Text(f"record {rid} · {role} on m", style="bold"),
                ids=identifiers(app.store, rid),
            )

    def _act(self, kind: str) -> None:
        pair = self.selected
        if pair is None:
            self.app.bell()
            return
        kept, other = pair
        reviewer = self.review.reviewer or ""
        try:
            if kind == "merge":
                action = merge_records(self.review.store, kept, other, reviewer=reviewer)
                self.changed = True
            else:
                action = keep_apart(self.review.store, kept, other, reviewer=reviewer)
        except ReviewkitError as exc:
            self.notify(str(exc), severity="error")
            return
        self.done.append((kind, kept, other))
        self.notify(action.note)
        self.reload()

    def action_merge(self) -> None:
        self._act("merge")

    def action_keep_apart(self) -> None:
        self._act("keep-apart")

    def action_swap(self) -> None:
        self.swapped = not self.swapped
        self.show_pair()

    def action_skip(self, step: int) -> None:
        new = self.pos + step
        if not self.pairs or not 0 <= new < len(self.pairs):
            self.app.bell()
            return
        self.pos, self.swapped = new, False
        self.show_pair()

    def action_undo(self) -> None:
        if not self.done:
            self.notify("Nothing to undo.")
            return
        kind, kept, other = self.done.pop()
        reviewer = self.review.reviewer or ""
        try:
            if kind == "merge":
                action = unmerge_record(self.review.store, other, reviewer=reviewer)
                self.changed = True
            else:
                action = keep_apart(self.review.store, kept, other, reviewer=reviewer, undo=True)
        except ReviewkitError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(action.note)
        self.reload(keep=(kept, other))

    def action_back(self) -> None:
        self.dismiss(None)
