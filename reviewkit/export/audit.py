"""The audit trail as one CSV: every decision, extraction and duplicate action, in time order.

Decisions (incl. undos and resolutions), extraction proposals and edits, and
merges and keep-aparts of possible duplicates (with their undos) are
append-only in the store, so this is the complete history of who did what,
when. Cells are formula-safe.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reviewkit.export.safe import csv_bytes, write_bytes
from reviewkit.store import Store
from reviewkit.store.duplicates import duplicate_actions
from reviewkit.store.exports import decision_log
from reviewkit.store.extractions import history

AUDIT_COLUMNS = (
    "at",
    "table",
    "id",
    "kind",
    "reviewer",
    "stage",
    "record_id",
    "label",
    "reason",
    "note",
    "document",
    "template",
    "field",
    "value",
    "pages",
    "method",
    "confidence",
    "supersedes",
)


@dataclass(frozen=True)
class AuditRow:
    """One action: a decision-table row (kind decision/undo/resolution), an
    extractions-table row (kind proposed/accepted/edited/rejected) or a
    duplicate_actions row (kind merge/unmerge/keep-apart/undo-keep-apart;
    record_id is the record kept, value names the other and the decisions
    a merge carried over)."""

    at: str
    table: str
    id: int
    kind: str
    reviewer: str = ""
    stage: str = ""
    record_id: int | None = None
    label: str = ""
    reason: str = ""
    note: str = ""
    document: str = ""
    template: str = ""
    field: str = ""
    value: str = ""
    pages: str = ""
    method: str = ""
    confidence: float | None = None
    supersedes: int | None = None

    def cells(self) -> list[object]:
        """The row's values in AUDIT_COLUMNS order."""
        return [getattr(self, c) for c in AUDIT_COLUMNS]


def audit_rows(store: Store) -> list[AuditRow]:
    """Every decision, extraction and duplicate-action row, oldest first (ties: by table, id)."""
    rows = [
        AuditRow(
            at=d["at"],
            table="decisions",
            id=d["id"],
            kind=d["kind"],
            reviewer=d["reviewer"],
            stage=d["stage"],
            record_id=d["record_id"],
            label=d["label"] or "",
            reason=d["reason"] or "",
            note=d["note"] or "",
        )
        for d in decision_log(store)
    ]
    rows += [
        AuditRow(
            at=v.at,
            table="extractions",
            id=v.id,
            kind=v.status,
            reviewer=v.reviewer or "",
            document=v.doc_sha256,
            template=v.template,
            field=v.field,
            value=json.dumps(v.value, ensure_ascii=False),
            pages=", ".join(str(p) for p in sorted({e.page for e in v.evidence})),
            method=v.method or "",
            confidence=v.confidence,
            supersedes=v.supersedes,
        )
        for v in history(store)
    ]
    rows += [
        AuditRow(
            at=a.at,
            table="duplicate_actions",
            id=a.id,
            kind=a.kind,
            reviewer=a.reviewer,
            record_id=a.kept_id,
            note=a.note,
            value=json.dumps({"other_record": a.other_id, "carried_decisions": a.carried}),
        )
        for a in duplicate_actions(store)
    ]
    return sorted(rows, key=lambda r: (r.at, r.table, r.id))


def audit_csv(rows: list[AuditRow]) -> bytes:
    """The audit rows as CSV bytes, with the AUDIT_COLUMNS header."""
    return csv_bytes(AUDIT_COLUMNS, (r.cells() for r in rows))


def export_audit(store: Store, path: str | Path) -> tuple[Path, int]:
    """Write the audit trail CSV to `path`; returns the path and how many rows."""
    rows = audit_rows(store)
    return write_bytes(audit_csv(rows), path), len(rows)
