"""Spreadsheet-safe cells: no text an export writes can run as a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to Excel, LibreOffice and Google Sheets (CSV injection,
OWASP). Such text is written with a leading single quote, which makes it
inert and keeps every character of it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from reviewkit.errors import ReviewkitError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Control characters XML 1.0 (and so XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_MAX_CHARS = 32_767


def inert(value: object) -> object:
    """`value` unchanged, unless it is text a spreadsheet would run: then ``'`` + text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_value(value: object) -> object:
    """A value an XLSX cell can hold: inert, no illegal control characters, not too long."""
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
        if len(value) > XLSX_MAX_CHARS:
            value = value[: XLSX_MAX_CHARS - 1] + "…"
    return inert(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A UTF-8 CSV (with BOM, so Excel reads the encoding) of inert cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([inert(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else inert(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write an export to the file the user named (its folder must exist)."""
    path = Path(path)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReviewkitError(
            f"{path}: cannot write ({exc.strerror}); check the folder exists and is writable"
        ) from exc
    return path
