"""A small screened review with documents and extracted values, built straight into the store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from reviewkit.document import Document, Evidence, Page
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.decisions import record_decision, undo_last
from reviewkit.store.documents import link_record, save_document
from reviewkit.store.extractions import add_proposals, current_values, review_value
from reviewkit.store.records import add_records
from reviewkit.vocabulary import Record

HOSTILE = ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)")
TEMPLATE = "integration"

LEUTZ_PAGES = [
    "Five laws for integrating medical and social services. Introduction.",
    "This is a conceptual paper drawing on experience in the United States and the UK.",
    "Integration is defined as a search to connect the healthcare system with other "
    "human service systems. Levels range from linkage through co-ordination to full "
    "integration.",
]


@dataclass
class Proposal:
    field: str
    value: Any
    evidence: list[Evidence]
    method: str = "test"
    confidence: float = 0.8


@dataclass
class Review:
    store: Store
    folder: Path
    records: dict[str, int] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)


def span(doc: Document, page: int, quote: str) -> Evidence:
    start = doc.page(page).text.index(quote)
    return Evidence(page, quote, start, start + len(quote))


def document(sha: str, pages: list[str], **meta: Any) -> Document:
    return Document(
        sha256=sha,
        path=f"/papers/{sha}.pdf",
        kind="pdf",
        pages=[Page(i, t) for i, t in enumerate(pages, 1)],
        **meta,
    )


def _propose(store: Store, doc: Document, *proposals: Proposal) -> dict[str, int]:
    add_proposals(store, doc.sha256, TEMPLATE, proposals)
    return {v.field: v.id for v in current_values(store, doc_sha256=doc.sha256)}


def build_review(store: Store, folder: Path) -> Review:
    review = Review(store, folder)
    medline = [
        Record(
            title="Five laws for integrating medical and social services",
            authors=["Leutz, Walter N."],
            year=1999,
            doi="10.1111/1468-0009.00136",
            abstract="Lessons from the United States and the United Kingdom.",
            journal="Milbank Quarterly",
            keywords=["integration"],
            source_key="leutz1999",
        ),
        Record(title="Mice and integration", authors=["Rat, A"], year=2001, abstract="Mice."),
        Record(
            title="Partnership working in England",
            authors=["Glasby, Jon", "Dickinson, H"],
            year=2014,
            abstract="A case study.",
        ),
        Record(title="Unavailable report", authors=["Lost, P"], year=2010, abstract="Gone."),
        Record(title=HOSTILE[0], authors=[HOSTILE[3]], year=2020, abstract=HOSTILE[1]),
    ]
    embase = [
        Record(
            title="Five laws for integrating medical and social services",
            authors=["Leutz, W"],
            year=1999,
            doi="10.1111/1468-0009.00136",
        ),
        Record(title="Veterinary care", authors=["Vet, V"], year=2018, abstract="Dogs."),
    ]
    add_records(
        store, medline, path="medline.ris", source="MEDLINE", fmt="ris", finder=DuplicateIndex()
    )
    add_records(
        store, embase, path="embase.ris", source="Embase", fmt="ris", finder=DuplicateIndex()
    )
    ids = {
        r["title"]: r["id"]
        for r in store.db.query("select id, title from records where duplicate_of is null")
    }
    rec = review.records
    rec.update(
        leutz=ids[medline[0].title],
        mice=ids[medline[1].title],
        glasby=ids[medline[2].title],
        lost=ids[medline[3].title],
        hostile=ids[HOSTILE[0]],
        vet=ids["Veterinary care"],
    )

    ta, ft = "title-abstract", "full-text"
    for key in ("leutz", "glasby", "lost", "hostile"):
        record_decision(store, rec[key], ta, "ana", "include")
    for key in ("mice", "vet"):
        record_decision(store, rec[key], ta, "ana", "exclude", reason="wrong population")
    record_decision(store, rec["mice"], ta, "ben", "include")
    undo_last(store, "ben", ta)
    record_decision(store, rec["leutz"], ft, "ana", "include")
    record_decision(store, rec["hostile"], ft, "ana", "include")
    record_decision(store, rec["glasby"], ft, "ana", "exclude", reason="wrong study design")
    record_decision(store, rec["lost"], ft, "ana", "exclude", reason="full text not available")

    leutz = document("a" * 64, LEUTZ_PAGES, title="Five laws", authors=["Leutz, W"], year=1999)
    save_document(store, leutz)
    link_record(store, leutz.sha256, rec["leutz"])
    definition = LEUTZ_PAGES[2].split(". ")[0] + "."
    levels = "Levels range from linkage through co-ordination to full integration."
    ids_leutz = _propose(
        store,
        leutz,
        Proposal("study_design", "conceptual", [span(leutz, 2, "This is a conceptual paper")]),
        Proposal("outcome_reporting", "none", []),
        Proposal(
            "definitions",
            [
                {
                    "term": "integration",
                    "definition": "a search to connect the healthcare system "
                    "with other human service systems",
                    "attributed_to": "Leutz 1999",
                    "confidence": 0.9,
                }
            ],
            [span(leutz, 3, definition)],
        ),
        Proposal(
            "continua",
            [
                {
                    "kind": "continuum",
                    "attributed_to": None,
                    "stages": [
                        {"name": "linkage", "description": None},
                        {"name": "co-ordination", "description": None},
                        {"name": "full integration", "description": None},
                    ],
                }
            ],
            [span(leutz, 3, levels)],
        ),
        Proposal("setting", ["United States"], [span(leutz, 2, "United States")]),
        Proposal(
            "country",
            ["United States", "United Kingdom"],
            [span(leutz, 2, "United States"), span(leutz, 2, "UK")],
        ),
    )
    review_value(store, ids_leutz["study_design"], "accepted", "ana")
    review_value(store, ids_leutz["continua"], "accepted", "ana")
    review_value(store, ids_leutz["setting"], "rejected", "ana")

    hostile_text = " ".join(HOSTILE) + " <script>alert(1)</script> is defined as a | pipe."
    hostile = document("b" * 64, [hostile_text], title=HOSTILE[0])
    save_document(store, hostile)
    link_record(store, hostile.sha256, rec["hostile"])
    ids_h = _propose(
        store,
        hostile,
        Proposal("population", [HOSTILE[1]], [span(hostile, 1, HOSTILE[1])]),
        Proposal("setting", [HOSTILE[2]], [span(hostile, 1, HOSTILE[2])]),
        Proposal("study_design", HOSTILE[3], [span(hostile, 1, HOSTILE[3])]),
        Proposal(
            "definitions",
            [
                {
                    "term": "<script>alert(1)</script>",
                    "definition": HOSTILE[0],
                    "attributed_to": None,
                }
            ],
            [span(hostile, 1, "<script>alert(1)</script> is defined as a | pipe.")],
        ),
    )
    review_value(store, ids_h["setting"], "accepted", "ana")
    review_value(store, ids_h["study_design"], "edited", "ben", value=HOSTILE[0])

    unlinked = document("c" * 64, ["An unlinked paper."], title="Unlinked")
    save_document(store, unlinked)
    review.docs.update(leutz=leutz.sha256, hostile=hostile.sha256, unlinked=unlinked.sha256)
    return review


@pytest.fixture
def review(tmp_path: Path) -> Iterator[Review]:
    """A review folder (for CLI tests) holding the screened review."""
    folder = init_project(tmp_path / "review")
    store = Store(folder / DB_NAME)
    built = build_review(store, folder)
    yield built
    store.close()
