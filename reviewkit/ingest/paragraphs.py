"""Ordered lines -> paragraphs: list items, table rows, captions.

The second half of page layout: `reviewkit.ingest.layout` turns positioned
fragments into lines in reading order; this module cuts those lines into
paragraphs (`Block`). Pure functions; nothing here knows about PDF files.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from reviewkit.ingest.layout import DASHES, Line, estimate_width, is_bullet

_DASH_MARKER_RE = re.compile(r"[-–—*−](?=\s)")
_NUMBER_MARKER_RE = re.compile(r"(?:\(?(?:\d{1,2}|[a-z]|[ivx]{2,4})\)|\d{1,2}\.)(?=\s)")
_CAPTION_RE = re.compile(r"^(figure|fig\.|table|exhibit|chart)\s*\d+[.:]", re.IGNORECASE)


@dataclass
class Block:
    """A paragraph: consecutive lines of one column region.

    Attributes:
        lines: the lines, in reading order.
        region: index of the column region the block came from.
        marker: the list marker the block starts with ("•", "-", "1.",
            "(a)") when it is a list item, else "".
    """

    lines: list[Line] = field(default_factory=list)
    region: int = 0
    marker: str = ""

    @property
    def size(self) -> float:
        """The font size of most of the block's characters."""
        weights: Counter[float] = Counter()
        for line in self.lines:
            weights[round(line.size, 1)] += len(line.text)
        return weights.most_common(1)[0][0] if weights else 0.0

    @property
    def bold(self) -> bool:
        """Whether most of the block's characters are bold."""
        total = sum(len(line.text) for line in self.lines) or 1
        return sum(len(line.text) for line in self.lines if line.bold) * 2 > total

    @property
    def text(self) -> str:
        """The lines joined by single spaces, without any cleaning."""
        return " ".join(line.text.strip() for line in self.lines)


def make_blocks(ordered: list[tuple[int, Line]]) -> list[Block]:
    """Cut ordered lines into paragraphs.

    A new paragraph starts at a vertical gap clearly larger than the usual
    line pitch (scaled for large print, so a title's lines stay together),
    at a small gap after a short line that ends a sentence, at a change of
    font size, at a list item (bullet glyph; dash or number in a list
    context, see `_starts_item`), at each table row, or where a new column
    region starts a new sentence. An item's wrapped lines join it; a line
    left of its marker ends it.
    """
    pairs = [
        (a.y - b.y, a.size)
        for (ra, a), (rb, b) in zip(ordered, ordered[1:], strict=False)
        if ra == rb and 0 < a.y - b.y < 3 * a.size and abs(a.size - b.size) < 0.6
    ]
    pitch = statistics.median_low(p for p, _ in pairs) if pairs else 0.0
    # Line pitch per point of font size: a title in large print is set with a
    # proportionally larger pitch, which is no paragraph gap.
    leading = statistics.median_low(p / s for p, s in pairs if s > 0) if pairs else 0.0
    extent: dict[int, tuple[float, float]] = {}
    for region, line in ordered:
        lo, hi = extent.get(region, (line.x0, line.x1))
        extent[region] = (min(lo, line.x0), max(hi, line.x1))
    blocks: list[Block] = []
    prev: Line | None = None
    prev_region = -1
    for region, line in ordered:
        block = blocks[-1] if blocks else None
        new = (
            prev is None
            or block is None
            or _starts_block(prev, line, prev_region, region, pitch, leading)
            or _ends_paragraph(prev, line, pitch, extent[region])
            # A line left of an item's marker ends the list.
            or bool(block.marker and line.x0 < block.lines[0].x0 - 0.3 * line.size)
            # Each row of a table is a paragraph of its own.
            or (is_table_row(line) and is_table_row(block.lines[0]))
        )
        marker = list_marker(line)
        if marker and not _starts_item(prev, line, marker, block):
            # A paragraph that opens with a marker is an item too ("Key points" / "- ...").
            marker = marker if new and prev is not None else ""
        if new or marker:
            blocks.append(Block(region=region, marker=marker))
        blocks[-1].lines.append(line)
        prev, prev_region = line, region
    return blocks


