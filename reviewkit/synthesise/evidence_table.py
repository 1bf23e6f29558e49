"""Evidence tables: one row per included study, one column per template field.

Every cell keeps each value with its status and evidence, so a writer can
show the page it came from ("conceptual (p. 2)") and tell a reviewer's
accepted value ("✓") from an extractor's proposal ("?"). Building the table
(:func:`build_table`) is pure; :func:`evidence_table` gathers its inputs from
a review's store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reviewkit.document import Evidence
from reviewkit.errors import InvalidArgumentError
from reviewkit.store import Store
from reviewkit.store.decisions import final_labels
from reviewkit.store.exports import DocumentMeta, document_metadata, has_decisions
from reviewkit.store.extractions import StoredValue, current_values
from reviewkit.store.records import get_records
from reviewkit.vocabulary import Record

MARK_REVIEWED = "✓"
MARK_PROPOSED = "?"
REVIEWED = ("accepted", "edited")
STATUS_FILTERS = ("all", "accepted")


@dataclass(frozen=True)
class Cell:
    """One extracted value in a table cell.

    Attributes:
        text: the value as one line ("conceptual", "term: definition [Leutz 1999]").
        value: the value as stored (JSON).
        status: proposed, accepted or edited.
    """

    field: str
    value: Any
    text: str
    status: str
    evidence: tuple[Evidence, ...] = ()
    method: str = ""
    confidence: float | None = None
    extraction_id: int | None = None

    @property
    def reviewed(self) -> bool:
        """Accepted or edited by a reviewer (not just proposed)."""
        return self.status in REVIEWED

    @property
    def marker(self) -> str:
        """The status mark shown before the value: reviewed or only proposed."""
        return MARK_REVIEWED if self.reviewed else MARK_PROPOSED

    @property
    def pages(self) -> list[int]:
        """The pages of the value's evidence, in order, each once."""
        return sorted({e.page for e in self.evidence})

    @property
    def page_ref(self) -> str:
        """``p. 2``, ``pp. 2, 5`` or "" when the value has no evidence."""
        pages = self.pages
        if not pages:
            return ""
        return ("p. " if len(pages) == 1 else "pp. ") + ", ".join(map(str, pages))

    def display(self, *, marker: bool = True) -> str:
        """The value with its page reference, e.g. ``✓ conceptual (p. 2)``."""
        text = self.text + (f" ({self.page_ref})" if self.page_ref else "")
        return f"{self.marker} {text}" if marker else text


@dataclass(frozen=True)
class Study:
    """An included study: its record and/or document, and a short citation key."""

    key: str
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    doi: str = ""
    record_id: int | None = None
    doc_sha256: str | None = None
    path: str = ""


@dataclass(frozen=True)
class EvidenceRow:
    """One study of the table and, per template field, its values (cells)."""

    study: Study
    cells: dict[str, list[Cell]]


@dataclass(frozen=True)
class EvidenceTable:
    """Rows of studies, columns of template fields.

    Attributes:
        template: the extraction template the values came from.
        fields: the field columns, in template order.
        status: "all" (proposed values too) or "accepted" (accepted/edited only).
        notes: what a reader of the table must know (how studies were chosen).
    """

    template: str
    fields: list[str]
    rows: list[EvidenceRow]
    status: str = "all"
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- values as text


def _flat(text: object) -> str:
    return " ".join(str(text).split())


