"""Cleaning extracted lines: characters, line-end hyphens, running headers.

Pure functions. De-hyphenation is decided with the document's own
vocabulary: a word broken at a line end is joined when the joined word
occurs elsewhere in the document, and kept hyphenated when the document
writes the compound with a hyphen elsewhere.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reviewkit.ingest.layout import BULLETS, DASHES, Line

#: Ligature code points and the letters they stand for.
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\ua732": "AA",
    "\u0132": "IJ",
    "\u0133": "ij",
}
# Fonts without a ToUnicode map (TeX OT1) can leave their ligature slots as
# control codes; between letters they can only be these ligatures.
_OT1_LIGATURES = {"\x0b": "ff", "\x0c": "fi", "\x0d": "fl", "\x0e": "ffi", "\x0f": "ffl"}
_OT1_RE = re.compile(r"(?<=[A-Za-z])[\x0b-\x0f]|[\x0b-\x0f](?=[a-z])")
_CHAR_TABLE = str.maketrans(
    {
        **LIGATURES,
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
    }
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x10-\x1f\x7f-\x9f]")

#: Prefixes that usually form real compounds ("co-ordination", "over-simplification").
COMPOUND_PREFIXES = frozenset(
    {
        *("co", "non", "self", "inter", "intra", "multi", "cross", "over", "under", "well"),
        *("long", "short", "post", "pre", "anti", "semi", "mid", "ex", "quasi", "pseudo"),
        *("front", "joint", "cost", "user", "health", "social", "sub"),
    }
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_HYPHEN_END_RE = re.compile(r"([^\W\d_]+)[-\u00ad]$")
_LEAD_WORD_RE = re.compile(r"^([^\W\d_]+)")
_URL_END_RE = re.compile(r"(?:https?:|www\.)\S*[/.\-_]$")
_ELLIPSIS_RE = re.compile(r"\.(?: \.){2}")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)


def fix_characters(text: str) -> str:
    """Map ligatures to letters, ". . ." to "…", and drop invisible or control characters."""
    text = _OT1_RE.sub(lambda m: _OT1_LIGATURES[m.group()], text)
    text = _ELLIPSIS_RE.sub("…", text)
    return _CONTROL_RE.sub("", text.translate(_CHAR_TABLE))


def strip_bullet(text: str) -> str:
    """Remove a list bullet (and control-code bullets) from the start of a line."""
    stripped = text.lstrip()
    while stripped and (stripped[0] in BULLETS or _CONTROL_RE.match(stripped[0])):
        stripped = stripped[1:].lstrip()
    return stripped


def strip_marker(text: str, marker: str) -> str:
    """Remove a dash or asterisk list marker ("- ", "– ", "* ") that starts an item.

    Glyph bullets go as in `strip_bullet`; numbers ("1.", "(a)") are part of
    the text and stay.
    """
    stripped = strip_bullet(text)
    if marker[:1] in DASHES and stripped.startswith(marker):
        return stripped[len(marker) :].lstrip()
    return stripped


@dataclass
class Vocabulary:
    """The words a document uses, for deciding line-end hyphens.

    Attributes:
        words: lower-cased words seen anywhere.
        compounds: lower-cased hyphenated words seen inside a line.
    """

    words: set[str] = field(default_factory=set)
    compounds: set[str] = field(default_factory=set)


def build_vocabulary(lines: Iterable[str]) -> Vocabulary:
    """Collect the words and hyphenated compounds of a document's lines."""
    vocab = Vocabulary()
    for line in lines:
        body = line.rstrip()
        if _HYPHEN_END_RE.search(body):
            body = body[: body.rfind(" ") + 1] if " " in body else ""
        for word in _WORD_RE.findall(body):
            low = word.lower()
            if "-" in low:
                vocab.compounds.add(low)
                vocab.words.update(p for p in low.split("-") if p)
            else:
                vocab.words.add(low)
    return vocab


def keep_hyphen(head: str, tail: str, vocab: Vocabulary) -> bool:
    """Decide whether ``head-`` at a line end and ``tail`` form a real compound.

    Args:
        head: the letters before the line-end hyphen ("integra", "co").
        tail: the first word of the next line ("tion", "ordination").
        vocab: the document's own words.

    Returns:
        True to keep the hyphen ("co-ordination"), False to join ("integration").
    """
    h, t = head.lower(), tail.lower()
    if h == t or f"{h}-{t}" in vocab.compounds:
        return True
    if h + t in vocab.words:
        return False
    return h in COMPOUND_PREFIXES


