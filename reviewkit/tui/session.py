"""One reviewer's screening session: which record is shown and in what order.

Plain Python over the store (no Textual), so the screens stay thin and the
ordering rules are testable on their own.

The order is the reviewer's own decided records first (in the order they
were decided); then records a colleague has screened and this reviewer has
not, so that dual screening overlaps (the reviewer sees that a colleague
screened them, never the decision); then the model's latest ranking; then
any record the ranking does not hold. A review without a ranking uses the
prioritiser's fixed order, so every reviewer starts on the same record. A new
ranking re-orders only the records after the furthest one already shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reviewkit.screen.engine import is_automation, queue, stage_pool
from reviewkit.store.db import Store
from reviewkit.store.decisions import (
    current_decisions,
    decision_for,
    record_decision,
    undo_last,
)
from reviewkit.store.records import get_record, get_records
from reviewkit.tui.backend import latest_order
from reviewkit.vocabulary import STAGES, Record, check_stage

TITLE_ABSTRACT, FULL_TEXT = STAGES


class ScreeningSession:
    """The records one reviewer screens at one stage, and where they are.

    Args:
        store: the review, used on the calling thread only.
        reviewer: who is screening.
        stage: ``"title-abstract"`` or ``"full-text"``.
    """

    def __init__(self, store: Store, reviewer: str, stage: str = TITLE_ABSTRACT) -> None:
        self.store = store
        self.reviewer = reviewer
        self.stage = check_stage(stage)
        self.labels: dict[int, str] = {}  # own current labels, records of this stage only
        self.n_included = 0
        self.notes: dict[int, str] = {}
        self.order: list[int] = []
        self.pos = 0
        self.frontier = 0
        self.reload()

    # -- loading and ordering -------------------------------------------------

    def reload(self) -> None:
        """Read the reviewer's decisions and the latest ranking from the store."""
        records = stage_pool(self.store, self.stage)
        wanted = set(records)
        decided: list[int] = []
        self.labels, self.notes = {}, {}
        self.n_included = 0
        for d in current_decisions(self.store, self.stage, self.reviewer):
            if d.record_id not in wanted:
                continue  # e.g. no longer included at title-abstract
            if d.record_id not in self.labels:
                decided.append(d.record_id)
            self._set_label(d.record_id, d.label)
            if d.note:
                self.notes[d.record_id] = d.note
        ranked = latest_order(self.store, self.stage)
        self.order = decided + self._undecided(self._others(), ranked, records, set(decided))
        self.pos = min(len(decided), max(len(self.order) - 1, 0))
        self.frontier = self.pos

    def _others(self) -> list[int]:
        """Records colleagues screened at this stage, in the order they did."""
        return [
            d.record_id
            for d in current_decisions(self.store, self.stage)
            if d.reviewer != self.reviewer and not is_automation(d.reviewer)
        ]

    def _undecided(
        self, others: Iterable[int], ranked: Iterable[int], records: Sequence[int], skip: set[int]
    ) -> list[int]:
        """The engine's queue: colleagues' records, then the ranking, then the fixed order."""
        return queue(records, ranked, skip=skip, first=others, stage=self.stage)

    def apply_ranking(self, ranked: Sequence[int]) -> int:
        """Re-order the records not yet seen by a new ranking.

        Returns:
            How many records were re-ordered.
        """
        head = self.order[: self.frontier + 1]
        tail = self.order[self.frontier + 1 :]
        if not tail:
            return 0
        self.order = head + self._undecided(self._others(), ranked, tail, set(head))
        return len(tail)

    # -- where we are -----------------------------------------------------------

    @property
    def total(self) -> int:
        """Records in the session's order."""
        return len(self.order)

    @property
    def current_id(self) -> int | None:
        """The id of the record shown, or None when there are none."""
        return self.order[self.pos] if self.order else None

    def current(self) -> Record | None:
        """The record shown, read from the store, or None."""
        rid = self.current_id
        return get_record(self.store, rid) if rid is not None else None

    @property
    def screened(self) -> int:
        """Records the reviewer has decided at this stage."""
        return len(self.labels)

    @property
    def included(self) -> int:
        """Of those, how many the reviewer included."""
        return self.n_included

    def _set_label(self, record_id: int, label: str | None) -> None:
        """Keep :attr:`labels` and the include count in step (None: undecided)."""
        old = self.labels.pop(record_id, None)
        self.n_included -= old == "include"
        if label is not None:
            self.labels[record_id] = label
            self.n_included += label == "include"

    @property
    def done(self) -> bool:
        """Every record of the stage has this reviewer's decision."""
        return self.screened >= self.total

    def move(self, step: int) -> bool:
        """Go `step` records forward (or back); False at either end."""
        new = self.pos + step
        if not 0 <= new < len(self.order):
            return False
        self.pos = new
        self.frontier = max(self.frontier, new)
        return True

    def go_to(self, record_id: int) -> bool:
        """Show `record_id`; a record not seen yet is brought to the frontier."""
        if record_id not in self.order:
            return False
        index = self.order.index(record_id)
        if index > self.frontier + 1:
            self.order.pop(index)
            index = self.frontier + 1
            self.order.insert(index, record_id)
        self.pos = index
        self.frontier = max(self.frontier, index)
        return True

    # -- acting -----------------------------------------------------------------

    def decide(self, label: str, *, reason: str | None = None, note: str | None = None) -> int:
        """Store a decision on the current record (one short transaction).

        The note defaults to the one already attached to the record, so that
        changing a label keeps it.

        Returns:
            The new decision's id.
        """
        rid = self.current_id
        if rid is None:
            raise LookupError("no record to decide on")
        note = note if note is not None else self.notes.get(rid)
        did = record_decision(
            self.store, rid, self.stage, self.reviewer, label, reason=reason, note=note
        )
        self._set_label(rid, label)
        if note:
            self.notes[rid] = note
        return did

    def set_note(self, note: str) -> bool:
        """Attach a note to the current record.

        When the reviewer has decided the record, the decision is stored again
        with the note; otherwise the note waits for the decision.

        Returns:
            True when stored now, False when kept for the coming decision.
        """
        rid = self.current_id
        if rid is None:
            return False
        self.notes[rid] = note
        label = self.labels.get(rid)
        if label is None:
            return False
        decision = decision_for(self.store, rid, self.stage, self.reviewer)
        reason = decision.reason if decision is not None else None
        record_decision(self.store, rid, self.stage, self.reviewer, label, reason=reason, note=note)
        return True

    def undo(self) -> int | None:
        """Withdraw the reviewer's last decision and show that record again."""
        rid = undo_last(self.store, self.reviewer, self.stage)
        if rid is None:
            return None
        self._set_label(rid, None)
        self.go_to(rid)
        return rid


def find_records(store: Store, text: str, wanted: set[int]) -> list[tuple[object, str]]:
    """Records among `wanted` matching `text`: an id, or every word in title, authors or DOI.

    Returns:
        Up to 50 ``(record_id, label)`` pairs in id order.
    """
    text = text.strip().lower()
    if text.isdigit():
        ids = [int(text)] if int(text) in wanted else []
        return [(r.id, f"{r.id}: {r.title}") for r in get_records(store, ids)]
    words = text.split()
    out: list[tuple[object, str]] = []
    for r in get_records(store):
        if r.id not in wanted:
            continue
        haystack = f"{r.title} {' '.join(r.authors)} {r.doi}".lower()
        if all(w in haystack for w in words):
            out.append((r.id, f"{r.id}: {r.title} ({r.year or 'n.d.'})"))
            if len(out) >= 50:
                break
    return out
