"""Field extractors: every value comes with the sentence it was read from."""

from __future__ import annotations

import pytest

from reviewkit.document import Document
from reviewkit.extract.fields import (
    FieldHit,
    find_country,
    find_levels_of_integration,
    find_pico_comparator,
    find_pico_intervention,
    find_pico_outcomes,
    find_population,
    find_setting,
    is_cited,
    sentence_sections,
)
from reviewkit.extract.sentences import split_sentences
from tests.extract.conftest import make_doc


def hits(find, text: str) -> tuple[Document, list[FieldHit]]:
    doc = make_doc(text)
    found = find(doc, split_sentences(doc))
    for hit in found:
        e = hit.evidence
        assert doc.page(e.page).text[e.char_start : e.char_end] == e.quote
        assert 0.0 <= hit.confidence <= 1.0
    return doc, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The study was carried out in Scotland.", ["Scotland"]),
        ("We surveyed English local authorities about pooled budgets.", ["England"]),
        (
            "Data came from the Scottish Government and from councils in Wales.",
            ["Scotland", "Wales"],
        ),
        ("Services in Northern Ireland are structurally integrated.", ["Northern Ireland"]),
        ("Only English-language papers were included.", []),
        ("Programmes in North American cities were reviewed.", []),
        ("Dutch and Danish municipalities took part.", ["Netherlands", "Denmark"]),
    ],
)
def test_country(text: str, expected: list[str]) -> None:
    _, found = hits(find_country, text)
    assert sorted(h.value for h in found) == sorted(expected)


def test_country_is_ranked_by_mentions_and_ignores_references() -> None:
    text = (
        "Methods\n\nThe trial took place in Canada. Canadian home care agencies took part. "
        "A similar scheme exists in Italy.\n\nReferences\n\n1. Smith A. Care in Sweden. 2010."
    )
    _, found = hits(find_country, text)
    assert [h.value for h in found] == ["Canada", "Italy"]
    assert "Canada" in found[0].evidence.quote


def test_setting_prefers_methods_sentences() -> None:
    text = (
        "Methods\n\nThe study was conducted in 24 care homes and 6 general practices in one city. "
        "Residents of the nursing homes were visited monthly."
    )
    _, found = hits(find_setting, text)
    values = [h.value for h in found]
    assert "care homes" in values
    assert "general practices" in values


def test_health_and_social_care_is_not_a_setting() -> None:
    _, found = hits(find_setting, "Integration of health and social care is a policy aim.")
    assert found == []


def test_population() -> None:
    _, found = hits(
        find_population,
        "We recruited 612 older adults living at home and 140 carers of people with dementia.",
    )
    values = [h.value for h in found]
    assert any(v.startswith("612 older adults") for v in values)
    assert any(v.startswith("140 carers") for v in values)


def test_levels_of_integration_in_order_with_mezzo_as_meso() -> None:
    text = (
        "Integration happens at the micro level of individual care. "
        "Reed distinguishes macro, mezzo and micro strategies."
    )
    _, found = hits(find_levels_of_integration, text)
    assert [h.value for h in found] == ["macro", "meso", "micro"]
    assert all("macro" in h.evidence.quote for h in found)


def test_pico_arms_and_outcomes() -> None:
    text = (
        "Patients were randomised to nurse case management or usual care. "
        "The primary outcome was emergency admissions at 12 months."
    )
    _, intervention = hits(find_pico_intervention, text)
    _, comparator = hits(find_pico_comparator, text)
    _, outcomes = hits(find_pico_outcomes, text)
    assert intervention[0].value == "nurse case management"
    assert comparator[0].value == "usual care"
    assert outcomes[0].value == "emergency admissions at 12 months"


def test_no_value_without_a_quote() -> None:
    for find in (find_country, find_setting, find_population, find_pico_outcomes):
        _, found = hits(find, "This paragraph names nothing of interest.")
        assert found == []


def test_sections_and_citations() -> None:
    doc = make_doc(
        "Abstract\n\nWe did a survey.\n\nMethods\n\nWe sent questionnaires.\n\n"
        "References\n\n1. Jones A. A trial. 2001."
    )
    sentences = split_sentences(doc)
    kinds = dict(zip((s.text for s in sentences), sentence_sections(doc, sentences), strict=True))
    assert kinds["We did a survey."] == "abstract"
    assert kinds["We sent questionnaires."] == "methods"
    reference_kinds = [kind for text, kind in kinds.items() if "Jones" in text]
    assert reference_kinds and set(reference_kinds) == {"references"}
    assert is_cited("Smith et al. (2010) interviewed carers.")
    assert not is_cited("We interviewed carers, as Smith (2010) did.")
