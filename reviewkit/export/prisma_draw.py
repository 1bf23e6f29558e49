"""Drawing the PRISMA 2020 flow diagram with matplotlib (no pyplot, no global state).

The layout is PRISMA 2020's for new reviews of databases and registers: a
header, phase bars (Identification, Screening, Included) on the left, the
main flow down the middle and the records taken out of it on the right. The
page is A4 portrait, taller when there are many sources or reasons. Text is
drawn as text (never parsed as mathtext) and escaped by the SVG writer.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from reviewkit.errors import ReviewkitError
from reviewkit.export.prisma import PrismaCounts

A4 = (8.27, 11.69)  # inches
FONT_SIZE = 10
LINE = FONT_SIZE * 1.4 / 72  # inches per line of text
PAD = 0.12
GAP = 0.38
MAX_GAP = 0.9
PHASE_FONT = 9.5
MAIN_X, MAIN_W = 1.05, 3.45
SIDE_X, SIDE_W = 4.9, 3.05
BAR_X, BAR_W = 0.3, 0.5
HEADER_FILL = "#f4c542"
PHASE_FILL = "#a9c8e8"
BOX_EDGE = "#333333"
FORMATS = (".svg", ".png", ".pdf")


@dataclass(frozen=True)
class Box:
    """A box of the PRISMA diagram: its text lines, centred or left-aligned."""

    lines: list[str]
    centred: bool = True

    @property
    def height(self) -> float:
        """The box's height in inches: its lines plus padding above and below."""
        return len(self.lines) * LINE + 2 * PAD


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    # Continuation lines of an indented item indent further, so items stay apart.
    more = indent + "  " if indent else ""
    # "\xa0" is a space textwrap never breaks at: a count "(n = 12)" stays on one line.
    text = text.replace("(n = ", "(n\xa0=\xa0")
    lines = textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=more)
    return [line.replace("\xa0", " ") for line in lines] or [indent]


def _n(n: int) -> str:
    return f"(n = {n:,})"


def _boxes(c: PrismaCounts) -> list[tuple[str, Box, Box | None]]:
    """(phase, main box, side box) per row of the diagram."""
    main_chars, side_chars = 43, 38
    sources = ["Records identified from:"]
    for name, n in c.sources.items() or {"(no records imported)": 0}.items():
        sources += _wrap(f"{name} {_n(n)}", main_chars - 2, "  ")
    if len(c.sources) > 1:
        sources.append(f"Total {_n(c.identified)}")
    screened = ["Records screened", _n(c.screened)]
    if c.awaiting_screening:
        screened += _wrap(f"Awaiting screening {_n(c.awaiting_screening)}", main_chars)
    if c.conflicts_screening:
        screened += _wrap(f"Unresolved conflicts {_n(c.conflicts_screening)}", main_chars)
    assessed = ["Reports assessed for eligibility", _n(c.assessed)]
    if c.awaiting_full_text:
        assessed += _wrap(f"Awaiting full-text assessment {_n(c.awaiting_full_text)}", main_chars)
    if c.undecided_full_text:
        assessed += _wrap(f"Unresolved conflicts or maybe {_n(c.undecided_full_text)}", main_chars)
    reasons = ["Reports excluded:"]
    for reason, n in c.excluded_reasons.items():
        reasons += _wrap(f"{reason} {_n(n)}", side_chars - 2, "  ")
    if not c.excluded_reasons:
        reasons.append("  (none)")
    return [
        (
            "Identification",
            Box(sources, centred=False),
            Box(
                [
                    "Records removed before screening:",
                    *_wrap(f"Duplicate records removed {_n(c.duplicates)}", side_chars - 2, "  "),
                    *(
                        _wrap(
                            f"Records marked as ineligible by automation tools {_n(c.automation)}",
                            side_chars - 2,
                            "  ",
                        )
                        if c.automation
                        else []
                    ),
                ],
                centred=False,
            ),
        ),
        ("Screening", Box(screened), Box(["Records excluded", _n(c.excluded_screening)])),
        (
            "Screening",
            Box(["Reports sought for retrieval", _n(c.sought)]),
            Box(["Reports not retrieved", _n(c.not_retrieved)]),
        ),
        (
            "Screening",
            Box(assessed),
            Box(reasons, centred=False),
        ),
        ("Included", Box(["Studies included in review", _n(c.included)]), None),
    ]


