"""Positioned text fragments -> lines -> columns -> reading order.

Pure functions over small dataclasses; nothing here knows about PDF files.
Coordinates follow PDF user space: x grows to the right, y grows upwards,
so "top of the page" means a large y.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

#: Glyphs that mark list items; removed from the start of a line.
BULLETS = frozenset("•●▪■◦‣∙⁃▸►✓✔\uf0b7\uf0a7\uf076\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89")

# Unicode blocks whose glyphs slides and reports draw as bullets: arrows,
# geometric shapes (triangles, squares, circles), miscellaneous symbols,
# dingbats, supplemental arrows and symbols, and the private-use area that
# Wingdings and Symbol fonts map to.
_BULLET_BLOCKS = (
    (0x2190, 0x21FF),
    (0x25A0, 0x25FF),
    (0x2600, 0x27BF),
    (0x27F0, 0x27FF),
    (0x2900, 0x297F),
    (0x2B00, 0x2BFF),
    (0xE000, 0xF8FF),
)


def is_bullet(ch: str) -> bool:
    """Whether `ch` is one bullet glyph of any shape ("•", "▶", "➢", "\uf0d8")."""
    if len(ch) != 1:
        return False
    if ch in BULLETS:
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _BULLET_BLOCKS)


#: Characters that mark list items when a space follows them at the start of an item.
DASHES = frozenset("-–—*−")
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
        xs: where each of `parts` starts (empty when unknown).
        lead_bold: whether the first run is bold and the line is not
            (a run-in heading: "**Methods.** We ...").
    """

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool = False
    parts: tuple[str, ...] = ()
    xs: tuple[float, ...] = ()
    lead_bold: bool = False


def estimate_width(text: str, size: float) -> float:
    """Estimate the printed width of `text` at font size `size`.

    Uses rough average glyph widths of common text fonts; good to about 10%
    over a line, which is all column detection needs.
    """
    # Counting classes in C (translate, count) is several times faster than
    # a Python loop over long lines; same result as summing _UNITS.
    marked = text.translate(_CLASS_TABLE)
    extra = sum(delta * marked.count(mark) for mark, delta in _CLASS_DELTAS)
    return size * (0.5 * len(text) + extra)


_UNITS: dict[str, float] = {
    **{ch: 0.5 for ch in "abcdeghknopqsuvxyz0123456789"},
    **{ch: 0.28 for ch in "iljtfr.,;:'!|()[]`’‘ "},
    **{ch: 0.68 for ch in "ABCDEFGHIJKLNOPQRSTUVXYZ"},
    **{ch: 0.85 for ch in "mwMW@%"},
}


