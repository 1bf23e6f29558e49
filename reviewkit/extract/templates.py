"""Extraction templates: which fields an evidence table has, and what fills each.

A template is a YAML file::

    name: integration
    description: ...
    fields:
      - name: study_design
        type: label            # label | text | list | definitions | continua
        allowed: [rct, cohort, ...]   # label fields only; CODEBOOK labels
        extractor: study_design       # a name in EXTRACTORS
        help: ...

Templates ship inside the package (``reviewkit/extract/templates/*.yaml``);
the repository's ``extraction_templates/`` holds identical copies for readers
of the repository. `load_template` validates on load and raises
`reviewkit.errors.TemplateError` with a one-line message naming the file, the
field and what to do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from reviewkit.document import Document, Evidence
from reviewkit.errors import TemplateError
from reviewkit.extract import fields as field_extractors
from reviewkit.extract.design import DESIGN_LABELS
from reviewkit.extract.design import METHOD as DESIGN_METHOD
from reviewkit.extract.outcomes import METHOD as OUTCOME_METHOD
from reviewkit.extract.outcomes import OUTCOME_LABELS

if TYPE_CHECKING:
    from reviewkit.extract.sentences import Sentence

FIELD_TYPES = ("label", "text", "list", "definitions", "continua")
_TEMPLATE_KEYS = {"name", "description", "fields"}
_FIELD_KEYS = {"name", "type", "extractor", "help"}


@dataclass(frozen=True)
class TemplateField:
    """One column of an evidence table.

    Attributes:
        name: the field's name, unique in its template.
        type: "label", "text", "list", "definitions" or "continua".
        extractor: the registered extractor that fills it.
        help: what a reviewer should check, shown in the TUI.
        allowed: the labels a label field may take (CODEBOOK words); else ().
    """

    name: str
    type: str
    extractor: str
    help: str
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """A validated extraction template."""

    name: str
    description: str
    fields: tuple[TemplateField, ...]
    path: str


@dataclass
class FieldValue:
    """What an extractor proposes for one field of one document.

    Attributes:
        field: the template field's name.
        value: JSON-able: a label, a string (or None), a list of strings, or a
            list of objects for definitions and continua; for lists,
            ``evidence[i]`` is the quote of ``value[i]``.
        evidence: verbatim spans of the document supporting the value.
        method: how it was found, e.g. "pattern", "classifier:svm-tfidf-isotonic".
        confidence: in [0, 1]; 0 when nothing was found.
    """

    field: str
    value: Any
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    method: str = "pattern"
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "evidence": [e.to_json() for e in self.evidence],
            "method": self.method,
            "confidence": round(float(self.confidence), 3),
        }


# --- the registry ----------------------------------------------------------------

Extract = Callable[[Document, Sequence["Sentence"], Any], FieldValue]


@dataclass(frozen=True)
class Extractor:
    """A registered extractor: what field types it fills and, for labels, which labels."""

    name: str
    run: Extract
    types: tuple[str, ...]
    labels: tuple[str, ...] = ()
    help: str = ""


EXTRACTORS: dict[str, Extractor] = {}


def register_extractor(
    name: str, types: Sequence[str], labels: Sequence[str] = (), help: str = ""
) -> Callable[[Extract], Extract]:
    """Register `run(doc, sentences, analysis) -> FieldValue` under `name`."""

    def decorate(run: Extract) -> Extract:
        EXTRACTORS[name] = Extractor(name, run, tuple(types), tuple(labels), help)
        return run

    return decorate


def _part(analysis: Any, key: str) -> Any:
    """A part of an analysis given as an `Analysis` object or as contract JSON."""
    if analysis is None:
        return None
    if isinstance(analysis, dict):
        return analysis.get(key)
    return getattr(analysis, key, None)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def _evidence(item: Any) -> Evidence:
    return item if isinstance(item, Evidence) else Evidence(**item)


def _item_json(item: Any) -> dict[str, Any]:
    data = item.to_json() if hasattr(item, "to_json") else dict(item)
    data.pop("evidence", None)
    return data


@register_extractor("study_design", types=("label",), labels=DESIGN_LABELS)
def _study_design(doc: Document, sentences: Sequence[Sentence], analysis: Any) -> FieldValue:
    result = _part(analysis, "study_design")
    if result is None:
        from reviewkit.extract.design import classify_design

        result = classify_design(doc, sentences)
    return FieldValue(
        field="study_design",
        value=_get(result, "label"),
        evidence=[_evidence(e) for e in _get(result, "evidence", [])],
        method=DESIGN_METHOD,
        confidence=float(_get(result, "confidence", 0.0)),
    )


@register_extractor("outcome_reporting", types=("label",), labels=OUTCOME_LABELS)
def _outcome_reporting(doc: Document, sentences: Sequence[Sentence], analysis: Any) -> FieldValue:
    result = _part(analysis, "outcome_reporting")
    if result is None:
        from reviewkit.extract.outcomes import classify_outcomes

        result = classify_outcomes(doc, sentences)
    quotes = list(_get(result, "outcome_evidence", [])) + list(_get(result, "process_evidence", []))
    return FieldValue(
        field="outcome_reporting",
        value=_get(result, "label"),
        evidence=[_evidence(e) for e in quotes],
        method=OUTCOME_METHOD,
        confidence=float(_get(result, "confidence", 0.0)),
    )


def _items(name: str, items: Sequence[Any], method: str) -> FieldValue:
    confidences = [float(_get(i, "confidence", 0.0) or 0.0) for i in items]
    return FieldValue(
        field=name,
        value=[_item_json(i) for i in items],
        evidence=[_evidence(_get(i, "evidence")) for i in items],
        method=method,
        confidence=max(confidences, default=0.0),
    )


@register_extractor("definitions", types=("definitions",))
def _definitions(doc: Document, sentences: Sequence[Sentence], analysis: Any) -> FieldValue:
    items = _part(analysis, "definitions")
    if items is None:
        from reviewkit.extract.definitions import find_definitions

        items = find_definitions(doc, list(sentences))
    return _items("definitions", items, "pattern+classifier")


@register_extractor("continua", types=("continua",))
def _continua(doc: Document, sentences: Sequence[Sentence], analysis: Any) -> FieldValue:
    items = _part(analysis, "continua")
    if items is None:
        from reviewkit.extract.continua import find_continua

        items = find_continua(doc, list(sentences))
    value = _items("continua", items, "pattern")
    # continua carry no confidence of their own; finding one is the pattern's claim
    value.confidence = 0.8 if items else 0.0
    return value


def _hits_extractor(
    name: str, find: Callable[[Document, Sequence[Sentence]], list[Any]], method: str
) -> None:
    def run(doc: Document, sentences: Sequence[Sentence], analysis: Any) -> FieldValue:
        hits = find(doc, sentences)
        return FieldValue(
            field=name,
            value=[h.value for h in hits],
            evidence=[h.evidence for h in hits],
            method=method,
            confidence=max((h.confidence for h in hits), default=0.0),
        )

    register_extractor(name, types=("list", "text"), help=(find.__doc__ or "").split("\n")[0])(run)


for _name, _find, _method in (
    ("country", field_extractors.find_country, "pattern:gazetteer"),
    ("setting", field_extractors.find_setting, "pattern:gazetteer"),
    ("population", field_extractors.find_population, "pattern"),
    ("levels_of_integration", field_extractors.find_levels_of_integration, "pattern"),
    ("pico.population", field_extractors.find_pico_population, "pattern"),
    ("pico.intervention", field_extractors.find_pico_intervention, "pattern"),
    ("pico.comparator", field_extractors.find_pico_comparator, "pattern"),
    ("pico.outcomes", field_extractors.find_pico_outcomes, "pattern"),
):
    _hits_extractor(_name, _find, _method)


# --- loading and validating --------------------------------------------------------


def _package_dir() -> Any:
    return resources.files("reviewkit.extract").joinpath("templates")


def _fail(source: str, problem: str) -> TemplateError:
    return TemplateError(f"{source}: {problem}")


def _parse_field(source: str, index: int, raw: Any, seen: set[str]) -> TemplateField:
    where = f"fields[{index}]"
    if not isinstance(raw, dict):
        raise _fail(source, f"{where} is not a mapping; write it as 'name: ..., type: ...'")
    name = raw.get("name")
    where = f"field '{name}'" if isinstance(name, str) and name else where
    missing = sorted(_FIELD_KEYS - raw.keys())
    if missing:
        raise _fail(source, f"{where} lacks {', '.join(missing)}; add them")
    unknown = sorted(raw.keys() - _FIELD_KEYS - {"allowed"})
    if unknown:
        raise _fail(source, f"{where} has unknown keys {', '.join(unknown)}; remove them")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, f"{where} has no usable name; give it a name such as 'country'")
    if name in seen:
        raise _fail(source, f"{where} appears twice; give each field its own name")
    kind, extractor_name = raw["type"], raw["extractor"]
    if kind not in FIELD_TYPES:
        raise _fail(source, f"{where} has type '{kind}'; use one of {', '.join(FIELD_TYPES)}")
    extractor = EXTRACTORS.get(extractor_name)
    if extractor is None:
        raise _fail(
            source,
            f"{where} names unknown extractor '{extractor_name}'; "
            f"use one of {', '.join(sorted(EXTRACTORS))}",
        )
    if kind not in extractor.types:
        raise _fail(
            source,
            f"{where}: extractor '{extractor_name}' cannot fill a '{kind}' field; "
            f"use type {' or '.join(extractor.types)}",
        )
    allowed = raw.get("allowed")
    if kind == "label":
        if not isinstance(allowed, list) or not allowed:
            raise _fail(source, f"{where} is a label field without 'allowed' labels; list them")
        bad = [str(a) for a in allowed if a not in extractor.labels]
        if bad:
            raise _fail(
                source,
                f"{where} allows {', '.join(bad)}, not CODEBOOK labels of "
                f"'{extractor_name}'; use some of {', '.join(extractor.labels)}",
            )
    elif allowed is not None:
        raise _fail(source, f"{where} is a '{kind}' field; 'allowed' is only for labels")
    seen.add(name)
    return TemplateField(
        name=str(name),
        type=kind,
        extractor=extractor_name,
        help=str(raw["help"]).strip(),
        allowed=tuple(allowed or ()),
    )


def parse_template(text: str, source: str) -> Template:
    """Validate YAML `text` read from `source` (a path, for messages) as a template."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" at line {line + 1}" if line is not None else ""
        raise _fail(source, f"is not valid YAML{at}; fix the syntax") from exc
    if not isinstance(raw, dict):
        raise _fail(source, "is not a YAML mapping; start it with 'name:'")
    missing = sorted(_TEMPLATE_KEYS - raw.keys())
    if missing:
        raise _fail(source, f"lacks {', '.join(missing)}; add them at the top level")
    if not isinstance(raw["fields"], list) or not raw["fields"]:
        raise _fail(source, "has no fields; list at least one under 'fields:'")
    seen: set[str] = set()
    fields = tuple(_parse_field(source, i, f, seen) for i, f in enumerate(raw["fields"]))
    return Template(str(raw["name"]), str(raw["description"]).strip(), fields, source)


