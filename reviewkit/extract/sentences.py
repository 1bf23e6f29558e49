"""Sentence segmentation with character offsets into page text.

Rules, not a model: scholarly prose is full of full stops that do not end
sentences ("et al.", "e.g.", "p. 94", "W. Leutz"), and of line structure that
does (headings without full stops, bullet and list items). A sentence never
crosses a paragraph break, a line break or a page break, and never splits a
short quotation (a quoted definition stays whole).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reviewkit.document import Document


def word_list(text: str) -> list[str]:
    """The whitespace-separated words of `text` (for readable word tables)."""
    return text.split()


#: Words that end with a full stop without ending the sentence (lower-cased,
#: without the stop).
ABBREVIATIONS = frozenset(
    word_list(
        """
        al e.g eg i.e ie cf vs v viz etc approx ca c p pp fig figs no nos vol vols ed eds dr
        mr mrs ms prof st jr sr inc ltd co corp dept univ ch chap sec sect para paras art n
        nn op cit ibid resp incl esp ref refs suppl tab eq eqs min max est govt approx. ie.
        al. e.g. i.e. jan feb mar apr jun jul aug sep sept oct nov dec
        """
    )
)

#: Characters that open a bullet item inside a paragraph.
BULLETS = "•▪◦●■□➢►‣⁃∙·"

_OPEN_QUOTES = {"‘": "’", "“": "”", '"': '"', "«": "»"}
_MAX_PROTECTED_QUOTE = 600

# A candidate boundary: terminal punctuation, optional closers, whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'’”»)\]]*(?=\s)")
_LIST_MARK = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|[-–—*])\s+")
_BULLET_SPLIT = re.compile(rf"\s+(?=[{re.escape(BULLETS)}]\s)")
_DASH_LINE = re.compile(r"\s*[-–]\s?[A-Z‘“\"']")
_DASH_SPLIT = re.compile(
    rf"\s+(?=[{re.escape(BULLETS)}]\s)|(?<=[.;!?’”\"'])\s+(?=[-–]\s?[A-Z‘“\"'])"
)


def starts_item(text: str) -> bool:
    """Whether a sentence opens with a bullet or a dash list marker."""
    return bool(re.match(rf"\s*(?:[{re.escape(BULLETS)}]|[-–*]\s?(?=[A-Z‘“\"']))", text))


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
    # Inline bullets ("... • item • item") each start a new item; so do dashes
    # when the line itself opens with one ("-Partnership: ... -Pooled budget: ...").
    splitter = _DASH_SPLIT if _DASH_LINE.match(text, start, end) else _BULLET_SPLIT
    for m in splitter.finditer(text, start, end):
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
        if any(a < m.start() and stop < b for a, b in protected):
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
    # Initials ("W. Leutz", "J.R.R.") and single letters do not end a
    # sentence; a bare number before the stop ("in 2010.") does.
    return not re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word)


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


@dataclass(frozen=True)
class Paragraph:
    """Consecutive sentences of one page with no line break between them."""

    page: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        """The paragraph's sentences joined by single spaces."""
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class ListBlock:
    """A lead-in ending with a colon and the list items that follow it.

    Attributes:
        lead: the paragraph whose last sentence ends with ":".
        items: one paragraph per item, in document order.
    """

    lead: Paragraph
    items: tuple[Paragraph, ...]


def group_paragraphs(doc: Document, sentences: list[Sentence]) -> list[Paragraph]:
    """Group sentences into paragraphs (a newline between two sentences ends one)."""
    out: list[Paragraph] = []
    current: list[Sentence] = []
    for s in sentences:
        if current:
            prev = current[-1]
            if prev.page != s.page or "\n" in doc.page(s.page).text[prev.end : s.start]:
                out.append(_paragraph(current))
                current = []
        current.append(s)
    if current:
        out.append(_paragraph(current))
    return out


def _paragraph(sents: list[Sentence]) -> Paragraph:
    return Paragraph(sents[0].page, sents[0].start, sents[-1].end, tuple(sents))


