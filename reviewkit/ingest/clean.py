"""Cleaning extracted lines: characters, line-end hyphens, running headers.

Pure functions. De-hyphenation is decided with the document's own
vocabulary: a word broken at a line end is joined when the joined word
occurs elsewhere in the document, and kept hyphenated when the document
writes the compound with a hyphen elsewhere.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reviewkit.ingest.layout import DASHES, Line, is_bullet

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
# TeX draws an accent as a glyph of its own before the letter; pypdf reads it
# as a spacing accent ("M´exico", "Erd˝os"). Each maps to its combining form.
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02dd": "\u030b",  # ˝ double acute
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02dc": "\u0303",  # ˜ tilde
    "\u02c7": "\u030c",  # ˇ caron
    "\u02d8": "\u0306",  # ˘ breve
    "\u02da": "\u030a",  # ˚ ring
    "\u00af": "\u0304",  # ¯ macron
    "\u02d9": "\u0307",  # ˙ dot above
}
_ACCENT_RE = re.compile(
    "(?<=[^\\W\\d_]) ?([" + "".join(_SPACING_ACCENTS) + "]) ?([A-Za-z\u0131])"
    "|^([" + "".join(_SPACING_ACCENTS) + "]) ?([A-Za-z\u0131])"
)

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
    """Map ligatures to letters, ". . ." to "…", and drop invisible or control characters.

    Accents read apart from their letters are composed with them ("M´exico"
    becomes "México"), and the text is put in Unicode NFC, so a quote matches
    what a reader types.
    """
    text = _OT1_RE.sub(lambda m: _OT1_LIGATURES[m.group()], text)
    text = _ELLIPSIS_RE.sub("…", text)
    text = _ACCENT_RE.sub(_compose_accent, text)
    return unicodedata.normalize("NFC", _CONTROL_RE.sub("", text.translate(_CHAR_TABLE)))


_CONTRACTION_RE = re.compile(r"(?:s|t|d|m|ll|re|ve)\b")


def _compose_accent(match: re.Match[str]) -> str:
    accent = match.group(1) or match.group(3)
    letter = match.group(2) or match.group(4)
    rest = match.string[match.start(2 if match.group(2) else 4) :]
    if accent == "\u00b4" and _CONTRACTION_RE.match(rest):
        return match.group()  # "it´s", "don´t": an acute typed for an apostrophe
    base = "i" if letter == "\u0131" else letter  # TeX puts accents on a dotless i
    composed = unicodedata.normalize("NFC", base + _SPACING_ACCENTS[accent])
    return composed if len(composed) == 1 else match.group()


def strip_bullet(text: str) -> str:
    """Remove a list bullet (and control-code bullets) from the start of a line."""
    stripped = text.lstrip()
    while stripped and (is_bullet(stripped[0]) or _CONTROL_RE.match(stripped[0])):
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
        counts: how often each of `words` occurs.
    """

    words: set[str] = field(default_factory=set)
    compounds: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)


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
                parts = [p for p in low.split("-") if p]
                vocab.words.update(parts)
                vocab.counts.update(parts)
            else:
                vocab.words.add(low)
                vocab.counts[low] += 1
    return vocab


_TRAILING_PUNCT = ".,;:!?)]"
_SPACE_BEFORE_PUNCT_RE = re.compile(r"(?<=[^\W_]) ([.,;:])(?= |$)")


def repair_spacing(text: str, vocab: Vocabulary) -> str:
    """Join words a PDF's spacing broke apart ("base d", "re cognizing", "Ta b l e").

    Up to six runs of letters separated by single spaces are joined when the
    joined word occurs intact elsewhere in the document and one of the
    pieces is rare on its own there (a stray letter, a fragment): two
    common words side by side ("in to", "a part") stay apart, as does a
    common word before a single letter ("the y" is not "they"). A space
    pypdf put before a full stop or comma after a word is removed.
    """
    tokens = text.split(" ")
    n = len(tokens)
    bare = [t.rstrip(_TRAILING_PUNCT) for t in tokens]
    word = [b.isalpha() for b in bare]
    rare = [w and _rare(b.lower(), vocab) for b, w in zip(bare, word, strict=True)]
    out: list[str] = []
    i = 0
    while i < n:
        size = 1
        if word[i] and i + 1 < n and word[i + 1] and tokens[i] == bare[i] and any(rare[i : i + 6]):
            for k in range(min(6, n - i), 1, -1):
                pieces = bare[i : i + k]
                inner_clean = all(tokens[j] == bare[j] for j in range(i, i + k - 1))
                if inner_clean and all(word[i : i + k]) and _broken(pieces, vocab):
                    size = k
                    break
        out.append("".join(tokens[i : i + size]))
        i += size
    return _SPACE_BEFORE_PUNCT_RE.sub(r"\1", " ".join(out))


def _broken(letters: list[str], vocab: Vocabulary) -> bool:
    """Whether runs of letters are one word of the document with spaces inside it."""
    rest = "".join(letters[1:])
    joined = letters[0] + rest
    if not (rest.islower() or joined.isupper()):
        return False
    if len(joined) < 4 or vocab.counts[joined.lower()] < 1:
        return False  # two-letter joins are labels and variables ("R g"), not words
    if len(letters) == 2 and len(letters[1]) == 1 and not _rare(letters[0].lower(), vocab):
        return False  # "the y", "the n": a word and a variable, not "they", "then"
    return any(_rare(p.lower(), vocab) for p in letters)


def _rare(piece: str, vocab: Vocabulary) -> bool:
    if len(piece) == 1:
        return piece not in ("a", "i")
    return vocab.counts[piece] <= 2


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
    """The full-width rows of one page, top to bottom, and its vertical extent.

    `signature` is the page's whole text (page numbers left out, case and
    spacing folded): pages with the same signature repeat, and what they
    repeat is content, not furniture.
    """

    rows: list[Line]
    bottom: float
    top: float
    signature: str = ""


def find_running_rows(
    pages: Sequence[PageRows], *, zone: float = 0.15, depth: int = 3
) -> list[tuple[list[int], list[int]]]:
    """Find running headers, footers and page numbers across pages.

    A row is running when it sits in the top or bottom `zone` of its page,
    among the `depth` rows nearest that edge, and the same text (digits
    ignored) occurs there on at least 40% of the pages with text, or it is a
    page number. Rows are taken from the edge inwards and the scan stops at
    the first row that is not running. A big masthead repeating a header's
    words right under it counts as header too. Pages that repeat whole (the
    same text as another page, page numbers aside) lose only page numbers:
    a form printed twice keeps its first lines.

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

    copies = Counter(p.signature for p in counted if p.signature)

    def running(where: str, row: Line, page: PageRows) -> bool:
        if is_page_number(row.text):
            return True
        return copies[page.signature] < 2 and seen[(where, row_key(row.text))] >= need

    result: list[tuple[list[int], list[int]]] = []
    for page in pages:
        head: list[int] = []
        for i, row in _top(page, zone, depth):
            if not running("top", row, page):
                break
            head.append(i)
        if head and head[-1] + 1 < len(page.rows):
            parts = {row_key(p) for i in head for p in (*page.rows[i].parts, page.rows[i].text)}
            nxt = page.rows[head[-1] + 1]
            if _is_masthead(row_key(nxt.text), parts):
                head.append(head[-1] + 1)
        foot: list[int] = []
        for i, row in _bottom(page, zone, depth):
            if i in head or not running("bottom", row, page):
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
