"""What a search index leaves out: front matter, keywords lines and reference lists.

Pure functions over a parsed document. A question a reviewer asks is answered
by the body of a paper, yet its title and author block (every word of the
title, on page 1), its keywords line and its reference list (the titles of
forty other papers on the same subject) share the question's words and meaning
and crowd the top results. :func:`furniture_spans` names those spans of each
page so that :func:`reviewkit.search.chunks.chunk_document` makes no passage
of them; the page text itself is untouched (``reviewkit text`` still prints it).

What counts, paragraph by paragraph (a paragraph is a run of lines between
blank lines):

- front matter: on page 1, everything before the body starts, where the body
  is an "Abstract", "Summary", "Background", "Introduction" (and the like)
  heading or the first paragraph of prose (300+ characters). Nothing is left
  out when page 1 has no such start, unless page 1 is a short title page (only
  headings) of a longer document;
- a keywords line ("Keywords: ...", "Index terms - ...") anywhere;
- a reference list: from a "References" (or "Bibliography", "Literature
  cited", ...) heading to the next Markdown heading, across pages; and any run
  of three or more paragraphs that each read like a citation (a number, names,
  a year, a volume or DOI).
"""

from __future__ import annotations

import re

from reviewkit.document import Document

#: Paragraphs of this length or more are prose: the body has started.
PROSE_CHARS = 300
#: Front matter longer than this is not front matter (the start was missed).
MAX_FRONT_CHARS = 2500
#: A page 1 shorter than this, of a longer document, is a title page.
TITLE_PAGE_CHARS = 300
#: Consecutive citation-like paragraphs that make a reference list without a heading.
CITATION_RUN = 3

_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*", re.M)
_MD_HEADING = re.compile(r"#{1,6}\s")
_BODY_START = re.compile(
    r"^(?:#{1,6}\s*)?(?:\d+\.?\s*)?(?:abstract|summary|background|introduction|key messages|"
    r"objectives?|aims?|purpose|overview|executive summary|author summary|highlights)\b",
    re.I,
)
_REF_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\d+\.?\s*)?(?:references?(?: list| cited)?|bibliography|"
    r"literature cited|works cited|cited literature|sources|literatur)\s*:?\s*$",
    re.I,
)
_KEYWORDS = re.compile(r"^(?:#{1,6}\s*)?(?:key ?words?|index terms|mesh terms)\s*[:—–-]", re.I)
_CITATION_START = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)]|[-*•]\s)?\s*\S")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d[a-z]?\b")
_CITATION_MARK = re.compile(
    r"\bet al\b|\bdoi\b|\d+\s*\(\d+\)|\d+\s*:\s*\d+|\bpp?\.\s*\d|\bvol\.|"
    r"\b(?:J|Journal|Lancet|BMJ|PLoS|Rev|Med|Proc)\b",
    re.I,
)
_NAME_LIST = re.compile(
    r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])?\s*[A-Z][\w'’-]+,?\s+(?:[A-Z]{1,3}\b|[A-Z]\.)"
)

Span = tuple[int, int]


def paragraphs(text: str) -> list[Span]:
    """(start, end) of each paragraph of a page text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def is_heading(paragraph: str) -> bool:
    """A Markdown heading, or a short single line with no sentence end (a PDF heading)."""
    if _MD_HEADING.match(paragraph):
        return True
    return "\n" not in paragraph and len(paragraph) < 80 and not paragraph.rstrip().endswith(".")


def is_citation(paragraph: str) -> bool:
    """Reads like one entry of a reference list."""
    if len(paragraph) > 1200 or not _YEAR.search(paragraph):
        return False
    return bool(_NAME_LIST.match(paragraph) and _CITATION_MARK.search(paragraph))


def furniture_spans(doc: Document) -> dict[int, list[Span]]:
    """Per page number, the spans of its text no passage is made of (sorted)."""
    out: dict[int, list[Span]] = {}
    in_refs = False
    for page in doc.pages:
        text = page.text
        spans: list[Span] = []
        paras = paragraphs(text)
        if page.number == 1:
            spans.extend(_front_matter(text, paras, several_pages=len(doc.pages) > 1))
        run: list[Span] = []
        for a, b in paras:
            para = text[a:b]
            if _REF_HEADING.match(para.strip()):
                in_refs = True
            elif in_refs and _MD_HEADING.match(para):
                in_refs = False
            if in_refs or _KEYWORDS.match(para):
                spans.append((a, b))
            if is_citation(para):
                run.append((a, b))
                continue
            if len(run) >= CITATION_RUN:
                spans.extend(run)
            run = []
        if len(run) >= CITATION_RUN:
            spans.extend(run)
        if spans:
            out[page.number] = _merge(spans)
    return out


def _front_matter(text: str, paras: list[Span], *, several_pages: bool) -> list[Span]:
    for i, (a, b) in enumerate(paras):
        para = text[a:b]
        if _BODY_START.match(para) or (b - a >= PROSE_CHARS and not is_heading(para)):
            if i == 0 or a > MAX_FRONT_CHARS:
                return []
            return [(paras[0][0], paras[i - 1][1])]
    title_page = all(_MD_HEADING.match(text[a:b]) or is_heading(text[a:b]) for a, b in paras)
    if several_pages and paras and title_page and len(text.strip()) < TITLE_PAGE_CHARS:
        return [(paras[0][0], paras[-1][1])]
    return []


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
