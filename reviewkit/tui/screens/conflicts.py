"""`c`: records where reviewers disagree, side by side, resolved with a final decision."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from reviewkit.errors import ReviewkitError
from reviewkit.store.decisions import (
    Conflict,
    conflicts,
    current_decisions,
    decision_for,
    resolve_conflict,
)
from reviewkit.store.duplicates import identifiers
from reviewkit.store.records import get_record
from reviewkit.tui.highlight import LABEL_STYLES
from reviewkit.tui.screens.base import ReviewScreen
from reviewkit.tui.widgets.record_view import RecordView


def visible_conflicts(
    all_conflicts: list[Conflict], reviewer: str, *, screens: bool
) -> list[Conflict]:
    """The conflicts `reviewer` may see without breaking blinding.

    A reviewer who screens at this stage sees only the conflicts on records
    they have decided themselves; a reviewer with no decisions at the stage
    (an arbiter) sees them all.
    """
    if not screens:
        return list(all_conflicts)
    return [c for c in all_conflicts if reviewer in c.labels]


class ConflictsScreen(ReviewScreen):
    """Conflicts on the left; the record and each reviewer's decision on the right."""

    CSS_PATH = "conflicts.tcss"
    HELP_TITLE = "conflicts"
    BINDINGS = [
        Binding(
            "i",
            "resolve('include')",
            "Include",
            tooltip="Resolve the selected conflict: include (stored with your name).",
        ),
        Binding(
            "e",
            "resolve('exclude')",
            "Exclude",
            tooltip="Resolve the selected conflict: exclude (stored with your name).",
        ),
        Binding("m", "resolve('maybe')", "Maybe", tooltip="Resolve the selected conflict: maybe."),
        Binding("escape", "back", "Back", tooltip="Back to screening."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[Conflict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="conflict-list")
            with Vertical(id="conflict-detail"):
                yield RecordView(id="conflict-record")
                yield Static(id="conflict-labels", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @property
    def selected(self) -> Conflict | None:
        """The highlighted conflict, or None when there are none."""
        index = self.query_one(OptionList).highlighted
        return self.conflicts[index] if index is not None and self.conflicts else None

    def reload(self, keep: int | None = None) -> None:
        """Read the conflicts again and select `keep` (a record id) or the first."""
        app = self.review
        assert app.reviewer is not None
        screens = bool(current_decisions(app.store, app.stage, app.reviewer))
        self.conflicts = visible_conflicts(
            conflicts(app.store, app.stage), app.reviewer, screens=screens
        )
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(self._line(c), id=str(c.record_id)) for c in self.conflicts)
        if not self.conflicts:
            self.query_one(RecordView).show(None, [], [], "No conflicts at this stage.")
            self.query_one("#conflict-labels", Static).update("")
            return
        ids = [c.record_id for c in self.conflicts]
        options.highlighted = ids.index(keep) if keep in ids else 0
        options.focus()
        self.show_selected()

    @staticmethod
    def _line(c: Conflict) -> Text:
        line = Text(f"#{c.record_id} ")
        line.append(" vs ".join(sorted(set(c.labels.values()))))
        if c.resolved is not None:
            line.append(f" → {c.resolved.label}", style=LABEL_STYLES.get(c.resolved.label, ""))
        return line

    @on(OptionList.OptionHighlighted)
    def show_selected(self) -> None:
        """Show the highlighted conflict's record and each reviewer's decision."""
        c = self.selected
        if c is None:
            return
        app = self.review
        config = app.config
        record = get_record(app.store, c.record_id)
        status = "resolved" if c.resolved else "unresolved: i / e / m to decide"
        self.query_one(RecordView).show(
            record,
            config.words("screening.include_keywords"),
            config.words("screening.exclude_keywords"),
            Text(f"conflict on record {c.record_id} · {status}", style="bold"),
            ids=identifiers(app.store, c.record_id),
        )
        table = Table(expand=True, title="Decisions side by side")
        for reviewer in c.labels:
            table.add_column(reviewer)
        cells = []
        for reviewer, label in c.labels.items():
            d = decision_for(app.store, c.record_id, app.stage, reviewer)
            cell = Text(label, style=LABEL_STYLES.get(label, ""))
            if d is not None and d.reason:
                cell.append(f"\nreason: {d.reason}")
            if d is not None and d.note:
                cell.append(f"\nnote: {d.note}", style="italic")
            cells.append(cell)
        table.add_row(*cells)
        if c.resolved is not None:
            table.caption = (
                f"final: {c.resolved.label} (resolved by {c.resolved.reviewer} "
                f"at {c.resolved.at[:16]})"
            )
        self.query_one("#conflict-labels", Static).update(table)

    def action_resolve(self, label: str) -> None:
        c = self.selected
        app = self.review
        if c is None or app.reviewer is None:
            self.app.bell()
            return
        try:
            resolve_conflict(app.store, c.record_id, app.stage, label, app.reviewer)
        except ReviewkitError as exc:
            self.notify(str(exc), severity="error")
            return
        self.reload(keep=self._next_unresolved(c.record_id))

    def _next_unresolved(self, after: int) -> int:
        later = [c.record_id for c in self.conflicts if c.record_id > after and c.resolved is None]
        return later[0] if later else after

    def action_back(self) -> None:
        self.dismiss(None)
