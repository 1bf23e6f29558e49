"""classify_design: hand-written papers of each design, the gold documents, held-out abstracts."""

from __future__ import annotations

import json

import pytest

from reviewkit.document import Document
from reviewkit.extract.design import (
    DESIGN_LABELS,
    DesignResult,
    calibration_report,
    classify_design,
    load_rows,
)
from reviewkit.extract.sentences import split_sentences
from tests.conftest import contract, corpus_path
from tests.extract.conftest import make_doc

GOLD_DOCS = ["001_iriss_insight_report", "003_greater_than_sum_2col", "interleaved_columns_003"]

TRIAL = (
    "Integrated case management for frail older people: a randomised controlled trial\n\n"
    "Abstract\n\n"
    "Methods: We randomly allocated 512 people aged 75 and over registered with 18 "
    "general practices in Wales to nurse case management or to usual care. The "
    "primary outcome was the number of days spent at home over 12 months.\n\n"
    "Results: Participants in the case management arm spent on average four more days"
    " at home than those in the usual care arm. There was no difference in mortality."
)

QUALITATIVE = (
    "Working across boundaries: a qualitative study of staff in integrated teams\n\n"
    "Methods\n\n"
    "We conducted semi-structured interviews with 27 nurses, social workers and "
    "occupational therapists in three integrated community teams. Interviews were "
    "transcribed and analysed thematically.\n\n"
    "Findings\n\n"
    "Staff valued co-location but reported tensions over line management and "
    "different recording systems."
)

EDITORIAL = (
    "Editorial\n\n"
    "Welcome to this special issue on partnership working. The papers in this issue "
    "come from five countries. We hope readers will find them stimulating, and we "
    "thank the authors and reviewers for their work."
)

PROTOCOL = (
    "Reablement for people leaving hospital: protocol for a randomised controlled "
    "trial\n\n"
    "Methods and analysis: Participants will be randomised to reablement or to "
    "standard home care. We will recruit 480 adults from four local authorities. The "
    "primary outcome will be independence in activities of daily living at six "
    "months.\n\n"
    "Ethics and dissemination: Results will be published in peer-reviewed journals."
)

REVIEW_OF_TRIALS = (
    "Case management for people with dementia: systematic review and meta-analysis of"
    " randomised trials\n\n"
    "We searched MEDLINE, Embase, PsycINFO and CINAHL to January 2024 for randomised "
    "controlled trials of case management. Two reviewers screened records and "
    "assessed risk of bias. Fourteen trials with 4,300 participants were included. "
    "Case management reduced admissions to care homes at 12 months but had no effect "
    "on quality of life."
)

COHORT = (
    "Intensive home support and moves into care homes: a retrospective cohort study\n\n"
    "We used linked administrative data from social care and hospital records to "
    "construct a cohort of 21,300 people aged 65 and over who began receiving home "
    "support between 2015 and 2019, and followed them for up to four years. People "
    "receiving intensive support were less likely to move into a care home."
)

CASE_STUDY = (
    "Integration in practice: a multiple case study\n\n"
    "Following Yin, we selected four case sites with contrasting governance "
    "arrangements. In each case we interviewed managers and practitioners and "
    "analysed partnership documents. Cross-case analysis identified leadership and "
    "local history as important."
)

CONCEPTUAL = (
    "Rethinking integration: a discussion paper\n\n"
    "This discussion paper develops a conceptual framework for thinking about what "
    "integration is for. A randomised trial by Smith et al. (2010) found that case "
    "management reduced admissions, and cohort studies have reported similar effects "
    "(Jones, 2012). We argue that such findings say little about why integration "
    "works, and we propose a typology of purposes for local partnerships."
)

SURVEY = (
    "Joint commissioning in English local authorities: a national survey\n\n"
    "An online questionnaire was sent to all 152 directors of adult social services; "
    "103 responded (response rate 68%). Most respondents reported a joint "
    "commissioning strategy with health partners."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TRIAL, "rct"),
        (QUALITATIVE, "qualitative"),
        (EDITORIAL, "editorial"),
        (PROTOCOL, "protocol"),
        (REVIEW_OF_TRIALS, "systematic-review"),
        (COHORT, "cohort"),
        (CASE_STUDY, "case-study"),
        (CONCEPTUAL, "conceptual"),
        (SURVEY, "cross-sectional"),
    ],
    ids=[
        "trial",
        "qualitative",
        "editorial",
        "protocol",
        "review",
        "cohort",
        "case-study",
        "conceptual-citing-trials",
        "survey",
    ],
)
def test_hand_written_designs(text: str, expected: str) -> None:
    doc = make_doc(text)
    result = classify_design(doc, split_sentences(doc))
    assert result.label == expected
    assert 0.0 <= result.confidence <= 1.0
    assert result.evidence, "the deciding sentences are quoted"
    assert_verbatim(doc, result)


def assert_verbatim(doc: Document, result: DesignResult) -> None:
    for e in result.evidence:
        assert doc.page(e.page).text[e.char_start : e.char_end] == e.quote


def test_details_are_read_from_the_methods() -> None:
    trial = make_doc(TRIAL)
    details = classify_design(trial, split_sentences(trial)).details
    assert details["n_participants"] == 512
    assert details["country"] == "Wales"
    qual = make_doc(QUALITATIVE)
    assert classify_design(qual, split_sentences(qual)).details["n_interviews"] == 27
    review = make_doc(REVIEW_OF_TRIALS)
    assert classify_design(review, split_sentences(review)).details["n_studies"] == 14
    cases = make_doc(CASE_STUDY)
    assert classify_design(cases, split_sentences(cases)).details["n_cases"] == 4


