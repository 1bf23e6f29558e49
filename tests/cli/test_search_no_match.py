"""Issue 12: `reviewkit search` says when no passage matches well, in JSON and in words."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from reviewkit.cli import cli

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "search.schema.json"
PAPER = (
    "Joint teams for older people\n\n"
    "Partnership working between health and social care was studied in three localities, "
    "and pooled budgets were used by every partner. Nurses and social workers shared one "
    "office, one manager and one set of records, and waiting times for assessments fell."
)


def _review(tmp_path: Path, *, embed: bool) -> Path:
    runner = CliRunner()
    folder = tmp_path / "review"
    paper = tmp_path / "teams.txt"
    paper.write_text(PAPER, encoding="utf-8")
    copy = tmp_path / "teams-copy.md"
    copy.write_text(PAPER + "\n", encoding="utf-8")
    ingest = ["ingest", str(paper), str(copy), "--no-extract", "--project", str(folder)]
    for args in (["init", str(folder)], [*ingest, "--wait"] if embed else [*ingest, "--no-embed"]):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
    # Whichever file was stored first, the other is named as its copy.
    assert result.output.count("has the same text as") == 1
    assert any(
        f"{a} has the same text as {b}; shown once in search" in result.output
        for a, b in ((copy, paper), (paper, copy))
    )
    return folder


def _search(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["search", *args, "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_says_whether_anything_matched(tmp_path: Path) -> None:
    folder = _review(tmp_path, embed=False)
    miss = json.loads(_search(folder, "bicycle tyre", "--mode", "keyword", "--json"))
    hit = json.loads(_search(folder, "pooled budgets", "--mode", "keyword", "--json"))
    assert miss["no_good_match"] is True and miss["results"] == []
    assert hit["no_good_match"] is False and len(hit["results"]) == 1  # the copy shows once
    assert hit["results"][0]["path"].endswith(("teams.txt", "teams-copy.md"))
    if CONTRACT.exists():
        schema = json.loads(CONTRACT.read_text(encoding="utf-8"))
        jsonschema.validate(miss, schema)
        jsonschema.validate(hit, schema)


@pytest.mark.slow
def test_an_off_topic_query_prints_a_line_saying_nothing_matches_well(tmp_path: Path) -> None:
    folder = _review(tmp_path, embed=True)
    off = _search(folder, "How do I replace a bicycle inner tube?")
    assert "no passage matches 'How do I replace a bicycle inner tube?' well" in off
    assert "teams" in off  # the nearest passage is still shown, with its file
    on = _search(folder, "Did staff from the two services share an office?")
    assert "matches" not in on.splitlines()[0] and "p. 1" in on
