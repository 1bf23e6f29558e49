"""Passages: paragraph-sized, sentence-aligned chunks of one page.

Pure functions. A passage never crosses a page, starts and ends on sentence
boundaries (unless one sentence alone is longer than a passage may be), and
satisfies ``page.text[char_start:char_end] == text``. Short paragraphs
(headings, bullet items) are joined to the paragraphs after them so that a
passage carries enough words to be found by meaning.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reviewkit.document import Document
from reviewkit.extract.sentences import split_page
from reviewkit.search.furniture import furniture_spans

#: Passages stay under the model's 256-token window (about 1,100 characters).
MAX_CHARS = 900
#: A paragraph shorter than this is joined to the next one on its page.
MIN_CHARS = 250
#: Sentences of a passage are embedded too, joined into units of at least this
#: (about one sentence: 60 beat 120 and 250 on the tuning questions, and held
#: on the held-out ones; single sentences and 2-sentence windows were no better).
UNIT_MIN_CHARS = 60

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Passage:
    """A span of one page's text.

    Attributes:
        page: 1-based page number.
        char_start: offset of the first character in the page text.
        char_end: offset after the last character.
        text: ``page.text[char_start:char_end]``.
    """

    page: int
    char_start: int
    char_end: int
    text: str

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """The key embeddings are cached under: sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunk_document(
    doc: Document,
    *,
    max_chars: int = MAX_CHARS,
    min_chars: int = MIN_CHARS,
    body_only: bool = True,
) -> list[Passage]:
    """Every passage of `doc`, page by page, in reading order.

    Args:
        body_only: leave out front matter, keywords lines and reference lists
            (:mod:`reviewkit.search.furniture`); False passes every word.
    """
    skips = furniture_spans(doc) if body_only else {}
    out: list[Passage] = []
    for page in doc.pages:
        out.extend(
            chunk_page(
                page.text,
                page.number,
                max_chars=max_chars,
                min_chars=min_chars,
                skip=skips.get(page.number, ()),
            )
        )
    return out


def chunk_page(
    text: str,
    page: int,
    *,
    max_chars: int = MAX_CHARS,
    min_chars: int = MIN_CHARS,
    skip: Sequence[tuple[int, int]] = (),
) -> list[Passage]:
    """Split one page's text into passages.

    Sentences are packed greedily: a passage ends at a paragraph break once it
    holds at least `min_chars`, and before a sentence that would take it past
    `max_chars`. A paragraph ending in a colon stays with what follows it.

    Args:
        text: the page text (paragraphs separated by a blank line).
        page: the page number recorded in each passage.
        max_chars: the longest a passage may be.
        min_chars: paragraphs shorter than this are joined to the next.
        skip: (start, end) spans of the text no passage takes a sentence of;
            a passage never reaches across one.
    """
    spans: list[tuple[int, int]] = []
    cut_before: set[int] = set()
    skipped = False
    for s in split_page(text, page):
        mid = (s.start + s.end) // 2
        if any(a <= mid < b for a, b in skip):
            skipped = True
            continue
        pieces = _pieces(text, s.start, s.end, max_chars)
        if skipped:
            cut_before.add(pieces[0][0])
            skipped = False
        spans.extend(pieces)
    passages: list[Passage] = []
    start = end = -1
    for a, b in spans:
        if start < 0:
            start, end = a, b
            continue
        if a in cut_before:
            passages.append(Passage(page, start, end, text[start:end]))
            start, end = a, b
            continue
        # A paragraph ending in a colon introduces the list or quote after it.
        at_break = _PARAGRAPH_BREAK.search(text, end, a) is not None and text[end - 1] != ":"
        if (at_break and end - start >= min_chars) or b - start > max_chars:
            passages.append(Passage(page, start, end, text[start:end]))
            start = a
        end = b
    if start >= 0:
        if (
            passages
            and end - start < min_chars
            and end - passages[-1].char_start <= max_chars
            and start not in cut_before
        ):
            # A short tail (the end of a paragraph cut by the page) joins the passage before.
            start = passages.pop().char_start
        passages.append(Passage(page, start, end, text[start:end]))
    return passages


def sentence_units(text: str, *, min_chars: int = UNIT_MIN_CHARS) -> list[str]:
    """The passage's sentences, short ones joined, for finer-grained vectors.

    A question often matches one sentence of a passage better than the whole;
    semantic search scores a passage by its own vector and its best unit.
    Returns [] when the passage is a single unit (its own vector covers it).
    """
    spans: list[tuple[int, int]] = []
    start = end = -1
    for s in split_page(text, 1):
        if start < 0:
            start = s.start
        end = s.end
        if end - start >= min_chars:
            spans.append((start, end))
            start = -1
    if start >= 0:
        if spans and end - start < min_chars:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    units = [text[a:b] for a, b in spans]
    return units if len(units) > 1 else []


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split a sentence longer than `max_chars` at whitespace; else keep it whole."""
    out = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out
