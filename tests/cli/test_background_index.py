"""Embedding off the critical path: ingest is searchable by keyword at once,
embeds in one background `reviewkit index`, and an unchanged batch starts
nothing."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.cli.background import PID_FILE, indexer_lock, running_indexer

TEXT = (
    "# Joint working in practice\n\n"
    "Integration is the pooling of budgets and staff across health and social care.\n\n"
    "Partnership working means agencies agreeing shared goals for older people at home.\n"
)


def _run(runner: CliRunner, review: Path, *args: str) -> str:
    result = runner.invoke(cli, [*args, "--project", str(review)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _wait_gone(review: Path, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while running_indexer(review) is not None:
        assert time.monotonic() < end, "background indexer did not finish"
        time.sleep(0.2)


@pytest.mark.slow
def test_ingest_embeds_in_the_background_and_index_waits_for_it(tmp_path: Path) -> None:
    runner = CliRunner()
    review = tmp_path / "review"
    runner.invoke(cli, ["init", str(review)], catch_exceptions=False)
    paper = tmp_path / "paper.md"
    paper.write_text(TEXT, encoding="utf-8")

    out = _run(runner, review, "ingest", str(paper), "--no-extract")
    assert "keyword search works now" in out and "in the background (pid" in out
    keyword = json.loads(
        _run(runner, review, "search", "pooling budgets", "--mode", "keyword", "--json")
    )
    assert keyword["results"], "keyword search must work before any embedding"

    # `index` waits for the background process, then finds nothing left to do.
    out = _run(runner, review, "index")
    assert "index up to date" in out
    assert running_indexer(review) is None and not (review / PID_FILE).exists()
    semantic = json.loads(
        _run(
            runner,
            review,
            "search",
            "money shared between agencies",
            "--mode",
            "semantic",
            "--json",
        )
    )
    assert semantic["results"]

    # Nothing new: nothing to embed, no background process.
    out = _run(runner, review, "ingest", str(paper), "--no-extract")
    assert "unchanged 1" in out and "background" not in out


def test_a_stale_pid_file_does_not_block_and_the_lock_is_released(tmp_path: Path) -> None:
    (tmp_path / PID_FILE).write_text("999999999", encoding="utf-8")  # no such process
    assert running_indexer(tmp_path) is None
    with indexer_lock(tmp_path) as waited:
        assert waited is None
        assert (tmp_path / PID_FILE).read_text(encoding="utf-8") == str(os.getpid())
    assert not (tmp_path / PID_FILE).exists()
