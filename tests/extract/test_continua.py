"""Continua, levels, typologies and dichotomies in lists, prose and sentence runs."""

from __future__ import annotations

from reviewkit.document import Reference
from reviewkit.extract.continua import Continuum, find_continua
from reviewkit.extract.sentences import split_sentences
from tests.extract.conftest import make_doc


def continua_of(*pages: str, references: list[Reference] | None = None) -> list[Continuum]:
    doc = make_doc(*pages, references=references)
    found = find_continua(doc, split_sentences(doc))
    for c in found:
        assert (
            doc.page(c.evidence.page).text[c.evidence.char_start : c.evidence.char_end]
            == c.evidence.quote
        )
    return found


def names(c: Continuum) -> list[str]:
    return [s.name for s in c.stages]


def test_bulleted_list_with_lead_in() -> None:
    (c,) = continua_of(
        "Hudson (2004) sets out four degrees of joint working:\n\n"
        "• Isolation: agencies never meet or share plans\n\n"
        "• Encounter: staff meet occasionally and informally\n\n"
        "• Communication: agencies exchange information routinely\n\n"
        "• Collaboration: agencies plan and deliver some services together\n\n"
        "The model has been used in several evaluations since then and remains popular."
    )
    assert names(c) == ["Isolation", "Encounter", "Communication", "Collaboration"]
    assert c.kind == "continuum"
    assert c.attributed_to == "Hudson (2004)"
    assert c.stages[0].description == "agencies never meet or share plans"


def test_definition_items_make_a_continuum() -> None:
    (c,) = continua_of(
        "The literature offers three levels of integration:\n\n"
        "Linkage is when services know whom to call in another agency.\n\n"
        "Coordination is when agencies agree explicit protocols for shared users.\n\n"
        "Full integration is when one organisation takes over all the resources."
    )
    assert names(c) == ["Linkage", "Coordination", "Full integration"]
    assert c.kind == "levels"


def test_from_through_to() -> None:
    (c,) = continua_of(
        "Integration can be pictured as a continuum extending from full segregation through "
        "linkage, coordination and cooperation to full integration."
    )
    assert names(c) == [
        "full segregation",
        "linkage",
        "coordination",
        "cooperation",
        "full integration",
    ]
    assert c.kind == "continuum"


def test_from_to_chain() -> None:
    (c,) = continua_of(
        "Partnerships move from autonomy to co-operation to co-ordination to integration."
    )
    assert names(c) == ["autonomy", "co-operation", "co-ordination", "integration"]


def test_semicolon_enumeration_with_descriptions() -> None:
    (c,) = continua_of(
        "Three levels of integration can be identified: macro (strategic); meso (service level); "
        "and micro (individual user)."
    )
    assert names(c) == ["macro", "meso", "micro"]
    assert [s.description for s in c.stages] == ["strategic", "service level", "individual user"]
    assert c.kind == "levels"


def test_enumeration_with_shared_head() -> None:
    (c,) = continua_of(
        "Valentijn et al. (2013) distinguish four types of integration: clinical, professional, "
        "organisational and system integration."
    )
    assert names(c) == ["clinical", "professional", "organisational", "system"]
    assert c.kind == "typology"
    assert c.attributed_to == "Valentijn et al. (2013)"


def test_dichotomy_ordered_by_its_descriptions() -> None:
    (c,) = continua_of(
        "A useful distinction is between vertical and horizontal integration. "
        "Horizontal integration refers to providers at the same level joining up; "
        "vertical integration refers to providers "
        "at different levels joining up."
    )
    assert c.kind == "dichotomy"
    assert names(c) == ["horizontal", "vertical"]
    assert c.stages[0].description and "same level" in c.stages[0].description


def test_versus_dichotomy_with_numbered_citation() -> None:
    refs = [Reference("Peck E. Integrating health and social care. 2002.", 3, "8")]
    (c,) = continua_of("Figure 2. Depth v breadth of partnership [8].", references=refs)
    assert names(c) == ["Depth", "breadth"]
    assert c.attributed_to == "Peck [8]"


def test_run_of_level_sentences() -> None:
    (c,) = continua_of(
        "Curry and Ham (2010) describe integration at three levels. At the macro level, whole "
        "systems align their funding. At the meso level, providers join up care for a group. "
        "Finally, at the micro level, professionals coordinate care for one person."
    )
    assert names(c) == ["macro", "meso", "micro"]
    assert c.attributed_to == "Curry and Ham (2010)"
    assert c.stages[0].description == "whole systems align their funding"


def test_duplicates_and_subsumed_ranges_are_dropped() -> None:
    found = continua_of(
        "A continuum runs from relative autonomy to structural integration.\n\n"
        "The survey used five categories of partnership:\n\n"
        "Relative autonomy: each body meets only its statutory duties\n\n"
        "Co-ordination: there is some formal joint work on strategy\n\n"
        "Joint posts: some senior posts are shared between the bodies\n\n"
        "Enhanced partnership: there is a shared vision and joint commissioning\n\n"
        "Structural integration: the bodies form one legal entity",
        "Again, from autonomy to co-ordination to joint posts to integration.",
        "Again, from autonomy to co-ordination to joint posts to integration.",
    )
    assert [len(c.stages) for c in found] == [5, 4]


def test_plain_prose_has_no_continua() -> None:
    assert (
        continua_of(
            "We interviewed 30 managers between March and June. "
            "Most worked in health and social care. "
            "Admissions fell from 120 to 95 per month in the first year. The top factors were: "
            "leadership; trust; and money."
        )
        == []
    )


def test_truth_documents(truth_doc) -> None:
    doc = truth_doc("003_greater_than_sum_2col")
    found = find_continua(doc, split_sentences(doc))
    assert ["Linkage", "Co-ordination", "Full integration"] in [names(c) for c in found]
