"""The bibliographic record every reader produces and the store returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    """One bibliographic record found by a search.

    Attributes:
        id: the store's id; None until the record is stored.
        title, abstract: as read ("" when missing).
        authors: "Surname, Given" strings in the source's order.
        year: publication year, None when unknown.
        doi: normalised DOI (lower case, no resolver prefix), "" when none.
        journal: journal or container title.
        keywords: author keywords or MeSH terms.
        url: first link given.
        source_key: the identifier the source file gave (RIS ID, BibTeX key,
            PMID, CSV record_id), "" when none.
        duplicate_of: id of the record kept when this one is a duplicate.
        label_prior: 1/0 when the file carried a label and the user asked to
            import labels as prior knowledge (``--labels-as prior``).
        raw: the fields as read, kept for the audit trail (not compared).
    """

    id: int | None = None
    title: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    doi: str = ""
    journal: str = ""
    keywords: list[str] = field(default_factory=list)
    url: str = ""
    source_key: str = ""
    duplicate_of: int | None = None
    label_prior: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        """Title and abstract, what the prioritisation model reads."""
        return f"{self.title}\n{self.abstract}".strip()
