"""Sentence segmentation: offsets, scholarly abbreviations, lists, quotes, pages."""

from __future__ import annotations

import time

import pytest

from reviewkit.extract.sentences import (
    group_paragraphs,
    list_blocks,
    reference_paragraphs,
    split_page,
    split_sentences,
)
from tests.extract.conftest import make_doc


def texts(text: str) -> list[str]:
    return [s.text for s in split_page(text, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Leutz et al. (1999) found that links matter in most places.",
        "Some agencies, e.g. housing, were not involved at all.",
        "Only one model was tested, i.e. the hub model.",
        "This point is made elsewhere (cf. Smith, 2004) and is disputed.",
        "Integration vs. coordination is an old debate.",
        "As W. Leutz argued, integration costs money first.",
        "The phrase appears in the report [20, p. 94] without a definition.",
        "See pp. 12-14 and Fig. 3 for the details of the model.",
        "The work of J.R. Smith and A. N. Other is cited twice.",
        "He cites Dr. Jones and Prof. Brown approx. ten times.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert texts(text) == [text]


def test_sentences_end_at_terminal_punctuation() -> None:
    text = "Integration grew in 2010. Then it slowed! Why did it stop? Nobody knows."
    assert texts(text) == [
        "Integration grew in 2010.",
        "Then it slowed!",
        "Why did it stop?",
        "Nobody knows.",
    ]


def test_offsets_round_trip() -> None:
    text = "  Heading\n\nFirst one. Second one.\n\n• bullet one • bullet two\n\nLast line"
    for s in split_page(text, 4):
        assert text[s.start : s.end] == s.text
        assert s.page == 4
        assert s.text == s.text.strip()


def test_headings_and_paragraph_breaks_end_sentences() -> None:
    text = "Defining integration\n\nIntegration has many meanings. It is contested\nNew line here"
    assert texts(text) == [
        "Defining integration",
        "Integration has many meanings.",
        "It is contested",
        "New line here",
    ]


def test_list_items_are_their_own_sentences() -> None:
    text = "There are three types: • linkage of services • co-ordination of care • full integration"
    assert texts(text) == [
        "There are three types:",
        "• linkage of services",
        "• co-ordination of care",
        "• full integration",
    ]


def test_numbered_reference_keeps_its_number() -> None:
    text = (
        "12. Leutz W. Five laws for integrating medical and social services. Milbank Q 1999;77:77."
    )
    assert texts(text)[0].startswith("12. Leutz W. Five laws")


def test_quoted_definition_is_not_split() -> None:
    text = "Kodner defines it as ‘the glue. It binds the system.’ Others disagree."
    assert texts(text) == [
        "Kodner defines it as ‘the glue. It binds the system.’",
        "Others disagree.",
    ]


def test_apostrophes_do_not_open_quotes() -> None:
    text = "The children’s services grew. The users’ views mattered. ‘Yes’ said one."
    assert texts(text) == [
        "The children’s services grew.",
        "The users’ views mattered.",
        "‘Yes’ said one.",
    ]


def test_never_across_pages() -> None:
    doc = make_doc("The sentence starts here and", "ends on the next page. Then another.")
    sents = split_sentences(doc)
    assert [(s.page, s.text) for s in sents] == [
        (1, "The sentence starts here and"),
        (2, "ends on the next page."),
        (2, "Then another."),
    ]


def test_paragraphs_and_list_blocks() -> None:
    doc = make_doc(
        "Edwards describes three degrees:\n\nAutonomy: each acts alone\n\n"
        "Co-operation: they talk\n\nIntegration: they merge\n\nA long closing paragraph "
        "that is plainly not part of the list because it goes on and on about other things."
    )
    sents = split_sentences(doc)
    pars = group_paragraphs(doc, sents)
    assert len(pars) == 5
    blocks = list_blocks(doc, sents)
    assert len(blocks) == 1
    assert [p.text.split(":")[0] for p in blocks[0].items] == [
        "Autonomy",
        "Co-operation",
        "Integration",
    ]


def test_reference_section_is_recognised() -> None:
    doc = make_doc(
        "Body text here.\n\nReferences\n\n1. Leutz W. Five laws. Milbank Q 1999;77:77-110.\n\n"
        "2. Smith J, Jones K. Partnership. London: Policy Press; 2004."
    )
    pars = group_paragraphs(doc, split_sentences(doc))
    refs = reference_paragraphs(pars)
    assert (1, pars[0].start) not in refs
    assert len(refs) == 3


@pytest.mark.parametrize("name", ["001_iriss_insight_report", "003_greater_than_sum_2col"])
def test_truth_documents_round_trip_and_are_fast(truth_doc, name: str) -> None:
    doc = truth_doc(name)
    t0 = time.perf_counter()
    sents = split_sentences(doc)
    assert time.perf_counter() - t0 < 0.5
    assert len(sents) > 100
    for s in sents:
        assert doc.page(s.page).text[s.start : s.end] == s.text