_ITEM_START = re.compile(
    rf"\s*(?:[{re.escape(BULLETS)}]|[-–—*]\s|\(?\d{{1,2}}[.)]\s|\(?[a-z][.)]\s)"
)
_GLOSSARY_START = re.compile(r"[\w‘“\"'(][^:.;!?]{0,60}?\s?[:–—]\s")


def is_item_like(par: Paragraph, first_item: Paragraph | None = None) -> bool:
    """Whether a paragraph reads as one item of a list (the default rule)."""
    text = par.text
    if _ITEM_START.match(text) or _GLOSSARY_START.match(text):
        return True
    words = text.split()
    if first_item is not None and words:
        first_words = first_item.text.split()
        if first_words and words[0].lower() == first_words[0].lower() and len(words) < 80:
            return True
    return len(words) <= 12 and not text.rstrip().endswith(":")


def list_blocks(
    doc: Document,
    sentences: list[Sentence],
    is_item: Callable[[Paragraph, Paragraph | None], bool] | None = None,
    max_items: int = 12,
) -> list[ListBlock]:
    """Find lists: a paragraph ending with ":" followed by item paragraphs.

    Inline bullet items inside the lead-in's own paragraph also count (each
    bulleted sentence becomes an item).

    Args:
        doc: the document the sentences come from.
        sentences: `split_sentences(doc)`.
        is_item: optional predicate ``(paragraph, first_item) -> bool``
            replacing `is_item_like`.
        max_items: stop collecting after this many items.
    """
    pred = is_item or is_item_like
    pars = group_paragraphs(doc, sentences)
    blocks: list[ListBlock] = []
    for i, par in enumerate(pars):
        colon_at = [k for k, s in enumerate(par.sentences) if s.text.rstrip().endswith(":")]
        if not colon_at:
            continue
        k = colon_at[-1]
        inline = [s for s in par.sentences[k + 1 :] if starts_item(s.text)]
        if len(inline) >= 2:
            lead = _paragraph(list(par.sentences[: k + 1]))
            blocks.append(ListBlock(lead, tuple(_paragraph([s]) for s in inline)))
            continue
        if k != len(par.sentences) - 1:
            continue
        items: list[Paragraph] = []
        for nxt in pars[i + 1 : i + 1 + max_items]:
            if not pred(nxt, items[0] if items else None):
                break
            items.append(nxt)
            if nxt.text.rstrip().endswith(":"):
                break
        if items:
            blocks.append(ListBlock(par, tuple(items)))
    return blocks


_REF_HEADING = re.compile(
    r"(?:#{1,6}\s*)?(?:\d+\.?\s*)?(?:references|bibliography|reference\s+list|works\s+cited|"
    r"literature\s+cited|notes\s+and\s+references|references\s+and\s+notes)\s*:?",
    re.I,
)
_REF_ENTRY = re.compile(
    r"(?:\[?\d{1,3}[.\])]\s+)?(?:[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?,?\s+(?:[A-Z]\.?\s?){1,3}[,.]|"
    r"[A-Z][\w’'\-]+,\s+(?:[A-Z]\.\s?){1,3}|"
    # "GallantJE, DeJesusE, ...": initials glued to the surname by the text layer.
    r"[A-Z][a-z’'\-]+[A-Z]{1,3},\s+[A-Z])"
)


def reference_paragraphs(paragraphs: list[Paragraph]) -> set[tuple[int, int]]:
    """Keys ``(page, start)`` of paragraphs that belong to the reference list.

    Everything after a "References" heading counts, and so does any
    paragraph shaped like an entry ("Leutz W. Five laws ... 1999").
    """
    out: set[tuple[int, int]] = set()
    in_refs = False
    for par in paragraphs:
        text = par.text.strip()
        if _REF_HEADING.fullmatch(text):
            in_refs = True
            out.add((par.page, par.start))
            continue
        entry = bool(_REF_ENTRY.match(text)) and bool(re.search(r"\b(?:19|20)\d{2}\b", text))
        if in_refs or entry:
            out.add((par.page, par.start))
    return out
