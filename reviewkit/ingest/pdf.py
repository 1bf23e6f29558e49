"""Read a PDF into a `Document`: page bodies in reading order, plus metadata.

The only module that imports pypdf. pypdf reports each run of text with its
matrices (`extract_text(visitor_text=...)`, one pass per page); `layout`
turns the runs into lines, columns and paragraphs, `clean` removes running
headers and repairs characters and hyphens, `metadata` reads the title page.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.constants import UserAccessPermissions
from pypdf.errors import DependencyError

from reviewkit.document import Document, Page
from reviewkit.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    InputFileError,
    NotAPdfError,
)
from reviewkit.ingest import clean, layout, metadata, paragraphs

# pypdf's own log lines that mean it had to rebuild the cross-reference table.
_RECOVERY_HINTS = (
    "xref",
    "startxref",
    "wrong pointing object",
    "repaired",
    "0 found",
    "eof marker",
)


@dataclass
class _RawPage:
    """What one page yielded before cross-page cleaning."""

    lines: list[tuple[int, layout.Line]] = field(default_factory=list)
    edges: clean.PageRows = field(default_factory=lambda: clean.PageRows([], 0.0, 0.0))
    stamps: list[layout.Line] = field(default_factory=list)  # sideways text in a margin
    status: str = "text"  # "text", "blank", "image", "error"


def read_pdf(path: str | Path, *, password: str | None = None, max_pages: int = 5000) -> Document:
    """Read a PDF file into a `Document`.

    Args:
        path: the file to read.
        password: the user password of an encrypted file.
        max_pages: read at most this many pages; more are flagged "truncated-pages".

    Returns:
        The document, kind "pdf", with 1-based pages whose text is the body in
        reading order (running headers and footers moved to `Page.header` and
        `Page.footer`), metadata from page 1, and any flags with warnings:
        "recovered", "owner-restricted", "needs-ocr", "no-text",
        "truncated-pages", "page-errors".

    Raises:
        EmptyFileError: the file has no bytes.
        NotAPdfError: the file does not start like a PDF.
        CorruptPdfError: the file is truncated or damaged beyond repair.
        EncryptedPdfError: a password is needed, or the one given is wrong.
        InputFileError: the file cannot be read at all.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputFileError(file, f"cannot read file ({exc.strerror})", "check the path") from exc
    if not data:
        raise EmptyFileError(file, "empty file", "the file has zero bytes; download it again")
    if b"%PDF-" not in data[:1024]:
        raise NotAPdfError(file, "not a PDF", _not_pdf_advice(data))
    doc = Document(sha256=hashlib.sha256(data).hexdigest(), path=str(file), kind="pdf", pages=[])
    with _pypdf_log() as log:
        reader = _open(file, data, password, doc)
        try:
            total = len(reader.pages)
        except Exception as exc:  # pypdf raises many types on damaged page trees
            raise CorruptPdfError(file, "truncated or corrupt PDF", _CORRUPT_ADVICE) from exc
        raw = [_read_page(reader, i, doc) for i in range(min(total, max_pages))]
    if any(h in line.lower() for line in log for h in _RECOVERY_HINTS):
        doc.flags.append("recovered")
        doc.warnings.append("damaged cross-reference table: text was recovered; check it")
    if total > max_pages:
        doc.flags.append("truncated-pages")
        doc.warnings.append(f"only the first {max_pages} of {total} pages were read")
    _assemble(doc, raw)
    if not any(p.text for p in doc.pages):
        if any(r.status == "image" for r in raw):
            doc.flags.append("needs-ocr")
            doc.warnings.append("no text layer: needs OCR")
        else:
            doc.flags.append("no-text")
            doc.warnings.append("no text: the pages are blank")
        info_title = _info_title(reader)
        doc.title = doc.title or info_title
    elif any(r.status == "image" for r in raw):
        doc.flags.append("needs-ocr")
        count = sum(r.status == "image" for r in raw)
        doc.warnings.append(f"{count} page(s) have no text layer: they need OCR")
    return doc


_CORRUPT_ADVICE = "download or export the file again"
_AES_ADVICE = (
    "pass --password; reading AES needs the 'cryptography' package (pip install cryptography)"
)


def _not_pdf_advice(data: bytes) -> str:
    head = data[:4096]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "check that the file really is a PDF"
    if b"\x00" in head:
        return "check that the file really is a PDF"
    return "it looks like plain text: rename it to .txt to ingest it as text"


