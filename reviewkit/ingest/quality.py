"""Scoring extracted page text against a truth file (corpus/truth/*.json).

Pure functions shared by the tests and `benchmarks/ingest_quality.py`.
A truth file holds per page `text` (the body in reading order), `header`
and `footer` (optionally split into `header_parts` / `footer_parts`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewkit.ingest.clean import LIGATURES

_WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“(\[0-9])")
_HYPHEN_FRAGMENT_RE = re.compile(r"\b[^\W\d_]{2,}- [a-z]{2,}\b")


def fold(text: str) -> str:
    """Collapse all whitespace runs to single spaces."""
    return " ".join(text.split())


def words(text: str) -> Counter[str]:
    """The multiset of normalised words: case-folded, dashes and punctuation split off."""
    return Counter(w.casefold().replace("’", "'") for w in _WORD_RE.findall(text))


def alnum_words(text: str) -> list[str]:
    """Letters-and-digits runs, accents and case folded: "Méxi-co" -> ["mexi", "co"].

    Decomposing first makes a composed "é" and pypdf's "´e" the same word;
    modifier letters and spacing accents ("ˆ", "´") are dropped likewise.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Lm", "Sk")
    )
    return re.findall(r"[^\W_]+", bare.casefold())


def words_lost(reference: str, kept: str) -> list[str]:
    """Words of `reference` that `kept` no longer holds, as often as they are missing.

    `reference` is what a plain extractor (pypdf) read from a page; `kept` all
    reviewkit keeps of that page (body, running header and footer). A word
    counts as kept where it occurs inside the kept letters with spaces removed,
    so rejoined hyphens ("con- text"), repaired spacing ("base d") and
    reordered columns are not losses; text dropped altogether is. Nor is a
    word the reference glued together from pieces that reviewkit keeps as
    words of their own, set apart ("oftext", a subscript "U1", a label "72").
    """
    tokens = alnum_words(kept)
    have = "".join(tokens)
    known = set(tokens)
    wanted = Counter(alnum_words(reference))
    lost = []
    for word, count in wanted.items():
        missing = count - have.count(word)
        if missing > 0 and not _made_of(word, known, len(word) if word.isdigit() else 3):
            lost.extend([word] * missing)
    return lost


def _made_of(word: str, known: set[str], parts: int) -> bool:
    """Whether `word` is at most `parts` words of `known` run together."""
    if parts == 1:
        return word in known
    return any(
        word[:i] in known and (word[i:] in known or _made_of(word[i:], known, parts - 1))
        for i in range(1, len(word))
    )


def word_overlap(extracted: str, truth: str) -> tuple[int, int, int]:
    """Return (matched, extracted word count, truth word count) for one page."""
    got, want = words(extracted), words(truth)
    matched = sum((got & want).values())
    return matched, sum(got.values()), sum(want.values())


def sentences(text: str, *, min_words: int = 4) -> list[str]:
    """Split text into sentences of at least `min_words` words, whitespace folded."""
    out = []
    for para in re.split(r"\n\s*\n", text):
        for sent in _SENTENCE_END_RE.split(fold(para)):
            if len(sent.split()) >= min_words:
                out.append(sent)
    return out


def ligature_count(text: str) -> int:
    """Ligature characters left in the text (they should have become letters)."""
    return sum(text.count(ch) for ch in LIGATURES)


def hyphen_fragments(text: str) -> list[str]:
    """Words left broken at a line end: "integra- tion"."""
    return _HYPHEN_FRAGMENT_RE.findall(fold(text))


def running_leaks(body: str, parts: Sequence[str]) -> list[str]:
    """Header/footer lines found inside a body.

    Parts of three or more words count when they occur anywhere in the body;
    shorter parts (page numbers, one-word headers) only when a whole
    paragraph or line equals them, since "Insight" or "3" occur in prose.
    """
    folded = fold(body)
    units = {fold(u) for u in re.split(r"\n", body) if u.strip()}
    leaks = []
    for part in (fold(p) for p in parts):
        if not part:
            continue
        if len(part.split()) >= 3:
            if part in folded:
                leaks.append(part)
        elif part in units:
            leaks.append(part)
    return leaks


