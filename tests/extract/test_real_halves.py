"""The threshold, `analyse --all`, quotes without added glyphs, and eval by corpus half."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.document import Document, Page, evidence_at
from reviewkit.extract.analyse import analyse_document
from reviewkit.extract.evaluate import corpus_halves, is_document_text

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "contracts"

TEXT = (
    "# Working together\n\n"
    "## Background\n\n"
    "Integrated care is the joining of health and social care around the person.\n\n"
    "- Co-ordination is the harmonising of the activities of separate agencies.\n\n"
    "This paper sets out a conceptual framework. Integration was discussed at length by the "
    "board."
)


def _doc(text: str = TEXT) -> Document:
    return Document("0" * 64, "t.md", "text", [Page(1, text)])


def test_quotes_drop_bullets_and_markdown_markers_but_round_trip() -> None:
    doc = _doc()
    start = TEXT.index("- Co-ordination")
    ev = evidence_at(doc, 1, start, TEXT.index("agencies.") + len("agencies.") + 2)
    assert ev.quote.startswith("Co-ordination") and ev.quote.endswith("agencies.")
    assert TEXT[ev.char_start : ev.char_end] == ev.quote
    assert is_document_text(doc, ev.to_json())
    bullet = {"page": 1, "quote": TEXT[start : start + 20], "char_start": start}
    bullet["char_end"] = start + 20
    assert not is_document_text(doc, bullet)


def test_threshold_hides_weak_definitions_and_all_shows_them() -> None:
    strict = analyse_document(_doc(), threshold=0.99)
    loose = analyse_document(_doc(), threshold=0.0)
    assert strict.definitions == loose.definitions  # the same proposals ...
    assert len(strict.shown()) < len(loose.shown())  # ... shown above each threshold
    assert strict.shown(everything=True) == strict.definitions
    assert strict.to_json()["definitions"] == []
    assert len(strict.to_json(everything=True)["definitions"]) == len(strict.definitions)


def test_analyse_all_flag_and_review_threshold(tmp_path: Path, monkeypatch) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    base = runner.invoke(cli, ["analyse", str(paper), "--json"])
    everything = runner.invoke(cli, ["analyse", str(paper), "--json", "--all"])
    assert base.exit_code == 0 and everything.exit_code == 0, base.output
    n_base = len(json.loads(base.output)["definitions"])
    n_all = len(json.loads(everything.output)["definitions"])
    assert n_all >= n_base >= 1
    schema_path = SCHEMA / "analysis.schema.json"
    if schema_path.is_file():
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(everything.output), schema)
    # inside a review folder its reviewkit.toml sets the threshold
    review = tmp_path / "review"
    assert runner.invoke(cli, ["init", str(review)]).exit_code == 0
    toml = review / "reviewkit.toml"
    toml.write_text(
        re.sub(r"min_confidence = [\d.]+", "min_confidence = 1.0", toml.read_text("utf-8")),
        encoding="utf-8",
    )
    monkeypatch.chdir(review)
    strict = runner.invoke(cli, ["analyse", str(paper)])
    assert strict.exit_code == 0, strict.output
    assert f"Definitions (0; {n_all} below confidence 1.00 not shown" in strict.output


def _write_half(root: Path, half: str, label: str) -> None:
    (root / half / "gold").mkdir(parents=True)
    (root / half / f"{half}.md").write_text(TEXT, encoding="utf-8")
    gold = {
        "file": f"{half}.md",
        "study_design": [label],
        "outcome_reporting": ["none"],
        "definitions": [
            {"term": "integrated care", "anchor": "joining of health and social care", "core": True}
        ],
        "continua": [],
    }
    (root / half / "gold" / f"{half}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_eval_reports_each_half_separately(tmp_path: Path) -> None:
    _write_half(tmp_path, "tuning", "conceptual")
    _write_half(tmp_path, "held-out", "rct")
    assert set(corpus_halves(tmp_path)) == {"tuning", "held-out"}
    runner = CliRunner()
    out = runner.invoke(cli, ["eval", "extraction", "--corpus", str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    halves = json.loads(out.output)["halves"]
    assert list(halves) == ["tuning", "held-out"]
    for half in halves.values():
        assert half["totals"]["definitions"]["found"] == 1
        assert half["totals"]["quotes"]["matched"] == half["totals"]["quotes"]["extracted"]
    design = {k: v["totals"]["study_design"]["matched"] for k, v in halves.items()}
    assert design["tuning"] != design["held-out"]  # scored against each half's own gold
    text = runner.invoke(cli, ["eval", "extraction", "--corpus", str(tmp_path), "--half", "tuning"])
    assert "== tuning half (1 documents) ==" in text.output and "held-out" not in text.output
    bare = tmp_path / "nothing"
    bare.mkdir()
    refused = runner.invoke(cli, ["eval", "extraction", "--corpus", str(bare)])
    assert refused.exit_code != 0 and "no gold files" in str(refused.exception)
