"""Sentence segmentation with character offsets into page text.

Rules, not a model: scholarly prose is full of full stops that do not end
sentences ("et al.", "e.g.", "p. 94", "W. Leutz"), and of line structure that
does (headings without full stops, bullet and list items). A sentence never
crosses a paragraph break, a line break or a page break, and never splits a
short quotation (a quoted definition stays whole).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewkit.document import Document

#: Words that end with a full stop without ending the sentence (lower-cased,
#: without the stop).
ABBREVIATIONS = frozenset(
    """
    al e.g eg i.e ie cf vs v viz etc approx ca c p pp fig figs no nos vol vols ed eds
    dr mr mrs ms prof st jr sr inc ltd co corp dept univ ch chap sec sect para
    paras art n nn op cit ibid resp incl esp ref refs suppl tab eq eqs min max
    est govt approx. ie. al. e.g. i.e. jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

#: Characters that open a bullet item inside a paragraph.
BULLETS = "•▪◦●■□➢►‣⁃∙·"

_OPEN_QUOTES = {"‘": "’", "“": "”", '"': '"', "«": "»"}
_MAX_PROTECTED_QUOTE = 600

# A candidate boundary: terminal punctuation, optional closers, whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'’”»)\]]*(?=\s)")
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|[-–—*])\s+")
_BULLET_SPLIT = re.compile(rf"\s+(?=[{re.escape(BULLETS)}]\s)")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or list item, or heading) of one page.

    Attributes:
        page: 1-based page number.
        start: offset of the first character in the page text.
        end: offset after the last character; ``page.text[start:end] == text``.
        text: the sentence as it appears in the page text.
    """

    page: int
    start: int
    end: int
    text: str


def split_sentences(doc: Document) -> list[Sentence]:
    """Split every page of `doc` into sentences, in reading order."""
    out: list[Sentence] = []
    for page in doc.pages:
        out.extend(split_page(page.text, page.number))
    return out


def split_page(text: str, page: int) -> list[Sentence]:
    """Split one page's text into sentences with offsets into `text`.

    Args:
        text: the page text (paragraphs separated by blank lines).
        page: the page number recorded in each sentence.
    """
    out: list[Sentence] = []
    for line_start, line_end in _lines(text):
        for start, end in _split_block(text, line_start, line_end):
            out.append(Sentence(page, start, end, text[start:end]))
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines; any newline ends a sentence."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one line (a paragraph in reader output) into sentence spans."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    # Inline bullets ("... • item • item") each start a new item.
    for m in _BULLET_SPLIT.finditer(text, start, end):
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))

    spans: list[tuple[int, int]] = []
    for a, b in pieces:
        spans.extend(_split_prose(text, a, b))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _split_prose(text: str, start: int, end: int) -> list[tuple[int, int]]:
    protected = _quoted_spans(text, start, end)
    spans = []
    cursor = start
    # A leading list number ("1." or "(a)") is part of its item, not a sentence.
    lead = _LIST_MARK.match(text, start, end)
    search_from = lead.end() if lead else start
    for m in _BOUNDARY.finditer(text, search_from, end):
        stop = m.end()
        if any(a < m.start() < b for a, b in protected):
            continue
        if not _is_boundary(text, cursor, m.start(), stop, end):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    return spans


def _is_boundary(text: str, sent_start: int, punct: int, stop: int, end: int) -> bool:
    nxt = re.compile(r"\s+(\S)").match(text, stop, end)
    if not nxt:
        return False
    ch = nxt.group(1)
    if not (ch.isupper() or ch.isdigit() or ch in "‘“\"'([«" + BULLETS):
        return False
    if ch in "([" and not re.match(r"[(\[]\s*[A-Z]", text[nxt.start(1) : nxt.start(1) + 3]):
        return False
    if text[punct] != ".":
        return True
    word_m = re.search(r"(\S+)$", text[sent_start:punct])
    if not word_m:
        return True
    word = word_m.group(1).lstrip("([‘“\"'")
    low = word.lower()
    if low in ABBREVIATIONS or low.rstrip(".") in ABBREVIATIONS:
        # "etc." and "al." may still end a sentence; we keep them joined,
        # because a spurious split costs more than a long sentence.
        return False
    # Initials ("W. Leutz", "J.R.R.") and single letters.
    if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
        return False
    # "p. 94" style locators and numbered items written "No. 3": a number
    # right after an abbreviation is handled above; a bare number before the
    # stop ("in 2010.") does end a sentence.
    return True


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Short quotations inside [start, end) that must not be split."""
    spans = []
    i = start
    while i < end:
        ch = text[i]
        close = _OPEN_QUOTES.get(ch)
        at_word_start = i == start or not text[i - 1].isalnum()
        if close and at_word_start:
            j = _find_close(text, i + 1, min(end, i + 1 + _MAX_PROTECTED_QUOTE), close)
            if j is not None:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def _find_close(text: str, start: int, end: int, close: str) -> int | None:
    for j in range(start, end):
        if text[j] != close:
            continue
        after = text[j + 1] if j + 1 < len(text) else " "
        # "children’s" uses the closing mark as an apostrophe.
        if close in "’'" and after.isalpha():
            continue
        return j
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
