"""Running a template stores one proposal per definition or continuum, each with its quote."""

from __future__ import annotations

from reviewkit.document import Document, Page
from reviewkit.extract.run import ensure_extracted, extract_values
from reviewkit.store import Store
from reviewkit.store.documents import save_document
from reviewkit.store.extractions import current_values, review_value

TEXT = (
    "Integration and partnership\n\n"
    "In this paper, integration refers to the joining of health and social care budgets, "
    "staff and management within one organisation. Partnership is defined as two or more "
    "agencies working towards shared aims while remaining separate bodies.\n\n"
    "We interviewed 24 managers in three English local authorities."
)


def _doc() -> Document:
    return Document(
        sha256="a" * 64,
        path="paper.md",
        kind="text",
        pages=[Page(number=1, text=TEXT)],
        title="Integration and partnership",
    )


def test_each_definition_is_its_own_proposal_with_a_verbatim_quote() -> None:
    name, values = extract_values(_doc(), "integration")

    assert name == "integration"
    definitions = [v for v in values if v.field == "definitions"]
    terms = sorted(v.value["term"].lower() for v in definitions)
    assert terms == ["integration", "partnership"]
    for v in definitions:
        (evidence,) = v.evidence
        assert TEXT[evidence.char_start : evidence.char_end] == evidence.quote
        assert 0 < v.confidence <= 1
    assert {v.field for v in values} >= {"study_design", "outcome_reporting", "continua"}


def test_ensure_extracted_proposes_once_and_reviewers_act_per_item() -> None:
    store = Store(":memory:")
    save_document(store, _doc())

    assert ensure_extracted(store, "integration") == 1
    assert ensure_extracted(store, "integration") == 0  # nothing new to extract
    definitions = current_values(store, field="definitions")
    assert len(definitions) == 2 and {d.status for d in definitions} == {"proposed"}

    review_value(store, definitions[0].id, "rejected", "alex")
    after = {d.id: d.status for d in current_values(store, field="definitions")}
    assert sorted(after.values()) == ["proposed", "rejected"]
    assert store.db["extractions"].count == len(current_values(store)) + 1  # appended, not updated