def _ends_paragraph(prev: Line, line: Line, pitch: float, extent: tuple[float, float]) -> bool:
    """A short last line ending a sentence, then a slightly wider gap: a new paragraph.

    Some layouts part paragraphs by little more than the line pitch; a gap
    that small counts only after a line that stops well short of the column,
    or before a run-in bold heading ("Results. We found ...").
    """
    gap = prev.y - line.y
    if not pitch or not pitch * 1.12 < gap < pitch * 2 or abs(prev.size - line.size) >= 0.6:
        return False
    left, right = extent
    short = prev.x1 - left < 0.75 * (right - left)
    run_in = line.lead_bold and line.parts[0][-1:] in ".:"
    return (short or run_in) and prev.text.rstrip()[-1:] in ".!?:" and not line.text[:1].islower()


def is_table_row(line: Line) -> bool:
    """Whether a line is a table row: a short first cell, then a wide gap, then more."""
    if len(line.parts) < 2 or len(line.xs) != len(line.parts) or len(line.parts[0]) > 30:
        return False
    end = line.xs[0] + estimate_width(line.parts[0], line.size)
    return line.xs[1] - end >= 2 * line.size


def list_marker(line: Line) -> str:
    """The list marker a line starts with ("•", "-", "1.", "(a)"), or "".

    Only a candidate: dashes and numbers also start wrapped lines of prose,
    so `make_blocks` checks the context before it starts an item.
    """
    text = line.text
    if is_bullet(text[:1]):
        return text[:1]
    match = _DASH_MARKER_RE.match(text) or _NUMBER_MARKER_RE.match(text)
    return match.group() if match else ""


def _starts_item(prev: Line | None, line: Line, marker: str, block: Block | None) -> bool:
    """Whether a line opening with a dash or number marker starts a list item.

    It does when the marker is a run of its own set apart from the text (as
    list typesetting draws it), when the line before ended a sentence or
    clause, or when it repeats the marker kind of the item above at its x.
    """
    if is_bullet(marker[:1]):
        return True
    drawn_apart = (
        len(line.parts) > 1
        and len(line.xs) > 1
        and line.parts[0] == marker
        and line.xs[1] - line.xs[0] >= estimate_width(marker, line.size) + 0.2 * line.size
    )
    return drawn_apart or _after_clause(prev, block, line, marker)


def _after_clause(prev: Line | None, block: Block | None, line: Line, marker: str) -> bool:
    """Whether a marker follows a finished sentence or clause, or repeats the item above."""
    if prev is None or block is None:
        return False
    if prev.text.rstrip()[-1:] in ".:;!?":
        return True
    first = block.lines[0]
    same_kind = (marker[:1] in DASHES) == (block.marker[:1] in DASHES)
    return bool(block.marker) and same_kind and abs(first.x0 - line.x0) <= 0.3 * line.size


def _starts_block(
    prev: Line, line: Line, prev_region: int, region: int, pitch: float, leading: float = 0.0
) -> bool:
    if _CAPTION_RE.match(line.text):
        return True
    if abs(prev.size - line.size) >= 0.6:
        return True
    if prev.bold != line.bold and (len(prev.text) < 80 or len(line.text) < 80):
        return True
    if region != prev_region:
        # A paragraph carries over a column break unless the sentence ended.
        ended = prev.text.rstrip()[-1:] in ".!?:" if prev.text.strip() else True
        first = line.text.lstrip()[:1]
        return ended and not first.islower()
    gap = prev.y - line.y
    if gap < 0:
        return True
    limit = pitch * 1.3 if pitch else prev.size * 1.6
    return gap > max(limit, leading * 1.3 * min(prev.size, line.size), line.size * 1.05)


def defer_captions(blocks: list[Block]) -> list[Block]:
    """Move figure captions out of the middle of running text.

    A float printed at the top of a column sits between the two halves of a
    paragraph; when the block after a caption continues a sentence (starts in
    lower case), the caption goes after that block and the halves are joined.
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is not None and _CAPTION_RE.match(block.text) and nxt.text[:1].islower():
            prev = out[-1] if out else None
            if prev is not None and prev.text.rstrip()[-1:] not in ".!?:" and prev.size == nxt.size:
                prev.lines.extend(nxt.lines)
            else:
                out.append(nxt)
            out.append(block)
            i += 2
            continue
        out.append(block)
        i += 1
    return out
