"""Evidence-table writers keyed by format, and `export_evidence`.

Every writer shows each value with its page ("conceptual (p. 2)") and marks
values a reviewer accepted or edited with "✓" and extractor proposals with
"?". Multiple values of one field share a cell, one per line.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewkit.errors import ReviewkitError
from reviewkit.export.safe import csv_bytes, write_bytes
from reviewkit.store import Store
from reviewkit.synthesise.evidence_table import (
    MARK_PROPOSED,
    MARK_REVIEWED,
    Cell,
    EvidenceRow,
    EvidenceTable,
    evidence_table,
)

EvidenceWriter = Callable[[EvidenceTable], bytes]

#: columns before the template's fields
STUDY_COLUMNS = ("study", "title", "authors", "year", "doi")
LEGEND = (
    f"{MARK_REVIEWED} accepted or edited by a reviewer; {MARK_PROPOSED} proposed by the "
    "extractor, not yet reviewed. (p. N) is the page of the quote."
)


def study_values(row: EvidenceRow) -> list[object]:
    """The study columns of a row: key, title, authors ("; "-joined), year, DOI."""
    s = row.study
    return [s.key, s.title, "; ".join(s.authors), s.year, s.doi]


def header(table: EvidenceTable) -> list[str]:
    """Column names: the study columns, then one per template field."""
    return [*STUDY_COLUMNS, *table.fields]


def cell_text(cells: list[Cell], sep: str = "\n") -> str:
    """A field's values as display text (status mark, value, page), joined by `sep`."""
    return sep.join(c.display() for c in cells)


def to_csv(table: EvidenceTable) -> bytes:
    """One row per study; a field's values one per line in its cell."""
    rows = ([*study_values(r), *(cell_text(r.cells[f]) for f in table.fields)] for r in table.rows)
    return csv_bytes(header(table), rows)


def _md(text: object) -> str:
    # Markdown renders inline HTML: escape it, and the table's own syntax.
    escaped = html.escape("" if text is None else str(text), quote=False)
    return escaped.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(table: EvidenceTable) -> bytes:
    """A GitHub-flavoured Markdown table with the notes and legend above it."""
    lines = [f"# Evidence table (template: {_md(table.template)})", ""]
    lines += [f"- {_md(n)}" for n in [*table.notes, LEGEND]]
    cols = header(table)
    lines += ["", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in table.rows:
        values = [*study_values(r), *(cell_text(r.cells[f]) for f in table.fields)]
        lines.append("| " + " | ".join(_md(v) for v in values) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


def cell_json(c: Cell) -> dict[str, Any]:
    """One value of a field as the JSON export writes it, evidence included."""
    return {
        "value": c.value,
        "text": c.text,
        "status": c.status,
        "pages": c.pages,
        "evidence": [e.to_json() for e in c.evidence],
        "method": c.method,
        "confidence": c.confidence,
        "extraction_id": c.extraction_id,
    }


def to_json(table: EvidenceTable) -> bytes:
    """A list of row objects: the study, then each field's values with their evidence."""
    rows = [
        {
            "study": r.study.key,
            "title": r.study.title,
            "authors": list(r.study.authors),
            "year": r.study.year,
            "doi": r.study.doi,
            "record_id": r.study.record_id,
            "document": r.study.doc_sha256,
            "path": r.study.path,
            "template": table.template,
            "values": {f: [cell_json(c) for c in r.cells[f]] for f in table.fields},
        }
        for r in table.rows
    ]
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_xlsx(table: EvidenceTable) -> bytes:
    """The evidence table as an XLSX workbook (openpyxl is imported only here)."""
    from reviewkit.export.xlsx import evidence_workbook

    return evidence_workbook(table)


def to_html(table: EvidenceTable) -> bytes:
    """The evidence table as one self-contained HTML page, UTF-8 encoded."""
    from reviewkit.export.html_table import evidence_html

    return evidence_html(table).encode("utf-8")


EVIDENCE_WRITERS: dict[str, EvidenceWriter] = {
    "csv": to_csv,
    "xlsx": to_xlsx,
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
}


@dataclass(frozen=True)
class EvidenceExport:
    """What `export_evidence` produced: the bytes, how many studies, and the notes."""

    data: bytes
    n_studies: int
    path: Path | None = None
    notes: list[str] = field(default_factory=list)


def render_evidence(table: EvidenceTable, fmt: str) -> bytes:
    """`table` in format `fmt` (a key of :data:`EVIDENCE_WRITERS`)."""
    writer = EVIDENCE_WRITERS.get(fmt)
    if writer is None:
        raise ReviewkitError(
            f"unknown evidence format {fmt!r}; use one of {', '.join(EVIDENCE_WRITERS)}"
        )
    return writer(table)


def export_evidence(
    store: Store,
    fmt: str,
    path: str | Path | None = None,
    *,
    template: str,
    status: str = "all",
    min_confidence: float = 0.0,
) -> EvidenceExport:
    """Build the review's evidence table and write it as `fmt` to `path` (if given).

    Args:
        template: the extraction template whose fields are the columns.
        status: "all" (proposals marked "?") or "accepted" (accepted/edited only).
        min_confidence: proposals below this confidence are left out.
    """
    table = evidence_table(store, template, status=status, min_confidence=min_confidence)
    data = render_evidence(table, fmt)
    written = write_bytes(data, path) if path is not None else None
    return EvidenceExport(data, len(table.rows), written, list(table.notes))