def _box(ax: Axes, x: float, top: float, w: float, h: float, box: Box, fill: str = "white") -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x, top - h),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=0.06",
            facecolor=fill,
            edgecolor=BOX_EDGE,
            linewidth=1.0,
        )
    )
    tx = x + w / 2 if box.centred else x + PAD
    ax.text(
        tx,
        top - h / 2,
        "\n".join(box.lines),
        ha="center" if box.centred else "left",
        va="center",
        fontsize=FONT_SIZE,
        linespacing=1.4,
        parse_math=False,
        multialignment="center" if box.centred else "left",
    )


def _fit_phase_labels(phases: list[str], heights: list[float]) -> None:
    """Make each phase's rows at least as tall as its rotated label (last row grows)."""
    for phase in dict.fromkeys(phases):
        rows = [i for i, p in enumerate(phases) if p == phase]
        span = sum(heights[i] for i in rows) + GAP * (len(rows) - 1)
        needed = len(phase) * PHASE_FONT * 0.68 / 72 + 0.3  # bold DejaVu: ~0.68 em a letter
        heights[rows[-1]] += max(0.0, needed - span)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "color": BOX_EDGE,
            "lw": 1.1,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 12,
        },
    )


def draw_prisma(counts: PrismaCounts, path: str | Path, title: str = "") -> Path:
    """Draw the diagram and save it; the format follows the suffix (.svg, .png, .pdf).

    Raises:
        ReviewkitError: for another suffix.
    """
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ReviewkitError(
            f"{path}: PRISMA diagrams are saved as {', '.join(FORMATS)}; "
            "choose one of those suffixes"
        )
    rows = _boxes(counts)
    heights = [max(m.height, s.height if s else 0.0) for _, m, s in rows]
    _fit_phase_labels([phase for phase, _, _ in rows], heights)
    notes = [line for n in counts.notes for line in _wrap(n, 110)]
    header_h = 0.45
    fixed = 0.5 + header_h + sum(heights) + 0.6 + len(notes) * 0.16
    # Spread the rows over an A4 page, up to a point; more rows make the page longer.
    gap = min(MAX_GAP, max(GAP, (A4[1] - fixed) / len(rows)))
    width, height = A4[0], max(A4[1], fixed + gap * len(rows))
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()

    top = height - 0.5
    if title:
        ax.text(
            width / 2,
            top + 0.22,
            title,
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            parse_math=False,
        )
    heading = Box(["Identification of studies via databases and registers"])
    _box(ax, MAIN_X, top, SIDE_X + SIDE_W - MAIN_X, header_h, heading, HEADER_FILL)
    top -= header_h + GAP
    tops: list[float] = []
    phase_spans: dict[str, list[float]] = {}
    for (phase, main, side), h in zip(rows, heights, strict=True):
        tops.append(top)
        _box(ax, MAIN_X, top, MAIN_W, h, main)
        if side is not None:
            _box(ax, SIDE_X, top, SIDE_W, h, side)
            _arrow(ax, (MAIN_X + MAIN_W, top - h / 2), (SIDE_X, top - h / 2))
        span = phase_spans.setdefault(phase, [top, top - h])
        span[1] = top - h
        top -= h + gap
    for i in range(len(rows) - 1):
        _arrow(ax, (MAIN_X + MAIN_W / 2, tops[i] - heights[i]), (MAIN_X + MAIN_W / 2, tops[i + 1]))
    for phase, (upper, lower) in phase_spans.items():
        ax.add_patch(
            FancyBboxPatch(
                (BAR_X, lower),
                BAR_W,
                upper - lower,
                boxstyle="round,pad=0,rounding_size=0.08",
                facecolor=PHASE_FILL,
                edgecolor="none",
            )
        )
        ax.text(
            BAR_X + BAR_W / 2,
            (upper + lower) / 2,
            phase,
            rotation=90,
            ha="center",
            va="center",
            fontsize=PHASE_FONT,
            fontweight="bold",
            parse_math=False,
        )
    for i, line in enumerate(notes):
        ax.text(
            MAIN_X,
            top + gap - 0.2 - i * 0.16,
            line,
            fontsize=7.5,
            color="#555555",
            va="top",
            parse_math=False,
        )
    _save(fig, path)
    return path


def _save(fig: Figure, path: Path) -> None:
    from matplotlib import rc_context

    # Text as <text> elements: searchable, small, and escaped by the SVG writer.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "reviewkit"}):
        try:
            fig.savefig(
                path,
                format=path.suffix.lower()[1:],
                dpi=200,
                metadata={"Date": None} if path.suffix.lower() == ".svg" else None,
            )
        except OSError as exc:
            raise ReviewkitError(
                f"{path}: cannot write ({exc.strerror}); check the folder"
            ) from exc
