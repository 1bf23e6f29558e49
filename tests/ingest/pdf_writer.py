"""Hand-written minimal PDFs for reader tests: object numbering, xref and trailer.

Each test module decides what its pages draw; this module lays the objects
out as a valid file. Pages are objects 3, 5, 7...; their content streams
4, 6, 8...; fonts follow, from ``3 + 2 * n_pages``.
"""

from __future__ import annotations

from pathlib import Path


def escape(text: str) -> str:
    """Text as a PDF literal string's content: backslash and parentheses escaped."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def page_tree(n_pages: int) -> list[bytes]:
    """The catalog (object 1) and the page tree (object 2) of an `n_pages` document."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(n_pages))
        + f"] /Count {n_pages} >>".encode(),
    ]


def content_stream(ops: str) -> bytes:
    """A content stream object holding `ops` (Latin-1, as the standard fonts read it)."""
    stream = ops.encode("latin-1")
    return f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"


def write_objects(path: Path, objects: list[bytes]) -> Path:
    """Write `objects` (numbered from 1) as a PDF file with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(bytes(out) + trailer.encode())
    return path
