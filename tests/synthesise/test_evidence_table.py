"""Evidence tables: values as text with pages, markers, status filter, included studies."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.document import Evidence
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
from reviewkit.store.documents import link_record, save_document
from reviewkit.store.extractions import StoredValue
from reviewkit.store.records import add_records
from reviewkit.synthesise.evidence_table import (
    Cell,
    Study,
    build_table,
    cells_of,
    evidence_table,
    included_studies,
    study_key,
    value_text,
)
from reviewkit.vocabulary import Record
from tests.export.conftest import build_review, document

P2 = Evidence(2, "This is a conceptual paper", 0, 26)
P3 = Evidence(3, "Integration is defined as a search.", 0, 35)


def stored(
    field: str,
    value: object,
    evidence: list[Evidence],
    status: str = "proposed",
    doc: str = "d1",
    id: int = 1,
) -> StoredValue:
    return StoredValue(
        id=id,
        doc_sha256=doc,
        template="integration",
        field=field,
        value=value,
        evidence=evidence,
        method="test",
        confidence=0.7,
        status=status,
        reviewer=None,
        at="2026-01-01T00:00:00.000+00:00",
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("conceptual", "conceptual"),
        ({"label": "process-only", "details": {}}, "process-only"),
        (
            {
                "term": "integration",
                "definition": "a search  to connect\nsystems",
                "attributed_to": "Leutz 1999",
            },
            "integration: a search to connect systems [Leutz 1999]",
        ),
        (
            {"term": "linkage", "definition": "the least integrated level", "attributed_to": None},
            "linkage: the least integrated level",
        ),
        (
            {
                "kind": "levels",
                "stages": [{"name": "macro"}, {"name": "meso"}, {"name": "micro"}],
                "attributed_to": None,
            },
            "levels: macro → meso → micro",
        ),
        (["care homes", "primary care"], "care homes; primary care"),
        (None, ""),
        (12, "12"),
    ],
)
def test_value_text_reads_each_kind_of_value(value: object, text: str) -> None:
    assert value_text(value) == text


def test_a_list_value_becomes_one_cell_per_item_with_its_own_quote() -> None:
    value = [
        {"term": "integration", "definition": "a search", "attributed_to": "Leutz 1999"},
        {"term": "linkage", "definition": "the first level", "attributed_to": None},
    ]
    cells = cells_of(stored("definitions", value, [P3, P2]))
    assert [c.display() for c in cells] == [
        "? integration: a search [Leutz 1999] (p. 3)",
        "? linkage: the first level (p. 2)",
    ]
    # evidence that does not pair up with the items stays with the whole value
    (whole,) = cells_of(stored("setting", ["a", "b"], [P2]))
    assert whole.display() == "? a; b (p. 2)"
    assert cells_of(stored("setting", [], [])) == []


def test_cell_marks_reviewed_values_and_lists_every_page() -> None:
    cell = Cell("study_design", "conceptual", "conceptual", "accepted", (P3, P2, P3))
    assert cell.reviewed and cell.marker == "✓"
    assert cell.display() == "✓ conceptual (pp. 2, 3)"
    assert cell.display(marker=False) == "conceptual (pp. 2, 3)"
    edited = Cell("study_design", "rct", "rct", "edited")
    assert edited.display() == "✓ rct"
    assert Cell("x", "y", "y", "proposed", (P2,)).display() == "? y (p. 2)"


def test_build_table_drops_rejected_values_and_filters_on_status() -> None:
    studies = [Study("Leutz 1999", doc_sha256="d1"), Study("No values", doc_sha256="d2")]
    values = [
        stored("study_design", "conceptual", [P2], "accepted", id=1),
        stored("definitions", [{"term": "t", "definition": "d"}], [P3], "proposed", id=2),
        stored("setting", ["hospital"], [P2], "rejected", id=3),
        stored("extra_field", "x", [P2], "edited", id=4),
    ]
    table = build_table(
        studies, values, ["definitions", "study_design", "setting"], template="integration"
    )
    assert table.fields == ["definitions", "study_design", "setting", "extra_field"]
    row = table.rows[0]
    assert [c.display() for c in row.cells["definitions"]] == ["? t: d (p. 3)"]
    assert row.cells["setting"] == []
    assert all(cells == [] for cells in table.rows[1].cells.values())

    accepted = build_table(
        studies, values, ["definitions", "study_design"], template="integration", status="accepted"
    )
    assert accepted.rows[0].cells["definitions"] == []
    assert [c.text for c in accepted.rows[0].cells["study_design"]] == ["conceptual"]
    with pytest.raises(ValueError, match="status"):
        build_table(studies, values, [], template="integration", status="proposed")


@pytest.mark.parametrize(
    ("authors", "year", "key"),
    [
        (["Leutz, Walter N."], 1999, "Leutz 1999"),
        (["Glasby, Jon", "Dickinson, H"], 2014, "Glasby & Dickinson 2014"),
        (["Kodner, D", "Spreeuwenberg, C", "Other, A"], 2002, "Kodner et al. 2002"),
        (["Jon Glasby"], None, "Glasby"),
        ([], 2001, "A title"),
    ],
)
def test_study_key(authors: list[str], year: int | None, key: str) -> None:
    assert study_key(authors, year, "A title") == key


def test_without_decisions_every_document_is_included_and_a_note_says_so() -> None:
    store = Store(":memory:")
    for sha, author in (("a" * 64, "Smith, J"), ("b" * 64, "Smith, J")):
        save_document(store, document(sha, ["Text."], authors=[author], year=2020))
    studies, notes = included_studies(store)
    assert [s.key for s in studies] == ["Smith 2020a", "Smith 2020b"]
    assert "No screening decisions" in notes[0] and "(2)" in notes[0]


def test_title_abstract_includes_count_until_full_texts_are_decided() -> None:
    store = Store(":memory:")
    add_records(
        store,
        [
            Record(title="Kept", authors=["Ann, A"], year=2001),
            Record(title="Dropped", authors=["Bob, B"], year=2002),
        ],
        path="x.ris",
        source="x",
        fmt="ris",
        finder=DuplicateIndex(),
    )
    kept, dropped = 1, 2
    record_decision(store, kept, "title-abstract", "ana", "include")
    record_decision(store, dropped, "title-abstract", "ana", "exclude")
    doc = document("a" * 64, ["Body."])
    save_document(store, doc)
    link_record(store, doc.sha256, kept)
    studies, notes = included_studies(store)
    assert [(s.key, s.record_id, s.doc_sha256) for s in studies] == [("Ann 2001", kept, doc.sha256)]
    assert "'title-abstract'" in notes[0]

    record_decision(store, kept, "full-text", "ana", "exclude", reason="wrong outcomes")
    record_decision(store, dropped, "full-text", "ana", "include")
    studies, notes = included_studies(store)
    # the included record has no ingested document: its row is there, without values
    assert [(s.key, s.doc_sha256) for s in studies] == [("Bob 2002", None)]
    assert any("no ingested full text" in n for n in notes)


def test_evidence_table_of_a_screened_review(tmp_path: Path) -> None:
    store = Store(":memory:")
    review = build_review(store, tmp_path)
    table = evidence_table(store, "integration")
    assert table.template == "integration"
    assert table.fields[:4] == ["definitions", "continua", "study_design", "outcome_reporting"]
    leutz = next(r for r in table.rows if r.study.key == "Leutz 1999")
    assert leutz.study.record_id == review.records["leutz"]
    assert [c.display() for c in leutz.cells["study_design"]] == ["✓ conceptual (p. 2)"]
    assert [c.display() for c in leutz.cells["definitions"]] == [
        "? integration: a search to connect the healthcare system with other human service "
        "systems [Leutz 1999] (p. 3)"
    ]
    assert leutz.cells["setting"] == []  # rejected
    assert len(table.rows) == 2
    assert any("not linked to a record" in n for n in table.notes)


def test_proposals_below_the_threshold_are_left_out_unless_reviewed() -> None:
    study = Study("Doc 2020", "Doc", doc_sha256="d1")
    weak = {"term": "x", "definition": "a weak guess", "attributed_to": None, "confidence": 0.3}
    strong = {"term": "y", "definition": "a strong one", "attributed_to": None, "confidence": 0.9}
    values = [
        stored("definitions", [weak, strong], [P3, P3]),
        stored("definitions", [weak], [P3], status="accepted", id=2),
    ]
    shown = build_table([study], values, ["definitions"], template="t", min_confidence=0.5)
    texts = [c.text for c in shown.rows[0].cells["definitions"]]
    assert texts == ["y: a strong one", "x: a weak guess"]  # the accepted weak one stays
    everything = build_table([study], values, ["definitions"], template="t")
    assert len(everything.rows[0].cells["definitions"]) == 3
