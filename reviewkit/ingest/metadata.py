"""Metadata read from the pages themselves: title, authors, year, DOI,
abstract, section headings and the reference list.

The PDF Info dictionary is not trusted (it often names a template or an
unrelated file); the title is the largest text near the top of page 1.
Pure functions over `Para`, a cleaned paragraph with its font size.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reviewkit.document import Reference, Section


@dataclass(frozen=True)
class Para:
    """A cleaned paragraph and where and how it was printed.

    Attributes:
        text: the paragraph's text.
        size: its dominant font size.
        bold: whether it is mostly bold.
        page: 1-based page number.
        y: baseline of its first line.
        lines: its printed lines, when known (author lists are read per line).
    """

    text: str
    size: float
    bold: bool = False
    page: int = 1
    y: float = 0.0
    lines: tuple[str, ...] = ()


@dataclass
class Metadata:
    """What `extract_metadata` found; every field may be empty."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    doi: str | None = None
    abstract: str | None = None
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


_DOI_RE = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_DOI_YEAR_RE = re.compile(r"[./_-](19[5-9]\d|20\d\d)(?=[./_-])")
_DATED_RE = re.compile(
    r"(?:^|[;,.|]\s+|(?<=\d{4})\s+)"
    r"(?:(published(?: online)?|accepted|received|revised)\b\s*(?:on\b|:)?"
    r"|(cite this article(?: as)?|cite as|citation|how to cite(?: this article)?|to cite)\s*:?)"
    r"|(©|\(c\)|copyright\b)",
    re.I,
)
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "del", "dos", "le", "la", "ter", "ten"}
)
_INITIAL_RE = re.compile(r"[^\W\d_]\.?(?:-[^\W\d_]\.?)?")
# Affiliation and footnote marks after a name ("Datta1", "Ball1*", "DOUGLAS∗1", "Yan,2,3").
_MARKS = "0123456789*∗†‡§¶‖#¹²³⁴⁵⁶⁷⁸⁹⁰"
# Words that make a capitalised phrase an affiliation rather than a name.
_ORG_WORDS = frozenset(
    {
        *("university", "centre", "center", "school", "department", "institute", "college"),
        *("road", "street", "park", "house", "hospital", "council", "services", "service"),
        *("health", "care", "trust", "faculty", "unit", "laboratory", "group", "ministry"),
        *("foundation", "society", "journal", "press", "office", "division"),
        *("institutet", "universitet", "universidad", "clinic", "medical", "nhs", "national"),
        *("research", "studies", "policy", "management", "medicine", "nursing", "public"),
        *("county", "city", "borough", "region", "royal", "sciences", "evidence", "agency"),
        *("africa", "america", "kingdom", "states", "republic", "zealand", "emirates"),
    }
)
# Words that make it a job title ("Senior Lecturer") rather than a name.
_ROLE_WORDS = frozenset(
    {
        *("professor", "lecturer", "senior", "reader", "director", "fellow", "researcher"),
        *("associate", "assistant", "chair", "editor", "student", "candidate", "manager"),
        *("officer", "consultant", "nurse", "doctor", "head", "chief", "dean", "emeritus"),
    }
)
# Article-type labels and access banners printed above titles, never titles.
_LABELS = frozenset(
    {
        *("research article", "original article", "original research", "review article"),
        *("review", "research", "article", "case report", "editorial", "commentary"),
        *("brief report", "short communication", "letter", "perspective", "protocol"),
        *("study protocol", "systematic review", "research paper", "original paper"),
        *("methodology", "debate", "open access", "open", "research open access"),
        *("review open access", "research article open access", "original investigation"),
    }
)
_FRONT_STOP = re.compile(
    r"^(abstract|summary|keywords?|key words|key points|introduction|background|correspondence)\b",
    re.I,
)
_ABSTRACT_HEAD = re.compile(r"^(abstract|summary)\s*[:.\-–—]?\s*|^overview$", re.I)
_ABSTRACT_END = re.compile(
    r"^(keywords?|key words|introduction|1\.?\s+introduction|background)\b", re.I
)
_KEYWORDS_LINE = re.compile(r"^(keywords?|key words)\s*[:.\-–—]", re.I)
_REFS_HEAD = re.compile(
    r"^(references|bibliography|works cited|literature cited|reference list)$", re.I
)
_LABEL_RE = re.compile(r"\[(\d{1,3})\]\s*|(\d{1,3})\.\s+")
_NEXT_LABEL_RE = re.compile(r"(?<=[.\]\)])\s+(?=\[?(\d{1,3})[\].]\s+\S)")


