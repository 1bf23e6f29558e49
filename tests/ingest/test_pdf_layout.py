"""Pure layout functions on small synthetic fragments."""

from __future__ import annotations

from reviewkit.ingest.clean import strip_bullet
from reviewkit.ingest.layout import (
    Fragment,
    Line,
    build_lines,
    find_column_split,
    order_lines,
    rotate,
)
from reviewkit.ingest.paragraphs import (
    Block,
    defer_captions,
    is_table_row,
    list_marker,
    make_blocks,
)

WIDTH = 600.0


def _column(x: float, top: float, texts: list[str], size: float = 10.0) -> list[Fragment]:
    return [Fragment(t, x, top - 12 * i, size) for i, t in enumerate(texts)]


def _texts(ordered: list[tuple[int, Line]]) -> list[str]:
    return [line.text for _, line in ordered]


LEFT = [f"left line {i} of the first column" for i in range(10)]
RIGHT = [f"right line {i} of the second column" for i in range(10)]


def test_build_lines_joins_fragments_on_one_baseline() -> None:
    frags = [Fragment(" world", 80, 700.4, 10, seq=1), Fragment("hello", 50, 700, 10, seq=0)]
    (line,) = build_lines(frags)
    assert line.text == "hello world"
    assert line.x0 == 50


def test_build_lines_spaces_runs_that_are_apart_but_not_consecutive() -> None:
    frags = [Fragment("Page", 50, 700, 10, seq=0), Fragment("3", 200, 700, 10, seq=5)]
    assert build_lines(frags)[0].text == "Page 3"


def test_build_lines_trusts_stream_spacing_for_consecutive_runs() -> None:
    frags = [Fragment("services", 50, 700, 10, seq=0), Fragment("¹", 120, 703, 7, seq=1)]
    assert build_lines(frags)[0].text == "services¹"


def test_two_columns_streamed_row_by_row_are_read_column_by_column() -> None:
    frags = []
    for left, right in zip(_column(50, 700, LEFT), _column(310, 700, RIGHT), strict=True):
        frags += [left, right]  # the stream alternates between the columns
    assert find_column_split(frags, 0, WIDTH) is not None
    assert _texts(order_lines(frags, 0, WIDTH)) == LEFT + RIGHT


def test_single_column_has_no_split() -> None:
    frags = _column(50, 700, [f"a long single column line number {i} " * 3 for i in range(20)])
    frags.append(Fragment("Page 1 of 2", 280, 40, 10))
    assert find_column_split(frags, 0, WIDTH) is None


def test_full_width_title_comes_first_and_spanning_lines_cut_bands() -> None:
    title = Fragment("A title that runs right across the whole page width " * 2, 50, 760, 16)
    note = Fragment("A full-width note under both columns spanning the page " * 2, 50, 560, 10)
    lower_left = _column(50, 540, LEFT[4:8])
    lower_right = _column(310, 540, RIGHT[4:8])
    frags = [title, *_column(310, 700, RIGHT[:4]), *_column(50, 700, LEFT[:4]), note]
    frags += lower_right + lower_left
    texts = _texts(order_lines(frags, 0, WIDTH))
    assert texts[0].startswith("A title")
    assert texts[1:5] == LEFT[:4]
    assert texts[5:9] == RIGHT[:4]
    assert texts[9].startswith("A full-width note")
    assert texts[10:] == LEFT[4:8] + RIGHT[4:8]


def test_blocks_split_on_gaps_sizes_and_bullets() -> None:
    lines = [
        Line("Heading", 50, 100, 720, 14, bold=True),
        Line("first paragraph line one", 50, 300, 700, 10),
        Line("and line two.", 50, 200, 688, 10),
        Line("second paragraph after a gap", 50, 300, 664, 10),
        Line("• a bullet item", 50, 300, 652, 10),
        Line("continued", 60, 300, 640, 10),
    ]
    blocks = make_blocks([(0, ln) for ln in lines])
    assert [b.text for b in blocks] == [
        "Heading",
        "first paragraph line one and line two.",
        "second paragraph after a gap",
        "• a bullet item continued",
    ]
    assert blocks[0].bold and blocks[0].size == 14


