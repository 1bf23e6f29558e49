"""PubMed MEDLINE / .nbib files ("PMID- 123", four-character tags, six-space continuations)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from reviewkit.errors import InputFileError
from reviewkit.screen.readers import read_text, register
from reviewkit.screen.readers.common import clean, doi_in, year_of
from reviewkit.vocabulary import Record

_TAG = re.compile(r"^([A-Z][A-Z0-9 ]{1,3})- (.*)$")


def parse_medline(text: str) -> list[dict[str, list[str]]]:
    """Tagged entries as {tag: [values]}, continuation lines joined to their value.

    An entry starts after a blank line, or at a second PMID within one block;
    so a record whose first line is not its PMID ("PMC - ...") stays one record.
    """
    entries: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    last: str | None = None
    after_blank = True
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _TAG.match(line)
        if match:
            tag, value = match.group(1).strip(), match.group(2).strip()
            if current is None or after_blank or (tag == "PMID" and "PMID" in current):
                current = defaultdict(list)
                entries.append(current)
            current[tag].append(value)
            last, after_blank = tag, False
        elif line.startswith("      ") and current is not None and last is not None:
            current[last][-1] += " " + line.strip()
        elif not line.strip():
            last, after_blank = None, True
    return [dict(e) for e in entries]


def medline_record(entry: dict[str, list[str]]) -> Record:
    """One MEDLINE entry as a Record; full author names (FAU) preferred over AU."""
    get = entry.get
    pmid = clean(get("PMID"))
    doi = doi_in([v for v in get("LID", []) + get("AID", []) if "[doi]" in v])
    keywords = get("OT", []) + [m.split("/")[0].lstrip("*") for m in get("MH", [])]
    return Record(
        title=clean(get("TI") or get("BTI")),
        abstract=clean(get("AB")),
        authors=[clean(a) for a in (get("FAU") or get("AU") or [])],
        year=year_of(*(get("DP") or []), *(get("DEP") or [])),
        doi=doi,
        journal=clean(get("JT") or get("TA")),
        keywords=list(dict.fromkeys(clean(k) for k in keywords if k.strip())),
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else "",
        source_key=pmid,
        raw=entry,
    )


@register("medline", ".nbib", ".medline", ".pubmed")
def read_medline(path: Path) -> list[Record]:
    """Read a PubMed "Save > PubMed format" (.nbib / .txt renamed) export."""
    text = read_text(path)
    entries = parse_medline(text)
    if not entries or not any("TI" in e or "PMID" in e for e in entries):
        raise InputFileError(
            path,
            "not a MEDLINE/.nbib file (no 'PMID- ' lines)",
            "in PubMed choose Save > Format: PubMed",
        )
    return [medline_record(e) for e in entries]
