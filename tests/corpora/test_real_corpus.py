"""The real-text corpus (corpora/real): provenance, licences, split and gold.

These are the checks a reviewer relies on before trusting a score measured on
the corpus: every file has a recorded source and a licence that allows
redistribution, every document has gold, the halves are the ones recorded in
split.json, and every gold anchor is text of its document (after the folding
the scorer applies), so a miss is the extractor's, not the gold's.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reviewkit.extract.evaluate import fold_anchor, fold_stage
from reviewkit.ingest.plain import read_text_file

REAL = Path(__file__).resolve().parents[2] / "corpora" / "real"
HALVES = ("tuning", "held-out")
ALLOWED = {"CC0-1.0", "public-domain", "CC-BY", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0"}
DESIGNS = {
    "rct", "non-randomised-controlled", "cohort", "case-control", "cross-sectional",
    "qualitative", "case-study", "mixed-methods", "systematic-review", "narrative-review",
    "economic-evaluation", "protocol", "conceptual", "editorial", "other",
}  # fmt: skip
OUTCOMES = {"outcomes", "process-only", "none"}
KINDS = {"continuum", "levels", "typology", "dichotomy"}


def _manifest() -> list[dict]:
    return json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))["documents"]


def _split() -> dict[str, str]:
    return json.loads((REAL / "split.json").read_text(encoding="utf-8"))["files"]


def _strata() -> dict[str, str]:
    return json.loads((REAL / "split.json").read_text(encoding="utf-8"))["stratum"]


def _documents() -> list[tuple[str, Path]]:
    return sorted((h, p) for h in HALVES for p in (REAL / h).glob("*.md"))


def test_every_file_has_a_source_and_an_open_licence() -> None:
    entries = _manifest()
    assert {e["file"] for e in entries} == {p.name for _, p in _documents()}
    for e in entries:
        assert e["source"].strip(), e["file"]
        assert e["url"].startswith("http"), e["file"]
        assert e["licence"] in ALLOWED, f"{e['file']}: licence {e['licence']!r}"
        assert "NC" not in e["licence"] and "ND" not in e["licence"]


def test_split_size_and_topics() -> None:
    split, stratum = _split(), _strata()
    assert len(split) >= 40
    care = [n for n in split if stratum[n] == "integrated-care-or-health-services"]
    assert len(care) >= 20
    for e in _manifest():
        care_topic = e["topic"] in {"integrated-care", "health-services"}
        assert care_topic == (stratum[e["file"]] == "integrated-care-or-health-services")
    for half in HALVES:
        assert sum(1 for n in care if split[n] == half) >= 10, half


def test_documents_lie_in_the_half_the_split_records() -> None:
    split = _split()
    present = {p.name: h for h, p in _documents()}
    assert present and all(split.get(name) == half for name, half in present.items())
    assert {e["file"]: e["half"] for e in _manifest()} == present


def test_split_follows_its_rule() -> None:
    """Within each topic stratum, files sorted by sha1 of the name alternate halves."""
    split, stratum = _split(), _strata()
    assert set(stratum) == set(split)
    strata: dict[str, list[str]] = {}
    for name in split:
        strata.setdefault(stratum[name], []).append(name)
    for names in strata.values():
        ordered = sorted(names, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
        for i, name in enumerate(ordered):
            assert split[name] == ("tuning" if i % 2 == 0 else "held-out"), name


@pytest.mark.parametrize(("half", "path"), _documents(), ids=lambda x: getattr(x, "name", x))
def test_document_has_valid_gold_whose_anchors_are_its_text(half: str, path: Path) -> None:
    gold_path = REAL / half / "gold" / (path.stem + ".json")
    assert gold_path.is_file(), f"no gold for {path.name}"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["file"] == path.name
    assert gold["study_design"] and set(gold["study_design"]) <= DESIGNS
    assert gold["outcome_reporting"] and set(gold["outcome_reporting"]) <= OUTCOMES
    doc = read_text_file(path)
    pages = [fold_anchor(p.text) for p in doc.pages]
    for d in gold["definitions"]:
        assert d["term"].strip() and isinstance(d["core"], bool)
        anchor = fold_anchor(d["anchor"])
        assert anchor and any(anchor in page for page in pages), d["anchor"]
    for c in gold["continua"]:
        assert len(c["stages"]) >= 2 and isinstance(c["core"], bool)
        assert c.get("kind", "continuum") in KINDS
        text = "".join(pages)
        for stage in c["stages"]:
            assert fold_anchor(stage) in text or fold_stage(stage) in text, stage


def test_every_split_document_is_committed_or_recorded() -> None:
    """Every document of split.json is committed, or the manifest names it and says why not."""
    split = _split()
    present = {p.name for _, p in _documents()}
    manifest = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))
    missing = manifest.get("not_obtained", [])
    recorded = {e["file"]: e for e in missing}
    assert not present & set(recorded), "a file is both committed and recorded as not obtained"
    for e in missing:
        assert split.get(e["file"]) == e["half"], e["file"]
        assert e["reason"].strip() and e["url"].startswith("http"), e["file"]
    assert set(split) == present | set(recorded), sorted(set(split) - present - set(recorded))


def test_no_gold_without_its_document() -> None:
    for half in HALVES:
        for gold_path in (REAL / half / "gold").glob("*.json"):
            assert (REAL / half / (gold_path.stem + ".md")).is_file(), gold_path


def test_quagmire_groups_quote_tuning_pages_verbatim() -> None:
    """Each labelled definition is text of its page in a tuning document (no held-out text)."""
    groups = json.loads((REAL / "quagmire_groups.json").read_text(encoding="utf-8"))
    split = _split()
    for d in groups["definitions"]:
        source = REAL.parents[1] / d["source"]
        assert source.parent.name == "tuning" and split[source.name] == "tuning", d["source"]
        assert d["term"].strip() and d["group"].strip()
        page = read_text_file(source).pages[d["page"] - 1]
        assert fold_anchor(d["definition"]) in fold_anchor(page.text), d["definition"]


def test_labelled_sentences_are_tuning_text_labelled_by_its_gold() -> None:
    """sentences.jsonl: rows are text of their page, labelled 1 exactly where a gold anchor is."""
    rows = [
        json.loads(line)
        for line in (REAL / "tuning" / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(row["file"], []).append(row)
    assert set(by_file) == {p.name for p in (REAL / "tuning").glob("plos_*.md")}
    for name, file_rows in by_file.items():
        pages = read_text_file(REAL / "tuning" / name).pages
        gold = json.loads((REAL / "tuning" / "gold" / name.replace(".md", ".json")).read_text())
        anchors = [fold_anchor(d["anchor"]) for d in gold["definitions"]]
        for row in file_rows:
            assert row["text"] in pages[row["page"] - 1].text, row["text"]
            holds = any(a in fold_anchor(row["text"]) for a in anchors)
            assert row["label"] == (1 if holds else 0), row
        labelled = [fold_anchor(r["text"]) for r in file_rows if r["label"]]
        assert all(any(a in t for t in labelled) for a in anchors), name
