"""Definition frames and term boundaries (each frame in wording of its own, not from a gold set)."""

from __future__ import annotations

import pytest

from reviewkit.extract.definitions import find_definitions
from reviewkit.extract.definitions.patterns import match_definition, trailing_np
from reviewkit.extract.sentences import split_sentences
from tests.extract.conftest import make_doc


def terms_of(*pages: str) -> list[tuple[str, str]]:
    doc = make_doc(*pages)
    return [(d.term, d.definition) for d in find_definitions(doc, split_sentences(doc))]


@pytest.mark.parametrize(
    ("sentence", "term", "start"),
    [
        (
            "Respite is when a paid worker looks after the person so that the carer can rest.",
            "Respite",
            "a paid worker",
        ),
        (
            "Case finding refers to the search of practice records for people at high risk.",
            "Case finding",
            "the search",
        ),
        (
            "Alignment is defined as the agreement of partners to spend separate budgets on shared "
            "priorities.",
            "Alignment",
            "the agreement",
        ),
        (
            "Joint working involves staff from two agencies planning care for the same person.",
            "Joint working",
            "staff from",
        ),
        (
            "By a locality we mean a population of 30,000 to 50,000 people served by one team.",
            "locality",
            "a population",
        ),
        (
            "We take continuity to mean the experience of care as connected over time.",
            "continuity",
            "the experience",
        ),
        ("Co-location simply means working from the same building.", "Co-location", "working"),
        (
            "Interoperability denotes the ability of two record systems to exchange data.",
            "Interoperability",
            "the ability",
        ),
        (
            "Trust is better understood as a willingness to rely on a colleague's judgement.",
            "Trust",
            "a willingness",
        ),
        (
            "Partnership can be seen as a way of sharing responsibility no agency holds alone.",
            "Partnership",
            "a way",
        ),
        (
            "In this survey the term joint visit is used for any home visit made by two "
            "professions together.",
            "joint visit",
            "any home visit",
        ),
        (
            "Merger goes further: the partners cease to exist as separate legal bodies.",
            "Merger",
            "the partners",
        ),
        (
            "A link worker, that is, a member of staff who connects patients with community "
            "groups, was attached to each practice.",
            "link worker",
            "a member of staff",
        ),
        (
            "Respite (i.e. a planned break for an unpaid carer) was offered to every family.",
            "Respite",
            "a planned break",
        ),
        (
            "Staff used the image of a safety net, meaning a set of contacts that catch a person "
            "before a crisis.",
            "safety net",
            "a set of contacts",
        ),
        (
            "Think of case management as a relay: each worker hands the baton on safely.",
            "case management",
            "a relay",
        ),
        (
            "Integration, at the deep end of the range, is reached when budgets and staff are "
            "merged.",
            "Integration",
            "budgets and staff",
        ),
        ("For one nurse, teamwork 'is when nobody has to ask twice'.", "teamwork", "nobody"),
        # Naming frames: the meaning comes first, the term after "known as"/"called".
        (
            "Most people leaving hospital receive six weeks of home visits known as reablement "
            "that the council pays for.",
            "reablement",
            "six weeks of home visits",
        ),
        (
            "These short stays in a care home are called respite breaks.",
            "respite breaks",
            "These short stays",
        ),
        (
            "Many older people live with frailty—a state of reduced reserve after illness—and "
            "need support at home.",
            "frailty",
            "a state of reduced reserve",
        ),
        (
            "Patients were offered a personal budget (a sum of money that the person controls) "
            "when they left the ward.",
            "personal budget",
            "a sum of money",
        ),
        ("Let N be the number of records screened before the stop.", "N", "the number"),
        (
            "The term care gap has been coined to describe the distance between needs and "
            "services.",
            "care gap",
            "the distance",
        ),
        (
            "Waiting lists are defined here as people assessed but not yet served.",
            "Waiting lists",
            "people assessed",
        ),
    ],
)
def test_frames(sentence: str, term: str, start: str) -> None:
    cands = match_definition(sentence)
    assert cands, sentence
    assert cands[0].term == term
    assert cands[0].definiens.startswith(start)


@pytest.mark.parametrize(
    "sentence",
    [
        "None of this suggests that budgets are irrelevant.",
        "People who attend the clinic seldom describe what they want in terms of services.",
        "Whether or not a merger is the best route, what matters is staying at home.",
        "It is a matter of judgement for each partnership.",
        "They are not easy to compare across regions.",
        "Integration between trusts need not involve a change of ownership.",
        "Otherwise there is a risk that partners talk past each other.",
    ],
)
def test_pronoun_and_clause_subjects_are_not_terms(sentence: str) -> None:
    assert terms_of(sentence) == []


def test_titles_and_headings_are_not_glossary_items() -> None:
    assert (
        terms_of(
            "Shared learning in maternity networks: an evaluation of six regions\n\n"
            "Commentary: Doors, not walls\n\n"
            "Rural dementia services: lessons from three counties"
        )
        == []
    )


def test_glossary_run_without_lead_in() -> None:
    found = terms_of(
        "Terms used here\n\n"
        "Locality board – a committee of the council and the health board that agrees a joint "
        "plan each year.\n\n"
        "Lead professional – the person who co-ordinates the support given to one individual."
    )
    assert [t for t, _ in found] == ["Locality board", "Lead professional"]


def test_dash_list_items_in_one_paragraph_are_separate_definitions() -> None:
    found = terms_of(
        "The glossary below gives the meanings used in this report.\n\n"
        "-Joint appointment: a post funded and managed by two organisations together. "
        "-Aligned budget: money each partner keeps in its own accounts but spends on agreed aims."
    )
    assert [t for t, _ in found] == ["Joint appointment", "Aligned budget"]


def test_contrast_pair_defines_both_terms() -> None:
    found = terms_of(
        "Writers distinguish real and virtual integration: real integration merges "
        "organisations under one owner, while virtual integration achieves coordination "
        "through contracts."
    )
    assert {t for t, _ in found} >= {"real integration", "virtual integration"}


def test_trailing_noun_phrase() -> None:
    assert trailing_np("described with the metaphor of a chain of care") == "chain of care"
    assert trailing_np("A virtual ward") == "virtual ward"
    assert trailing_np("Between care settings") == "care settings"


@pytest.mark.parametrize(
    "sentence",
    [
        "Corollary 2: The larger the partnership, the slower its decisions are likely to be.",
        "Consequently, the share of people helped at home is expected to fall.",
        "A lack of funding meant several day centres closed early.",
        "This has been termed a crisis of care.",
        "Thus, with shorter stays, the chances that a person is readmitted rise considerably.",
        "Treatment for, and recovery from, a fall is a long process for most older people.",
        "An important part of the work involves training staff in the new records system.",
    ],
)
def test_labels_clauses_and_judgements_are_not_definitions(sentence: str) -> None:
    assert terms_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "term", "definiens"),
    [
        (
            "The post-test probability of disease absence (termed the “negative predictive "
            "value”) is the ratio of true negatives to all negatives.",
            "negative predictive value",
            "The post-test probability of disease absence",
        ),
        (
            "One class of archaeal photoproteins (called bacteriorhodopsin) was shown to pump "
            "protons.",
            "bacteriorhodopsin",
            "One class of archaeal photoproteins",
        ),
    ],
)
def test_a_naming_inside_parentheses(sentence: str, term: str, definiens: str) -> None:
    found = [(c.term, c.definiens) for c in match_definition(sentence)]
    assert (term, definiens) in found
