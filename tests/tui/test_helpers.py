"""The TUI's small pure helpers: value summaries, keyword lists, edited values, stop text."""

from __future__ import annotations

from reviewkit.tui.dialogs.edit import parse_value
from reviewkit.tui.dialogs.keywords import split_keywords
from reviewkit.tui.engine import describe_stop
from reviewkit.tui.screens.stats import stats_table
from reviewkit.tui.widgets.values import summary


def test_summary_of_values() -> None:
    assert summary({"term": "integration", "definition": "joint  working"}) == (
        "integration — joint working"
    )
    assert summary({"label": "rct"}) == "rct"
    assert summary("x" * 200, width=10) == "x" * 9 + "…"
    assert summary([{"label": "a"}, {"term": "t", "definition": "d"}]) == "[2] a; t — d"
    assert summary([]) == "(none)"
    assert summary({"kind": "levels", "stages": [{"name": "macro"}, {"name": "micro"}]}) == (
        "levels — [2] macro; micro"
    )


def test_split_keywords_drops_blanks_and_repeats() -> None:
    assert split_keywords(" integrat, ,joint,integrat , in vitro") == [
        "integrat",
        "joint",
        "in vitro",
    ]


def test_parse_value_prefers_json() -> None:
    assert parse_value('{"label": "rct"}') == {"label": "rct"}
    assert parse_value("  plain text ") == "plain text"


def test_describe_stop_before_and_during_sampling() -> None:
    before = {
        "estimated_recall": None,
        "safe_to_stop": False,
        "sample": None,
        "advice": {"irrelevant_in_a_row": 3, "sampling_starts_after": 50},
    }
    assert describe_stop(before) == "not yet (3/50 irrelevant in a row)"
    during = {
        "estimated_recall": 0.97,
        "safe_to_stop": True,
        "advice": {},
        "sample": {"urn": 200, "drawn": 120, "relevant": 0},
    }
    assert describe_stop(during) == "recall ≈97% (120/200 sampled), safe to stop"
    assert describe_stop(None) == "not estimated yet"


def test_stats_table_rows() -> None:
    stop = {"estimated_recall": 0.9, "safe_to_stop": False, "sample": None, "advice": {}}
    status = {
        "records": 30,
        "stages": {
            "title-abstract": {
                "screened": 4,
                "include": 1,
                "exclude": 3,
                "maybe": 0,
                "conflicts": 1,
                "kappa": 0.5,
                "stop": stop,
            },
            "full-text": {
                "screened": 0,
                "include": 0,
                "exclude": 0,
                "maybe": 0,
                "conflicts": 0,
                "kappa": None,
                "stop": None,
            },
        },
    }
    table = stats_table(status)
    rows = [[col._cells[i] for col in table.columns] for i in range(2)]
    assert rows == [
        ["title-abstract", "4", "1", "3", "0", "25%", "1", "0.50", "recall ≈90%, keep screening"],
        ["full-text", "0", "0", "0", "0", "–", "0", "–", "–"],
    ]
