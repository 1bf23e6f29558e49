"""Positioned text fragments -> lines -> columns -> reading order.

Pure functions over small dataclasses; nothing here knows about PDF files.
Coordinates follow PDF user space: x grows to the right, y grows upwards,
so "top of the page" means a large y.
"""

from __future__ import annotations

import functools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

#: Glyphs that mark list items; removed from the start of a line.
BULLETS = frozenset("•●▪■◦‣∙⁃▸►✓✔\uf0b7\uf0a7\uf076\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89")

_CAPTION_RE = re.compile(r"^(figure|fig\.|table|exhibit|chart)\s*\d+[.:]", re.IGNORECASE)
_MONO_FONT = re.compile(r"mono|courier|cmtt|consol|typewriter|code", re.IGNORECASE)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|cmbx|\bbx", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fragment:
    """A run of text drawn at one position in one font.

    Attributes:
        text: the characters, without line breaks.
        x: left edge of the run's baseline start.
        y: baseline height.
        size: effective font size (font size times the text scaling).
        font: the font's name, used to tell bold headings from body text.
        seq: position in the content stream; -1 when unknown.
    """

    text: str
    x: float
    y: float
    size: float
    font: str = ""
    seq: int = -1

    @property
    def x1(self) -> float:
        """Estimated right edge (PDF fonts are not measured here)."""
        if is_mono(self.font):
            return self.x + 0.525 * self.size * len(self.text)
        return self.x + estimate_width(self.text, self.size)


@dataclass(frozen=True, slots=True)
class Line:
    """Fragments sharing a baseline, joined left to right.

    Attributes:
        text: the line's characters.
        x0: left edge.
        x1: estimated right edge.
        y: baseline height.
        size: the dominant font size on the line.
        bold: whether most characters are in a bold font.
        parts: the texts of the fragments, left to right.
    """

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool = False
    parts: tuple[str, ...] = ()


@dataclass
class Block:
    """A paragraph: consecutive lines of one column region.

    Attributes:
        lines: the lines, in reading order.
        region: index of the column region the block came from.
    """

    lines: list[Line] = field(default_factory=list)
    region: int = 0

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


def estimate_width(text: str, size: float) -> float:
    """Estimate the printed width of `text` at font size `size`.

    Uses rough average glyph widths of common text fonts; good to about 10%
    over a line, which is all column detection needs.
    """
    units = _UNITS
    return size * sum(units.get(ch, 0.5) for ch in text)


_UNITS: dict[str, float] = {
    **{ch: 0.5 for ch in "abcdeghknopqsuvxyz0123456789"},
    **{ch: 0.28 for ch in "iljtfr.,;:'!|()[]`’‘ "},
    **{ch: 0.68 for ch in "ABCDEFGHIJKLNOPQRSTUVXYZ"},
    **{ch: 0.85 for ch in "mwMW@%"},
}


@functools.lru_cache(maxsize=512)
def is_bold(font: str) -> bool:
    """Whether a font name denotes a bold face."""
    return bool(_BOLD_FONT.search(font))


@functools.lru_cache(maxsize=512)
def is_mono(font: str) -> bool:
    """Whether a font name denotes a fixed-width (typewriter) face."""
    return bool(_MONO_FONT.search(font))


def rotate(x: float, y: float, degrees: int) -> tuple[float, float]:
    """Rotate a point so that text drawn at `degrees` reads left to right."""
    if degrees % 360 == 0:
        return x, y
    rad = math.radians(degrees)
    cos, sin = round(math.cos(rad)), round(math.sin(rad))
    return x * cos + y * sin, -x * sin + y * cos


def build_lines(fragments: list[Fragment]) -> list[Line]:
    """Group fragments into lines by baseline, top to bottom.

    Fragments whose baselines differ by less than a third of their size are
    on the same line (superscripts and small font changes stay attached).
    """
    return [_make_line(group) for group in group_rows(fragments)]


def group_rows(fragments: list[Fragment]) -> list[list[Fragment]]:
    """The fragments of each baseline, top to bottom (see `build_lines`)."""
    frags = sorted((f for f in fragments if f.text.strip()), key=lambda f: (-f.y, f.x))
    rows: list[list[Fragment]] = []
    group: list[Fragment] = []
    for frag in frags:
        if group and abs(group[0].y - frag.y) > max(group[0].size, frag.size) * 0.35:
            rows.append(group)
            group = []
        group.append(frag)
    if group:
        rows.append(group)
    return rows


def edge_lines(fragments: list[Fragment], top: int = 4, bottom: int = 3) -> list[Line]:
    """The first `top` and last `bottom` lines of a page, where running heads live."""
    rows = group_rows(fragments)
    if len(rows) > top + bottom:
        rows = rows[:top] + rows[-bottom:]
    return [_make_line(group) for group in rows]