def join_lines(lines: Sequence[str], vocab: Vocabulary) -> str:
    """Join a paragraph's lines with single spaces, repairing line-end hyphens."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
            continue
        # Only the last word matters; searching all of `out` would be quadratic.
        last = out[out.rfind(" ") + 1 :]
        match = _HYPHEN_END_RE.search(last)
        lead = _LEAD_WORD_RE.match(line)
        if _URL_END_RE.search(last):
            # Typesetters break URLs after "/", "." or "-" without a hyphen.
            out += line
        elif match and lead and line[0].islower():
            if keep_hyphen(match.group(1), lead.group(1), vocab):
                out = out[:-1] + "-" + line
            else:
                out = out[:-1] + line
        elif match and out.endswith("-") and (line[0].isupper() or line[0].isdigit()):
            # "Anglo-" + "Saxon", "COVID-" + "19": the hyphen is part of the name.
            out += line
        elif out.endswith("—"):
            out += line
        else:
            out += " " + line
    return out.replace("\u00ad", "")


def row_key(text: str) -> str:
    """Normalise a header or footer line so that page numbers do not matter."""
    return re.sub(r"\d+", "#", " ".join(fix_characters(text).lower().split()))


def is_page_number(text: str) -> bool:
    """Whether a line is just a page number ("7", "Page 3 of 7", "- 4 -", "xii")."""
    return bool(_PAGE_NUMBER_RE.match(text.strip()))


@dataclass(frozen=True)
class PageRows:
    """The full-width rows of one page, top to bottom, and its vertical extent."""

    rows: list[Line]
    bottom: float
    top: float


def find_running_rows(
    pages: Sequence[PageRows], *, zone: float = 0.15, depth: int = 3
) -> list[tuple[list[int], list[int]]]:
    """Find running headers, footers and page numbers across pages.

    A row is running when it sits in the top or bottom `zone` of its page,
    among the `depth` rows nearest that edge, and the same text (digits
    ignored) occurs there on at least 40% of the pages with text, or it is a
    page number. Rows are taken from the edge inwards and the scan stops at
    the first row that is not running. A big masthead repeating a header's
    words right under it counts as header too.

    Returns:
        Per page, the indices of its header rows and of its footer rows.
    """
    counted = [p for p in pages if p.rows]
    need = max(2, math.ceil(0.4 * len(counted)))
    seen: Counter[tuple[str, str]] = Counter()
    for page in counted:
        keys: set[tuple[str, str]] = set()
        for _, row in _top(page, zone, depth):
            keys.add(("top", row_key(row.text)))
        for _, row in _bottom(page, zone, depth):
            keys.add(("bottom", row_key(row.text)))
        seen.update(keys)

    def running(where: str, row: Line) -> bool:
        return seen[(where, row_key(row.text))] >= need or is_page_number(row.text)

    result: list[tuple[list[int], list[int]]] = []
    for page in pages:
        head: list[int] = []
        for i, row in _top(page, zone, depth):
            if not running("top", row):
                break
            head.append(i)
        if head and head[-1] + 1 < len(page.rows):
            parts = {row_key(p) for i in head for p in (*page.rows[i].parts, page.rows[i].text)}
            nxt = page.rows[head[-1] + 1]
            if _is_masthead(row_key(nxt.text), parts):
                head.append(head[-1] + 1)
        foot: list[int] = []
        for i, row in _bottom(page, zone, depth):
            if i in head or not running("bottom", row):
                break
            foot.append(i)
        result.append((head, sorted(foot)))
    return result


def _is_masthead(key: str, parts: set[str]) -> bool:
    """Whether a row repeats a header part, or its first words ("JOURNAL NAME" banner)."""
    if key in parts:
        return True
    return len(key.split()) >= 2 and any(p.startswith(key + " ") for p in parts)


def _top(page: PageRows, zone: float, depth: int) -> list[tuple[int, Line]]:
    limit = page.top - zone * (page.top - page.bottom)
    return [(i, r) for i, r in enumerate(page.rows[:depth]) if r.y >= limit]


def _bottom(page: PageRows, zone: float, depth: int) -> list[tuple[int, Line]]:
    limit = page.bottom + zone * (page.top - page.bottom)
    n = len(page.rows)
    tail = list(enumerate(page.rows))[max(0, n - depth) :]
    return [(i, r) for i, r in reversed(tail) if r.y <= limit]