# Characters whose width differs from the default 0.5 em, by class: a mark
# (a supplementary private-use character) and its difference from 0.5.
_CLASS_DELTAS = [(chr(0xF0001 + i), w - 0.5) for i, w in enumerate(sorted(set(_UNITS.values())))]
_CLASS_TABLE = str.maketrans(
    {ch: chr(0xF0001 + sorted(set(_UNITS.values())).index(w)) for ch, w in _UNITS.items()}
)


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

    Fragments whose baselines differ by less than a third of the smaller
    size are on the same line (a drop capital does not pull three lines into
    one); superscripts and subscripts join the line they belong to.
    """
    return [_make_line(group) for group in _attach_centred_cells(group_rows(fragments))]


def _attach_centred_cells(rows: list[list[Fragment]]) -> list[list[Fragment]]:
    """Put a table cell printed centred beside a two-line cell on the first line.

    A row label ("Structural") set midway between the two lines of the cell
    to its right would otherwise be read between them.
    """
    i = 1
    while i < len(rows) - 1:
        above, row, below = rows[i - 1], rows[i], rows[i + 1]
        start = min(f.x for f in above)
        size = row[0].size
        if (
            row[0].x < start - size
            and abs(start - min(f.x for f in below)) <= 1.0
            and max(f.x1 for f in row) < start - 0.5 * size
            and abs((above[0].y - row[0].y) - (row[0].y - below[0].y)) <= 0.3 * size
            and above[0].y - below[0].y <= 3.5 * size
        ):
            rows[i - 1] = [dataclasses.replace(f, y=above[0].y) for f in row] + above
            del rows[i]
        i += 1
    return rows


def group_rows(fragments: list[Fragment]) -> list[list[Fragment]]:
    """The fragments of each baseline, top to bottom (see `build_lines`).

    A row of small runs raised a little above the row below it (superscript
    affiliation marks, footnote marks, exponents) joins that row, as a row of
    small runs just below a row (subscripts) joins the row above: they are
    part of its line, not lines of their own.
    """
    frags = sorted((f for f in fragments if f.text.strip()), key=lambda f: (-f.y, f.x))
    rows: list[list[Fragment]] = []
    group: list[Fragment] = []
    for frag in frags:
        if group and abs(group[0].y - frag.y) > min(group[0].size, frag.size) * 0.35:
            rows.append(group)
            group = []
        group.append(frag)
    if group:
        rows.append(group)
    return _attach_scripts(rows)


def _attach_scripts(rows: list[list[Fragment]]) -> list[list[Fragment]]:
    out: list[list[Fragment]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        below = rows[i + 1] if i + 1 < len(rows) else None
        if below is not None and _is_script_of(row, below, raised=True):
            rows[i + 1] = below + [dataclasses.replace(f, y=below[0].y) for f in row]
        elif out and _is_script_of(row, out[-1], raised=False):
            out[-1] = out[-1] + [dataclasses.replace(f, y=out[-1][0].y) for f in row]
        else:
            out.append(row)
        i += 1
    return out


def _is_script_of(row: list[Fragment], base: list[Fragment], *, raised: bool) -> bool:
    """Whether `row` is superscripts (`raised`) or subscripts of `base`'s line.

    Marks, exponents and indices are short runs; a line of small print (a
    footnote, an affiliation) set close to a column beside it is not one.
    """
    if any(len(f.text.strip()) > 8 for f in row):
        return False
    size = max(f.size for f in base)
    if max(f.size for f in row) > 0.85 * size:
        return False
    lift = row[0].y - base[0].y if raised else base[0].y - row[0].y
    if not 0 < lift <= (0.6 if raised else 0.4) * size:
        return False
    lo, hi = min(f.x for f in base), max(f.x1 for f in base)
    slack = max(3 * size, 0.15 * (hi - lo))  # right edges are estimates
    follows = {f.seq + 1 for f in base if f.seq >= 0}
    return all(lo - size <= f.x <= hi + slack or f.seq in follows for f in row)


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
        xs=tuple(f.x for f in group),
        lead_bold=len(group) > 1 and is_bold(group[0].font) and bold_chars * 2 <= total,
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
    ends: list[float] = []  # estimated once, when a candidate needs them
    by_y: list[tuple[float, float, float]] = []
    rows: list[list[Fragment]] = []
    for cand in sorted({round(f.x, 1) for f in starts if lo <= f.x <= hi}):
        beside = [f for f in starts if cand - 0.5 <= f.x <= cand + 0.15 * width]
        at_cand = [f for f in beside if f.x <= cand + 4]
        if len(at_cand) < 3:
            continue
        ends = ends or [f.x1 for f in starts]
        if len(beside) < need:
            by_y = by_y or sorted((f.y, f.x, end) for f, end in zip(starts, ends, strict=True))
            if _paired(at_cand, by_y, cand) < 4:
                continue
        # Only lines beside the column count: a full-width block above or
        # below it (an abstract over a sidebar and a column) is a band of its own.
        top = max(f.y for f in at_cand) + at_cand[0].size
        bottom = min(f.y for f in at_cand) - at_cand[0].size
        left_ends = [
            end
            for f, end in zip(starts, ends, strict=True)
            if f.x < cand - 8 and bottom <= f.y <= top
        ]
        if len(left_ends) < 4:
            return None
        crossing = sum(1 for end in left_ends if end > cand + 0.35 * (right - cand))
        if crossing > 0.4 * len(left_ends):
            return None
        rows = rows or group_rows(starts)
        if not _flows_across(rows, cand):
            return cand - 2
    return None


def _flows_across(rows: list[list[Fragment]], cand: float) -> bool:
    """Whether text runs on across `cand` on many rows: no gutter there.

    An author list with affiliation marks, or a line set in several runs,
    has runs starting at one x in mid-page, but the run before each of them
    ends just short of it (or is the run before it in the stream), with a
    word's space between them instead of a gutter.
    """
    both = flowing = 0
    for row in rows:
        before = [f for f in row if f.x < cand]
        after = [f for f in row if f.x >= cand]
        if not before or not after:
            continue
        last = max(before, key=lambda f: f.x)
        first = min(after, key=lambda f: f.x)
        if is_bullet(last.text.strip()) or is_bullet(first.text.strip()):
            continue  # a list item's bullet and its text
        both += 1
        gap = first.x - last.x1
        size = max(last.size, first.size)
        if gap < 0.3 * size or (first.seq == last.seq + 1 and gap < 1.0 * size):
            flowing += 1
    return flowing >= max(3, 0.5 * both)


def _paired(at_cand: list[Fragment], by_y: list[tuple[float, float, float]], cand: float) -> int:
    """How many runs starting at `cand` have left-hand text beside them.

    A short right column (the last lines of an article beside a full left
    one) has too few lines to count, but every one of them sits beside
    left-hand text that ends before it: a table row or a wide line does not.
    `by_y` holds (y, x, estimated right edge) of every run, sorted.
    """
    paired = 0
    for f in at_cand:
        lo = bisect.bisect_left(by_y, (f.y - f.size, -math.inf, -math.inf))
        hi = bisect.bisect_right(by_y, (f.y + f.size, math.inf, math.inf))
        near = [end for _, x, end in by_y[lo:hi] if x < cand - 8]
        if near and max(near) < cand:
            paired += 1
    return paired


def order_lines(
    fragments: list[Fragment], left: float, right: float, depth: int = 0
) -> list[tuple[int, Line]]:
    """Put a page's text in reading order, returning (region, line) pairs.

    With two columns, rows that span the gutter (titles, full-width
    abstracts, wide boxes) cut the page into horizontal bands. A band whose
    left-hand lines fill their column is read left column first, then right
    column; a band whose left-hand lines are short cells (a table, a form)
    is read row by row. Each column of a band is ordered the same way in
    turn (a sidebar beside two columns, a table inside one), down to three
    levels. Every fragment ends up in exactly one line. Regions number the
    column-runs so that paragraphs never span two of them by accident.
    """
    split = find_column_split(fragments, left, right)
    if split is None:
        return [(0, line) for line in build_lines(fragments)]
    threshold = split + 0.35 * (right - split)
    # Each row is either one spanning line or a left part and a right part.
    spanning: list[list[Fragment]] = []
    left_rows: list[list[Fragment]] = []
    right_rows: list[list[Fragment]] = []
    for row in group_rows(fragments):
        lefts = [f for f in row if f.x < split]
        rights = [f for f in row if f.x >= split]
        # A lone mark right of the split ends the left-hand text ("hope or hype" + "?").
        stray = lefts and len(rights) == 1 and _is_mark(rights[0].text)
        if stray or any(f.x1 > threshold for f in lefts):
            # The whole row, right-hand runs on its baseline included.
            spanning.append(row)
            continue
        if lefts:
            left_rows.append(lefts)
        if rights:
            right_rows.append(rights)
    out: list[tuple[int, Line]] = []
    region = 0
    cuts = [row[0].y for row in spanning]
    # Each band lies below one spanning row and above the next one.
    bounds = [math.inf, *cuts, -math.inf]
    for i in range(len(bounds) - 1):
        top, bottom = bounds[i], bounds[i + 1]
        if i > 0:
            out.append((region, _make_line(spanning[i - 1])))
        band_left = [r for r in left_rows if bottom < r[0].y < top]
        band_right = [r for r in right_rows if bottom < r[0].y < top]
        if band_left and band_right and not _is_column_text(band_left, band_right, split):
            region += 1
            cells = [f for r in band_left + band_right for f in r]
            out.extend((region, ln) for ln in build_lines(cells))
        else:
            for rows, lo, hi in ((band_left, left, split), (band_right, split, right)):
                if not rows:
                    continue
                region += 1
                if depth >= 2:
                    out.extend((region, _make_line(r)) for r in _attach_centred_cells(rows))
                    continue
                inner = order_lines([f for r in rows for f in r], lo, hi, depth + 1)
                out.extend((region + sub, ln) for sub, ln in inner)
                region += max(sub for sub, _ in inner)
        region += 1
    return out


def _is_mark(text: str) -> bool:
    """Punctuation on its own ("?", ".", ")."): it cannot start a column's line."""
    bare = text.strip()
    return 0 < len(bare) <= 2 and not any(ch.isalnum() for ch in bare)