def _open(file: Path, data: bytes, password: str | None, doc: Document) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except DependencyError as exc:
        raise EncryptedPdfError(file, "encrypted (AES)", _AES_ADVICE) from exc
    except Exception as exc:  # pypdf raises many types on damaged files
        raise CorruptPdfError(file, "truncated or corrupt PDF", _CORRUPT_ADVICE) from exc
    if not reader.is_encrypted:
        return reader
    tries: list[str] = [password, ""] if password else [""]
    result = PasswordType.NOT_DECRYPTED
    try:
        for attempt in tries:
            result = reader.decrypt(attempt)
            if result != PasswordType.NOT_DECRYPTED:
                break
    except DependencyError as exc:
        raise EncryptedPdfError(file, "encrypted (AES)", _AES_ADVICE) from exc
    except Exception as exc:
        raise CorruptPdfError(file, "corrupt encryption dictionary", _CORRUPT_ADVICE) from exc
    if result == PasswordType.NOT_DECRYPTED:
        if password is None:
            raise EncryptedPdfError(file, "encrypted", "pass --password")
        raise EncryptedPdfError(file, "encrypted: wrong password", "check the --password value")
    if result == PasswordType.USER_PASSWORD and not _may_extract(reader):
        doc.flags.append("owner-restricted")
        doc.warnings.append(
            "the owner forbids copying/extraction; the text was read for private review use"
        )
    return reader


def _may_extract(reader: PdfReader) -> bool:
    try:
        permissions = reader.user_access_permissions
        return permissions is None or bool(permissions & UserAccessPermissions.EXTRACT)
    except Exception:  # no or malformed /P entry: no restriction to report
        return True


