"""Extraction templates: loading, validation messages, running, package copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewkit.errors import TemplateError
from reviewkit.extract.outcomes import OUTCOME_LABELS
from reviewkit.extract.sentences import split_sentences
from reviewkit.extract.templates import (
    EXTRACTORS,
    FieldValue,
    list_templates,
    load_template,
    run_template,
)
from tests.extract.conftest import make_doc
from tests.extract.test_design import TRIAL

REPO = Path(__file__).resolve().parents[2]
PACKAGE_TEMPLATES = REPO / "reviewkit" / "extract" / "templates"

VALID = """name: mine
description: a test template
fields:
  - name: design
    type: label
    allowed: [rct, cohort]
    extractor: study_design
    help: the design
  - name: where
    type: text
    extractor: country
    help: the country
"""


def test_shipped_templates_load() -> None:
    names = [t.name for t in list_templates()]
    assert names == ["generic", "integration"]
    integration = load_template("integration")
    assert [f.name for f in integration.fields] == [
        "definitions",
        "continua",
        "study_design",
        "outcome_reporting",
        "setting",
        "population",
        "country",
        "levels_of_integration",
    ]
    generic = load_template("generic")
    assert {"population", "intervention", "comparator", "outcomes"} <= {
        f.name for f in generic.fields
    }
    outcome = next(f for f in integration.fields if f.name == "outcome_reporting")
    assert outcome.allowed == OUTCOME_LABELS


def test_repository_copies_match_the_package_data() -> None:
    repo_copies = sorted((REPO / "extraction_templates").glob("*.yaml"))
    package = sorted(PACKAGE_TEMPLATES.glob("*.yaml"))
    assert [p.name for p in repo_copies] == [p.name for p in package]
    for a, b in zip(repo_copies, package, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a} differs from {b}: copy the package file"


def test_templates_use_codebook_labels(shared_dir: Path) -> None:
    codebook = (shared_dir / "CODEBOOK.md").read_text(encoding="utf-8")
    for template in list_templates():
        for spec in template.fields:
            for label in spec.allowed:
                assert f"`{label}`" in codebook


def test_load_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(VALID, encoding="utf-8")
    template = load_template(path)
    assert template.name == "mine"
    assert template.fields[0].allowed == ("rct", "cohort")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("extractor: country", "extractor: countries", "unknown extractor 'countries'"),
        ("    help: the country\n", "", "field 'where' lacks help"),
        ("allowed: [rct, cohort]", "allowed: [rct, RCT]", "allows RCT"),
        ("allowed: [rct, cohort]", "allowed: []", "without 'allowed'"),
        ("type: text", "type: number", "has type 'number'"),
        ("type: text", "type: label", "cannot fill a 'label' field"),
        ("name: where", "name: design", "field 'design' appears twice"),
        ("name: where", "name: 12", "has no usable name"),
        ("description: a test template\n", "", "lacks description"),
        ("fields:", "fields: [", "not valid YAML"),
        ("    help: the design\n", "    help: the design\n    colour: red\n", "unknown keys"),
    ],
)
def test_invalid_templates_name_the_file_and_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in VALID
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.replace(old, new), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(path)
    message = str(info.value)
    assert str(path) in message
    assert expected in message
    assert "\n" not in message


def test_unknown_template_name_lists_the_known_ones() -> None:
    with pytest.raises(TemplateError, match="unknown template 'nope'.*generic.*integration"):
        load_template("nope")


def test_missing_file() -> None:
    with pytest.raises(TemplateError, match="no such template file"):
        load_template("does/not/exist.yaml")


def test_every_template_extractor_is_registered() -> None:
    for template in list_templates():
        assert {f.extractor for f in template.fields} <= EXTRACTORS.keys()


@pytest.mark.parametrize("name", ["integration", "generic"])
def test_run_template_on_a_trial(name: str) -> None:
    doc = make_doc(TRIAL)
    template = load_template(name)
    values = run_template(template, doc, split_sentences(doc))
    assert [v.field for v in values] == [f.name for f in template.fields]
    by_field = {v.field: v for v in values}
    assert by_field["study_design"].value == "rct"
    assert by_field["country"].value == ["Wales"]
    for value in values:
        assert isinstance(value, FieldValue)
        json.dumps(value.to_json())
        assert 0.0 <= value.confidence <= 1.0
        assert value.method
        for e in value.evidence:
            assert doc.page(e.page).text[e.char_start : e.char_end] == e.quote
    if name == "integration":
        assert by_field["outcome_reporting"].value == "outcomes"
    else:
        assert by_field["comparator"].value == ["usual care"]


def test_text_fields_take_the_first_value(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(VALID, encoding="utf-8")
    doc = make_doc("We studied care in Wales. Some services were in England and Wales.")
    values = run_template(load_template(path), doc, split_sentences(doc))
    where = values[1]
    assert where.value == "Wales"
    assert len(where.evidence) == 1


def test_run_template_reuses_a_given_analysis() -> None:
    doc = make_doc(TRIAL)
    quote = doc.pages[0].text[:20]
    analysis = {
        "study_design": {
            "label": "cohort",
            "confidence": 0.4,
            "evidence": [{"page": 1, "quote": quote, "char_start": 0, "char_end": 20}],
        },
        "outcome_reporting": {
            "label": "none",
            "confidence": 0.3,
            "outcome_evidence": [],
            "process_evidence": [],
        },
        "definitions": [],
        "continua": [],
    }
    values = run_template(load_template("integration"), doc, split_sentences(doc), analysis)
    by_field = {v.field: v for v in values}
    assert by_field["study_design"].value == "cohort"
    assert by_field["study_design"].evidence[0].quote == quote
    assert by_field["outcome_reporting"].value == "none"
    assert by_field["definitions"].value == []


def test_run_template_with_an_analysis_object(truth_doc) -> None:
    from reviewkit.extract.analyse import analyse_document

    doc = truth_doc("001_iriss_insight_report")
    sentences = split_sentences(doc)
    analysis = analyse_document(doc, sentences)
    values = run_template(load_template("integration"), doc, sentences, analysis)
    by_field = {v.field: v for v in values}
    assert by_field["study_design"].value == analysis.study_design.label
    definitions = by_field["definitions"]
    assert len(definitions.value) == len(definitions.evidence) == len(analysis.definitions)
    assert all({"term", "definition"} <= item.keys() for item in definitions.value)
    assert by_field["levels_of_integration"].value == ["macro", "meso", "micro"]
    json.dumps([v.to_json() for v in values])