@dataclass
class PageScore:
    """Scores of one page against its truth."""

    number: int
    matched: int
    extracted_words: int
    truth_words: int
    sentences_total: int
    sentences_intact: int
    ligatures: int
    hyphen_fragments: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    missing_sentences: list[str] = field(default_factory=list)


@dataclass
class DocumentScore:
    """Scores of a whole document, summed over its pages."""

    pages: list[PageScore]

    @property
    def recall(self) -> float:
        """Matched truth words / truth words."""
        truth = sum(p.truth_words for p in self.pages)
        return sum(p.matched for p in self.pages) / truth if truth else 1.0

    @property
    def precision(self) -> float:
        """Matched words / extracted words."""
        got = sum(p.extracted_words for p in self.pages)
        return sum(p.matched for p in self.pages) / got if got else 1.0

    @property
    def sentences_intact(self) -> float:
        """Share of truth sentences found verbatim (whitespace folded) on their page."""
        total = sum(p.sentences_total for p in self.pages)
        return sum(p.sentences_intact for p in self.pages) / total if total else 1.0

    @property
    def ligatures(self) -> int:
        """Ligature characters left in the text, all pages together."""
        return sum(p.ligatures for p in self.pages)

    @property
    def hyphen_fragments(self) -> list[str]:
        """Words left split by a line-end hyphen, all pages together."""
        return [h for p in self.pages for h in p.hyphen_fragments]

    @property
    def leaks(self) -> list[str]:
        """Running headers, footers or page numbers left in the text, all pages together."""
        return [leak for p in self.pages for leak in p.leaks]


def truth_parts(page: Mapping[str, Any]) -> list[str]:
    """The header and footer lines of a truth page."""
    parts: list[str] = []
    for key in ("header", "footer"):
        split = page.get(f"{key}_parts")
        if split:
            parts.extend(str(p) for p in split)
        elif page.get(key):
            parts.extend(str(page[key]).split("\n"))
    return [p for p in parts if p.strip()]


def score_page(number: int, extracted: str, truth_page: Mapping[str, Any]) -> PageScore:
    """Score one extracted page body against one truth page."""
    truth_text = str(truth_page.get("text", ""))
    matched, got, want = word_overlap(extracted, truth_text)
    folded = fold(extracted)
    sents = sentences(truth_text)
    missing = [s for s in sents if s not in folded]
    parts = truth_parts(truth_page)
    # A heading that happens to equal a running head ("Editorial") is no leak.
    expected = Counter(running_leaks(truth_text, parts))
    leaks = list((Counter(running_leaks(extracted, parts)) - expected).elements())
    return PageScore(
        number=number,
        matched=matched,
        extracted_words=got,
        truth_words=want,
        sentences_total=len(sents),
        sentences_intact=len(sents) - len(missing),
        ligatures=ligature_count(extracted),
        hyphen_fragments=hyphen_fragments(extracted),
        leaks=leaks,
        missing_sentences=missing,
    )


def score_document(page_texts: Sequence[str], truth: Mapping[str, Any]) -> DocumentScore:
    """Score extracted page bodies against a truth file's pages, page by page.

    Pages missing on either side count as empty.
    """
    truth_pages = list(truth.get("pages", []))
    n = max(len(page_texts), len(truth_pages))
    scores = []
    for i in range(n):
        text = page_texts[i] if i < len(page_texts) else ""
        tpage = truth_pages[i] if i < len(truth_pages) else {"text": ""}
        scores.append(score_page(i + 1, text, tpage))
    return DocumentScore(scores)


# --- Truth from a Markdown source (corpora/demo/papers/*.md) -------------------------

_FRONT_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class MarkdownSource:
    """A paper typeset from the small Markdown dialect of ``corpora/demo``.

    Attributes:
        meta: the front matter (title, authors, journal, volume, layout, ...).
        paragraphs: the body paragraphs as printed, in reading order.
        items: the text of each list item (bullets and key-point rows).
        running: the running header and footer lines printed on every page.
    """

    meta: dict[str, str]
    paragraphs: list[str]
    items: list[str]
    running: list[str]

    def truth(self) -> dict[str, Any]:
        """A one-page truth dict for `score_document` (pages joined, see `score_markdown`)."""
        header = f"{self.meta.get('journal', '')} {self.meta.get('volume', '')}".strip()
        return {
            "pages": [
                {
                    "text": "\n\n".join(self.paragraphs),
                    "header_parts": [header, self.meta.get("running_title", "")],
                    "footer_parts": [self.meta.get("licence", "")],
                }
            ]
        }


