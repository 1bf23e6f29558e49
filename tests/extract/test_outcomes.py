"""classify_outcomes: outcomes vs process-only vs none, by the CODEBOOK's rules."""

from __future__ import annotations

import json

import pytest

from reviewkit.document import Document
from reviewkit.extract.design import calibration_report, load_rows
from reviewkit.extract.outcomes import OutcomeResult, classify_outcomes, score_sentences
from reviewkit.extract.sentences import split_sentences
from tests.conftest import corpus_path
from tests.extract.conftest import make_doc
from tests.extract.test_design import (
    CONCEPTUAL,
    EDITORIAL,
    GOLD_DOCS,
    PROTOCOL,
    QUALITATIVE,
    REVIEW_OF_TRIALS,
    TRIAL,
)

SURVEY_OF_PARTNERS = (
    "Partnership working in mental health: a survey of team managers\n\n"
    "Method: A questionnaire was completed by 214 managers of community mental health"
    " teams (response rate 61%).\n\n"
    "Results: Most managers reported that joint meetings with social care colleagues "
    "took place at least monthly. Shared records were available in only a third of "
    "teams. Managers identified leadership and trust as the main enablers of joint "
    "working, and financial pressures as the main barrier."
)

NO_DIFFERENCE = (
    "Telecare for people with long-term conditions: a cluster randomised trial\n\n"
    "Practices were randomised to offer telecare or usual care to 1,900 patients. At "
    "12 months there was no significant difference between arms in emergency "
    "admissions or in health-related quality of life."
)

PROCESS_NOT_OUTCOMES = (
    "Why partnerships lose sight of users: a policy paper\n\n"
    "This policy paper argues that evaluations of joint working have focused on the "
    "process of working together rather than on outcomes for people who use services."
    " It is difficult to show that integration improves health or wellbeing. We "
    "propose a framework that keeps partners focused on outcomes."
)


def run(text: str) -> tuple[Document, OutcomeResult]:
    doc = make_doc(text)
    return doc, classify_outcomes(doc, split_sentences(doc))


def assert_consistent(doc: Document, result: OutcomeResult) -> None:
    assert 0.0 <= result.confidence <= 1.0
    for e in result.outcome_evidence + result.process_evidence:
        assert doc.page(e.page).text[e.char_start : e.char_end] == e.quote
    if result.label == "outcomes":
        assert result.outcome_evidence
    if result.label == "process-only":
        assert result.process_evidence and not result.outcome_evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TRIAL, "outcomes"),
        (NO_DIFFERENCE, "outcomes"),
        (REVIEW_OF_TRIALS, "outcomes"),
        (QUALITATIVE, "process-only"),
        (SURVEY_OF_PARTNERS, "process-only"),
        (EDITORIAL, "none"),
        (PROTOCOL, "none"),
        (CONCEPTUAL, "none"),
        (PROCESS_NOT_OUTCOMES, "none"),
    ],
    ids=[
        "trial",
        "no-difference",
        "review",
        "qualitative-staff",
        "survey-of-partners",
        "editorial",
        "protocol",
        "conceptual",
        "process-rather-than-outcomes",
    ],
)
def test_hand_written_documents(text: str, expected: str) -> None:
    doc, result = run(text)
    assert result.label == expected
    assert_consistent(doc, result)


def test_outcome_evidence_quotes_the_finding() -> None:
    _, result = run(NO_DIFFERENCE)
    assert any("no significant difference" in e.quote for e in result.outcome_evidence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Much of the literature has focused on process rather than on outcomes for service users.",
        "It is hard to demonstrate that joint working improves the lives of older people.",
        "The primary outcome was the number of emergency admissions within a year.",
        "The primary outcome will be quality of life at 12 months.",
        "Does integration improve outcomes for people who use services?",
        "Objectives: To assess whether joint teams reduce admissions of older people.",
    ],
)
def test_statements_about_outcomes_are_not_findings(sentence: str) -> None:
    ((p_outcome, _),) = score_sentences([sentence])
    assert p_outcome < 0.5


@pytest.mark.parametrize("name", GOLD_DOCS)
def test_gold_documents(truth_doc, name: str) -> None:
    gold = json.loads(corpus_path(f"gold/{name}.json").read_text(encoding="utf-8"))
    doc = truth_doc(name)
    result = classify_outcomes(doc, split_sentences(doc))
    assert result.label in gold["outcome_reporting"]
    assert_consistent(doc, result)


@pytest.mark.parametrize("split", ["tuning", "held-out", "final"])
def test_accuracy_on_hand_written_abstracts(split: str) -> None:
    rows = [r for r in load_rows("design_eval_documents.jsonl") if r["split"] == split]
    right = sum(run(row["text"])[1].label == row["outcome_reporting"] for row in rows)
    assert right / len(rows) >= 0.8


def test_calibration_is_reported() -> None:
    report = calibration_report("outcome_sentences.jsonl")
    assert report["brier"] < 0.4
    assert report["accuracy"] > 0.7


def test_a_finding_under_a_results_label_counts_and_a_methods_sentence_there_does_not() -> None:
    from reviewkit.extract.outcomes import in_findings

    text = (
        "Integrated care for older people: a qualitative systematic review\n\n"
        "Methods: Eleven papers were included.\n\n"
        "Results: Fourteen focus groups were conducted with 58 participants. "
        "These indicate social participation and connectedness for older people and "
        "their families, and the older person feeling motivated to engage in their care."
    )
    doc = make_doc(text)
    sentences = split_sentences(doc)
    zones = {s.text[:20]: in_findings(doc, s, "abstract") for s in sentences}
    assert zones["Methods: Eleven pape"] is False
    assert zones["These indicate socia"] is True
    result = classify_outcomes(doc, sentences)
    assert result.label == "outcomes"
    assert [e.quote[:20] for e in result.outcome_evidence] == ["These indicate socia"]
