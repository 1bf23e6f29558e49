"""How values are written to and read from stored columns, in one place.

Lists and mappings are stored as JSON text; timestamps as ISO-8601 UTC; new
rows are identified by their integer ``id``. Every store module goes through
these helpers so the encodings cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlite_utils.db import Table

from reviewkit.errors import ReviewkitError

T = TypeVar("T")

#: Ids bound per ``where id in (...)`` query: well under SQLite's variable limit.
CHUNK = 500


def now() -> str:
    """An ISO-8601 UTC timestamp, the one format of every `at` column."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def to_json(value: Any) -> str:
    """Encode a value for a JSON column, keeping non-ASCII text readable in the file.

    Values JSON has no type for (dates, paths) are written as their text.
    """
    return json.dumps(value, ensure_ascii=False, default=str)


def from_json(text: str | bytes) -> Any:
    """Decode a JSON column (the one way every store module reads one)."""
    return json.loads(text)


def json_list(text: str | None) -> list[Any]:
    """Decode a JSON list column; NULL (never written) reads as an empty list."""
    return list(from_json(text or "[]"))


def inserted_id(table: Table) -> int:
    """The ``id`` of the row `table` has just inserted.

    Raises:
        ReviewkitError: when the insert stored no row (which would otherwise
            surface later as a decision or import pointing at row 0).
    """
    if table.last_rowid is None:
        raise ReviewkitError(
            f"the database stored no row in {table.name}; "
            "check the review folder is writable and run the command again"
        )
    return int(table.last_rowid)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[tuple[Sequence[T], str]]:
    """Split `items` for ``in (...)`` queries: yields each chunk and its ``?,?,…`` marks."""
    for start in range(0, len(items), size):
        chunk = items[start : start + size]
        yield chunk, ",".join("?" * len(chunk))
