"""Keyword highlighting as pure functions: spans first, styled text second.

A keyword matches whole words, case-insensitively ("rat" marks "rat" and "Rat",
never "rate" or "ratings"); ending it with ``*`` makes it a stem ("integrat*"
marks "integration" and "Integrated"). A keyword may hold spaces ("in vitro").
Where an include and an exclude keyword overlap, the longer match wins, then
the include keyword.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.text import Text

INCLUDE = "include"
EXCLUDE = "exclude"

#: Styles of highlighted keywords; the TUI's theme never overrides them.
STYLES = {INCLUDE: "bold black on green", EXCLUDE: "bold white on red"}
#: Styles of screening labels wherever the TUI shows one.
LABEL_STYLES = {"include": "bold green", "exclude": "bold red", "maybe": "bold yellow"}


@dataclass(frozen=True, order=True)
class Span:
    """A keyword match: ``text[start:end]`` is the matched word.

    Attributes:
        start: offset of the match's first character.
        end: offset after the match's last character (the whole word).
        kind: ``"include"`` or ``"exclude"``.
    """

    start: int
    end: int
    kind: str


@lru_cache(maxsize=64)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({k.strip().lower() for k in keywords if k.strip()}, key=len, reverse=True)
    alternatives = [
        # A stem at a word start, extended to the end of the word it begins; else the word.
        rf"{re.escape(w[:-1].rstrip())}[\w'-]*" if w.endswith("*") else rf"{re.escape(w)}(?!\w)"
        for w in words
        if w.rstrip("*").strip()
    ]
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})", re.IGNORECASE)


def keyword_spans(text: str, include: Sequence[str], exclude: Sequence[str]) -> list[Span]:
    """Find the include and exclude keywords in `text`.

    Args:
        text: the text to search (title, abstract...).
        include: keywords (words, or stems ending in ``*``) highlighted as reasons to include.
        exclude: keywords highlighted as reasons to exclude.

    Returns:
        Non-overlapping spans sorted by start.
    """
    found: list[Span] = []
    for kind, keywords in ((INCLUDE, include), (EXCLUDE, exclude)):
        pattern = _pattern(tuple(keywords))
        if pattern is not None:
            found.extend(Span(m.start(), m.end(), kind) for m in pattern.finditer(text))
    # Longest first, include before exclude on ties; then drop overlaps.
    found.sort(key=lambda s: (s.start, -(s.end - s.start), s.kind != INCLUDE))
    kept: list[Span] = []
    for span in found:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def highlighted(
    text: str,
    include: Sequence[str],
    exclude: Sequence[str],
    *,
    base_style: str = "",
) -> Text:
    """`text` as Rich text with its keywords styled (see :data:`STYLES`)."""
    rich = Text(text, style=base_style)
    for span in keyword_spans(text, include, exclude):
        rich.stylize(STYLES[span.kind], span.start, span.end)
    return rich


def marked(text: str, spans: Iterable[tuple[int, int]], style: str = "reverse") -> Text:
    """`text` with each ``(start, end)`` span styled, e.g. a quote in its page."""
    rich = Text(text)
    for start, end in spans:
        rich.stylize(style, max(0, start), min(len(text), end))
    return rich