def test_empty_document_is_other_with_a_reason() -> None:
    doc = make_doc("")
    result = classify_design(doc, split_sentences(doc))
    assert result.label == "other"
    assert result.details["reason"]
    assert result.confidence < 0.5


def test_references_do_not_decide() -> None:
    text = CONCEPTUAL + (
        "\n\nReferences\n\n1. Smith A. A randomised controlled trial of case management. "
        "BMJ 2010;340:c1.\n\n2. Jones B. Semi-structured interviews with carers: a qualitative "
        "study. Health Soc Care Community 2012;20:1-9."
    )
    doc = make_doc(text)
    assert classify_design(doc, split_sentences(doc)).label == "conceptual"


@pytest.mark.parametrize("name", GOLD_DOCS)
def test_gold_documents(truth_doc, name: str) -> None:
    gold = json.loads(corpus_path(f"gold/{name}.json").read_text(encoding="utf-8"))
    doc = truth_doc(name)
    result = classify_design(doc, split_sentences(doc))
    assert result.label in gold["study_design"]
    assert_verbatim(doc, result)


@pytest.mark.parametrize("split", ["tuning", "held-out", "final"])
def test_accuracy_on_hand_written_abstracts(split: str) -> None:
    rows = [r for r in load_rows("design_eval_documents.jsonl") if r["split"] == split]
    right = 0
    for row in rows:
        doc = make_doc(row["text"])
        right += classify_design(doc, split_sentences(doc)).label == row["design"]
    assert right / len(rows) >= 0.8


def test_labels_are_the_codebook_labels() -> None:
    schema = contract("analysis")
    assert list(DESIGN_LABELS) == schema["$defs"]["design_label"]["enum"]
    assert {r["label"] for r in load_rows("design_sentences.jsonl")} <= {*DESIGN_LABELS, "none"}


def test_training_rows_have_provenance() -> None:
    for name in ("design_sentences.jsonl", "outcome_sentences.jsonl"):
        rows = load_rows(name)
        assert len(rows) >= 250
        assert all(r["provenance"] and r["text"] and r["label"] for r in rows)


def test_calibration_is_reported() -> None:
    report = calibration_report("design_sentences.jsonl")
    assert report["brier"] < 0.7
    assert sum(b["n"] for b in report["bins"]) == report["n_test"]


def test_a_markdown_references_heading_ends_the_body_too() -> None:
    text = CONCEPTUAL + (
        "\n\n## References\n\n1. Smith A. A randomised controlled trial of case management. "
        "BMJ 2010;340:c1.\n\n2. Brown C. Randomised controlled trial of joint teams: the "
        "CONSORT report of a cluster randomised trial. Lancet 2011;1:2-9."
    )
    doc = make_doc(text)
    assert classify_design(doc, split_sentences(doc)).label == "conceptual"


def test_the_design_a_title_declares_outweighs_the_words_of_an_abstract() -> None:
    text = (
        "Sharing records between health and social care: a qualitative study\n\n"
        "We developed a framework of information sharing and a typology of consent. "
        "The framework describes five ways agencies share records. Data came from "
        "interviews with managers in four councils."
    )
    doc = make_doc(text)
    doc.title = "Sharing records between health and social care: a qualitative study"
    assert classify_design(doc, split_sentences(doc)).label == "qualitative"


def test_an_essay_that_says_what_will_happen_is_not_a_protocol() -> None:
    # Future tense everywhere, but none of a protocol's own phrases.
    text = (
        "The end of the silo\n\n"
        "In my view joint commissioning will change how councils think about care. "
        "Budgets will follow people rather than services, and managers will learn to share "
        "risk. Some partnerships will fail. I argue that the ones that last will be those "
        "that agree what integration is for."
    )
    doc = make_doc(text)
    assert classify_design(doc, split_sentences(doc)).label != "protocol"


# An essay about trials: it describes other people's studies, reports none of its own.
ESSAY_ON_TRIALS = (
    "Can befriending schemes prevent loneliness in later life?\n\n"
    "Doctors increasingly suggest befriending schemes to older people who live alone. "
    "The hope is that regular visits reduce loneliness and, with it, the risk of "
    "depression. What could be wrong with a weekly visit from a volunteer?\n\n"
    "Several randomised controlled trials have compared befriending with usual care "
    "[3,4]. In the largest, participants were randomly allocated to weekly visits or "
    "to a leaflet [5]. Cohort studies suggest that people with more social contact "
    "live longer [6], but reverse causation may explain part of that association. "
    "The trials were small, follow-up was short and outcomes were self-reported.\n\n"
    "Until better trials are done, befriending should be offered because people "
    "value it, not because it has been shown to prevent illness. Commissioners "
    "should say so plainly, and researchers should measure what matters to the "
    "people visited, not only what is easy to count."
)


def test_an_essay_about_trials_is_not_a_trial() -> None:
    doc = make_doc(ESSAY_ON_TRIALS)
    result = classify_design(doc, split_sentences(doc))
    assert result.label in ("narrative-review", "conceptual", "editorial")


def test_one_method_sentence_in_a_short_abstract_is_a_study_of_its_own() -> None:
    doc = make_doc(
        "Home care use and risk of delirium: a case-control study\n\n"
        "Cases were 612 patients aged 75 and over who developed delirium during an "
        "emergency admission, and controls were 1,224 patients without delirium "
        "matched on age and sex. Cases were more likely to have received home care "
        "before admission."
    )
    assert classify_design(doc, split_sentences(doc)).label == "case-control"