def parse_markdown_source(source: str) -> MarkdownSource:
    """Read a demo paper's source into the body text its PDF should yield.

    The body is everything printed outside the running header and footer:
    the article-type label, title, authors, affiliations, the "doi" line,
    abstract, keywords, headings, paragraphs, list items (without their
    bullet, as `clean.strip_bullet` leaves them), key-point rows and table
    rows (cells left to right). A report's banner (the journal name across the top of page 1) is
    a masthead repeating the running header and counts as header.
    """
    match = _FRONT_RE.match(source)
    meta: dict[str, str] = {}
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip():
                meta[key.strip()] = value.strip()
    body = source[match.end() :] if match else source
    paras: list[str] = []
    items: list[str] = []
    running = [
        f"{meta.get('journal', '')} {meta.get('volume', '')}".strip(),
        meta.get("running_title", ""),
        meta.get("licence", ""),
    ]
    label = meta.get("article_type", "Research article").upper()
    # The label repeating the running header ("EDITORIAL") is a masthead, as the report banner.
    if meta.get("layout", "article") != "report" and label.casefold() not in {
        r.casefold() for r in running
    }:
        paras.append(label)
    for key in ("title", "authors", "affiliations"):
        if meta.get(key):
            paras.append(meta[key])
    if meta.get("doi"):
        paras.append(f"doi {meta['doi']}")
    keywords_done = not meta.get("keywords")
    current: list[str] = []

    def flush() -> None:
        if current:
            paras.append(" ".join(current))
            current.clear()

    last_kind = ""
    for raw in body.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            last_kind = ""
            continue
        kind, last_kind = last_kind, line[:1]
        if line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            if level >= 2 and not keywords_done:
                paras.append(f"Keywords: {meta['keywords']}")
                keywords_done = True
            paras.append(line[level:].strip())
        elif line.startswith("- "):
            flush()
            paras.append(line[2:].strip().replace("**", ""))
            items.append(paras[-1])
        elif line.startswith("  ") and not current and paras and items and paras[-1] == items[-1]:
            paras[-1] = items[-1] = f"{paras[-1]} {line.strip().replace('**', '')}"
        elif line.startswith(">"):
            flush()
            in_box = kind == ">"
            paras.append(line[1:].strip())
            if in_box:  # a box's first row is its title
                items.append(paras[-1])
        elif line.startswith("|"):
            flush()
            # A table row reads as one paragraph, its cells left to right.
            paras.append(" ".join(c.strip() for c in line.strip().strip("|").split("|")))
        else:
            current.append(line.strip().replace("**", ""))
    flush()
    if not keywords_done:
        paras.append(f"Keywords: {meta['keywords']}")
    return MarkdownSource(meta, paras, items, [r for r in running if r])


def score_markdown(page_texts: Sequence[str], source: MarkdownSource) -> DocumentScore:
    """Score a whole document's page bodies (joined) against a Markdown source."""
    return score_document(["\n\n".join(page_texts)], source.truth())


def _page_paragraphs(page_texts: Sequence[str]) -> list[str]:
    return [fold(p) for text in page_texts for p in re.split(r"\n\s*\n", text) if p.strip()]


def paragraphs_intact(page_texts: Sequence[str], paragraphs: Sequence[str]) -> float:
    """Share of source paragraphs that are whole paragraphs of the page bodies.

    A paragraph broken by a page break counts as lost, so 1.0 is not always
    reachable; list items, titles and table rows run together show here.
    """
    got = Counter(_page_paragraphs(page_texts))
    want = Counter(fold(p) for p in paragraphs)
    total = sum(want.values())
    return sum((got & want).values()) / total if total else 1.0


def items_apart(page_texts: Sequence[str], items: Sequence[str]) -> list[str]:
    """List items that do not start a paragraph of their own (merged into another).

    An item passes when a paragraph starts with its first words (it may run
    on over a page break).
    """
    paras = _page_paragraphs(page_texts)
    merged = []
    for item in items:
        head = " ".join(fold(item).split()[:6])
        if not any(p.startswith(head) for p in paras):
            merged.append(item)
    return merged