def test_paragraph_continues_across_a_column_break() -> None:
    ordered = [
        (1, Line("the sentence goes on in", 50, 280, 100, 10)),
        (2, Line("the next column.", 310, 500, 700, 10)),
        (2, Line("New paragraph.", 310, 500, 670, 10)),
    ]
    assert [b.text for b in make_blocks(ordered)] == [
        "the sentence goes on in the next column.",
        "New paragraph.",
    ]


def test_caption_inside_a_paragraph_moves_after_it() -> None:
    blocks = [
        Block([Line("text that stops in the", 50, 280, 100, 10)], 1),
        Block([Line("Figure 3. A caption.", 310, 500, 700, 9)], 2),
        Block([Line("middle of a sentence.", 310, 500, 650, 10)], 2),
    ]
    assert [b.text for b in defer_captions(blocks)] == [
        "text that stops in the middle of a sentence.",
        "Figure 3. A caption.",
    ]


def test_rotate_turns_sideways_text_upright() -> None:
    assert rotate(10, 20, 0) == (10, 20)
    assert rotate(10, 20, 90) == (20, -10)
    assert rotate(10, 20, 180) == (-10, -20)


def _item_line(marker: str, text: str, y: float, x: float = 60) -> Line:
    """A list line whose marker is a run of its own, set apart from the text."""
    return Line(f"{marker} {text}", x, 400, y, 10, parts=(marker, text), xs=(x, x + 11))


def test_list_items_by_separate_marker_by_sentence_end_and_by_sibling() -> None:
    lines = [
        Line("The terms used here are defined as follows", 50, 400, 700, 10),
        _item_line("-", "Partnership: two bodies working", 688),
        Line("together towards agreed aims.", 71, 300, 676, 10),
        Line("- Pooled budget: a single fund", 60, 300, 664, 10),  # after a full stop
        Line("- Lead commissioning: one partner buys", 60, 300, 652, 10),  # a sibling
        Line("Back at the margin, the text goes on.", 50, 400, 640, 10),
    ]
    blocks = make_blocks([(0, ln) for ln in lines])
    assert [b.marker for b in blocks] == ["", "-", "-", "-", ""]
    assert blocks[1].text == "- Partnership: two bodies working together towards agreed aims."


def test_a_dash_continuing_a_sentence_is_no_item() -> None:
    lines = [
        Line("the impact of partnership working", 50, 400, 700, 10),
        Line("- what difference does it make - matters.", 50, 400, 688, 10),
    ]
    assert len(make_blocks([(0, ln) for ln in lines])) == 1


def test_list_marker_candidates() -> None:
    def marker(text: str) -> str:
        return list_marker(Line(text, 0, 100, 0, 10))

    assert [marker(t) for t in ("• a", "- a", "– a", "* a", "1. a", "(a) b", "iv) c")] == [
        "•",
        "-",
        "–",
        "*",
        "1.",
        "(a)",
        "iv)",
    ]
    assert [marker(t) for t in ("-a", "2008. The", "1.5 times", "A. Smith")] == ["", "", "", ""]


def test_table_rows_are_paragraphs() -> None:
    row = Line("Financial money pooled", 60, 300, 700, 10, parts=("Financial", "money pooled"))
    row = Line(row.text, 60, 300, 700, 10, parts=row.parts, xs=(60, 170))
    prose = Line("Words run on", 60, 300, 700, 10, parts=("Words", "run on"), xs=(60, 90))
    assert is_table_row(row)
    assert not is_table_row(prose)


def test_title_lines_set_wide_apart_stay_one_block() -> None:
    lines = [
        Line("A long title that runs over", 50, 400, 760, 17, bold=True),
        Line("two lines of large print", 50, 300, 739, 17, bold=True),
        Line("Body text in the usual size goes here", 50, 400, 700, 10),
        Line("and carries on at the usual pitch.", 50, 400, 687, 10),
    ]
    blocks = make_blocks([(0, ln) for ln in lines])
    assert [len(b.lines) for b in blocks] == [2, 2]