@contextmanager
def _pypdf_log() -> Iterator[list[str]]:
    """Collect pypdf's warnings instead of printing them; they decide "recovered"."""
    lines: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("pypdf")
    handler = _Collect(level=logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _read_page(reader: PdfReader, index: int, doc: Document) -> _RawPage:
    try:
        page = reader.pages[index]
        status = _content_kind(page)
        if status != "text":
            return _RawPage(status=status)
        box = page.mediabox
        frags: list[tuple[int, layout.Fragment]] = []
        space = [False]

        def visit(text: Any, cm: Any, tm: Any, font: Any, size: Any) -> None:
            if text and not text.isspace():
                if space[0]:
                    # A run of spaces drawn on its own ("-", " ", "Term") still parts words.
                    text = " " + text
                    space[0] = False
                frags.append(_fragment(text, cm, tm, font, size, len(frags)))
            elif text and text.strip("\n\r"):
                space[0] = True

        page.extract_text(visitor_text=visit)
        if not frags:
            # Fonts but no text drawn: a scan with an empty text layer needs OCR too.
            return _RawPage(status="image" if _image_names(page) else "blank")
        return _layout_page(frags, [float(v) for v in (box.left, box.bottom, box.right, box.top)])
    except Exception as exc:  # one bad page must not lose the others
        if "page-errors" not in doc.flags:
            doc.flags.append("page-errors")
        name = type(exc).__name__
        doc.warnings.append(f"page {index + 1} could not be read ({name}); left empty")
        return _RawPage(status="error")


def _content_kind(page: Any) -> str:
    """Tell pages that cannot hold text apart without parsing their content.

    Text needs a font, in the page's resources or in a form XObject's; a page
    with neither is blank, or an image-only scan.
    """
    resources = page.get("/Resources")
    if resources is None:
        return "text"  # let pypdf decide
    resources = resources.get_object()
    if "/Font" in resources:
        return "text"
    xobjects = resources.get("/XObject")
    if not xobjects:
        return "blank"
    xobjects = xobjects.get_object()
    kinds = {xobjects[name].get_object().get("/Subtype") for name in xobjects}
    return "image" if kinds == {"/Image"} else "text"


def _image_names(page: Any) -> list[str]:
    """Names of the image XObjects a page draws directly."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if not xobjects:
        return []
    xobjects = xobjects.get_object()
    return [n for n in xobjects if xobjects[n].get_object().get("/Subtype") == "/Image"]


def _fragment(
    text: str, cm: Any, tm: Any, font: Any, size: Any, seq: int = -1
) -> tuple[int, layout.Fragment]:
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = math.hypot(a, b) or 1.0
    angle = round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90
    name = str(font.get("/BaseFont", "")) if font is not None else ""
    fsize = float(size) * scale
    text = text.replace("\n", " ")
    # A run that ends in a space ("Keywords: ") keeps one: the next run is a new word.
    text = text.rstrip() + " " if text[-1:].isspace() and text.strip() else text
    return angle, layout.Fragment(text, x, y, fsize, name, seq)


def _layout_page(frags: list[tuple[int, layout.Fragment]], box: list[float]) -> _RawPage:
    if not frags:
        return _RawPage(status="blank")
    weight: dict[int, int] = {}
    for angle, frag in frags:
        weight[angle] = weight.get(angle, 0) + len(frag.text)
    main = max(weight, key=lambda k: weight[k])
    xs, ys = zip(
        *(layout.rotate(px, py, main) for px in (box[0], box[2]) for py in (box[1], box[3])),
        strict=True,
    )
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    upright = [_turn(f, main) for a, f in frags if a == main]
    edges = layout.edge_lines(upright)
    lines = layout.order_lines(upright, left, right)
    body_x0 = min(f.x for f in upright)
    body_x1 = max(f.x1 for f in upright)
    stamps: list[layout.Line] = []
    for angle in sorted(a for a in weight if a != main):
        # Sideways labels inside the body go after it, each read upright;
        # sideways stamps in a margin ("Downloaded from ...") are furniture.
        others = [(_turn(f, main).x, _turn(f, angle)) for a, f in frags if a == angle]
        inside = [f for x, f in others if body_x0 - 2 <= x <= body_x1 + 2]
        margin = [f for x, f in others if not body_x0 - 2 <= x <= body_x1 + 2]
        lines.extend((-1 - angle, ln) for ln in layout.build_lines(inside))
        stamps.extend(layout.build_lines(margin))
    # Digits count here: pages of a table differ in their numbers, a form printed twice does not.
    kept = (ln.text for _, ln in lines if not clean.is_page_number(ln.text))
    signature = " ".join(" ".join(kept).casefold().split())
    return _RawPage(lines=lines, edges=clean.PageRows(edges, bottom, top, signature), stamps=stamps)


def _turn(frag: layout.Fragment, angle: int) -> layout.Fragment:
    if angle == 0:
        return frag
    x, y = layout.rotate(frag.x, frag.y, angle)
    return layout.Fragment(frag.text, x, y, frag.size, frag.font, frag.seq)


def _assemble(doc: Document, raw: list[_RawPage]) -> None:
    """Remove running rows, clean the lines and fill in pages and metadata."""
    running = clean.find_running_rows([r.edges for r in raw])
    first_page_raw = paragraphs.make_blocks(raw[0].lines) if raw else []
    headers: list[str] = []
    footers: list[str] = []
    pages_blocks: list[list[paragraphs.Block]] = []
    for page, (head, foot) in zip(raw, running, strict=True):
        rows = page.edges.rows
        drop = [rows[i] for i in (*head, *foot)]
        kept = [(r, ln) for r, ln in page.lines if not _on_rows(ln, drop)]
        if page.lines and not kept:
            # What repeats on every page is the page itself ("Potato 3"): keep it.
            head, foot, kept = [], [], page.lines
        stamps = [ln.text for ln in page.stamps]
        headers.append("\n".join(clean.fix_characters(rows[i].text) for i in head))
        foot_texts = [rows[i].text for i in foot] + stamps
        footers.append("\n".join(clean.fix_characters(t) for t in foot_texts))
        pages_blocks.append(paragraphs.defer_captions(paragraphs.make_blocks(kept)))
        page.lines = []
    lines_of = [[_block_lines(b) for b in blocks] for blocks in pages_blocks]
    vocab = clean.build_vocabulary(line for page in lines_of for block in page for line in block)
    paras: list[list[metadata.Para]] = []
    for number, (blocks, page_lines) in enumerate(zip(pages_blocks, lines_of, strict=True), 1):
        page_paras = []
        for block, block_lines in zip(blocks, page_lines, strict=True):
            text = clean.repair_spacing(clean.join_lines(block_lines, vocab), vocab)
            if text:
                page_paras.append(
                    metadata.Para(text, block.size, block.bold, number, block.lines[0].y)
                )
        paras.append(page_paras)
        doc.pages.append(
            Page(
                number=number,
                text="\n\n".join(p.text for p in page_paras),
                header=headers[number - 1],
                footer=footers[number - 1],
            )
        )
    first = []
    for block in first_page_raw:
        raw_lines = tuple(clean.fix_characters(ln.text) for ln in block.lines)
        text = clean.join_lines(raw_lines, vocab)
        first.append(metadata.Para(text, block.size, block.bold, 1, block.lines[0].y, raw_lines))
    meta = metadata.extract_metadata(paras, first, " ".join(headers[:1] + footers[:1]))
    doc.title, doc.authors, doc.year, doc.doi = meta.title, meta.authors, meta.year, meta.doi
    doc.abstract, doc.sections, doc.references = meta.abstract, meta.sections, meta.references


def _block_lines(block: paragraphs.Block) -> list[str]:
    """A block's lines with characters fixed and list bullets removed."""
    lines = [clean.strip_bullet(clean.fix_characters(ln.text)) for ln in block.lines]
    if lines and block.marker:
        lines[0] = clean.strip_marker(lines[0], block.marker)
    return lines


def _on_rows(line: layout.Line, rows: list[layout.Line]) -> bool:
    """Whether a line lies on the baseline of a removed header/footer row."""
    return any(abs(line.y - r.y) <= 0.35 * max(r.size, line.size) for r in rows)


def _info_title(reader: PdfReader) -> str | None:
    """The Info dictionary title, used only when page 1 has no text at all."""
    try:
        meta = reader.metadata
    except Exception:  # a broken Info dictionary is no reason to fail the read
        return None
    title = meta.title if meta else None
    return str(title).strip() or None if title else None
