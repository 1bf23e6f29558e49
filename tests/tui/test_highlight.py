"""Keyword highlighting is a pure function of text and keyword lists."""

from __future__ import annotations

from reviewkit.tui.highlight import (
    EXCLUDE,
    INCLUDE,
    STYLES,
    Span,
    highlighted,
    keyword_spans,
    marked,
)


def test_a_stem_marks_the_words_it_begins_case_insensitively() -> None:
    text = "Integrated care and integration; disintegration is not a match."
    spans = keyword_spans(text, ["integrat*"], [])
    assert [text[s.start : s.end] for s in spans] == ["Integrated", "integration"]
    assert all(s.kind == INCLUDE for s in spans)


def test_include_and_exclude_kinds() -> None:
    text = "Joint working in mice and rats"
    spans = keyword_spans(text, ["joint"], ["mice", "rat*"])
    assert [(text[s.start : s.end], s.kind) for s in spans] == [
        ("Joint", INCLUDE),
        ("mice", EXCLUDE),
        ("rats", EXCLUDE),
    ]


def test_multi_word_keywords_and_hyphens() -> None:
    text = "An in vitro model of co-ordinated care"
    spans = keyword_spans(text, ["co-ordinat*"], ["in vitro"])
    assert [(text[s.start : s.end], s.kind) for s in spans] == [
        ("in vitro", EXCLUDE),
        ("co-ordinated", INCLUDE),
    ]


def test_overlaps_keep_the_longest_then_include() -> None:
    assert keyword_spans("partnership", ["partner*"], ["partnership"]) == [Span(0, 11, INCLUDE)]
    assert keyword_spans("partnership", ["partnership"], ["partnership"]) == [Span(0, 11, INCLUDE)]


def test_a_plain_keyword_is_a_whole_word() -> None:
    text = "Rat studies: the rate of falls, ratings by staff, and one rat."
    spans = keyword_spans(text, [], ["rat"])
    assert [text[s.start : s.end] for s in spans] == ["Rat", "rat"]
    assert keyword_spans("joint-working and jointly", ["joint"], []) == [Span(0, 5, INCLUDE)]


def test_empty_lists_and_regex_characters_are_safe() -> None:
    assert keyword_spans("anything", [], []) == []
    assert keyword_spans("a (b) c", ["(b)", " "], []) == [Span(2, 5, INCLUDE)]  # literal
    assert keyword_spans("a.b", [".*"], []) == []
    assert keyword_spans("c++ code", ["c++"], []) == [Span(0, 3, INCLUDE)]


def test_highlighted_styles_the_spans() -> None:
    text = highlighted("integrated mice", ["integrat*"], ["mice"])
    assert text.plain == "integrated mice"
    styles = {(s.start, s.end): str(s.style) for s in text.spans}
    assert styles == {(0, 10): STYLES[INCLUDE], (11, 15): STYLES[EXCLUDE]}


def test_marked_clamps_spans_to_the_text() -> None:
    text = marked("abcdef", [(2, 4), (5, 99)])
    assert [(s.start, s.end) for s in text.spans] == [(2, 4), (5, 6)]
