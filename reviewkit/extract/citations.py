"""Citations in a sentence: author-year ("Edwards (2010)", "(Leutz, 1999)") and
numbered ("[12]", "Leutz [12]"), resolved to a display form for `attributed_to`.
"""

from __future__ import annotations

import re

from reviewkit.document import Document
from reviewkit.extract.sentences import word_list

YEAR = r"(?:19|20)\d{2}[a-z]?"
NAME = r"[A-Z][\w’'\-]+"
NAMES = (
    rf"(?:{NAME}(?:\s+(?:{NAME}|van|de|der|von|den|la|le|du))*"
    rf"(?:\s*,\s*{NAME})*(?:\s+(?:and|&)\s+{NAME}(?:\s+{NAME})*)?(?:\s+et\s+al\.?)?)"
)
_NARRATIVE = re.compile(rf"(?P<names>{NAMES})\s*\((?P<year>{YEAR})(?:\s*[:,]\s*[\dp.\s\-–]+)?\)")
_PARENTHETICAL = re.compile(
    rf"\((?:e\.g\.,?\s*|see\s+|cf\.\s*)?(?P<names>{NAMES}),?\s+(?P<year>{YEAR})"
    rf"(?:\s*[:,]\s*[\dp.\s\-–]+)?(?:\s*[;,][^()]*)?\)"
)
_NUMERIC = re.compile(
    r"(?:(?P<names>(?:[A-Z]\.\s*)*" + NAMES + r")\s*)?\[(?P<num>\d{1,3})(?=[\],–\-\s])"
)
NAME_STOP = frozenset(
    word_list(
        """
        In The As For According See By From And This That These Their His Her Our A An
        Following Similarly Likewise Both While When Where Although However Thus
        """
    )
)


def find_citation(text: str, doc: Document | None = None) -> tuple[int, str] | None:
    """The first citation in `text` as (offset, display form), or None.

    Author-year citations print as "Edwards (2010)"; numbered ones as
    "Leutz [12]", taking the name from the text or, failing that, from the
    first author of reference 12 in ``doc.references``.
    """
    found: list[tuple[int, str]] = []
    for rx in (_NARRATIVE, _PARENTHETICAL):
        for m in rx.finditer(text):
            names = clean_names(m.group("names"))
            if names:
                found.append((m.start(), f"{names} ({m.group('year')})"))
    for m in _NUMERIC.finditer(text):
        num = m.group("num")
        written = clean_names(m.group("names") or "")
        author = (written.split()[-1] if written else None) or reference_author(doc, num)
        found.append((m.start(), f"{author} [{num}]" if author else f"[{num}]"))
    return min(found) if found else None


def clean_names(names: str) -> str:
    """Author names with leading stop words ("In", "See"...) removed; "" when none remain."""
    words = names.split()
    while words and words[0].strip(",") in NAME_STOP:
        words = words[1:]
    text = " ".join(words).strip(" ,")
    if not text or not text[0].isupper():
        return ""
    return text


ACCORDING = re.compile(
    rf"\b(?:according\s+to|as\s+defined\s+by|in\s+the\s+words\s+of|following)\s+(?:the\s+)?"
    rf"(?P<names>{NAMES}),",
    re.I,
)


def reference_author(doc: Document | None, label: str) -> str | None:
    """The first author's surname of the reference labelled `label` in `doc`, or None."""
    if doc is None:
        return None
    for ref in doc.references:
        if (ref.label or "").strip(".[] ") == label:
            m = re.match(r"\s*(?:\[?\d+[.\]]?\s*)?([A-Z][\w’'\-]+)", ref.text)
            return m.group(1) if m else None
    return None