def _is_column_text(
    lefts: list[list[Fragment]], rights: list[list[Fragment]], split: float
) -> bool:
    """Whether the two sides of a band are columns of text, not table cells.

    Lines of running text reach most of the way to the gutter (all but the
    last of each paragraph) or hold several words each; the cells of a table
    or a form are short and end well short of it, and where one side is
    prose, the other side's short lines sit on its baselines.
    """
    if len(lefts) < 3:
        return True
    col_left = min(f.x for r in lefts for f in r)
    width = split - col_left
    full = sum(1 for r in lefts if max(f.x1 for f in r) - col_left >= 0.7 * width)
    if width <= 0 or full >= 0.5 * len(lefts):
        return True
    words = (_median_words(lefts), _median_words(rights))
    if min(words) >= 5:
        return True  # prose on both sides
    if max(words) < 5:
        return False  # short cells on both sides
    # One side is prose. A table's short labels sit on its baselines (or
    # centred between two); a sidebar is set on a grid of its own.
    ys = sorted(r[0].y for r in rights)
    ys = sorted(ys + [(a + b) / 2 for a, b in itertools.pairwise(ys)])  # or centred on two
    aligned = sum(1 for r in lefts if _near(ys, r[0].y, 1.0))
    return aligned < 0.6 * len(lefts)


def _near(sorted_ys: list[float], y: float, tolerance: float) -> bool:
    i = bisect.bisect_left(sorted_ys, y - tolerance)
    return i < len(sorted_ys) and sorted_ys[i] <= y + tolerance


def _median_words(rows: list[list[Fragment]]) -> float:
    return statistics.median(sum(len(f.text.split()) for f in r) for r in rows)
