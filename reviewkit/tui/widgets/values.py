"""The proposed extractions of one document, one line each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewkit.store.extractions import StoredValue

STATUS_STYLES = {
    "proposed": "dim",
    "accepted": "bold green",
    "edited": "bold cyan",
    "rejected": "bold red strike",
}


#: Keys that name a value best, in order of preference (see CODEBOOK.md).
_NAME_KEYS = (("term", "definition"), ("label",), ("kind", "stages"), ("name",))


def summary(value: Any, width: int = 90) -> str:
    """A value in one line: a definition's term and text, a label, a list's items."""
    text = _flat(value) if value not in (None, "", [], {}) else "(none)"
    return text if len(text) <= width else text[: width - 1] + "…"


def _flat(value: Any) -> str:
    if isinstance(value, list):
        items = "; ".join(_flat(v) for v in value)
        return f"[{len(value)}] {items}" if len(value) > 1 else items
    if isinstance(value, dict):
        for keys in _NAME_KEYS:
            if all(k in value for k in keys):
                return " — ".join(_flat(value[k]) for k in keys)
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


class ValuesList(OptionList):
    """Extracted values; the highlighted one's quote is shown in its page.

    The parent sets :attr:`values` through :meth:`set_values`; highlighting
    and selecting post OptionList's own messages up to the screen.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values: list[StoredValue] = []

    def set_values(self, values: Sequence[StoredValue], keep: int | None = None) -> None:
        """Show `values`; highlight index `keep` (clamped) or the first."""
        self.values = list(values)
        self.clear_options()
        self.add_options(Option(self._line(v), id=str(v.id)) for v in self.values)
        if self.values:
            self.highlighted = min(keep or 0, len(self.values) - 1)

    @property
    def selected(self) -> StoredValue | None:
        """The highlighted value, or None when the list is empty."""
        index = self.highlighted
        return self.values[index] if index is not None and self.values else None

    @staticmethod
    def _line(v: StoredValue) -> Text:
        line = Text(f"{v.status:<9}", style=STATUS_STYLES.get(v.status, ""))
        line.append(f" {v.field}: ", style="bold")
        line.append(summary(v.value))
        if v.evidence:
            line.append(f"  (p. {v.evidence[0].page})", style="dim")
        return line
