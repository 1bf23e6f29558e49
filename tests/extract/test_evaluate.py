"""evaluate: scoring rules of gold/README.md, and the gold targets on the dev set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reviewkit.extract.evaluate import (
    evaluate_corpus,
    fold_anchor,
    fold_stage,
    format_report,
    score_analysis,
)
from tests.conftest import CORPUS, SHARED
from tests.extract.conftest import make_doc

PAGE = "Co-operation is when parties show a ‘willingness’ to work together. Other text."


def ev(start: int, end: int, page: int = 1, text: str = PAGE) -> dict[str, Any]:
    return {"page": page, "quote": text[start:end], "char_start": start, "char_end": end}


def analysis(defs: list[dict[str, Any]], conts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "definitions": defs,
        "continua": conts,
        "study_design": {"label": "conceptual"},
        "outcome_reporting": {"label": "none"},
    }


GOLD = {
    "file": "x.pdf",
    "study_design": ["conceptual"],
    "outcome_reporting": ["outcomes"],
    "definitions": [
        {"term": "co-operation", "anchor": "willingness  to work-together", "core": True},
        {"term": "other", "anchor": "not in the text", "core": True},
        {"term": "optional", "anchor": "Other text", "core": False},
    ],
    "continua": [
        {"stages": ["co-ordination", "mezzo"], "core": True},
        {"stages": ["a", "b"], "core": False},
    ],
}


def test_folding() -> None:
    assert fold_anchor("The ‘Glue’  that-binds") == fold_anchor('the "glue" that binds')
    assert fold_stage("Co-ordination") == fold_stage("coordination")
    assert fold_stage("mezzo") == fold_stage("Meso")
    assert fold_stage("organisation") == fold_stage("organization")


def test_scoring_counts() -> None:
    end = PAGE.index(" Other")
    doc = make_doc(PAGE)
    defs = [
        {"term": "co-operation", "definition": "x", "evidence": ev(0, end)},
        {"term": "noise", "definition": "Other text here", "evidence": ev(end + 1, len(PAGE))},
        {
            "term": "bad quote",
            "definition": "willingness to work together",
            "evidence": {**ev(0, end), "quote": "not what the page says"},
        },
    ]
    conts = [
        {"stages": [{"name": "Coordination"}, {"name": "meso"}], "evidence": ev(0, 5)},
        {"stages": [{"name": "b"}, {"name": "a"}], "evidence": ev(0, 5)},
    ]
    score = score_analysis(analysis(defs, conts), GOLD, doc)
    d = score.scores["definitions"]
    assert (d.matched, d.extracted, d.found, d.core) == (2, 3, 1, 2)
    c = score.scores["continua"]
    assert (c.matched, c.extracted, c.found, c.core) == (1, 2, 1, 1)
    assert score.scores["study_design"].precision == 1.0
    assert score.scores["outcome_reporting"].recall == 0.0
    assert any("not in the text" in m for m in score.missed)
    assert any("bad quote" in w for w in score.wrong)


@pytest.fixture(params=["committed", "shared"])
def gold_and_corpus(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """(gold folder, corpus folder): the committed CC BY part, and all of ../shared."""
    if request.param == "committed":
        return CORPUS / "gold", CORPUS
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout (the whole dev set lives there)")
    return SHARED / "gold", SHARED / "corpus"


def test_gold_targets_on_truth_text(gold_and_corpus: tuple[Path, Path], truth_reader) -> None:
    gold, corpus = gold_and_corpus
    report = evaluate_corpus(gold, corpus, read=truth_reader)
    totals = report.totals
    assert len(report.documents) == len(list(gold.glob("*.json"))) >= 2
    assert totals["definitions"].recall >= 0.9
    assert totals["definitions"].precision >= 0.8
    assert totals["continua"].recall >= 0.9
    text = format_report(report)
    assert "TOTAL" in text and "definitions" in text
    assert report.to_json()["totals"]["continua"]["recall"] >= 0.9


def test_missing_pdf_is_reported(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(
        '{"file": "nowhere.pdf", "study_design": ["rct"], "outcome_reporting": ["none"],'
        ' "definitions": [{"term": "t", "anchor": "a", "core": true}], "continua": []}',
        encoding="utf-8",
    )
    report = evaluate_corpus(gold, tmp_path, read=lambda p: pytest.fail("must not read"))
    (doc,) = report.documents
    assert doc.error and "nowhere.pdf" in doc.error
    assert doc.scores["definitions"].recall == 0.0
    assert "ERROR" in format_report(report)


def test_gold_targets_on_real_pdfs(gold_and_corpus: tuple[Path, Path]) -> None:
    from reviewkit.ingest.pdf import read_pdf

    gold, corpus = gold_and_corpus
    report = evaluate_corpus(gold, corpus, read=read_pdf)
    totals = report.totals
    assert not [d.error for d in report.documents if d.error]
    assert totals["definitions"].recall >= 0.9
    assert totals["definitions"].precision >= 0.8
    assert totals["continua"].recall >= 0.9
