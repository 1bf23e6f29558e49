"""Drawing aids shared by the quagmire PNG and HTML: cluster styles and labels.

- Each cluster gets a distinct (colour, marker) pair: 10 qualitative colours,
  then the same colours with the next marker shape, so no two of the first
  60 clusters look alike.
- Points are labelled once per term per cluster (the point of that term
  nearest the term's own centre in that cluster), and each label is put at
  the first of a few offsets around its point where it overlaps no label and
  no other point placed so far; a label with no free spot is left out (the
  legend, the table and the hover text still carry the term).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reviewkit.search.corpus_definitions import fold_term

#: Ten clearly different qualitative colours (Tableau 10, matplotlib's default
#: cycle). Near-duplicate hues in a longer palette were hard to tell apart on
#: the demo map, so clusters 11-20 reuse these colours with a second marker
#: shape, 21-30 with a third, and so on: every cluster looks different from
#: every other, and two of the same colour always differ in shape.
PALETTE = (
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
)
#: Marker shapes, in matplotlib's names; the HTML draws the same shapes.
MARKERS = ("o", "s", "^", "D", "v", "P")


def style(cluster_id: int) -> tuple[str, str]:
    """(colour, marker) of a cluster (ids from 1): unique for the first 60."""
    i = cluster_id - 1
    return PALETTE[i % len(PALETTE)], MARKERS[(i // len(PALETTE)) % len(MARKERS)]


def colour(cluster_id: int) -> str:
    return style(cluster_id)[0]


def labelled_points(terms: Sequence[str], cluster_of: Sequence[int], xy: np.ndarray) -> list[int]:
    """One point per (folded term, cluster): the one nearest their centre."""
    groups: dict[tuple[str, int], list[int]] = {}
    for i, (term, c) in enumerate(zip(terms, cluster_of, strict=True)):
        groups.setdefault((fold_term(term), c), []).append(i)
    chosen = []
    for idx in groups.values():
        centre = xy[idx].mean(axis=0)
        chosen.append(idx[int(np.argmin(((xy[idx] - centre) ** 2).sum(axis=1)))])
    return sorted(chosen)


#: Candidate label positions relative to the point, in units of the point radius
#: (x right, y down): right, left, above, below, then the diagonals.
_OFFSETS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))


def place_labels(
    points: np.ndarray,
    sizes: Sequence[tuple[float, float]],
    order: Sequence[int],
    *,
    radius: float,
    bounds: tuple[float, float, float, float],
) -> dict[int, tuple[float, float]]:
    """Greedy label placement in screen units (y grows downwards).

    Args:
        points: (n, 2) screen positions of every point.
        sizes: (width, height) of each point's label text.
        order: the points to label, most important first.
        radius: the point radius; labels keep this far from points.
        bounds: (x0, y0, x1, y1) the labels must stay inside.

    Returns:
        point index -> (x, y): the left end of the label's baseline.
    """
    placed: list[tuple[float, float, float, float]] = []
    dots = [(x - radius, y - radius, x + radius, y + radius) for x, y in points]
    out: dict[int, tuple[float, float]] = {}
    gap = radius + 2
    for i in order:
        x, y = float(points[i][0]), float(points[i][1])
        w, h = sizes[i]
        for dx, dy in _OFFSETS:
            left = x + gap if dx > 0 else x - gap - w if dx < 0 else x - w / 2
            top = y - h / 2 + dy * (gap + h / 2)
            box = (left, top, left + w, top + h)
            if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
                continue
            if any(_overlap(box, b) for b in placed) or any(
                _overlap(box, d) for j, d in enumerate(dots) if j != i
            ):
                continue
            placed.append(box)
            out[i] = (left, top + h * 0.8)
            break
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
