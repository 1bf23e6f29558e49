"""Continua in prose, lists and tables (wording of its own, not from a gold set)."""

from __future__ import annotations

from reviewkit.extract.continua import find_continua
from reviewkit.extract.sentences import split_sentences
from tests.extract.conftest import make_doc


def stages_of(*pages: str) -> list[list[str]]:
    doc = make_doc(*pages)
    return [[s.name for s in c.stages] for c in find_continua(doc, split_sentences(doc))]


def test_from_through_with_a_final_and() -> None:
    assert stages_of(
        "Joint working between agencies runs from contact through cooperation and alignment to "
        "merger and, finally, unification."
    ) == [["contact", "cooperation", "alignment", "merger", "unification"]]


def test_ranging_from_keeps_a_short_of_phrase() -> None:
    found = stages_of(
        "Partnership arrangements ranging from informal liaison to full integration of "
        "budgets [4] were studied."
    )
    assert ["informal liaison", "full integration of budgets"] in found


def test_from_one_end_to_the_other() -> None:
    assert stages_of(
        "Integration also varies in depth, from shared leaflets at one end to a single "
        "employer at the other."
    ) == [["shared leaflets", "single employer"]]


def test_counted_lead_then_glossary_items_strip_generic_head() -> None:
    found = stages_of(
        "We describe three levels at which collaboration happens. They overlap.\n\n"
        "National level: the ministries and regulators that set the rules.\n\n"
        "Regional level: the boards that plan services for a population.\n\n"
        "Team level: the practitioners who deliver care day to day."
    )
    assert ["National", "Regional", "Team"] in found


def test_lettered_items_with_where_clauses() -> None:
    found = stages_of(
        "Joint working in the partnership is organised in three tiers:\n\n"
        "(a) county tier, where the boards agree strategy;\n\n"
        "(b) district tier, where managers plan services;\n\n"
        "(c) street tier, where workers and families agree a plan."
    )
    assert ["county", "district", "street"] in found


def test_table_rows_after_a_caption() -> None:
    found = stages_of(
        "Table 3 Types of collaboration in the networks\n\n"
        "Type | Description\n\n"
        "Advisory | members share knowledge only\n\n"
        "Operational | members agree common protocols\n\n"
        "Purchasing | members hold budgets and buy services"
    )
    assert ["Advisory", "Operational", "Purchasing"] in found


def test_counted_lead_before_a_caption_does_not_take_the_caption_as_a_stage() -> None:
    found = stages_of(
        "Table 2 sets out the four forms of integration we saw.\n\n"
        "Table 2. Forms of integration in the sites\n\n"
        "Form | What it meant\n\n"
        "Legal | a single employer\n\n"
        "Budgetary | a pooled fund\n\n"
        "Clinical | one assessment"
    )
    assert ["Legal", "Budgetary", "Clinical"] in found
    assert all("Table 2" not in names for names in found)


def test_cue_colon_list_keeps_a_specific_head() -> None:
    found = stages_of(
        "Integration of mental health can be placed on a spectrum: referred care, co-located "
        "care and integrated care [5]."
    )
    assert ["referred care", "co-located care", "integrated care"] in found


def test_distinguish_a_and_b_integration() -> None:
    assert ["upstream", "downstream"] in stages_of(
        "Economists distinguish upstream and downstream integration [3]."
    )


def test_versus_left_side_drops_the_preposition() -> None:
    assert ["formal", "informal"] in stages_of(
        "The contrast between formal versus informal integration matters here."
    )


def test_a_heading_is_not_an_enumeration() -> None:
    assert stages_of("Two levels, one system: a framework for integration in care") == []


def test_counted_cue_then_a_parenthesised_list_of_as_many_items() -> None:
    assert stages_of(
        "Our interviews confirmed the four kinds of partnership set out by Ling (strategic, "
        "financial, operational and cultural partnership) in every site."
    ) == [["strategic", "financial", "operational", "cultural"]]


def test_a_parenthesised_list_of_another_length_is_not_the_counted_set() -> None:
    # Three announced, two listed: the brackets hold examples, not the set.
    assert (
        stages_of(
            "Three forms of joint working were compared (pooled budgets and co-location) in "
            "the partnership sites."
        )
        == []
    )


def test_macro_meso_micro_are_levels_whatever_the_topic() -> None:
    found = find_continua(
        doc := make_doc(
            "Barriers were sorted into three domains: Macro, Meso and Micro levels, with "
            "each split into staffing and funding."
        ),
        split_sentences(doc),
    )
    assert [(c.kind, [s.name for s in c.stages]) for c in found] == [
        ("levels", ["Macro", "Meso", "Micro"])
    ]


def test_a_later_mention_of_some_stages_is_not_a_second_set() -> None:
    assert stages_of(
        "The model names five dimensions (clinical, professional, organisational, "
        "functional and normative integration) of care.\n\n"
        "Experts rated the clinical, professional and normative dimensions as most useful."
    ) == [["clinical", "professional", "organisational", "functional", "normative"]]


def test_a_reference_entry_with_glued_initials_names_no_dichotomy() -> None:
    assert (
        stages_of(
            "Integrated care for people with HIV was reviewed.\n\n"
            "2. SmithJA, JonesB, et al. (2006) Tenofovir vs. zidovudine regimens in integrated "
            "care. Lancet 354: 251-260."
        )
        == []
    )
