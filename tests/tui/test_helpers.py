"""The TUI's small pure helpers: value summaries, keyword lists, edited values, stop text."""

from __future__ import annotations

from reviewkit.tui.dialogs.edit import parse_value
from reviewkit.tui.dialogs.keywords import split_keywords
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


def test_the_stop_verdict_is_said_in_words() -> None:
    from reviewkit.screen.stopping import StoppingRule, assess

    keep = assess(StoppingRule(), [1] * 10 + [0] * 5, 500)
    assert keep.describe().startswith("keep screening: p = ")
    assert "relevant records may remain" in keep.describe()
    assert keep.to_json()["verdict"] == keep.describe()
    stop = assess(StoppingRule(), [1] * 40 + [0] * 900, 1000)
    assert stop.describe().endswith(": safe to stop")


def test_stats_table_rows() -> None:
    from reviewkit.screen.status import ReviewStatus, StageStatus
    from reviewkit.screen.stopping import StoppingRule, assess

    stop = assess(StoppingRule(), [1] * 10 + [0] * 5, 500)
    status = ReviewStatus(
        records=30,
        duplicates=0,
        documents=0,
        stages={
            "title-abstract": StageStatus(4, 1, 3, 0, conflicts=1, kappa=0.5, stop=stop),
            "full-text": StageStatus(0, 0, 0, 0, conflicts=0, kappa=None, stop=None),
        },
        reviewers={},
    )
    table = stats_table(status)
    rows = [[col._cells[i] for col in table.columns] for i in range(2)]
    assert rows == [
        ["title-abstract", "4", "1", "3", "0", "25%", "1", "0.50", stop.describe()],
        ["full-text", "0", "0", "0", "0", "–", "0", "–", "–"],
    ]
