"""The quagmire map as ONE self-contained HTML file.

Inline SVG for the 2-D map, a few lines of inline JavaScript for hover
tooltips (each point also has an SVG <title>, so the text shows without
JavaScript), and a term x cluster table. No network: no external scripts,
styles, fonts or images. Every piece of document text is escaped.
"""

from __future__ import annotations

import html
from collections import Counter

import numpy as np

from reviewkit.search.corpus_definitions import fold_term
from reviewkit.synthesise.quagmire import QuagmireMap
from reviewkit.synthesise.quagmire.layout import (  # noqa: F401  (colour re-exported)
    PALETTE,
    colour,
    labelled_points,
    place_labels,
    style,
)

WIDTH, HEIGHT, PAD = 760, 520, 40
RADIUS = 7.0
FONT_SIZE = 11
#: Room right of the rightmost point for its label.
LABEL_ROOM = 170

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#222;
max-width:1100px}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
svg{border:1px solid #ccc;background:#fff}
.pt{stroke:#fff;stroke-width:1}.pt:hover{stroke:#000;stroke-width:2}
#tip{position:fixed;display:none;max-width:360px;background:#fffff0;border:1px solid #888;
padding:6px 8px;font-size:12px;pointer-events:none;box-shadow:2px 2px 4px rgba(0,0,0,.2)}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px}
th{background:#f3f3f3;text-align:left}td.n{text-align:center}
.sw{display:inline-block;vertical-align:middle;margin-right:4px}
.legend div{margin:2px 0;font-size:13px}.muted{color:#666}
"""

_JS = """
(function(){var tip=document.getElementById('tip');
document.querySelectorAll('.pt[data-term]').forEach(function(c){
c.addEventListener('mousemove',function(e){tip.textContent='';
var b=document.createElement('b');b.textContent=c.dataset.term;tip.appendChild(b);
[c.dataset.source,c.dataset.definition].forEach(function(t){var d=document.createElement('div');
d.textContent=t;tip.appendChild(d);});
tip.style.display='block';tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';});
c.addEventListener('mouseleave',function(){tip.style.display='none';});});})();
"""


def render_html(qmap: QuagmireMap, *, title: str = "Quagmire map: definitions by meaning") -> str:
    """The whole page as a string (write it with UTF-8)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="muted">{len(qmap.items)} definitions in {len(qmap.clusters)} clusters '
        f"({e(str(qmap.metrics.get('method', '')))}, distance threshold "
        f"{e(str(qmap.metrics.get('distance_threshold', '')))}). Hover a point for its term, "
        "source and definition.</p>",
        _svg(qmap),
        '<div class="legend">',
        *(
            f"<div>{_swatch(c.id)}"
            f'<b>{c.id}</b> {e(c.label)} <span class="muted">({len(c.members)})</span></div>'
            for c in qmap.clusters
        ),
        "</div>",
        _findings(qmap),
        "<h2>Terms by cluster</h2>",
        _table(qmap),
        "<h2>Clusters</h2>",
        _members(qmap),
        '<div id="tip"></div>',
        f"<script>{_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _source(qmap: QuagmireMap, i: int) -> str:
    item = qmap.items[i]
    bits = [item.title or item.doc_sha256[:12]]
    if item.page:
        bits.append(f"p. {item.page}")
    if item.attributed_to:
        bits.append(f"after {item.attributed_to}")
    return ", ".join(bits)


def _svg(qmap: QuagmireMap) -> str:
    e = html.escape
    xy = qmap.coords
    out = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="map of definitions">'
    ]
    if len(xy):
        xs, ys = xy[:, 0], xy[:, 1]
        x0, x1 = float(xs.min()), float(xs.max())
        y0, y1 = float(ys.min()), float(ys.max())
        sx = (WIDTH - PAD - LABEL_ROOM) / (x1 - x0) if x1 > x0 else 0.0
        sy = (HEIGHT - 2 * PAD) / (y1 - y0) if y1 > y0 else 0.0
        points = np.array(
            [
                (
                    PAD + (x - x0) * sx if sx else WIDTH / 2,
                    HEIGHT - PAD - (y - y0) * sy if sy else HEIGHT / 2,
                )
                for x, y in xy
            ]
        )
        for i, (px, py) in enumerate(points):
            item, c = qmap.items[i], qmap.cluster_of[i]
            src = _source(qmap, i)
            attrs = (
                f'class="pt" data-term="{e(item.term)}" data-source="{e(src)}" '
                f'data-definition="{e(item.definition)}"'
            )
            title = f"<title>{e(item.term)} ({e(src)}): {e(item.definition)}</title>"
            out.append(_shape(c, px, py, RADIUS, attrs, title))
        texts = [_short(item.term, 28) for item in qmap.items]
        sizes = [(len(t) * FONT_SIZE * 0.58, FONT_SIZE * 1.2) for t in texts]
        chosen = labelled_points([i.term for i in qmap.items], qmap.cluster_of, xy)
        size = {c.id: len(c.members) for c in qmap.clusters}
        chosen.sort(key=lambda i: -size[qmap.cluster_of[i]])
        placed = place_labels(
            points, sizes, chosen, radius=RADIUS, bounds=(0, 0, float(WIDTH), float(HEIGHT))
        )
        for i, (lx, ly) in sorted(placed.items()):
            out.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="{FONT_SIZE}" fill="#333">'
                f"{e(texts[i])}</text>"
            )
    out.append("</svg>")
    return "".join(out)


def _shape(cluster_id: int, x: float, y: float, r: float, attrs: str = "", inner: str = "") -> str:
    """The cluster's marker as an SVG element centred on (x, y)."""
    fill, marker = style(cluster_id)
    if marker == "o":
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" {attrs}>{inner}</circle>'
        )
    if marker == "s":
        a = r * 0.9
        return (
            f'<rect x="{x - a:.1f}" y="{y - a:.1f}" width="{2 * a:.1f}" height="{2 * a:.1f}" '
            f'fill="{fill}" {attrs}>{inner}</rect>'
        )
    shapes = {
        "^": ((0, -1.1), (1, 0.8), (-1, 0.8)),
        "v": ((0, 1.1), (1, -0.8), (-1, -0.8)),
        "D": ((0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0)),
        "P": (
            (-0.35, -1),
            (0.35, -1),
            (0.35, -0.35),
            (1, -0.35),
            (1, 0.35),
            (0.35, 0.35),
            (0.35, 1),
            (-0.35, 1),
            (-0.35, 0.35),
            (-1, 0.35),
            (-1, -0.35),
            (-0.35, -0.35),
        ),
    }
    pts = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in shapes[marker])
    return f'<polygon points="{pts}" fill="{fill}" {attrs}>{inner}</polygon>'


