"""RIS (Zotero, EndNote, Scopus, Web of Science, Mendeley) and Web of Science tagged files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rispy

from reviewkit.errors import InputFileError
from reviewkit.screen.readers import read_text, register
from reviewkit.screen.readers.common import clean, doi_in, split_list, year_of
from reviewkit.vocabulary import Record


def _first(entry: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = clean(entry.get(key))
        if value:
            return value
    return ""


def ris_record(entry: dict[str, Any]) -> Record:
    """One rispy entry as a Record (tag spellings differ by exporter)."""
    authors = [clean(a) for a in (entry.get("authors") or []) + (entry.get("first_authors") or [])]
    urls = split_list(entry.get("urls"))
    return Record(
        title=_first(entry, "title", "primary_title", "translated_title", "short_title"),
        abstract=_first(entry, "abstract", "notes_abstract"),
        authors=list(dict.fromkeys(a for a in authors if a)),
        year=year_of(entry.get("year"), entry.get("publication_year"), entry.get("date")),
        doi=doi_in(entry.get("doi"), urls, entry.get("notes")),
        journal=_first(
            entry,
            "secondary_title",
            "journal_name",
            "alternate_title3",
            "alternate_title1",
            "alternate_title2",
        ),
        keywords=split_list(entry.get("keywords")),
        url=urls[0] if urls else "",
        source_key=_first(entry, "id", "accession_number"),
        label_prior=asreview_label(entry.get("notes")),
        raw=entry,
    )


#: The notes ASReview LAB writes into a RIS export to carry its labels.
ASREVIEW_NOTES = {"ASReview_relevant": 1, "ASReview_irrelevant": 0, "ASReview_not_seen": None}


def asreview_label(notes: object) -> int | None:
    """The label an ASReview LAB export put in a record's notes (N1), or None.

    Read into ``label_prior`` like a CSV's ``label_included``: kept only when
    the user imports with ``--labels-as prior``.
    """
    for note in notes if isinstance(notes, list) else [notes]:
        for marker, label in ASREVIEW_NOTES.items():
            if isinstance(note, str) and marker in note:
                return label
    return None


@register("ris", ".ris", ".enw")
def read_ris(path: Path) -> list[Record]:
    """Read a RIS file; every exporter's tag variants map onto the same fields."""
    text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    if text.lstrip("\ufeff").startswith(("FN ", "PT ")):
        return read_wos(path)  # Web of Science tagged text saved as .ris
    if "TY  -" not in text:
        raise InputFileError(path, "not a RIS file (no 'TY  -' tag)", "export as RIS")
    text = _close_records(text)
    entries = rispy.loads(text, skip_unknown_tags=False, enforce_list_tags=False)
    return [ris_record(e) for e in entries]


@register("wos", ".ciw")
def read_wos(path: Path) -> list[Record]:
    """Read a Web of Science tagged ("plain text"/CIW) export."""
    text = read_text(path).replace("\r\n", "\n")
    entries = rispy.loads(text, implementation=rispy.WokParser)
    records = []
    for e in entries:
        records.append(
            Record(
                title=clean(e.get("document_title")),
                abstract=clean(e.get("abstract")),
                authors=_wos_list(e.get("author_full_name") or e.get("authors")),
                year=year_of(e.get("publication_year"), e.get("publication_date")),
                doi=doi_in(e.get("doi")),
                journal=clean(e.get("publication_name")),
                keywords=split_list(e.get("author_keywords")) + split_list(e.get("keywords_plus")),
                source_key=clean(e.get("accession_number")),
                raw=e,
            )
        )
    return records


def _wos_list(value: object) -> list[str]:
    # WoS repeats authors one per continuation line; rispy may join them.
    if isinstance(value, list):
        return [clean(v) for v in value if clean(v)]
    return split_list(value, ";\n")


def _close_records(text: str) -> str:
    """Close every record with an ER line: a file cut short, or an exporter that
    omits ER, would otherwise merge records or drop the last one."""
    out: list[str] = []
    open_record = False
    for line in text.split("\n"):
        if line.startswith("TY  -"):
            if open_record:
                out.append("ER  - ")
            open_record = True
        elif line.startswith("ER  -"):
            open_record = False
        out.append(line)
    if open_record:
        out.append("ER  - ")
    return "\n".join(out) + "\n"