def _make_line(group: list[Fragment]) -> Line:
    group = sorted(group, key=lambda f: f.x)
    text = ""
    end = -math.inf
    prev: Fragment | None = None
    for frag in group:
        piece = frag.text
        if prev is not None and not text[-1].isspace() and not piece[0].isspace():
            # Consecutive runs of the stream were already spaced by pypdf,
            # which knows the real glyph widths; only estimate otherwise.
            follows = prev.seq >= 0 and frag.seq == prev.seq + 1
            if not follows and frag.x - end > frag.size * 0.15:
                text += " "
        text += piece
        end = max(end, frag.x1)
        prev = frag
    weights: Counter[float] = Counter()
    bold_chars = 0
    for frag in group:
        n = len(frag.text.strip())
        weights[round(frag.size, 1)] += n
        if is_bold(frag.font):
            bold_chars += n
    total = sum(weights.values()) or 1
    return Line(
        text=" ".join(text.split()),
        x0=group[0].x,
        x1=end,
        y=statistics.median(f.y for f in group),
        size=weights.most_common(1)[0][0],
        bold=bold_chars * 2 > total,
        parts=tuple(f.text.strip() for f in group),
    )


def find_column_split(fragments: list[Fragment], left: float, right: float) -> float | None:
    """Return the x where a right-hand column starts, or None for one column.

    A right column shows as many fragments starting at one x in the middle of
    the page, on baselines that left-hand text also uses (or lies beside),
    while left-hand lines end before that x.
    """
    width = right - left
    if width <= 0:
        return None
    starts = [f for f in fragments if f.text.strip()]
    if len(starts) < 8:
        return None
    lo, hi = left + 0.3 * width, left + 0.7 * width
    need = max(4, 0.12 * len(starts))
    for cand in sorted({round(f.x, 1) for f in starts if lo <= f.x <= hi}):
        beside = [f for f in starts if cand - 0.5 <= f.x <= cand + 0.15 * width]
        at_cand = [f for f in beside if f.x <= cand + 4]
        if len(beside) < need or len(at_cand) < 3:
            continue
        left_frags = [f for f in starts if f.x < cand - 8]
        if len(left_frags) < 4:
            return None
        crossing = sum(1 for f in left_frags if f.x1 > cand + 0.35 * (right - cand))
        if crossing <= 0.4 * len(left_frags):
            return cand - 2
    return None


def order_lines(fragments: list[Fragment], left: float, right: float) -> list[tuple[int, Line]]:
    """Put a page's text in reading order, returning (region, line) pairs.

    With two columns, lines that span the gutter (titles, full-width
    abstracts, wide boxes) cut the page into horizontal bands; each band is
    read left column first, then right column. Regions number the
    column-runs so that paragraphs never span two of them by accident.
    """
    split = find_column_split(fragments, left, right)
    if split is None:
        return [(0, line) for line in build_lines(fragments)]
    left_lines = build_lines([f for f in fragments if f.x < split])
    right_lines = build_lines([f for f in fragments if f.x >= split])
    threshold = split + 0.35 * (right - split)
    spanning = [ln for ln in left_lines if ln.x1 > threshold]
    columns = [ln for ln in left_lines if ln.x1 <= threshold]
    out: list[tuple[int, Line]] = []
    region = 0
    cuts = sorted({ln.y for ln in spanning}, reverse=True)
    # Each band lies below one spanning line and above the next one.
    bounds = [math.inf, *cuts, -math.inf]
    for i in range(len(bounds) - 1):
        top, bottom = bounds[i], bounds[i + 1]
        if i > 0:
            for ln in spanning:
                if ln.y == top:
                    out.append((region, ln))
        band_left = [ln for ln in columns if bottom < ln.y < top]
        band_right = [ln for ln in right_lines if bottom < ln.y < top]
        if band_left:
            region += 1
            out.extend((region, ln) for ln in band_left)
        if band_right:
            region += 1
            out.extend((region, ln) for ln in band_right)
        region += 1
    return out


def make_blocks(ordered: list[tuple[int, Line]]) -> list[Block]:
    """Cut ordered lines into paragraphs.

    A new paragraph starts at a vertical gap clearly larger than the usual
    line pitch, at a change of font size, at a list bullet, or where a new
    column region starts a new sentence.
    """
    pitches = [
        a.y - b.y
        for (ra, a), (rb, b) in zip(ordered, ordered[1:], strict=False)
        if ra == rb and 0 < a.y - b.y < 3 * a.size and abs(a.size - b.size) < 0.6
    ]
    pitch = statistics.median(pitches) if pitches else 0.0
    blocks: list[Block] = []
    prev: Line | None = None
    prev_region = -1
    for region, line in ordered:
        if prev is None or _starts_block(prev, line, prev_region, region, pitch):
            blocks.append(Block(region=region))
        blocks[-1].lines.append(line)
        prev, prev_region = line, region
    return blocks


def _starts_block(prev: Line, line: Line, prev_region: int, region: int, pitch: float) -> bool:
    if line.text[:1] in BULLETS or _CAPTION_RE.match(line.text):
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
    return gap > max(limit, line.size * 1.05)


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
