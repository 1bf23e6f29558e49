"""Import hygiene: a file imported twice adds nothing, other delimiters are read, and
what the user should know (no titles, huge fields) is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.screen.importing import import_file
from reviewkit.store import Store
from reviewkit.store.records import count_records
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
SCREENING = SHARED / "screening"


def _twice(store: Store, path: Path) -> None:
    first = import_file(store, path)
    n = count_records(store)
    again = import_file(store, path)
    assert again.already is not None and again.already.import_id == first.import_id
    assert (again.n_records, again.n_new) == (0, 0)
    assert count_records(store) == n, f"{path.name} added records the second time"


@pytest.mark.parametrize("path", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_every_fixture_adds_nothing_the_second_time(path: Path) -> None:
    _twice(Store(":memory:"), path)


@pytest.mark.skipif(not SCREENING.is_dir(), reason="../shared/screening is not beside the checkout")
def test_every_shared_screening_file_adds_nothing_the_second_time() -> None:
    store = Store(":memory:")
    for path in sorted(SCREENING.glob("*.csv")):
        _twice(store, path)


def test_the_same_rows_in_a_new_file_are_linked_as_duplicates(tmp_path: Path) -> None:
    store = Store(":memory:")
    rows = "title,abstract,year\nJoint teams for older people at home,Teams,2010\n"
    (tmp_path / "a.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "b.csv").write_text(rows + "\n", encoding="utf-8")  # other bytes
    import_file(store, tmp_path / "a.csv")
    second = import_file(store, tmp_path / "b.csv")
    assert second.already is None and (second.n_records, second.n_duplicates) == (1, 1)
    forced = import_file(store, tmp_path / "a.csv", again=True)
    assert forced.already is None and forced.n_duplicates == 1


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_a_csv_with_another_delimiter_is_read(tmp_path: Path, sep: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        sep.join(["title", "abstract", "year"])
        + "\n"
        + sep.join(["Pooled budgets, and why", "An abstract", "2011"])
        + "\n",
        encoding="utf-8",
    )
    result = import_file(Store(":memory:"), path)
    assert result.n_records == 1


def test_no_title_column_and_huge_fields_are_said_at_import(tmp_path: Path) -> None:
    store = Store(":memory:")
    untitled = tmp_path / "untitled.csv"
    untitled.write_text("abstract,year\nTeams met weekly.,2010\n", encoding="utf-8")
    result = import_file(store, untitled)
    assert result.n_records == 1
    assert any("no record has a title" in w for w in result.warnings)
    huge = tmp_path / "huge.csv"
    huge.write_text("title,abstract\nA long one," + "word " * 30_000 + "\n", encoding="utf-8")
    result = import_file(store, huge)
    assert [w for w in result.warnings if "-character abstract; kept whole" in w]
    stored = store.db.execute("select max(length(abstract)) from records").fetchone()[0]
    assert stored >= 149_999  # kept whole


def test_a_huge_abstract_is_shown_shortened_with_a_marker() -> None:
    from reviewkit.tui.widgets.record_view import SHOWN_CHARS, shortened

    text = "word " * 10_000
    shown = shortened(text)
    assert len(shown) < SHOWN_CHARS + 100
    assert shown.endswith("more characters not shown; the record keeps them]")
    assert shortened("short abstract") == "short abstract"