def load_template(name_or_path: str | Path) -> Template:
    """Load and validate a template by name ("integration") or from a YAML file.

    Raises:
        TemplateError: the template is unknown or invalid.
    """
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise _fail(str(candidate), "no such template file; check the path")
        return parse_template(candidate.read_text(encoding="utf-8"), str(candidate))
    resource = _package_dir().joinpath(f"{name_or_path}.yaml")
    if not resource.is_file():
        known = ", ".join(t.name for t in list_templates())
        raise TemplateError(f"unknown template '{name_or_path}'; use one of: {known}")
    return parse_template(resource.read_text(encoding="utf-8"), f"{name_or_path}.yaml")


def list_templates() -> list[Template]:
    """The templates shipped with reviewkit, by name."""
    files = sorted(
        (f for f in _package_dir().iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name
    )
    return [parse_template(f.read_text(encoding="utf-8"), f.name) for f in files]


def run_template(
    template: Template, doc: Document, sentences: Sequence[Sentence], analysis: Any = None
) -> list[FieldValue]:
    """Fill every field of `template` for one document.

    Args:
        template: a loaded template.
        doc: the document.
        sentences: its sentences.
        analysis: an `reviewkit.extract.analyse.Analysis` (or its contract
            JSON) already computed for `doc`, whose study design, outcome
            reporting, definitions and continua are reused; None computes them.

    Returns:
        One FieldValue per template field, in template order. A "text" field
        takes the first value found (or None) with its quote.
    """
    values = []
    for spec in template.fields:
        value = EXTRACTORS[spec.extractor].run(doc, sentences, analysis)
        value.field = spec.name
        if spec.type == "text":
            first = value.value[0] if value.value else None
            value.value = first
            value.evidence = value.evidence[:1]
        values.append(value)
    return values
