"""Extracted values: proposals and reviewers' actions on them, append-only.

A proposal row has status "proposed". Accepting, editing or rejecting it
appends a new row whose ``supersedes`` points at the row acted on; the newest
row of each chain is the current value. Nothing is updated in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from reviewkit.document import Evidence
from reviewkit.errors import InvalidArgumentError
from reviewkit.store.columns import from_json, inserted_id, json_list, now, to_json
from reviewkit.store.db import Store

STATUSES = ("proposed", "accepted", "edited", "rejected")


class ProposedValue(Protocol):
    """What an extractor hands the store (e.g. ``extract.templates.FieldValue``)."""

    field: str
    value: Any
    evidence: list[Evidence]
    method: str
    confidence: float


@dataclass(frozen=True)
class StoredValue:
    """One current extracted value with its provenance."""

    id: int
    doc_sha256: str
    template: str
    field: str
    value: Any
    evidence: list[Evidence]
    method: str
    confidence: float | None
    status: str
    reviewer: str | None
    at: str
    supersedes: int | None = None


def _evidence_json(evidence: Iterable[Evidence]) -> str:
    return to_json([e.to_json() for e in evidence])


def add_proposals(
    store: Store, doc_sha256: str, template: str, values: Iterable[ProposedValue]
) -> int:
    """Store an extractor's values for one document as proposals, in one transaction.

    Returns:
        How many rows were added.
    """
    at = now()
    rows = [
        {
            "doc_sha256": doc_sha256,
            "template": template,
            "field": v.field,
            "value": to_json(v.value),
            "evidence": _evidence_json(v.evidence),
            "method": v.method,
            "confidence": v.confidence,
            "status": "proposed",
            "reviewer": None,
            "supersedes": None,
            "at": at,
        }
        for v in values
    ]
    with store.write() as db:
        db.table("extractions").insert_all(rows)
    return len(rows)


def review_value(
    store: Store,
    extraction_id: int,
    status: str,
    reviewer: str,
    *,
    value: Any = None,
) -> int:
    """Accept, edit or reject a current value; appends a row and returns its id.

    Args:
        extraction_id: the current row acted on.
        status: "accepted", "edited" or "rejected".
        reviewer: who acted.
        value: the new value, for "edited" (else the old value is kept).

    Raises:
        InvalidArgumentError: (a ValueError) for an unknown status, or a row
            that is not current.
    """
    if status not in STATUSES[1:]:
        raise InvalidArgumentError(f"status must be one of {STATUSES[1:]}, got {status!r}")
    with store.write() as db:
        rows = list(db.query("select * from extractions where id = ?", [extraction_id]))
        if not rows:
            raise InvalidArgumentError(f"no extracted value {extraction_id}")
        newer = db.execute(
            "select id from extractions where supersedes = ?", [extraction_id]
        ).fetchone()
        if newer:
            raise InvalidArgumentError(
                f"value {extraction_id} was already superseded by {newer[0]}; "
                "reload to act on the current value"
            )
        old = rows[0]
        row = dict(old)
        row.pop("id")
        row.pop("uid", None)  # the new row gets its own (store/schema.py m008)
        row.update(
            status=status,
            reviewer=reviewer,
            supersedes=extraction_id,
            at=now(),
            value=to_json(value) if status == "edited" else old["value"],
        )
        return inserted_id(db.table("extractions").insert(row))


def _stored(row: dict[str, Any]) -> StoredValue:
    return StoredValue(
        id=row["id"],
        doc_sha256=row["doc_sha256"],
        template=row["template"],
        field=row["field"],
        value=from_json(row["value"]) if row["value"] is not None else None,
        evidence=[Evidence(**e) for e in json_list(row["evidence"])],
        method=row["method"],
        confidence=row["confidence"],
        status=row["status"],
        reviewer=row["reviewer"],
        at=row["at"],
        supersedes=row["supersedes"],
    )


def current_values(
    store: Store,
    *,
    field: str | None = None,
    doc_sha256: str | None = None,
    template: str | None = None,
) -> list[StoredValue]:
    """The current value of every chain, optionally filtered, in document order."""
    where = ["not exists (select 1 from extractions n where n.supersedes = e.id)"]
    params: list[Any] = []
    for column, wanted in (("field", field), ("doc_sha256", doc_sha256), ("template", template)):
        if wanted is not None:
            where.append(f"e.{column} = ?")
            params.append(wanted)
    sql = f"select e.* from extractions e where {' and '.join(where)} order by e.doc_sha256, e.id"
    return [_stored(r) for r in store.db.query(sql, params)]


def extracted_documents(store: Store, template: str) -> set[str]:
    """Documents that already have proposals from `template`."""
    return {
        r[0]
        for r in store.db.execute(
            "select distinct doc_sha256 from extractions where template = ?", [template]
        ).fetchall()
    }


def history(store: Store) -> list[StoredValue]:
    """Every row ever written, oldest first: the extraction audit trail."""
    return [_stored(r) for r in store.db.query("select * from extractions order by id")]