def body_size(pages: list[list[Para]]) -> float:
    """The font size of most of the document's characters."""
    weights: Counter[float] = Counter()
    for page in pages:
        for para in page:
            weights[round(para.size, 1)] += len(para.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def extract_metadata(pages: list[list[Para]], first_page: list[Para], edges: str = "") -> Metadata:
    """Read title, authors, year, DOI, abstract, sections and references.

    Args:
        pages: cleaned body paragraphs per page, running headers removed.
        first_page: page 1's paragraphs before header removal (a masthead
            title may repeat the running header).
        edges: page 1's header and footer text, where journals print the
            year and DOI.
    """
    body = body_size(pages)
    meta = Metadata()
    title_at = find_title(first_page, body)
    front: set[str] = set()
    if title_at is not None:
        end = (
            title_end(first_page, title_at)
            if first_page[title_at].size >= body * 1.15
            else title_at + 1
        )
        meta.title = " ".join(p.text for p in first_page[title_at:end])
        meta.authors = find_authors(first_page[end : end + 7])
        front = {p.text for p in first_page[title_at:end]} | {meta.title}
        front |= {
            p.text for p in first_page[end : end + 3] if any(a in p.text for a in meta.authors)
        }
    page_one = " ".join(p.text for p in pages[0]) if pages else ""
    meta.doi = find_doi(edges + " " + page_one) or find_doi(
        " ".join(p.text for page in pages for p in page)
    )
    meta.year = find_year(edges, [p.text for p in pages[0]] if pages else [], meta.doi)
    meta.abstract = find_abstract(pages[0] if pages else [])
    meta.sections = [
        s for s in find_sections(pages, body, exclude=meta.title) if s.heading not in front
    ]
    meta.references = find_references(pages)
    return meta


def title_end(paras: list[Para], start: int) -> int:
    """Index after the title that starts at `start`.

    A title broken into several paragraphs (lines set far apart) goes on
    while the next paragraph is printed in the same size and weight, close
    below, and the whole stays title-length.
    """
    end = start + 1
    length = len(paras[start].text)
    while end < len(paras):
        prev, nxt = paras[end - 1], paras[end]
        same = abs(nxt.size - prev.size) < 0.3 and nxt.bold == prev.bold
        near = nxt.page == prev.page and 0 < prev.y - nxt.y <= 2.2 * prev.size * max(
            1, len(prev.lines)
        )
        if not (same and near) or length + len(nxt.text) > 300 or _FRONT_STOP.match(nxt.text):
            break
        length += len(nxt.text) + 1
        end += 1
    return end


def find_year(edges: str, page_one: list[str], doi: str | None = None) -> int | None:
    """The publication year, from where journals print it on page 1.

    In order: the running header and footer; a "Published", "Accepted",
    "Received", "©"/"Copyright" or citation line (the latest year there); a
    year standing alone in the DOI ("10.1016/j.x.2019.01.002"). None when
    page 1 says nothing that reliable.
    """
    years = _YEAR_RE.findall(edges)
    if years:
        return int(years[0])
    dated = [y for text in page_one for y in _dated_years(text)]
    if dated:
        return max(dated)
    match = _DOI_YEAR_RE.search(doi or "")
    return int(match.group(1)) if match else None


def _dated_years(text: str) -> list[int]:
    """Years printed right after "Received", "©"..., or in a citation line."""
    out = []
    for match in _DATED_RE.finditer(text):
        window = 300 if match.group(2) else 40
        found = _YEAR_RE.search(text, match.end(), match.end() + window)
        if found:
            out.append(int(found.group()))
    return out


def find_title(paras: list[Para], body: float) -> int | None:
    """Index of the title paragraph on page 1.

    The largest print among the first paragraphs when something is printed
    larger than the body; otherwise a short first paragraph that is not a
    sentence (some layouts set the title in the body font).
    """
    head = [
        (i, p) for i, p in enumerate(paras[:8]) if 3 <= len(p.text) <= 300 and not _is_label(p.text)
    ]
    big = [(i, p) for i, p in head if p.size >= body * 1.15 and re.search(r"[A-Za-z]", p.text)]
    if big:
        return max(big, key=lambda ip: (ip[1].size, -ip[0]))[0]
    if head and head[0][0] == 0:
        text = head[0][1].text
        if len(text.split()) <= 30 and not text.endswith(".") and not _FRONT_STOP.match(text):
            return 0
    return None


def _is_label(text: str) -> bool:
    """Whether a paragraph is an article-type label or access banner ("Research Article")."""
    return " ".join(re.sub(r"[^\w\s]", " ", text).lower().split()) in _LABELS


def find_authors(paras: list[Para]) -> list[str]:
    """Author names from the paragraphs after the title.

    A line lists names separated by commas, semicolons, "and" or "&"
    ("Ann Lee, Bo Chen and Jo Park"), each perhaps followed by affiliation
    marks ("Datta1", "Ball1*", "Yan,2,3"); the first part that is not a name
    (a role, an affiliation: "Jon Glasby, Professor of Health ...") ends
    the line's names.
    """
    names: list[str] = []
    for para in paras:
        if _FRONT_STOP.match(para.text):
            break
        for line in para.lines or (para.text,):
            parts = re.split(r"[,;(]|\s+[–—-]\s+|\s+and\s+|\s*&\s*", line)
            for part in parts:
                if not part.strip(" " + _MARKS):
                    continue  # only marks ("1,2"), or nothing between two separators
                name = _author_name(part)
                if not name:
                    break
                if name not in names:
                    names.append(name)
    return names


def _author_name(part: str) -> str:
    """`part` as a person's name ("Jane Smith", "A. B. Chen"), or "" if it is not one.

    A mark set right before a word ("§Lead Molecular Design", "1Department")
    opens an affiliation: names carry their marks after them.
    """
    if re.match(rf"\s*[{re.escape(_MARKS)}]+[^\W\d_]", part):
        return ""
    part = part.strip(_MARKS + " ")
    words = part.split()
    if not 2 <= len(words) <= 5:
        return ""
    lowered = [w.lower() for w in words]
    if _ORG_WORDS.intersection(lowered) or _ROLE_WORDS.intersection(lowered):
        return ""
    *given, surname = words
    if not _is_name_word(surname) or len(surname.rstrip(".")) < 2:
        return ""
    for word in given:
        if not (_is_name_word(word) or _INITIAL_RE.fullmatch(word) or word in _PARTICLES):
            return ""
    if not (_is_name_word(given[0]) or _INITIAL_RE.fullmatch(given[0])):
        return ""
    return part


def _is_name_word(word: str) -> bool:
    """A capitalised word of letters, apostrophes and hyphens ("O’Connell", "Lars-Göran")."""
    bare = word.replace("’", "").replace("'", "").replace("-", "")
    return len(bare) >= 2 and bare.isalpha() and word[0].isupper()


def find_doi(text: str) -> str | None:
    """The first DOI in `text`, without trailing punctuation."""
    match = _DOI_RE.search(text)
    return match.group().rstrip(".,;:)]}") if match else None


def find_abstract(paras: list[Para]) -> str | None:
    """The paragraphs under an "Abstract"/"Summary"/"Overview" heading on page 1.

    Journals that print a structured abstract without a heading open it
    with its first label ("Objectives.", "Background:"): that paragraph
    starts it then.
    """
    found = _find_abstract(paras, _ABSTRACT_HEAD)
    if found is None:
        found = _find_abstract(paras, _STRUCTURED_START, keep_head=True)
    return found


_STRUCTURED_START = re.compile(r"^(background|objectives?|aims?|purpose|context)\s*[.:]\s", re.I)


def _find_abstract(paras: list[Para], head: re.Pattern[str], keep_head: bool = False) -> str | None:
    for i, para in enumerate(paras):
        match = head.match(para.text)
        if not match:
            continue
        parts: list[str] = []
        # A structured abstract's first label is part of its text.
        rest = para.text[0 if keep_head else match.end() :].strip()
        size = para.size if rest else 0.0  # the abstract's print size, once known
        if rest:
            parts.append(rest)
        for nxt in paras[i + 1 :]:
            heading = len(nxt.text.split()) <= 6 and not nxt.text.endswith(".")
            if (heading or _KEYWORDS_LINE.match(nxt.text)) and _ABSTRACT_END.match(nxt.text):
                break
            if parts and nxt.size > size + 0.5:
                break
            if len(nxt.text.split()) < 4 and nxt.bold:
                if not parts and not nxt.text.rstrip().endswith(":"):
                    continue  # a box title right under the heading ("Key points")
                break
            parts.append(nxt.text)
            size = size or nxt.size
        return "\n\n".join(parts) or None
    return None


def find_sections(
    pages: list[list[Para]], body: float, exclude: str | None = None
) -> list[Section]:
    """Headings: short paragraphs printed larger than the body, or bold at body size."""
    sections: list[Section] = []
    for page in pages:
        for para in page:
            words = para.text.split()
            if not 1 <= len(words) <= 14 or para.text == exclude or para.text.endswith("."):
                continue
            larger = para.size >= body + 0.9
            bold = para.bold and para.size >= body - 0.5
            if (larger or bold) and re.match(r"[A-Z0-9]", para.text):
                sections.append(Section(heading=para.text, page=para.page))
    return sections


def find_references(pages: list[list[Para]]) -> list[Reference]:
    """Split the list after the last "References" heading into entries."""
    flat = [p for page in pages for p in page]
    start = None
    for i, para in enumerate(flat):
        if _REFS_HEAD.match(para.text.strip()):
            start = i + 1
    if start is None:
        return []
    refs: list[Reference] = []
    for para in flat[start:]:
        for text, label in split_labelled(para.text):
            if label is None and refs and refs[-1].label is not None:
                prev = refs[-1]
                refs[-1] = Reference(text=f"{prev.text} {text}", page=prev.page, label=prev.label)
            else:
                refs.append(Reference(text=text, page=para.page, label=label))
    return refs


def split_labelled(text: str) -> list[tuple[str, str | None]]:
    """Split "1. A ... 2. B ..." into [("A ...", "1"), ("B ...", "2")].

    Only a label one greater than the previous one starts a new entry, so
    numbers inside an entry ("2008;14(5). 373") do not split it.
    """
    first = _LABEL_RE.match(text)
    if not first:
        return [(text, None)]
    label = int(first.group(1) or first.group(2))
    out: list[tuple[str, str | None]] = []
    begin = first.end()
    pos = begin
    while True:
        # The next entry starts at a candidate that reads as label + 1. The
        # candidate pattern is looser than _LABEL_RE ("[3." or "3]" pass it),
        # so each one is read with _LABEL_RE, and one it cannot read is text.
        nxt = None
        for candidate in _NEXT_LABEL_RE.finditer(text, pos):
            read = _LABEL_RE.match(text, candidate.end())
            if read is not None and int(read.group(1) or read.group(2)) == label + 1:
                nxt = candidate, read
                break
        if nxt is None:
            out.append((text[begin:].strip(), str(label)))
            return out
        candidate, read = nxt
        out.append((text[begin : candidate.start()].strip(), str(label)))
        begin = pos = read.end()
        label += 1
