"""The quagmire map as a PNG for a paper (matplotlib, Agg backend, no display)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from reviewkit.synthesise.quagmire import QuagmireMap
from reviewkit.synthesise.quagmire.layout import labelled_points, place_labels, style

#: Points labelled at most; beyond this the legend and the HTML carry the terms.
MAX_LABELS = 80
FONT_SIZE = 7
MARKER_SIZE = 46


def render_png(qmap: QuagmireMap, path: str | Path, *, dpi: int = 150) -> Path:
    """Draw the 2-D map styled by cluster, terms labelled without overlap, with a legend.

    Each cluster has its own colour and marker; each term is labelled once per
    cluster, where its label overlaps no other label or point.
    """
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    path = Path(path)
    fig, ax = plt.subplots(figsize=(11, 7.5), dpi=dpi)
    xy = qmap.coords
    for cluster in qmap.clusters:
        idx = list(cluster.members)
        colour, marker = style(cluster.id)
        label = _wrap(f"{cluster.id}. {cluster.label} ({len(idx)})")
        ax.scatter(
            xy[idx, 0],
            xy[idx, 1],
            s=MARKER_SIZE,
            color=colour,
            marker=marker,
            label=label,
            edgecolors="white",
            linewidths=0.6,
            zorder=2,
        )
    ax.set_title(
        f"Definitions by meaning: {len(qmap.items)} definitions, {len(qmap.clusters)} clusters"
    )
    ax.set_xlabel("principal component 1")
    ax.set_ylabel("principal component 2")
    ax.grid(True, color="#eee", zorder=0)
    if qmap.clusters:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=7,
            frameon=False,
            title="cluster: commonest term(s): gist of the most central definition",
            title_fontsize=7,
        )
    fig.tight_layout()
    if len(qmap.items) and len(qmap.items) <= MAX_LABELS:
        _label(fig, ax, qmap, dpi)
    fig.savefig(path, format="png")
    plt.close(fig)
    return path


def _label(fig: Any, ax: Any, qmap: QuagmireMap, dpi: int) -> None:
    """Label one point per term per cluster where the label fits (screen pixels)."""
    fig.canvas.draw()
    height = fig.bbox.height
    disp = ax.transData.transform(qmap.coords)
    points = np.column_stack([disp[:, 0], height - disp[:, 1]])  # y down
    px = dpi / 72
    texts = [_short(item.term, 26) for item in qmap.items]
    sizes = [(len(t) * FONT_SIZE * 0.56 * px, FONT_SIZE * 1.25 * px) for t in texts]
    box = ax.get_window_extent()
    bounds = (box.x0, height - box.y1, box.x1, height - box.y0)
    chosen = labelled_points([i.term for i in qmap.items], qmap.cluster_of, qmap.coords)
    # Terms of big clusters first: they matter most, and crowd the most.
    size = {c.id: len(c.members) for c in qmap.clusters}
    chosen.sort(key=lambda i: -size[qmap.cluster_of[i]])
    radius = np.sqrt(MARKER_SIZE) / 2 * px
    placed = place_labels(points, sizes, chosen, radius=radius, bounds=bounds)
    inverse = ax.transData.inverted()
    for i, (x, y) in placed.items():
        dx, dy = inverse.transform((x, height - y))
        ax.text(
            dx, dy, texts[i], fontsize=FONT_SIZE, color="#333", ha="left", va="baseline", zorder=3
        )


def _wrap(text: str, width: int = 58, lines: int = 2) -> str:
    """A legend entry on at most `lines` lines, the rest cut with an ellipsis."""
    import textwrap

    out = textwrap.wrap(text, width, subsequent_indent="    ")
    if len(out) > lines:
        out = [*out[: lines - 1], _short(" ".join(out[lines - 1 :]), width)]
    return "\n".join(out)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
