"""PRISMA 2020: counts from the store, drawn as a valid SVG or PNG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.image import imread

from reviewkit.cli import cli
from reviewkit.errors import ReviewkitError
from reviewkit.export.prisma import PrismaCounts, export_prisma, prisma_counts
from reviewkit.export.prisma_draw import draw_prisma
from reviewkit.store import Store
from tests.export.conftest import Review

SVG = "{http://www.w3.org/2000/svg}"


def test_prisma_counts_of_a_screened_review(review: Review) -> None:
    counts = prisma_counts(review.store)
    assert counts == PrismaCounts(
        sources={"MEDLINE": 5, "Embase": 2},
        duplicates=1,
        screened=6,
        awaiting_screening=0,
        excluded_screening=2,
        sought=4,
        not_retrieved=1,
        assessed=3,
        excluded_reasons={"wrong study design": 1},
        included=2,
    )
    assert counts.identified == 7 and counts.excluded_full_text == 1


def test_prisma_counts_of_an_empty_review() -> None:
    counts = prisma_counts(Store(":memory:"))
    assert counts.identified == counts.screened == counts.included == 0
    assert counts.sources == {} and counts.excluded_reasons == {}


def _hostile_counts() -> PrismaCounts:
    return PrismaCounts(
        sources={"MEDLINE": 120, "<script>alert(1)</script> & $x$": 3},
        duplicates=10,
        screened=113,
        awaiting_screening=5,
        excluded_screening=90,
        sought=18,
        not_retrieved=1,
        assessed=17,
        excluded_reasons={"wrong population": 9, "<b>x</b>": 2},
        included=6,
        notes=["2 record(s) screened with an unresolved conflict."],
    )


def test_svg_is_valid_xml_with_the_text_escaped(tmp_path: Path) -> None:
    path = draw_prisma(_hostile_counts(), tmp_path / "prisma.svg")
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for words in (
        "Records screened",
        "(n = 113)",
        "Studies included in review",
        "(n = 6)",
        "<script>alert(1)</script>",
        "$x$",
        "wrong population (n = 9)",
        "Identification",
        "Screening",
        "Included",
    ):
        assert words in texts
    assert not list(root.iter(f"{SVG}script"))
    assert "<script>" not in path.read_text()


def test_png_is_an_a4_image(tmp_path: Path) -> None:
    path = draw_prisma(_hostile_counts(), tmp_path / "prisma.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width, _ = imread(path).shape
    assert abs(height / width - 297 / 210) < 0.01 and width >= 1600


def test_many_reasons_make_the_page_longer_not_the_text_smaller(tmp_path: Path) -> None:
    counts = _hostile_counts()
    many = PrismaCounts(
        **{**counts.__dict__, "excluded_reasons": {f"reason {i}": i for i in range(60)}}
    )
    height, width, _ = imread(draw_prisma(many, tmp_path / "long.png")).shape
    assert height / width > 297 / 210 + 0.05


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewkitError, match=r"\.svg"):
        draw_prisma(_hostile_counts(), tmp_path / "prisma.gif")


def test_export_prisma_and_cli(review: Review, tmp_path: Path) -> None:
    path, counts = export_prisma(review.store, tmp_path / "a.svg")
    assert counts.included == 2 and ET.parse(path).getroot().tag == f"{SVG}svg"
    out = tmp_path / "b.png"
    result = CliRunner().invoke(
        cli,
        ["export", "prisma", "--project", str(review.folder), "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.stdout == f"wrote PRISMA diagram (7 identified, 2 included) to {out}\n"
    assert out.read_bytes().startswith(b"\x89PNG")


def test_counts_before_full_text_and_exclusions_without_a_reason() -> None:
    from reviewkit.screen.dedup import DuplicateIndex
    from reviewkit.store.decisions import record_decision
    from reviewkit.store.records import add_records
    from reviewkit.vocabulary import Record

    store = Store(":memory:")
    add_records(
        store,
        [Record(title=f"t{i}", year=2000 + i) for i in range(4)],
        path="a.csv",
        source="",
        fmt="csv",
        finder=DuplicateIndex(),
    )
    for rid, label in ((1, "include"), (2, "maybe"), (3, "exclude")):
        record_decision(store, rid, "title-abstract", "ana", label)
    counts = prisma_counts(store)
    assert counts.sources == {"a.csv": 4}  # no source name: the file names it
    assert (counts.screened, counts.awaiting_screening, counts.excluded_screening) == (3, 1, 1)
    assert (counts.sought, counts.included) == (2, 1)
    assert counts.notes == ["No full texts assessed yet: included = title-abstract includes."]

    record_decision(store, 1, "full-text", "ana", "exclude")
    record_decision(store, 2, "full-text", "ana", "exclude", reason="wrong outcomes")
    counts = prisma_counts(store)
    assert counts.excluded_reasons == {"no reason given": 1, "wrong outcomes": 1}
    assert (counts.assessed, counts.included, counts.notes) == (2, 0, [])


def test_records_count_under_the_database_they_name(tmp_path: Path) -> None:
    from reviewkit.screen.importing import import_file

    ris = tmp_path / "export.ris"
    ris.write_text(
        "TY  - JOUR\nDB  - Scopus\nTI  - Joint teams for older people\nPY  - 2010\nER  - \n\n"
        "TY  - JOUR\nDB  - Social Care Online\nTI  - Pooled budgets in practice\nPY  - 2012\n"
        "ER  - \n\n"
        "TY  - JOUR\nTI  - A record naming no database\nPY  - 2014\nER  - \n",
        encoding="utf-8",
    )
    store = Store(":memory:")
    import_file(store, ris, source="Scopus export")

    assert prisma_counts(store).sources == {
        "Scopus": 1,
        "Social Care Online": 1,
        "Scopus export": 1,
    }


def test_every_box_adds_up_in_every_state_of_a_review() -> None:
    from reviewkit.export.prisma import FULL_TEXT_MISSING
    from reviewkit.screen.dedup import DuplicateIndex
    from reviewkit.screen.engine import AUTOMATION_REVIEWER
    from reviewkit.store.decisions import record_decision, resolve_conflict
    from reviewkit.store.records import add_records
    from reviewkit.vocabulary import Record

    store = Store(":memory:")
    works = [Record(title=f"Joint working study number {i}", year=2000 + i) for i in range(12)]
    add_records(
        store, works + works[:2], path="a.ris", source="Scopus", fmt="ris", finder=DuplicateIndex()
    )
    ta, ft = "title-abstract", "full-text"

    def balanced() -> PrismaCounts:
        counts = prisma_counts(store)
        assert counts.unbalanced() == []
        return counts

    assert (balanced().identified, balanced().awaiting_screening) == (14, 12)
    for rid in (1, 2, 3, 4, 5, 6):
        record_decision(store, rid, ta, "ana", "include")
    record_decision(store, 7, ta, "ana", "exclude")
    record_decision(store, 6, ta, "bob", "exclude")  # a conflict: counted once
    c = balanced()
    assert (c.screened, c.conflicts_screening, c.sought, c.awaiting_screening) == (7, 1, 5, 5)
    resolve_conflict(store, 6, ta, "include", "carl")
    record_decision(store, 8, ta, "ana", "maybe")
    for rid in (9, 10, 11, 12):
        record_decision(store, rid, ta, AUTOMATION_REVIEWER, "exclude")
    c = balanced()
    assert (c.screened, c.automation, c.awaiting_screening, c.sought) == (8, 4, 0, 7)
    assert c.awaiting_full_text == 7
    record_decision(store, 1, ft, "ana", "include")
    record_decision(store, 2, ft, "ana", "exclude", reason=FULL_TEXT_MISSING)
    record_decision(store, 3, ft, "ana", "exclude", reason="wrong outcomes")
    record_decision(store, 4, ft, "ana", "include")
    record_decision(store, 4, ft, "bob", "exclude", reason="wrong outcomes")  # conflict
    record_decision(store, 5, ft, "ana", "maybe")
    c = balanced()
    assert (c.not_retrieved, c.assessed, c.awaiting_full_text) == (1, 4, 2)
    assert (c.included, c.excluded_full_text, c.undecided_full_text) == (1, 1, 2)
    for rid in (6, 8):
        record_decision(store, rid, ft, "ana", "include")
    resolve_conflict(store, 4, ft, "include", "carl")
    record_decision(store, 5, ft, "ana", "exclude", reason="wrong study design")
    c = balanced()
    assert (c.assessed, c.included, c.undecided_full_text, c.awaiting_full_text) == (6, 4, 0, 0)


def test_a_merge_moves_a_screened_record_into_duplicates_and_unmerge_moves_it_back() -> None:
    from reviewkit.screen.dedup import DuplicateIndex
    from reviewkit.store.decisions import record_decision
    from reviewkit.store.duplicates import merge_records, unmerge_record
    from reviewkit.store.records import add_records
    from reviewkit.vocabulary import Record

    store = Store(":memory:")
    works = [Record(title=f"Joint working study number {i}", year=2000 + i) for i in range(6)]
    add_records(store, works, path="a.ris", source="Scopus", fmt="ris", finder=DuplicateIndex())
    ta, ft = "title-abstract", "full-text"
    for rid, label in ((1, "include"), (2, "include"), (3, "exclude")):
        record_decision(store, rid, ta, "ana", label)
    record_decision(store, 2, ta, "bob", "exclude")  # a conflict on the record merged away
    record_decision(store, 2, ft, "ana", "include")
    before = prisma_counts(store)
    assert before.unbalanced() == []
    assert (before.screened, before.conflicts_screening, before.duplicates) == (3, 1, 0)

    merge_records(store, 4, 2)  # 4 was unscreened: it gains ana's and bob's decisions
    merged = prisma_counts(store)
    assert merged.unbalanced() == []
    assert (merged.identified, merged.duplicates, merged.screened) == (6, 1, 3)
    assert (merged.conflicts_screening, merged.awaiting_screening, merged.assessed) == (1, 2, 1)
    merge_records(store, 1, 3)  # an include keeps its own decision; the exclude goes
    c = prisma_counts(store)
    assert c.unbalanced() == []
    assert (c.duplicates, c.screened, c.excluded_screening, c.sought) == (2, 2, 0, 1)

    unmerge_record(store, 3)
    unmerge_record(store, 2)
    assert prisma_counts(store) == before