def test_short_right_column_is_found_by_its_neighbours() -> None:
    left = _column(50, 700, [f"left column line {i} of text" for i in range(30)])
    right = _column(310, 700, ["a short right", "column of four", "lines only", "at the top"])
    assert find_column_split(left + right, 0, WIDTH) is not None


def test_a_right_hand_run_on_a_spanning_line_is_kept() -> None:
    # A full-width line set in two runs, the second right of the gutter, on its baseline.
    text = (
        "the kernels named Verb Consistence (VC) and Verb Relation Consistence (VRC) in our model"
        " yields a"
    )
    head = Fragment(text, 50, 560, 10, seq=0)
    wide = [head, Fragment(" 2x speed up", head.x1 + 1, 560, 10, seq=1)]
    frags = [*_column(50, 700, LEFT), *_column(310, 700, RIGHT), *wide]
    texts = _texts(order_lines(frags, 0, WIDTH))
    assert texts[-1] == (
        "the kernels named Verb Consistence (VC) and Verb Relation Consistence (VRC) in our model "
        "yields a 2x speed up"
    )
    assert texts[:-1] == LEFT + RIGHT


def test_an_author_list_with_affiliation_marks_is_one_column() -> None:
    frags = []
    names = ["Jeffrey G. Shaffer", ", Donald S. Grant", ", John S. Schieffelin", ", Matt Boisen"]
    for row in range(6):
        y = 700 - 14 * row
        x = 58.0
        for i, name in enumerate(names):
            frags.append(Fragment(name, x, y, 10, seq=2 * (4 * row + i)))
            x = frags[-1].x1 + 1
            frags.append(Fragment(str(i + 1), x, y + 4.4, 7.5, seq=2 * (4 * row + i) + 1))
            x += 4.5
    assert find_column_split(frags, 0, WIDTH) is None
    lines = build_lines(frags)
    assert len(lines) == 6  # the raised marks belong to their names' lines
    assert lines[0].text.startswith("Jeffrey G. Shaffer1, Donald S. Grant2, John")


def test_a_table_between_full_width_paragraphs_is_read_row_by_row() -> None:
    para = "A paragraph of running text that spans the page from margin to margin, "
    frags = [Fragment(para * 2, 50, 720, 10)]
    cells = [("Term", "Meaning"), ("Integration", "one body"), ("Linkage", "referral"),
             ("Co-ordination", "shared plans")]  # fmt: skip
    for i, (left, right) in enumerate(cells):
        frags += [Fragment(left, 50, 700 - 12 * i, 10), Fragment(right, 320, 700 - 12 * i, 10)]
    frags.append(Fragment(para * 2, 50, 640, 10))
    frags += _column(50, 620, LEFT[:4]) + _column(320, 620, RIGHT[:4])
    texts = _texts(order_lines(frags, 0, WIDTH))
    assert texts[1:5] == [f"{a} {b}" for a, b in cells]
    assert texts[6:] == LEFT[:4] + RIGHT[:4]


def test_slide_bullets_of_any_shape_start_items() -> None:
    glyphs = ["▶", "➢", "◆", "\uf0d8", "→", "□"]
    lines = [Line("Key messages", 50, 200, 720, 18, bold=True)]
    lines += [
        Line(f"{g} point number {i}", 60, 300, 690 - 20 * i, 14) for i, g in enumerate(glyphs)
    ]
    blocks = make_blocks([(0, ln) for ln in lines])
    assert [b.marker for b in blocks[1:]] == glyphs
    assert [strip_bullet(b.text) for b in blocks[1:]] == [f"point number {i}" for i in range(6)]
    assert strip_bullet("© 2020 The Authors") == "© 2020 The Authors"


def test_a_lone_mark_right_of_the_gutter_ends_its_line() -> None:
    head = Fragment("Is integration hope or hype", 50, 760, 10)
    frags = [head, Fragment("?", 310, 760, 10), *_column(50, 700, LEFT), *_column(310, 700, RIGHT)]
    texts = _texts(order_lines(frags, 0, WIDTH))
    assert texts[0] == "Is integration hope or hype ?"
    assert texts[1:] == LEFT + RIGHT