def value_text(value: Any) -> str:
    """One line for a stored value: a label, a definition, a continuum, a phrase."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(t for t in (value_text(v) for v in value) if t)
    if not isinstance(value, dict):
        return _flat(value)
    source = f" [{_flat(value['attributed_to'])}]" if value.get("attributed_to") else ""
    if "term" in value and "definition" in value:
        return f"{_flat(value['term'])}: {_flat(value['definition'])}{source}"
    if "stages" in value:
        names = [_flat(s.get("name", "") if isinstance(s, dict) else s) for s in value["stages"]]
        kind = f"{_flat(value['kind'])}: " if value.get("kind") else ""
        return f"{kind}{' → '.join(names)}{source}"
    if "label" in value:
        return _flat(value["label"])
    if "value" in value:
        return value_text(value["value"])
    return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items() if v not in (None, ""))


def cells_of(v: StoredValue) -> list[Cell]:
    """A stored value as cells: one per item of a list value, each with its own quote.

    Templates store list values with ``evidence[i]`` quoting ``value[i]``; when
    the counts differ the list stays one cell with all its quotes. A value
    with no text (nothing found) gives no cell.
    """
    items: list[tuple[Any, tuple[Evidence, ...]]]
    if isinstance(v.value, list) and len(v.value) == len(v.evidence):
        items = [(item, (e,)) for item, e in zip(v.value, v.evidence, strict=True)]
    else:
        items = [(v.value, tuple(v.evidence))]
    return [
        Cell(
            field=v.field,
            value=item,
            text=text,
            status=v.status,
            evidence=evidence,
            method=v.method or "",
            confidence=v.confidence,
            extraction_id=v.id,
        )
        for item, evidence in items
        if (text := value_text(item))
    ]


# ---------------------------------------------------------------- the table


def build_table(
    studies: Sequence[Study],
    values: Iterable[StoredValue],
    fields: Sequence[str],
    *,
    template: str,
    status: str = "all",
    notes: Sequence[str] = (),
    min_confidence: float = 0.0,
) -> EvidenceTable:
    """Put each study's current values into the template's columns.

    Rejected values are never shown; with ``status="accepted"`` proposals are
    left out too. Fields that have values but are not in `fields` are added
    after them, so nothing extracted is dropped silently. A proposal (not yet
    reviewed) whose confidence, or its item's own confidence in a list value,
    is below `min_confidence` is left out.

    Raises:
        InvalidArgumentError: (a ValueError) for a status filter other than
            "all" or "accepted".
    """
    if status not in STATUS_FILTERS:
        raise InvalidArgumentError(f"status must be one of {STATUS_FILTERS}, got {status!r}")
    by_doc: dict[str, list[StoredValue]] = {}
    for v in values:
        if v.status == "rejected" or (status == "accepted" and v.status not in REVIEWED):
            continue
        by_doc.setdefault(v.doc_sha256, []).append(v)
    columns = list(fields)
    for doc_values in by_doc.values():
        columns += [v.field for v in doc_values if v.field not in columns]
    rows = []
    for study in studies:
        cells: dict[str, list[Cell]] = {f: [] for f in columns}
        for v in by_doc.get(study.doc_sha256 or "", []):
            cells[v.field] += [c for c in cells_of(v) if _above(c, min_confidence)]
        rows.append(EvidenceRow(study, cells))
    return EvidenceTable(template, columns, rows, status, list(notes))


def _above(cell: Cell, min_confidence: float) -> bool:
    if cell.reviewed or min_confidence <= 0:
        return True
    own = cell.value.get("confidence") if isinstance(cell.value, dict) else None
    confidence = own if isinstance(own, int | float) else cell.confidence
    return confidence is None or confidence >= min_confidence


def study_key(authors: Sequence[str], year: int | None, fallback: str) -> str:
    """A short citation: "Leutz 1999", "Glasby & Dickinson 2014", "Kodner et al. 2002"."""
    names = [_surname(a) for a in authors if a.strip()]
    if not names:
        who = fallback if len(fallback) <= 60 else fallback[:59] + "…"
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {year}" if year and names else who


def _surname(author: str) -> str:
    author = _flat(author)
    return author.split(",")[0] if "," in author else author.split()[-1]


def _unique_keys(studies: list[Study]) -> list[Study]:
    """Tell apart studies with the same key: "Smith 2020a", "Smith 2020b"."""
    counts: dict[str, int] = {}
    for s in studies:
        counts[s.key] = counts.get(s.key, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for s in studies:
        if counts[s.key] > 1:
            n = seen.get(s.key, 0)
            seen[s.key] = n + 1
            s = replace(s, key=f"{s.key}{chr(ord('a') + n % 26)}")
        out.append(s)
    return out


def inclusion_stage(store: Store) -> str | None:
    """The stage whose final includes are the included studies.

    "full-text" once any full-text decision exists, else "title-abstract" when
    titles and abstracts were screened, else None (nothing screened yet).
    """
    for stage in ("full-text", "title-abstract"):
        if has_decisions(store, stage):
            return stage
    return None


def included_record_ids(store: Store) -> list[int]:
    """Records finally included at the :func:`inclusion_stage`, by id."""
    stage = inclusion_stage(store)
    if stage is None:
        return []
    return [rid for rid, label in final_labels(store, stage).items() if label == "include"]


def included_studies(store: Store) -> tuple[list[Study], list[str]]:
    """The included studies, one per linked document, and notes on how they were chosen.

    Included means the final full-text include when any full-text decision
    exists, else the final title-abstract include. When nothing has been
    screened, every ingested document counts as included.
    """
    docs = document_metadata(store)
    stage = inclusion_stage(store)
    notes: list[str] = []
    if stage is None:
        notes.append(
            f"No screening decisions are recorded: every ingested document ({len(docs)}) "
            "is treated as an included study."
        )
        studies = [_doc_study(d, None) for d in docs]
        return _unique_keys(sorted(studies, key=_order)), notes
    included = included_record_ids(store)
    notes.append(f"Included studies: final '{stage}' includes ({len(included)} records).")
    by_record: dict[int, list[DocumentMeta]] = {}
    for d in docs:
        if d.record_id is not None:
            by_record.setdefault(d.record_id, []).append(d)
    studies = []
    no_text = 0
    for record in get_records(store, included):
        linked = by_record.get(record.id or 0, [])
        if not linked:
            no_text += 1
            key = study_key(record.authors, record.year, record.title or f"record {record.id}")
            studies.append(
                Study(key, record.title, tuple(record.authors), record.year, record.doi, record.id)
            )
        studies += [_doc_study(d, record) for d in linked]
    if no_text:
        notes.append(
            f"{no_text} included record(s) have no ingested full text: "
            "their rows have no extracted values."
        )
    unlinked = sum(1 for d in docs if d.record_id is None)
    if unlinked:
        notes.append(
            f"{unlinked} ingested document(s) are not linked to a record and are left out."
        )
    return _unique_keys(sorted(studies, key=_order)), notes


def _doc_study(doc: DocumentMeta, record: Record | None) -> Study:
    title = (record.title if record else "") or doc.title
    authors = tuple((record.authors if record else []) or doc.authors)
    year = (record.year if record else None) or doc.year
    doi = (record.doi if record else "") or doc.doi
    fallback = title or doc.path.rsplit("/", 1)[-1]
    return Study(
        study_key(authors, year, fallback),
        title,
        authors,
        year,
        doi,
        doc.record_id,
        doc.sha256,
        doc.path,
    )


def _order(s: Study) -> tuple[str, int, str]:
    return (s.key.casefold(), s.year or 0, s.title.casefold())


def evidence_table(
    store: Store, template: str, *, status: str = "all", min_confidence: float = 0.0
) -> EvidenceTable:
    """The evidence table of a review: included studies x the template's fields.

    Args:
        template: the extraction template's name (or path).
        status: "all" shows proposals marked "?"; "accepted" only accepted/edited values.
        min_confidence: proposals whose confidence is below it are left out
            (the review's ``extract.min_confidence``; 0 shows every proposal).
    """
    from reviewkit.extract.templates import load_template  # numpy: only when exporting

    spec = load_template(template)
    studies, notes = included_studies(store)
    values = current_values(store, template=spec.name)
    if status == "accepted":
        notes.append("Only values accepted or edited by a reviewer are shown.")
    fields = [f.name for f in spec.fields]
    return build_table(
        studies,
        values,
        fields,
        template=spec.name,
        status=status,
        notes=notes,
        min_confidence=min_confidence,
    )