def _swatch(cluster_id: int) -> str:
    """A small legend marker: the cluster's shape and colour."""
    shape = _shape(cluster_id, 5, 5, 4.5)
    return f'<svg class="sw" width="10" height="10" viewBox="0 0 10 10">{shape}</svg>'


def _findings(qmap: QuagmireMap) -> str:
    e = html.escape
    poly = (
        "".join(
            f"<li><b>{e(t)}</b>: clusters {', '.join(str(c) for c in cs)}</li>"
            for t, cs in qmap.polysemous_terms
        )
        or "<li>none</li>"
    )
    syn = (
        "".join(f"<li>cluster {c}: {e(', '.join(terms))}</li>" for c, terms in qmap.synonym_groups)
        or "<li>none</li>"
    )
    return (
        "<h2>Same term, different meanings (polysemous terms)</h2>"
        f"<ul>{poly}</ul>"
        "<h2>Different terms, same meaning (synonym groups)</h2>"
        f"<ul>{syn}</ul>"
    )


def _table(qmap: QuagmireMap) -> str:
    e = html.escape
    counts: dict[str, Counter[int]] = {}
    shown: dict[str, str] = {}
    for item, c in zip(qmap.items, qmap.cluster_of, strict=True):
        key = fold_term(item.term)
        counts.setdefault(key, Counter())[c] += 1
        shown.setdefault(key, item.term)
    ids = [c.id for c in qmap.clusters]
    head = "".join(f'<th title="{e(c.label)}">{_swatch(c.id)}{c.id}</th>' for c in qmap.clusters)
    rows = []
    for key in sorted(counts, key=lambda k: (-len(counts[k]), shown[k].lower())):
        cells = "".join(f'<td class="n">{counts[key][c] or ""}</td>' for c in ids)
        rows.append(f"<tr><th>{e(shown[key])}</th>{cells}</tr>")
    return f"<table><tr><th>term</th>{head}</tr>{''.join(rows)}</table>"


def _members(qmap: QuagmireMap) -> str:
    e = html.escape
    out = []
    for c in qmap.clusters:
        out.append(f"<h3>{_swatch(c.id)}{c.id}. {e(c.label)}</h3><ul>")
        for i in c.members:
            item = qmap.items[i]
            out.append(
                f"<li><b>{e(item.term)}</b>: {e(item.definition)} "
                f'<span class="muted">({e(_source(qmap, i))})</span></li>'
            )
        out.append("</ul>")
    return "".join(out)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
