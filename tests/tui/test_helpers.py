"""The TUI's small pure helpers: value summaries, keyword lists, edited values, stop text."""

from __future__ import annotations

from types import SimpleNamespace

from reviewkit.tui.dialogs.edit import parse_value
from reviewkit.tui.dialogs.keywords import split_keywords
from reviewkit.tui.engine import describe_stop
from reviewkit.tui.screens.stats import stats_table, stop_cell
from reviewkit.tui.widgets.values import summary


def test_summary_of_values() -> None:
    assert summary({"term": "integration", "definition": "joint  working"}) == (
        "integration — joint working")
    assert summary({"label": "rct"}) == "rct"
    assert summary("x" * 200, width=10) == "x" * 9 + "…"


def test_split_keywords_drops_blanks_and_repeats() -> None:
    assert split_keywords(" integrat, ,joint,integrat , in vitro") == [
        "integrat", "joint", "in vitro"]


def test_parse_value_prefers_json() -> None:
    assert parse_value('{"label": "rct"}') == {"label": "rct"}
    assert parse_value("  plain text ") == "plain text"


def test_describe_stop_before_and_during_sampling() -> None:
    before = SimpleNamespace(estimated_recall=None, safe_to_stop=False, sample=None,
                             advice={"irrelevant_in_a_row": 3, "sampling_starts_after": 50})
    assert describe_stop(before) == "stop: keep screening (3/50 irrelevant in a row before sampling)"
    during = SimpleNamespace(estimated_recall=0.97, safe_to_stop=True, advice={},
                             sample={"urn": 200, "drawn": 120, "relevant": 0})
    assert describe_stop(during) == "stop: est. recall 97%, 120/200 sampled, safe to stop"
    assert describe_stop(None) == "stop: not estimated yet"


def test_stats_table_rows() -> None:
    status = {"records": 30, "stages": {
        "title-abstract": {"screened": 4, "include": 1, "exclude": 3, "maybe": 0,
                           "conflicts": 1, "kappa": 0.5, "stop": None}}}
    table = stats_table(status)
    cells = [col._cells[0] for col in table.columns]
    assert cells == ["title-abstract", "4", "1", "3", "0", "25%", "1", "0.50", "–"]
    assert stop_cell({"estimated_recall": 0.9, "safe_to_stop": False}) == (
        "recall ≈ 90%, keep screening")
