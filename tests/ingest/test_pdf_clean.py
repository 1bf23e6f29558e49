"""Cleaning: characters, line-end hyphens with the document's vocabulary, running rows."""

from __future__ import annotations

import pytest

from reviewkit.ingest.clean import (
    PageRows,
    build_vocabulary,
    find_running_rows,
    fix_characters,
    is_page_number,
    join_lines,
    keep_hyphen,
    repair_spacing,
    strip_bullet,
)
from reviewkit.ingest.layout import Line


def test_ligatures_become_letters() -> None:
    fixed = fix_characters("diﬀerent ﬁnds ﬂow eﬃcient baﬄe")
    assert fixed == "different finds flow efficient baffle"


def test_ot1_control_codes_between_letters_are_ligatures() -> None:
    assert fix_characters("di\x0berent \x0cnds") == "different finds"


def test_spaced_ellipsis_and_invisible_characters() -> None:
    assert fix_characters("practices. . . Integration\u200b") == "practices… Integration"
    assert fix_characters("a\u00a0b") == "a b"


def test_bullets_are_stripped() -> None:
    assert strip_bullet("• item") == "item"
    assert strip_bullet("\x88 item") == "item"
    assert strip_bullet("- a dash stays") == "- a dash stays"


def test_vocabulary_collects_words_and_compounds() -> None:
    vocab = build_vocabulary(["co-ordination and integration", "a broken inte-"])
    assert "integration" in vocab.words
    assert "co-ordination" in vocab.compounds
    assert "inte" not in vocab.words


@pytest.mark.parametrize(
    ("lines", "context", "joined"),
    [
        (["about integra-", "tion of care"], [], "about integration of care"),
        (["about integra-", "tion of care"], ["integration is good"], "about integration of care"),
        (["better co-", "ordination"], [], "better co-ordination"),
        (["health-", "care"], ["health-care matters"], "health-care"),
        (["health-", "care"], ["healthcare matters"], "healthcare"),
        (["a win-", "win situation"], [], "a win-win situation"),
        (["an over-", "simplification"], [], "an over-simplification"),
        (["Anglo-", "Saxon"], [], "Anglo-Saxon"),
        (["visit http://", "example.org/x"], [], "visit http://example.org/x"),
        (["problematic—", "because"], [], "problematic—because"),
        (["two  spaced", "  lines "], [], "two spaced lines"),
    ],
)
def test_join_lines_repairs_hyphens(lines: list[str], context: list[str], joined: str) -> None:
    vocab = build_vocabulary(lines + context)
    assert join_lines(lines, vocab) == joined


def test_keep_hyphen_prefers_the_documents_spelling() -> None:
    vocab = build_vocabulary(["the inter-agency work", "coordinate things"])
    assert keep_hyphen("inter", "agency", vocab)
    assert not keep_hyphen("co", "ordinate", vocab)


@pytest.mark.parametrize("text", ["7", "Page 3 of 7", "- 4 -", "xii", "3/10"])
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


def test_prose_is_not_a_page_number() -> None:
    assert not is_page_number("In 2008 the")


def _page(n: int, body: list[str]) -> PageRows:
    rows = [Line(f"Journal of Care – Volume 8 {n}", 50, 400, 800, 9, parts=("Journal",))]
    rows += [Line(t, 50, 500, 700 - 12 * i, 10) for i, t in enumerate(body)]
    rows.append(Line(f"Page {n} of 3", 250, 300, 40, 9))
    return PageRows(rows, 0, 842)


def test_running_rows_found_across_pages() -> None:
    pages = [_page(n, [f"body {n} a", f"body {n} b"]) for n in (1, 2, 3)]
    found = find_running_rows(pages)
    assert found == [([0], [3])] * 3


def test_unique_top_lines_are_not_headers() -> None:
    pages = [_page(1, ["A title only here", "text"]), _page(2, ["other text", "more"])]
    head, foot = find_running_rows(pages)[0]
    assert head == [0] and foot == [3]


def test_accents_read_apart_from_their_letters_are_composed() -> None:
    assert fix_characters("M´exico, Erd˝os and G ¨odel in Mart´ınez") == (
        "México, Erdős and Gödel in Martínez"
    )
    assert fix_characters("e\u0301te\u0301") == "été"  # combining marks: NFC


def test_an_acute_typed_for_an_apostrophe_stays() -> None:
    assert fix_characters("it´s and don´t") == "it´s and don´t"


def test_spacing_broken_inside_words_is_repaired_from_the_document() -> None:
    vocab = build_vocabulary(
        ["The review was based on data.", "Recognizing it, Table 2 shows", "they then went"]
        + ["in to the, into the, a part, apart"] * 3
        + ["the y axis and the n participants"] * 3
    )
    assert repair_spacing("it was base d on dat a", vocab) == "it was based on data"
    assert repair_spacing("re cognizing Ta b l e 1 .", vocab) == "recognizing Table 1."
    assert repair_spacing("go in to a part of the y axis", vocab) == (
        "go in to a part of the y axis"
    )
    assert repair_spacing("an unseen wo rd", vocab) == "an unseen wo rd"
