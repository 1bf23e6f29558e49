"""analyse_document: the analysis contract, round-tripping evidence, the text summary."""

from __future__ import annotations

import json
import time
from typing import Any

import jsonschema
import pytest

from reviewkit.extract.analyse import analyse_document, summary_text
from tests.conftest import contract
from tests.extract.conftest import make_doc


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return contract("analysis")


def all_evidence(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = [d["evidence"] for d in data["definitions"]] + [c["evidence"] for c in data["continua"]]
    out += data["study_design"]["evidence"]
    out += (
        data["outcome_reporting"]["outcome_evidence"]
        + data["outcome_reporting"]["process_evidence"]
    )
    return out


@pytest.mark.parametrize("name", ["001_iriss_insight_report", "003_greater_than_sum_2col"])
def test_contract_and_round_trip(truth_doc, schema, name: str) -> None:
    doc = truth_doc(name)
    t0 = time.perf_counter()
    analysis = analyse_document(doc)
    assert time.perf_counter() - t0 < 15  # first call trains the small models
    data = json.loads(json.dumps(analysis.to_json()))
    jsonschema.validate(data, schema)
    assert data["schema"] == "reviewkit.analysis/1"
    assert data["document"]["pages"] == len(doc.pages)
    assert data["definitions"] and data["continua"]
    for ev in all_evidence(data):
        assert doc.page(ev["page"]).text[ev["char_start"] : ev["char_end"]] == ev["quote"]


def test_second_analysis_is_fast(truth_doc) -> None:
    doc = truth_doc("001_iriss_insight_report")
    analyse_document(doc)
    t0 = time.perf_counter()
    analyse_document(doc)
    assert time.perf_counter() - t0 < 5


def test_summary_text_has_quotes_and_pages(truth_doc) -> None:
    text = summary_text(analyse_document(truth_doc("001_iriss_insight_report")))
    assert "Definitions (" in text and "Continua (" in text and "Study design:" in text
    assert 'p. 2: "Autonomy is when agencies act' in text
    assert "Autonomy -> Co-operation -> Co-ordination -> Integration" in text


def test_empty_document_is_valid(schema) -> None:
    doc = make_doc("")
    data = analyse_document(doc).to_json()
    jsonschema.validate(data, schema)
    assert data["definitions"] == [] and data["continua"] == []
    assert any("no text" in w for w in data["warnings"])
