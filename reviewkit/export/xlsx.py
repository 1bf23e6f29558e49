"""The evidence table as an XLSX workbook (openpyxl): evidence, quotes, notes.

Sheet "Evidence": one row per study; a cell holding only reviewed values is
green, one holding any proposal is yellow and italic. Sheet "Quotes": every
quote behind every value, with its page and character offsets. Sheet
"Notes": how the studies were chosen and what the markers mean.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reviewkit.export.evidence import LEGEND, cell_text, header, study_values
from reviewkit.export.safe import xlsx_value
from reviewkit.synthesise.evidence_table import Cell, EvidenceTable

QUOTE_COLUMNS = (
    "study",
    "field",
    "value",
    "page",
    "quote",
    "char_start",
    "char_end",
    "status",
    "method",
    "confidence",
)
REVIEWED_FILL = PatternFill("solid", fgColor="E2EFDA")
PROPOSED_FILL = PatternFill("solid", fgColor="FFF2CC")
PROPOSED_FONT = Font(italic=True, color="7F6000")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _append(ws: Worksheet, values: Sequence[object]) -> None:
    ws.append([xlsx_value(v) for v in values])


def _style_status(ws: Worksheet, row: int, col: int, cells: Sequence[Cell]) -> None:
    target = ws.cell(row=row, column=col)
    target.alignment = WRAP
    if not cells:
        return
    if all(c.reviewed for c in cells):
        target.fill = REVIEWED_FILL
    else:
        target.fill = PROPOSED_FILL
        target.font = PROPOSED_FONT


def _header(ws: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    _append(ws, names)
    for i, width in enumerate(widths, 1):
        ws.cell(row=1, column=i).font = HEADER_FONT
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions


def _evidence_sheet(ws: Worksheet, table: EvidenceTable) -> None:
    _header(ws, header(table), [22, 40, 28, 7, 24] + [45] * len(table.fields))
    first_field = len(header(table)) - len(table.fields) + 1
    for r in table.rows:
        _append(ws, [*study_values(r), *(cell_text(r.cells[f]) for f in table.fields)])
        for col in range(1, first_field):
            ws.cell(row=ws.max_row, column=col).alignment = WRAP
        for offset, f in enumerate(table.fields):
            _style_status(ws, ws.max_row, first_field + offset, r.cells[f])


def _quotes_sheet(ws: Worksheet, table: EvidenceTable) -> None:
    _header(ws, QUOTE_COLUMNS, [22, 20, 40, 6, 80, 10, 10, 10, 14, 10])
    for r in table.rows:
        for f in table.fields:
            for c in r.cells[f]:
                spans = c.evidence or (None,)
                for e in spans:
                    _append(
                        ws,
                        [
                            r.study.key,
                            f,
                            c.text,
                            e.page if e else None,
                            e.quote if e else None,
                            e.char_start if e else None,
                            e.char_end if e else None,
                            c.status,
                            c.method,
                            c.confidence,
                        ],
                    )
                    ws.cell(row=ws.max_row, column=5).alignment = WRAP
                    _style_status(ws, ws.max_row, 8, [c])


def evidence_workbook(table: EvidenceTable) -> bytes:
    """The XLSX file's bytes."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Evidence"
    _evidence_sheet(ws, table)
    _quotes_sheet(wb.create_sheet("Quotes"), table)
    notes = wb.create_sheet("Notes")
    notes.column_dimensions["A"].width = 120
    for line in (
        f"template: {table.template}",
        f"values shown: {table.status}",
        LEGEND,
        *table.notes,
    ):
        _append(notes, [line])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
