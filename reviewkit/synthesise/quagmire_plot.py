"""The quagmire map as a PNG for a paper (matplotlib, Agg backend, no display)."""

from __future__ import annotations

from pathlib import Path

from reviewkit.synthesise.quagmire import QuagmireMap
from reviewkit.synthesise.quagmire_html import colour

#: Points labelled at most; beyond this the legend and the HTML carry the terms.
MAX_LABELS = 80


def render_png(qmap: QuagmireMap, path: str | Path, *, dpi: int = 150) -> Path:
    """Draw the 2-D map coloured by cluster, points labelled by term, with a legend."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    path = Path(path)
    fig, ax = plt.subplots(figsize=(10, 7), dpi=dpi)
    xy = qmap.coords
    for cluster in qmap.clusters:
        idx = list(cluster.members)
        label = f"{cluster.id}. {_short(cluster.label, 48)} ({len(idx)})"
        ax.scatter(
            xy[idx, 0],
            xy[idx, 1],
            s=46,
            color=colour(cluster.id),
            label=label,
            edgecolors="white",
            linewidths=0.6,
            zorder=2,
        )
    if len(qmap.items) <= MAX_LABELS:
        for i, item in enumerate(qmap.items):
            ax.annotate(
                _short(item.term, 26),
                (xy[i, 0], xy[i, 1]),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=7,
                color="#333",
                zorder=3,
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
            title="cluster",
            title_fontsize=8,
        )
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)
    return path


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
